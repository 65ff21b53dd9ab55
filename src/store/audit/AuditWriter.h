#pragma once

#include "core/audit/AuditRecord.h"

#include <atomic>
#include <cstdint>
#include <mutex>
#include <vector>

namespace opsdeck::store {

class StoreWorker;

// The console's core::audit::AuditSink: append() only queues the record (never waits
// for SQLite, so the GUI thread may call it) and the rows are chained on the store
// thread, as one job between two ingest transactions. Records that arrive while a job
// is pending ride along in that job's transaction, so a burst is one commit.
class AuditWriter final : public core::audit::AuditSink
{
public:
    // Posts the CREATE TABLE IF NOT EXISTS. Destroy after the worker stopped: its jobs use this.
    explicit AuditWriter(StoreWorker &worker);
    void append(core::audit::AuditRecord record) override;

    struct Counters {
        std::int64_t appended = 0; // chained and committed
        std::int64_t failed = 0;   // append jobs that threw (logged; rows held for the next one)
        std::int64_t dropped = 0;  // appended after the store stopped (logged)
    };
    Counters counters() const;

private:
    void flush(class EventStore &store);

    StoreWorker &m_worker;
    mutable std::mutex m_mutex;
    std::vector<core::audit::AuditRecord> m_pending;
    bool m_jobPosted = false;
    Counters m_counters;
};

} // namespace opsdeck::store
