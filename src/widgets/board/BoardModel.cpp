#include "BoardModel.h"

#include "OrderCardDelegate.h"
#include "widgets/common/OrderStateStyle.h"

#include <QDateTime>
#include <QTimer>

#include <algorithm>

namespace opsdeck::widgets {

Q_LOGGING_CATEGORY(lcBoard, "opsdeck.widgets.board")

BoardModel::BoardModel(QObject *parent) : QAbstractListModel(parent) {}

BoardModel::~BoardModel() = default;

int BoardModel::columnOf(const QString &state)
{
    return static_cast<int>(sdk::orderStates().indexOf(state));
}

qint64 BoardModel::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

int BoardModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_cards.size());
}

QVariant BoardModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Card &c = card(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case OrderIdRole: return c.row.orderId;
    case StateRole: return c.row.state;
    case ColumnRole: return c.column;
    case MarkRole: return static_cast<int>(c.mark);
    case MarkTextRole: return c.markText;
    case Qt::ToolTipRole: {
        QString tip = tr("%1 · %2 · %3").arg(c.row.orderId, c.row.state, c.row.merchantId);
        // A narrow card shows its flags as glyphs: the words are here.
        QStringList flagWords;
        for (const OrderCardDelegate::Flag &flag : OrderCardDelegate::flags(c.row))
            flagWords << flag.text;
        if (!flagWords.isEmpty())
            tip += QLatin1Char('\n') + flagWords.join(QStringLiteral(" · "));
        // A tooltip is a glance: a long note is read whole in the order detail.
        if (const QString note = customerNoteLine(c.row, 200); !note.isEmpty())
            tip += QLatin1Char('\n') + note;
        return tip;
    }
    default: return {};
    }
}

void BoardModel::noteDepot(const QString &depot)
{
    if (depot.isEmpty() || m_depots.contains(depot))
        return;
    m_depots.insert(std::lower_bound(m_depots.begin(), m_depots.end(), depot), depot);
    emit depotsChanged();
}

void BoardModel::reset(const QList<sdk::OrderRow> &rows)
{
    beginResetModel();
    m_cards.clear();
    m_index.clear();
    m_pending.clear();
    m_markedRows.clear();
    m_cards.reserve(static_cast<std::size_t>(rows.size()));
    for (const sdk::OrderRow &row : rows) {
        const auto it = m_index.constFind(row.orderId);
        if (it != m_index.constEnd()) {
            m_cards[static_cast<std::size_t>(*it)].row = row;
            continue;
        }
        m_index.insert(row.orderId, static_cast<int>(m_cards.size()));
        Card card;
        card.row = row;
        card.column = columnOf(row.state);
        m_cards.push_back(std::move(card));
        noteDepot(row.depot);
    }
    endResetModel();
}

void BoardModel::enqueue(const QList<sdk::OrderRow> &rows)
{
    m_pending += rows;
    scheduleFlush();
}

void BoardModel::scheduleFlush()
{
    if (m_flushScheduled)
        return;
    m_flushScheduled = true;
    QTimer::singleShot(0, this, [this] { flush(); });
}

void BoardModel::markPending(const QString &orderId, const QString &expectState, const QString &expectRider)
{
    const int row = rowOf(orderId);
    if (row < 0)
        return;
    Card &c = m_cards[static_cast<std::size_t>(row)];
    c.expectState = expectState;
    c.expectRider = expectRider;
    setMark(orderId, Mark::Pending);
}

void BoardModel::setMark(const QString &orderId, Mark mark, const QString &text)
{
    const int row = rowOf(orderId);
    if (row < 0)
        return;
    Card &c = m_cards[static_cast<std::size_t>(row)];
    // The feed may have confirmed before the gateway's reply came back: keep that.
    if (c.mark == Mark::Confirmed && (mark == Mark::Unconfirmed))
        return;
    c.mark = mark;
    c.markText = text;
    c.markAtMs = now();
    if (mark == Mark::None || mark == Mark::Refused) {
        c.expectState.clear();
        c.expectRider.clear();
    }
    m_markedRows.insert(row, c.column);
    scheduleFlush();
}

void BoardModel::flush()
{
    m_flushScheduled = false;
    if (m_pending.isEmpty() && m_markedRows.isEmpty())
        return;

    BoardBatch batch;
    batch.firstNew = static_cast<int>(m_cards.size());
    std::vector<sdk::OrderRow> fresh;
    QHash<QString, int> freshIndex;
    QHash<int, int> changed = std::move(m_markedRows); // row -> old column
    m_markedRows.clear();
    for (sdk::OrderRow &row : m_pending) {
        const auto it = m_index.constFind(row.orderId);
        if (it != m_index.constEnd()) {
            Card &c = m_cards[static_cast<std::size_t>(*it)];
            if (!changed.contains(*it))
                changed.insert(*it, c.column);
            c.row = std::move(row);
            c.column = columnOf(c.row.state);
            const bool waiting = c.mark == Mark::Pending || c.mark == Mark::Unconfirmed;
            if (waiting && c.row.state == c.expectState && (c.expectRider.isEmpty() || c.row.riderId == c.expectRider)) {
                c.mark = Mark::Confirmed;
                c.markText.clear();
                c.markAtMs = now();
            }
            continue;
        }
        const auto f = freshIndex.constFind(row.orderId);
        if (f != freshIndex.constEnd()) {
            fresh[static_cast<std::size_t>(*f)] = std::move(row);
        } else {
            freshIndex.insert(row.orderId, static_cast<int>(fresh.size()));
            fresh.push_back(std::move(row));
        }
    }
    m_pending.clear();

    if (!fresh.empty()) {
        const int first = static_cast<int>(m_cards.size());
        beginInsertRows({}, first, first + static_cast<int>(fresh.size()) - 1);
        for (sdk::OrderRow &row : fresh) {
            m_index.insert(row.orderId, static_cast<int>(m_cards.size()));
            const int column = columnOf(row.state);
            noteDepot(row.depot);
            Card card;
            card.row = std::move(row);
            card.column = column;
            m_cards.push_back(std::move(card));
        }
        endInsertRows();
        batch.newCount = static_cast<int>(fresh.size());
    }
    if (!changed.isEmpty()) {
        batch.changed.reserve(static_cast<std::size_t>(changed.size()));
        batch.oldColumn.reserve(static_cast<std::size_t>(changed.size()));
        int lo = INT_MAX, hi = -1;
        for (auto it = changed.constBegin(); it != changed.constEnd(); ++it) {
            batch.changed.push_back(it.key());
            batch.oldColumn.push_back(it.value());
            lo = std::min(lo, it.key());
            hi = std::max(hi, it.key());
        }
        // One signal over the span: the source is never shown as a whole, its columns are.
        emit dataChanged(index(lo), index(hi));
    }
    emit batchApplied(batch);
}

} // namespace opsdeck::widgets
