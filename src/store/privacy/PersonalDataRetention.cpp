#include "PersonalDataRetention.h"

#include "PersonalDataEraser.h"
#include "store/audit/AuditLog.h"
#include "store/db/Sqlite.h"
#include "store/db/StoreLog.h"
#include "store/db/StoreWorker.h"
#include "store/log/EventStore.h"

#include <QDateTime>

namespace opsdeck::store {

bool PersonalDataRetention::start(StoreWorker &worker, std::int64_t nowMs)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_progress.running)
            return false;
        m_progress.running = true;
        m_progress.retentionMs = m_retentionMs.load();
        m_progress.cutoffMs = nowMs - m_progress.retentionMs;
        m_progress.rowsThisPass = 0;
        m_newPass = true;
    }
    const bool posted = worker.post([this, &worker](EventStore &store) { runStep(worker, store); });
    if (!posted) {
        std::lock_guard lock(m_mutex);
        m_progress.running = false;
    }
    return posted;
}

void PersonalDataRetention::runStep(StoreWorker &worker, EventStore &store)
{
    std::int64_t cutoff = 0;
    {
        std::lock_guard lock(m_mutex);
        cutoff = m_progress.cutoffMs;
        if (m_newPass)
            m_cursor = {};
        m_newPass = false;
    }
    std::int64_t rows = 0;
    try {
        // The connection's own setting comes back after the step, thrown or not.
        const SecureDeleteRestore restore(store.database());
        if (store.cipher()) {
            PersonalDataEraser eraser(store.database(), *store.cipher()); // secure_delete on
            auto step = eraser.purgeStep(cutoff, m_stepRows, m_cursor);
            // The last step also catches tombstoned customers the gateway sent again.
            if (step.total() == 0)
                step = eraser.reapplyErasures();
            store.markPersonalDataErased(step.orderIds);
            rows = step.total();
        }
    } catch (const std::exception &error) {
        qCWarning(lcStore) << "personal data purge step failed, retried at the next pass:" << error.what();
        std::lock_guard lock(m_mutex);
        ++m_progress.errors;
        m_progress.running = false;
        return;
    }
    {
        std::lock_guard lock(m_mutex);
        m_progress.rowsThisPass += rows;
        m_progress.rowsTotal += rows;
    }
    if (rows > 0 && worker.post([this, &worker](EventStore &s) { runStep(worker, s); }))
        return;
    finishPass(store);
}

void PersonalDataRetention::finishPass(EventStore &store)
{
    Progress p;
    {
        std::lock_guard lock(m_mutex);
        m_progress.running = false;
        ++m_progress.passes;
        p = m_progress;
    }
    if (p.rowsThisPass == 0)
        return;
    core::audit::AuditRecord record;
    record.atMs = QDateTime::currentMSecsSinceEpoch();
    record.user = "system";
    record.action = "privacy.purge";
    record.outcome = "ok";
    record.detailJson = "{\"origin\":\"console\",\"days\":" + std::to_string(p.retentionMs / kDayMs)
        + ",\"cutoff_ms\":" + std::to_string(p.cutoffMs) + ",\"rows\":" + std::to_string(p.rowsThisPass) + "}";
    try {
        appendAudit(store.database(), {record});
    } catch (const std::exception &error) {
        qCWarning(lcStore) << "personal data purge could not be audited:" << error.what();
    }
    qCInfo(lcStore) << "personal data purge:" << p.rowsThisPass << "rows older than" << p.cutoffMs;
}

PersonalDataRetention::Progress PersonalDataRetention::progress() const
{
    std::lock_guard lock(m_mutex);
    return m_progress;
}

} // namespace opsdeck::store
