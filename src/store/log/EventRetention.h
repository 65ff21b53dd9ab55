#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace opsdeck::store {

class EventStore;
class StoreWorker;

// Deletes what is older than the retention from the event log (and the rows that only
// grow with it: the order timelines' index rows of the purged events, integrity alerts
// and resyncs) in small steps on the store thread. A pass is a chain of StoreWorker jobs,
// each deleting at most stepRows events in its own transaction and re-posting the next
// step: the worker takes jobs before each write batch, so ingest batches interleave with
// the steps and a purge never holds the writer for long (`opsdeck-bench retention`).
//
// "Now" is the caller's: the console passes its feed clock (the newest event time), so a
// test or a replayed shift purges by feed time, never by the wall clock.
//
// The log is keyed by stream << 40 | seq (schema v2) and ts grows with seq within a
// stream, so each step reads a key window at a stream's oldest end (a rowid range, no
// scan) and deletes the rows of that window older than the cutoff. A stream is done when
// a window holds nothing to delete: rows a little out of ts order behind a newer one wait
// for the next pass; nothing newer than the cutoff is ever deleted.
class EventRetention final
{
public:
    static constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
    struct Options {
        std::int64_t retentionMs = 30 * kDayMs;
        std::int64_t stepRows = 2000; // events deleted per step at most
    };

    struct Progress {
        bool running = false;
        std::int64_t retentionMs = 0;
        std::int64_t cutoffMs = 0;          // of the running (or last) pass
        std::int64_t removedThisPass = 0;   // events
        std::int64_t removedTotal = 0;      // events, every pass since the start
        std::int64_t sideRowsRemoved = 0;   // timeline index rows, alerts, resyncs
        std::int64_t steps = 0;
        std::int64_t passes = 0;            // finished passes
        std::int64_t longestStepUs = 0;
        std::int64_t errors = 0;            // failed steps (the pass ends; the next one retries)
    };

    explicit EventRetention(Options options);
    EventRetention() : EventRetention(Options{}) {}

    // Thread-safe; the next pass uses it.
    void setRetentionMs(std::int64_t ms) { m_retentionMs.store(ms); }
    std::int64_t retentionMs() const { return m_retentionMs.load(); }

    // Starts a pass deleting what is older than nowMs - retention, unless one is running.
    // Thread-safe. False: a pass is running already (or the worker is stopping).
    bool start(StoreWorker &worker, std::int64_t nowMs);

    // One step of the current pass on the store thread (start() posts these). Returns
    // true when the pass is complete. Public for tests and the benchmark, which drive it.
    bool step(EventStore &store);
    // Begins a pass (store thread; start() does it in its first job). Tests and the
    // benchmark call it, then step() until it returns true.
    void beginPass(std::int64_t cutoffMs);

    Progress progress() const;

    // Called on the store thread after every step with the events it deleted (tests).
    void setStepObserver(std::function<void(std::int64_t removed)> observer) { m_observer = std::move(observer); }

private:
    struct Stream {
        std::int64_t id = 0;
        std::string epoch;
        std::string depot;
    };
    void runStep(StoreWorker &worker, EventStore &store);
    std::int64_t purgeWindow(EventStore &store, const Stream &stream, std::int64_t first, std::int64_t end);
    std::int64_t purgeSideTables(EventStore &store);

    const Options m_options;
    std::atomic<std::int64_t> m_retentionMs;
    std::function<void(std::int64_t)> m_observer;

    // The pass, store thread only.
    std::vector<Stream> m_streams;
    bool m_streamsLoaded = false;
    std::size_t m_streamIndex = 0;
    std::int64_t m_nextKey = 0;
    bool m_sideDone = false;
    std::int64_t m_cutoffMs = 0;

    mutable std::mutex m_mutex; // guards m_progress
    Progress m_progress;
};

} // namespace opsdeck::store
