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
// is dropped silently, and the only drop (a store still failing when stop()'s flush
// budget runs out) is logged and counted.
class StoreWorker final
{
public:
    struct Options {
        std::size_t maxEventsPerTransaction = 50000; // merge cap: bounds commit latency and memory
        std::chrono::milliseconds retryInitial{50};
        std::chrono::milliseconds retryMax{2000};
        std::chrono::milliseconds stopFlushBudget{10000}; // stop() gives a failing store this long
        // submit() waits while this many events are queued or being written, so a writer
        // that cannot keep up (or a failing disk) holds the core back instead of letting
        // memory grow; the feed then falls behind and resyncs (see ConsoleCore::Options).
        std::int64_t maxQueuedEvents = 300000;
    };

    struct Counters {
        std::int64_t batchesSubmitted = 0;
        std::int64_t transactions = 0;     // committed write()s (after merging)
        std::int64_t eventsWritten = 0;    // newly logged
        std::int64_t eventsIgnored = 0;    // already in the log (replays)
        std::int64_t lastCommitMs = 0;     // duration of the last transaction
        std::int64_t lastCommitAtMs = 0;   // wall clock of the last commit, ms since the epoch
        std::int64_t queueDepth = 0;       // batches waiting, not counting the one being written
        std::int64_t queuedEvents = 0;     // events waiting, including the one being written
        std::int64_t writeErrors = 0;      // failed transactions (each retried)
        std::int64_t droppedBatches = 0;   // given up at stop() or submitted after it; logged
        std::int64_t jobsRun = 0;          // post()ed jobs finished
        std::int64_t jobErrors = 0;        // post()ed jobs that threw
        std::int64_t droppedJobs = 0;      // post()ed after stop()
        std::int64_t submitWaits = 0;      // submit() calls that waited for room (backpressure)
    };

    // The store must already be open (dependencies are passed in, errors of open()
    // belong to the caller, who can tell the user about a wrong key before starting).
    StoreWorker(std::unique_ptr<EventStore> store, Options options);
    explicit StoreWorker(std::unique_ptr<EventStore> store);
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
    bool takeWork(core::StoreBatch &into, std::deque<Job> &jobs);
    void runJobs(std::deque<Job> &jobs);
    bool writeWithRetry(core::StoreBatch &batch);

    std::unique_ptr<EventStore> m_store;
    const Options m_options;

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;   // worker: work arrived or stop requested
    std::condition_variable m_idle;   // waitUntilIdle: queue drained
    std::condition_variable m_room;   // submit(): queued events went below the bound
    std::deque<core::StoreBatch> m_queue;
    std::deque<Job> m_jobs;
    bool m_stopping = false;
    bool m_noWaiting = false;
    bool m_busy = false;              // a batch is being written
    std::chrono::steady_clock::time_point m_stopRequestedAt;
    Counters m_counters;
    std::string m_lastError;

    std::mutex m_joinMutex;           // stop() from two threads joins once
    std::thread m_thread;             // last: starts after every member above is ready
};

} // namespace opsdeck::store
