// FeedSubscriber over real ZeroMQ sockets against the scripted gateway: broken messages,
// duplicates, holes, tail loss, new epochs, join buffering, staleness and shutdown.
#include "ScriptedGateway.h"

#include "feed/sync/FeedSubscriber.h"

#include <QtTest>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>

using namespace opsdeck;
using feed::FeedSubscriber;
using feed::test::ScriptedGateway;

namespace {

// What the sink was handed, for assertions from the test thread.
class Collector final
{
public:
    void add(core::FeedBatch &&batch)
    {
        std::lock_guard lock(m_mutex);
        if (batch.events.empty() && batch.cursors.empty() && batch.rejected.empty() && batch.resyncs.empty())
            m_emptyBatches++;
        m_maxBatch = std::max(m_maxBatch, batch.events.size());
        for (auto &e : batch.events)
            m_events.push_back(std::move(e));
        for (auto &c : batch.cursors)
            m_cursors[c.depot] = c;
        for (auto &r : batch.rejected)
            m_rejected.push_back(std::move(r));
        for (auto &r : batch.resyncs)
            m_resyncs.push_back(std::move(r));
    }
    std::vector<std::int64_t> liveSeqs(const std::string &depot) const
    {
        std::lock_guard lock(m_mutex);
        std::vector<std::int64_t> out;
        for (const auto &e : m_events) {
            if (!core::isSnapshotRecord(e.kind) && e.depot == depot)
                out.push_back(e.seq);
        }
        return out;
    }
    std::vector<std::string> order() const // "snap:<order>" or "<depot>#<seq>", in apply order
    {
        std::lock_guard lock(m_mutex);
        std::vector<std::string> out;
        for (const auto &e : m_events)
            out.push_back(core::isSnapshotRecord(e.kind) ? "snap:" + e.orderId : e.depot + "#" + std::to_string(e.seq));
        return out;
    }
    core::Cursor cursor(const std::string &depot) const
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_cursors.find(depot);
        return it == m_cursors.end() ? core::Cursor{} : it->second;
    }
    std::size_t maxBatchEvents() const
    {
        std::lock_guard lock(m_mutex);
        return m_maxBatch;
    }
    std::vector<core::ResyncRecord> resyncs() const
    {
        std::lock_guard lock(m_mutex);
        return m_resyncs;
    }
    std::vector<core::Rejected> rejected() const
    {
        std::lock_guard lock(m_mutex);
        return m_rejected;
    }
    int emptyBatches() const
    {
        std::lock_guard lock(m_mutex);
        return m_emptyBatches;
    }

private:
    mutable std::mutex m_mutex;
    std::vector<core::Event> m_events;
    std::map<std::string, core::Cursor> m_cursors;
    std::vector<core::Rejected> m_rejected;
    std::vector<core::ResyncRecord> m_resyncs;
    int m_emptyBatches = 0;
    std::size_t m_maxBatch = 0;
};

struct KeyPair {
    std::string publicKey;
    std::string secretKey;
};

KeyPair curveKeyPair()
{
    char pub[41] = {};
    char sec[41] = {};
    if (zmq_curve_keypair(pub, sec) != 0)
        return {};
    return {pub, sec};
}

using Seqs = std::vector<std::int64_t>;

std::int64_t rejectedFor(const core::FeedStats &stats, core::RejectReason reason)
{
    return stats.rejected[static_cast<std::size_t>(reason)].load();
}

// One gateway, one subscriber, one collector: the usual cast of a test.
struct Rig {
    explicit Rig(std::vector<std::string> depots = {}, std::vector<core::Cursor> resume = {},
                 FeedSubscriber::Tuning tuning = {})
    {
        gw.setOrder("D1", "o-1", "PAID");
        feed::FeedEndpoints ep{gw.feedEndpoint(), gw.snapshotEndpoint(), gw.controlEndpoint(), std::move(depots), {}};
        subscriber = std::make_unique<FeedSubscriber>(
            ep, std::move(resume), stats, [this](core::FeedBatch &&b) { collector.add(std::move(b)); }, tuning);
    }
    // Started and through the join snapshot, with the subscription in place. Generous
    // timeouts: they only bound a failure, a loaded machine must not turn into one.
    bool join()
    {
        subscriber->start();
        if (!gw.waitForSubscriber(10000))
            return false;
        return QTest::qWaitFor([this] { return stats.resyncs.load() >= 1; }, 10000);
    }

    ScriptedGateway gw;
    core::FeedStats stats;
    Collector collector;
    std::unique_ptr<FeedSubscriber> subscriber;
};

} // namespace

class TestFeedSubscriber final : public QObject
{
    Q_OBJECT

private slots:
    void joinBuffersLiveUntilSnapshotEnd()
    {
        Rig rig;
        rig.gw.holdSnapshots(true);
        rig.subscriber->start();
        QVERIFY(rig.gw.waitForSubscriber(3000));
        QTRY_COMPARE_WITH_TIMEOUT(rig.gw.snapshotRequests(), 1, 3000);
        for (int i = 0; i < 3; ++i)
            rig.gw.publish("D1", "order.paid", R"({"order_id":"o-1","amount":1})");
        rig.gw.freezeSnapshotState(); // the snapshot covers D1 up to seq 3
        rig.gw.publish("D1", "order.held", R"({"order_id":"o-1","reason":"suspicious_burst"})");
        rig.gw.publish("D1", "order.released", R"({"order_id":"o-1","by":"ops"})");
        QTRY_COMPARE_WITH_TIMEOUT(rig.stats.received.load(), 5, 3000);
        QCOMPARE(rig.stats.accepted.load(), 0); // all buffered
        QCOMPARE(std::string(core::toString(rig.stats.state.load())), std::string("resyncing"));
        rig.gw.releaseSnapshots();

        QTRY_COMPARE_WITH_TIMEOUT(rig.collector.liveSeqs("D1"), Seqs({4, 5}), 3000);
        QCOMPARE(rig.collector.order(), std::vector<std::string>({"snap:o-1", "D1#4", "D1#5"}));
        QCOMPARE(rig.stats.duplicates.load(), 0); // 1..3 are covered by the snapshot, not duplicates
        QCOMPARE(rig.collector.cursor("D1").seq, 5);
        QCOMPARE(rig.collector.cursor("D1").epoch, std::string("gw-test-1"));
        const auto resyncs = rig.collector.resyncs();
        QCOMPARE(resyncs.size(), std::size_t(1));
        QCOMPARE(resyncs[0].reason, std::string("join"));
        QCOMPARE(resyncs[0].depot, std::string());
        QCOMPARE(resyncs[0].records, 1);
        QCOMPARE(rig.gw.snapshotRequestBodies().front(), std::string(R"({"depots":[]})"));
        QCOMPARE(rig.collector.emptyBatches(), 0);
    }

    void brokenMessagesDoNotDesyncTheStream()
    {
        Rig rig;
        QVERIFY(rig.join());
        const std::string paid = R"({"order_id":"o-1","amount":1})";
        rig.gw.publishFrames({"one-frame-only"});
        rig.gw.publish("D1", "order.paid", paid);
        rig.gw.publishFrames({"D1/order.paid", rig.gw.envelope("D1", 99, "order.paid", paid, "x"), "third"});
        rig.gw.publish("D1", "order.paid", paid);
        rig.gw.publishFrames({"D1/order.paid", std::string(1 << 20, 'x')});
        rig.gw.publish("D1", "order.paid", paid);
        rig.gw.publishFrames({"D1/order.paid", std::string(10 << 20, '{')});
        rig.gw.publish("D1", "order.paid", paid);
        rig.gw.publishFrames({"D1/order.paid", std::string("\xff\xfe\x00garbage\x80", 12)});
        rig.gw.publish("D1", "order.paid", paid);
        rig.gw.publishFrames({"D1/order.paid", std::string(100000, '[') + std::string(100000, ']')});
        rig.gw.publish("D1", "order.paid", paid);

        QTRY_COMPARE_WITH_TIMEOUT(rig.collector.liveSeqs("D1"), Seqs({1, 2, 3, 4, 5, 6}), 5000);
        QCOMPARE(rejectedFor(rig.stats, core::RejectReason::FrameCount), 2);
        QCOMPARE(rejectedFor(rig.stats, core::RejectReason::Oversize), 3);
        QCOMPARE(rejectedFor(rig.stats, core::RejectReason::MalformedJson), 1);
        QCOMPARE(rig.stats.rejectedTotal(), 6);
        QCOMPARE(rig.stats.received.load(), 12);
        QCOMPARE(rig.stats.accepted.load(), 6);
        QCOMPARE(rig.stats.gaps.load(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(rig.collector.rejected().size(), std::size_t(6), 2000);
        for (const auto &r : rig.collector.rejected()) {
            QVERIFY(r.raw.size() <= core::kRejectedRawCap);
            QVERIFY(!r.detail.empty());
        }
        const auto three = rig.collector.rejected()[1];
        QVERIFY(three.reason == core::RejectReason::FrameCount);
        QCOMPARE(three.topic, std::string("D1/order.paid"));
        QCOMPARE(rig.collector.rejected()[3].size, std::int64_t(10 << 20));
    }

    // A note / priority of our extension that cannot be read (another gateway's idea of
    // those names) leaves the order in the stream: no rejection, no hole, no resync;
    // counted for the status bar.
    void unreadableExtensionFieldsAreCountedNotRejected()
    {
        Rig rig;
        QVERIFY(rig.join());
        std::string odd = ScriptedGateway::orderCreatedData("o-2");
        odd.insert(odd.size() - 1, R"(,"priority":2,"note":{"text":"x"})");
        std::string fine = ScriptedGateway::orderCreatedData("o-3");
        fine.insert(fine.size() - 1, R"(,"priority":"urgent","note":"call me")");
        rig.gw.publish("D1", "order.created", odd);
        rig.gw.publish("D1", "order.created", fine);
        QTRY_COMPARE_WITH_TIMEOUT(rig.collector.liveSeqs("D1"), Seqs({1, 2}), 5000);
        QCOMPARE(rig.stats.extensionIgnored.load(), 1);
        QCOMPARE(rig.stats.rejectedTotal(), 0);
        QCOMPARE(rig.stats.gaps.load(), 0);
        QCOMPARE(rig.stats.resyncs.load(), 1); // the join's only
    }

    void duplicatesAreAppliedOnce()
    {
        Rig rig;
        QVERIFY(rig.join());
        const std::string paid = R"({"order_id":"o-1","amount":1})";
        rig.gw.publish("D1", "order.paid", paid);                        // seq 1
        rig.gw.publishAt("D1", 1, "order.paid", paid, "gw-test-1-D1-1"); // same seq again
        rig.gw.publish("D1", "order.paid", paid);                        // seq 2
        rig.gw.lose("D1");                                               // seq 3 goes out below...
        rig.gw.publishAt("D1", 3, "order.paid", paid, "gw-test-1-D1-2"); // ...carrying an id already applied
        rig.gw.publish("D1", "order.paid", paid);                        // seq 4
        QTRY_COMPARE_WITH_TIMEOUT(rig.collector.liveSeqs("D1"), Seqs({1, 2, 4}), 3000);
        QCOMPARE(rig.stats.duplicates.load(), 2);
        QCOMPARE(rig.stats.gaps.load(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(rig.collector.cursor("D1").seq, 4, 1000);
    }

    void holeTriggersResync()
    {
        Rig rig;
        QVERIFY(rig.join());
        const std::string paid = R"({"order_id":"o-1","amount":1})";
        rig.gw.publish("D1", "order.paid", paid);
        rig.gw.publish("D1", "order.paid", paid);
        rig.gw.lose("D1");                        // seq 3 never arrives
        rig.gw.publish("D1", "order.paid", paid); // seq 4: a hole
        QTRY_COMPARE_WITH_TIMEOUT(rig.stats.resyncs.load(), 2, 3000);
        rig.gw.publish("D1", "order.paid", paid); // seq 5
        QTRY_COMPARE_WITH_TIMEOUT(rig.collector.liveSeqs("D1"), Seqs({1, 2, 5}), 3000);
        QCOMPARE(rig.stats.gaps.load(), 1);
        QCOMPARE(rig.collector.cursor("D1").seq, 5);
        const auto resyncs = rig.collector.resyncs();
        QCOMPARE(resyncs.back().reason, std::string("gap"));
        QCOMPARE(resyncs.back().depot, std::string("D1"));
        QCOMPARE(resyncs.back().seq, 4);
        QCOMPARE(resyncs.back().records, 1);
        QCOMPARE(rig.gw.snapshotRequestBodies().back(), std::string(R"({"depots":["D1"]})"));
        QCOMPARE(rig.collector.order(),
                 std::vector<std::string>({"snap:o-1", "D1#1", "D1#2", "snap:o-1", "D1#5"}));
    }

    void tailLossSeenInHeartbeat()
    {
        // The grace is judged on the sync clock, which the test moves: no waiting it out.
        std::atomic<std::int64_t> now{1000};
        FeedSubscriber::Tuning tuning;
        tuning.syncClockMs = [&now] { return now.load(); };
        Rig rig({}, {}, tuning);
        QVERIFY(rig.join());
        rig.gw.publish("D1", "order.paid", R"({"order_id":"o-1","amount":1})");
        rig.gw.lose("D1", 2); // the gateway is at 3, we got 1
        rig.gw.heartbeat();
        QTRY_COMPARE_WITH_TIMEOUT(rig.stats.heartbeats.load(), 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(rig.collector.cursor("D1").seq, 1, 10000);
        QCOMPARE(rig.stats.resyncs.load(), 1); // not at once: the events may still be coming
        now += 1100;                           // one grace later: they did not come
        QTRY_COMPARE_WITH_TIMEOUT(rig.stats.resyncs.load(), 2, 10000);
        QCOMPARE(rig.stats.gaps.load(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(rig.collector.cursor("D1").seq, 3, 10000);
        QCOMPARE(rig.collector.resyncs().back().reason, std::string("tail_loss"));
        rig.gw.heartbeat(); // now in step: nothing more to do
        QTRY_COMPARE_WITH_TIMEOUT(rig.stats.heartbeats.load(), 2, 10000);
        now += 5000;
        // An event after the clock moved: once it is applied, the feed thread has ticked
        // past any grace the second heartbeat could have started.
        rig.gw.publish("D1", "order.paid", R"({"order_id":"o-1","amount":1})");
        QTRY_COMPARE_WITH_TIMEOUT(rig.collector.cursor("D1").seq, 4, 10000);
        QCOMPARE(rig.stats.resyncs.load(), 2);
        QCOMPARE(rig.stats.gaps.load(), 1);
    }

    void newEpochOnEventResyncs()
    {
        Rig rig;
        QVERIFY(rig.join());
        const std::string paid = R"({"order_id":"o-1","amount":1})";
        rig.gw.publish("D1", "order.paid", paid);
        rig.gw.publish("D1", "order.paid", paid);
        rig.gw.restart("gw-test-2");
        rig.gw.publish("D1", "order.created", ScriptedGateway::orderCreatedData("o-2")); // seq 1 of the new epoch
        QTRY_COMPARE_WITH_TIMEOUT(rig.stats.resyncs.load(), 2, 3000);
        QCOMPARE(rig.collector.resyncs().back().reason, std::string("new_epoch"));
        rig.gw.publish("D1", "order.paid", R"({"order_id":"o-2","amount":1})"); // seq 2
        QTRY_COMPARE_WITH_TIMEOUT(rig.collector.cursor("D1").seq, 2, 3000);
        QCOMPARE(rig.collector.cursor("D1").epoch, std::string("gw-test-2"));
        // Old epoch 1, 2; then the new epoch's seq 1 is covered by the snapshot (seq 1), its seq 2 is live.
        QCOMPARE(rig.collector.liveSeqs("D1"), Seqs({1, 2, 2}));
        QCOMPARE(rig.stats.gaps.load(), 0);

        // A late message of the old epoch is stale, not a reason to resync again.
        rig.gw.publishFrames({"D1/order.paid",
                              R"({"v":1,"epoch":"gw-test-1","depot":"D1","seq":3,"id":"late","ts":"2026-11-22T10:15:00.000Z","type":"order.paid","data":{"order_id":"o-1","amount":1}})"});
        QTRY_COMPARE_WITH_TIMEOUT(rig.stats.duplicates.load(), 1, 2000);
        QCOMPARE(rig.stats.resyncs.load(), 2);
    }

    void newEpochOnHeartbeatResyncsAll()
    {
        Rig rig;
        QVERIFY(rig.join());
        rig.gw.restart("gw-test-3");
        rig.gw.heartbeat();
        QTRY_COMPARE_WITH_TIMEOUT(rig.stats.resyncs.load(), 2, 10000);
        // The record comes with the next batch, after the counter (as in newDepots).
        QTRY_COMPARE_WITH_TIMEOUT(rig.collector.resyncs().size(), std::size_t(2), 10000);
        QCOMPARE(rig.collector.resyncs().front().reason, std::string("join"));
        const auto last = rig.collector.resyncs().back();
        QCOMPARE(last.reason, std::string("new_epoch"));
        QCOMPARE(last.depot, std::string());
        QCOMPARE(last.epoch, std::string("gw-test-3"));
        QTRY_COMPARE_WITH_TIMEOUT(rig.collector.cursor("D1").epoch, std::string("gw-test-3"), 10000);
        QCOMPARE(rig.stats.resyncsRequested.load(), std::int64_t(2));
    }

    void newDepots()
    {
        Rig rig;
        QVERIFY(rig.join());
        rig.gw.publish("D2", "order.created", ScriptedGateway::orderCreatedData("o-9")); // seq 1: no snapshot needed
        QTRY_COMPARE_WITH_TIMEOUT(rig.collector.liveSeqs("D2"), Seqs({1}), 3000);
        QCOMPARE(rig.stats.resyncs.load(), 1);
        rig.gw.lose("D3", 4);
        rig.gw.publish("D3", "order.created", ScriptedGateway::orderCreatedData("o-8")); // seq 5: joined mid-stream
        QTRY_COMPARE_WITH_TIMEOUT(rig.stats.resyncs.load(), 2, 3000);
        // The counter moves when the resync is recorded, the record arrives with the next
        // batch (up to 5 ms later, longer on a busy machine).
        QTRY_COMPARE_WITH_TIMEOUT(rig.collector.resyncs().size(), std::size_t(2), 1000);
        QCOMPARE(rig.collector.resyncs().back().depot, std::string("D3"));
        QCOMPARE(rig.collector.resyncs().back().reason, std::string("join"));
        QTRY_COMPARE_WITH_TIMEOUT(rig.collector.cursor("D3").seq, 5, 1000);
        QCOMPARE(rig.collector.liveSeqs("D3"), Seqs());
    }

    void depotFilter()
    {
        Rig rig({"D1"});
        QVERIFY(rig.join());
        QCOMPARE(rig.gw.snapshotRequestBodies().front(), std::string(R"({"depots":["D1"]})"));
        rig.gw.publish("D2", "order.created", ScriptedGateway::orderCreatedData("o-9"));
        rig.gw.publish("D1", "order.paid", R"({"order_id":"o-1","amount":1})");
        rig.gw.heartbeat(); // still heard though only D1 is watched
        QTRY_COMPARE_WITH_TIMEOUT(rig.stats.heartbeats.load(), 1, 10000);
        // The heartbeat counter moves on receipt, the event with the next batch.
        QTRY_COMPARE_WITH_TIMEOUT(rig.collector.liveSeqs("D1"), Seqs({1}), 10000);
        QCOMPARE(rig.collector.liveSeqs("D2"), Seqs());
    }

    void staleAfterSilence()
    {
        Rig rig;
        QVERIFY(rig.join());
        rig.gw.heartbeat();
        QTRY_COMPARE_WITH_TIMEOUT(std::string(core::toString(rig.stats.state.load())), std::string("connected"), 2000);
        QTRY_COMPARE_WITH_TIMEOUT(std::string(core::toString(rig.stats.state.load())), std::string("stale"), 4500);
        rig.gw.heartbeat();
        QTRY_COMPARE_WITH_TIMEOUT(std::string(core::toString(rig.stats.state.load())), std::string("connected"), 2000);
        QVERIFY(rig.stats.lastMessageMs.load() > 0);
    }

    void floodArrivesWholeInBoundedBatches()
    {
        Rig rig;
        QVERIFY(rig.join());
        constexpr int kEvents = 50000;
        const std::string data = R"({"rider_id":"r-1","lat":39.9,"lng":116.4,"speed_mps":3.2})";
        const auto t0 = std::chrono::steady_clock::now();
        for (int i = 0; i < kEvents; ++i)
            rig.gw.publish("D1", "rider.position", data);
        QTRY_COMPARE_WITH_TIMEOUT(rig.stats.accepted.load(), kEvents, 20000);
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        qInfo("%d events published and accepted in %.3f s (%.0f/s)", kEvents, s, kEvents / s);
        QCOMPARE(rig.stats.gaps.load(), 0);
        QVERIFY(rig.collector.maxBatchEvents() <= 4096);
        QTRY_COMPARE_WITH_TIMEOUT(rig.collector.cursor("D1").seq, kEvents, 2000);
        QCOMPARE(rig.collector.emptyBatches(), 0);
    }

    void curveWithRightAndWrongKeys()
    {
        const KeyPair server = curveKeyPair();
        const KeyPair client = curveKeyPair();
        const KeyPair impostor = curveKeyPair();
        QVERIFY(!server.publicKey.empty());
        ScriptedGateway gw("gw-curve", server.secretKey);
        gw.setOrder("D1", "o-1", "PAID");

        core::FeedStats good;
        Collector goodCollector;
        FeedSubscriber ok({gw.feedEndpoint(), gw.snapshotEndpoint(), {}, {}, {server.publicKey, client.publicKey, client.secretKey}},
                          {}, good, [&](core::FeedBatch &&b) { goodCollector.add(std::move(b)); });
        core::FeedStats bad;
        FeedSubscriber wrong({gw.feedEndpoint(), gw.snapshotEndpoint(), {}, {}, {impostor.publicKey, client.publicKey, client.secretKey}},
                             {}, bad, [](core::FeedBatch &&) {});
        ok.start();
        wrong.start();
        QTRY_COMPARE_WITH_TIMEOUT(good.resyncs.load(), 1, 3000);
        gw.publish("D1", "order.paid", R"({"order_id":"o-1","amount":1})");
        gw.heartbeat();
        QTRY_COMPARE_WITH_TIMEOUT(goodCollector.liveSeqs("D1"), Seqs({1}), 3000);
        QTRY_COMPARE_WITH_TIMEOUT(std::string(core::toString(good.state.load())), std::string("connected"), 2000);
        // TCP connects, the CURVE handshake fails: never "connected", nothing received.
        QCOMPARE(std::string(core::toString(bad.state.load())), std::string("connecting"));
        QCOMPARE(bad.received.load(), 0);
        QCOMPARE(bad.resyncs.load(), 0);
    }

    void stopIsPromptWhenGatewayIsGone()
    {
        core::FeedStats stats;
        Collector collector;
        auto gw = std::make_unique<ScriptedGateway>();
        FeedSubscriber sub({gw->feedEndpoint(), gw->snapshotEndpoint(), {}, {}, {}}, {}, stats,
                           [&](core::FeedBatch &&b) { collector.add(std::move(b)); });
        sub.start();
        QVERIFY(gw->waitForSubscriber(3000));
        QTRY_COMPARE_WITH_TIMEOUT(stats.resyncs.load(), 1, 3000);
        gw.reset();
        // The subscriber has seen the gateway go (no longer connected) before it stops.
        QTRY_COMPARE_WITH_TIMEOUT(std::string(core::toString(stats.state.load())), std::string("connecting"), 10000);
        const auto t0 = std::chrono::steady_clock::now();
        sub.stop();
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
        // Prompt is about 10 ms (LINGER 0, no reconnect wait); the bound only tells a hang from a
        // slow machine, so load cannot fail it.
        QVERIFY2(ms.count() < 10000, QByteArray::number(qint64(ms.count())));
    }

    void stopIsPromptWithNothingListening()
    {
        core::FeedStats stats;
        int batches = 0;
        FeedSubscriber sub({"tcp://127.0.0.1:1", "tcp://127.0.0.1:2", "tcp://127.0.0.1:3", {}, {}}, {}, stats,
                           [&](core::FeedBatch &&) { ++batches; });
        sub.start();
        QCOMPARE(std::string(core::toString(stats.state.load())), std::string("connecting"));
        const auto t0 = std::chrono::steady_clock::now();
        sub.stop();
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
        // Prompt is about 10 ms (LINGER 0, no reconnect wait); the bound only tells a hang from a
        // slow machine, so load cannot fail it.
        QVERIFY2(ms.count() < 10000, QByteArray::number(qint64(ms.count())));
        QCOMPARE(std::string(core::toString(stats.state.load())), std::string("stopped"));
        QCOMPARE(batches, 0);
    }

    void snapshotRetriedAfterTimeout()
    {
        Rig rig;
        FeedSubscriber::Tuning tuning;
        tuning.snapshotTimeoutMs = 400;
        feed::FeedEndpoints ep{rig.gw.feedEndpoint(), rig.gw.snapshotEndpoint(), {}, {}, {}};
        rig.subscriber = std::make_unique<FeedSubscriber>(ep, std::vector<core::Cursor>{}, rig.stats,
                                                          [&](core::FeedBatch &&b) { rig.collector.add(std::move(b)); },
                                                          tuning);
        rig.gw.holdSnapshots(true); // the first request is never answered in time
        rig.subscriber->start();
        QTRY_VERIFY_WITH_TIMEOUT(rig.gw.snapshotRequests() >= 2, 3000);
        rig.gw.releaseSnapshots();
        QTRY_COMPARE_WITH_TIMEOUT(rig.stats.resyncs.load(), 1, 10000);
        // Answers sent to the abandoned DEALER never reach the fresh one. A second round
        // trip on the same DEALER proves it: a stray answer would arrive before its reply
        // (one connection, in order) and show as a third snapshot record.
        rig.gw.lose("D1");
        rig.gw.publish("D1", "order.paid", R"({"order_id":"o-1","amount":1})"); // seq 2: a hole
        QTRY_COMPARE_WITH_TIMEOUT(rig.stats.resyncs.load(), 2, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(rig.collector.resyncs().size(), std::size_t(2), 10000);
        QCOMPARE(rig.collector.order(), std::vector<std::string>({"snap:o-1", "snap:o-1"}));
    }
};

QTEST_GUILESS_MAIN(TestFeedSubscriber)
#include "tst_feed_subscriber.moc"
