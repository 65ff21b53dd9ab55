#include "AlertZones.h"

#include "core/geo/CityGeometry.h"

namespace opsdeck::core {

int AlertZones::load(const geo::CityGeometry &city)
{
    int read = 0;
    for (const geo::Zone &z : city.zones()) {
        if (z.depotId.empty())
            continue;
        addZone(z.depotId, z.area);
        ++read;
    }
    return read;
}

int AlertZones::loadGeoJson(const QByteArray &geojson)
{
    const auto city = geo::CityGeometry::fromGeoJson(geojson);
    return city ? load(*city) : 0;
}

void AlertZones::addZone(const std::string &depot, geo::Polygon zone)
{
    m_zones[depot] = std::move(zone);
}

bool AlertZones::inside(const std::string &depot, double lat, double lng) const
{
    const auto it = m_zones.find(depot);
    return it == m_zones.end() || geo::pointInPolygon({lat, lng}, it->second);
}

} // namespace opsdeck::core
