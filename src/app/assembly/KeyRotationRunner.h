#pragma once

#include "core/access/AccessGuard.h"
#include "core/audit/AuditRecord.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

class QMenu;
class QStatusBar;

namespace opsdeck::store {
class KeyVault;
class StoreWorker;
} // namespace opsdeck::store

namespace opsdeck::app {

// Security → Rotate the data key in a running console: store::LiveKeyRotation on the
// store thread, one small step per posted job, so the ingest's writes run between steps
// (each step is one short transaction). Progress and the end come back to the GUI
// thread as signals; the end goes on the audit chain (`key.rotate`).
class KeyRotationRunner final : public QObject
{
    Q_OBJECT
public:
    static constexpr int kRowsPerStep = 200;

    KeyRotationRunner(store::StoreWorker &worker, std::shared_ptr<store::KeyVault> vault, QObject *parent = nullptr);
    ~KeyRotationRunner() override;

    bool running() const { return m_running; }
    // Values per step (one transaction each); tests make it small so that many writes
    // land between steps.
    void setRowsPerStep(int rows) { m_rowsPerStep = rows > 0 ? rows : kRowsPerStep; }
    void start();
    // Finishes a rotation an earlier run left unfinished (the store opened the database
    // with resumeKeyRotation); nothing when there is none. `resuming` says it found one.
    void resume();

    // Who may rotate: the same rule as `opsdeck key rotate` (manage_users, or
    // erase_personal_data). `require` audits a refusal.
    static bool mayRotate(const core::access::AccessGuard &guard);
    static core::access::Decision require(const core::access::AccessGuard &guard, const std::string &target);
    // The menu entry (only for those who may), progress in `statusBar`, the end audited.
    // A rotation left unfinished by an earlier run is resumed at once, for any role.
    static void install(QMenu &menu, QStatusBar &statusBar, store::StoreWorker &worker,
                        std::shared_ptr<store::KeyVault> vault, const core::access::AccessGuard &guard,
                        core::audit::AuditSink &audit, const QString &dbPath);

signals:
    void resuming();
    void progress(qint64 resealed);
    void finished(bool ok, qint64 resealed, const QString &error);

private:
    struct Shared;
    void startRotation(bool onlyIfPending);
    static void postStep(std::shared_ptr<Shared> shared);

    store::StoreWorker &m_worker;
    std::shared_ptr<store::KeyVault> m_vault;
    std::shared_ptr<Shared> m_shared;
    int m_rowsPerStep = kRowsPerStep;
    bool m_running = false;
};

} // namespace opsdeck::app
