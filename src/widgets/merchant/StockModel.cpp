#include "StockModel.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QLocale>

#include <algorithm>

namespace opsdeck::widgets {

namespace {
bool sameItem(const sdk::StockRow &a, const sdk::StockRow &b)
{
    return a.merchant == b.merchant && a.depot == b.depot && a.sku == b.sku;
}

QString number(double value)
{
    return QLocale().toString(value, 'f', value == static_cast<qint64>(value) ? 0 : 1);
}
} // namespace

bool isOwnStockAlert(const QString &subjectKind, const QString &subject, const QString &merchant)
{
    return !merchant.isEmpty() && subjectKind == QLatin1String("sku") && subject.endsWith(QLatin1Char('@') + merchant);
}

StockModel::StockModel(QObject *parent) : QAbstractTableModel(parent) {}

void StockModel::setRows(const QList<sdk::StockRow> &rows)
{
    const bool sameShape = rows.size() == m_rows.size()
        && std::equal(rows.begin(), rows.end(), m_rows.begin(), sameItem);
    if (!sameShape) {
        beginResetModel();
        m_rows = rows;
        endResetModel();
        return;
    }
    m_rows = rows;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(static_cast<int>(m_rows.size()) - 1, ColumnCount - 1));
}

int StockModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int StockModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString StockModel::stateText(const QString &state)
{
    if (state == QLatin1String("out"))
        return tr("Out of stock");
    if (state == QLatin1String("low"))
        return tr("Low");
    return tr("OK");
}

QString StockModel::coverText(double coverHours)
{
    if (coverHours < 0)
        return tr("no recent use");
    if (coverHours >= 48.0)
        return tr("%1 days").arg(QLocale().toString(coverHours / 24.0, 'f', 1));
    return tr("%1 h").arg(QLocale().toString(coverHours, 'f', 1));
}

QVariant StockModel::display(const sdk::StockRow &row, int column) const
{
    switch (column) {
    case Item: return row.name.isEmpty() ? row.sku : tr("%1 (%2)").arg(row.name, row.sku);
    case Depot: return row.depot;
    case Level: return row.unit.isEmpty() ? number(row.level) : tr("%1 %2").arg(number(row.level), row.unit);
    case PerHour: return tr("%1 / h").arg(QLocale().toString(row.perHour, 'f', 1));
    case Cover: return coverText(row.coverHours);
    case State: return stateText(row.state);
    case Restock: return row.suggestQty > 0 ? number(row.suggestQty) : QStringLiteral("—");
    default: return {};
    }
}

QVariant StockModel::sortValue(const sdk::StockRow &row, int column) const
{
    switch (column) {
    case Item: return row.name.isEmpty() ? row.sku : row.name;
    case Depot: return row.depot;
    case Level: return row.level;
    case PerHour: return row.perHour;
    case Cover: return row.coverHours < 0 ? 1e12 : row.coverHours; // unbounded sorts last
    case State: return row.state == QLatin1String("out") ? 0 : row.state == QLatin1String("low") ? 1 : 2;
    case Restock: return row.suggestQty;
    default: return {};
    }
}

QVariant StockModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const sdk::StockRow &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return display(row, index.column());
    case Qt::UserRole: return sortValue(row, index.column());
    case Qt::TextAlignmentRole:
        return index.column() >= Level && index.column() != State ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::ForegroundRole:
        if (index.column() == State && row.state != QLatin1String("ok"))
            return QBrush(row.state == QLatin1String("out") ? QColor(0xc0, 0x39, 0x2b) : QColor(0xb9, 0x77, 0x0e));
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Restock && row.suggestQty > 0)
            return tr("Order %1 for the delivery at %2 to hold the target cover after it arrives")
                .arg(number(row.suggestQty), QLocale().toString(QDateTime::fromMSecsSinceEpoch(row.nextSlotMs), QLocale::ShortFormat));
        return {};
    default: return {};
    }
}

QVariant StockModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Item: return tr("Item");
    case Depot: return tr("Depot");
    case Level: return tr("Level");
    case PerHour: return tr("Use");
    case Cover: return tr("Cover");
    case State: return tr("State");
    case Restock: return tr("Restock");
    default: return {};
    }
}

} // namespace opsdeck::widgets
