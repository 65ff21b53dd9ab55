#include "EventRetention.h"

#include "EventStore.h"
#include "store/db/Sqlite.h"
#include "store/db/StoreLog.h"
#include "store/db/StoreWorker.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <exception>

namespace opsdeck::store {

EventRetention::EventRetention(Options options) : m_options(options), m_retentionMs(options.retentionMs) {}

EventRetention::Progress EventRetention::progress() const
{
    std::lock_guard lock(m_mutex);
    Progress p = m_progress;
    p.retentionMs = m_retentionMs.load();
    return p;
}

void EventRetention::beginPass(std::int64_t cutoffMs)
{
    m_streams.clear();
    m_streamsLoaded = false;
    m_streamIndex = 0;
    m_nextKey = 0;
    m_sideDone = false;
    m_cutoffMs = cutoffMs;
    std::lock_guard lock(m_mutex);
    m_progress.running = true;
    m_progress.cutoffMs = cutoffMs;
    m_progress.removedThisPass = 0;
}

bool EventRetention::start(StoreWorker &worker, std::int64_t nowMs)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_progress.running)
            return false;
        m_progress.running = true;
    }
    // The pass state belongs to the store thread: the first job sets it up.
    const bool posted = worker.post([this, &worker, cutoff = nowMs - m_retentionMs.load()](EventStore &store) {
        beginPass(cutoff);
        runStep(worker, store);
    });
    if (!posted) {
        std::lock_guard lock(m_mutex);
        m_progress.running = false;
    }
    return posted;
}

// One step per job; the next step is posted behind the batch the worker takes next.
void EventRetention::runStep(StoreWorker &worker, EventStore &store)
{
    bool done = true;
    try {
        done = step(store);
    } catch (const std::exception &error) {
        qCWarning(lcStore) << "event log purge step failed, retried at the next pass:" << error.what();
        std::lock_guard lock(m_mutex);
        ++m_progress.errors;
        m_progress.running = false;
        return;
    }
    if (done || !worker.post([this, &worker](EventStore &s) { runStep(worker, s); })) {
        std::lock_guard lock(m_mutex);
        m_progress.running = false;
    }
}

// Deletes the rows of [first, end) in one stream older than the cutoff, with their
// timeline index rows (so no order's timeline points at a purged row).
std::int64_t EventRetention::purgeWindow(EventStore &store, const Stream &stream, std::int64_t first, std::int64_t end)
{
    Database &db = store.database();
    const std::int64_t cutoff = m_cutoffMs;
    std::int64_t side = 0;
    if (db.hasTable("board_order_events")) {
        Statement orders = db.prepare("SELECT seq, order_id FROM events WHERE key >= ?1 AND key < ?2 AND ts_ms < ?3"
                                      " AND order_id IS NOT NULL AND order_id <> ''");
        Statement unindex = db.prepare("DELETE FROM board_order_events WHERE order_id = ?1 AND epoch = ?2"
                                       " AND depot = ?3 AND seq = ?4");
        orders.bind(1, first).bind(2, end).bind(3, cutoff);
        while (orders.step()) {
            const std::string orderId = orders.columnText(1);
            unindex.bindText(1, orderId).bindText(2, stream.epoch).bindText(3, stream.depot).bind(4, orders.columnInt(0));
            unindex.run();
            side += sqlite3_changes(db.handle());
        }
    }
    Statement purge = db.prepare("DELETE FROM events WHERE key >= ?1 AND key < ?2 AND ts_ms < ?3");
    purge.bind(1, first).bind(2, end).bind(3, cutoff).run();
    const std::int64_t removed = sqlite3_changes(db.handle());
    std::lock_guard lock(m_mutex);
    m_progress.sideRowsRemoved += side;
    return removed;
}

// Alerts and resyncs grow with the log (their totals live in `totals`, never purged).
std::int64_t EventRetention::purgeSideTables(EventStore &store)
{
    Database &db = store.database();
    std::int64_t removed = 0;
    for (const char *sql : {"DELETE FROM alerts WHERE id IN (SELECT id FROM alerts WHERE at_ms < ?1 ORDER BY id LIMIT ?2)",
                            "DELETE FROM resyncs WHERE id IN (SELECT id FROM resyncs WHERE at_ms < ?1 ORDER BY id LIMIT ?2)"}) {
        Statement purge = db.prepare(sql);
        purge.bind(1, m_cutoffMs).bind(2, m_options.stepRows).run();
        removed += sqlite3_changes(db.handle());
    }
    return removed;
}

bool EventRetention::step(EventStore &store)
{
    const auto started = std::chrono::steady_clock::now();
    Database &db = store.database();
    Transaction tx(db);
    if (!m_streamsLoaded) {
        Statement streams = db.prepare("SELECT id, epoch, depot FROM streams ORDER BY id");
        while (streams.step())
            m_streams.push_back(Stream{streams.columnInt(0), streams.columnText(1), streams.columnText(2)});
        m_streamsLoaded = true;
    }
    // The window is the stream's next n rows, not n keys: rider fixes left the log for the
    // track store, so a depot's seqs (shared with its riders) are sparse in the log and a
    // window of n keys would hold only a row or two.
    Statement window = db.prepare("SELECT min(key), max(key) FROM (SELECT key FROM events WHERE key >= ?1"
                                  " AND key < ?2 ORDER BY key LIMIT ?3)");
    std::int64_t removed = 0;
    while (removed < m_options.stepRows && m_streamIndex < m_streams.size()) {
        const Stream &stream = m_streams[m_streamIndex];
        const std::int64_t hi = (stream.id + 1) << 40;
        window.bind(1, std::max(m_nextKey, stream.id << 40)).bind(2, hi).bind(3, m_options.stepRows - removed);
        const bool any = window.step() && !window.columnIsNull(0);
        const std::int64_t first = any ? window.columnInt(0) : 0;
        const std::int64_t end = any ? window.columnInt(1) + 1 : 0;
        window.reset();
        const std::int64_t n = any ? purgeWindow(store, stream, first, end) : 0;
        removed += n;
        if (n == 0) { // empty, or only rows within the retention at its oldest end
            ++m_streamIndex;
            m_nextKey = 0;
        } else {
            m_nextKey = end;
        }
    }
    std::int64_t side = 0;
    if (m_streamIndex >= m_streams.size() && removed < m_options.stepRows && !m_sideDone) {
        side = purgeSideTables(store);
        m_sideDone = side < m_options.stepRows;
    }
    tx.commit();
    const bool done = m_streamIndex >= m_streams.size() && m_sideDone;
    const auto tookUs =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
    {
        std::lock_guard lock(m_mutex);
        m_progress.removedThisPass += removed;
        m_progress.removedTotal += removed;
        m_progress.sideRowsRemoved += side;
        ++m_progress.steps;
        m_progress.longestStepUs = std::max<std::int64_t>(m_progress.longestStepUs, tookUs);
        if (done) {
            ++m_progress.passes;
            m_progress.running = false;
            if (m_progress.removedThisPass > 0)
                qCInfo(lcStore) << "event log purge done:" << m_progress.removedThisPass << "events older than"
                                << m_progress.cutoffMs << "removed in" << m_progress.steps << "steps so far";
        }
    }
    if (m_observer)
        m_observer(removed);
    return done;
}

} // namespace opsdeck::store
