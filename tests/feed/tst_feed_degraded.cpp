// Issue 21: a gateway release that breaks one field of one event type must not become a
// snapshot storm. A scripted gateway (real PUB + ROUTER on tcp loopback) sends every
// order.paid of depot D1 with a malformed amount for 60 s of gateway time among good
// events; the resync policy runs on the feed's own clock (FeedClock), so the minute plays
// in about a second and every decision follows the stream, not the wall.
#include "ScriptedGateway.h"

#include "core/alerts/AlertEngine.h"
#include "core/pipeline/FeedClock.h"
#include "core/pipeline/Projections.h"
#include "feed/sync/FeedSubscriber.h"

#include <QtTest>

#include <mutex>

using namespace opsdeck;
using feed::FeedSubscriber;
using feed::test::ScriptedGateway;

namespace {

constexpr std::int64_t kT0 = 1795860000000; // 2026-11-28, gateway time
constexpr int kOrdersPerSecond = 20;

// The projection the console would show, built from what the feed hands over.
class Console final
{
public:
    void add(core::FeedBatch &&batch)
    {
        std::lock_guard lock(mutex);
        for (const auto &e : batch.events) {
            projections.apply(e);
            if (!core::isSnapshotRecord(e.kind))
                ++liveByType[std::string(core::typeName(e.kind))];
        }
        for (auto &r : batch.rejected)
            rejected.push_back(std::move(r));
    }
    core::OrderState state(const std::string &orderId) const
    {
        std::lock_guard lock(mutex);
        const auto *o = projections.findOrder(orderId);
        return o ? o->state : core::OrderState::Unknown;
    }

    mutable std::mutex mutex;
    core::Projections projections;
    std::map<std::string, int> liveByType;
    std::vector<core::Rejected> rejected;
};

std::string paidData(const std::string &orderId, bool malformed)
{
    return "{\"order_id\":\"" + orderId + "\",\"amount\":" + (malformed ? "\"12,5 CNY\"" : "12.5")
        + ",\"method\":\"wechat\"}";
}

std::string positionData(int second)
{
    return "{\"rider_id\":\"r-1\",\"lat\":" + std::to_string(39.9 + second * 0.0001) + ",\"lng\":116.41}";
}

core::AlertRule degradedRule()
{
    core::AlertRule r;
    r.id = "integrity.feed_degraded";
    r.kind = core::AlertRuleKind::FeedDegraded;
    r.thresholds["update_seconds"] = 1;
    r.severity = core::AlertSeverity::Major;
    return r;
}

struct Rig {
    Rig()
        : clock([] { return kT0; })
    {
        gw.setTimeMs(kT0);
        FeedSubscriber::Tuning tuning;
        tuning.syncClockMs = [this] { return clock.nowMs(); };
        feed::FeedEndpoints ep{gw.feedEndpoint(), gw.snapshotEndpoint(), gw.controlEndpoint(), {}, {}};
        subscriber = std::make_unique<FeedSubscriber>(ep, std::vector<core::Cursor>{}, stats,
                                                      [this](core::FeedBatch &&b) { console.add(std::move(b)); },
                                                      tuning);
        subscriber->setClock(&clock);
        core::AlertEngine::Options options;
        options.feedDegraded = [this] { return stats.degraded(); };
        engine = std::make_unique<core::AlertEngine>(
            std::vector<core::AlertRule>{degradedRule()},
            [this](core::AlertOutput &&out) {
                for (auto &c : out.changes)
                    changes.push_back(std::move(c));
            },
            options);
    }

    bool join()
    {
        subscriber->start();
        return gw.waitForSubscriber(5000) && QTest::qWaitFor([&] { return stats.resyncs.load() >= 1; }, 10000);
    }

    // One second of gateway time: a heartbeat, kOrdersPerSecond orders created and paid in
    // D1, a rider fix in D1 and an order in D2; then the alert engine's tick at that time.
    bool playSecond(int second, bool broken)
    {
        const std::int64_t now = kT0 + second * 1000;
        gw.setTimeMs(now);
        gw.heartbeat();
        for (int k = 0; k < kOrdersPerSecond; ++k) {
            const std::string id = "o-" + std::to_string(second) + "-" + std::to_string(k);
            gw.publishOrder("D1", "order.created", ScriptedGateway::orderCreatedData(id), id, "CREATED");
            gw.publishOrder("D1", "order.paid", paidData(id, broken), id, "PAID");
            d1Orders.push_back(id);
        }
        gw.publish("D1", "rider.position", positionData(second));
        const std::string d2 = "d2-" + std::to_string(second);
        gw.publishOrder("D2", "order.created", ScriptedGateway::orderCreatedData(d2), d2, "CREATED");
        d2Orders.push_back(d2);
        sent += 1 + 2 * kOrdersPerSecond + 2;
        // The console has read this second, and any snapshot it asked for has come back,
        // before the engine judges it: each second plays out the same way on every run.
        if (!QTest::qWaitFor([&] { return stats.received.load() >= sent && stats.resyncs.load() >= stats.resyncsRequested.load(); }, 10000))
            return false;
        std::lock_guard lock(console.mutex);
        engine->onTick(console.projections, now);
        return true;
    }

    // Every order published so far and the rider's fix of `second` are in the console's
    // projection. The feed counts a frame as received before its batch reaches the console,
    // so the checks wait for this rather than read the projection at once.
    bool applied(int second) const
    {
        std::lock_guard lock(console.mutex);
        for (const auto *ids : {&d1Orders, &d2Orders}) {
            for (const auto &id : *ids) {
                if (!console.projections.findOrder(id))
                    return false;
            }
        }
        const auto *rider = console.projections.findRider("r-1");
        return rider && rider->lat == std::stod(std::to_string(39.9 + second * 0.0001));
    }

    bool allPaid() const
    {
        for (const auto &id : d1Orders) {
            if (console.state(id) != core::OrderState::Paid)
                return false;
        }
        return true;
    }

    std::vector<const core::AlertChange *> changesOf(const std::string &action) const
    {
        std::vector<const core::AlertChange *> out;
        for (const auto &c : changes) {
            if (c.action == action)
                out.push_back(&c);
        }
        return out;
    }

    core::FeedClock clock;
    ScriptedGateway gw;
    core::FeedStats stats;
    Console console;
    std::unique_ptr<FeedSubscriber> subscriber;
    std::unique_ptr<core::AlertEngine> engine;
    std::vector<core::AlertChange> changes;
    std::vector<std::string> d1Orders;
    std::vector<std::string> d2Orders;
    std::int64_t sent = 0;
};

} // namespace

class TestFeedDegraded final : public QObject
{
    Q_OBJECT

private slots:
    void brokenOrderPaidForAMinuteIsNoSnapshotStorm()
    {
        Rig rig;
        QVERIFY(rig.join());
        const int joinRequests = rig.gw.snapshotRequests();

        for (int s = 0; s < 60; ++s)
            QVERIFY2(rig.playSecond(s, true), qPrintable(QStringLiteral("second %1").arg(s)));

        // Every order.paid of the minute was rejected and counted under its reason...
        const auto wrongType = rig.stats.rejected[static_cast<std::size_t>(core::RejectReason::WrongType)].load();
        QCOMPARE(wrongType, std::int64_t(60 * kOrdersPerSecond));
        // ...yet the console asked for a few snapshots, not one per hole (counted at the ROUTER).
        const int stormRequests = rig.gw.snapshotRequests() - joinRequests;
        qInfo("snapshot requests in the broken minute: %d (holes: %lld, coalesced: %lld)", stormRequests,
              static_cast<long long>(rig.stats.gaps.load()), static_cast<long long>(rig.stats.resyncsCoalesced.load()));
        QVERIFY2(stormRequests <= 12, qPrintable(QString::number(stormRequests)));
        QCOMPARE(rig.stats.resyncsRequested.load(), std::int64_t(rig.gw.snapshotRequests()));
        QVERIFY(rig.stats.resyncsCoalesced.load() > 0);
        QVERIFY(rig.stats.degradedMs.load() >= 50000);

        // D1 is degraded, naming what fails; D2 is not.
        const auto degraded = rig.stats.degraded();
        QCOMPARE(degraded.size(), std::size_t(1));
        QCOMPARE(degraded[0].depot, std::string("D1"));
        QCOMPARE(degraded[0].eventType, std::string("order.paid"));
        QCOMPARE(degraded[0].reason, std::string("wrong_type"));
        QCOMPARE(degraded[0].failures, wrongType);
        QVERIFY(degraded[0].backoffMs >= 16000 && degraded[0].backoffMs <= 30000);

        // Every other event type kept flowing: every order of the minute is on the board,
        // the rider is where the last fix put it, D2 has all its orders.
        QTRY_VERIFY_WITH_TIMEOUT(rig.applied(59), 10000);
        {
            std::lock_guard lock(rig.console.mutex);
            for (const auto &id : rig.d1Orders)
                QVERIFY2(rig.console.projections.findOrder(id), id.c_str());
            for (const auto &id : rig.d2Orders)
                QVERIFY2(rig.console.projections.findOrder(id), id.c_str());
            const auto *rider = rig.console.projections.findRider("r-1");
            QVERIFY(rider);
            QCOMPARE(rider->lat, std::stod(std::to_string(39.9 + 59 * 0.0001)));
            QVERIFY(rig.console.liveByType["order.created"] > 0);
            QVERIFY(rig.console.liveByType["rider.position"] > 0);
        }

        // One integrity alert for D1, raised once, its count brought up to date.
        QCOMPARE(rig.changesOf("raised").size(), std::size_t(1));
        const auto open = rig.engine->book().openAlerts();
        QCOMPARE(open.size(), std::size_t(1));
        QCOMPARE(open[0].subject.depot, std::string("D1"));
        QCOMPARE(open[0].count, wrongType);
        const std::string said = core::formatEnglish(open[0].message);
        QVERIFY2(said.find("order.paid") != std::string::npos && said.find("wrong_type") != std::string::npos,
                 said.c_str());

        // The gateway is fixed: at most one more resync brings the console to the truth,
        // and once frames read cleanly the depot is no longer degraded and the alert resolves.
        const int fixedAt = rig.gw.snapshotRequests();
        bool converged = false;
        for (int s = 60; s < 120 && !converged; ++s) {
            QVERIFY(rig.playSecond(s, false));
            converged = rig.allPaid() && rig.stats.degraded().empty() && rig.engine->book().openCount() == 0;
        }
        QVERIFY2(converged, qPrintable(QStringLiteral("paid %1 degraded %2 open alerts %3")
                                           .arg(rig.allPaid())
                                           .arg(rig.stats.degraded().size())
                                           .arg(rig.engine->book().openCount())));
        QVERIFY2(rig.gw.snapshotRequests() - fixedAt <= 1, qPrintable(QString::number(rig.gw.snapshotRequests() - fixedAt)));
        QCOMPARE(rig.stats.degradedDepots.load(), 0);
        const auto resolved = rig.changesOf("auto_resolved");
        QCOMPARE(resolved.size(), std::size_t(1));
        QVERIFY(resolved[0]->note.code == core::AlertCode::ClearedFeedClean);
        QCOMPARE(rig.changesOf("raised").size(), std::size_t(1));
        for (const auto &id : rig.d2Orders)
            QVERIFY2(rig.console.state(id) == core::OrderState::Created, id.c_str());
        rig.subscriber->stop();
    }
};

QTEST_GUILESS_MAIN(TestFeedDegraded)
#include "tst_feed_degraded.moc"
