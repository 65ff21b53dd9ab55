#include "MapRecorders.h"

#include "core/geo/CityGeometry.h"

namespace opsdeck::app {

void MapRecorders::install(ConsoleRuntime &runtime)
{
    m_positions.install(runtime);
    // The built-in city: the one the map draws and the embedded gateway simulates.
    auto city = core::geo::CityGeometry::builtIn();
    if (!city) {
        qCWarning(lcPositions) << "geofences off: no usable built-in city"; // positions still recorded
        return;
    }
    m_geofences = std::make_unique<GeofenceRecorder>(std::move(city));
    m_geofences->install(runtime);
}

} // namespace opsdeck::app
