#pragma once

#include "core/geo/GeoMath.h"

#include <QByteArray>

#include <string>
#include <unordered_map>

namespace opsdeck::core {

namespace geo {
class CityGeometry;
}

// The delivery zone of each depot as drawn in the city file, for "rider left their
// zone". Geometry is the city's (core/geo): the same zones and point-in-polygon rule as
// the map and the geofences. Zones are small polygons; a position is tested once per fix.
class AlertZones final
{
public:
    // The zones drawn in the city (a depot without one has no zone here: nothing to
    // leave). Returns how many zones were read.
    int load(const geo::CityGeometry &city);
    // The same from GeoJSON text (parsed by geo::CityGeometry); unusable JSON reads none.
    int loadGeoJson(const QByteArray &geojson);
    void addZone(const std::string &depot, geo::Polygon zone);

    bool hasZone(const std::string &depot) const { return m_zones.count(depot) > 0; }
    // True when (lat, lng) is inside the depot's zone; true as well when the depot has
    // no zone (nothing to leave).
    bool inside(const std::string &depot, double lat, double lng) const;
    std::size_t size() const { return m_zones.size(); }

private:
    std::unordered_map<std::string, geo::Polygon> m_zones;
};

} // namespace opsdeck::core
