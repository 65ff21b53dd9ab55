#include "AuditWriter.h"

#include "AuditLog.h"

#include "store/db/StoreLog.h"
#include "store/db/StoreWorker.h"
#include "store/log/EventStore.h"

namespace opsdeck::store {

AuditWriter::AuditWriter(StoreWorker &worker) : m_worker(worker)
{
    m_worker.post([](EventStore &s) { ensureAuditTable(s.database()); });
}

void AuditWriter::append(core::audit::AuditRecord record)
{
    std::lock_guard lock(m_mutex);
    m_pending.push_back(std::move(record));
    if (m_jobPosted)
        return;
    m_jobPosted = m_worker.post([this](EventStore &s) { flush(s); });
    if (!m_jobPosted) {
        qCWarning(lcStore) << "audit rows dropped: the store has stopped:" << m_pending.size();
        m_counters.dropped += static_cast<std::int64_t>(m_pending.size());
        m_pending.clear();
    }
}

void AuditWriter::flush(EventStore &store)
{
    std::vector<core::audit::AuditRecord> batch;
    {
        std::lock_guard lock(m_mutex);
        batch.swap(m_pending);
        m_jobPosted = false;
    }
    try {
        appendAudit(store.database(), batch);
        std::lock_guard lock(m_mutex);
        m_counters.appended += static_cast<std::int64_t>(batch.size());
    } catch (const std::exception &error) {
        // A full or read-only disk: the rows are held, in order, and go with the next append.
        qCWarning(lcStore) << "audit rows held, not yet written:" << batch.size() << error.what();
        std::lock_guard lock(m_mutex);
        m_counters.failed += 1;
        m_pending.insert(m_pending.begin(), std::make_move_iterator(batch.begin()),
                         std::make_move_iterator(batch.end()));
    }
}

AuditWriter::Counters AuditWriter::counters() const
{
    std::lock_guard lock(m_mutex);
    return m_counters;
}

} // namespace opsdeck::store
