#include "BoardColumnModel.h"

#include <QDateTime>
#include <QMimeData>

#include <algorithm>
#include <climits>

namespace opsdeck::widgets {

namespace {

// What one batch does to a column.
struct ColumnChanges {
    std::vector<int> leaving;  // slots
    std::vector<int> staying;  // slots
    std::vector<int> arriving; // source rows
};

// wants(row): whether the column wants that source row now. A template, not a
// std::function: it runs once per changed row of every batch.
template <typename Wants>
ColumnChanges changesOf(const BoardBatch &batch, const std::vector<int> &slotOf, const BoardModel &source, Wants wants)
{
    ColumnChanges c;
    for (int row : batch.changed) {
        const int slot = slotOf[static_cast<std::size_t>(row)];
        const bool want = wants(row);
        if (slot >= 0 && !want)
            c.leaving.push_back(slot);
        else if (slot >= 0)
            c.staying.push_back(slot);
        else if (want)
            c.arriving.push_back(row);
    }
    for (int row = batch.firstNew; row < batch.firstNew + batch.newCount; ++row)
        if (wants(row))
            c.arriving.push_back(row);
    // Arrivals join the bottom in the order they entered the state.
    std::stable_sort(c.arriving.begin(), c.arriving.end(), [&source](int a, int b) {
        const qint64 ta = source.card(a).row.stateSinceMs, tb = source.card(b).row.stateSinceMs;
        return ta != tb ? ta < tb : a < b;
    });
    return c;
}

// Runs of consecutive positions in a descending list.
int runsOf(const std::vector<int> &descending)
{
    int runs = descending.empty() ? 0 : 1;
    for (std::size_t i = 1; i < descending.size(); ++i)
        if (descending[i] != descending[i - 1] - 1)
            ++runs;
    return runs;
}

} // namespace

BoardColumnModel::BoardColumnModel(BoardModel *source, QString state, QObject *parent)
    : QAbstractListModel(parent), m_source(source), m_state(std::move(state)), m_column(BoardModel::columnOf(m_state))
{
    connect(m_source, &BoardModel::batchApplied, this, &BoardColumnModel::onBatch);
    connect(m_source, &QAbstractItemModel::modelReset, this, [this] { rebuild(); });
    rebuild();
}

int BoardColumnModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_shown.size());
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
    if (source < 0 || source >= static_cast<int>(m_slotOf.size()))
        return -1;
    return positionOfSlot(m_slotOf[static_cast<std::size_t>(source)]);
}

int BoardColumnModel::positionOfSlot(int slot) const
{
    if (slot < 0)
        return -1;
    const auto it = std::lower_bound(m_shown.begin(), m_shown.end(), slot);
    return it != m_shown.end() && *it == slot ? static_cast<int>(it - m_shown.begin()) : -1;
}

void BoardColumnModel::setFilter(const BoardFilter &filter)
{
    m_filter = filter;
    rebuild();
}

void BoardColumnModel::setMaxShown(int maxShown)
{
    m_baseShown = std::max(1, maxShown);
    rebuild();
}

void BoardColumnModel::listMore()
{
    if (canListMore())
        growTo(static_cast<int>(m_shown.size()) + kListStep);
}

void BoardColumnModel::growTo(int maxShown)
{
    m_maxShown = std::max(m_maxShown, maxShown);
    const std::vector<int> next = nextSlotsToShow();
    if (next.empty())
        return;
    const int first = static_cast<int>(m_shown.size());
    beginInsertRows({}, first, first + static_cast<int>(next.size()) - 1);
    m_shown.insert(m_shown.end(), next.begin(), next.end());
    endInsertRows();
    emit countChanged();
}

int BoardColumnModel::ensureShown(const QString &orderId)
{
    if (const int row = rowOfOrder(orderId); row >= 0)
        return row;
    const int source = m_source->rowOf(orderId);
    if (source < 0 || source >= static_cast<int>(m_slotOf.size()) || m_slotOf[static_cast<std::size_t>(source)] < 0)
        return -1;
    // Listed members are the first live slots: count the live ones up to this one.
    const int slot = m_slotOf[static_cast<std::size_t>(source)];
    int need = static_cast<int>(m_shown.size());
    for (int s = m_shown.empty() ? 0 : m_shown.back() + 1; s <= slot; ++s)
        need += m_slots[static_cast<std::size_t>(s)] >= 0;
    growTo(need);
    return rowOfOrder(orderId);
}

void BoardColumnModel::setFrozen(bool frozen)
{
    if (frozen == m_frozen)
        return;
    m_frozen = frozen;
    if (frozen || !m_hasDeferred)
        return;
    BoardBatch batch = std::move(m_deferred);
    m_deferred = {};
    m_deferredRow.clear();
    m_deferredMoves.clear();
    m_hasDeferred = false;
    apply(batch);
    emit deferredChanged();
}

void BoardColumnModel::defer(const BoardBatch &batch)
{
    if (!m_hasDeferred) {
        m_deferred.firstNew = batch.firstNew;
        m_hasDeferred = true;
    }
    m_deferred.newCount = batch.firstNew + batch.newCount - m_deferred.firstNew;
    const qint64 now = m_source->now();
    const qint64 day = dayStart(now);
    m_deferredRow.resize(static_cast<std::size_t>(m_deferred.firstNew), 0);
    int lo = INT_MAX, hi = -1;
    BoardBatch atOnce;
    atOnce.firstNew = batch.firstNew; // no new rows: only exempt changes apply at once
    for (int row : batch.changed) {
        if (row >= m_deferred.firstNew)
            continue; // arrived while frozen: the thaw looks at it as new
        if (m_exempt && m_exempt(row)) {
            atOnce.changed.push_back(row);
            m_deferredMoves.remove(row);
            continue;
        }
        if (!m_deferredRow[static_cast<std::size_t>(row)]) {
            m_deferredRow[static_cast<std::size_t>(row)] = 1;
            m_deferred.changed.push_back(row);
        }
        const int slot = row < static_cast<int>(m_slotOf.size()) ? m_slotOf[static_cast<std::size_t>(row)] : -1;
        if ((slot >= 0) != wants(row, now, day))
            m_deferredMoves.insert(row);
        else
            m_deferredMoves.remove(row);
        if (const int pos = positionOfSlot(slot); pos >= 0) {
            lo = std::min(lo, pos);
            hi = std::max(hi, pos);
        }
    }
    for (int row = batch.firstNew; row < batch.firstNew + batch.newCount; ++row)
        if (wants(row, now, day))
            m_deferredMoves.insert(row);
    if (hi >= 0)
        emit dataChanged(index(lo), index(hi)); // the card repaints where it is
    if (!atOnce.changed.empty())
        apply(atOnce);
    emit deferredChanged();
}

void BoardColumnModel::setTodayOnly(bool todayOnly)
{
    m_todayOnly = todayOnly;
    rebuild();
}

void BoardColumnModel::refreshToday()
{
    if (m_todayOnly && dayStart(m_source->now()) != m_builtForDay)
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

void BoardColumnModel::bury(int slot)
{
    const int row = m_slots[static_cast<std::size_t>(slot)];
    m_slotOf[static_cast<std::size_t>(row)] = -1;
    m_slots[static_cast<std::size_t>(slot)] = -1;
    ++m_tombstones;
    --m_members;
}

void BoardColumnModel::append(int sourceRow)
{
    m_slotOf[static_cast<std::size_t>(sourceRow)] = static_cast<int>(m_slots.size());
    m_slots.push_back(sourceRow);
    ++m_members;
}

std::vector<int> BoardColumnModel::nextSlotsToShow() const
{
    std::vector<int> next;
    const std::size_t room = static_cast<std::size_t>(m_maxShown) - std::min(m_shown.size(), std::size_t(m_maxShown));
    for (std::size_t slot = m_shown.empty() ? 0 : static_cast<std::size_t>(m_shown.back()) + 1;
         slot < m_slots.size() && next.size() < room; ++slot)
        if (m_slots[slot] >= 0)
            next.push_back(static_cast<int>(slot));
    return next;
}

bool BoardColumnModel::before(int a, int b) const
{
    const sdk::OrderRow &ra = m_source->card(a).row, &rb = m_source->card(b).row;
    if (m_filter.sortByTimeLeft) {
        const qint64 ka = BoardFilter::timeLeftKey(ra), kb = BoardFilter::timeLeftKey(rb);
        if (ka != kb)
            return ka < kb;
    }
    return ra.stateSinceMs < rb.stateSinceMs;
}

void BoardColumnModel::insertSorted(int sourceRow)
{
    // Sorted columns keep no tombstones (onBatch compacts first), so the shown rows are
    // exactly the first slots and a slot is a position.
    const auto at = std::upper_bound(m_slots.begin(), m_slots.end(), sourceRow,
                                     [this](int row, int member) { return before(row, member); });
    const int slot = static_cast<int>(at - m_slots.begin());
    const bool shown = slot < m_maxShown; // below the window: nothing shown moves
    if (shown)
        beginInsertRows({}, slot, slot);
    m_slots.insert(m_slots.begin() + slot, sourceRow);
    for (std::size_t i = static_cast<std::size_t>(slot); i < m_slots.size(); ++i)
        m_slotOf[static_cast<std::size_t>(m_slots[i])] = static_cast<int>(i);
    ++m_members;
    if (!shown)
        return;
    for (int &s : m_shown)
        if (s >= slot)
            ++s;
    m_shown.insert(m_shown.begin() + slot, slot);
    endInsertRows();
    if (static_cast<int>(m_shown.size()) > m_maxShown) {
        const int last = static_cast<int>(m_shown.size()) - 1;
        beginRemoveRows({}, last, last);
        m_shown.pop_back();
        endRemoveRows();
    }
}

void BoardColumnModel::compactIfNeeded()
{
    if (m_tombstones < 4096 || m_tombstones * 2 < static_cast<int>(m_slots.size()))
        return;
    compact();
}

void BoardColumnModel::compact()
{
    if (m_tombstones == 0)
        return;
    // Slot numbers change, positions do not: no signal needed.
    std::vector<int> newSlotOfOld(m_slots.size(), -1);
    std::vector<int> live;
    live.reserve(static_cast<std::size_t>(m_members));
    for (std::size_t slot = 0; slot < m_slots.size(); ++slot) {
        const int row = m_slots[slot];
        if (row < 0)
            continue;
        newSlotOfOld[slot] = static_cast<int>(live.size());
        m_slotOf[static_cast<std::size_t>(row)] = static_cast<int>(live.size());
        live.push_back(row);
    }
    for (int &slot : m_shown)
        slot = newSlotOfOld[static_cast<std::size_t>(slot)];
    m_slots = std::move(live);
    m_tombstones = 0;
}

void BoardColumnModel::emitChanged(const std::vector<int> &changedSlots)
{
    int lo = INT_MAX, hi = -1;
    for (int slot : changedSlots) {
        const int pos = positionOfSlot(slot);
        if (pos >= 0) {
            lo = std::min(lo, pos);
            hi = std::max(hi, pos);
        }
    }
    if (hi >= 0)
        emit dataChanged(index(lo), index(hi));
}

void BoardColumnModel::rebuild()
{
    // A rebuild reads every row as it is now: nothing deferred is left to apply.
    const bool hadDeferred = !m_deferredMoves.isEmpty();
    m_deferred = {};
    m_deferredRow.clear();
    m_deferredMoves.clear();
    m_hasDeferred = false;
    m_maxShown = m_baseShown; // what was listed for one scroll is not kept across rebuilds
    beginResetModel();
    std::vector<int> members;
    const qint64 now = m_source->now();
    const qint64 day = dayStart(now);
    m_builtForDay = day;
    if (m_filter.orderIds) {
        for (const QString &id : *m_filter.orderIds) {
            const int row = m_source->rowOf(id);
            if (row >= 0 && wants(row, now, day))
                members.push_back(row);
        }
    } else {
        const int n = m_source->rowCount();
        for (int row = 0; row < n; ++row)
            if (wants(row, now, day))
                members.push_back(row);
    }
    std::stable_sort(members.begin(), members.end(), [this](int a, int b) { return before(a, b); });
    m_slotOf.assign(static_cast<std::size_t>(m_source->rowCount()), -1);
    m_slots.clear();
    m_members = 0;
    m_tombstones = 0;
    for (int row : members)
        append(row);
    m_shown.clear();
    for (int slot = 0; slot < std::min(m_members, m_maxShown); ++slot)
        m_shown.push_back(slot);
    endResetModel();
    emit countChanged();
    if (hadDeferred)
        emit deferredChanged();
}

void BoardColumnModel::onBatch(const BoardBatch &batch)
{
    if (m_frozen)
        defer(batch);
    else
        apply(batch);
}

void BoardColumnModel::apply(const BoardBatch &batch)
{
    const qint64 now = m_source->now();
    const qint64 day = dayStart(now);
    m_slotOf.resize(static_cast<std::size_t>(m_source->rowCount()), -1);

    const auto [leaving, staying, arriving] =
        changesOf(batch, m_slotOf, *m_source, [&](int row) { return wants(row, now, day); });
    if (leaving.empty() && arriving.empty() && staying.empty())
        return;

    std::vector<int> visibleLeaving; // positions
    for (int slot : leaving) {
        const int pos = positionOfSlot(slot);
        if (pos >= 0)
            visibleLeaving.push_back(pos);
        else
            bury(slot); // not shown: no signal
    }
    std::sort(visibleLeaving.begin(), visibleLeaving.end(), std::greater<>());

    const bool sorted = m_filter.sortByTimeLeft;
    if (runsOf(visibleLeaving) > kMaxRemovalRuns) {
        if (sorted) {
            rebuild(); // a reset either way
            return;
        }
        // Scattered: one reset of the (bounded) window beats dozens of removes.
        beginResetModel();
        for (int pos : visibleLeaving) {
            bury(m_shown[static_cast<std::size_t>(pos)]);
            m_shown.erase(m_shown.begin() + pos); // descending: earlier positions stay valid
        }
        for (int row : arriving)
            append(row);
        const std::vector<int> next = nextSlotsToShow();
        m_shown.insert(m_shown.end(), next.begin(), next.end());
        endResetModel();
        compactIfNeeded();
        emit countChanged();
        return;
    }
    std::size_t i = 0;
    while (i < visibleLeaving.size()) {
        std::size_t j = i;
        while (j + 1 < visibleLeaving.size() && visibleLeaving[j + 1] == visibleLeaving[j] - 1)
            ++j;
        const int last = visibleLeaving[i], first = visibleLeaving[j];
        const std::vector<int> gone(m_shown.begin() + first, m_shown.begin() + last + 1);
        beginRemoveRows({}, first, last);
        m_shown.erase(m_shown.begin() + first, m_shown.begin() + last + 1);
        endRemoveRows();
        for (int slot : gone)
            bury(slot);
        i = j + 1;
    }
    if (!sorted)
        for (int row : arriving)
            append(row); // at the bottom: in the order they entered the state
    const std::vector<int> next = nextSlotsToShow();
    if (!next.empty()) {
        // The window refills at its end: members that were hidden, then new arrivals.
        const int first = static_cast<int>(m_shown.size());
        beginInsertRows({}, first, first + static_cast<int>(next.size()) - 1);
        m_shown.insert(m_shown.end(), next.begin(), next.end());
        endInsertRows();
    }
    emitChanged(staying);
    if (sorted) {
        // Each arrival goes where its time left puts it (one insert each).
        compact();
        for (int row : arriving)
            insertSorted(row);
    }
    compactIfNeeded();
    emit countChanged();
}

} // namespace opsdeck::widgets
