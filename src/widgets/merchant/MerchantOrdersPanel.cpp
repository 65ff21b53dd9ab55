#include "MerchantOrdersPanel.h"

#include "widgets/board/BoardModel.h"
#include "widgets/board/OrderKanbanBoard.h"
#include "widgets/board/RiderDropModel.h"
#include "ui_MerchantOrdersPanel.h"

#include <QLoggingCategory>
#include <QSettings>
#include <QVBoxLayout>

#include <algorithm>

namespace opsdeck::widgets {

Q_LOGGING_CATEGORY(lcMerchantPanel, "opsdeck.widgets.merchant")

MerchantOrdersPanel::MerchantOrdersPanel(CurrentOrders currentOrders, QSettings *settings, QString userName,
                                         bool masked, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::MerchantOrdersPanel>())
    , m_currentOrders(std::move(currentOrders))
    , m_settings(settings)
    , m_userName(std::move(userName))
{
    m_ui->setupUi(this);
    m_model = new BoardModel(this);
    m_riders = new RiderDropModel(this); // stays empty: nothing to drop on
    m_board = new OrderKanbanBoard(m_model, m_riders, settings, m_userName, m_ui->boardHost);
    auto *layout = new QVBoxLayout(m_ui->boardHost);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_board);
    m_board->setRidersPanelVisible(false);
    connect(m_board, &OrderKanbanBoard::orderActivated, this, &MerchantOrdersPanel::orderActivated);
    connect(m_model, &BoardModel::batchApplied, this, &MerchantOrdersPanel::updateSummary);
    m_ui->privacyLabel->setText(masked ? tr("Customer details are masked for this role.") : QString());

    m_ui->merchantCombo->addItem(tr("Choose your merchant…"), QString());
    const QList<sdk::OrderRow> all = m_currentOrders ? m_currentOrders() : QList<sdk::OrderRow>{};
    noteMerchants(all);
    const QString saved = m_settings ? m_settings->value(settingsKey()).toString() : QString();
    connect(m_ui->merchantCombo, &QComboBox::currentIndexChanged, this,
            [this] { setMerchant(m_ui->merchantCombo->currentData().toString()); });
    if (!saved.isEmpty())
        setMerchant(saved);
    updateSummary();
}

MerchantOrdersPanel::~MerchantOrdersPanel() = default;

QString MerchantOrdersPanel::settingsKey() const
{
    return QStringLiteral("merchant/%1/id").arg(m_userName.isEmpty() ? QStringLiteral("_") : m_userName);
}

void MerchantOrdersPanel::setSearch(sdk::OrderSearch *search)
{
    // Search results are ids; the board intersects them with the orders it holds, so a
    // match from another merchant never shows.
    m_board->setSearch(search);
}

QStringList MerchantOrdersPanel::knownMerchants() const
{
    QStringList ids(m_known.cbegin(), m_known.cend());
    std::sort(ids.begin(), ids.end());
    return ids;
}

void MerchantOrdersPanel::noteMerchants(const QList<sdk::OrderRow> &rows)
{
    QStringList fresh;
    for (const sdk::OrderRow &r : rows)
        if (!r.merchantId.isEmpty() && !m_known.contains(r.merchantId)) {
            m_known.insert(r.merchantId);
            fresh.append(r.merchantId);
        }
    if (fresh.isEmpty())
        return;
    std::sort(fresh.begin(), fresh.end());
    QSignalBlocker block(m_ui->merchantCombo);
    for (const QString &id : fresh) {
        // Keep the list sorted after the placeholder (item 0).
        int at = 1;
        while (at < m_ui->merchantCombo->count() && m_ui->merchantCombo->itemData(at).toString() < id)
            ++at;
        m_ui->merchantCombo->insertItem(at, id, id);
    }
}

QList<sdk::OrderRow> MerchantOrdersPanel::ofMerchant(const QList<sdk::OrderRow> &rows) const
{
    QList<sdk::OrderRow> mine;
    if (m_merchant.isEmpty())
        return mine;
    for (const sdk::OrderRow &r : rows)
        if (r.merchantId == m_merchant)
            mine.append(r);
    return mine;
}

void MerchantOrdersPanel::enqueue(const QList<sdk::OrderRow> &rows)
{
    noteMerchants(rows);
    const QList<sdk::OrderRow> mine = ofMerchant(rows);
    if (!mine.isEmpty())
        m_model->enqueue(mine);
}

void MerchantOrdersPanel::setMerchant(const QString &merchantId)
{
    if (merchantId == m_merchant)
        return;
    m_merchant = merchantId;
    qCInfo(lcMerchantPanel) << "merchant" << merchantId << "for" << m_userName;
    if (m_settings && !merchantId.isEmpty())
        m_settings->setValue(settingsKey(), merchantId);
    {
        QSignalBlocker block(m_ui->merchantCombo);
        int index = m_ui->merchantCombo->findData(merchantId);
        if (index < 0 && !merchantId.isEmpty()) {
            m_known.insert(merchantId); // a saved merchant with no order yet today
            m_ui->merchantCombo->addItem(merchantId, merchantId);
            index = m_ui->merchantCombo->count() - 1;
        }
        m_ui->merchantCombo->setCurrentIndex(std::max(0, index));
    }
    m_model->reset(ofMerchant(m_currentOrders ? m_currentOrders() : QList<sdk::OrderRow>{}));
    updateSummary();
}

void MerchantOrdersPanel::setSignedInMerchant(const QString &merchantId)
{
    m_ui->merchantCombo->hide();
    m_ui->merchantLabel->setText(merchantId.isEmpty() ? tr("No merchant is set for this user.")
                                                      : tr("Merchant: %1").arg(merchantId));
    m_settings = nullptr; // nothing to remember: sign-in says who it is
    setMerchant(merchantId);
    if (merchantId.isEmpty()) {
        m_merchant.clear();
        m_model->reset({});
    }
}

void MerchantOrdersPanel::updateSummary()
{
    m_ui->summaryLabel->setText(m_merchant.isEmpty() ? tr("Pick the merchant whose orders you follow.")
                                                     : tr("%n order(s) today", nullptr, m_model->rowCount()));
}

} // namespace opsdeck::widgets
