#include "ControlAuditSink.h"

#include "IntakeLog.h"

#include "store/log/EventStore.h"
#include "store/db/Sqlite.h"
#include "store/db/StoreWorker.h"

#include <chrono>
#include <future>

namespace opsdeck::app {

StoreAuditSink::StoreAuditSink(store::StoreWorker &worker) : m_worker(worker)
{
    m_worker.post([](store::EventStore &s) { store::ensureControlAuditTable(s.database()); });
}

void StoreAuditSink::write(const store::ControlAuditEntry &entry)
{
    if (!m_worker.post([entry](store::EventStore &s) { store::writeControlAudit(s.database(), entry); }))
        qCWarning(lcIntake) << "audit entry of" << entry.commandId.c_str() << "dropped: the store has stopped";
}

std::vector<store::ControlAuditEntry> StoreAuditSink::readRun(const std::string &runId)
{
    auto promise = std::make_shared<std::promise<std::vector<store::ControlAuditEntry>>>();
    auto future = promise->get_future();
    const bool posted = m_worker.post([promise, runId](store::EventStore &s) {
        try {
            promise->set_value(store::readControlAudit(s.database(), runId));
        } catch (...) {
            promise->set_exception(std::current_exception());
        }
    });
    if (!posted || future.wait_for(std::chrono::seconds(10)) != std::future_status::ready)
        return {};
    return future.get();
}

FileAuditSink::FileAuditSink(const std::string &path)
    : m_db(std::make_unique<store::Database>(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE))
{
    sqlite3_busy_timeout(m_db->handle(), 5000);
    m_db->exec("PRAGMA journal_mode=WAL");
    store::ensureControlAuditTable(*m_db);
}

FileAuditSink::~FileAuditSink() = default;

void FileAuditSink::write(const store::ControlAuditEntry &entry)
{
    store::writeControlAudit(*m_db, entry);
}

std::vector<store::ControlAuditEntry> FileAuditSink::readRun(const std::string &runId)
{
    return store::readControlAudit(*m_db, runId);
}

} // namespace opsdeck::app
