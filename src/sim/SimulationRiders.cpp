// Riders: movement along the road graph, doorsteps, mishaps, ETAs, sensors.
#include "Simulation.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace opsdeck::sim {

namespace {
using core::OrderState;
constexpr std::int64_t kCrowdIdleMs = 10 * 60000;  // crowd riders sign off after idling this long
constexpr double kMinMovingMps = 4.0, kMaxMovingMps = 8.0;
constexpr std::array<const char *, 3> kAccidentNotes = {"电动车与机动车剐蹭，人员轻伤", "路口避让行人摔倒",
                                                       "被开门的车辆撞倒，车把损坏"};

double classFactor(RoadClass c)
{
    switch (c) {
    case RoadClass::Ring: return 1.1;     // ring-road side lanes are wide and signal-free
    case RoadClass::Arterial: return 1.0;
    case RoadClass::Street: return 0.85;  // crossings, parked cars, pedestrians
    }
    return 1.0;
}
} // namespace

void Simulation::dropOrderTasks(Rider &r, std::uint64_t order)
{
    const bool frontWasIt = !r.tasks.empty() && r.tasks.front().order == order;
    std::erase_if(r.tasks, [order](const Task &t) { return t.order == order; });
    if (frontWasIt) {
        r.taskRouted = false;
        r.atTask = false;
        r.dwellUntilMs = 0;
        r.mishapAtMs = 0;
    }
}

void Simulation::routeTo(Rider &r, int target)
{
    const RoadGraph &g = m_city->graph();
    if (r.routePos < r.route.size()) {
        // Mid-edge: finish the edge, then follow the new path from its end node.
        const int a = r.route[r.routePos - 1], b = r.route[r.routePos];
        const double len = m_paths.shortestPath(b, target, m_scratchPath);
        r.route = {a};
        r.route.insert(r.route.end(), m_scratchPath.begin(), m_scratchPath.end());
        r.routePos = 1;
        r.routeLeftM = distanceMetres(g.node(a), g.node(b)) - r.edgeDoneM + std::max(0.0, len);
        return;
    }
    const double len = m_paths.shortestPath(r.node, target, m_scratchPath);
    r.route = m_scratchPath.empty() ? std::vector<int>{r.node} : m_scratchPath;
    r.routePos = 1;
    r.edgeDoneM = 0;
    r.routeLeftM = std::max(0.0, len);
}

void Simulation::setRiderStatus(int index, RiderStatus status)
{
    Rider &r = m_riders[static_cast<std::size_t>(index)];
    if (r.status == status)
        return;
    r.status = status;
    if (status == RiderStatus::Idle)
        r.idleSinceMs = m_nowMs;
    emitRiderStatus(index);
}

void Simulation::moveRider(int index)
{
    Rider &r = m_riders[static_cast<std::size_t>(index)];
    const int depotNode = m_city->depots()[static_cast<std::size_t>(m_depots[static_cast<std::size_t>(r.depot)].cityIndex)].node;
    if (r.status == RiderStatus::Offline) {
        if (r.busyUntilMs == 0 || m_nowMs < r.busyUntilMs)
            return; // off shift: no fixes
        setRiderStatus(index, RiderStatus::Idle);
    }
    if (r.status == RiderStatus::Break) {
        if (m_nowMs < r.busyUntilMs) {
            r.speedMps = 0;
            emitRiderPosition(index);
            return;
        }
        r.batteryPct = std::max(r.batteryPct, 95.0 + uniform(0, 5)); // swapped at the depot cabinet
        setRiderStatus(index, r.tasks.empty() ? RiderStatus::Idle
                                              : (r.tasks.front().pickup ? RiderStatus::ToPickup : RiderStatus::Delivering));
    }

    // An en-route mishap of the order being carried.
    if (r.mishapAtMs > 0 && m_nowMs >= r.mishapAtMs && !r.tasks.empty() && !r.tasks.front().pickup) {
        r.mishapAtMs = 0;
        if (Order *o = findOrder(r.tasks.front().order))
            raiseMishap(*o, r);
        if (r.status == RiderStatus::Break) {
            r.speedMps = 0;
            emitRiderPosition(index);
            return;
        }
    }

    if (r.atTask) {
        r.speedMps = 0;
        if (m_nowMs >= r.dwellUntilMs)
            arriveAtTask(index);
        emitRiderPosition(index);
        return;
    }
    if (!r.tasks.empty() && !r.taskRouted) {
        routeTo(r, r.tasks.front().node);
        r.taskRouted = true;
        r.returning = false;
        const Task &t = r.tasks.front();
        if (!t.pickup) {
            const Order *o = findOrder(t.order);
            if (o && (o->mishap == Mishap::TrafficAccident || o->mishap == Mishap::Delayed))
                r.mishapAtMs = m_nowMs + static_cast<std::int64_t>(r.routeLeftM / r.cruiseMps * 1000.0 * uniform(0.3, 0.8)) + 1000;
        }
    } else if (r.crowd && r.tasks.empty() && r.routePos >= r.route.size()) {
        // Crowd-sourced riders wait where they are and sign off when nothing comes.
        if (m_nowMs - r.idleSinceMs > kCrowdIdleMs || r.batteryPct < 20) {
            r.speedMps = 0;
            setRiderStatus(index, RiderStatus::Offline);
            r.busyUntilMs = 0;
            return;
        }
    } else if (r.tasks.empty() && !r.returning && r.node != depotNode && r.routePos >= r.route.size()) {
        routeTo(r, depotNode);
        r.returning = true;
    }

    advanceAlongRoute(r);
    settleAtRouteEnd(index, depotNode);
    if ((m_nowMs / 1000 + index) % 30 == 0)
        refreshEtas(index);
    if (chance(0.01))
        r.accuracyM = uniform(3, 15);
    emitRiderPosition(index);
}

// One second of travel along the route, at a speed set by the road class and the traffic.
void Simulation::advanceAlongRoute(Rider &r)
{
    const RoadGraph &g = m_city->graph();
    double budget = 0;
    if (r.routePos < r.route.size()) {
        if (m_nowMs >= r.slowUntilMs && chance(0.003))
            r.slowUntilMs = m_nowMs + randMs(60, 240); // a jam, road works, a red-light queue
        const int a = r.route[r.routePos - 1], b = r.route[r.routePos];
        RoadClass cls = RoadClass::Street;
        for (const RoadEdge &e : g.edges(a))
            if (e.to == b)
                cls = e.roadClass;
        const double want = m_nowMs < r.slowUntilMs ? uniform(4.0, 4.6) : r.cruiseMps * classFactor(cls) + uniform(-0.3, 0.3);
        budget = std::clamp(want, kMinMovingMps, kMaxMovingMps);
    }
    double moved = 0;
    while (budget > 1e-9 && r.routePos < r.route.size()) {
        const LatLng pa = g.node(r.route[r.routePos - 1]), pb = g.node(r.route[r.routePos]);
        const double len = distanceMetres(pa, pb);
        const double left = len - r.edgeDoneM;
        r.headingDeg = headingDeg(pa, pb);
        if (budget >= left) {
            budget -= left;
            moved += left;
            r.node = r.route[r.routePos++];
            r.edgeDoneM = 0;
            r.position = pb;
        } else {
            r.edgeDoneM += budget;
            moved += budget;
            budget = 0;
            r.position = interpolate(pa, pb, len > 0 ? r.edgeDoneM / len : 1.0);
        }
    }
    r.routeLeftM = std::max(0.0, r.routeLeftM - moved);
    r.speedMps = moved; // metres in this one-second tick: position deltas match the speed exactly
    r.batteryPct = std::max(1.0, r.batteryPct - (moved > 0 ? 0.0035 * moved / 6.0 + 0.004 : 0.0005));

}

// At the end of its route a rider starts its task's dwell, or at the depot may take a break.
void Simulation::settleAtRouteEnd(int index, int depotNode)
{
    Rider &r = m_riders[static_cast<std::size_t>(index)];
    if (r.routePos >= r.route.size()) {
        if (r.taskRouted && !r.tasks.empty() && r.node == r.tasks.front().node && !r.atTask) {
            r.atTask = true;
            r.dwellUntilMs = m_nowMs + (r.tasks.front().pickup ? randMs(45, 150) : randMs(20, 60));
        } else if (r.returning && r.node == depotNode) {
            r.returning = false;
            if (r.batteryPct < 25) {
                r.busyUntilMs = m_nowMs + randMs(300, 600);
                setRiderStatus(index, RiderStatus::Break);
            } else if (chance(0.02)) {
                r.busyUntilMs = m_nowMs + randMs(600, 1200); // a meal break between rushes
                setRiderStatus(index, RiderStatus::Break);
            }
        }
    }
}

void Simulation::arriveAtTask(int index)
{
    Rider &r = m_riders[static_cast<std::size_t>(index)];
    const Task t = r.tasks.front();
    r.tasks.pop_front();
    r.atTask = false;
    r.taskRouted = false;
    r.dwellUntilMs = 0;
    Order *o = findOrder(t.order);
    if (t.pickup) {
        while (!r.tasks.empty() && r.tasks.front().pickup && r.tasks.front().node == t.node) {
            if (Order *b = findOrder(r.tasks.front().order))
                b->pickedUp = true; // the rest of the batch from the same counter
            r.tasks.pop_front();
        }
    }
    if (o && o->state == OrderState::Delivering && o->rider == index) {
        if (t.pickup) {
            o->pickedUp = true;
        } else if (o->mishap == Mishap::CustomerRejected || o->mishap == Mishap::Damaged
                   || o->mishap == Mishap::AddressInvalid) {
            raiseMishap(*o, r);
        } else {
            const Customer &c = m_depots[static_cast<std::size_t>(o->customerDepot)].customers[static_cast<std::size_t>(o->customer)];
            JsonWriter w = begin(o->depot, "order.signed");
            w.field("order_id", o->id);
            const double u = uniform(0, 1);
            w.field("signed_by", u < 0.8 ? std::string_view(c.name) : (u < 0.9 ? "前台代收" : "快递柜"));
            std::string ref = "sig-";
            appendInt(ref, static_cast<std::int64_t>(m_rng() % 0xffffffffULL));
            w.field("signature_ref", ref);
            w.field("lat", c.position.lat, 6);
            w.field("lng", c.position.lng, 6);
            finish();
            finishOrder(*o, OrderState::Signed);
        }
    }
    if (r.status == RiderStatus::Break)
        return;
    if (r.tasks.empty())
        setRiderStatus(index, RiderStatus::Idle);
    else
        setRiderStatus(index, r.tasks.front().pickup ? RiderStatus::ToPickup : RiderStatus::Delivering);
}

void Simulation::raiseMishap(Order &o, Rider &r)
{
    const int ri = static_cast<int>(&r - m_riders.data());
    std::string_view reason = "other", note = "", reportedBy = r.id;
    switch (o.mishap) {
    case Mishap::TrafficAccident: {
        reason = "traffic_accident";
        note = kAccidentNotes[m_rng() % kAccidentNotes.size()];
        JsonWriter w = begin(o.depot, "rider.report");
        w.field("rider_id", r.id);
        w.field("order_id", o.id);
        w.field("kind", "traffic_accident");
        w.field("note", note);
        finish();
        break;
    }
    case Mishap::Delayed: reason = "delayed"; note = "路段拥堵，预计超时"; reportedBy = "system"; break;
    case Mishap::CustomerRejected: reason = "customer_rejected"; note = "顾客拒收"; break;
    case Mishap::Damaged: reason = "damaged"; note = "外包装破损，商品洒漏"; break;
    case Mishap::AddressInvalid: reason = "address_invalid"; note = "地址不存在，电话无人接听"; break;
    case Mishap::None: break;
    }
    JsonWriter w = begin(o.depot, "order.exception");
    w.field("order_id", o.id);
    w.field("reason", reason);
    w.field("note", note);
    w.field("reported_by", reportedBy);
    finish();
    o.handoverNode = r.node;
    setState(o, OrderState::Exception);
    dropOrderTasks(r, o.number);
    scheduleOrder(o.mishap == Mishap::Delayed ? randMs(45, 120) : randMs(60, 300), Act::ExceptionResolve, o);
    if (o.mishap != Mishap::TrafficAccident) {
        if (r.tasks.empty() && r.status != RiderStatus::Break)
            setRiderStatus(ri, RiderStatus::Idle);
        return;
    }
    // The hurt rider stops; whatever else they carry goes to colleagues.
    r.busyUntilMs = m_nowMs + randMs(1200, 2400);
    setRiderStatus(ri, RiderStatus::Break);
    const std::deque<Task> others = r.tasks;
    for (const Task &t : others) {
        if (!t.pickup && findOrder(t.order)) {
            Order &other = *findOrder(t.order);
            if (other.state != OrderState::Delivering)
                continue;
            const int to = pickRider(other.depot, r.node, ri);
            if (to < 0)
                continue; // stays with the rider until the break ends
            other.handoverNode = r.node;
            reassignTo(other, to, "order.reassigned");
        }
    }
}

void Simulation::refreshEtas(int index)
{
    Rider &r = m_riders[static_cast<std::size_t>(index)];
    std::int64_t t = m_nowMs + std::max<std::int64_t>(0, r.dwellUntilMs - m_nowMs);
    bool first = true;
    for (const Task &task : r.tasks) {
        const double metres = first && r.taskRouted ? r.routeLeftM : task.legM;
        t += static_cast<std::int64_t>(metres / r.cruiseMps * 1000.0);
        const bool wasFirst = first;
        first = false;
        if (task.pickup) {
            if (wasFirst || task.legM > 0)
                t += kPickupDwellMs;
            continue;
        }
        Order *o = findOrder(task.order);
        const std::int64_t arrival = t;
        t += kDropDwellMs;
        if (!o || o->state != OrderState::Delivering || std::llabs(arrival - o->etaMs) < 60000)
            continue;
        JsonWriter w = begin(o->depot, "order.eta_updated");
        w.field("order_id", o->id);
        w.key("eta");
        w.timestamp(arrival);
        w.field("reason", arrival > o->etaMs ? (m_nowMs < r.slowUntilMs ? "traffic" : "slow_pickup") : "ahead_of_schedule");
        finish();
        o->etaMs = arrival;
    }
}

void Simulation::writeRiderStatusFields(JsonWriter &w, const Rider &r) const
{
    w.field("rider_id", r.id);
    w.field("name", r.name);
    w.field("status", toString(r.status));
    w.field("capacity", r.capacity);
    w.field("depot", m_depots[static_cast<std::size_t>(r.depot)].id);
}

void Simulation::writeRiderPositionFields(JsonWriter &w, const Rider &r) const
{
    w.field("rider_id", r.id);
    w.field("lat", r.position.lat, 6);
    w.field("lng", r.position.lng, 6);
    w.field("speed_mps", r.speedMps, 2);
    w.field("heading_deg", r.headingDeg, 1);
    w.field("accuracy_m", r.accuracyM, 1);
    w.field("battery_pct", r.batteryPct, 1);
}

void Simulation::emitRiderStatus(int index)
{
    const Rider &r = m_riders[static_cast<std::size_t>(index)];
    JsonWriter w = begin(r.depot, "rider.status");
    writeRiderStatusFields(w, r);
    finish();
}

void Simulation::emitRiderPosition(int index)
{
    if (m_thinFixes && (m_nowMs / 1000 + index) % kThinFixEveryS != 0)
        return; // not emitted at all: no seq spent, the stream stays whole
    const Rider &r = m_riders[static_cast<std::size_t>(index)];
    JsonWriter w = begin(r.depot, "rider.position");
    writeRiderPositionFields(w, r);
    finish();
}

void Simulation::emitSensors()
{
    for (Sensor &s : m_sensors) {
        if (m_nowMs < s.nextMs)
            continue;
        s.nextMs += s.periodMs;
        if (s.rider >= 0 && m_riders[static_cast<std::size_t>(s.rider)].status == RiderStatus::Offline)
            continue;
        double value = s.base + uniform(-0.8, 0.8) * (s.kind == "humidity" ? 6 : 1);
        if (s.excursionLeft > 0) {
            --s.excursionLeft;
            value = s.max + uniform(0.5, 4.0); // a door left open, a failing compressor
        } else if (s.kind == "temperature" && chance(0.01)) {
            s.excursionLeft = 3 + static_cast<int>(m_rng() % 6);
        }
        JsonWriter w = begin(s.depot, "sensor.reading");
        w.field("sensor_id", s.id);
        w.field("kind", s.kind);
        w.field("value", value, 1);
        w.field("unit", s.unit);
        if (s.rider >= 0)
            w.field("vehicle_id", m_riders[static_cast<std::size_t>(s.rider)].vehicleId);
        else
            w.field("depot", m_depots[static_cast<std::size_t>(s.depot)].id);
        w.field("min", s.min, 1);
        w.field("max", s.max, 1);
        finish();
    }
}

} // namespace opsdeck::sim
