#pragma once

#include "RiderRanking.h"
#include "sdk/Rows.h"
#include "widgets/WidgetsExport.h"

#include <QAbstractTableModel>
#include <QHash>

#include <memory>
#include <vector>

namespace opsdeck::widgets {

class CityBaseMap;

// The riders beside the board, as drop targets: drop cards on a rider to reassign them.
// Updates arrive batched (ridersChanged): one ranged insert for new riders, dataChanged
// only for riders whose shown fields changed (not for a new position alone). aimAt() names the order being reassigned: then each
// rider carries the metres along the roads to its pickup and their current load, which
// RiderSortProxy sorts by (the order's depot first, nearest first).
class OPSDECK_WIDGETS_EXPORT RiderDropModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Role { RiderIdRole = Qt::UserRole + 1, StatusRole, NameRole, DepotRole, LoadRole, DistanceRole };
    enum Column { RiderColumn, StatusColumn, LoadColumn, DistanceColumn, ColumnCount };

    explicit RiderDropModel(QObject *parent = nullptr);
    ~RiderDropModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;
    Qt::DropActions supportedDropActions() const override;

    void update(const QList<sdk::RiderRow> &riders);
    const sdk::RiderRow &rider(int row) const { return m_riders[static_cast<std::size_t>(row)]; }
    int rowOf(const QString &riderId) const { return m_index.value(riderId, -1); }

    // The city whose roads the distances follow (the map's, already loaded); none: no distances.
    void setCity(std::shared_ptr<const CityBaseMap> city);
    // The order being reassigned and the riders' current loads (active orders each).
    void aimAt(const sdk::OrderRow &order, const QHash<QString, int> &loads);
    const QString &targetDepot() const { return m_targetDepot; }
    const QString &targetOrder() const { return m_targetOrder; }
    // Metres along the roads from this rider to the order aimed at; negative when unknown.
    double distance(int row) const { return m_metres[static_cast<std::size_t>(row)]; }
    int load(int row) const { return m_loads.value(rider(row).riderId); }

    // "1.2 km", "350 m", "—".
    static QString distanceText(double metres);

signals:
    void reassignRequested(const QStringList &orderIds, const QString &riderId);

private:
    void emitChanged(std::vector<int> &rows);

    std::vector<sdk::RiderRow> m_riders;
    std::vector<double> m_metres;
    QHash<QString, int> m_index;
    QHash<QString, int> m_loads;
    std::shared_ptr<const CityBaseMap> m_city;
    RoadDistances m_roads;
    QString m_targetDepot;
    QString m_targetOrder;
};

} // namespace opsdeck::widgets
