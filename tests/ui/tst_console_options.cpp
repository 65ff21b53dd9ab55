// The console's command line: every option parsed, every bad value refused with a
// message (the caller prints it with the usage and exits 2), nothing half-applied.

#include "app/runtime/ConsoleOptions.h"

#include <QCoreApplication>
#include <QTemporaryDir>
#include <QTest>

using namespace opsdeck::app;

namespace {
std::optional<ConsoleOptions> parse(QStringList args, QString *error)
{
    args.prepend(QStringLiteral("opsdeck"));
    QString help;
    return parseConsoleOptions(args, error, &help);
}
} // namespace

class TestConsoleOptions final : public QObject
{
    Q_OBJECT
private slots:
    void embeddedDefaultsAndEveryOption()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("ops.db"));
        QString error;
        auto o = parse({"--db", db}, &error);
        QVERIFY2(o, qPrintable(error));
        QVERIFY(o->runtime.feed.empty()); // embedded gateway
        QCOMPARE(o->role, QStringLiteral("dispatcher"));
        QCOMPARE(o->runtime.embeddedTimeScale, 1.0);
        QVERIFY(o->principal.demo); // the embedded demo: --role picks the demo user's desk
        QCOMPARE(o->principal.role, std::string("dispatcher"));
        QCOMPARE(o->runtime.embeddedPrerollMs, kWarmStartPrerollMs); // a warm start unless --cold
        QCOMPARE(o->runtime.embeddedReplayMs, kWarmStartReplayMs);

        o = parse({"--feed", "tcp://10.0.0.5:5556", "--snapshot", "tcp://10.0.0.5:5557", "--control",
                   "tcp://10.0.0.5:5558", "--depot", "BJ-CY-01", "--depot", "BJ-HD-02", "--db", db, "--headless",
                   "--duration", "2.5", "--role", "ops_manager", "--user", "wang", "--lang", "zh_CN"},
                  &error);
        QVERIFY2(o, qPrintable(error));
        QCOMPARE(o->runtime.feed, std::string("tcp://10.0.0.5:5556"));
        QCOMPARE(o->runtime.depots.size(), std::size_t(2));
        QVERIFY(o->headless);
        QCOMPARE(o->durationSeconds, 2.5);
        QCOMPARE(o->role, QStringLiteral("ops_manager"));
        QCOMPARE(o->user, QStringLiteral("wang"));
        QCOMPARE(o->locale, QStringLiteral("zh_CN"));
        QVERIFY(!o->principal.demo); // a real feed: the window replaces it by the signed-in user

        o = parse({"--db", db, "--seed", "7", "--riders", "300", "--orders-per-min", "240", "--time-scale", "20"},
                  &error);
        QVERIFY2(o, qPrintable(error));
        QCOMPARE(o->runtime.embeddedSeed, std::uint64_t(7));
        QCOMPARE(o->runtime.embeddedRiders, 300);
        QCOMPARE(o->runtime.embeddedOrdersPerMin, 240.0);
        QCOMPARE(o->runtime.embeddedTimeScale, 20.0);

        o = parse({"--db", db, "--cold"}, &error);
        QVERIFY2(o, qPrintable(error));
        QCOMPARE(o->runtime.embeddedPrerollMs, std::int64_t(0));
        QCOMPARE(o->runtime.embeddedReplayMs, std::int64_t(0));
    }

    void badInputIsRefusedWithAMessage_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("feed without snapshot") << QStringList{"--feed", "tcp://a:1"} << "--snapshot";
        QTest::newRow("snapshot without feed") << QStringList{"--snapshot", "tcp://a:1", "--control", "tcp://a:2"} << "--feed";
        QTest::newRow("negative duration") << QStringList{"--duration", "-1"} << "--duration";
        QTest::newRow("duration not a number") << QStringList{"--duration", "soon"} << "--duration";
        QTest::newRow("seed not a number") << QStringList{"--seed", "x"} << "--seed";
        QTest::newRow("no riders") << QStringList{"--riders", "0"} << "--riders";
        QTest::newRow("riders not a number") << QStringList{"--riders", "many"} << "--riders";
        QTest::newRow("zero intake") << QStringList{"--orders-per-min", "0"} << "--orders-per-min";
        QTest::newRow("time scale zero") << QStringList{"--time-scale", "0"} << "--time-scale";
        QTest::newRow("time scale huge") << QStringList{"--time-scale", "100000"} << "--time-scale";
        QTest::newRow("unknown role") << QStringList{"--role", "janitor"} << "janitor"; // admin is a role now
        QTest::newRow("unknown option") << QStringList{"--frobnicate"} << "frobnicate";
        QTest::newRow("stray argument") << QStringList{"extra"} << "extra";
        QTest::newRow("missing value") << QStringList{"--db"} << "db";
    }
    void badInputIsRefusedWithAMessage()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        QString error;
        const auto o = parse(args, &error);
        QVERIFY(!o);
        QVERIFY2(error.contains(mentions), qPrintable(error));
    }

    void helpIsNotAnError()
    {
        QString error = QStringLiteral("untouched");
        QVERIFY(!parse({"--help"}, &error));
        QVERIFY(error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestConsoleOptions)
#include "tst_console_options.moc"
