#pragma once

#include "sdk/Rows.h"
#include "widgets/WidgetsExport.h"

#include <QAbstractListModel>
#include <QHash>
#include <QLoggingCategory>

#include <functional>
#include <vector>

namespace opsdeck::widgets {

Q_DECLARE_LOGGING_CATEGORY(lcBoard)

// What one flush changed, for the column models (same thread, direct connection).
struct BoardBatch {
    int firstNew = 0;             // new rows are [firstNew, firstNew + newCount)
    int newCount = 0;
    std::vector<int> changed;     // existing rows whose values or marks changed
    std::vector<int> oldColumn;   // their column before the change (parallel to changed)
};

// Every order of the board in one model: rows keyed by order id, never moved or
// removed (columns, filters and order are the column models' business). Updates are
// queued and applied once per event-loop turn: one beginInsertRows for all new rows,
// one dataChanged over the changed span, and one batchApplied for the columns.
// It also carries the action marks: "pending" from a command until the feed shows its
// effect, then "confirmed"; "unconfirmed" when the gateway did not answer.
class OPSDECK_WIDGETS_EXPORT BoardModel final : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        OrderIdRole = Qt::UserRole + 1,
        StateRole,
        ColumnRole,   // index in sdk::orderStates()
        MarkRole,     // Mark as int
        MarkTextRole, // refusal / unconfirmed message
    };
    enum class Mark { None, Pending, Confirmed, Unconfirmed, Refused };

    struct Card {
        sdk::OrderRow row;
        int column = -1;
        Mark mark = Mark::None;
        QString markText;
        qint64 markAtMs = 0; // when the mark was set (a confirmation fades after a while)
        QString expectState; // what the feed must show to confirm the pending action
        QString expectRider;
    };
    using Clock = std::function<qint64()>;

    explicit BoardModel(QObject *parent = nullptr);
    ~BoardModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    void reset(const QList<sdk::OrderRow> &rows);
    void enqueue(const QList<sdk::OrderRow> &rows);
    void flush();

    const Card &card(int row) const { return m_cards[static_cast<std::size_t>(row)]; }
    int rowOf(const QString &orderId) const { return m_index.value(orderId, -1); }
    const QStringList &depots() const { return m_depots; } // sorted, as seen

    // Action marks (GUI thread; the change reaches the columns with the next flush).
    void markPending(const QString &orderId, const QString &expectState, const QString &expectRider);
    void setMark(const QString &orderId, Mark mark, const QString &text = {});

    static constexpr qint64 kConfirmedShownMs = 10000;

    static int columnOf(const QString &state); // -1 for unknown states
    void setClock(Clock clock) { m_clock = std::move(clock); }
    qint64 now() const;

signals:
    void batchApplied(const opsdeck::widgets::BoardBatch &batch);
    void depotsChanged();

private:
    void scheduleFlush();
    void noteDepot(const QString &depot);

    std::vector<Card> m_cards;
    QHash<QString, int> m_index;
    QList<sdk::OrderRow> m_pending;
    QHash<int, int> m_markedRows; // row -> old column, marks changed since the last flush
    QStringList m_depots;
    bool m_flushScheduled = false;
    Clock m_clock;
};

} // namespace opsdeck::widgets
