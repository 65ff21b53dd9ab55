#include "CityBaseMap.h"

#include "MapProjection.h"

#include "core/geo/CityGeometry.h"

namespace opsdeck::widgets {

namespace {

namespace geo = core::geo;

QGeoCoordinate toCoordinate(geo::LatLng p)
{
    return QGeoCoordinate(p.lat, p.lng);
}

QPointF toWorld(geo::LatLng p)
{
    return mercator::project(toCoordinate(p));
}

QPolygonF toWorld(const std::vector<geo::LatLng> &points)
{
    QPolygonF out;
    out.reserve(static_cast<qsizetype>(points.size()));
    for (const geo::LatLng &p : points)
        out.append(toWorld(p));
    return out;
}

CityBaseMap::RoadClass roadClassOf(geo::RoadClass cls)
{
    switch (cls) {
    case geo::RoadClass::Ring: return CityBaseMap::RoadClass::Ring;
    case geo::RoadClass::Arterial: return CityBaseMap::RoadClass::Arterial;
    case geo::RoadClass::Street: break;
    }
    return CityBaseMap::RoadClass::Street;
}

CityBaseMap::Place placeOf(const std::string &id, const std::string &name, const std::string &depotId, geo::LatLng at)
{
    return {QString::fromStdString(id), QString::fromStdString(name), QString::fromStdString(depotId), toCoordinate(at),
            toWorld(at)};
}

QRectF unite(const QRectF &a, const QRectF &b)
{
    return a.isNull() ? b : a.united(b);
}

} // namespace

std::shared_ptr<const CityBaseMap> CityBaseMap::fromGeometry(std::shared_ptr<const core::geo::CityGeometry> city)
{
    if (!city)
        return nullptr;
    auto map = std::make_shared<CityBaseMap>();
    for (const geo::Road &r : city->roads()) {
        Road road{roadClassOf(r.roadClass), QString::fromStdString(r.name), toWorld(r.points), {}};
        road.bounds = road.world.boundingRect();
        map->m_bounds = unite(map->m_bounds, road.bounds);
        map->m_roads.push_back(std::move(road));
    }
    for (const geo::Zone &z : city->zones()) {
        Zone zone{QString::fromStdString(z.depotId), QString::fromStdString(z.name), {}, toWorld(z.area.outer), {}};
        for (const geo::LatLng &p : z.area.outer)
            zone.ring.append(toCoordinate(p));
        for (const auto &hole : z.area.holes)
            zone.holes.append(toWorld(hole));
        map->m_zones.push_back(std::move(zone));
    }
    for (const geo::Depot &d : city->depots()) {
        map->m_depots.push_back(placeOf(d.id, d.name, d.id, d.position));
        map->m_bounds = unite(map->m_bounds, QRectF(map->m_depots.back().world, QSizeF(0, 0)));
    }
    for (const geo::Merchant &m : city->merchants())
        map->m_merchants.push_back(placeOf(m.id, m.name, m.depot, m.position));
    map->m_city = std::move(city);
    return map;
}

std::shared_ptr<const CityBaseMap> CityBaseMap::builtIn()
{
    return fromGeometry(geo::CityGeometry::builtIn());
}

std::shared_ptr<const CityBaseMap> CityBaseMap::fromGeoJson(const QByteArray &json, QString *error)
{
    return fromGeometry(geo::CityGeometry::fromGeoJson(json, error));
}

int CityBaseMap::skippedFeatures() const
{
    return m_city->skippedFeatures();
}

int CityBaseMap::nodeCount() const
{
    return m_city->graph().nodeCount();
}

QPolygonF CityBaseMap::route(const QGeoCoordinate &from, const QGeoCoordinate &to) const
{
    const geo::Route r = m_city->route({from.latitude(), from.longitude()}, {to.latitude(), to.longitude()});
    return toWorld(r.points);
}

} // namespace opsdeck::widgets
