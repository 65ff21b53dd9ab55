#pragma once

#include "core/access/AccessGuard.h"
#include "core/audit/AuditRecord.h"

#include <QDialog>

#include <functional>
#include <memory>

namespace Ui {
class PrivacyEraseDialog;
}

namespace opsdeck::store {
class StoreWorker;
}

namespace opsdeck::app {

// Security → Erase personal data… (roles with erase_personal_data): one customer's
// personal data erased on request, by phone or opaque id, with a reason
// (store::PersonalDataEraser, docs/security.md "Privacy requests"). The erasure runs as a
// job on the store thread; the GUI thread shows "Erasing…" and then what was erased, and
// writes the audit row (who, the customer's opaque id, the rows, the reason). The
// permission is checked again through the console's one AccessGuard when Erase is
// pressed (a refusal is on the trail and erases nothing). The erased orders are marked
// in the store so the running console does not write them back, and the WAL is
// checkpointed and truncated so the old pages leave it; the file is not vacuumed while
// the console runs (secure_delete zeroed the freed cells; `opsdeck privacy` compacts).
class PrivacyEraseDialog final : public QDialog
{
    Q_OBJECT
public:
    PrivacyEraseDialog(store::StoreWorker &worker, core::audit::AuditSink &audit,
                       const core::access::AccessGuard &guard, std::function<qint64()> nowMs,
                       QWidget *parent = nullptr);
    ~PrivacyEraseDialog() override;

    QString status() const;
    bool busy() const { return m_busy; }

private:
    void erase();
    void updateButton();
    void finished(bool ok, const QString &customerId, qint64 orders, qint64 events, qint64 rejected, qint64 notes,
                  const QString &error);

    std::unique_ptr<Ui::PrivacyEraseDialog> m_ui;
    store::StoreWorker &m_worker;
    core::audit::AuditSink &m_audit;
    const core::access::AccessGuard &m_guard;
    core::access::Principal m_who;
    std::function<qint64()> m_nowMs;
    QString m_reason;
    bool m_busy = false;
};

} // namespace opsdeck::app
