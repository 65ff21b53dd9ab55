// Fan-out (issue 15): two gateways, one relay, three consoles each watching its own depots,
// over real ZeroMQ on tcp loopback. Every console ends equal to the gateways' truth for its
// depots after one gateway restarts, hears both gateways' epochs without resyncing for ever,
// and control commands reach the gateway that owns the order or depot.
#include "app/runtime/ConsoleRuntime.h"
#include "core/model/OrderState.h"
#include "core/pipeline/FeedClock.h"
#include "feed/control/ControlClient.h"
#include "relay/Relay.h"
#include "relay/RelayCli.h"
#include "relay/RelayRouting.h"
#include "sim/Gateway.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

using namespace opsdeck;

namespace {

constexpr std::int64_t kStartMs = 1796112000000; // 2026-12-01T08:00:00Z: both gateways keep one time
constexpr int kTimeoutMs = 30000;

sim::GatewayOptions gatewayOptions(const char *tag, int firstDepot, std::uint64_t seed)
{
    sim::GatewayOptions g;
    g.seed = seed;
    g.riders = 24;
    g.ordersPerMin = 120;
    g.depots = 2;
    g.firstDepot = firstDepot;
    g.timeScale = 30;
    g.startMs = kStartMs;
    g.epochTag = tag;
    g.feedBind = "tcp://127.0.0.1:*";
    g.snapshotBind = "tcp://127.0.0.1:*";
    g.controlBind = "tcp://127.0.0.1:*";
    return g;
}

std::vector<std::string> depotsOf(const sim::Gateway &gw)
{
    std::vector<std::string> out;
    for (const auto &[depot, seq] : gw.currentSeqs())
        out.push_back(depot);
    return out;
}

struct Console {
    std::set<std::string> depots;
    std::unique_ptr<app::ConsoleRuntime> runtime;
};

// Orders the console holds that disagree with the truth or lie outside its depots, and
// the number it holds; a mismatch is printed once the wait has given up.
int mismatches(const Console &c, const std::map<std::string, std::string> &truth, std::size_t &held, bool print)
{
    const core::ConsoleDelta picture = c.runtime->fullPicture();
    held = picture.orders.size();
    int bad = 0;
    for (const core::OrderRecord &o : picture.orders) {
        const auto it = truth.find(o.orderId);
        const std::string state(core::toString(o.state));
        if (!c.depots.count(o.depot) || it == truth.end() || it->second != state) {
            if (print && bad < 5)
                qWarning("order %s depot %s: console %s, truth %s", o.orderId.c_str(), o.depot.c_str(), state.c_str(),
                         it == truth.end() ? "none" : it->second.c_str());
            ++bad;
        }
    }
    return bad;
}

// Every watched depot's cursor at the gateway's seq, nothing being resynced.
bool caughtUp(const Console &c, const std::map<std::string, std::int64_t> &seqs)
{
    if (c.runtime->feedStats().state.load() != core::FeedState::Connected)
        return false;
    const auto seen = c.runtime->feedStats().lastSeqs();
    for (const std::string &depot : c.depots) {
        const auto it = std::find_if(seen.begin(), seen.end(), [&](const auto &s) { return s.first == depot; });
        if (it == seen.end() || it->second != seqs.at(depot))
            return false;
    }
    return true;
}

std::int64_t sum(const std::vector<Console> &consoles, std::atomic<std::int64_t> core::FeedStats::*counter)
{
    std::int64_t n = 0;
    for (const Console &c : consoles)
        n += (c.runtime->feedStats().*counter).load();
    return n;
}

// Each console connects to the relay as to one gateway, watching its own depots.
void startConsoles(const relay::Relay &relay, const QTemporaryDir &dir, std::vector<Console> &consoles)
{
    for (std::size_t i = 0; i < consoles.size(); ++i) {
        app::RuntimeOptions o;
        o.feed = relay.feedEndpoint();
        o.snapshot = relay.snapshotEndpoint();
        o.control = relay.controlEndpoint();
        o.depots.assign(consoles[i].depots.begin(), consoles[i].depots.end());
        o.dbPath = dir.filePath(QStringLiteral("console%1.db").arg(i));
        consoles[i].runtime = std::make_unique<app::ConsoleRuntime>(o, nullptr);
        QString error;
        QVERIFY2(consoles[i].runtime->start(&error), qPrintable(error));
    }
}

// An order command reaches the gateway that owns the order, wherever it is; a depot's
// command its depot's gateway; a ping every gateway.
void commandsReachTheirGateways(const relay::Relay &relay, const sim::Gateway &gwB, const std::string &depotB)
{
    std::string orderB;
    for (const auto &[id, state] : gwB.truthOrderStates()) {
        if (orderB.empty() && (state == "CREATED" || state == "PAID" || state == "PICKING"))
            orderB = id;
    }
    QVERIFY(!orderB.empty());
    feed::ControlClient control(relay.controlEndpoint(), {});
    const auto cancelled = control.send(R"({"id":"c-relay-1","cmd":"cancel","order_id":")" + orderB
                                        + R"(","reason":"relay_test","by":{"user":"t","role":"dispatcher"}})");
    QVERIFY2(cancelled.ok, cancelled.rawReply.c_str());
    QCOMPARE(gwB.truthOrderStates()[orderB], std::string("CANCELLED"));
    const auto limited = control.send(R"({"id":"c-relay-2","cmd":"set_rate_limit","scope":"depot:)" + depotB
                                      + R"(","per_min":30,"burst":5,"by":{"user":"t","role":"ops_manager"}})");
    QVERIFY2(limited.ok, limited.rawReply.c_str());
    const auto pinged = control.send(R"({"id":"c-relay-3","cmd":"ping","by":{"user":"t","role":"dispatcher"}})");
    QVERIFY2(pinged.ok, (pinged.error + " " + pinged.message + " " + pinged.rawReply).c_str());
    QVERIFY(relay.counters().controlTries.load() >= 1); // gateway A did not know the order
}

} // namespace

class TestRelay final : public QObject
{
    Q_OBJECT
private slots:
    void upstreamArgument()
    {
        relay::Upstream u;
        QVERIFY(relay::parseUpstream(QStringLiteral("tcp://10.0.0.5:5556"), u));
        QCOMPARE(u.snapshot, std::string("tcp://10.0.0.5:5557"));
        QCOMPARE(u.control, std::string("tcp://10.0.0.5:5558"));
        QVERIFY(relay::parseUpstream(QStringLiteral("ipc:///a,ipc:///b,ipc:///c"), u));
        QCOMPARE(u.feed, std::string("ipc:///a"));
        QVERIFY(!relay::parseUpstream(QStringLiteral("tcp://host"), u));
        QVERIFY(!relay::parseUpstream(QStringLiteral("a,b"), u));
    }

    void snapshotGoesToTheOwners()
    {
        relay::GatewayDirectory dir(2);
        dir.observe(0, core::Heartbeat{"gwa-1", 0, {{"A1", 5}, {"A2", 7}}});
        dir.observe(1, core::Heartbeat{"gwb-1", 0, {{"B1", 3}}});
        using Plan = std::vector<std::optional<std::vector<std::string>>>;
        QCOMPARE(dir.planSnapshot({}), Plan({std::vector<std::string>{}, std::vector<std::string>{}}));
        QCOMPARE(dir.planSnapshot({"A2"}), Plan({std::vector<std::string>{"A2"}, std::nullopt}));
        QCOMPARE(dir.planSnapshot({"A1", "B1"}), Plan({std::vector<std::string>{"A1"}, std::vector<std::string>{"B1"}}));
        // Not named by any heartbeat yet: whoever has it answers.
        QCOMPARE(dir.planSnapshot({"B1", "X9"}),
                 Plan({std::vector<std::string>{"X9"}, std::vector<std::string>{"B1", "X9"}}));
    }

    void controlGoesToTheOwner()
    {
        relay::GatewayDirectory dir(2);
        dir.observe(1, core::Heartbeat{"gwb-1", 0, {{"B1", 3}}});
        relay::OrderOwners orders;
        using Mode = relay::ControlPlan::Mode;
        auto plan = [&](const char *json) { return relay::planControl(relay::parseControlRequest(json), dir, orders); };
        auto p = plan(R"({"id":"c-1","cmd":"set_breaker","scope":"depot:B1","mode":"forced_open"})");
        QVERIFY(p.mode == Mode::One && p.targets == std::vector<std::size_t>({1}));
        p = plan(R"({"id":"c-2","cmd":"divert","from":"B1","to":"B2","share":0.5})");
        QVERIFY(p.mode == Mode::One && p.targets == std::vector<std::size_t>({1}));
        p = plan(R"({"id":"c-3","cmd":"set_breaker","scope":"depot:Z7","mode":"auto"})");
        QVERIFY(p.mode == Mode::InTurn && p.anyRefusalPassesOn);
        p = plan(R"({"id":"c-4","cmd":"hold","order_id":"DD1","reason":"x"})");
        QVERIFY(p.mode == Mode::InTurn && !p.anyRefusalPassesOn && p.targets == std::vector<std::size_t>({0, 1}));
        orders.remember("DD1", 1);
        QVERIFY(plan(R"({"id":"c-5","cmd":"release","order_id":"DD1"})").targets == std::vector<std::size_t>({1, 0}));
        QVERIFY(plan(R"({"id":"c-6","cmd":"ping"})").mode == Mode::All);
        QVERIFY(plan(R"({"id":"c-7","cmd":"set_rate_limit","scope":"global"})").mode == Mode::All);
        QVERIFY(plan("not json").mode == Mode::All);
        const auto refused = relay::parseControlReply(R"({"id":"c-4","ok":false,"error":"unknown_order"})");
        QVERIFY(refused.readable && !refused.ok && refused.error == "unknown_order");
        QVERIFY(!relay::parseControlReply("{").readable);
    }

    void mergedSnapshotEndNamesEachDepotsEpoch()
    {
        namespace wire = feed::wire;
        const wire::SnapshotEnd a{"gwa-1", {{"A1", 5}, {"B1", 0}}, {}};
        const wire::SnapshotEnd b{"gwb-2", {{"B1", 3}}, {}};
        const auto merged = relay::mergeSnapshotEnds({a, b});
        const auto parsed = wire::parseSnapshotEnd(wire::snapshotEndBody(merged));
        QVERIFY(parsed);
        QCOMPARE(parsed->epoch, std::string("gwa-1"));
        QCOMPARE(parsed->seqs, (std::vector<std::pair<std::string, std::int64_t>>{{"A1", 5}, {"B1", 3}}));
        QCOMPARE(parsed->epochOf("A1"), std::string("gwa-1"));
        QCOMPARE(parsed->epochOf("B1"), std::string("gwb-2")); // the gateway that has B1, not the one at 0
        QCOMPARE(parsed->epochOf("C1"), std::string("gwa-1"));
        // A gateway's own SNAPEND has no "epochs": every depot is in its epoch.
        const auto plain = wire::parseSnapshotEnd(R"({"epoch":"gw1-x","seqs":{"D1":4}})");
        QVERIFY(plain && plain->epochs.empty() && plain->epochOf("D1") == "gw1-x");
        QVERIFY(!wire::parseSnapshotEnd(R"({"epoch":"e","seqs":{},"epochs":{"D1":3}})"));
    }

    // Two gateways' heartbeats interleave: the clock must not step back and forth between them.
    void feedClockFollowsSeveralGateways()
    {
        core::FeedClock clock([] { return std::int64_t(1); });
        clock.observeHeartbeat("gwa-1", 10000);
        clock.observeHeartbeat("gwb-1", 10500); // heard for the first time: followed
        QCOMPARE(clock.nowMs(), std::int64_t(10500));
        clock.observeHeartbeat("gwa-1", 10100);
        QCOMPARE(clock.nowMs(), std::int64_t(10500));
        clock.observeEvent("gwb-1", 99999999); // events no longer move it once heartbeats came
        clock.observeHeartbeat("gwa-1", 11100);
        QCOMPARE(clock.nowMs(), std::int64_t(11100));
        clock.observeHeartbeat("gwa-2", 5000); // a restart: a new epoch is followed wherever it starts
        QCOMPARE(clock.nowMs(), std::int64_t(5000));
    }

    void threeConsolesTwoGatewaysOneRestart();
};

void TestRelay::threeConsolesTwoGatewaysOneRestart()
{
    QTemporaryDir dir;
    sim::Gateway gwA(gatewayOptions("gwa", 0, 31));
    sim::Gateway gwB(gatewayOptions("gwb", 2, 32));
    gwA.start();
    gwB.start();
    const auto a = depotsOf(gwA);
    const auto b = depotsOf(gwB);
    QCOMPARE(a.size(), std::size_t(2));
    QCOMPARE(b.size(), std::size_t(2));
    QVERIFY(a[0] != b[0] && a[0] != b[1] && a[1] != b[0] && a[1] != b[1]);

    relay::RelayOptions ro;
    ro.upstreams = {{gwA.feedEndpoint(), gwA.snapshotEndpoint(), gwA.controlEndpoint()},
                    {gwB.feedEndpoint(), gwB.snapshotEndpoint(), gwB.controlEndpoint()}};
    ro.feedBind = ro.snapshotBind = ro.controlBind = "tcp://127.0.0.1:*";
    relay::Relay relay(ro);
    relay.start();

    // The first console follows both gateways; the others one depot each.
    std::vector<Console> consoles(3);
    consoles[0].depots = {a[0], b[0]};
    consoles[1].depots = {a[1]};
    consoles[2].depots = {b[1]};
    startConsoles(relay, dir, consoles);
    if (QTest::currentTestFailed())
        return;
    for (const Console &c : consoles)
        QTRY_VERIFY_WITH_TIMEOUT(c.runtime->fullPicture().orders.size() >= 5, kTimeoutMs);

    gwB.restart();
    // The new epoch is under way once each of its depots has published a few events.
    QTRY_VERIFY_WITH_TIMEOUT(gwB.currentSeqs()[b[0]] >= 20 && gwB.currentSeqs()[b[1]] >= 20, kTimeoutMs);
    gwA.setPaused(true);
    gwB.setPaused(true);

    // Commands go by the depots the relay has heard each gateway name in its heartbeats.
    QTRY_COMPARE_WITH_TIMEOUT(relay.counters().depotsKnown.load(), std::int64_t(4), kTimeoutMs);
    commandsReachTheirGateways(relay, gwB, b[1]);
    if (QTest::currentTestFailed())
        return;

    std::map<std::string, std::string> truth = gwA.truthOrderStates();
    truth.merge(gwB.truthOrderStates());
    std::map<std::string, std::int64_t> seqs = gwA.currentSeqs();
    seqs.merge(gwB.currentSeqs());
    auto converged = [&] {
        std::size_t total = 0;
        for (const Console &c : consoles) {
            std::size_t held = 0;
            if (!caughtUp(c, seqs) || mismatches(c, truth, held, false) != 0)
                return false;
            total += held;
        }
        return total == truth.size(); // the depots split the world: every order in exactly one console
    };
    if (!QTest::qWaitFor(converged, kTimeoutMs)) {
        for (const Console &c : consoles) {
            std::size_t held = 0;
            qWarning("console watching %zu depots: %d wrong of %zu held", c.depots.size(), mismatches(c, truth, held, true),
                     held);
        }
        qWarning("truth: %zu orders", truth.size());
        QFAIL("the consoles did not converge to the gateways' truth");
    }

    // Both epochs keep beating; no console takes the other gateway's for a new one of its own.
    const std::int64_t resyncs = sum(consoles, &core::FeedStats::resyncs);
    const std::int64_t heartbeats = sum(consoles, &core::FeedStats::heartbeats);
    QTRY_VERIFY_WITH_TIMEOUT(sum(consoles, &core::FeedStats::heartbeats) >= heartbeats + 3 * 4, kTimeoutMs);
    QCOMPARE(sum(consoles, &core::FeedStats::resyncs), resyncs);
    QVERIFY(converged());
    QVERIFY(relay.counters().snapshotsMerged.load() >= 1);
    QCOMPARE(relay.counters().rejected.load(), 0);

    for (Console &c : consoles)
        c.runtime->stop();
    relay.stop();
    gwA.stop();
    gwB.stop();
}

QTEST_GUILESS_MAIN(TestRelay)
#include "tst_relay.moc"
