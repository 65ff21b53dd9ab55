#pragma once

#include "GeofenceRecorder.h"
#include "PositionRecorder.h"

#include <memory>

namespace opsdeck::app {

class ConsoleRuntime;

// What the live map needs recorded, for every assembly of the runtime (window and
// headless): rider positions for replay and geofence crossings. Declare it before the
// ConsoleRuntime (its observers must outlive the core thread) and install() before
// start().
class MapRecorders final
{
public:
    explicit MapRecorders(PositionRecorder::Options positions = {}) : m_positions(positions) {}
    void install(ConsoleRuntime &runtime);
    const PositionRecorder &positions() const { return m_positions; }
    const GeofenceRecorder *geofences() const { return m_geofences.get(); }

private:
    PositionRecorder m_positions;
    std::unique_ptr<GeofenceRecorder> m_geofences;
};

} // namespace opsdeck::app
