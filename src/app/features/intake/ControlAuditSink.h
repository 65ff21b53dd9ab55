#pragma once

#include "store/intake/ControlAudit.h"

#include <memory>
#include <string>
#include <vector>

namespace opsdeck::store {
class Database;
class StoreWorker;
} // namespace opsdeck::store

namespace opsdeck::app {

// Where the command layer writes its audit entries. Called off the GUI thread.
class ControlAuditSink
{
public:
    virtual ~ControlAuditSink() = default;
    virtual void write(const store::ControlAuditEntry &entry) = 0;
    // The entries of one playbook run, in the order issued (blocking); empty id: all.
    virtual std::vector<store::ControlAuditEntry> readRun(const std::string &runId) = 0;
};

// The console: every write is a job on the store thread (the one SQLite connection).
class StoreAuditSink final : public ControlAuditSink
{
public:
    explicit StoreAuditSink(store::StoreWorker &worker); // posts the CREATE TABLE IF NOT EXISTS
    void write(const store::ControlAuditEntry &entry) override;
    std::vector<store::ControlAuditEntry> readRun(const std::string &runId) override;

private:
    store::StoreWorker &m_worker;
};

// `opsdeck ctl`: its own connection to the same database file (WAL, busy timeout, so a
// running console and a cron job can both write).
class FileAuditSink final : public ControlAuditSink
{
public:
    explicit FileAuditSink(const std::string &path); // throws store::StoreError
    ~FileAuditSink() override;
    void write(const store::ControlAuditEntry &entry) override;
    std::vector<store::ControlAuditEntry> readRun(const std::string &runId) override;

private:
    std::unique_ptr<store::Database> m_db;
};

} // namespace opsdeck::app
