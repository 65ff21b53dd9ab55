#pragma once

#include "BoardFilter.h"
#include "BoardModel.h"
#include "widgets/WidgetsExport.h"

#include <QAbstractListModel>
#include <QSet>

#include <functional>
#include <vector>

namespace opsdeck::widgets {

// One column of the board: the orders of one state that pass the filter, oldest in the
// state first (an order joins the bottom when it enters), or, with the filter's
// sortByTimeLeft, least time left to the promise first (an order joins at its place).
// A view onto BoardModel, not a
// copy. The rows are the oldest members first, listed as the view needs them: the first
// maxShown() (1,000), then more each time the view scrolls to the end (listMore), so
// every card is reachable. QListView lays out all its rows again on any insert or
// remove, so listing a 60k-card column whole would cost tens of ms per batch
// (opsdeck-bench board). A card acted on or selected elsewhere is listed at once
// (ensureShown): issue 14's reassigned card at the bottom of a full column was not
// there. The header says how many are listed (never silently).
// Per batch: visible rows leaving go in a few ranged removes (or one reset when they
// are scattered over more than kMaxRemovalRuns runs), the window refills with one
// ranged insert at its end, rows staying get one dataChanged. Final columns may show
// only what ended today.
// Frozen (the pointer is over the board): cards keep their places; their contents
// still repaint, and what would move is kept and applied in one batch on thaw.
class OPSDECK_WIDGETS_EXPORT BoardColumnModel final : public QAbstractListModel
{
    Q_OBJECT
public:
    static constexpr int kMaxRemovalRuns = 16;
    static constexpr int kDefaultMaxShown = 1000; // listed at first; more as the view scrolls
    static constexpr int kListStep = 1000;
    static constexpr const char *kMimeType = "application/x-opsdeck-orders";

    BoardColumnModel(BoardModel *source, QString state, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;
    Qt::DropActions supportedDropActions() const override;
    Qt::DropActions supportedDragActions() const override;

    const QString &state() const { return m_state; }
    int sourceRow(int row) const { return m_slots[static_cast<std::size_t>(m_shown[static_cast<std::size_t>(row)])]; }
    const sdk::OrderRow &order(int row) const { return m_source->card(sourceRow(row)).row; }
    int rowOfOrder(const QString &orderId) const; // -1 when not listed (yet)
    // Lists the order's card if it is a member not listed yet; its row, or -1 when the
    // order is not in this column.
    int ensureShown(const QString &orderId);

    void setFilter(const BoardFilter &filter); // rebuilds (one reset)
    void setTodayOnly(bool todayOnly);
    // A today-only column keeps what it showed until something rebuilds it, so a board
    // left open over midnight kept yesterday's finished orders: the board's clock calls
    // this, which rebuilds once when the local day has changed since the last rebuild.
    void refreshToday();
    void setMaxShown(int maxShown); // rows listed at first (and after each rebuild); rebuilds
    int maxShown() const { return m_maxShown; }
    int totalCount() const { return m_members; } // members, shown or not
    // More rows, for a view scrolled to the end. Not QAbstractItemModel::fetchMore: the
    // model tester calls that on every change, which would list everything.
    bool canListMore() const { return static_cast<int>(m_shown.size()) < m_members; }
    void listMore();
    bool isCapped() const { return m_members > rowCount(); }

    // While frozen, batches only repaint: cards neither leave nor arrive until thawed.
    void setFrozen(bool frozen);
    bool isFrozen() const { return m_frozen; }
    // Source rows whose move into or out of this column waits for the thaw.
    const QSet<int> &deferredMoves() const { return m_deferredMoves; }
    // Source rows that move even while frozen: the card the user just acted on.
    void setExempt(std::function<bool(int sourceRow)> exempt) { m_exempt = std::move(exempt); }

    // Decodes what mimeData() encoded: order ids. Empty for foreign data.
    static QStringList orderIdsFrom(const QMimeData *data);

signals:
    // Cards dropped on this column: the owner decides what that means (hold, cancel...).
    void ordersDropped(const QStringList &orderIds, const QString &state);
    void countChanged(); // totalCount() or the window may have changed
    void deferredChanged(); // deferredMoves() changed (frozen only)

private:
    void onBatch(const BoardBatch &batch);
    void apply(const BoardBatch &batch);
    void defer(const BoardBatch &batch);
    void rebuild();
    bool wants(int sourceRow, qint64 now, qint64 dayStart) const;
    int positionOfSlot(int slot) const; // visible position, -1 when not shown
    void bury(int slot);                // a member leaves: its slot becomes a tombstone
    void append(int sourceRow);
    std::vector<int> nextSlotsToShow() const;
    void compactIfNeeded();
    void growTo(int maxShown);
    void compact();                     // drops every tombstone
    void emitChanged(const std::vector<int> &changedSlots); // one dataChanged over the shown ones
    bool before(int sourceA, int sourceB) const; // column order (BoardFilter::sortByTimeLeft)
    void insertSorted(int sourceRow);   // a member joins at its place in a sorted column
    qint64 dayStart(qint64 now) const;

    BoardModel *m_source;
    QString m_state;
    int m_column;
    BoardFilter m_filter;
    bool m_todayOnly = false;
    int m_baseShown = kDefaultMaxShown; // what a rebuild lists
    int m_maxShown = kDefaultMaxShown;  // grown by listMore / ensureShown
    qint64 m_builtForDay = 0; // dayStart() at the last rebuild (today-only columns)
    // Members live in append-only slots (column order); a leaving member leaves a
    // tombstone (-1) that a later compaction removes, so a batch costs O(changes), not
    // O(column). The rows shown are the first maxShown live slots.
    std::vector<int> m_slots;  // slot -> source row, -1 = tombstone
    std::vector<int> m_slotOf; // source row -> slot, -1 = not a member
    std::vector<int> m_shown;  // row -> slot, ascending
    int m_members = 0;
    int m_tombstones = 0;
    bool m_frozen = false;
    bool m_hasDeferred = false;
    BoardBatch m_deferred;          // changed rows (deduplicated) and new rows met while frozen
    std::vector<char> m_deferredRow; // source row -> already in m_deferred.changed
    QSet<int> m_deferredMoves;       // rows that will arrive or leave on thaw
    std::function<bool(int)> m_exempt;
};

} // namespace opsdeck::widgets
