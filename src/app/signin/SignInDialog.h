#pragma once

#include "OffThread.h"

#include "core/access/Permission.h"
#include "core/audit/AuditRecord.h"
#include "store/users/UserStore.h"

#include <QDialog>

#include <memory>

namespace Ui {
class SignInDialog;
}

namespace opsdeck::app {

// Who is at the console: name, password and, for a user with a second factor, the TOTP
// code, checked against the users of the console's database on a worker thread (the
// dialog says "Checking…" and keeps painting). A wrong password, a lockout, a disabled
// user are said in the dialog; OK on success leaves principal() set.
class SignInDialog final : public QDialog
{
    Q_OBJECT
public:
    SignInDialog(QString dbPath, core::audit::AuditSink &audit, store::UserStore::Clock clock,
                 QWidget *parent = nullptr);
    ~SignInDialog() override;

    void accept() override;
    // After an idle sign-out: only the user who was at the console may come back.
    void setFixedUser(const QString &name);
    const core::access::Principal &principal() const { return m_principal; }
    QString error() const; // the error shown, empty when none (tests)
    bool checking() const { return m_worker.busy(); }

private:
    void checked();
    void setBusy(bool busy);

    std::unique_ptr<Ui::SignInDialog> m_ui;
    QString m_dbPath;
    core::audit::AuditSink &m_audit;
    store::UserStore::Clock m_clock;
    core::access::Principal m_principal;
    store::UserStore::SignIn m_result; // written by the worker, read after it finished
    QString m_failure;                 // the worker's exception text
    OffThread m_worker;
};

} // namespace opsdeck::app
