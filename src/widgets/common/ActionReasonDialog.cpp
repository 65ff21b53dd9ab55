#include "ActionReasonDialog.h"

#include "sdk/CodeLabels.h"
#include "ui_ActionReasonDialog.h"

#include <QPushButton>

namespace opsdeck::widgets {

ActionReasonDialog::ActionReasonDialog(const QString &prompt, const QStringList &suggestions,
                                       const QStringList &orderIds, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::ActionReasonDialog>())
{
    m_ui->setupUi(this);
    m_ui->promptLabel->setText(prompt);
    // Suggested reasons are codes (they go on the wire): shown in words, sent as codes.
    for (const QString &code : suggestions)
        m_ui->reasonCombo->addItem(sdk::codeLabel(sdk::CodeFamily::Reason, code), code);
    m_ui->ordersLabel->setText(orderIds.size() <= 5 ? orderIds.join(QLatin1String(", "))
                                                    : tr("%n orders", nullptr, static_cast<int>(orderIds.size())));
    const auto updateOk = [this] {
        m_ui->buttons->button(QDialogButtonBox::Ok)->setEnabled(!reason().isEmpty());
    };
    connect(m_ui->reasonCombo, &QComboBox::currentTextChanged, this, updateOk);
    updateOk();
}

ActionReasonDialog::~ActionReasonDialog() = default;

QString ActionReasonDialog::reason() const
{
    const QString text = m_ui->reasonCombo->currentText().trimmed();
    const int suggested = m_ui->reasonCombo->findText(text);
    return suggested >= 0 ? m_ui->reasonCombo->itemData(suggested).toString() : text; // else typed by the user
}

void ActionReasonDialog::setReason(const QString &reason)
{
    m_ui->reasonCombo->setCurrentText(reason);
}

} // namespace opsdeck::widgets
