#include "OrderTableModel.h"

#include "widgets/common/OrderStateStyle.h"

#include <QBrush>
#include <QDateTime>
#include <QFont>
#include <QMetaObject>

#include <algorithm>

namespace opsdeck::widgets {

Q_LOGGING_CATEGORY(lcOrderModel, "opsdeck.widgets.ordermodel")

namespace {

QString clockTime(qint64 ms)
{
    if (ms <= 0)
        return QString();
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss"));
}

QString fullTime(qint64 ms)
{
    if (ms <= 0)
        return QString();
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString duration(qint64 ms)
{
    if (ms < 0)
        ms = 0;
    const qint64 s = ms / 1000;
    if (s < 60)
        return OrderTableModel::tr("%1s").arg(s);
    if (s < 3600)
        return OrderTableModel::tr("%1m %2s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return OrderTableModel::tr("%1h %2m").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
}

} // namespace

OrderTableModel::OrderTableModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
}

OrderTableModel::~OrderTableModel() = default;

void OrderTableModel::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

int OrderTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int OrderTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OrderTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &row = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, index.column());
    case Qt::ToolTipRole:
        switch (index.column()) {
        case StateColumn:
            return row.lastReason.isEmpty() ? stateLabel(row.state)
                                            : tr("%1 (%2)").arg(stateLabel(row.state), row.lastReason);
        case PromisedColumn: return fullTime(row.promisedAtMs);
        case EtaColumn: return fullTime(row.etaMs);
        case UpdatedColumn: return fullTime(row.updatedAtMs);
        case CustomerColumn: return row.address;
        default: return {};
        }
    case Qt::ForegroundRole:
        return foregroundData(row, index.column());
    case Qt::DecorationRole:
        return index.column() == StateColumn ? QVariant(stateIcon(row.state)) : QVariant();
    case Qt::FontRole:
        if (index.column() == StateColumn && row.state == QLatin1String("EXCEPTION")) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case SortRole:
        return sortData(row, index.column());
    case StateRole:
        return row.state;
    case OrderIdRole:
        return row.orderId;
    default:
        return {};
    }
}

QVariant OrderTableModel::displayData(const sdk::OrderRow &row, int column) const
{
    switch (column) {
    case OrderIdColumn: return row.orderId;
    case StateColumn: return stateLabel(row.state);
    case DepotColumn: return row.depot;
    case ChannelColumn: return channelLabel(row.channel);
    case MerchantColumn: return row.merchantId;
    case CustomerColumn:
        if (row.customerPhone.isEmpty())
            return row.customerName;
        return tr("%1 · %2").arg(row.customerName, row.customerPhone);
    case RiderColumn: return row.riderId;
    case PromisedColumn: return clockTime(row.promisedAtMs);
    case EtaColumn: return clockTime(row.etaMs);
    case InStateColumn:
        return row.stateSinceMs > 0 ? duration(m_clock() - row.stateSinceMs) : QString();
    case UpdatedColumn: return clockTime(row.updatedAtMs);
    default: return {};
    }
}

QVariant OrderTableModel::sortData(const sdk::OrderRow &row, int column) const
{
    switch (column) {
    case StateColumn: return sdk::orderStates().indexOf(row.state);
    case PromisedColumn: return row.promisedAtMs;
    case EtaColumn: return row.etaMs;
    // Longest in state first when sorted descending: sort by entry time, inverted.
    case InStateColumn: return -row.stateSinceMs;
    case UpdatedColumn: return row.updatedAtMs;
    default: return displayData(row, column);
    }
}

QVariant OrderTableModel::foregroundData(const sdk::OrderRow &row, int column) const
{
    if (column == StateColumn)
        return QBrush(stateColor(row.state));
    // A live order past its promise (or expected after it) is what a dispatcher hunts for.
    if ((column == PromisedColumn || column == EtaColumn) && !sdk::isFinalState(row.state)
        && row.promisedAtMs > 0) {
        const qint64 when = column == PromisedColumn ? m_clock() : row.etaMs;
        if (when > row.promisedAtMs)
            return QBrush(QColor(0xcf222e));
    }
    return {};
}

QVariant OrderTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case OrderIdColumn: return tr("Order");
    case StateColumn: return tr("State");
    case DepotColumn: return tr("Depot");
    case ChannelColumn: return tr("Channel");
    case MerchantColumn: return tr("Merchant");
    case CustomerColumn: return tr("Customer");
    case RiderColumn: return tr("Rider");
    case PromisedColumn: return tr("Promised");
    case EtaColumn: return tr("ETA");
    case InStateColumn: return tr("In state");
    case UpdatedColumn: return tr("Updated");
    default: return {};
    }
}

void OrderTableModel::enqueue(const QList<sdk::OrderRow> &rows)
{
    for (const auto &row : rows) {
        const int existing = m_index.value(row.orderId, -1);
        if (existing >= 0) {
            m_pendingChanged.insert(existing, row); // latest value wins
            continue;
        }
        const auto pending = m_pendingNewIndex.constFind(row.orderId);
        if (pending != m_pendingNewIndex.constEnd()) {
            m_pendingNew[static_cast<std::size_t>(*pending)] = row;
            continue;
        }
        m_pendingNewIndex.insert(row.orderId, static_cast<int>(m_pendingNew.size()));
        m_pendingNew.push_back(row);
    }
    if (hasPending())
        scheduleFlush();
}

void OrderTableModel::scheduleFlush()
{
    if (m_flushScheduled)
        return;
    m_flushScheduled = true;
    QMetaObject::invokeMethod(this, &OrderTableModel::flush, Qt::QueuedConnection);
}

void OrderTableModel::flush()
{
    m_flushScheduled = false;
    const int changed = static_cast<int>(m_pendingChanged.size());
    const int inserted = static_cast<int>(m_pendingNew.size());
    if (changed == 0 && inserted == 0)
        return;

    if (changed > 0) {
        QList<int> rows;
        rows.reserve(changed);
        for (auto it = m_pendingChanged.begin(); it != m_pendingChanged.end(); ++it) {
            auto &slot = m_rows[static_cast<std::size_t>(it.key())];
            if (slot.state != it->state) {
                countState(slot.state, -1);
                countState(it->state, +1);
            }
            slot = std::move(*it);
            rows.append(it.key());
        }
        m_pendingChanged.clear();
        std::sort(rows.begin(), rows.end());

        // Coalesce into runs of adjacent rows; too many runs -> one span.
        QList<std::pair<int, int>> runs;
        for (int r : rows) {
            if (!runs.isEmpty() && runs.last().second + 1 == r)
                runs.last().second = r;
            else
                runs.append({r, r});
        }
        if (runs.size() > kMaxChangedRuns)
            runs = {{rows.first(), rows.last()}};
        for (const auto &[first, last] : runs)
            emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
    }

    if (inserted > 0) {
        const int first = static_cast<int>(m_rows.size());
        // last is first + n - 1: one past that is the off-by-one views trip over.
        beginInsertRows(QModelIndex(), first, first + inserted - 1);
        m_rows.reserve(m_rows.size() + m_pendingNew.size());
        for (auto &row : m_pendingNew) {
            m_index.insert(row.orderId, static_cast<int>(m_rows.size()));
            countState(row.state, +1);
            m_rows.push_back(std::move(row));
        }
        m_pendingNew.clear();
        m_pendingNewIndex.clear();
        endInsertRows();
    }
    qCDebug(lcOrderModel) << "flushed" << inserted << "new," << changed << "changed, rows" << m_rows.size();
    emit flushed(inserted, changed);
}

void OrderTableModel::reset(const QList<sdk::OrderRow> &rows)
{
    beginResetModel();
    m_rows.clear();
    m_index.clear();
    m_stateCounts.clear();
    m_pendingNew.clear();
    m_pendingNewIndex.clear();
    m_pendingChanged.clear();
    m_rows.reserve(static_cast<std::size_t>(rows.size()));
    for (const auto &row : rows) {
        const int existing = m_index.value(row.orderId, -1);
        if (existing >= 0) { // duplicate id in the input: keep the later value
            countState(m_rows[static_cast<std::size_t>(existing)].state, -1);
            m_rows[static_cast<std::size_t>(existing)] = row;
        } else {
            m_index.insert(row.orderId, static_cast<int>(m_rows.size()));
            m_rows.push_back(row);
        }
        countState(row.state, +1);
    }
    endResetModel();
    emit flushed(static_cast<int>(m_rows.size()), 0);
}

void OrderTableModel::countState(const QString &state, int delta)
{
    int &n = m_stateCounts[state];
    n += delta;
    if (n == 0)
        m_stateCounts.remove(state);
}

} // namespace opsdeck::widgets
