#include "KeyRotationRunner.h"

#include "store/db/StoreWorker.h"
#include "store/log/LiveKeyRotation.h"

#include <QAction>
#include <QDateTime>
#include <QMenu>
#include <QStatusBar>

#include <mutex>

namespace opsdeck::app {

// What the store thread's jobs share with the runner; `owner` goes null when it dies.
struct KeyRotationRunner::Shared {
    std::mutex mutex;
    KeyRotationRunner *owner = nullptr;
    store::StoreWorker *worker = nullptr;
    int rowsPerStep = kRowsPerStep;
    std::shared_ptr<store::KeyVault> vault;
    std::unique_ptr<store::LiveKeyRotation> rotation; // store thread only

    void report(bool done, bool ok, qint64 resealed, const QString &error)
    {
        std::lock_guard lock(mutex);
        if (!owner)
            return;
        QMetaObject::invokeMethod(
            owner,
            [o = owner, done, ok, resealed, error] {
                if (!done) {
                    emit o->progress(resealed);
                    return;
                }
                o->m_running = false;
                emit o->finished(ok, resealed, error);
            },
            Qt::QueuedConnection);
    }
};

KeyRotationRunner::KeyRotationRunner(store::StoreWorker &worker, std::shared_ptr<store::KeyVault> vault,
                                     QObject *parent)
    : QObject(parent), m_worker(worker), m_vault(std::move(vault))
{
}

KeyRotationRunner::~KeyRotationRunner()
{
    if (m_shared) {
        std::lock_guard lock(m_shared->mutex);
        m_shared->owner = nullptr;
    }
}

void KeyRotationRunner::start()
{
    if (m_running)
        return;
    if (m_shared) {
        std::lock_guard lock(m_shared->mutex);
        m_shared->owner = nullptr;
    }
    m_shared = std::make_shared<Shared>();
    m_shared->owner = this;
    m_shared->worker = &m_worker;
    m_shared->vault = m_vault;
    m_shared->rowsPerStep = m_rowsPerStep;
    m_running = true;
    postStep(m_shared);
}

void KeyRotationRunner::postStep(std::shared_ptr<Shared> shared)
{
    store::StoreWorker *worker = shared->worker;
    const bool posted = worker->post([shared](store::EventStore &store) {
        try {
            if (!shared->rotation) {
                shared->rotation = std::make_unique<store::LiveKeyRotation>(store, shared->vault);
                shared->rotation->begin();
            }
            const bool done = shared->rotation->step(shared->rowsPerStep);
            shared->report(done, true, shared->rotation->resealed(), {});
            if (!done)
                postStep(shared); // after the writes queued meanwhile
        } catch (const std::exception &e) {
            shared->report(true, false, shared->rotation ? shared->rotation->resealed() : 0, QString::fromUtf8(e.what()));
        }
    });
    if (!posted)
        shared->report(true, false, shared->rotation ? shared->rotation->resealed() : 0,
                       tr("the store has stopped; run opsdeck key rotate to finish"));
}

bool KeyRotationRunner::mayRotate(const core::access::AccessGuard &guard)
{
    using core::access::Permission;
    return guard.allows(Permission::ManageUsers, guard.ownScope()).allowed()
        || guard.allows(Permission::ErasePersonalData, guard.ownScope()).allowed();
}

core::access::Decision KeyRotationRunner::require(const core::access::AccessGuard &guard, const std::string &target)
{
    using core::access::Permission;
    const core::access::Decision manage = guard.allows(Permission::ManageUsers, guard.ownScope());
    if (manage.allowed())
        return manage;
    return guard.require(Permission::ErasePersonalData, guard.ownScope(), "key.rotate", target);
}

void KeyRotationRunner::install(QMenu &menu, QStatusBar &statusBar, store::StoreWorker &worker,
                                std::shared_ptr<store::KeyVault> vault, const core::access::AccessGuard &guard,
                                core::audit::AuditSink &audit, const QString &dbPath)
{
    if (!mayRotate(guard))
        return; // a courtesy: require() below is the check
    auto *runner = new KeyRotationRunner(worker, std::move(vault), &menu);
    runner->setObjectName(QStringLiteral("keyRotationRunner"));
    QAction *action = menu.addAction(tr("Rotate the data &key"));
    action->setObjectName(QStringLiteral("rotateKeyAction"));
    QPointer<QStatusBar> bar(&statusBar);
    connect(action, &QAction::triggered, runner, [runner, action, bar, &guard, dbPath] {
        const core::access::Decision decision = require(guard, dbPath.toStdString());
        if (!decision.allowed() || runner->running())
            return;
        action->setEnabled(false);
        if (bar)
            bar->showMessage(tr("Rotating the data key…"));
        runner->start();
    });
    connect(runner, &KeyRotationRunner::progress, runner, [bar](qint64 resealed) {
        if (bar)
            bar->showMessage(tr("Rotating the data key: %1 values re-sealed…").arg(resealed));
    });
    connect(runner, &KeyRotationRunner::finished, runner,
            [action, bar, &guard, &audit, dbPath](bool ok, qint64 resealed, const QString &error) {
                action->setEnabled(true);
                if (bar)
                    bar->showMessage(ok ? tr("Data key rotated: %1 values re-sealed with the new key.").arg(resealed)
                                        : tr("Data key rotation stopped: %1").arg(error));
                core::audit::AuditRecord record;
                record.atMs = QDateTime::currentMSecsSinceEpoch();
                record.user = guard.principal().user;
                record.role = guard.principal().role;
                record.action = "key.rotate";
                record.target = dbPath.toStdString();
                record.outcome = ok ? "ok" : "failed";
                record.detailJson = "{\"resealed\":" + std::to_string(resealed) + "}";
                audit.append(std::move(record));
            });
}

} // namespace opsdeck::app
