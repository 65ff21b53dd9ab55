#include "BoardColumnModel.h"

#include <QDateTime>
#include <QMimeData>

#include <algorithm>

namespace opsdeck::widgets {

BoardColumnModel::BoardColumnModel(BoardModel *source, QString state, QObject *parent)
    : QAbstractListModel(parent), m_source(source), m_state(std::move(state)), m_column(BoardModel::columnOf(m_state))
{
    connect(m_source, &BoardModel::batchApplied, this, &BoardColumnModel::onBatch);
    connect(m_source, &QAbstractItemModel::modelReset, this, [this] { rebuild(); });
    rebuild();
}

int BoardColumnModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant BoardColumnModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    return m_source->data(m_source->index(sourceRow(index.row())), role);
}

Qt::ItemFlags BoardColumnModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled | Qt::ItemNeverHasChildren;
}

QStringList BoardColumnModel::mimeTypes() const
{
    return {QString::fromLatin1(kMimeType)};
}

QMimeData *BoardColumnModel::mimeData(const QModelIndexList &indexes) const
{
    QStringList ids;
    for (const QModelIndex &index : indexes)
        if (index.isValid() && index.model() == this)
            ids << order(index.row()).orderId;
    auto *mime = new QMimeData;
    mime->setData(QString::fromLatin1(kMimeType), ids.join(QLatin1Char('\n')).toUtf8());
    mime->setText(ids.join(QLatin1String(", ")));
    return mime;
}

QStringList BoardColumnModel::orderIdsFrom(const QMimeData *data)
{
    if (!data || !data->hasFormat(QString::fromLatin1(kMimeType)))
        return {};
    return QString::fromUtf8(data->data(QString::fromLatin1(kMimeType))).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

bool BoardColumnModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                       const QModelIndex &parent) const
{
    (void)action;
    (void)row;
    (void)column;
    (void)parent;
    return !orderIdsFrom(data).isEmpty();
}

bool BoardColumnModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                    const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    emit ordersDropped(orderIdsFrom(data), m_state);
    // The model itself never changes on a drop: the feed moves the card when the
    // gateway has acted. Returning false also keeps a MoveAction from removing rows.
    return false;
}

Qt::DropActions BoardColumnModel::supportedDropActions() const
{
    return Qt::CopyAction | Qt::MoveAction;
}

Qt::DropActions BoardColumnModel::supportedDragActions() const
{
    return Qt::CopyAction;
}

int BoardColumnModel::rowOfOrder(const QString &orderId) const
{
    const int source = m_source->rowOf(orderId);
    if (source < 0 || source >= static_cast<int>(m_posOf.size()))
        return -1;
    return m_posOf[static_cast<std::size_t>(source)];
}

void BoardColumnModel::setFilter(const BoardFilter &filter)
{
    m_filter = filter;
    rebuild();
}

void BoardColumnModel::setTodayOnly(bool todayOnly)
{
    m_todayOnly = todayOnly;
    rebuild();
}

qint64 BoardColumnModel::dayStart(qint64 now) const
{
    if (!m_todayOnly)
        return 0;
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(now);
    return local.date().startOfDay().toMSecsSinceEpoch();
}

bool BoardColumnModel::wants(int sourceRow, qint64 now, qint64 dayStartMs) const
{
    const BoardModel::Card &c = m_source->card(sourceRow);
    if (c.column != m_column)
        return false;
    if (dayStartMs > 0 && c.row.stateSinceMs > 0 && c.row.stateSinceMs < dayStartMs)
        return false;
    return m_filter.accepts(c.row, now);
}

void BoardColumnModel::reindex()
{
    m_posOf.assign(static_cast<std::size_t>(m_source->rowCount()), -1);
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        m_posOf[static_cast<std::size_t>(m_rows[i])] = static_cast<int>(i);
}

void BoardColumnModel::rebuild()
{
    beginResetModel();
    m_rows.clear();
    const qint64 now = m_source->now();
    const qint64 day = dayStart(now);
    if (m_filter.orderIds) {
        for (const QString &id : *m_filter.orderIds) {
            const int row = m_source->rowOf(id);
            if (row >= 0 && wants(row, now, day))
                m_rows.push_back(row);
        }
    } else {
        const int n = m_source->rowCount();
        for (int row = 0; row < n; ++row)
            if (wants(row, now, day))
                m_rows.push_back(row);
    }
    std::stable_sort(m_rows.begin(), m_rows.end(), [this](int a, int b) {
        return m_source->card(a).row.stateSinceMs < m_source->card(b).row.stateSinceMs;
    });
    reindex();
    endResetModel();
}

void BoardColumnModel::onBatch(const BoardBatch &batch)
{
    const qint64 now = m_source->now();
    const qint64 day = dayStart(now);
    m_posOf.resize(static_cast<std::size_t>(m_source->rowCount()), -1);

    std::vector<int> leaving;  // positions
    std::vector<int> arriving; // source rows
    std::vector<int> staying;  // positions
    for (int row : batch.changed) {
        const int pos = m_posOf[static_cast<std::size_t>(row)];
        const bool want = wants(row, now, day);
        if (pos >= 0 && !want)
            leaving.push_back(pos);
        else if (pos >= 0)
            staying.push_back(pos);
        else if (want)
            arriving.push_back(row);
    }
    for (int row = batch.firstNew; row < batch.firstNew + batch.newCount; ++row)
        if (wants(row, now, day))
            arriving.push_back(row);
    if (leaving.empty() && arriving.empty() && staying.empty())
        return;

    if (!leaving.empty()) {
        std::sort(leaving.begin(), leaving.end(), std::greater<>());
        int runs = 1;
        for (std::size_t i = 1; i < leaving.size(); ++i)
            if (leaving[i] != leaving[i - 1] - 1)
                ++runs;
        if (runs > kMaxRemovalRuns) {
            // Scattered: one reset is cheaper for the view than dozens of removes.
            beginResetModel();
            for (int pos : leaving)
                m_rows[static_cast<std::size_t>(pos)] = -1;
            m_rows.erase(std::remove(m_rows.begin(), m_rows.end(), -1), m_rows.end());
            m_rows.insert(m_rows.end(), arriving.begin(), arriving.end());
            reindex();
            endResetModel();
            return;
        }
        std::size_t i = 0;
        while (i < leaving.size()) {
            std::size_t j = i;
            while (j + 1 < leaving.size() && leaving[j + 1] == leaving[j] - 1)
                ++j;
            const int last = leaving[i], first = leaving[j];
            beginRemoveRows({}, first, last);
            m_rows.erase(m_rows.begin() + first, m_rows.begin() + last + 1);
            endRemoveRows();
            i = j + 1;
        }
        reindex();
    }
    if (!arriving.empty()) {
        const int first = static_cast<int>(m_rows.size());
        beginInsertRows({}, first, first + static_cast<int>(arriving.size()) - 1);
        for (int row : arriving) {
            m_posOf[static_cast<std::size_t>(row)] = static_cast<int>(m_rows.size());
            m_rows.push_back(row);
        }
        endInsertRows();
    }
    if (!staying.empty()) {
        // Positions may have shifted with the removals: look them up again.
        int lo = INT_MAX, hi = -1;
        for (int row : batch.changed) {
            const int pos = m_posOf[static_cast<std::size_t>(row)];
            if (pos >= 0) {
                lo = std::min(lo, pos);
                hi = std::max(hi, pos);
            }
        }
        if (hi >= 0)
            emit dataChanged(index(lo), index(hi));
    }
}

} // namespace opsdeck::widgets
