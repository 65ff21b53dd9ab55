#pragma once

#include "sdk/Rows.h"
#include "widgets/WidgetsExport.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QLoggingCategory>

#include <array>
#include <functional>
#include <vector>

namespace opsdeck::widgets {

Q_DECLARE_LOGGING_CATEGORY(lcOrderModel)

// Live orders, one row per order, rows never move inside the model (sorting and
// filtering belong to a proxy). Updates are queued and applied once per event-loop
// turn: ONE beginInsertRows for every new row of the turn and dataChanged over the
// changed rows, so 100k rows and thousands of updates a second cost a handful of
// signals, not one per order. Display strings are built only in data().
class OPSDECK_WIDGETS_EXPORT OrderTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        OrderIdColumn,
        StateColumn,
        DepotColumn,
        ChannelColumn,
        MerchantColumn,
        CustomerColumn,
        RiderColumn,
        PromisedColumn,
        EtaColumn,
        InStateColumn,
        UpdatedColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, // raw value: numbers sort as numbers
        StateRole,                   // wire spelling
        OrderIdRole,
    };
    using Clock = std::function<qint64()>; // ms since the Unix epoch

    explicit OrderTableModel(QObject *parent = nullptr);
    ~OrderTableModel() override;

    // Tests and replays pin "now" (age in state, overdue promises).
    void setClock(Clock clock);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Queues the latest values; the model changes on the next event-loop turn (or flush()).
    void enqueue(const QList<sdk::OrderRow> &rows);
    // Applies everything queued now. Safe to call with nothing queued.
    void flush();
    bool hasPending() const { return !m_pendingNew.empty() || !m_pendingChanged.isEmpty(); }

    // Replaces everything at once (initial picture): one model reset.
    void reset(const QList<sdk::OrderRow> &rows);

    const sdk::OrderRow &rowAt(int row) const { return m_rows[static_cast<std::size_t>(row)]; }
    int rowOf(const QString &orderId) const { return m_index.value(orderId, -1); }
    // Orders per state, kept up to date incrementally (no scan of 100k rows per turn).
    const QHash<QString, int> &stateCounts() const { return m_stateCounts; }

    // When changed rows are scattered more widely than this many runs, one dataChanged
    // covers the whole span instead: fewer signals beat a slightly wider repaint.
    static constexpr int kMaxChangedRuns = 64;

signals:
    void flushed(int inserted, int changed);

private:
    QVariant displayData(const sdk::OrderRow &row, int column) const;
    QVariant sortData(const sdk::OrderRow &row, int column) const;
    QVariant foregroundData(const sdk::OrderRow &row, int column) const;
    void scheduleFlush();
    void countState(const QString &state, int delta);

    std::vector<sdk::OrderRow> m_rows;
    QHash<QString, int> m_index; // order id -> row

    std::vector<sdk::OrderRow> m_pendingNew;
    QHash<QString, int> m_pendingNewIndex;       // order id -> index in m_pendingNew
    QHash<int, sdk::OrderRow> m_pendingChanged; // row -> latest value
    bool m_flushScheduled = false;

    QHash<QString, int> m_stateCounts;
    Clock m_clock;
};

} // namespace opsdeck::widgets
