#include "RetentionDialog.h"

#include "ui_RetentionDialog.h"

#include <QPushButton>
#include <QSettings>

namespace opsdeck::app {

RetentionDialog::RetentionDialog(QSettings &settings, Apply apply, PersonalAccess access, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::RetentionDialog>())
    , m_settings(settings)
    , m_apply(std::move(apply))
    , m_access(std::move(access))
{
    m_ui->setupUi(this);
    const RetentionSettings current = readRetentionSettings(m_settings, nullptr);
    m_ui->eventDaysEdit->setText(retentionDaysText(current.eventRetentionMs));
    m_ui->positionHoursEdit->setText(retentionHoursText(current.positionRetentionMs));
    m_personalMs = current.personalRetentionMs;
    m_ui->personalDaysEdit->setText(retentionDaysText(current.personalRetentionMs));
    m_ui->personalDaysEdit->setVisible(mayEditPersonal());
    m_ui->personalDaysLabel->setVisible(mayEditPersonal());
    m_ui->errorLabel->setVisible(false);
    connect(m_ui->eventDaysEdit, &QLineEdit::textChanged, this, [this] { validate(); });
    connect(m_ui->positionHoursEdit, &QLineEdit::textChanged, this, [this] { validate(); });
    connect(m_ui->personalDaysEdit, &QLineEdit::textChanged, this, [this] { validate(); });
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &RetentionDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &RetentionDialog::reject);
    validate();
}

RetentionDialog::~RetentionDialog() = default;

bool RetentionDialog::mayEditPersonal() const
{
    return m_access.guard && m_access.guard->allows(core::access::Permission::ErasePersonalData).allowed();
}

bool RetentionDialog::personalChangeAllowed(std::int64_t fromMs, std::int64_t toMs)
{
    const std::string target = retentionDaysText(toMs).toStdString();
    if (!m_access.guard
        || !m_access.guard
                ->require(core::access::Permission::ErasePersonalData, m_access.guard->ownScope(),
                          "retention.personal_data", target)
                .allowed())
        return false;
    if (m_access.audit) {
        core::audit::AuditRecord record;
        record.atMs = m_access.nowMs ? m_access.nowMs() : 0;
        record.user = m_access.guard->principal().user;
        record.role = m_access.guard->principal().role;
        record.action = "retention.personal_data";
        record.target = target;
        record.outcome = "ok";
        record.permission = "erase_personal_data";
        record.detailJson = "{\"from_days\":" + retentionDaysText(fromMs).toStdString() + ",\"to_days\":" + target
            + ",\"origin\":\"console\"}";
        m_access.audit->append(std::move(record));
    }
    return true;
}

QString RetentionDialog::problem() const
{
    return m_ui->errorLabel->isHidden() ? QString() : m_ui->errorLabel->text();
}

std::optional<RetentionSettings> RetentionDialog::validate()
{
    QString eventError, positionError, personalError;
    const auto events = parseEventRetentionDays(m_ui->eventDaysEdit->text(), &eventError);
    const auto positions = parsePositionRetentionHours(m_ui->positionHoursEdit->text(), &positionError);
    // Hidden without the permission, it holds the file's value; accept() checks a change.
    const auto personal = parsePersonalRetentionDays(m_ui->personalDaysEdit->text(), &personalError);
    QStringList problems;
    if (!events)
        problems << eventError;
    if (!positions)
        problems << positionError;
    if (!personal)
        problems << personalError;
    m_ui->errorLabel->setText(problems.join(QLatin1Char('\n')));
    m_ui->errorLabel->setVisible(!problems.isEmpty());
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(problems.isEmpty());
    if (!problems.isEmpty())
        return std::nullopt;
    return RetentionSettings{*events, *positions, *personal};
}

void RetentionDialog::accept()
{
    auto values = validate();
    if (!values) // Return in a field with a bad value: stay, the reason is shown
        return;
    if (values->personalRetentionMs != m_personalMs && !personalChangeAllowed(m_personalMs, values->personalRetentionMs))
        values->personalRetentionMs = m_personalMs; // refused: the rest is still saved
    writeRetentionSettings(m_settings, *values);
    m_settings.sync();
    if (m_apply)
        m_apply(*values);
    QDialog::accept();
}

} // namespace opsdeck::app
