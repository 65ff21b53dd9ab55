// CURVE end to end on real tcp loopback sockets: the in-process opsfeed gateway (paused,
// stepped) serves CURVE with a ZAP allow-list; a console feed with an allowed key gets
// every seq and says "Connected (encrypted)", one with a key not listed or a wrong
// gateway key gets nothing (feed, snapshot, control) and the status bar says why.
#include "app/shell/FeedStatusBar.h"
#include "feed/control/ControlClient.h"
#include "feed/curve/CurveKeys.h"
#include "feed/curve/HandshakeState.h"
#include "feed/sync/FeedSubscriber.h"
#include "sim/Gateway.h"

#include <QLabel>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>
#include <zmq.h>

using namespace opsdeck;
namespace curve = opsdeck::feed::curve;

namespace {

// One console's feed and what its status bar shows.
struct Console {
    core::FeedStats stats;
    std::unique_ptr<feed::FeedSubscriber> subscriber;
    std::unique_ptr<app::FeedStatusBar> bar;

    Console(const sim::Gateway &gw, feed::CurveKeys keys)
    {
        feed::FeedEndpoints e;
        e.feed = gw.feedEndpoint();
        e.snapshot = gw.snapshotEndpoint();
        e.control = gw.controlEndpoint();
        e.curve = std::move(keys);
        subscriber = std::make_unique<feed::FeedSubscriber>(e, std::vector<core::Cursor>{}, stats,
                                                            [](core::FeedBatch &&) {});
        subscriber->start();
        bar = std::make_unique<app::FeedStatusBar>(stats, nullptr);
    }
    ~Console() { subscriber->stop(); }
    QString shown()
    {
        bar->refresh();
        return bar->findChild<QLabel *>(QStringLiteral("feedState"))->text();
    }
};

std::map<std::string, std::int64_t> seqsOf(const core::FeedStats &stats)
{
    const auto got = stats.lastSeqs();
    return {got.begin(), got.end()};
}

QString sec(core::FeedSecurity s)
{
    return QString::fromUtf8(core::toString(s).data());
}

QString security(const core::FeedStats &stats)
{
    return sec(stats.security.load());
}

feed::CurveKeys clientKeys(const std::string &serverPublic, const curve::KeyPair &client)
{
    return {serverPublic, client.publicKey, client.secretKey};
}

} // namespace

class TestCurve final : public QObject
{
    Q_OBJECT

    curve::KeyPair m_server;
    curve::KeyPair m_allowed;
    curve::KeyPair m_stranger;
    std::unique_ptr<sim::Gateway> m_gw;

    int ping(const feed::CurveKeys &keys)
    {
        feed::ControlClient client(m_gw->controlEndpoint(), keys, {500, 2});
        return int(client.send(R"({"id":"c-ping","cmd":"ping","by":{"user":"ann","role":"ops_manager"}})").status);
    }

private slots:
    void init()
    {
        m_server = *curve::generateKeyPair();
        m_allowed = *curve::generateKeyPair();
        m_stranger = *curve::generateKeyPair();
        sim::GatewayOptions g;
        g.seed = 3;
        g.riders = 20;
        g.ordersPerMin = 600;
        g.startMs = 1796000000000LL;
        g.feedBind = g.snapshotBind = g.controlBind = "tcp://127.0.0.1:*";
        g.curveSecret = m_server.secretKey;
        g.allowedClientKeys = {m_allowed.publicKey};
        m_gw = std::make_unique<sim::Gateway>(g);
        m_gw->setPaused(true); // events only from step(): the test knows every seq
        m_gw->start();
    }

    void cleanup() { m_gw.reset(); }

    void allowedKeyGetsEverySeqEncrypted()
    {
        Console good(*m_gw, clientKeys(m_server.publicKey, m_allowed));
        QTRY_VERIFY_WITH_TIMEOUT(m_gw->step(0) >= 0 && good.stats.heartbeats.load() > 0, 10000);
        QVERIFY(m_gw->step(20000) > 0);
        const auto published = m_gw->currentSeqs();
        QVERIFY(!published.empty());
        QTRY_VERIFY_WITH_TIMEOUT(seqsOf(good.stats) == published, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(security(good.stats), sec(core::FeedSecurity::Encrypted), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(good.shown(), QStringLiteral("Connected (encrypted)"), 5000);
        QCOMPARE(m_gw->refusedKeys(), std::int64_t{0});
        QCOMPARE(ping(clientKeys(m_server.publicKey, m_allowed)), int(feed::ControlClient::Status::Confirmed));
    }

    void keyNotAllowedGetsNothing()
    {
        Console good(*m_gw, clientKeys(m_server.publicKey, m_allowed));
        Console bad(*m_gw, clientKeys(m_server.publicKey, m_stranger));
        QTRY_COMPARE_WITH_TIMEOUT(security(bad.stats), sec(core::FeedSecurity::KeyRefused), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(bad.shown(), QStringLiteral("Gateway refused our key"), 5000);
        QVERIFY(m_gw->refusedKeys() > 0);
        // The allowed console is the witness: once it has the step's seqs, the other
        // would have had them too if the gateway had let it in.
        QTRY_VERIFY_WITH_TIMEOUT(m_gw->step(0) >= 0 && good.stats.heartbeats.load() > 0, 10000);
        QVERIFY(m_gw->step(20000) > 0);
        QTRY_VERIFY_WITH_TIMEOUT(good.stats.resyncs.load() > 0 && good.stats.lastSeqs().size() == m_gw->currentSeqs().size(),
                                 10000);
        QCOMPARE(bad.stats.received.load(), std::int64_t{0});
        QCOMPARE(bad.stats.resyncs.load(), std::int64_t{0});
        QVERIFY(bad.stats.lastSeqs().empty());
        QCOMPARE(int(bad.stats.state.load()), int(core::FeedState::Connecting));
        QCOMPARE(ping(clientKeys(m_server.publicKey, m_stranger)), int(feed::ControlClient::Status::Unconfirmed));
    }

    void wrongGatewayKeyGetsNothing()
    {
        const auto impostor = *curve::generateKeyPair(); // we hold the wrong gateway key
        Console good(*m_gw, clientKeys(m_server.publicKey, m_allowed));
        Console bad(*m_gw, clientKeys(impostor.publicKey, m_allowed));
        QTRY_COMPARE_WITH_TIMEOUT(security(bad.stats), sec(core::FeedSecurity::GatewayKeyMismatch), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(bad.shown(), QStringLiteral("Gateway key does not match"), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(m_gw->step(0) >= 0 && good.stats.heartbeats.load() > 0, 10000);
        QVERIFY(m_gw->step(20000) > 0);
        QTRY_VERIFY_WITH_TIMEOUT(good.stats.resyncs.load() > 0 && good.stats.lastSeqs().size() == m_gw->currentSeqs().size(),
                                 10000);
        QCOMPARE(bad.stats.received.load(), std::int64_t{0});
        QCOMPARE(bad.stats.resyncs.load(), std::int64_t{0});
        QCOMPARE(ping(clientKeys(impostor.publicKey, m_allowed)), int(feed::ControlClient::Status::Unconfirmed));
    }

    void plainConsoleIsToldTheGatewayIsEncrypted()
    {
        Console plain(*m_gw, {});
        QTRY_COMPARE_WITH_TIMEOUT(security(plain.stats), sec(core::FeedSecurity::GatewayEncrypted), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(plain.shown(), QStringLiteral("Gateway requires encryption"), 5000);
        QCOMPARE(plain.stats.received.load(), std::int64_t{0});
    }

    // Which failure a plain console sees against a CURVE gateway races (stress run 12:
    // NO_DETAIL, not PROTOCOL, on every attempt): both say the gateway requires encryption.
    void plainHandshakeFailureMeansTheGatewayIsEncrypted()
    {
        using S = core::FeedSecurity;
        QCOMPARE(int(curve::securityOf(false, false, ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL, 0)), int(S::GatewayEncrypted));
        QCOMPARE(int(curve::securityOf(false, false, ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL,
                                       ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH)),
                 int(S::GatewayEncrypted));
        QCOMPARE(int(curve::securityOf(false, true, 0, 0)), int(S::Plain));
        QCOMPARE(int(curve::securityOf(false, false, 0, 0)), int(S::Plain));
        QCOMPARE(int(curve::securityOf(true, false, ZMQ_EVENT_HANDSHAKE_FAILED_AUTH, 400)), int(S::KeyRefused));
    }

    void keyFilesRoundTripAndRefuseGarbage()
    {
        QTemporaryDir dir;
        const auto pair = *curve::generateKeyPair();
        QString error;
        QVERIFY2(curve::writeKeyPair(dir.filePath(QStringLiteral("keys")), QStringLiteral("console"), pair, &error),
                 qPrintable(error));
        const QString secretPath = dir.filePath(QStringLiteral("keys/console.key"));
        struct stat st{};
        QCOMPARE(::stat(secretPath.toLocal8Bit().constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
        QCOMPARE(curve::readKeyFile(secretPath, &error).value_or(""), pair.secretKey);
        QCOMPARE(curve::publicFromSecret(pair.secretKey).value_or(""), pair.publicKey);
        QCOMPARE(curve::readAllowList(dir.filePath(QStringLiteral("keys")), &error)->size(), std::size_t(2));

        for (const QByteArray &garbage : {QByteArray(), QByteArray("short"), QByteArray(40, '"'),
                                          QByteArray(pair.publicKey.c_str()) + "\n" + pair.publicKey.c_str(),
                                          QByteArray(100000, 'x')}) {
            QFile f(dir.filePath(QStringLiteral("bad.key")));
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(garbage);
            f.close();
            error.clear();
            QVERIFY(!curve::readKeyFile(f.fileName(), &error));
            QVERIFY2(error.contains(QStringLiteral("bad.key")), qPrintable(error));
        }
        QVERIFY(!curve::readKeyFile(dir.filePath(QStringLiteral("missing.key")), &error));
        QVERIFY(!curve::readAllowList(dir.path(), &error)); // bad.key is in it
        QVERIFY(error.contains(QStringLiteral("bad.key")));
    }
};

QTEST_MAIN(TestCurve)
#include "tst_curve.moc"
