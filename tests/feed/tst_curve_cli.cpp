// The CURVE command line, as processes: `opsdeck keygen` writes a usable pair (secret
// 0600), a real opsfeed serving CURVE with an allow-list answers `opsdeck ctl` with an
// allowed key and not a stranger's, and every malformed key file is refused at start
// with an exit code and a message naming the file.
#include "feed/curve/CurveKeys.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

namespace curve = opsdeck::feed::curve;

namespace {

struct Run {
    int exitCode = -1;
    QString out, err;
};

Run run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    Run r;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return r;
    }
    r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    r.out = QString::fromLocal8Bit(process.readAllStandardOutput());
    r.err = QString::fromLocal8Bit(process.readAllStandardError());
    return r;
}

const QString kOpsdeck = QStringLiteral(OPSDECK_BINARY);
const QString kOpsfeed = QStringLiteral(OPSFEED_BINARY);

} // namespace

class TestCurveCli final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    Run keygen(const QString &out, const QString &name)
    {
        return run(kOpsdeck, {QStringLiteral("keygen"), QStringLiteral("--out"), out, QStringLiteral("--name"), name});
    }

private slots:
    void keygenWritesAUsablePair()
    {
        const Run r = keygen(path(QStringLiteral("k")), QStringLiteral("console"));
        QCOMPARE(r.exitCode, 0);
        QString error;
        const auto pub = curve::readKeyFile(path(QStringLiteral("k/console.pub")), &error);
        const auto secret = curve::readKeyFile(path(QStringLiteral("k/console.key")), &error);
        QVERIFY2(pub && secret, qPrintable(error));
        QCOMPARE(r.out.trimmed().toStdString(), *pub); // printed for the gateway's operator
        QCOMPARE(curve::publicFromSecret(*secret).value_or(""), *pub);
        struct stat st{};
        QCOMPARE(::stat(path(QStringLiteral("k/console.key")).toLocal8Bit().constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);

        const Run again = keygen(path(QStringLiteral("k")), QStringLiteral("console"));
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains(QStringLiteral("not overwriting")), qPrintable(again.err));
        QCOMPARE(curve::readKeyFile(path(QStringLiteral("k/console.key")), &error).value_or(""), *secret);
    }

    void opsfeedAnswersOnlyAllowedKeys()
    {
        QCOMPARE(keygen(path(QStringLiteral("gw")), QStringLiteral("gateway")).exitCode, 0);
        QCOMPARE(keygen(path(QStringLiteral("allow")), QStringLiteral("console")).exitCode, 0);
        QCOMPARE(keygen(path(QStringLiteral("other")), QStringLiteral("stranger")).exitCode, 0);
        // The allow-list holds public keys only: the secret goes elsewhere.
        QVERIFY(QFile::rename(path(QStringLiteral("allow/console.key")), path(QStringLiteral("console.key"))));

        const QString ipc = QStringLiteral("ipc://") + m_dir.path();
        QProcess opsfeed;
        opsfeed.setProcessChannelMode(QProcess::SeparateChannels);
        opsfeed.start(kOpsfeed, {QStringLiteral("--curve-secret"), path(QStringLiteral("gw/gateway.key")),
                                 QStringLiteral("--allow-keys"), path(QStringLiteral("allow")),
                                 QStringLiteral("--feed"), ipc + QStringLiteral("/feed"),
                                 QStringLiteral("--snapshot"), ipc + QStringLiteral("/snap"),
                                 QStringLiteral("--control"), ipc + QStringLiteral("/ctl"),
                                 QStringLiteral("--duration"), QStringLiteral("60")});
        QString log;
        // Bound once it logs its endpoints.
        QTRY_VERIFY_WITH_TIMEOUT((log += QString::fromLocal8Bit(opsfeed.readAllStandardError()))
                                     .contains(QStringLiteral("control ipc://")),
                                 20000);

        // ctl signs in: an administrator made on a file of its own (OPSDECK_PASSWORD for both).
        const QString users = path(QStringLiteral("users.db"));
        qputenv("OPSDECK_PASSWORD", "curve test password");
        qputenv("OPSDECK_NEW_PASSWORD", "curve test password");
        QCOMPARE(run(kOpsdeck, {QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("root"),
                                QStringLiteral("--role"), QStringLiteral("admin"), QStringLiteral("--db"), users})
                     .exitCode,
                 0);
        auto ping = [&](const QString &secret) {
            return run(kOpsdeck, {QStringLiteral("ctl"), QStringLiteral("--user"), QStringLiteral("root"),
                                  QStringLiteral("--db"), users, QStringLiteral("--control"), ipc + QStringLiteral("/ctl"),
                                  QStringLiteral("ping"), QStringLiteral("--reason"), QStringLiteral("curve test"),
                                  QStringLiteral("--timeout-ms"), QStringLiteral("1500"),
                                  QStringLiteral("--gateway-key"), path(QStringLiteral("gw/gateway.pub")),
                                  QStringLiteral("--curve-secret"), secret});
        };
        const Run allowed = ping(path(QStringLiteral("console.key")));
        QCOMPARE(allowed.exitCode, 0);
        QVERIFY2(allowed.out.contains(QStringLiteral("\"ok\":true")), qPrintable(allowed.out + allowed.err));
        const Run stranger = ping(path(QStringLiteral("other/stranger.key")));
        QCOMPARE(stranger.exitCode, 2); // no answer: the gateway never read the command
        QVERIFY2(stranger.err.contains(QStringLiteral("timeout")), qPrintable(stranger.err));
        // Refused, counted and logged with the reason.
        QTRY_VERIFY_WITH_TIMEOUT((log += QString::fromLocal8Bit(opsfeed.readAllStandardError()))
                                     .contains(QStringLiteral("is not in the allow-list")),
                                 10000);
        opsfeed.terminate();
        QVERIFY(opsfeed.waitForFinished(20000));
        log += QString::fromLocal8Bit(opsfeed.readAllStandardError());
        QVERIFY2(!log.contains(QStringLiteral(" 0 client keys refused")), qPrintable(log.right(400)));
    }

    void malformedKeyFilesAreRefusedAtStart()
    {
        QFile bad(path(QStringLiteral("bad.key")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("not a key\n");
        bad.close();
        QCOMPARE(keygen(path(QStringLiteral("good")), QStringLiteral("gateway")).exitCode, 0);
        const QString ipc = QStringLiteral("ipc://") + m_dir.path() + QStringLiteral("/none");

        const Run console = run(kOpsdeck, {QStringLiteral("--headless"), QStringLiteral("--db"), path(QStringLiteral("c.db")),
                                           QStringLiteral("--feed"), ipc, QStringLiteral("--snapshot"), ipc,
                                           QStringLiteral("--control"), ipc, QStringLiteral("--gateway-key"), bad.fileName()});
        QCOMPARE(console.exitCode, 2);
        QVERIFY2(console.err.contains(QStringLiteral("bad.key")) && console.err.contains(QStringLiteral("Z85")),
                 qPrintable(console.err));

        const Run ownKey = run(kOpsdeck, {QStringLiteral("--headless"), QStringLiteral("--db"), path(QStringLiteral("c.db")),
                                          QStringLiteral("--feed"), ipc, QStringLiteral("--snapshot"), ipc,
                                          QStringLiteral("--control"), ipc, QStringLiteral("--gateway-key"),
                                          path(QStringLiteral("good/gateway.pub")), QStringLiteral("--curve-secret"),
                                          bad.fileName()});
        QCOMPARE(ownKey.exitCode, 2);
        QVERIFY2(ownKey.err.contains(QStringLiteral("bad.key")), qPrintable(ownKey.err));

        const Run ctl = run(kOpsdeck, {QStringLiteral("ctl"), QStringLiteral("--control"), ipc, QStringLiteral("ping"),
                                       QStringLiteral("--reason"), QStringLiteral("x"), QStringLiteral("--gateway-key"),
                                       bad.fileName()});
        QCOMPARE(ctl.exitCode, 64);
        QVERIFY2(ctl.err.contains(QStringLiteral("bad.key")), qPrintable(ctl.err));

        QVERIFY(QDir().mkpath(path(QStringLiteral("allowbad"))));
        QVERIFY(QFile::copy(bad.fileName(), path(QStringLiteral("allowbad/x.pub"))));
        const Run server = run(kOpsfeed, {QStringLiteral("--curve-secret"), bad.fileName(), QStringLiteral("--allow-keys"),
                                          path(QStringLiteral("good"))});
        QCOMPARE(server.exitCode, 2);
        QVERIFY2(server.err.contains(QStringLiteral("bad.key")), qPrintable(server.err));
        const Run list = run(kOpsfeed, {QStringLiteral("--curve-secret"), path(QStringLiteral("good/gateway.key")),
                                        QStringLiteral("--allow-keys"), path(QStringLiteral("allowbad"))});
        QCOMPARE(list.exitCode, 2);
        QVERIFY2(list.err.contains(QStringLiteral("x.pub")), qPrintable(list.err));
    }
};

QTEST_GUILESS_MAIN(TestCurveCli)
#include "tst_curve_cli.moc"
