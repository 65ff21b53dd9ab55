// The city GeoJSON (--city for opsfeed, the map and alert zones): parsed, then asked
// what the simulator, the map and the rider picker ask of it.
#include "FuzzInput.h"

#include "core/alerts/AlertZones.h"
#include "core/geo/CityGeometry.h"

using namespace opsdeck;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray json = fuzz::bytes(data, size);
    QString error;
    const auto city = core::geo::CityGeometry::fromGeoJson(json, &error);
    if (!city)
        return 0;
    core::AlertZones zones;
    zones.load(*city);
    const core::geo::LatLng centre{39.92, 116.40};
    (void)city->depotWhoseZoneContains(centre);
    (void)city->nearestDepot(centre);
    (void)city->nearestNode(centre);
    if (!city->depots().empty() && !city->merchants().empty())
        (void)city->route(city->merchants().front().position, city->depots().front().position);
    for (const auto &depot : city->depots())
        (void)zones.inside(depot.id, depot.position.lat, depot.position.lng);
    return 0;
}
