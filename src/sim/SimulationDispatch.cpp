// Dispatch: choosing riders, batching pickups, planning routes and ETAs, crowd riders.
#include "Simulation.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace opsdeck::sim {

namespace {
using core::OrderState;
constexpr std::int64_t kGiveUpAfterMs = 20 * 60000; // customers start cancelling when no rider comes
constexpr std::int64_t kCrowdAfterMs = 90000;       // own fleet busy this long: call a crowd-sourced rider
} // namespace

int Simulation::pickRider(int depot, int fromNode, int excludeRider)
{
    const DepotState &d = m_depots[static_cast<std::size_t>(depot)];
    const LatLng from = fromNode >= 0 ? m_city->graph().node(fromNode) : m_city->graph().node(m_city->depots()[static_cast<std::size_t>(d.cityIndex)].node);
    int best = -1;
    double bestScore = 0;
    for (int ri : d.riders) {
        const Rider &r = m_riders[static_cast<std::size_t>(ri)];
        if (ri == excludeRider || r.status == RiderStatus::Offline || r.status == RiderStatus::Break || r.batteryPct < 20)
            continue;
        if (static_cast<int>(r.tasks.size()) >= 2 * r.capacity)
            continue;
        const LatLng end = r.tasks.empty() ? r.position : m_city->graph().node(r.tasks.back().node);
        const double score = static_cast<double>(r.tasks.size()) * 900.0 + distanceMetres(end, from);
        if (best < 0 || score < bestScore) {
            best = ri;
            bestScore = score;
        }
    }
    return best;
}

std::int64_t Simulation::queueMs(const Rider &r) const
{
    std::int64_t ms = std::max<std::int64_t>(0, r.dwellUntilMs - m_nowMs);
    bool first = true;
    for (const Task &t : r.tasks) {
        const double metres = first && r.taskRouted ? r.routeLeftM : t.legM;
        ms += static_cast<std::int64_t>(metres / r.cruiseMps * 1000.0);
        if (!t.pickup)
            ms += kDropDwellMs;
        else if (first || t.legM > 0) // batched pickups at one stop share the wait
            ms += kPickupDwellMs;
        first = false;
    }
    return ms;
}

std::int64_t Simulation::planTasks(Rider &r, Order &o, int pickupNode)
{
    int from = r.node;
    if (!r.tasks.empty())
        from = r.tasks.back().node;
    else if (r.routePos < r.route.size())
        from = r.route[r.routePos];
    const std::int64_t before = queueMs(r);
    const int dropNode = customerNodeOf(o);
    std::int64_t travel = 0;
    if (pickupNode >= 0) {
        const double d1 = std::max(0.0, m_paths.shortestPath(from, pickupNode, m_scratchPath));
        r.tasks.push_back({o.number, true, pickupNode, d1});
        travel += static_cast<std::int64_t>(d1 / r.cruiseMps * 1000.0) + kPickupDwellMs;
        from = pickupNode;
    }
    const double d2 = std::max(0.0, m_paths.shortestPath(from, dropNode, m_scratchPath));
    r.tasks.push_back({o.number, false, dropNode, d2});
    travel += static_cast<std::int64_t>(d2 / r.cruiseMps * 1000.0);
    o.rider = static_cast<int>(&r - m_riders.data());
    o.etaMs = m_nowMs + before + travel;
    r.busyUntilMs = 0;
    return o.etaMs;
}

void Simulation::reassignTo(Order &o, int riderIndex, std::string_view type)
{
    // Who collects the parcel: a new rider goes to the merchant if it was never picked
    // up, or to wherever it is now; the same rider already carries it.
    int pickup = pickupNodeOf(o);
    if (o.pickedUp && riderIndex == o.rider) {
        pickup = -1;
    } else if (o.pickedUp) {
        if (o.state == OrderState::Delivering && o.rider >= 0)
            pickup = m_riders[static_cast<std::size_t>(o.rider)].node; // meet the current carrier
        else if (o.handoverNode >= 0)
            pickup = o.handoverNode; // where the mishap left it
    }
    if (o.rider >= 0)
        dropOrderTasks(m_riders[static_cast<std::size_t>(o.rider)], o.number);
    Rider &r = m_riders[static_cast<std::size_t>(riderIndex)];
    planTasks(r, o, pickup);
    o.mishap = Mishap::None; // the second attempt goes through
    o.pickedUp = pickup < 0;
    setState(o, OrderState::Delivering);
    JsonWriter w = begin(o.depot, type);
    w.field("order_id", o.id);
    w.field("rider_id", r.id);
    w.key("eta");
    w.timestamp(o.etaMs);
    finish();
    if (r.status == RiderStatus::Idle || r.status == RiderStatus::Offline || r.status == RiderStatus::Break)
        setRiderStatus(riderIndex, r.tasks.front().pickup ? RiderStatus::ToPickup : RiderStatus::Delivering);
}

int Simulation::callCrowdRider(int depot)
{
    // Platforms top up their own fleet with crowd-sourced riders (众包) when orders
    // pile up; without them the default fleet could not keep up with the default demand.
    DepotState &d = m_depots[static_cast<std::size_t>(depot)];
    int reuse = -1, crowd = 0;
    for (int ri : d.riders) {
        const Rider &r = m_riders[static_cast<std::size_t>(ri)];
        if (!r.crowd)
            continue;
        ++crowd;
        if (reuse < 0 && r.status == RiderStatus::Offline)
            reuse = ri;
    }
    if (reuse < 0 && crowd >= kMaxCrowdPerDepot)
        return -1;
    const Customer &near = d.customers[m_rng() % d.customers.size()];
    if (reuse < 0) {
        Rider r;
        r.id = "R-" + depotShortCode(d.id) + "-Z" + std::to_string(1000 + crowd + 1).substr(1);
        r.name = Population::personName(m_rng);
        r.depot = depot;
        r.crowd = true;
        r.capacity = 3;
        r.cruiseMps = uniform(5.0, 7.0);
        r.accuracyM = uniform(5, 15);
        reuse = static_cast<int>(m_riders.size());
        d.riders.push_back(reuse);
        m_riders.push_back(std::move(r));
    }
    Rider &r = m_riders[static_cast<std::size_t>(reuse)];
    r.batteryPct = uniform(60, 100);
    r.node = near.node;
    r.position = near.position;
    r.route.clear();
    r.routePos = 0;
    r.edgeDoneM = 0;
    r.tasks.clear();
    r.taskRouted = r.atTask = r.returning = false;
    r.idleSinceMs = m_nowMs;
    r.status = RiderStatus::Offline;
    setRiderStatus(reuse, RiderStatus::Idle);
    return reuse;
}

int Simulation::pickupNodeOf(const Order &o) const
{
    // Fresh goods are picked in the depot's own front warehouse; campus and errand
    // orders are collected at the merchant.
    if (o.channel == Channel::Fresh)
        return m_city->depots()[static_cast<std::size_t>(m_depots[static_cast<std::size_t>(o.depot)].cityIndex)].node;
    return m_merchants[static_cast<std::size_t>(o.merchant)]->node;
}

void Simulation::dispatchReady(int depot)
{
    DepotState &d = m_depots[static_cast<std::size_t>(depot)];
    // Customers give up on orders nobody comes for (checked once a minute).
    if (m_nowMs % 60000 < 1000) {
        for (std::uint64_t n : d.ready) {
            Order *o = findOrder(n);
            if (o && o->state == OrderState::Picking && m_nowMs - o->readyMs > kGiveUpAfterMs && chance(0.25)) {
                emitSimple(*o, "order.cancelled", "reason", "no_rider_available");
                finishOrder(*o, OrderState::Cancelled);
            }
        }
    }
    while (!d.ready.empty()) {
        Order *o = findOrder(d.ready.front());
        if (!o || o->state != OrderState::Picking) { // cancelled while waiting
            d.ready.pop_front();
            continue;
        }
        const int pickup = pickupNodeOf(*o);
        int ri = pickRider(depot, pickup, -1);
        if (ri < 0 && m_nowMs - o->readyMs >= kCrowdAfterMs)
            ri = callCrowdRider(depot);
        if (ri < 0)
            return; // everyone is busy: the queue waits for the next second
        d.ready.pop_front();
        Rider &r = m_riders[static_cast<std::size_t>(ri)];
        // Batch: more ready orders from the same counter ride along, up to capacity.
        std::vector<Order *> batch{o};
        int room = r.capacity - static_cast<int>(r.tasks.size()) / 2 - 1;
        for (auto it = d.ready.begin(); it != d.ready.end() && room > 0;) {
            Order *other = findOrder(*it);
            if (other && other->state == OrderState::Picking && pickupNodeOf(*other) == pickup) {
                batch.push_back(other);
                it = d.ready.erase(it);
                --room;
            } else {
                ++it;
            }
        }
        planBatch(r, batch, pickup);
        for (Order *b : batch) {
            if (b->mishap == Mishap::None) {
                const double u = uniform(0, 1);
                b->mishap = u < 0.02 ? Mishap::TrafficAccident
                    : u < 0.04 ? Mishap::CustomerRejected
                    : u < 0.055 ? Mishap::Damaged
                    : u < 0.075 ? Mishap::Delayed
                    : u < 0.09 ? Mishap::AddressInvalid
                               : Mishap::None;
            }
            setState(*b, OrderState::Delivering);
            JsonWriter w = begin(depot, "order.dispatched");
            w.field("order_id", b->id);
            w.field("rider_id", r.id);
            w.key("eta");
            w.timestamp(b->etaMs);
            finish();
        }
        if (r.status == RiderStatus::Idle)
            setRiderStatus(ri, RiderStatus::ToPickup);
    }
}

void Simulation::planBatch(Rider &r, const std::vector<Order *> &batch, int pickupNode)
{
    int from = r.node;
    if (!r.tasks.empty())
        from = r.tasks.back().node;
    else if (r.routePos < r.route.size())
        from = r.route[r.routePos];
    const int ri = static_cast<int>(&r - m_riders.data());
    std::int64_t t = m_nowMs + queueMs(r);
    const double d1 = std::max(0.0, m_paths.shortestPath(from, pickupNode, m_scratchPath));
    for (std::size_t i = 0; i < batch.size(); ++i)
        r.tasks.push_back({batch[i]->number, true, pickupNode, i == 0 ? d1 : 0.0});
    t += static_cast<std::int64_t>(d1 / r.cruiseMps * 1000.0) + kPickupDwellMs;
    // Drops in nearest-neighbour order from the counter.
    std::vector<Order *> left = batch;
    int cur = pickupNode;
    const RoadGraph &g = m_city->graph();
    while (!left.empty()) {
        std::size_t best = 0;
        double bestD = -1;
        for (std::size_t i = 0; i < left.size(); ++i) {
            const double dd = distanceMetres(g.node(cur), g.node(customerNodeOf(*left[i])));
            if (bestD < 0 || dd < bestD) {
                best = i;
                bestD = dd;
            }
        }
        Order *o = left[best];
        left.erase(left.begin() + static_cast<std::ptrdiff_t>(best));
        const int node = customerNodeOf(*o);
        const double dm = std::max(0.0, m_paths.shortestPath(cur, node, m_scratchPath));
        r.tasks.push_back({o->number, false, node, dm});
        t += static_cast<std::int64_t>(dm / r.cruiseMps * 1000.0);
        o->etaMs = t;
        o->rider = ri;
        t += kDropDwellMs;
        cur = node;
    }
    r.busyUntilMs = 0;
}

int Simulation::customerNodeOf(const Order &o) const
{
    return m_depots[static_cast<std::size_t>(o.customerDepot)].customers[static_cast<std::size_t>(o.customer)].node;
}

} // namespace opsdeck::sim
