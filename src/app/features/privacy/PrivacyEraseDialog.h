#pragma once

#include "core/access/Permission.h"
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
// writes the audit row (who, the customer's opaque id, the rows, the reason).
class PrivacyEraseDialog final : public QDialog
{
    Q_OBJECT
public:
    PrivacyEraseDialog(store::StoreWorker &worker, core::audit::AuditSink &audit, core::access::Principal who,
                       std::function<qint64()> nowMs, QWidget *parent = nullptr);
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
    core::access::Principal m_who;
    std::function<qint64()> m_nowMs;
    QString m_reason;
    bool m_busy = false;
};

} // namespace opsdeck::app
