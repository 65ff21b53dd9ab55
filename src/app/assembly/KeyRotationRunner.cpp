#include "KeyRotationRunner.h"

#include "store/db/StoreWorker.h"
#include "store/db/KeyRotation.h"
#include "store/log/EventStore.h"
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

    bool onlyIfPending = false; // resume(): nothing to do unless a rotation is unfinished

    // On the GUI thread: whether a rotation was unfinished (resume() only).
    void reportPending(bool pending)
    {
        std::lock_guard lock(mutex);
        if (!owner)
            return;
        QMetaObject::invokeMethod(
            owner,
            [o = owner, pending] {
                if (pending)
                    emit o->resuming();
                else
                    o->m_running = false;
            },
            Qt::QueuedConnection);
    }

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
    startRotation(false);
}

void KeyRotationRunner::resume()
{
    startRotation(true);
}

void KeyRotationRunner::startRotation(bool onlyIfPending)
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
    m_shared->onlyIfPending = onlyIfPending;
    m_running = true;
    postStep(m_shared);
}

void KeyRotationRunner::postStep(std::shared_ptr<Shared> shared)
{
    store::StoreWorker *worker = shared->worker;
    const bool posted = worker->post([shared](store::EventStore &store) {
        try {
            if (!shared->rotation && shared->onlyIfPending) {
                const bool pending = store::KeyRotation::pending(store.database());
                shared->reportPending(pending);
                if (!pending)
                    return;
                shared->onlyIfPending = false;
            }
            if (!shared->rotation) {
                shared->rotation = std::make_unique<store::LiveKeyRotation>(store, shared->vault);
                shared->rotation->begin();
            }
            const bool done = shared->rotation->step(shared->rowsPerStep);
            const qint64 resealed = shared->rotation->resealed();
            if (done)
                shared->rotation.reset(); // the old key goes out of memory
            shared->report(done, true, resealed, {});
            if (!done)
                postStep(shared); // after the writes queued meanwhile
        } catch (const std::exception &e) {
            const qint64 resealed = shared->rotation ? shared->rotation->resealed() : 0;
            shared->rotation.reset();
            shared->report(true, false, resealed, QString::fromUtf8(e.what()));
        }
    });
    if (!posted)
        shared->report(true, false, shared->rotation ? shared->rotation->resealed() : 0,
                       tr("the store has stopped; the rotation resumes at the next start"));
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
    // Owned by the window, not the menu: a role without any Security entry has no menu,
    // and still finishes a rotation cut short.
    auto *runner = new KeyRotationRunner(worker, std::move(vault), statusBar.window());
    runner->setObjectName(QStringLiteral("keyRotationRunner"));
    QPointer<QStatusBar> bar(&statusBar);
    QPointer<QAction> action;
    if (mayRotate(guard)) { // a courtesy: require() below is the check
        action = menu.addAction(tr("Rotate the data &key"));
        action->setObjectName(QStringLiteral("rotateKeyAction"));
        connect(action, &QAction::triggered, runner, [runner, action, bar, &guard, dbPath] {
            const core::access::Decision decision = require(guard, dbPath.toStdString());
            if (!decision.allowed() || runner->running())
                return;
            action->setEnabled(false);
            if (bar)
                bar->showMessage(tr("Rotating the data key…"));
            runner->start();
        });
    }
    connect(runner, &KeyRotationRunner::progress, runner, [action, bar](qint64 resealed) {
        if (action)
            action->setEnabled(false); // also while a resumed rotation runs
        if (bar)
            bar->showMessage(tr("Rotating the data key: %1 values re-sealed…").arg(resealed));
    });
    connect(runner, &KeyRotationRunner::finished, runner,
            [action, bar, &guard, &audit, dbPath](bool ok, qint64 resealed, const QString &error) {
                if (action)
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
    connect(runner, &KeyRotationRunner::resuming, runner, [bar] {
        if (bar)
            bar->showMessage(tr("Finishing the data key rotation that was cut short…"));
    });
    // A rotation cut short (the console closed, or a step failed) left the database with
    // two keys; the store opened it anyway (resumeKeyRotation) and this finishes it, for
    // whoever signed in: it was authorised when it began.
    runner->resume();
}

} // namespace opsdeck::app
