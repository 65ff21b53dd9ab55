#pragma once

#include "core/model/Records.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace opsdeck::store {

class EventStore;

// Owns an opened EventStore on its own thread, fed through a queue (the QGC
// TileCacheWorker shape). When the writer falls behind, everything queued is merged
// into one transaction, so a slow disk means bigger commits, not a longer queue.
// On an SQLite error the batch stays pending and is retried with backoff; nothing
// is dropped silently, and the only drops (a store still failing when stop()'s flush
// budget runs out, or the memory cap of a disk fault) are logged and counted.
//
// A disk fault (SQLITE_FULL, SQLITE_READONLY) is not a slow disk: holding the core back
// would stop the whole console for as long as the disk stays full. So while one lasts,
// submit() never waits: batches are held in memory (up to maxHeldEvents) and written,
// in order and once, as soon as a retry commits. Beyond the cap they are dropped and
// counted, and once the held ones are written resyncNeeded asks for the gateway's
// snapshot, which restores what was dropped.
//
// A database that cannot be opened for writing at start (read-only file, directory or
// filesystem; or not even readable) is the same fault from the first event on: built
// from an Opener instead of an open store, the worker holds batches and retries the
// open with backoff on its own thread; once it opens (and migrates), jobs run and the
// held batches are written. Jobs wait for the open: their schema comes first.
class StoreWorker final
{
public:
    enum class DiskFault { None, Full, ReadOnly, CannotOpen };
    // SQLITE_FULL -> Full; SQLITE_READONLY* / SQLITE_PERM -> ReadOnly; SQLITE_CANTOPEN ->
    // CannotOpen; anything else
    // (busy, a transient I/O error) is not a disk fault and keeps the backpressure.
    static DiskFault diskFaultOf(int sqliteCode);

    struct Options {
        std::size_t maxEventsPerTransaction = 20000; // merge cap: bounds commit latency and memory
        std::size_t maxBytesPerTransaction = 16u << 20; // the same cap in bytes (core/pipeline/QueueBounds.h)
        std::chrono::milliseconds retryInitial{50};
        std::chrono::milliseconds retryMax{2000};
        std::chrono::milliseconds stopFlushBudget{10000}; // stop() gives a failing store this long
        // submit() waits while this many events are queued or being written, so a writer
        // that cannot keep up (or a failing disk) holds the core back instead of letting
        // memory grow; the feed then falls behind and resyncs (see ConsoleCore::Options).
        // The same bound in bytes: a few huge envelopes count as much as many small events.
        std::int64_t maxQueuedEvents = 40000;
        std::int64_t maxQueuedBytes = 24 << 20;
        // During a disk fault: events held in memory at most (~1 KiB each with their
        // envelope); beyond it batches are dropped, counted, and resynced later.
        std::int64_t maxHeldEvents = 500000;
        // Called on the store thread once everything held after a drop is written: the
        // console asks the gateway for a snapshot of every depot. Must not block.
        std::function<void()> resyncNeeded;
        // Benchmarks: called on the store thread after each commit with the batch's
        // receivedNs (its earliest feed batch's first SUB receive, steady clock) and its
        // event count. Must be quick.
        std::function<void(std::int64_t receivedNs, std::size_t events)> committed;
        // After a commit, at most this often: malloc_trim(0). The threads' queues fill and
        // drain in bursts (a join, a storm, a store that fell behind), and glibc keeps what
        // they freed resident in each thread's arena (~110 MB at 100k riders, docs/bench.md
        // "third sitting"). Negative: never.
        std::chrono::milliseconds heapTrimInterval{2000};
    };

    struct Counters {
        std::int64_t batchesSubmitted = 0;
        std::int64_t transactions = 0;     // committed write()s (after merging)
        std::int64_t eventsWritten = 0;    // newly logged, rider fixes (track store) included
        std::int64_t eventsIgnored = 0;    // already in the log (replays)
        std::int64_t lastCommitMs = 0;     // duration of the last transaction
        std::int64_t lastCommitAtMs = 0;   // wall clock of the last commit, ms since the epoch
        std::int64_t queueDepth = 0;       // batches waiting, not counting the one being written
        std::int64_t queuedEvents = 0;     // events waiting, including the one being written
        std::int64_t queuedBytes = 0;      // their bytes (QueueBounds.h)
        std::int64_t writeErrors = 0;      // failed transactions (each retried)
        std::int64_t droppedBatches = 0;   // given up at stop() or submitted after it; logged
        std::int64_t jobsRun = 0;          // post()ed jobs finished
        std::int64_t jobErrors = 0;        // post()ed jobs that threw
        std::int64_t droppedJobs = 0;      // post()ed after stop()
        std::int64_t submitWaits = 0;      // submit() calls that waited for room (backpressure)
        DiskFault diskFault = DiskFault::None; // the last write failed with a disk fault
        bool holding = false;              // batches held in memory since a disk fault, until written
        bool capReached = false;           // held events hit maxHeldEvents: new batches are dropped
        std::int64_t diskFaults = 0;       // times the store went from writable to a disk fault
        std::int64_t capDroppedBatches = 0; // dropped at the memory cap (not in droppedBatches)
        std::int64_t capDroppedEvents = 0;
        std::int64_t resyncsRequested = 0; // resyncNeeded calls after cap drops
        bool storeOpen = true;             // false until an Opener-built worker opened its store
        std::int64_t heapTrims = 0;        // malloc_trim calls (Options::heapTrimInterval)
    };

    // The store must already be open (dependencies are passed in, errors of open()
    // belong to the caller, who can tell the user about a wrong key before starting).
    StoreWorker(std::unique_ptr<EventStore> store, Options options);
    explicit StoreWorker(std::unique_ptr<EventStore> store);
    // For a store that failed to open at start with a disk fault: the worker starts holding
    // and calls `open` (which throws StoreError like EventStore::open) until it succeeds.
    using Opener = std::function<std::unique_ptr<EventStore>()>;
    StoreWorker(Opener open, DiskFault initialFault, Options options);
    ~StoreWorker(); // stop()
    StoreWorker(const StoreWorker &) = delete;
    StoreWorker &operator=(const StoreWorker &) = delete;

    // Thread-safe. Never waits for SQLite itself, only for room in the queue
    // (Options::maxQueuedEvents); after stop() it returns at once.
    void submit(core::StoreBatch &&batch);

    // Work on the store's one connection, run on the store thread before the next
    // write (reads stay fast while the writer is busy). Feature stores (positions,
    // search, alerts, KPIs, audit) use it for their queries and their own writes; a job
    // may open its own transaction via store.database(). An exception thrown by a job
    // is logged and counted, never stops the writer. Thread-safe; after stop() the job
    // is dropped (counted) and false is returned.
    using Job = std::function<void(EventStore &store)>;
    bool post(Job job);

    // First step of a shutdown: submit() stops waiting for room, so the core can hand
    // over its last batch even to a store that is failing. Thread-safe.
    void stopWaiting();

    // Writes everything queued, then joins. Never hangs: a store that keeps failing is
    // given stopFlushBudget, then its batches are counted as dropped. Idempotent.
    void stop();

    // Blocks until everything submitted so far is committed (or timeout). For tests
    // and for "export now" in the UI, which wants the log complete.
    bool waitUntilIdle(std::chrono::milliseconds timeout);

    Counters counters() const;
    std::string lastError() const;

private:
    void run();
    bool openWithRetry(); // false: stop() came first and its budget ran out
    void dropEverything(std::int64_t pendingEvents, std::int64_t pendingBatches);
    bool takeWork(core::StoreBatch &into, std::deque<Job> &jobs);
    void runJobs(std::deque<Job> &jobs);
    bool writeWithRetry(core::StoreBatch &batch);
    void trimHeapIfDue();
    void noteFailure(const std::exception &error, std::chrono::milliseconds backoff);
    // After a failed write or open: counts it, sleeps one backoff and doubles it. Jobs run
    // meanwhile only once the store is open (RunningJobs). False: stop()'s budget ran out.
    enum class RetryWait { RunningJobs, Idle };
    bool retryAfter(const std::exception &error, std::chrono::milliseconds &backoff, RetryWait wait);
    std::function<void()> noteCommit(); // with m_mutex held; returns resyncNeeded when due
    // Sleeps one backoff, running the jobs that arrive meanwhile (reads keep working
    // while the disk is full). False: stop() was requested.
    void waitForRetry(std::unique_lock<std::mutex> &lock, std::chrono::milliseconds backoff);

    std::unique_ptr<EventStore> m_store;
    Opener m_opener;
    const Options m_options;

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;   // worker: work arrived or stop requested
    std::condition_variable m_idle;   // waitUntilIdle: queue drained
    std::condition_variable m_room;   // submit(): queued events went below the bound
    std::deque<core::StoreBatch> m_queue;
    std::deque<std::int64_t> m_queueBytes; // bytes of each queued batch, as counted at submit()
    std::int64_t m_takenBytes = 0;         // bytes of the batch being written
    std::deque<Job> m_jobs;
    bool m_stopping = false;
    bool m_noWaiting = false;
    bool m_busy = false;              // a batch is being written
    std::chrono::steady_clock::time_point m_stopRequestedAt;
    std::chrono::steady_clock::time_point m_lastHeapTrim;
    Counters m_counters;
    std::string m_lastError;

    std::mutex m_joinMutex;           // stop() from two threads joins once
    std::thread m_thread;             // last: starts after every member above is ready
};

} // namespace opsdeck::store
