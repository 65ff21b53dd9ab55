// Issue 16, bounded memory: the queues between threads are bounded in events AND bytes,
// and a batch refused at the core's bound is shed by the feed's sync (counted by depot
// and reason), its depot marked stale until a snapshot covers it.
#include "core/pipeline/ConsoleCore.h"
#include "core/pipeline/QueueBounds.h"
#include "feed/sync/StreamSync.h"

#include <QtTest>

#include <thread>

using namespace opsdeck;

namespace {

constexpr char kEpoch[] = "gw-1";

core::Event live(const std::string &depot, std::int64_t seq, std::size_t envelopeBytes = 200)
{
    core::Event e;
    e.kind = core::EventKind::OrderCreated;
    e.epoch = kEpoch;
    e.depot = depot;
    e.seq = seq;
    e.id = depot + "-" + std::to_string(seq);
    e.orderId = "o-" + e.id;
    e.raw.assign(envelopeBytes, 'x');
    return e;
}

core::FeedBatch batchOf(const std::string &depot, std::int64_t firstSeq, int events, std::size_t envelopeBytes)
{
    core::FeedBatch b;
    for (int i = 0; i < events; ++i)
        b.events.push_back(live(depot, firstSeq + i, envelopeBytes));
    return b;
}

core::ConsoleCore::Options bounds(std::size_t events, std::size_t bytes)
{
    core::ConsoleCore::Options o;
    o.maxQueuedEvents = events;
    o.maxQueuedBytes = bytes;
    o.refusalWaitMs = 0; // answer at once: nothing takes from a core that is not started
    return o;
}

} // namespace

class TestQueueBounds final : public QObject
{
    Q_OBJECT

private slots:
    // A few huge envelopes reach the byte bound long before the event count.
    void hugeEnvelopesTripTheByteBoundFirst()
    {
        // Not started: what is posted stays queued.
        core::ConsoleCore core(core::Projections{}, nullptr, nullptr, bounds(1000, 4u << 20));
        QVERIFY(!core.refusal(batchOf("D1", 1, 3, 1u << 20))); // an empty queue takes any batch
        core.post(batchOf("D1", 1, 3, 1u << 20));              // 3 events, ~3 MiB
        QCOMPARE(core.refusal(batchOf("D1", 4, 2, 1u << 20)), std::optional(core::ShedReason::QueueBytes));
        QVERIFY(!core.refusal(batchOf("D1", 4, 2, 1000))); // small ones still fit
        core.post(batchOf("D1", 4, 990, 200));
        QCOMPARE(core.refusal(batchOf("D1", 994, 10, 200)), std::optional(core::ShedReason::QueueEvents));
        // Snapshot records and bookkeeping are never refused: they are the way back.
        core::FeedBatch covers;
        covers.covers.push_back(core::SnapshotCover{"D1", kEpoch, 0, {}});
        QVERIFY(!core.refusal(covers));
        QVERIFY(core::eventBytes(live("D1", 1, 1u << 20)) >= (1u << 20));
    }

    // A burst waits on the SUB socket as messages, not decoded in the core's queue:
    // refusal() first gives the core time to take its queue.
    void refusalWaitsForTheCoreToTakeItsQueue()
    {
        auto o = bounds(10, 1u << 20);
        o.refusalWaitMs = 60000; // an upper bound: it answers as soon as there is room
        core::ConsoleCore core(core::Projections{}, nullptr, nullptr, o);
        core.post(batchOf("D1", 1, 10, 200)); // full
        std::optional<core::ShedReason> answer = core::ShedReason::QueueEvents;
        std::thread feed([&] { answer = core.refusal(batchOf("D1", 11, 5, 200)); });
        QTRY_COMPARE(core.counters().refusalWaits, 1); // the feed waits, nothing is shed yet
        core.start();
        feed.join();
        QVERIFY(!answer);
        core.stop();
    }

    void refusedBatchIsShedAndItsDepotResyncs()
    {
        core::FeedStats stats;
        std::vector<core::FeedBatch> delivered;
        bool full = false;
        feed::StreamSync::Options o;
        o.maxBatchEvents = 4;
        o.refuse = [&full](const core::FeedBatch &) {
            return full ? std::optional(core::ShedReason::QueueBytes) : std::nullopt;
        };
        feed::StreamSync sync({}, {}, stats, [&](core::FeedBatch &&b) { delivered.push_back(std::move(b)); }, o);
        QVERIFY(sync.takeRequest()); // the join
        sync.onSnapshotEnd({kEpoch, {{"D1", 0}, {"D2", 0}}, {}}, 0);
        delivered.clear();

        full = true;
        for (int seq = 1; seq <= 3; ++seq)
            sync.onLive(live("D1", seq), 10);
        sync.onLive(live("D2", 1), 10);
        sync.flush();
        QCOMPARE(stats.shedEvents.load(), 4);
        const auto byDepot = stats.shedByDepot();
        QCOMPARE(byDepot.size(), std::size_t(2));
        for (const auto &d : byDepot)
            QCOMPARE(d.events[static_cast<std::size_t>(core::ShedReason::QueueBytes)], d.depot == "D1" ? 3 : 1);
        QCOMPARE(stats.stale(), (std::vector<std::string>{"D1", "D2"}));
        for (const auto &b : delivered)
            QVERIFY(b.events.empty()); // cursors may go on; the events did not

        // The depots' resyncs go out at once (first trouble: no backoff yet).
        full = false;
        const auto req = sync.takeRequest();
        QVERIFY(req && !req->all);
        QCOMPARE(req->depots, (std::vector<std::string>{"D1", "D2"}));
        core::Event record = live("D1", 0);
        record.kind = core::EventKind::OrderSnapshot;
        sync.onSnapshotRecord(std::move(record));
        sync.onSnapshotEnd({kEpoch, {{"D1", 3}, {"D2", 1}}, {}}, 20);
        QVERIFY(stats.stale().empty());
        QCOMPARE(stats.staleDepots.load(), 0);
        QCOMPARE(stats.shedEvents.load(), 4); // counted, never forgotten
    }
};

QTEST_GUILESS_MAIN(TestQueueBounds)
#include "tst_queue_bounds.moc"
