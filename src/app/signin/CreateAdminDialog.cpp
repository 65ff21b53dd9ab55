#include "CreateAdminDialog.h"

#include "ui_CreateAdminDialog.h"

#include "store/db/Sqlite.h"

#include <QPushButton>

namespace opsdeck::app {

CreateAdminDialog::CreateAdminDialog(QString dbPath, core::audit::AuditSink &audit, store::UserStore::Clock clock,
                                     QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::CreateAdminDialog>())
    , m_dbPath(std::move(dbPath))
    , m_audit(audit)
    , m_clock(std::move(clock))
{
    m_ui->setupUi(this);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("Create and sign in"));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &CreateAdminDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &CreateAdminDialog::reject);
}

CreateAdminDialog::~CreateAdminDialog() = default;

QString CreateAdminDialog::error() const
{
    return m_ui->errorLabel->text();
}

void CreateAdminDialog::setBusy(bool busy)
{
    m_ui->statusLabel->setText(busy ? tr("Checking…") : QString());
    for (QWidget *w : {static_cast<QWidget *>(m_ui->nameEdit), static_cast<QWidget *>(m_ui->passwordEdit),
                       static_cast<QWidget *>(m_ui->repeatEdit)})
        w->setEnabled(!busy);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(!busy);
}

void CreateAdminDialog::accept()
{
    if (m_worker.busy())
        return;
    const std::string name = m_ui->nameEdit->text().trimmed().toStdString();
    const std::string password = m_ui->passwordEdit->text().toStdString();
    if (m_ui->passwordEdit->text() != m_ui->repeatEdit->text()) {
        m_ui->errorLabel->setText(tr("The two passwords differ."));
        return;
    }
    m_ui->errorLabel->clear();
    setBusy(true);
    m_worker.run(
        this,
        [this, name, password] {
            try {
                store::Database db(m_dbPath.toStdString(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
                store::UserStore users(db, m_audit, m_clock);
                if (users.hasUsers())
                    throw store::UserStore::Invalid("an administrator exists already: sign in instead");
                core::access::Principal self;
                self.user = name;
                self.role = "admin";
                users.add({name, "admin", {}, {}}, password, self);
                m_result = users.signIn(name, password, {});
                m_failure.clear();
            } catch (const std::exception &e) {
                m_result = {};
                m_failure = QString::fromUtf8(e.what());
            }
        },
        [this] { created(); });
}

void CreateAdminDialog::created()
{
    setBusy(false);
    if (m_result.result == store::UserStore::Result::Ok) {
        m_principal = m_result.principal;
        QDialog::accept();
        return;
    }
    // UserStore's reasons are English sentences for the command line too.
    m_ui->errorLabel->setText(tr("The administrator was not created: %1").arg(m_failure));
}

} // namespace opsdeck::app
