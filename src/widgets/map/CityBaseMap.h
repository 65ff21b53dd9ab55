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

namespace opsdeck::widgets {

// The vector base map: roads, delivery zones, depots and merchants of the city GeoJSON
// that opsfeed simulates (resources/city, gen_city.py), pre-projected to Web Mercator
// world units once at load so a frame never projects a road again. Immutable after
// loading; the road network doubles as a small routing graph for order routes.
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
    };
    struct Place { // a depot or a merchant
        QString id;
        QString name;
        QString depotId;
        QGeoCoordinate coordinate;
        QPointF world;
    };

    // Null with *error set when the JSON is unusable; features it cannot read are skipped
    // and counted in skippedFeatures() rather than failing the whole map.
    static std::shared_ptr<const CityBaseMap> fromGeoJson(const QByteArray &json, QString *error = nullptr);
    // The city compiled into the widgets library (the same file opsfeed uses).
    static std::shared_ptr<const CityBaseMap> builtIn();

    const std::vector<Road> &roads() const { return m_roads; }
    const std::vector<Zone> &zones() const { return m_zones; }
    const std::vector<Place> &depots() const { return m_depots; }
    const std::vector<Place> &merchants() const { return m_merchants; }
    QRectF worldBounds() const { return m_bounds; }
    int skippedFeatures() const { return m_skipped; }

    // Shortest path along the roads (A*, metres) as a world-unit polyline: `from`, the
    // point of the nearest road segment under it, the road nodes in between, the point of
    // the road nearest to `to`, then `to`. Snapping to a segment rather than to the nearest
    // node keeps the route on the road a rider is on (a node of a parallel street can be
    // nearer than either end of a long segment). Empty when the graph has no path.
    QPolygonF route(const QGeoCoordinate &from, const QGeoCoordinate &to) const;
    int nodeCount() const { return static_cast<int>(m_nodes.size()); }

private:
    struct Edge {
        int to;
        float metres;
    };
    // A point on the road graph: on the edge a-b, `t` of the way from a.
    struct Snap {
        int a = -1, b = -1;
        double t = 0;
        QPointF world;
    };
    Snap snapToRoad(QPointF world) const;
    void addEdge(int a, int b, const QGeoCoordinate &ca, const QGeoCoordinate &cb);

    std::vector<Road> m_roads;
    std::vector<Zone> m_zones;
    std::vector<Place> m_depots;
    std::vector<Place> m_merchants;
    QRectF m_bounds;
    int m_skipped = 0;
    std::vector<QPointF> m_nodes;
    std::vector<QGeoCoordinate> m_nodeCoords;
    std::vector<std::vector<Edge>> m_adjacency;
};

} // namespace opsdeck::widgets
