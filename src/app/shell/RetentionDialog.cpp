#include "RetentionDialog.h"

#include "ui_RetentionDialog.h"

#include <QPushButton>
#include <QSettings>

namespace opsdeck::app {

RetentionDialog::RetentionDialog(QSettings &settings, Apply apply, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::RetentionDialog>()), m_settings(settings), m_apply(std::move(apply))
{
    m_ui->setupUi(this);
    const RetentionSettings current = readRetentionSettings(m_settings, nullptr);
    m_ui->eventDaysEdit->setText(retentionDaysText(current.eventRetentionMs));
    m_ui->positionHoursEdit->setText(retentionHoursText(current.positionRetentionMs));
    m_ui->personalDaysEdit->setText(retentionDaysText(current.personalRetentionMs));
    m_ui->errorLabel->setVisible(false);
    connect(m_ui->eventDaysEdit, &QLineEdit::textChanged, this, [this] { validate(); });
    connect(m_ui->positionHoursEdit, &QLineEdit::textChanged, this, [this] { validate(); });
    connect(m_ui->personalDaysEdit, &QLineEdit::textChanged, this, [this] { validate(); });
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &RetentionDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &RetentionDialog::reject);
    validate();
}

RetentionDialog::~RetentionDialog() = default;

QString RetentionDialog::problem() const
{
    return m_ui->errorLabel->isHidden() ? QString() : m_ui->errorLabel->text();
}

std::optional<RetentionSettings> RetentionDialog::validate()
{
    QString eventError, positionError, personalError;
    const auto events = parseEventRetentionDays(m_ui->eventDaysEdit->text(), &eventError);
    const auto positions = parsePositionRetentionHours(m_ui->positionHoursEdit->text(), &positionError);
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
    const auto values = validate();
    if (!values) // Return in a field with a bad value: stay, the reason is shown
        return;
    writeRetentionSettings(m_settings, *values);
    m_settings.sync();
    if (m_apply)
        m_apply(*values);
    QDialog::accept();
}

} // namespace opsdeck::app
