#pragma once

#include "OffThread.h"

#include "core/access/Permission.h"
#include "core/audit/AuditRecord.h"
#include "store/users/UserStore.h"

#include <QDialog>

#include <memory>

namespace Ui {
class CreateAdminDialog;
}

namespace opsdeck::app {

// First start with a real feed: the database has no users, so the first one is created
// here as the administrator (the same as a first `opsdeck user add`) and signed in.
// Hashing runs on a worker thread ("Checking…"); bad input is said in the dialog.
class CreateAdminDialog final : public QDialog
{
    Q_OBJECT
public:
    CreateAdminDialog(QString dbPath, core::audit::AuditSink &audit, store::UserStore::Clock clock,
                      QWidget *parent = nullptr);
    ~CreateAdminDialog() override;

    void accept() override;
    const core::access::Principal &principal() const { return m_principal; }
    QString error() const;
    bool checking() const { return m_worker.busy(); }

private:
    void created();
    void setBusy(bool busy);

    std::unique_ptr<Ui::CreateAdminDialog> m_ui;
    QString m_dbPath;
    core::audit::AuditSink &m_audit;
    store::UserStore::Clock m_clock;
    core::access::Principal m_principal;
    store::UserStore::SignIn m_result; // written by the worker, read after it finished
    QString m_failure;
    OffThread m_worker;
};

} // namespace opsdeck::app
