#pragma once

#include "PersonalDataEraser.h"

#include <atomic>
#include <cstdint>
#include <mutex>

namespace opsdeck::store {

class EventStore;
class StoreWorker;

// The console's personal-data retention (docs/security.md "Privacy requests"): a pass
// erases the personal data older than the retention (PersonalDataEraser::purgeStep) in
// small steps on the store thread, each a StoreWorker job of its own that re-posts the
// next, so ingest batches interleave as with the event retention. secure_delete is on
// for the steps, then back to the connection's own setting; the pass does not VACUUM a
// live file (that would hold the writer for the whole file): freed cells are zeroed, and
// `opsdeck privacy purge` compacts. A pass that erased something is audited (the chain,
// action privacy.purge, user "system").
class PersonalDataRetention final
{
public:
    static constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
    struct Progress {
        bool running = false;
        std::int64_t retentionMs = 0;
        std::int64_t cutoffMs = 0;
        std::int64_t rowsThisPass = 0;
        std::int64_t rowsTotal = 0; // orders, events and rejected rows, every pass
        std::int64_t passes = 0;
        std::int64_t errors = 0;
    };

    explicit PersonalDataRetention(std::int64_t retentionMs = 90 * kDayMs, int stepRows = 200)
        : m_retentionMs(retentionMs), m_stepRows(stepRows)
    {
    }

    void setRetentionMs(std::int64_t ms) { m_retentionMs.store(ms); } // thread-safe; next pass
    std::int64_t retentionMs() const { return m_retentionMs.load(); }

    // Starts a pass erasing what is older than nowMs - retention, unless one runs.
    bool start(StoreWorker &worker, std::int64_t nowMs);
    Progress progress() const;

private:
    void runStep(StoreWorker &worker, EventStore &store);
    void finishPass(EventStore &store);

    std::atomic<std::int64_t> m_retentionMs;
    const int m_stepRows;
    mutable std::mutex m_mutex; // guards m_progress and m_newPass
    Progress m_progress;
    bool m_newPass = false;
    PersonalDataEraser::PurgeCursor m_cursor; // store thread only
};

} // namespace opsdeck::store
