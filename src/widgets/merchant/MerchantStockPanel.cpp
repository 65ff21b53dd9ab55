#include "MerchantStockPanel.h"

#include "StockModel.h"
#include "StockSettingsDialog.h"
#include "sdk/StockService.h"
#include "ui_MerchantStockPanel.h"

#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QHeaderView>
#include <QLocale>
#include <QSortFilterProxyModel>

namespace opsdeck::widgets {

MerchantStockPanel::MerchantStockPanel(sdk::StockService *stock, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::MerchantStockPanel>())
    , m_stock(stock)
    , m_model(new StockModel(this))
    , m_sorted(new QSortFilterProxyModel(this))
{
    m_ui->setupUi(this);
    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(Qt::UserRole);
    m_ui->stockView->setModel(m_sorted);
    // Worst first: out, then low, then fine.
    m_ui->stockView->sortByColumn(StockModel::State, Qt::AscendingOrder);
    m_ui->stockView->horizontalHeader()->setSectionResizeMode(StockModel::Item, QHeaderView::Stretch);
    m_chooseFile = [](QWidget *parent) {
        return QFileDialog::getSaveFileName(parent, tr("Export restock CSV"),
                                            QDir::home().filePath(QStringLiteral("restock.csv")),
                                            tr("CSV files (*.csv)"));
    };
    m_ui->exportLabel->setVisible(false);
    m_ui->exportButton->setEnabled(m_stock != nullptr);
    m_ui->settingsButton->setEnabled(m_stock != nullptr);
    connect(m_ui->settingsButton, &QPushButton::clicked, this, [this] {
        auto *dialog = new StockSettingsDialog(m_stock, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    connect(m_ui->exportButton, &QPushButton::clicked, this, &MerchantStockPanel::exportCsv);
    if (m_stock) {
        connect(m_stock, &sdk::StockService::stockChanged, this, &MerchantStockPanel::refresh);
        connect(m_stock, &sdk::StockService::exportFinished, this,
                [this](const QString &path, bool ok, qint64 rows, const QString &error) {
                    m_ui->exportButton->setEnabled(true);
                    m_ui->exportLabel->setStyleSheet(ok ? QString() : QStringLiteral("color: #b00020;"));
                    m_ui->exportLabel->setText(ok ? tr("Exported %n row(s) to %1.", nullptr, static_cast<int>(rows)).arg(path)
                                                  : tr("Could not export to %1: %2").arg(path, error));
                    emit exported(path, ok);
                });
    }
    refresh();
}

MerchantStockPanel::~MerchantStockPanel() = default;

void MerchantStockPanel::refresh()
{
    m_model->setRows(m_stock ? m_stock->stockRows() : QList<sdk::StockRow>{});
    m_ui->summaryLabel->setText(summaryText());
    m_ui->ruleLabel->setText(ruleText());
}

QString MerchantStockPanel::ruleText() const
{
    const sdk::StockSettingsValues s = m_stock ? m_stock->stockSettings() : sdk::StockSettingsValues{};
    QString text = tr("Use per hour: what the level fell by over the last 6 hours (deliveries not counted). "
                      "Low: at the reorder point or under %1 hours of cover. Restock: enough for %2 hours of cover "
                      "once the next delivery arrives (slots %3, Beijing time).")
                       .arg(s.lowCoverHours)
                       .arg(s.targetCoverHours)
                       .arg(sdk::slotListText(s.slotMinutes));
    if (m_stock && !m_stock->settingsProblem().isEmpty())
        text += QLatin1Char(' ') + m_stock->settingsProblem();
    return text;
}

void MerchantStockPanel::exportCsv()
{
    if (!m_stock)
        return;
    const QString path = m_chooseFile(this);
    if (path.isEmpty())
        return;
    m_ui->exportButton->setEnabled(false);
    m_ui->exportLabel->setVisible(true);
    m_ui->exportLabel->setStyleSheet(QString());
    m_ui->exportLabel->setText(tr("Exporting to %1…").arg(path));
    m_stock->exportCsv(path);
}

QString MerchantStockPanel::exportText() const
{
    return m_ui->exportLabel->text();
}

QString MerchantStockPanel::summaryText() const
{
    if (!m_stock)
        return tr("This console has no stock figures.");
    const QList<sdk::StockRow> &rows = m_model->rows();
    if (rows.isEmpty())
        return tr("No stock levels received yet.");
    int low = 0;
    int out = 0;
    qint64 slot = 0;
    for (const sdk::StockRow &r : rows) {
        low += r.state == QLatin1String("low");
        out += r.state == QLatin1String("out");
        slot = r.nextSlotMs;
    }
    return tr("%n item(s)", nullptr, static_cast<int>(rows.size())) + QStringLiteral(" · ")
        + tr("%1 low · %2 out · next delivery %3")
              .arg(low)
              .arg(out)
              .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(slot).time(), QLocale::ShortFormat));
}

} // namespace opsdeck::widgets
