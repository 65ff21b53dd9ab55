#pragma once

#include "widgets/WidgetsExport.h"

#include <QGeoCoordinate>
#include <QList>
#include <QPointF>
#include <QPolygonF>
#include <QRectF>
#include <QString>
#include <QVector>

#include <memory>
#include <vector>

class QByteArray;

namespace opsdeck::core::geo {
class CityGeometry;
}

namespace opsdeck::widgets {

// The vector base map: the city's roads, delivery zones, depots and merchants
// (core::geo::CityGeometry, the one city the simulator, geofences and alert zones use)
// pre-projected to Web Mercator world units once, so a frame never projects a road
// again. Immutable after loading; routes come from the city's road graph.
class OPSDECK_WIDGETS_EXPORT CityBaseMap final
{
public:
    enum class RoadClass : quint8 { Ring, Arterial, Street };
    struct Road {
        RoadClass roadClass = RoadClass::Street;
        QString name;
        QPolygonF world; // polyline, normalised Mercator units
        QRectF bounds;
    };
    struct Zone {
        QString depotId;
        QString name;
        QList<QGeoCoordinate> ring;
        QPolygonF world;
        QList<QPolygonF> holes; // world units; usually none
    };
    struct Place { // a depot or a merchant
        QString id;
        QString name;
        QString depotId;
        QGeoCoordinate coordinate;
        QPointF world;
    };

    // Projects a loaded city; null for a null city.
    static std::shared_ptr<const CityBaseMap> fromGeometry(std::shared_ptr<const core::geo::CityGeometry> city);
    // Null with *error set when the JSON is unusable; features it cannot read are skipped
    // and counted in skippedFeatures() rather than failing the whole map.
    static std::shared_ptr<const CityBaseMap> fromGeoJson(const QByteArray &json, QString *error = nullptr);
    // The city compiled into opsdeck_core (the same file opsfeed uses).
    static std::shared_ptr<const CityBaseMap> builtIn();

    const core::geo::CityGeometry &geometry() const { return *m_city; }
    const std::vector<Road> &roads() const { return m_roads; }
    const std::vector<Zone> &zones() const { return m_zones; }
    const std::vector<Place> &depots() const { return m_depots; }
    const std::vector<Place> &merchants() const { return m_merchants; }
    QRectF worldBounds() const { return m_bounds; }
    int skippedFeatures() const;
    int nodeCount() const;

    // Shortest path along the roads (core::geo::CityGeometry::route) as a world-unit
    // polyline: `from`, the point of the nearest road segment under it, the road nodes in
    // between, the point of the road nearest to `to`, then `to`. Empty when the graph has
    // no path.
    QPolygonF route(const QGeoCoordinate &from, const QGeoCoordinate &to) const;

private:
    std::shared_ptr<const core::geo::CityGeometry> m_city;
    std::vector<Road> m_roads;
    std::vector<Zone> m_zones;
    std::vector<Place> m_depots;
    std::vector<Place> m_merchants;
    QRectF m_bounds;
};

} // namespace opsdeck::widgets
