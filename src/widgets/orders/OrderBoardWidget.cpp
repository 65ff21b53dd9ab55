#include "OrderBoardWidget.h"

#include "OrderFilterProxyModel.h"
#include "widgets/common/OrderStateStyle.h"
#include "OrderTableModel.h"
#include "sdk/Rows.h"
#include "ui_OrderBoardWidget.h"

#include <QHeaderView>
#include <QLocale>
#include <QTimer>

namespace opsdeck::widgets {

namespace {
const QString kActiveKey = QStringLiteral("active");
}

OrderBoardWidget::OrderBoardWidget(OrderTableModel *model, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::OrderBoardWidget>())
    , m_model(model)
    , m_proxy(new OrderFilterProxyModel(model, this))
    , m_ageTimer(new QTimer(this))
{
    m_ui->setupUi(this);
    // The board uses all the width it is given; side panels keep their size hint.
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    auto *table = m_ui->tableView;
    table->setModel(m_proxy);
    // Fixed row heights and no per-row header: nothing scales with the row count.
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    table->horizontalHeader()->setHighlightSections(false);
    const int charWidth = fontMetrics().averageCharWidth();
    const int widths[OrderTableModel::ColumnCount] = {11, 15, 10, 8, 8, 24, 7, 9, 9, 9, 9};
    for (int c = 0; c < OrderTableModel::ColumnCount; ++c)
        table->setColumnWidth(c, widths[c] * charWidth + 16);
    // Order ids are 16 digits and letters, wider than "average" characters: measure one.
    table->setColumnWidth(OrderTableModel::OrderIdColumn,
                          fontMetrics().horizontalAdvance(QStringLiteral("DD261122000000000000")) + 16);
    table->sortByColumn(OrderTableModel::UpdatedColumn, Qt::DescendingOrder);

    populateStateCombo();
    connect(m_ui->filterEdit, &QLineEdit::textChanged, m_proxy, &OrderFilterProxyModel::setText);
    connect(m_ui->stateCombo, &QComboBox::currentIndexChanged, this, &OrderBoardWidget::applyStateCombo);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &OrderBoardWidget::updateCount);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &OrderBoardWidget::updateCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &OrderBoardWidget::updateCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &OrderBoardWidget::updateCount);

    // "In state" ages with the clock, not with events: repainting the visible rows once
    // a second re-asks data() for them only, instead of signalling 100k rows.
    m_ageTimer->setInterval(1000);
    connect(m_ageTimer, &QTimer::timeout, table->viewport(), qOverload<>(&QWidget::update));
    m_ageTimer->start();
    updateCount();
}

OrderBoardWidget::~OrderBoardWidget() = default;

QTableView *OrderBoardWidget::tableView() const
{
    return m_ui->tableView;
}

void OrderBoardWidget::populateStateCombo()
{
    auto *combo = m_ui->stateCombo;
    combo->addItem(tr("All states"), QString());
    combo->addItem(tr("Active (not final)"), kActiveKey);
    for (const auto &state : sdk::orderStates())
        combo->addItem(stateIcon(state), stateLabel(state), state);
}

void OrderBoardWidget::setStateFilter(const QString &key)
{
    const int i = m_ui->stateCombo->findData(key);
    m_ui->stateCombo->setCurrentIndex(i < 0 ? 0 : i);
    applyStateCombo();
}

void OrderBoardWidget::setTextFilter(const QString &text)
{
    m_ui->filterEdit->setText(text);
}

bool OrderBoardWidget::selectOrder(const QString &orderId)
{
    QTableView *view = m_ui->tableView;
    const int row = m_model->rowOf(orderId);
    const QModelIndex index = row < 0 ? QModelIndex() : m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid()) {
        view->clearSelection();
        return false;
    }
    view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    view->scrollTo(index);
    return true;
}

void OrderBoardWidget::applyStateCombo()
{
    const QString key = m_ui->stateCombo->currentData().toString();
    QSet<QString> states;
    if (key == kActiveKey) {
        for (const auto &state : sdk::orderStates()) {
            if (!sdk::isFinalState(state))
                states.insert(state);
        }
    } else if (!key.isEmpty()) {
        states.insert(key);
    }
    m_proxy->setStates(states);
    updateCount();
}

void OrderBoardWidget::updateCount()
{
    const QLocale locale;
    m_ui->countLabel->setText(tr("%1 of %2 orders")
                                  .arg(locale.toString(m_proxy->rowCount()), locale.toString(m_model->rowCount())));
}

} // namespace opsdeck::widgets
