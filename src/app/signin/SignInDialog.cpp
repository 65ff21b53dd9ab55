#include "SignInDialog.h"

#include "ui_SignInDialog.h"

#include "store/db/Sqlite.h"

#include <QDateTime>
#include <QLocale>
#include <QPushButton>

namespace opsdeck::app {

SignInDialog::SignInDialog(QString dbPath, core::audit::AuditSink &audit, store::UserStore::Clock clock,
                           QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SignInDialog>())
    , m_dbPath(std::move(dbPath))
    , m_audit(audit)
    , m_clock(std::move(clock))
{
    m_ui->setupUi(this);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("Sign in"));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &SignInDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &SignInDialog::reject);
    // The code is asked for only once the password was right and the user has one.
    m_ui->codeLabel->hide();
    m_ui->codeEdit->hide();
    m_ui->nameEdit->setFocus();
}

SignInDialog::~SignInDialog() = default;

void SignInDialog::setFixedUser(const QString &name)
{
    m_ui->nameEdit->setText(name);
    m_ui->nameEdit->setReadOnly(true);
    m_ui->introLabel->setText(tr("Signed out after a while without use. Sign in again to go on where you were."));
    m_ui->passwordEdit->setFocus();
}

QString SignInDialog::error() const
{
    return m_ui->errorLabel->text();
}

void SignInDialog::setBusy(bool busy)
{
    m_ui->statusLabel->setText(busy ? tr("Checking…") : QString());
    m_ui->nameEdit->setEnabled(!busy);
    m_ui->passwordEdit->setEnabled(!busy);
    m_ui->codeEdit->setEnabled(!busy);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(!busy);
}

void SignInDialog::accept()
{
    if (m_worker.busy())
        return;
    const std::string name = m_ui->nameEdit->text().trimmed().toStdString();
    const std::string password = m_ui->passwordEdit->text().toStdString();
    const std::string code = m_ui->codeEdit->isVisible() ? m_ui->codeEdit->text().trimmed().toStdString() : std::string();
    if (name.empty() || password.empty()) {
        m_ui->errorLabel->setText(tr("Enter your user name and password."));
        return;
    }
    m_ui->errorLabel->clear();
    setBusy(true);
    m_worker.run(
        this,
        [this, name, password, code] {
            try {
                store::Database db(m_dbPath.toStdString(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
                store::UserStore users(db, m_audit, m_clock);
                m_result = users.signIn(name, password, code);
                m_failure.clear();
            } catch (const std::exception &e) {
                m_result = {};
                m_failure = QString::fromUtf8(e.what());
            }
        },
        [this] { checked(); });
}

void SignInDialog::checked()
{
    setBusy(false);
    using Result = store::UserStore::Result;
    switch (m_result.result) {
    case Result::Ok:
        m_principal = m_result.principal;
        QDialog::accept();
        return;
    case Result::TotpRequired:
        m_ui->codeLabel->show();
        m_ui->codeEdit->show();
        m_ui->codeEdit->setFocus();
        m_ui->errorLabel->setText(tr("Enter the 6-digit code from your authenticator app."));
        return;
    case Result::BadTotp: m_ui->errorLabel->setText(tr("The code is wrong or too old.")); break;
    case Result::LockedOut:
        m_ui->errorLabel->setText(tr("Too many failed sign-ins: this user is locked until %1.")
                                      .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(m_result.lockedUntilMs).time(),
                                                              QLocale::ShortFormat)));
        break;
    case Result::Disabled: m_ui->errorLabel->setText(tr("This user is disabled: ask your administrator.")); break;
    case Result::BadCredentials:
        m_ui->errorLabel->setText(m_failure.isEmpty() ? tr("The user name or password is wrong.")
                                                      : tr("The users cannot be read: %1").arg(m_failure));
        break;
    }
    m_ui->passwordEdit->clear();
    m_ui->codeEdit->clear();
    m_ui->passwordEdit->setFocus();
}

} // namespace opsdeck::app
