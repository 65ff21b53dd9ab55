// StoreWorker: the queue in front of the single SQLite connection.

#include "StoreFixtures.h"

#include "store/log/EventStore.h"
#include "store/db/Sqlite.h"
#include "store/db/StoreWorker.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <atomic>
#include <future>
#include <stdexcept>
#include <thread>

using namespace opsdeck;
using namespace opsdeck::store;
using namespace opsdeck::store::test;

namespace {

std::unique_ptr<EventStore> openStore(const QString &path, int busyTimeoutMs = 5000)
{
    auto store = std::make_unique<EventStore>();
    EventStore::Options options;
    options.busyTimeoutMs = busyTimeoutMs;
    store->open(path, options);
    return store;
}

// Another connection holding the write lock: the worker's transactions fail with BUSY.
class WriteLock final
{
public:
    explicit WriteLock(const QString &path)
    {
        sqlite3_open(QFile::encodeName(path).constData(), &m_db);
        m_ok = sqlite3_exec(m_db, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) == SQLITE_OK;
    }
    ~WriteLock() { release(); }
    bool ok() const { return m_ok; }
    void release()
    {
        if (m_db) {
            sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
            sqlite3_close(m_db);
            m_db = nullptr;
        }
    }

private:
    sqlite3 *m_db = nullptr;
    bool m_ok = false;
};

} // namespace

class TestStoreWorker final : public QObject
{
    Q_OBJECT

private slots:
    void stopFlushesEverythingQueued();
    void retriesAfterErrorsAndMergesWhatQueuedMeanwhile();
    void stopNeverHangsOnAFailingStore();
    void submitAfterStopIsCountedNotHidden();
    void jobsRunOnTheStoreThreadAndAFailingJobIsCounted();
    void aFullQueueHoldsTheSubmitterBackAndLosesNothing();
    void aFewHugeEnvelopesFillTheQueueByBytes();
    void freedBurstsAreTrimmedAtMostOncePerInterval();
};

void TestStoreWorker::stopFlushesEverythingQueued()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("ops.db");
    StoreWorker worker(openStore(path));
    std::int64_t seq = 1;
    for (int i = 0; i < 300; ++i) {
        worker.submit(positions(seq, 50));
        seq += 50;
    }
    worker.stop();
    const StoreWorker::Counters c = worker.counters();
    QCOMPARE(c.batchesSubmitted, 300);
    QCOMPARE(c.eventsWritten, 15000);
    QCOMPARE(c.queueDepth, 0);
    QCOMPARE(c.queuedEvents, 0);
    QCOMPARE(c.writeErrors, 0);
    QCOMPARE(c.droppedBatches, 0);
    QVERIFY(c.transactions >= 1 && c.transactions <= 300);
    QVERIFY(c.lastCommitAtMs > 0);
    worker.stop(); // idempotent

    const LoadedState s = openStore(path)->load();
    QCOMPARE(s.eventsLogged, 15000);
    QCOMPARE(s.eventsApplied, 15000);
    QCOMPARE(s.cursors.at(0).seq, 15000); // the later cursor won inside merged batches
    QCOMPARE(s.batches, c.transactions);
}

void TestStoreWorker::retriesAfterErrorsAndMergesWhatQueuedMeanwhile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("ops.db");
    StoreWorker::Options options;
    options.retryInitial = std::chrono::milliseconds(10);
    options.retryMax = std::chrono::milliseconds(40);
    StoreWorker worker(openStore(path, 20), options);
    WriteLock lock(path);
    QVERIFY(lock.ok());

    worker.submit(positions(1, 100));
    QTRY_VERIFY(worker.counters().writeErrors >= 1); // the first batch is now pending, alone
    std::int64_t seq = 101;
    for (int i = 1; i < 20; ++i) {
        worker.submit(positions(seq, 100));
        seq += 100;
    }
    QTRY_VERIFY(worker.counters().writeErrors >= 3);
    QCOMPARE(worker.counters().queueDepth, 19);
    QVERIFY(!worker.lastError().empty());
    QCOMPARE(worker.counters().eventsWritten, 0);
    lock.release();
    QVERIFY(worker.waitUntilIdle(std::chrono::seconds(10)));

    const StoreWorker::Counters c = worker.counters();
    QCOMPARE(c.eventsWritten, 2000);
    QCOMPARE(c.droppedBatches, 0);
    // The failing batch is retried alone; the 19 that queued behind it go in one transaction.
    QCOMPARE(c.transactions, 2);
    worker.stop();
    QCOMPARE(openStore(path)->load().eventsLogged, 2000);
}

void TestStoreWorker::stopNeverHangsOnAFailingStore()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("ops.db");
    StoreWorker::Options options;
    options.retryInitial = std::chrono::milliseconds(10);
    options.retryMax = std::chrono::milliseconds(50);
    options.stopFlushBudget = std::chrono::milliseconds(300);
    StoreWorker worker(openStore(path, 20), options);
    WriteLock lock(path);
    QVERIFY(lock.ok());
    worker.submit(positions(1, 10));
    worker.submit(positions(11, 10));
    QTRY_VERIFY(worker.counters().writeErrors >= 1);

    // The lock stays held: a stop() that ignored its flush budget would retry forever.
    auto stopped = std::async(std::launch::async, [&worker] { worker.stop(); });
    QVERIFY2(stopped.wait_for(std::chrono::seconds(30)) == std::future_status::ready,
             "stop() must give up after its flush budget");
    const StoreWorker::Counters c = worker.counters();
    QVERIFY(c.droppedBatches >= 1);
    QCOMPARE(c.queuedEvents, 0);
}

void TestStoreWorker::submitAfterStopIsCountedNotHidden()
{
    QTemporaryDir dir;
    StoreWorker worker(openStore(dir.filePath("ops.db")));
    worker.stop();
    worker.submit(positions(1, 5));
    QCOMPARE(worker.counters().droppedBatches, 1);
}

void TestStoreWorker::jobsRunOnTheStoreThreadAndAFailingJobIsCounted()
{
    QTemporaryDir dir;
    StoreWorker worker(openStore(dir.filePath("ops.db")));
    worker.submit(positions(1, 20));
    std::promise<std::int64_t> logged;
    std::thread::id jobThread;
    QVERIFY(worker.post([](EventStore &) { throw std::runtime_error("boom"); }));
    QVERIFY(worker.post([&](EventStore &store) {
        jobThread = std::this_thread::get_id();
        store.database().exec("CREATE TABLE IF NOT EXISTS feature_x(k INTEGER PRIMARY KEY)");
        logged.set_value(store.database().queryInt("SELECT count(*) FROM events"));
    }));
    auto future = logged.get_future();
    QVERIFY(future.wait_for(std::chrono::seconds(5)) == std::future_status::ready);
    const std::int64_t seen = future.get();
    QVERIFY(seen == 0 || seen == 20); // before or after the write, never half of it
    QVERIFY(jobThread != std::this_thread::get_id());
    QVERIFY(worker.waitUntilIdle(std::chrono::seconds(5)));
    worker.stop();
    QVERIFY(!worker.post([](EventStore &) {}));
    const auto c = worker.counters();
    QCOMPARE(c.jobsRun, 2);
    QCOMPARE(c.jobErrors, 1);
    QCOMPARE(c.droppedJobs, 1);
    QCOMPARE(c.eventsWritten, 20);
}

void TestStoreWorker::aFullQueueHoldsTheSubmitterBackAndLosesNothing()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("ops.db");
    StoreWorker::Options options;
    options.retryInitial = std::chrono::milliseconds(10);
    options.retryMax = std::chrono::milliseconds(40);
    options.maxQueuedEvents = 300;
    StoreWorker worker(openStore(path, 20), options);
    WriteLock lock(path); // the writer cannot commit: the queue only grows
    QVERIFY(lock.ok());

    std::atomic<int> submitted{0};
    std::thread submitter([&] {
        std::int64_t seq = 1;
        for (int i = 0; i < 10; ++i, seq += 100) {
            worker.submit(positions(seq, 100));
            ++submitted;
        }
    });
    QTRY_VERIFY(worker.counters().submitWaits >= 1);
    // The writer tries twice more and fails (the lock holds): the fourth submit still waits.
    const std::int64_t errors = worker.counters().writeErrors;
    QTRY_VERIFY(worker.counters().writeErrors >= errors + 2);
    QCOMPARE(submitted.load(), 3); // 300 events queued: the fourth submit waits
    QVERIFY(worker.counters().queuedEvents <= 300);
    lock.release();
    submitter.join();
    QVERIFY(worker.waitUntilIdle(std::chrono::seconds(10)));
    worker.stop();
    const StoreWorker::Counters c = worker.counters();
    QCOMPARE(c.eventsWritten, 1000);
    QCOMPARE(c.droppedBatches, 0);
    QVERIFY(c.submitWaits >= 1);
}

// Issue 16: the bound counts bytes too. Ten events of 256 KiB envelopes weigh more
// than thousands of usual ones: the byte bound holds the submitter back long before the
// event count would.
void TestStoreWorker::aFewHugeEnvelopesFillTheQueueByBytes()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("ops.db");
    StoreWorker::Options options;
    options.retryInitial = std::chrono::milliseconds(10);
    options.retryMax = std::chrono::milliseconds(40);
    options.maxQueuedEvents = 100000;
    options.maxQueuedBytes = 5 << 20; // two batches of 2.5 MiB
    StoreWorker worker(openStore(path, 20), options);
    WriteLock lock(path);
    QVERIFY(lock.ok());

    std::atomic<int> submitted{0};
    std::thread submitter([&] {
        std::int64_t seq = 1;
        for (int i = 0; i < 4; ++i, seq += 10) {
            core::StoreBatch batch = positions(seq, 10);
            for (auto &e : batch.events)
                e.raw += std::string(256 * 1024, ' '); // still the same JSON
            worker.submit(std::move(batch));
            ++submitted;
        }
    });
    QTRY_VERIFY(worker.counters().submitWaits >= 1);
    const std::int64_t errors = worker.counters().writeErrors;
    QTRY_VERIFY(worker.counters().writeErrors >= errors + 2);
    QCOMPARE(submitted.load(), 2); // 20 events, 5 MiB: the third submit waits for bytes
    QCOMPARE(worker.counters().queuedEvents, 20);
    QVERIFY(worker.counters().queuedBytes >= (5 << 20));
    lock.release();
    submitter.join();
    QVERIFY(worker.waitUntilIdle(std::chrono::seconds(10)));
    worker.stop();
    QCOMPARE(worker.counters().eventsWritten, 40);
    QCOMPARE(worker.counters().queuedBytes, 0);
}

void TestStoreWorker::freedBurstsAreTrimmedAtMostOncePerInterval()
{
    // What the queues freed goes back to the system after a commit, bounded in rate:
    // every commit with a zero interval, once with an hour, never when switched off.
    const auto trims = [](std::chrono::milliseconds interval) {
        QTemporaryDir dir;
        StoreWorker::Options options;
        options.heapTrimInterval = interval;
        StoreWorker worker(openStore(dir.filePath("ops.db")), options);
        std::int64_t seq = 1;
        for (int i = 0; i < 5; ++i, seq += 100) {
            worker.submit(positions(seq, 100));
            worker.waitUntilIdle(std::chrono::seconds(10)); // one transaction each
        }
        worker.stop();
        const StoreWorker::Counters c = worker.counters();
        return std::make_pair(c.heapTrims, c.transactions);
    };
    const auto every = trims(std::chrono::milliseconds(0));
    QCOMPARE(every.second, 5);
    QCOMPARE(every.first, every.second);
    QCOMPARE(trims(std::chrono::hours(1)).first, 1);
    QCOMPARE(trims(std::chrono::milliseconds(-1)).first, 0);
}

QTEST_GUILESS_MAIN(TestStoreWorker)
#include "tst_storeworker.moc"
