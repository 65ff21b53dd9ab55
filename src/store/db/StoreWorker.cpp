#include "StoreWorker.h"

#include "core/pipeline/QueueBounds.h"
#include "store/log/EventStore.h"
#include "StoreError.h"
#include "StoreLog.h"

#include <malloc.h>
#include <pthread.h>
#include <sqlite3.h>

#include <algorithm>
#include <iterator>
#include <string_view>
#include <unordered_set>

namespace opsdeck::store {

namespace {

template<typename T>
void appendMoved(std::vector<T> &to, std::vector<T> &from)
{
    if (to.empty() && to.capacity() < from.size()) { // else keep the room reserved for the merge
        to = std::move(from);
        return;
    }
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

// Concatenation keeps the apply order, so a later upsert of the same order or
// cursor still wins inside the merged transaction.
void mergeInto(core::StoreBatch &to, core::StoreBatch &from)
{
    appendMoved(to.events, from.events);
    appendMoved(to.orders, from.orders);
    appendMoved(to.riders, from.riders);
    appendMoved(to.cursors, from.cursors);
    appendMoved(to.rejected, from.rejected);
    appendMoved(to.alerts, from.alerts);
    appendMoved(to.resyncs, from.resyncs);
    to.applied += from.applied;
    to.duplicates += from.duplicates;
    to.receivedNs = core::earliestReceived(to.receivedNs, from.receivedNs);
}

// After a merge the same order, rider or cursor may appear once per merged batch.
// Only the latest value matters (the batches are in apply order), so keep the last one
// of each key: under a flood this turns ~2000 rider upserts per merged batch instead
// of 2000 per core batch, which is most of what lets the writer catch up.
template<typename T, typename KeyOf>
void keepLastPerKey(std::vector<T> &rows, KeyOf keyOf)
{
    if (rows.size() < 2)
        return;
    std::unordered_set<std::string_view> seen;
    seen.reserve(rows.size());
    std::vector<bool> keep(rows.size(), false);
    std::size_t kept = 0;
    for (std::size_t i = rows.size(); i-- > 0;) {
        if (seen.insert(keyOf(rows[i])).second) {
            keep[i] = true;
            ++kept;
        }
    }
    if (kept == rows.size())
        return;
    std::vector<T> out;
    out.reserve(kept);
    for (std::size_t i = 0; i < rows.size(); ++i)
        if (keep[i])
            out.push_back(std::move(rows[i]));
    rows = std::move(out);
}

void dedupeMerged(core::StoreBatch &batch)
{
    keepLastPerKey(batch.orders, [](const core::OrderRecord &o) { return std::string_view(o.orderId); });
    keepLastPerKey(batch.riders, [](const core::RiderRecord &r) { return std::string_view(r.riderId); });
    keepLastPerKey(batch.cursors, [](const core::Cursor &c) { return std::string_view(c.depot); });
}

std::int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

StoreWorker::StoreWorker(std::unique_ptr<EventStore> store, Options options)
    : m_store(std::move(store)), m_options(options)
{
    m_thread = std::thread([this] {
        pthread_setname_np(pthread_self(), "opsdeck-store"); // names show in top -H and perf
        run();
    });
}

StoreWorker::StoreWorker(std::unique_ptr<EventStore> store) : StoreWorker(std::move(store), Options{}) {}

StoreWorker::StoreWorker(Opener open, DiskFault initialFault, Options options)
    : m_opener(std::move(open)), m_options(options)
{
    m_counters.storeOpen = false;
    m_counters.holding = true; // from the first batch: submit() never waits for a store not there
    m_counters.diskFault = initialFault == DiskFault::None ? DiskFault::ReadOnly : initialFault;
    m_counters.diskFaults = 1;
    m_thread = std::thread([this] {
        pthread_setname_np(pthread_self(), "opsdeck-store");
        run();
    });
}

StoreWorker::~StoreWorker()
{
    stop();
}

void StoreWorker::submit(core::StoreBatch &&batch)
{
    if (batch.empty() && batch.applied == 0 && batch.duplicates == 0)
        return;
    const auto bytes = static_cast<std::int64_t>(core::storeBatchBytes(batch));
    {
        std::unique_lock lock(m_mutex);
        // No backpressure while a disk fault holds batches: the console keeps running.
        const auto room = [this] {
            return m_stopping || m_noWaiting || m_counters.holding
                || (m_counters.queuedEvents < m_options.maxQueuedEvents
                    && m_counters.queuedBytes < m_options.maxQueuedBytes);
        };
        if (!room()) {
            ++m_counters.submitWaits;
            m_room.wait(lock, room);
        }
        if (m_stopping) {
            ++m_counters.droppedBatches;
            qCWarning(lcStore) << "batch submitted after stop(): dropped" << batch.events.size() << "events";
            return;
        }
        const auto events = static_cast<std::int64_t>(batch.events.size());
        if (m_counters.holding
            && (m_counters.capReached || m_counters.queuedEvents + events > m_options.maxHeldEvents)) {
            // Once dropping, keep dropping until the disk is back: a log with holes
            // here and there is worse than one hole the snapshot then covers.
            if (!m_counters.capReached)
                qCCritical(lcStore) << "memory cap of" << m_options.maxHeldEvents
                                    << "held events reached while the database cannot be written: dropping new "
                                       "batches until it can, then resyncing from the gateway's snapshot";
            m_counters.capReached = true;
            ++m_counters.capDroppedBatches;
            m_counters.capDroppedEvents += events;
            return;
        }
        ++m_counters.batchesSubmitted;
        m_counters.queuedEvents += events;
        m_counters.queuedBytes += bytes;
        m_queueBytes.push_back(bytes);
        m_queue.push_back(std::move(batch));
        m_counters.queueDepth = static_cast<std::int64_t>(m_queue.size());
    }
    m_wake.notify_one();
}

bool StoreWorker::post(Job job)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping) {
            ++m_counters.droppedJobs;
            return false;
        }
        m_jobs.push_back(std::move(job));
    }
    m_wake.notify_one();
    return true;
}

void StoreWorker::runJobs(std::deque<Job> &jobs)
{
    for (auto &job : jobs) {
        bool failed = false;
        try {
            job(*m_store);
        } catch (const std::exception &error) {
            failed = true;
            qCWarning(lcStore) << "store job failed:" << error.what();
        }
        std::lock_guard lock(m_mutex);
        ++m_counters.jobsRun;
        if (failed)
            ++m_counters.jobErrors;
    }
    jobs.clear();
}

void StoreWorker::stopWaiting()
{
    {
        std::lock_guard lock(m_mutex);
        m_noWaiting = true;
    }
    m_room.notify_all();
}

void StoreWorker::stop()
{
    std::lock_guard joinLock(m_joinMutex);
    {
        std::lock_guard lock(m_mutex);
        if (!m_stopping) {
            m_stopping = true;
            m_stopRequestedAt = std::chrono::steady_clock::now();
        }
    }
    m_wake.notify_all();
    m_room.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

bool StoreWorker::waitUntilIdle(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_mutex);
    return m_idle.wait_for(lock, timeout, [this] { return m_queue.empty() && m_jobs.empty() && !m_busy; });
}

StoreWorker::Counters StoreWorker::counters() const
{
    std::lock_guard lock(m_mutex);
    return m_counters;
}

std::string StoreWorker::lastError() const
{
    std::lock_guard lock(m_mutex);
    return m_lastError;
}

// Called with nothing pending: waits for work, takes every queued job, then merges as
// much of the queue as the cap allows into one batch (which may stay empty when only
// jobs were waiting). False means "stopping and nothing left".
bool StoreWorker::takeWork(core::StoreBatch &into, std::deque<Job> &jobs)
{
    std::unique_lock lock(m_mutex);
    m_busy = false;
    if (m_queue.empty() && m_jobs.empty())
        m_idle.notify_all();
    m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty() || !m_jobs.empty(); });
    if (m_queue.empty() && m_jobs.empty())
        return false;
    jobs.swap(m_jobs);
    m_busy = true;
    if (m_queue.empty())
        return true;
    into = std::move(m_queue.front());
    m_queue.pop_front();
    m_takenBytes = m_queueBytes.front();
    m_queueBytes.pop_front();
    // How many queued batches fit, first: the merged vector of Events then grows once
    // instead of doubling (each doubling moved every Event taken so far once more).
    std::size_t mergedEvents = into.events.size();
    std::int64_t mergedBytes = m_takenBytes;
    for (std::size_t i = 0; i < m_queue.size(); ++i) {
        if (mergedEvents + m_queue[i].events.size() > m_options.maxEventsPerTransaction
            || static_cast<std::size_t>(mergedBytes + m_queueBytes[i]) > m_options.maxBytesPerTransaction)
            break;
        mergedEvents += m_queue[i].events.size();
        mergedBytes += m_queueBytes[i];
    }
    if (mergedEvents > into.events.capacity())
        into.events.reserve(mergedEvents);
    bool merged = false;
    while (!m_queue.empty() && into.events.size() + m_queue.front().events.size() <= m_options.maxEventsPerTransaction
           && static_cast<std::size_t>(m_takenBytes + m_queueBytes.front()) <= m_options.maxBytesPerTransaction) {
        mergeInto(into, m_queue.front());
        m_queue.pop_front();
        m_takenBytes += m_queueBytes.front();
        m_queueBytes.pop_front();
        merged = true;
    }
    m_counters.queueDepth = static_cast<std::int64_t>(m_queue.size());
    m_busy = true;
    if (merged) {
        lock.unlock(); // submitters must not wait for the dedupe
        dedupeMerged(into);
    }
    return true;
}

StoreWorker::DiskFault StoreWorker::diskFaultOf(int sqliteCode)
{
    switch (sqliteCode & 0xff) {
    case SQLITE_FULL: return DiskFault::Full;
    case SQLITE_READONLY:
    case SQLITE_PERM: return DiskFault::ReadOnly;
    case SQLITE_CANTOPEN: return DiskFault::CannotOpen;
    default: return DiskFault::None;
    }
}

void StoreWorker::noteFailure(const std::exception &error, std::chrono::milliseconds backoff)
{
    const auto *storeError = dynamic_cast<const StoreError *>(&error);
    const DiskFault fault = storeError ? diskFaultOf(storeError->sqliteCode()) : DiskFault::None;
    std::lock_guard lock(m_mutex);
    ++m_counters.writeErrors;
    m_lastError = error.what();
    if (fault == DiskFault::None) {
        qCWarning(lcStore) << "store write failed, will retry in" << backoff.count() << "ms:" << error.what();
        return;
    }
    if (m_counters.diskFault == DiskFault::None) {
        ++m_counters.diskFaults;
        qCWarning(lcStore).noquote() << (fault == DiskFault::Full       ? "disk full"
                                         : fault == DiskFault::ReadOnly ? "database read-only"
                                                                        : "database cannot be opened")
                                     << "- running from memory, holding" << m_counters.queuedEvents
                                     << "events and retrying:" << error.what();
    } else {
        qCDebug(lcStore) << "store still not writable, retry in" << backoff.count() << "ms:" << error.what();
    }
    m_counters.diskFault = fault;
    if (!m_counters.holding) {
        m_counters.holding = true;
        m_room.notify_all(); // submitters waiting for room go on: batches are held from now
    }
}

// A transaction committed. A disk fault is over; held batches stop being "held" once
// the normal queue bound can take over again, and a cap drop then asks for a resync.
std::function<void()> StoreWorker::noteCommit()
{
    if (m_counters.diskFault != DiskFault::None) {
        qCWarning(lcStore) << "database writable again; writing" << m_counters.queuedEvents << "held events";
        m_counters.diskFault = DiskFault::None;
    }
    if (!m_counters.holding || m_counters.queuedEvents >= m_options.maxQueuedEvents)
        return {};
    m_counters.holding = false;
    if (!m_counters.capReached)
        return {};
    m_counters.capReached = false;
    ++m_counters.resyncsRequested;
    qCWarning(lcStore) << m_counters.capDroppedEvents
                       << "events were dropped at the memory cap; resyncing from the gateway's snapshot";
    return m_options.resyncNeeded;
}

void StoreWorker::waitForRetry(std::unique_lock<std::mutex> &lock, std::chrono::milliseconds backoff)
{
    // New batches wait on purpose (the pending one goes first, order matters). Jobs wait
    // too behind a transient error (a lock: their writes would fail the same way), but
    // not during a disk fault, so a search or a history query still answers while the
    // disk is full.
    const auto deadline = std::chrono::steady_clock::now() + backoff;
    while (m_wake.wait_until(lock, deadline, [this] { return m_counters.holding && !m_jobs.empty(); })) {
        std::deque<Job> jobs;
        jobs.swap(m_jobs);
        lock.unlock();
        runJobs(jobs);
        lock.lock();
    }
}

bool StoreWorker::writeWithRetry(core::StoreBatch &batch)
{
    auto backoff = m_options.retryInitial;
    for (;;) {
        const auto started = std::chrono::steady_clock::now();
        try {
            const WriteResult result = m_store->write(batch);
            const auto took = std::chrono::steady_clock::now() - started;
            std::function<void()> resync;
            {
                std::lock_guard lock(m_mutex);
                ++m_counters.transactions;
                m_counters.eventsWritten += result.eventsLogged + result.fixesStored;
                m_counters.eventsIgnored += result.eventsIgnored;
                m_counters.queuedEvents -= static_cast<std::int64_t>(batch.events.size());
                m_counters.queuedBytes -= m_takenBytes;
                m_takenBytes = 0;
                m_counters.lastCommitMs = std::chrono::duration_cast<std::chrono::milliseconds>(took).count();
                m_counters.lastCommitAtMs = nowMs();
                resync = noteCommit();
                m_room.notify_all();
            }
            if (m_options.committed)
                m_options.committed(batch.receivedNs, batch.events.size());
            if (resync)
                resync();
            return true;
        } catch (const std::exception &error) {
            if (!retryAfter(error, backoff, RetryWait::RunningJobs))
                return false;
        }
    }
}

bool StoreWorker::retryAfter(const std::exception &error, std::chrono::milliseconds &backoff, RetryWait wait)
{
    noteFailure(error, backoff);
    std::unique_lock lock(m_mutex);
    if (m_stopping && std::chrono::steady_clock::now() - m_stopRequestedAt > m_options.stopFlushBudget)
        return false;
    if (wait == RetryWait::RunningJobs)
        waitForRetry(lock, backoff);
    else
        m_wake.wait_for(lock, backoff, [] { return false; }); // a full backoff, even when stopping
    backoff = std::min(backoff * 2, m_options.retryMax);
    return true;
}

// Only for an Opener-built worker, before anything else runs on the store thread. Jobs
// wait (they need the store, and feature schemas must precede the writes they serve).
bool StoreWorker::openWithRetry()
{
    auto backoff = m_options.retryInitial;
    for (;;) {
        try {
            auto store = m_opener();
            std::function<void()> resync;
            {
                std::lock_guard lock(m_mutex);
                m_store = std::move(store);
                m_counters.storeOpen = true;
                m_counters.diskFault = DiskFault::None; // holding lasts until the first commit
                qCWarning(lcStore) << "database opened for writing; writing" << m_counters.queuedEvents
                                   << "held events";
                if (m_queue.empty()) // else the first commit ends the fault, as after a write error
                    resync = noteCommit();
                m_room.notify_all();
            }
            if (resync)
                resync();
            return true;
        } catch (const std::exception &error) {
            if (!retryAfter(error, backoff, RetryWait::Idle))
                return false;
        }
    }
}

// Give up only at stop(), after the budget: count and log everything left.
void StoreWorker::dropEverything(std::int64_t pendingEvents, std::int64_t pendingBatches)
{
    std::lock_guard lock(m_mutex);
    std::int64_t events = pendingEvents;
    std::int64_t batches = pendingBatches + static_cast<std::int64_t>(m_queue.size());
    for (const auto &queued : m_queue)
        events += static_cast<std::int64_t>(queued.events.size());
    m_queue.clear();
    m_queueBytes.clear();
    m_takenBytes = 0;
    m_counters.queueDepth = 0;
    m_counters.queuedEvents = 0;
    m_counters.queuedBytes = 0;
    m_room.notify_all();
    m_counters.droppedBatches += batches;
    qCCritical(lcStore) << "store still failing at shutdown; dropped" << batches << "batches," << events
                        << "events. Last error:" << m_lastError.c_str();
}

void StoreWorker::trimHeapIfDue()
{
    if (m_options.heapTrimInterval.count() < 0)
        return;
    const auto now = std::chrono::steady_clock::now();
    if (m_counters.heapTrims > 0 && now - m_lastHeapTrim < m_options.heapTrimInterval)
        return;
    m_lastHeapTrim = now;
    // Gives the free pages of every thread's arena back to the system (glibc walks them
    // all); the batch just written is freed, so this thread holds nothing. Not under
    // m_mutex: submit() must not wait for it.
    malloc_trim(0);
    std::lock_guard lock(m_mutex);
    ++m_counters.heapTrims;
}

void StoreWorker::run()
{
    if (!m_store && !openWithRetry()) {
        dropEverything(0, 0);
        std::lock_guard lock(m_mutex);
        m_counters.droppedJobs += static_cast<std::int64_t>(m_jobs.size()); // no store to run them on
        m_jobs.clear();
        m_idle.notify_all();
        return;
    }
    core::StoreBatch batch;
    std::deque<Job> jobs;
    bool hasBatch = false;
    while (takeWork(batch, jobs)) {
        runJobs(jobs);
        hasBatch = !batch.empty() || batch.applied != 0 || batch.duplicates != 0;
        if (hasBatch && !writeWithRetry(batch))
            dropEverything(static_cast<std::int64_t>(batch.events.size()), 1);
        batch = core::StoreBatch{};
        if (hasBatch)
            trimHeapIfDue();
    }
    std::lock_guard lock(m_mutex);
    m_busy = false;
    m_idle.notify_all();
}

} // namespace opsdeck::store
