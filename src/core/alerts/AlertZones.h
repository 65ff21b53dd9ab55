#pragma once

#include <QByteArray>

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace opsdeck::core {

// The delivery zone of each depot (GeoJSON features with properties.kind "zone" and
// properties.depot), for "rider left their zone". Plain ray casting: zones are small
// polygons, a rider position is tested once per fix.
class AlertZones final
{
public:
    // Reads every zone polygon (outer ring) of a GeoJSON FeatureCollection; anything
    // else is skipped. Returns how many zones were read.
    int loadGeoJson(const QByteArray &geojson);
    void addZone(const std::string &depot, std::vector<std::pair<double, double>> lngLatRing);

    bool hasZone(const std::string &depot) const { return m_zones.count(depot) > 0; }
    // True when (lat, lng) is inside the depot's zone; true as well when the depot has
    // no zone (nothing to leave).
    bool inside(const std::string &depot, double lat, double lng) const;
    std::size_t size() const { return m_zones.size(); }

private:
    std::unordered_map<std::string, std::vector<std::pair<double, double>>> m_zones; // lng, lat
};

} // namespace opsdeck::core
