#pragma once

#include "BoardFilter.h"
#include "BoardModel.h"

#include <QAbstractListModel>

#include <vector>

namespace opsdeck::widgets {

// One column of the board: the orders of one state that pass the filter, oldest in the
// state first (an order joins the bottom when it enters). A view onto BoardModel, not a
// copy. Per batch: rows leaving go in a few ranged removes (or one reset when they are
// scattered over more than kMaxRemovalRuns runs), rows arriving in one ranged insert,
// rows staying in one dataChanged. Final columns may show only what ended today.
class BoardColumnModel final : public QAbstractListModel
{
    Q_OBJECT
public:
    static constexpr int kMaxRemovalRuns = 16;
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
    int sourceRow(int row) const { return m_rows[static_cast<std::size_t>(row)]; }
    const sdk::OrderRow &order(int row) const { return m_source->card(sourceRow(row)).row; }
    int rowOfOrder(const QString &orderId) const;

    void setFilter(const BoardFilter &filter); // rebuilds (one reset)
    void setTodayOnly(bool todayOnly);

    // Decodes what mimeData() encoded: order ids. Empty for foreign data.
    static QStringList orderIdsFrom(const QMimeData *data);

signals:
    // Cards dropped on this column: the owner decides what that means (hold, cancel...).
    void ordersDropped(const QStringList &orderIds, const QString &state);

private:
    void onBatch(const BoardBatch &batch);
    void rebuild();
    bool wants(int sourceRow, qint64 now, qint64 dayStart) const;
    void reindex();
    qint64 dayStart(qint64 now) const;

    BoardModel *m_source;
    QString m_state;
    int m_column;
    BoardFilter m_filter;
    bool m_todayOnly = false;
    std::vector<int> m_rows;  // source rows, in column order
    std::vector<int> m_posOf; // source row -> position in m_rows, -1 when absent
};

} // namespace opsdeck::widgets
