#include "StockSettingsDialog.h"

#include "sdk/StockService.h"
#include "ui_StockSettingsDialog.h"

#include <QPushButton>

namespace opsdeck::widgets {

StockSettingsDialog::StockSettingsDialog(sdk::StockService *stock, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::StockSettingsDialog>())
    , m_stock(stock)
{
    m_ui->setupUi(this);
    const sdk::StockSettingsValues values = m_stock ? m_stock->stockSettings() : sdk::StockSettingsValues{};
    m_ui->targetSpin->setValue(values.targetCoverHours);
    m_ui->lowSpin->setValue(values.lowCoverHours);
    m_ui->slotsEdit->setText(sdk::slotListText(values.slotMinutes));
    m_ui->errorLabel->setText(m_stock ? m_stock->settingsProblem() : tr("This console keeps no stock settings."));
    m_ui->errorLabel->setVisible(!m_ui->errorLabel->text().isEmpty());
    m_ui->buttons->button(QDialogButtonBox::Ok)->setEnabled(m_stock != nullptr);
    connect(m_ui->buttons, &QDialogButtonBox::accepted, this, &StockSettingsDialog::accept);
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &StockSettingsDialog::reject);
}

StockSettingsDialog::~StockSettingsDialog() = default;

QString StockSettingsDialog::errorText() const
{
    return m_ui->errorLabel->text();
}

void StockSettingsDialog::accept()
{
    if (!m_stock)
        return;
    sdk::StockSettingsValues values;
    values.targetCoverHours = m_ui->targetSpin->value();
    values.lowCoverHours = m_ui->lowSpin->value();
    QString problem;
    values.slotMinutes = sdk::parseSlotList(m_ui->slotsEdit->text(), &problem);
    if (problem.isEmpty())
        problem = m_stock->applyStockSettings(values);
    if (!problem.isEmpty()) {
        // Refused: nothing kept, the dialog stays open with the reason.
        m_ui->errorLabel->setText(problem);
        m_ui->errorLabel->setVisible(true);
        return;
    }
    QDialog::accept();
}

} // namespace opsdeck::widgets
