#pragma once

#include "core/pipeline/CoreObserver.h"
#include "store/map/GeofenceLog.h"

#include <atomic>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace opsdeck::core {
class ConsoleCore;
}
namespace opsdeck::core::geo {
class CityGeometry;
}
namespace opsdeck::store {
class StoreWorker;
}

namespace opsdeck::app {

class ConsoleRuntime;

// Geofences on the core thread: from each rider.position it detects zone entry and
// exit (the depots' delivery zones of the city geometry), arrival at and departure from
// a depot, and arrival at the customer of an order the rider is delivering; the
// crossings go to the store thread once per tick (GeofenceLog) as timeline entries of
// the rider and the order.
// A rider's first fix only sets its state: starting the console is not "entering".
class GeofenceRecorder final : public core::CoreObserver
{
public:
    struct Options {
        double arrivalRadiusM = 50.0;
        double departureRadiusM = 100.0; // hysteresis: GPS jitter at the door is not a departure
    };
    explicit GeofenceRecorder(std::shared_ptr<const core::geo::CityGeometry> city);
    GeofenceRecorder(std::shared_ptr<const core::geo::CityGeometry> city, Options options);

    void install(ConsoleRuntime &runtime);
    void attach(core::ConsoleCore &core, store::StoreWorker &store);
    void setStore(store::StoreWorker &store);

    void onEvent(const core::Event &event, bool applied, const core::Projections &projections) override;
    void onTick(const core::Projections &projections, std::int64_t wallMs) override;

    // Any thread: the GUI reads it (through MapRecorders) while the core thread records.
    std::int64_t crossingsRecorded() const { return m_recorded.load(); }

private:
    struct RiderState {
        std::string zone;  // depot id of the zone the rider is in, empty outside all zones
        std::string depot; // depot the rider is at, empty when away
        bool known = false;
    };
    void trackOrder(const core::Event &event, const core::Projections &projections);
    void onPosition(const core::Event &event, const core::Projections &projections);
    void record(const core::Event &event, const char *kind, const std::string &place, const std::string &orderId = {});

    std::shared_ptr<const core::geo::CityGeometry> m_city;
    Options m_options;
    store::StoreWorker *m_store = nullptr;
    std::unordered_map<std::string, RiderState> m_riders;
    std::unordered_map<std::string, std::unordered_set<std::string>> m_ordersByRider;
    std::unordered_map<std::string, std::string> m_riderOfOrder;
    std::unordered_set<std::string> m_arrivedOrders;
    std::vector<store::GeofenceEntry> m_pending;
    std::atomic<std::int64_t> m_recorded{0};
};

} // namespace opsdeck::app
