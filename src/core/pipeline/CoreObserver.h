#pragma once

#include "core/model/Event.h"
#include "Projections.h"

#include <cstdint>

namespace opsdeck::core {

// A room that follows the projections on the core thread: the alert rule engine, the
// KPI engine, geofences. Observers are registered before ConsoleCore::start() and are
// called only on the core thread, with the projections locked, so they read them
// without copying; they must stay quick (no I/O: hand results to the store thread or
// the GUI through their own sinks).
class CoreObserver
{
public:
    virtual ~CoreObserver() = default;

    // After a live event (not a snapshot record) went through the projections.
    // `applied` is false when it was kept but not applied (illegal transition).
    virtual void onEvent(const Event &event, bool applied, const Projections &projections) = 0;

    // About every ConsoleCore::Options::tickIntervalMs, also when the feed is quiet.
    // `wallMs` is the console's clock (ms since the epoch) for "not within 10 minutes".
    virtual void onTick(const Projections &projections, std::int64_t wallMs)
    {
        (void)projections;
        (void)wallMs;
    }
};

} // namespace opsdeck::core
