#pragma once

#include "sdk/Rows.h"
#include "widgets/WidgetsExport.h"

#include <QAbstractListModel>
#include <QHash>

#include <vector>

namespace opsdeck::widgets {

// The riders beside the board, as drop targets: drop cards on a rider to reassign them.
// Updates arrive batched (ridersChanged): one ranged insert for new riders, one
// dataChanged over the changed span.
class OPSDECK_WIDGETS_EXPORT RiderDropModel final : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { RiderIdRole = Qt::UserRole + 1, StatusRole };

    explicit RiderDropModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;
    Qt::DropActions supportedDropActions() const override;

    void update(const QList<sdk::RiderRow> &riders);
    const sdk::RiderRow &rider(int row) const { return m_riders[static_cast<std::size_t>(row)]; }

signals:
    void reassignRequested(const QStringList &orderIds, const QString &riderId);

private:
    std::vector<sdk::RiderRow> m_riders;
    QHash<QString, int> m_index;
};

} // namespace opsdeck::widgets
