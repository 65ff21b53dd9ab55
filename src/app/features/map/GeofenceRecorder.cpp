#include "GeofenceRecorder.h"

#include "app/runtime/ConsoleRuntime.h"
#include "core/pipeline/ConsoleCore.h"
#include "core/geo/CityGeometry.h"
#include "store/log/EventStore.h"
#include "store/db/StoreWorker.h"

namespace opsdeck::app {

GeofenceRecorder::GeofenceRecorder(std::shared_ptr<const core::geo::CityGeometry> city)
    : GeofenceRecorder(std::move(city), Options{})
{
}

GeofenceRecorder::GeofenceRecorder(std::shared_ptr<const core::geo::CityGeometry> city, Options options)
    : m_city(std::move(city))
    , m_options(options)
{
}

void GeofenceRecorder::install(ConsoleRuntime &runtime)
{
    runtime.addAssembleHook([this](core::ConsoleCore &core, store::StoreWorker &store) { attach(core, store); });
}

void GeofenceRecorder::attach(core::ConsoleCore &core, store::StoreWorker &store)
{
    setStore(store);
    core.addObserver(this);
}

void GeofenceRecorder::setStore(store::StoreWorker &store)
{
    m_store = &store;
    store.post([](store::EventStore &s) { store::GeofenceLog::ensureSchema(s.database()); });
}

void GeofenceRecorder::onEvent(const core::Event &event, bool applied, const core::Projections &projections)
{
    if (!applied || !m_city)
        return;
    if (!event.orderId.empty())
        trackOrder(event, projections);
    if (event.kind == core::EventKind::RiderPosition && event.hasPosition && !event.riderId.empty())
        onPosition(event, projections);
}

void GeofenceRecorder::trackOrder(const core::Event &event, const core::Projections &projections)
{
    // Keep "orders this rider is delivering" current from the order events, so a fix
    // checks a handful of destinations instead of every open order.
    const core::OrderRecord *order = projections.findOrder(event.orderId);
    const auto old = m_riderOfOrder.find(event.orderId);
    const bool delivering = order && order->state == core::OrderState::Delivering && !order->riderId.empty();
    if (old != m_riderOfOrder.end() && (!delivering || old->second != order->riderId)) {
        m_ordersByRider[old->second].erase(event.orderId);
        m_riderOfOrder.erase(old);
    }
    if (delivering) {
        m_riderOfOrder[event.orderId] = order->riderId;
        m_ordersByRider[order->riderId].insert(event.orderId);
    } else {
        m_arrivedOrders.erase(event.orderId);
    }
}

void GeofenceRecorder::onPosition(const core::Event &event, const core::Projections &projections)
{
    const core::geo::LatLng p{event.lat, event.lng};
    const core::geo::Depot *inZone = m_city->depotWhoseZoneContains(p);
    // A view, not a copy: most fixes stay in the zone they were in.
    static const std::string kNoZone;
    const std::string &zone = inZone ? inZone->id : kNoZone;
    double nearestM = 0.0;
    const core::geo::Depot *nearest = m_city->nearestDepot(p, &nearestM);
    const bool atDepot = nearest && nearestM <= m_options.arrivalRadiusM;
    RiderState &st = m_riders[event.riderId];
    if (!st.known) {
        st.known = true;
        st.zone = zone;
        st.depot = atDepot ? nearest->id : std::string();
    } else {
        if (zone != st.zone) {
            if (!st.zone.empty())
                record(event, "zone_exited", st.zone);
            if (!zone.empty())
                record(event, "zone_entered", zone);
            st.zone = zone;
        }
        if (st.depot.empty() && atDepot) {
            st.depot = nearest->id;
            record(event, "arrived_depot", st.depot);
        } else if (!st.depot.empty()) {
            const core::geo::Depot *at = m_city->findDepot(st.depot);
            if (!at || core::geo::distanceMetres(p, at->position) > m_options.departureRadiusM) {
                record(event, "left_depot", st.depot);
                st.depot.clear();
            }
        }
    }
    const auto orders = m_ordersByRider.find(event.riderId);
    if (orders == m_ordersByRider.end())
        return;
    for (const std::string &orderId : orders->second) {
        if (m_arrivedOrders.count(orderId))
            continue;
        const core::OrderRecord *order = projections.findOrder(orderId);
        // A retired order is no destination any more (its gateway is gone).
        if (!order || order->retiredAtMs != 0 || (order->lat == 0.0 && order->lng == 0.0))
            continue;
        if (core::geo::distanceMetres(p, {order->lat, order->lng}) <= m_options.arrivalRadiusM) {
            m_arrivedOrders.insert(orderId);
            record(event, "arrived_customer", order->depot, orderId);
        }
    }
}

void GeofenceRecorder::record(const core::Event &event, const char *kind, const std::string &place, const std::string &orderId)
{
    m_pending.push_back({event.tsMs, event.riderId, orderId, kind, place});
}

void GeofenceRecorder::onTick(const core::Projections &, std::int64_t)
{
    if (!m_store || m_pending.empty())
        return;
    m_recorded += static_cast<std::int64_t>(m_pending.size());
    m_store->post([entries = std::move(m_pending)](store::EventStore &s) { store::GeofenceLog::append(s.database(), entries); });
    m_pending.clear();
}

} // namespace opsdeck::app
