#include "RiderPickerDialog.h"

#include "RiderDropModel.h"
#include "RiderSortProxy.h"

#include "ui_RiderPickerDialog.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QPushButton>

#include <algorithm>

namespace opsdeck::widgets {

RiderPickerDialog::RiderPickerDialog(RiderDropModel *riders, const sdk::OrderRow &order, int orderCount,
                                     QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::RiderPickerDialog>()), m_proxy(new RiderSortProxy(riders, this))
{
    m_ui->setupUi(this);
    m_proxy->setHideOffline(true);
    QTableView *table = m_ui->ridersTable;
    table->setModel(m_proxy);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setSectionResizeMode(RiderDropModel::RiderColumn, QHeaderView::Stretch);
    for (int c = RiderDropModel::StatusColumn; c < RiderDropModel::ColumnCount; ++c)
        table->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    const QString where = order.depot.isEmpty() ? QString() : tr(" (depot %1)").arg(order.depot);
    m_ui->promptLabel->setText(orderCount > 1
                                   ? tr("Reassign %1 and %n more order(s)%2 to:", nullptr, orderCount - 1)
                                         .arg(order.orderId, where)
                                   : tr("Reassign %1%2 to:").arg(order.orderId, where));
    setWindowTitle(tr("Reassign %1").arg(order.orderId));
    m_ui->searchEdit->installEventFilter(this);
    m_ui->searchEdit->setFocus();
    connect(m_ui->searchEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setSearchText(text);
        if (text.trimmed().isEmpty())
            m_ui->ridersTable->selectionModel()->clear(); // an empty box chooses nobody again
        else
            highlightFirst();
        updateOk();
    });
    connect(table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RiderPickerDialog::updateOk);
    connect(table, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.isValid())
            accept();
    });
    // The Ok button is the default, so Enter in the box or the table picks the
    // highlighted rider; disabled while nobody is highlighted, Enter then does nothing.
    m_ui->buttons->button(QDialogButtonBox::Ok)->setDefault(true);
    table->clearSelection();
    table->setCurrentIndex({});
    updateOk();
}

RiderPickerDialog::~RiderPickerDialog() = default;

QTableView *RiderPickerDialog::table() const
{
    return m_ui->ridersTable;
}

QString RiderPickerDialog::riderId() const
{
    const QModelIndexList rows = m_ui->ridersTable->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(RiderDropModel::RiderIdRole).toString();
}

void RiderPickerDialog::highlightFirst()
{
    QTableView *table = m_ui->ridersTable;
    if (m_proxy->rowCount() == 0) {
        table->selectionModel()->clear();
        return;
    }
    const QModelIndex first = m_proxy->index(0, 0);
    table->selectionModel()->setCurrentIndex(first, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    table->scrollTo(first);
}

void RiderPickerDialog::updateOk()
{
    m_ui->buttons->button(QDialogButtonBox::Ok)->setEnabled(!riderId().isEmpty());
}

bool RiderPickerDialog::eventFilter(QObject *watched, QEvent *event)
{
    // Arrows in the search box move the highlight in the table, so the hands stay on
    // the keys: type, arrow down, Enter.
    if (watched == m_ui->searchEdit && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Down || key->key() == Qt::Key_Up || key->key() == Qt::Key_PageDown
            || key->key() == Qt::Key_PageUp) {
            QTableView *table = m_ui->ridersTable;
            if (m_proxy->rowCount() == 0)
                return true;
            const QModelIndex current = table->selectionModel()->currentIndex();
            int row = current.isValid() && table->selectionModel()->isSelected(current) ? current.row() : -1;
            const int step = key->key() == Qt::Key_PageDown || key->key() == Qt::Key_PageUp ? 10 : 1;
            row += key->key() == Qt::Key_Down || key->key() == Qt::Key_PageDown ? step : -step;
            row = std::clamp(row, 0, m_proxy->rowCount() - 1);
            const QModelIndex next = m_proxy->index(row, 0);
            table->selectionModel()->setCurrentIndex(next, QItemSelectionModel::ClearAndSelect
                                                               | QItemSelectionModel::Rows);
            table->scrollTo(next);
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace opsdeck::widgets
