// CURVE through the relay (issue 17) on real tcp loopback sockets: the in-process opsfeed
// gateway (paused, stepped) serves CURVE and admits only the relay's key; the relay is
// its CURVE client and serves its consoles with CURVE and its own ZAP allow-list. An
// allowed console gets events, its snapshot and a command's reply, encrypted; a console
// key not on the relay's list gets nothing and its status bar says the key was refused.
#include "app/shell/FeedStatusBar.h"
#include "feed/control/ControlClient.h"
#include "feed/curve/CurveKeys.h"
#include "feed/sync/FeedSubscriber.h"
#include "relay/Relay.h"
#include "relay/RelayCli.h"
#include "sim/Gateway.h"

#include <QLabel>
#include <QTemporaryDir>
#include <QtTest>

using namespace opsdeck;
namespace curve = opsdeck::feed::curve;

namespace {

constexpr int kTimeoutMs = 10000;

// One console's feed, connected to the relay, and what its status bar shows.
struct Console {
    core::FeedStats stats;
    std::unique_ptr<feed::FeedSubscriber> subscriber;
    std::unique_ptr<app::FeedStatusBar> bar;

    Console(const relay::Relay &relay, feed::CurveKeys keys)
    {
        feed::FeedEndpoints e;
        e.feed = relay.feedEndpoint();
        e.snapshot = relay.snapshotEndpoint();
        e.control = relay.controlEndpoint();
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

int relayCli(QStringList arguments)
{
    sigset_t none;
    sigemptyset(&none);
    arguments.prepend(QStringLiteral("opsfeed"));
    return relay::runRelayCli(arguments, none);
}

} // namespace

class TestRelayCurve final : public QObject
{
    Q_OBJECT

    curve::KeyPair m_gatewayPair, m_relayPair, m_console, m_stranger;
    std::unique_ptr<sim::Gateway> m_gw;
    std::unique_ptr<relay::Relay> m_relay;

    int ping(const curve::KeyPair &console)
    {
        feed::ControlClient client(m_relay->controlEndpoint(), clientKeys(m_relayPair.publicKey, console), {500, 2});
        return int(client.send(R"({"id":"r-ping","cmd":"ping","by":{"user":"ann","role":"ops_manager"}})").status);
    }

private slots:
    void init()
    {
        m_gatewayPair = *curve::generateKeyPair();
        m_relayPair = *curve::generateKeyPair();
        m_console = *curve::generateKeyPair();
        m_stranger = *curve::generateKeyPair();
        sim::GatewayOptions g;
        g.seed = 5;
        g.riders = 20;
        g.ordersPerMin = 600;
        g.startMs = 1796000000000LL;
        g.feedBind = g.snapshotBind = g.controlBind = "tcp://127.0.0.1:*";
        g.curveSecret = m_gatewayPair.secretKey;
        g.allowedClientKeys = {m_relayPair.publicKey}; // the relay, never a console directly
        m_gw = std::make_unique<sim::Gateway>(g);
        m_gw->setPaused(true); // events only from step(): the test knows every seq
        m_gw->start();

        relay::RelayOptions r;
        r.upstreams = {{m_gw->feedEndpoint(), m_gw->snapshotEndpoint(), m_gw->controlEndpoint()}};
        r.feedBind = r.snapshotBind = r.controlBind = "tcp://127.0.0.1:*";
        r.upstreamCurve = clientKeys(m_gatewayPair.publicKey, m_relayPair);
        r.downstreamCurve = {m_relayPair.secretKey, {m_console.publicKey}};
        m_relay = std::make_unique<relay::Relay>(r);
        m_relay->start();
    }

    void cleanup()
    {
        m_relay.reset();
        m_gw.reset();
    }

    void allowedConsoleGetsEventsSnapshotAndReplyEncrypted()
    {
        Console good(*m_relay, clientKeys(m_relayPair.publicKey, m_console));
        QTRY_VERIFY_WITH_TIMEOUT(m_gw->step(0) >= 0 && good.stats.heartbeats.load() > 0, kTimeoutMs);
        QVERIFY(m_gw->step(20000) > 0);
        const auto published = m_gw->currentSeqs();
        QVERIFY(!published.empty());
        QTRY_VERIFY_WITH_TIMEOUT(seqsOf(good.stats) == published, kTimeoutMs);
        QVERIFY(good.stats.resyncs.load() > 0);                     // its snapshot came through the relay
        QVERIFY(m_relay->counters().snapshotRequests.load() > 0);
        QTRY_COMPARE_WITH_TIMEOUT(security(good.stats), sec(core::FeedSecurity::Encrypted), kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(good.shown(), QStringLiteral("Connected (encrypted)"), kTimeoutMs);
        QCOMPARE(ping(m_console), int(feed::ControlClient::Status::Confirmed));
        QCOMPARE(m_relay->refusedKeys(), std::int64_t{0});
        QVERIFY(m_relay->admittedKeys() > 0);
        QCOMPARE(m_gw->refusedKeys(), std::int64_t{0});
        QVERIFY(m_gw->admittedKeys() > 0); // the relay's own key, upstream
    }

    void keyNotOnTheRelaysListGetsNothing()
    {
        Console good(*m_relay, clientKeys(m_relayPair.publicKey, m_console));
        Console bad(*m_relay, clientKeys(m_relayPair.publicKey, m_stranger));
        QTRY_COMPARE_WITH_TIMEOUT(security(bad.stats), sec(core::FeedSecurity::KeyRefused), kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(bad.shown(), QStringLiteral("Gateway refused our key"), kTimeoutMs);
        QVERIFY(m_relay->refusedKeys() > 0);
        // The allowed console is the witness: once it has the step's seqs, the other
        // would have had them too if the relay had let it in.
        QTRY_VERIFY_WITH_TIMEOUT(m_gw->step(0) >= 0 && good.stats.heartbeats.load() > 0, kTimeoutMs);
        QVERIFY(m_gw->step(20000) > 0);
        QTRY_VERIFY_WITH_TIMEOUT(seqsOf(good.stats) == m_gw->currentSeqs(), kTimeoutMs);
        QCOMPARE(bad.stats.received.load(), std::int64_t{0});
        QCOMPARE(bad.stats.resyncs.load(), std::int64_t{0});
        QVERIFY(bad.stats.lastSeqs().empty());
        QCOMPARE(int(bad.stats.state.load()), int(core::FeedState::Connecting));
        QCOMPARE(ping(m_stranger), int(feed::ControlClient::Status::Unconfirmed));
        QCOMPARE(m_gw->refusedKeys(), std::int64_t{0}); // the stranger never reached the gateway
        const std::int64_t refused = m_relay->refusedKeys();
        m_relay->stop();
        QCOMPARE(m_relay->refusedKeys(), refused); // still there for the line `opsfeed relay` ends with
    }

    // Bad CURVE options stop the relay at start with a usage error, before any socket.
    void badCurveOptionsAreRefusedAtStart()
    {
        QTemporaryDir dir;
        QString error;
        QVERIFY(curve::writeKeyPair(dir.filePath(QStringLiteral("keys")), QStringLiteral("relay"), m_relayPair, &error));
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("empty")));
        const QString secret = dir.filePath(QStringLiteral("keys/relay.key"));
        const QString pub = dir.filePath(QStringLiteral("keys/relay.pub"));
        const QStringList up{QStringLiteral("--upstream"), QStringLiteral("tcp://127.0.0.1:1")};
        const QString secretOpt = QStringLiteral("--curve-secret"), gatewayOpt = QStringLiteral("--gateway-key"),
                      allowOpt = QStringLiteral("--allow-keys");
        QCOMPARE(relayCli(up + QStringList{secretOpt, secret}), 2); // a key for nothing
        QCOMPARE(relayCli(up + QStringList{gatewayOpt, pub}), 2);   // no pair of its own
        QCOMPARE(relayCli(up + QStringList{allowOpt, dir.filePath(QStringLiteral("keys"))}), 2);
        QCOMPARE(relayCli(up + QStringList{secretOpt, secret, allowOpt, dir.filePath(QStringLiteral("empty"))}), 2);
        QCOMPARE(relayCli(up + QStringList{secretOpt, secret, gatewayOpt, dir.filePath(QStringLiteral("missing.pub"))}), 2);
    }
};

QTEST_MAIN(TestRelayCurve)
#include "tst_relay_curve.moc"
