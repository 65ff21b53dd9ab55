// Event-log retention (issue 16): purges only what is older than the setting, keeps the
// order timelines whole, and runs in small steps that ingest batches interleave with.
// Real SQLite files, the real store thread; "now" is injected (the feed clock's role).

#include "StoreFixtures.h"

#include "store/board/OrderEventIndex.h"
#include "store/db/StoreWorker.h"
#include "store/log/EventRetention.h"
#include "store/log/EventStore.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <mutex>
#include <vector>

using namespace opsdeck;
using namespace opsdeck::store;
using namespace opsdeck::store::test;

namespace {

constexpr std::int64_t kSecondMs = 1000;

// `count` events of one depot, one a second from `firstSeq`; every tenth an order event of
// order "o-<depot>-<seq / 100>" (so one order spans 100 s of log).
core::StoreBatch secondsBatch(const std::string &depot, std::int64_t firstSeq, int count)
{
    core::StoreBatch b;
    for (int i = 0; i < count; ++i) {
        const std::int64_t seq = firstSeq + i;
        core::Event e = seq % 10 == 0 ? makeOrderEvent("gw1", depot, seq, "o-" + depot + "-" + std::to_string(seq / 100), 200)
                                      : makePosition("gw1", depot, seq, 200);
        e.tsMs = kBaseMs + seq * kSecondMs;
        b.events.push_back(std::move(e));
    }
    b.cursors.push_back({depot, "gw1", firstSeq + count - 1});
    b.applied = count;
    return b;
}

std::vector<OrderEventIndex::Key> orderKeys(const core::StoreBatch &b)
{
    std::vector<OrderEventIndex::Key> keys;
    for (const auto &e : b.events)
        if (!e.orderId.empty())
            keys.push_back({e.orderId, e.epoch, e.depot, e.seq});
    return keys;
}

std::int64_t tsOfSeq(std::int64_t seq)
{
    return kBaseMs + seq * kSecondMs;
}

} // namespace

class TestEventRetention final : public QObject
{
    Q_OBJECT

private slots:
    void purgesOnlyWhatIsOlderThanTheRetention();
    void oneStepDeletesAtMostItsSize();
    void ingestBatchesInterleaveWithThePurge();
};

void TestEventRetention::purgesOnlyWhatIsOlderThanTheRetention()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("r.db");
    EventStore store;
    store.open(path);
    OrderEventIndex index(store);
    for (const char *depot : {"BJ-CY-01", "BJ-HD-02"}) {
        const auto batch = secondsBatch(depot, 1, 1000);
        store.write(batch);
        index.add(orderKeys(batch));
    }
    core::StoreBatch side;
    side.alerts.push_back({tsOfSeq(100), "unknown_order", "BJ-CY-01", "gw1", 100, "o-x", ""});
    side.alerts.push_back({tsOfSeq(900), "unknown_order", "BJ-CY-01", "gw1", 900, "o-y", ""});
    side.resyncs.push_back({tsOfSeq(50), "", "join", "gw1", 0, 0});
    store.write(side);

    // Now is the newest event (seq 1000); keep 500 s: seq 500 is exactly at the cutoff.
    EventRetention retention({.retentionMs = 500 * kSecondMs, .stepRows = 128});
    retention.beginPass(tsOfSeq(1000) - retention.retentionMs());
    int steps = 0;
    while (!retention.step(store))
        QVERIFY(++steps < 100);

    QCOMPARE(scalar(path, "SELECT count(*) FROM events"), std::int64_t(2 * 501));
    QCOMPARE(scalar(path, "SELECT min(ts_ms) FROM events"), std::int64_t(tsOfSeq(500))); // just inside: kept
    QCOMPARE(scalar(path, "SELECT count(*) FROM events WHERE seq = 499"), std::int64_t(0)); // just outside: gone
    QCOMPARE(retention.progress().removedThisPass, std::int64_t(2 * 499));
    QCOMPARE(scalar(path, "SELECT count(*) FROM alerts"), std::int64_t(1));
    QCOMPARE(scalar(path, "SELECT count(*) FROM resyncs"), std::int64_t(0));

    // Timelines: a purged order is empty, one across the cutoff keeps its newer half, and
    // no index row points at a purged event.
    QVERIFY(index.eventsOf("o-BJ-CY-01-2").empty());
    const auto across = index.eventsOf("o-BJ-CY-01-5"); // seqs 500..590
    QCOMPARE(across.size(), std::size_t(10));
    QCOMPARE(across.front().seq, std::int64_t(500));
    QCOMPARE(index.eventsOf("o-BJ-HD-02-4").size(), std::size_t(0));
    QCOMPARE(scalar(path, "SELECT count(*) FROM board_order_events k JOIN streams s ON s.epoch = k.epoch AND "
                          "s.depot = k.depot LEFT JOIN events e ON e.key = (s.id << 40) | k.seq WHERE e.key IS NULL"),
             0);
    QCOMPARE(scalar(path, "SELECT count(*) FROM board_order_events"), std::int64_t(2 * 51));

    // A second pass with the same now finds nothing more.
    retention.beginPass(tsOfSeq(1000) - retention.retentionMs());
    while (!retention.step(store)) {
    }
    QCOMPARE(retention.progress().removedThisPass, std::int64_t(0));
    QCOMPARE(scalar(path, "SELECT count(*) FROM events"), std::int64_t(2 * 501));
}

void TestEventRetention::oneStepDeletesAtMostItsSize()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("s.db");
    EventStore store;
    store.open(path);
    store.write(secondsBatch("BJ-CY-01", 1, 5000));
    EventRetention retention({.retentionMs = 10 * kSecondMs, .stepRows = 300});
    std::vector<std::int64_t> removed;
    retention.setStepObserver([&removed](std::int64_t n) { removed.push_back(n); });
    retention.beginPass(tsOfSeq(5000) - retention.retentionMs());
    while (!retention.step(store)) {
    }
    QCOMPARE(scalar(path, "SELECT count(*) FROM events"), std::int64_t(11));
    QVERIFY(removed.size() >= 4989 / 300);
    QCOMPARE(*std::max_element(removed.begin(), removed.end()), std::int64_t(300));
    std::int64_t sum = 0;
    for (auto n : removed)
        sum += n;
    QCOMPARE(sum, std::int64_t(4989));
}

// The purge as the console runs it: a chain of worker jobs. Each step submits an ingest
// batch; the worker must write it before the next step, so a purge never holds ingest
// back by more than one step.
void TestEventRetention::ingestBatchesInterleaveWithThePurge()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("w.db");
    {
        EventStore seed;
        seed.open(path);
        seed.write(secondsBatch("BJ-CY-01", 1, 3000));
    }
    auto opened = std::make_unique<EventStore>();
    opened->open(path);
    StoreWorker worker(std::move(opened));
    EventRetention retention({.retentionMs = 100 * kSecondMs, .stepRows = 250});
    std::mutex mutex;
    std::vector<std::int64_t> commitsAtStep;
    std::vector<std::int64_t> removedAtStep;
    std::int64_t nextSeq = 3001;
    retention.setStepObserver([&](std::int64_t removed) {
        std::lock_guard lock(mutex);
        commitsAtStep.push_back(worker.counters().transactions);
        removedAtStep.push_back(removed);
        worker.submit(secondsBatch("BJ-CY-01", nextSeq, 10)); // newer than the cutoff: stays
        nextSeq += 10;
    });
    QVERIFY(retention.start(worker, tsOfSeq(3000)));
    QVERIFY(!retention.start(worker, tsOfSeq(3000))); // one pass at a time
    QTRY_VERIFY_WITH_TIMEOUT(!retention.progress().running, 30000);
    QVERIFY(worker.waitUntilIdle(std::chrono::seconds(30)));

    std::lock_guard lock(mutex);
    QVERIFY(commitsAtStep.size() >= 2900 / 250);
    // Step i+1 runs in the worker's round that writes the batch step i submitted, jobs
    // first: from the third step on, every step sees exactly one more commit.
    for (std::size_t i = 2; i < commitsAtStep.size(); ++i)
        QCOMPARE(commitsAtStep[i], commitsAtStep[i - 1] + 1);
    QVERIFY(*std::max_element(removedAtStep.begin(), removedAtStep.end()) <= 250);
    const auto steps = static_cast<std::int64_t>(commitsAtStep.size());
    QCOMPARE(scalar(path, "SELECT count(*) FROM events"), std::int64_t(101 + steps * 10));
    QCOMPARE(scalar(path, "SELECT min(seq) FROM events"), std::int64_t(2900));
    QCOMPARE(retention.progress().passes, std::int64_t(1));
}

QTEST_GUILESS_MAIN(TestEventRetention)
#include "tst_event_retention.moc"
