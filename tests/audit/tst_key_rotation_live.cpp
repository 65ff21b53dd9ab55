// Issue 17: the data key rotated from the running console (Security → Rotate the data
// key) while events keep arriving: a seeded city published through a scripted gateway
// into the real window, store and SQLite file. Afterwards every sealed value opens with
// the new key and none with the old, no event is lost, the status bar said so and the
// rotation is on the audit chain. A role without the permission has no such entry.
#include "app/assembly/KeyRotationRunner.h"
#include "app/assembly/WindowConsole.h"
#include "app/shell/MainWindow.h"
#include "ScriptedGateway.h"
#include "sim/City.h"
#include "sim/Simulation.h"
#include "store/audit/AuditLog.h"
#include "store/db/KeyRotation.h"
#include "store/db/PersonalDataCipher.h"
#include "store/db/RowCodec.h"
#include "store/db/Sqlite.h"
#include "store/db/StoreWorker.h"
#include "store/log/EventStore.h"
#include "store/log/LiveKeyRotation.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

using namespace opsdeck;

namespace {

constexpr std::int64_t kStartMs = 1796630400000; // 2026-12-07 08:00:00 UTC

app::ConsoleOptions optionsOn(const feed::test::ScriptedGateway &gw, const QTemporaryDir &dir, const QString &role)
{
    app::ConsoleOptions o;
    o.runtime.feed = gw.feedEndpoint();
    o.runtime.snapshot = gw.snapshotEndpoint();
    o.runtime.control = gw.controlEndpoint();
    o.runtime.dbPath = dir.filePath(QStringLiteral("ops.db"));
    o.runtime.keyDir = dir.filePath(QStringLiteral("keys"));
    o.runtime.clockMs = [] { return kStartMs; };
    o.settingsPath = dir.filePath(QStringLiteral("console.ini"));
    o.role = role;
    o.user = QStringLiteral("root");
    return o;
}

QString onlyKeyFile(const QString &keyDir)
{
    const QStringList files = QDir(keyDir).entryList(QDir::Files);
    return files.size() == 1 ? QDir(keyDir).filePath(files.front()) : QString();
}

struct Opened {
    int values = 0;
    int withNew = 0;
    int withOld = 0;
};

// Every sealed order and event body of the file, tried with both keys.
Opened tryKeys(const QString &dbPath, const store::PersonalDataCipher &newKey, const store::PersonalDataCipher &oldKey)
{
    Opened o;
    store::Database db(QFile::encodeName(dbPath).toStdString(), SQLITE_OPEN_READONLY);
    const auto tally = [&o, &newKey, &oldKey](const std::string &value, const std::string &ad) {
        ++o.values;
        o.withNew += newKey.open(value, ad).has_value();
        o.withOld += oldKey.open(value, ad).has_value();
    };
    store::Statement orders = db.prepare("SELECT order_id, pii FROM orders WHERE pii IS NOT NULL");
    while (orders.step())
        tally(orders.columnBlob(1), store::orderPiiAd(orders.columnText(0)));
    store::Statement events = db.prepare("SELECT e.body, s.epoch, s.depot, e.seq FROM events e JOIN streams s "
                                         "ON s.id = e.key >> 40 WHERE e.sealed = 1");
    while (events.step())
        tally(events.columnBlob(0), store::eventBodyAd(events.columnText(1), events.columnText(2), events.columnInt(3)));
    return o;
}

} // namespace

class TestKeyRotationLive final : public QObject
{
    Q_OBJECT
private slots:
    void rotateWhileEventsArrive()
    {
        QTemporaryDir dir;
        sim::SimulationOptions so;
        so.seed = 17;
        so.riders = 16;
        so.ordersPerMin = 240;
        so.depots = 2;
        so.startMs = kStartMs;
        sim::Simulation simulation(sim::City::load(), so);
        std::vector<sim::WireMessage> messages;
        for (int i = 0; i < 180; ++i)
            simulation.step(1000, messages);
        feed::test::ScriptedGateway gw(simulation.epoch());
        for (const auto &[depot, seq] : simulation.seqs())
            gw.lose(depot, 0);
        const app::ConsoleOptions options = optionsOn(gw, dir, QStringLiteral("admin"));
        app::WindowConsole console(options, {dir.path()});
        QString error;
        QVERIFY2(console.start(&error), qPrintable(error));
        QVERIFY(gw.waitForSubscriber(10000));
        std::size_t sent = 0;
        const auto publishUpTo = [&](std::size_t end) {
            for (; sent < end; ++sent)
                gw.publishFrames({messages[sent].topic, messages[sent].envelope});
            return QTest::qWaitFor(
                [&] { return console.assembly().runtime().eventsPersisted() >= static_cast<std::int64_t>(end); }, 30000);
        };
        const std::size_t slice = messages.size() / 6;
        QVERIFY(publishUpTo(2 * slice));

        const QString keyFile = onlyKeyFile(options.runtime.keyDir);
        QVERIFY(!keyFile.isEmpty());
        QVERIFY(QFile::copy(keyFile, dir.filePath(QStringLiteral("old.key"))));
        auto *action = console.window()->findChild<QAction *>(QStringLiteral("rotateKeyAction"));
        QVERIFY(action);
        auto *runner = console.window()->findChild<app::KeyRotationRunner *>(QStringLiteral("keyRotationRunner"));
        QVERIFY(runner);
        runner->setRowsPerStep(3); // many steps, with the ingest's writes between them
        QSignalSpy finished(runner, &app::KeyRotationRunner::finished);
        QSignalSpy progress(runner, &app::KeyRotationRunner::progress);
        QSignalSpy shown(console.window()->statusBar(), &QStatusBar::messageChanged);
        action->trigger();
        // Events keep coming while the steps run on the store thread.
        for (std::size_t k = 3; k <= 6; ++k)
            QVERIFY(publishUpTo(k == 6 ? messages.size() : k * slice));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(2).toString()));
        QVERIFY(finished.at(0).at(1).toLongLong() > 0);
        QVERIFY(progress.count() > 10);
        QStringList said;
        for (const auto &args : shown)
            said << args.at(0).toString();
        QVERIFY2(!said.isEmpty() && said.first().startsWith(QLatin1String("Rotating the data key")),
                 qPrintable(said.join(QLatin1Char('\n'))));
        QVERIFY2(said.filter(QStringLiteral("Data key rotated:")).size() == 1, qPrintable(said.join(QLatin1Char('\n'))));
        QVERIFY(publishUpTo(messages.size()));
        const auto counters = console.assembly().runtime().storeWorker()->counters();
        QCOMPARE(counters.jobErrors, 0);
        QCOMPARE(counters.writeErrors, 0);
        QCOMPARE(counters.droppedBatches, 0);
        console.shutdown();

        QVERIFY(!QFile::exists(keyFile + QStringLiteral(".next")));
        const auto newKey = store::PersonalDataCipher::fromKeyFile(keyFile, store::PersonalDataCipher::KeyFileMode::MustExist);
        const auto oldKey = store::PersonalDataCipher::fromKeyFile(dir.filePath(QStringLiteral("old.key")),
                                                                   store::PersonalDataCipher::KeyFileMode::MustExist);
        QVERIFY(newKey.keyId() != oldKey.keyId());
        const Opened opened = tryKeys(options.runtime.dbPath, newKey, oldKey);
        QVERIFY(opened.values > 100);
        QCOMPARE(opened.withNew, opened.values);
        QCOMPARE(opened.withOld, 0);

        // The file opens as before with its key, and every logged event reads.
        store::EventStore::Options storeOptions;
        storeOptions.keyDir = options.runtime.keyDir;
        store::EventStore reopened;
        reopened.open(options.runtime.dbPath, storeOptions);
        std::int64_t read = 0;
        reopened.forEachEvent([&read](const store::LoggedEvent &) { ++read; });
        QCOMPARE(read, reopened.database().queryInt("SELECT count(*) FROM events"));
        reopened.close();

        store::Database db(QFile::encodeName(options.runtime.dbPath).toStdString(), SQLITE_OPEN_READONLY);
        store::AuditFilter rotations;
        rotations.action = "key.rotate";
        const auto rows = store::readAudit(db, rotations);
        QCOMPARE(rows.size(), std::size_t(1));
        QCOMPARE(rows[0].record.outcome, std::string("ok"));
        QCOMPARE(rows[0].record.user, std::string("root"));
        QVERIFY(store::verifyAuditChain(db).whole);
    }

    // A console closed mid-rotation (here: stopped after a step count) leaves the file
    // with two keys; the next start opens it, finishes the rotation in the background
    // (whatever the role: it was authorised when it began) and says so.
    void aRotationCutShortIsFinishedAtTheNextStart()
    {
        QTemporaryDir dir;
        sim::SimulationOptions so;
        so.seed = 26;
        so.riders = 8;
        so.ordersPerMin = 240;
        so.startMs = kStartMs;
        sim::Simulation simulation(sim::City::load(), so);
        std::vector<sim::WireMessage> messages;
        for (int i = 0; i < 60; ++i)
            simulation.step(1000, messages);
        feed::test::ScriptedGateway gw(simulation.epoch());
        for (const auto &[depot, seq] : simulation.seqs())
            gw.lose(depot, 0);
        const app::ConsoleOptions options = optionsOn(gw, dir, QStringLiteral("dispatcher"));
        {
            app::WindowConsole console(options, {dir.path()});
            QString error;
            QVERIFY2(console.start(&error), qPrintable(error));
            QVERIFY(gw.waitForSubscriber(10000));
            for (const auto &m : messages)
                gw.publishFrames({m.topic, m.envelope});
            QVERIFY(QTest::qWaitFor(
                [&] { return console.assembly().runtime().eventsPersisted() >= std::int64_t(messages.size()); }, 30000));
            console.shutdown();
        }
        const QString keyFile = onlyKeyFile(options.runtime.keyDir);
        QVERIFY(QFile::copy(keyFile, dir.filePath(QStringLiteral("old.key"))));
        {
            store::EventStore::Options storeOptions;
            storeOptions.keyDir = options.runtime.keyDir;
            store::EventStore cut;
            cut.open(options.runtime.dbPath, storeOptions);
            store::LiveKeyRotation rotation(cut, nullptr);
            rotation.begin();
            QVERIFY(!rotation.step(3));
            QVERIFY(!rotation.step(3)); // two steps, then the console "closes"
            QVERIFY(store::KeyRotation::pending(cut.database()));
        }
        QVERIFY(QFile::copy(keyFile + QStringLiteral(".next"), dir.filePath(QStringLiteral("new.key"))));

        {
            app::WindowConsole console(options, {dir.path()});
            QString error;
            QVERIFY2(console.start(&error), qPrintable(error)); // refused before
            auto *runner = console.window()->findChild<app::KeyRotationRunner *>(QStringLiteral("keyRotationRunner"));
            QVERIFY(runner);
            QSignalSpy shown(console.window()->statusBar(), &QStatusBar::messageChanged);
            QTRY_VERIFY_WITH_TIMEOUT(!runner->running(), 30000);
            QStringList said;
            for (const auto &args : shown)
                said << args.at(0).toString();
            QVERIFY2(said.filter(QStringLiteral("Finishing the data key rotation")).size() == 1, qPrintable(said.join('\n')));
            QVERIFY2(said.filter(QStringLiteral("Data key rotated:")).size() == 1, qPrintable(said.join('\n')));
            QCOMPARE(console.assembly().runtime().storeWorker()->counters().jobErrors, 0);
            console.shutdown();
        }
        QVERIFY(!QFile::exists(keyFile + QStringLiteral(".next")));
        const auto newKey = store::PersonalDataCipher::fromKeyFile(keyFile, store::PersonalDataCipher::KeyFileMode::MustExist);
        const auto expected = store::PersonalDataCipher::fromKeyFile(dir.filePath(QStringLiteral("new.key")),
                                                                     store::PersonalDataCipher::KeyFileMode::MustExist);
        const auto oldKey = store::PersonalDataCipher::fromKeyFile(dir.filePath(QStringLiteral("old.key")),
                                                                   store::PersonalDataCipher::KeyFileMode::MustExist);
        QCOMPARE(newKey.keyId(), expected.keyId());
        const Opened opened = tryKeys(options.runtime.dbPath, newKey, oldKey);
        QVERIFY(opened.values > 20);
        QCOMPARE(opened.withNew, opened.values);
        QCOMPARE(opened.withOld, 0);
        store::EventStore::Options storeOptions;
        storeOptions.keyDir = options.runtime.keyDir;
        store::EventStore reopened; // as any tool opens it: nothing pending any more
        reopened.open(options.runtime.dbPath, storeOptions);
        QVERIFY(!store::KeyRotation::pending(reopened.database()));
    }

    void noEntryForRolesThatMayNotRotate()
    {
        QTemporaryDir dir;
        feed::test::ScriptedGateway gw;
        for (const char *role : {"ops_manager", "dispatcher", "customer_service", "merchant"}) {
            app::WindowConsole console(optionsOn(gw, dir, QLatin1String(role)), {dir.path()});
            QString error;
            QVERIFY2(console.start(&error), qPrintable(error));
            QVERIFY2(!console.window()->findChild<QAction *>(QStringLiteral("rotateKeyAction")), role);
            console.shutdown();
        }
    }
};

QTEST_MAIN(TestKeyRotationLive)
#include "tst_key_rotation_live.moc"
