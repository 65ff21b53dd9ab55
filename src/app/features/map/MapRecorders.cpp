#include "MapRecorders.h"

#include "sim/City.h"

#include <stdexcept>

namespace opsdeck::app {

void MapRecorders::install(ConsoleRuntime &runtime)
{
    m_positions.install(runtime);
    try {
        // The built-in city: the one the map draws and the embedded gateway simulates.
        m_geofences = std::make_unique<GeofenceRecorder>(sim::City::load());
        m_geofences->install(runtime);
    } catch (const std::exception &e) {
        qCWarning(lcPositions) << "geofences off:" << e.what(); // positions still recorded
    }
}

} // namespace opsdeck::app
