// Issue 15: open orders a complete snapshot of their depot leaves out are retired. Real
// classes end to end without sockets: the feed's StreamSync decides which snapshot is
// complete for which depot, the ConsoleCore thread applies it to the Projections, and the
// AlertEngine (shipped rules, injected clock) stops tracking what was retired.
#include "core/alerts/AlertEngine.h"
#include "core/alerts/AlertRules.h"
#include "core/pipeline/ConsoleCore.h"
#include "feed/sync/StreamSync.h"

#include <QTest>

#include <atomic>
#include <mutex>

using namespace opsdeck;
using namespace opsdeck::core;

namespace {

constexpr std::int64_t kMin = 60000;
constexpr std::int64_t kT0 = 1795312800000; // 2026-11-22T02:00:00Z
const std::string kA = "BJ-CY-01";
const std::string kB = "BJ-HD-02";
const std::string kPastEta = "sla.delivering_past_eta";

Event record(const std::string &epoch, const std::string &depot, std::int64_t seq, const std::string &orderId,
             OrderState state)
{
    Event e;
    e.kind = EventKind::OrderSnapshot;
    e.epoch = epoch;
    e.depot = depot;
    e.seq = seq;
    e.id = "snap-" + orderId;
    e.tsMs = kT0;
    e.orderId = orderId;
    e.snapshotState = state;
    e.createdAtMs = kT0 - 20 * kMin;
    e.promisedAtMs = kT0 + 20 * kMin;
    if (state == OrderState::Delivering) {
        e.riderId = "r-" + orderId;
        e.etaMs = kT0 + 5 * kMin;
    }
    return e;
}

Event live(EventKind kind, const std::string &epoch, const std::string &depot, std::int64_t seq,
           const std::string &orderId)
{
    Event e;
    e.kind = kind;
    e.epoch = epoch;
    e.depot = depot;
    e.seq = seq;
    e.id = epoch + "-" + depot + "-" + std::to_string(seq);
    e.tsMs = kT0 + 9 * kMin;
    e.orderId = orderId;
    return e;
}

feed::wire::SnapshotEnd snapEnd(const std::string &epoch, std::vector<std::pair<std::string, std::int64_t>> seqs)
{
    return feed::wire::SnapshotEnd{epoch, std::move(seqs), {}};
}

} // namespace

class TestOrderRetire final : public QObject
{
    Q_OBJECT

    struct Rig {
        FeedStats stats;
        std::vector<FeedBatch> batches;
        feed::StreamSync sync{{}, {}, stats, [this](FeedBatch &&b) { batches.push_back(std::move(b)); },
                              feed::StreamSync::Options{}};
        std::atomic<std::int64_t> now{kT0};
        std::mutex mutex;
        std::vector<AlertChange> changes;
        AlertEngine engine{loadAlertRules({}).rules, [this](AlertOutput &&out) {
                               std::lock_guard lock(mutex);
                               changes.insert(changes.end(), out.changes.begin(), out.changes.end());
                           }};
        std::unique_ptr<ConsoleCore> core;

        Rig()
        {
            ConsoleCore::Options options;
            options.wallClockMs = [this] { return now.load(); };
            core = std::make_unique<ConsoleCore>(Projections{}, nullptr, nullptr, options);
            core->addObserver(&engine);
        }
        // Hands what the sync produced to the core and lets it apply all of it and tick
        // at `atMs`: stop() applies everything posted, ticks the observers once more and
        // joins, so what follows reads the core's state with nothing in flight.
        void apply(std::int64_t atMs)
        {
            now = atMs;
            sync.flush();
            core->start();
            for (auto &b : batches)
                core->post(std::move(b));
            batches.clear();
            core->stop();
        }
        const AlertChange *last(const std::string &orderId)
        {
            for (auto it = changes.rbegin(); it != changes.rend(); ++it)
                if (it->alert.ruleId == kPastEta && it->alert.subject.key == orderId)
                    return &*it;
            return nullptr;
        }
        const AlertRule &pastEta() const
        {
            for (const auto &r : engine.rules())
                if (r.id == kPastEta)
                    return r;
            qFatal("no %s rule", kPastEta.c_str());
        }
        bool pastEtaOpen(const std::string &orderId) const { return engine.book().isOpen(pastEta(), orderId); }
        OrderRecord order(const std::string &orderId)
        {
            for (const auto &o : core->fullPicture().orders)
                if (o.orderId == orderId)
                    return o;
            return {};
        }
    };

    // The join: o1..o3 in depot A, o4 in B, three of them delivering past their ETA.
    static void join(Rig &rig)
    {
        QVERIFY(rig.sync.takeRequest().has_value());
        rig.sync.onSnapshotRecord(record("gw1", kA, 10, "o1", OrderState::Delivering));
        rig.sync.onSnapshotRecord(record("gw1", kA, 10, "o2", OrderState::Paid));
        rig.sync.onSnapshotRecord(record("gw1", kA, 10, "o3", OrderState::Delivering));
        rig.sync.onSnapshotRecord(record("gw1", kB, 5, "o4", OrderState::Delivering));
        rig.sync.onSnapshotEnd(snapEnd("gw1", {{kA, 10}, {kB, 5}}), kT0);
        rig.apply(kT0 + 8 * kMin);  // past ETA: pending (debounce)
        rig.apply(kT0 + 10 * kMin); // fired
        for (const char *id : {"o1", "o3", "o4"})
            QVERIFY2(rig.pastEtaOpen(id), id);
        QCOMPARE(rig.core->counters().ordersByState[std::size_t(OrderState::Delivering)], 3);
    }

private slots:
    void completeSnapshotRetiresOnlyTheDepotsItCovers()
    {
        Rig rig;
        join(rig);

        // A hole in depot A: a resync of A alone. Its reply leaves o1 and o3 out; B is
        // named in SNAPEND and has records on the wire, but was not asked for.
        rig.sync.onLive(live(EventKind::OrderCreated, "gw1", kA, 12, "o5"), 0);
        const auto request = rig.sync.takeRequest();
        QVERIFY(request && !request->all);
        QVERIFY(request->depots == std::vector<std::string>{kA});
        rig.sync.onSnapshotRecord(record("gw1", kA, 12, "o2", OrderState::Paid));
        rig.sync.onSnapshotRecord(record("gw1", kB, 5, "o9", OrderState::Paid));
        rig.sync.onSnapshotEnd(snapEnd("gw1", {{kA, 11}, {kB, 5}}), kT0 + 11 * kMin);
        rig.apply(kT0 + 11 * kMin);

        QCOMPARE(rig.order("o1").retiredAtMs, kT0 + 11 * kMin);
        QCOMPARE(rig.order("o3").retiredAtMs, kT0 + 11 * kMin);
        QVERIFY(rig.order("o1").state == OrderState::Delivering); // last known, kept
        QCOMPARE(rig.order("o2").retiredAtMs, 0);
        QCOMPARE(rig.order("o4").retiredAtMs, 0); // depot B was not asked for
        QVERIFY(rig.order("o9").orderId.empty());
        // o5 came live after the snapshot's seq (buffered, replayed): not retired.
        QVERIFY(rig.order("o5").state == OrderState::Created);
        QCOMPARE(rig.order("o5").retiredAtMs, 0);
        const CoreCounters c = rig.core->counters();
        QCOMPARE(c.retired, 2);
        QCOMPARE(c.ordersByState[std::size_t(OrderState::Delivering)], 1);

        // Their alerts resolved saying why; the one of depot B stays open.
        for (const char *id : {"o1", "o3"}) {
            QVERIFY2(!rig.pastEtaOpen(id), id);
            const AlertChange *change = rig.last(id);
            QVERIFY(change);
            QCOMPARE(change->action, std::string("auto_resolved"));
            QVERIFY(change->note.code == AlertCode::ClearedOrderRetired);
            QCOMPARE(formatEnglish(change->note), std::string("retired by gateway"));
        }
        QVERIFY(rig.pastEtaOpen("o4"));
        // The rules stop tracking them: time passing raises nothing again.
        rig.apply(kT0 + 30 * kMin);
        QVERIFY(!rig.pastEtaOpen("o1"));
        QVERIFY(!rig.engine.book().isPending(rig.pastEta(), "o1"));
    }

    void newEpochRetiresAndAnEventOrRecordRevives()
    {
        Rig rig;
        join(rig);

        // The gateway restarted and knows only o2 and a new order.
        Heartbeat hb;
        hb.epoch = "gw2";
        hb.tsMs = kT0 + 11 * kMin;
        hb.seqs = {{kA, 0}, {kB, 0}};
        rig.sync.onHeartbeat(hb, 0);
        const auto request = rig.sync.takeRequest();
        QVERIFY(request && request->all);
        rig.sync.onSnapshotRecord(record("gw2", kA, 0, "o2", OrderState::Paid));
        rig.sync.onSnapshotRecord(record("gw2", kA, 0, "n1", OrderState::Created));
        rig.sync.onSnapshotEnd(snapEnd("gw2", {{kA, 0}, {kB, 0}}), kT0 + 11 * kMin);
        rig.apply(kT0 + 11 * kMin);
        for (const char *id : {"o1", "o3", "o4"}) {
            QVERIFY2(rig.order(id).retiredAtMs != 0, id);
            QVERIFY2(!rig.pastEtaOpen(id), id);
        }
        QCOMPARE(rig.core->counters().retired, 3);
        QCOMPARE(rig.core->counters().ordersByState[std::size_t(OrderState::Delivering)], 0);

        // o1 comes back in a live event: live again, and the past-ETA rule follows it.
        Event eta = live(EventKind::OrderEtaUpdated, "gw2", kA, 1, "o1");
        eta.etaMs = kT0 + 12 * kMin;
        rig.sync.onLive(std::move(eta), 0);
        // o4 comes back in the snapshot of a resync of B (a hole there).
        rig.sync.onLive(live(EventKind::OrderCreated, "gw2", kB, 3, "n2"), 0);
        QVERIFY(rig.sync.takeRequest().has_value());
        rig.sync.onSnapshotRecord(record("gw2", kB, 2, "o4", OrderState::Delivering));
        rig.sync.onSnapshotEnd(snapEnd("gw2", {{kB, 2}}), kT0 + 12 * kMin);
        rig.apply(kT0 + 14 * kMin);
        QCOMPARE(rig.order("o1").retiredAtMs, 0);
        QCOMPARE(rig.order("o4").retiredAtMs, 0);
        QVERIFY(rig.order("o3").retiredAtMs != 0);
        QCOMPARE(rig.core->counters().retired, 1);
        QCOMPARE(rig.core->counters().ordersByState[std::size_t(OrderState::Delivering)], 2);
        rig.apply(kT0 + 16 * kMin);
        QVERIFY(rig.pastEtaOpen("o1"));
        QVERIFY(rig.pastEtaOpen("o4"));
        QVERIFY(!rig.pastEtaOpen("o3"));
    }
};

QTEST_GUILESS_MAIN(TestOrderRetire)
#include "tst_order_retire.moc"
