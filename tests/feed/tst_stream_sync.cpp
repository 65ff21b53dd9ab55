// StreamSync on its own (issue 15): the per-depot sequence logic of protocol.md without
// sockets or clocks. Every time is given by the test, so each case is exact: join
// buffering, holes, duplicates, tail loss, late epochs, and the backoff of issue 21.
#include "feed/sync/StreamSync.h"

#include <QtTest>

using namespace opsdeck;
using feed::SnapshotRequest;
using feed::StreamSync;

namespace {

constexpr char kEpoch[] = "gw-1";

core::Event live(const std::string &depot, std::int64_t seq, std::string id = {}, const std::string &epoch = kEpoch)
{
    core::Event e;
    e.kind = core::EventKind::OrderCreated;
    e.epoch = epoch;
    e.depot = depot;
    e.seq = seq;
    e.id = id.empty() ? epoch + "-" + depot + "-" + std::to_string(seq) : std::move(id);
    e.orderId = "o-" + std::to_string(seq);
    return e;
}

core::Event record(const std::string &depot, const std::string &orderId)
{
    core::Event e;
    e.kind = core::EventKind::OrderSnapshot;
    e.epoch = kEpoch;
    e.depot = depot;
    e.orderId = orderId;
    e.id = "snap-" + orderId;
    return e;
}

feed::wire::SnapshotEnd snapEnd(std::vector<std::pair<std::string, std::int64_t>> seqs, const std::string &epoch = kEpoch)
{
    return {epoch, std::move(seqs), {}};
}

core::Rejected rejectedPaid(const std::string &depot)
{
    core::Rejected r;
    r.reason = core::RejectReason::WrongType;
    r.topic = depot + "/order.paid";
    r.detail = "data.amount: expected number";
    return r;
}

// A StreamSync and what it handed over, flattened in apply order.
struct Harness {
    explicit Harness(StreamSync::Options options = {}, std::vector<core::Cursor> resume = {})
        : sync({}, std::move(resume), stats, [this](core::FeedBatch &&b) { take(std::move(b)); }, options)
    {
    }
    void take(core::FeedBatch &&b)
    {
        for (auto &e : b.events)
            applied.push_back(core::isSnapshotRecord(e.kind) ? "snap:" + e.orderId : e.depot + "#" + std::to_string(e.seq));
        for (auto &c : b.cursors)
            cursors[c.depot] = c;
        // The stats count a resync once its records are handed over, never before: a
        // reader that sees N resyncs finds N in the sink.
        if (stats.resyncs.load() > static_cast<std::int64_t>(resyncs.size()))
            statsAhead = true;
        for (auto &r : b.resyncs)
            resyncs.push_back(r);
    }
    std::vector<std::string> drain()
    {
        sync.flush();
        return std::exchange(applied, {});
    }
    // The join: an all-depots request answered with these seqs and no records.
    void join(std::vector<std::pair<std::string, std::int64_t>> seqs = {})
    {
        const auto req = sync.takeRequest();
        QVERIFY(req && req->all);
        sync.onSnapshotEnd(snapEnd(std::move(seqs)), 0);
        drain();
    }

    core::FeedStats stats;
    std::vector<std::string> applied;
    std::map<std::string, core::Cursor> cursors;
    std::vector<core::ResyncRecord> resyncs;
    bool statsAhead = false;
    StreamSync sync;
};

using Strings = std::vector<std::string>;

} // namespace

class TestStreamSync final : public QObject
{
    Q_OBJECT

private slots:
    void joinBuffersLiveUntilSnapshotEnd()
    {
        Harness h;
        const auto req = h.sync.takeRequest();
        QVERIFY(req && req->all);
        QCOMPARE(req->reason, std::string("join"));
        QVERIFY(!h.sync.takeRequest()); // one in flight at a time
        h.sync.onLive(live("D1", 4), 0);
        h.sync.onLive(live("D1", 5), 0);
        QVERIFY(h.drain().empty());
        h.sync.onSnapshotRecord(record("D1", "o-a"));
        h.sync.onSnapshotEnd(snapEnd({{"D1", 4}}), 0);
        // The snapshot is the state at seq 4: seq 4 is covered, 5 follows it.
        QCOMPARE(h.drain(), (Strings{"snap:o-a", "D1#5"}));
        QCOMPARE(h.cursors["D1"].seq, std::int64_t(5));
        QCOMPARE(h.stats.duplicates.load(), std::int64_t(0));
        QCOMPARE(h.stats.resyncs.load(), std::int64_t(1));
        QVERIFY(!h.statsAhead);
        QCOMPARE(h.stats.resyncsRequested.load(), std::int64_t(1));
        QVERIFY(!h.sync.resyncing());
    }

    void snapshotBufferIsReleasedOnceApplied()
    {
        // A city's join is 100k+ records: their buffer must not stay resident afterwards.
        Harness h;
        QVERIFY(h.sync.takeRequest());
        for (int i = 0; i < 5000; ++i)
            h.sync.onSnapshotRecord(record("D1", "o-" + std::to_string(i)));
        QVERIFY(h.sync.snapshotBufferBytes() >= 5000 * sizeof(core::Event));
        h.sync.onSnapshotEnd(snapEnd({{"D1", 1}}), 0);
        QCOMPARE(h.drain().size(), std::size_t(5000));
        QCOMPARE(h.sync.snapshotBufferBytes(), std::size_t(0));

        // A reply cut short and asked again keeps nothing of the partial one either.
        h.sync.onLive(live("D1", 3), 0); // a hole: resync D1
        QVERIFY(h.sync.takeRequest());
        for (int i = 0; i < 1000; ++i)
            h.sync.onSnapshotRecord(record("D1", "p-" + std::to_string(i)));
        QVERIFY(h.sync.snapshotBufferBytes() > 0);
        h.sync.restartInFlight();
        QCOMPARE(h.sync.snapshotBufferBytes(), std::size_t(0));
    }

    void holeResyncsTheDepotAndReplaysAboveIt()
    {
        Harness h;
        h.join({{"D1", 0}});
        h.sync.onLive(live("D1", 1), 0);
        h.sync.onLive(live("D1", 3), 0); // 2 lost
        h.sync.onLive(live("D1", 4), 0);
        QCOMPARE(h.drain(), (Strings{"D1#1"}));
        QCOMPARE(h.stats.gaps.load(), std::int64_t(1));
        const auto req = h.sync.takeRequest();
        QVERIFY(req && !req->all);
        QCOMPARE(req->depots, (Strings{"D1"}));
        h.sync.onSnapshotEnd(snapEnd({{"D1", 3}}), 0);
        QCOMPARE(h.drain(), (Strings{"D1#4"}));
        QCOMPARE(h.resyncs.back().reason, std::string("gap"));
        QCOMPARE(h.stats.resyncs.load(), std::int64_t(2));
        QVERIFY(!h.statsAhead);
        QVERIFY(!h.sync.degraded("D1"));
    }

    void repeatedIdIsAppliedOnceButMovesTheCursor()
    {
        Harness h;
        h.join({{"D1", 0}});
        h.sync.onLive(live("D1", 1, "same"), 0);
        h.sync.onLive(live("D1", 2, "same"), 0);
        h.sync.onLive(live("D1", 2), 0); // seq already applied
        QCOMPARE(h.drain(), (Strings{"D1#1"}));
        QCOMPARE(h.cursors["D1"].seq, std::int64_t(2));
        QCOMPARE(h.stats.duplicates.load(), std::int64_t(2));
        QCOMPARE(h.stats.accepted.load(), std::int64_t(1));
    }

    void tailLossWaitsOneGraceThenResyncs()
    {
        StreamSync::Options o;
        o.tailGraceMs = 1000;
        Harness h(o);
        h.join({{"D1", 0}});
        h.sync.onLive(live("D1", 1), 100);
        h.sync.onHeartbeat(core::Heartbeat{kEpoch, 0, {{"D1", 2}}}, 100);
        h.sync.tick(1099);
        QVERIFY(!h.sync.takeRequest());
        h.sync.onLive(live("D1", 2), 1099); // arrived in time: no loss
        h.sync.tick(1100);
        QVERIFY(!h.sync.takeRequest());
        h.sync.onHeartbeat(core::Heartbeat{kEpoch, 0, {{"D1", 3}}}, 2000);
        h.sync.tick(3000);
        const auto req = h.sync.takeRequest();
        QVERIFY(req && !req->all);
        QCOMPARE(h.stats.gaps.load(), std::int64_t(1));
    }

    void newEpochOnHeartbeatResyncsAllAndLateEventsOfTheOldOneAreStale()
    {
        Harness h;
        h.join({{"D1", 0}});
        h.sync.onHeartbeat(core::Heartbeat{"gw-2", 0, {{"D1", 1}}}, 0);
        const auto req = h.sync.takeRequest();
        QVERIFY(req && req->all);
        QCOMPARE(req->reason, std::string("new_epoch"));
        h.sync.onSnapshotEnd(snapEnd({{"D1", 1}}, "gw-2"), 0);
        h.drain();
        QCOMPARE(h.sync.gatewayEpoch(), std::string("gw-2"));
        const auto before = h.stats.duplicates.load();
        h.sync.onLive(live("D1", 7, {}, kEpoch), 0); // a late message of the run we left
        h.sync.onLive(live("D1", 2, {}, "gw-2"), 0);
        QCOMPARE(h.drain(), (Strings{"D1#2"}));
        QCOMPARE(h.stats.duplicates.load(), before + 1);
        QVERIFY(!h.sync.takeRequest());
    }

    void holeWhileResyncRunsJoinsIt()
    {
        Harness h;
        h.join({{"D1", 0}});
        h.sync.onLive(live("D1", 2), 0); // 1 lost
        QVERIFY(h.sync.takeRequest());
        h.sync.onLive(live("D1", 3), 0);
        h.sync.onLive(live("D1", 5), 0); // 4 lost while the resync runs
        QVERIFY(!h.sync.takeRequest());
        QCOMPARE(h.stats.resyncsCoalesced.load(), std::int64_t(1));
        h.sync.onSnapshotEnd(snapEnd({{"D1", 5}}), 0); // the snapshot covers both holes
        QVERIFY(h.drain().empty());
        QVERIFY(!h.sync.takeRequest());
        QCOMPARE(h.stats.resyncsRequested.load(), std::int64_t(2));
    }

    void holesFasterThanThresholdBackOffAndApplyAboveTheHole()
    {
        StreamSync::Options o;
        o.resyncMinIntervalMs = 5000;
        o.backoffInitialMs = 2000;
        o.backoffMaxMs = 8000;
        o.cleanMs = 10000;
        Harness h(o);
        h.join({{"D1", 0}});
        std::int64_t seq = 0;
        // First hole at t=0: resync at once.
        h.sync.onLive(live("D1", seq += 2), 0);
        QVERIFY(h.sync.takeRequest());
        h.sync.onSnapshotEnd(snapEnd({{"D1", seq}}), 0);
        h.drain();
        // Another hole 100 ms later: too soon. Degraded; events above the hole applied in order.
        h.sync.onRejected(rejectedPaid("D1"), 100);
        h.sync.onLive(live("D1", seq += 2), 100);
        h.sync.onLive(live("D1", seq + 1), 100);
        h.sync.onLive(live("D1", seq += 3), 150); // another hole: joins the owed resync
        ++seq;
        QCOMPARE(h.drain(), (Strings{"D1#4", "D1#5", "D1#7"}));
        QVERIFY(h.sync.degraded("D1"));
        QCOMPARE(h.stats.resyncsCoalesced.load(), std::int64_t(1));
        h.sync.tick(1999);
        QVERIFY(!h.sync.takeRequest());
        auto degraded = h.stats.degraded();
        QCOMPARE(degraded.size(), std::size_t(1));
        QCOMPARE(degraded[0].eventType, std::string("order.paid"));
        QCOMPARE(degraded[0].reason, std::string("wrong_type"));
        QCOMPARE(degraded[0].failures, std::int64_t(1));
        QCOMPARE(degraded[0].holes, std::int64_t(2));
        QCOMPARE(degraded[0].backoffMs, std::int64_t(2000));
        // The backoff is counted from the last resync (t=0): due at 2000.
        h.sync.tick(2000);
        QVERIFY(h.sync.takeRequest());
        h.sync.onSnapshotEnd(snapEnd({{"D1", 7}}), 0);
        // The next hole soon after: the backoff doubles (4 s), then 8 s, never above the cap.
        h.sync.onLive(live("D1", 9), 2100);
        QCOMPARE(h.stats.degraded()[0].backoffMs, std::int64_t(2000)); // the stats follow at the next tick
        h.sync.tick(2100);
        QCOMPARE(h.stats.degraded()[0].backoffMs, std::int64_t(4000));
        h.sync.tick(5999);
        QVERIFY(!h.sync.takeRequest());
        h.sync.tick(6000);
        QVERIFY(h.sync.takeRequest());
        h.sync.onSnapshotEnd(snapEnd({{"D1", 9}}), 0);
        h.sync.onLive(live("D1", 11), 6100);
        h.sync.tick(6100);
        QCOMPARE(h.stats.degraded()[0].backoffMs, std::int64_t(8000));
        h.sync.tick(14000);
        QVERIFY(h.sync.takeRequest());
        h.sync.onSnapshotEnd(snapEnd({{"D1", 11}}), 0);
        h.drain();
        QCOMPARE(h.stats.resyncsRequested.load(), std::int64_t(5)); // join + 4
        // Clean frames from here: degraded until cleanMs after the last trouble (6100).
        h.sync.onLive(live("D1", 12), 15000);
        h.sync.tick(16099);
        QVERIFY(h.sync.degraded("D1"));
        h.sync.tick(16100);
        QVERIFY(!h.sync.degraded("D1"));
        QVERIFY(h.stats.degraded().empty());
        QCOMPARE(h.stats.degradedDepots.load(), 0);
        QCOMPARE(h.stats.degradedMs.load(), std::int64_t(16100 - 1999));
        // Healthy again: the next single hole resyncs at once.
        h.sync.onLive(live("D1", 14), 30000);
        QVERIFY(h.sync.takeRequest());
        QVERIFY(!h.sync.degraded("D1"));
    }

    void rejectedFramesOfUnknownDepotsCountForTheGateway()
    {
        StreamSync::Options o;
        Harness h(o);
        h.join({{"D1", 0}});
        core::Rejected r;
        r.reason = core::RejectReason::MalformedJson;
        r.topic = "garbage";
        h.sync.onRejected(std::move(r), 0);
        h.sync.onLive(live("D1", 2), 0);
        QVERIFY(h.sync.takeRequest());
        h.sync.onSnapshotEnd(snapEnd({{"D1", 2}}), 0);
        h.sync.onLive(live("D1", 4), 100);
        h.sync.tick(100);
        const auto degraded = h.stats.degraded();
        QCOMPARE(degraded.size(), std::size_t(1));
        QCOMPARE(degraded[0].eventType, std::string(""));
        QCOMPARE(degraded[0].reason, std::string("malformed_json"));
    }
};

QTEST_GUILESS_MAIN(TestStreamSync)
#include "tst_stream_sync.moc"
