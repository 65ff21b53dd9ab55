#include "Simulation.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <charconv>
#include <cmath>
#include <limits>

namespace opsdeck::sim {

namespace {
constexpr std::int64_t kTickMs = 1000;
constexpr std::int64_t kFinalRetentionMs = 24LL * 3600 * 1000;
constexpr int kCustomersPerDepot = 300;
constexpr std::array<double, 5> kDepotWeights = {1.2, 1.0, 0.9, 0.8, 0.7};

} // namespace

std::string depotShortCode(const std::string &depotId)
{
    // "BJ-CY-01" -> "CY"
    const auto a = depotId.find('-');
    const auto b = depotId.find('-', a + 1);
    if (a == std::string::npos || b == std::string::npos)
        return depotId;
    return depotId.substr(a + 1, b - a - 1);
}

namespace {

std::string padded(std::uint64_t n, int width)
{
    std::string s = std::to_string(n);
    if (static_cast<int>(s.size()) < width)
        s.insert(0, static_cast<std::size_t>(width) - s.size(), '0');
    return s;
}
} // namespace

std::string_view toString(RiderStatus status)
{
    switch (status) {
    case RiderStatus::Offline: return "offline";
    case RiderStatus::Idle: return "idle";
    case RiderStatus::ToPickup: return "to_pickup";
    case RiderStatus::Delivering: return "delivering";
    case RiderStatus::Break: return "break";
    }
    return "idle";
}

Simulation::Simulation(std::shared_ptr<const City> city, SimulationOptions options)
    : m_city(std::move(city))
    , m_options(std::move(options))
    , m_rng(m_options.seed)
    , m_paths(m_city->graph())
    , m_nowMs(m_options.startMs)
    , m_nextTickMs(m_options.startMs + kTickMs)
{
    m_epoch = makeEpoch(m_nowMs);
    setUpIds();
    const int depotCount = setUpDepots();
    setUpMerchants(depotCount);
    setUpCustomersStockAndSensors();
    setUpRiders(depotCount);
    for (int d = 0; d < depotCount; ++d) {
        schedule(m_nowMs + randMs(0.5, 5), Act::Arrival, 0, d);
        scheduleBurst(d);
    }
    if (m_options.scenario == Scenario::Storm)
        schedule(m_nowMs + m_options.stormAfterMs, Act::StormToggle);
}

// Event ids must stay unique across gateway processes (a console dedups by id), so they
// carry a hash of the first epoch and the seed, then a counter.
void Simulation::setUpIds()
{
    std::uint64_t h = 1469598103934665603ULL ^ m_options.seed;
    for (char c : m_epoch)
        h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    char buf[16];
    const auto r = std::to_chars(buf, buf + sizeof buf, h % 60466176ULL, 36); // 5 base-36 digits
    m_idPrefix = "e-" + std::string(buf, r.ptr) + "-";
    // Order ids likewise: a console keeps yesterday's and the last run's orders, and a
    // restarted gateway reusing "DD261206000041" would collide with them.
    m_orderRunTag = std::to_string(10000 + (h / 60466176ULL) % 10000).substr(1);
}

int Simulation::setUpDepots()
{
    const auto &cityDepots = m_city->depots();
    const int first = std::clamp(m_options.firstDepot, 0, static_cast<int>(cityDepots.size()) - 1);
    const int depotCount = std::clamp(m_options.depots, 1, static_cast<int>(cityDepots.size()) - first);
    for (int d = 0; d < depotCount; ++d) {
        const Depot &cd = cityDepots[static_cast<std::size_t>(first + d)];
        DepotState ds;
        ds.id = cd.id;
        ds.scope = "depot:" + cd.id;
        ds.cityIndex = first + d;
        ds.weight = kDepotWeights[static_cast<std::size_t>(d) % kDepotWeights.size()];
        m_intake.ensureBreaker(ds.scope);
        m_depots.push_back(std::move(ds));
    }
    return depotCount;
}

void Simulation::setUpMerchants(int depotCount)
{
    m_intake.ensureBreaker("global");
    for (const Merchant &m : m_city->merchants()) {
        for (int d = 0; d < depotCount; ++d) {
            if (m.depot == m_depots[static_cast<std::size_t>(d)].id) {
                m_depots[static_cast<std::size_t>(d)].merchants.push_back(static_cast<int>(m_merchants.size()));
                m_depots[static_cast<std::size_t>(d)].merchantScopes.push_back("merchant:" + m.id);
                m_merchants.push_back(&m);
                m_merchantDepot.push_back(d);
            }
        }
    }
}

void Simulation::setUpCustomersStockAndSensors()
{
    const auto &cityDepots = m_city->depots();
    for (DepotState &ds : m_depots) {
        const Depot &cd = cityDepots[static_cast<std::size_t>(ds.cityIndex)];
        const std::vector<int> nodes = m_city->streetNodesInZone(cd);
        for (int i = 0; i < kCustomersPerDepot; ++i) {
            Customer c;
            c.name = Population::personName(m_rng);
            c.phone = Population::mobileNumber(m_rng);
            c.node = nodes[static_cast<std::size_t>(m_rng() % nodes.size())];
            c.position = m_city->graph().node(c.node);
            c.address = Population::address(m_rng, cd.district, m_city->streetNameAt(c.node));
            ds.customers.push_back(std::move(c));
        }
        const auto skus = catalog();
        for (std::size_t i = 0; i < skus.size(); ++i) {
            if (skus[i].stocked)
                ds.stock.push_back({static_cast<int>(i), static_cast<int>(30 + m_rng() % 90), 15, false});
        }
        Sensor cold{"S-" + depotShortCode(ds.id) + "-COLD-1", "temperature", "°C", 0, 8, 4.0,
                    static_cast<int>(&ds - m_depots.data()), -1};
        cold.nextMs = m_nowMs + randMs(1, 30);
        m_sensors.push_back(cold);
        Sensor hum{"S-" + depotShortCode(ds.id) + "-HUM-1", "humidity", "%", 50, 90, 70.0,
                   static_cast<int>(&ds - m_depots.data()), -1};
        hum.periodMs = 60000;
        hum.nextMs = m_nowMs + randMs(1, 60);
        m_sensors.push_back(hum);
    }
}

void Simulation::setUpRiders(int depotCount)
{
    const auto &cityDepots = m_city->depots();
    const int riderCount = std::max(0, m_options.riders);
    std::vector<int> perDepot(m_depots.size(), 0);
    for (int i = 0; i < riderCount; ++i) {
        const int d = i % depotCount;
        DepotState &ds = m_depots[static_cast<std::size_t>(d)];
        Rider r;
        r.id = "R-" + depotShortCode(ds.id) + "-" + padded(static_cast<std::uint64_t>(++perDepot[static_cast<std::size_t>(d)]), 3);
        r.name = Population::personName(m_rng);
        r.depot = d;
        r.capacity = chance(0.7) ? 3 : 4;
        r.cruiseMps = uniform(5.0, 7.0);
        r.batteryPct = uniform(55, 100);
        r.accuracyM = uniform(3, 10);
        r.node = cityDepots[static_cast<std::size_t>(ds.cityIndex)].node;
        r.position = m_city->graph().node(r.node);
        r.coldBox = chance(0.3);
        if (r.coldBox) {
            r.vehicleId = "EB-" + r.id.substr(2);
            Sensor s{"S-" + r.vehicleId + "-T", "temperature", "°C", 0, 8, 3.5, d, static_cast<int>(m_riders.size())};
            s.nextMs = m_nowMs + randMs(1, 30);
            m_sensors.push_back(s);
        }
        if (chance(0.1)) { // late shift: comes online within the first quarter hour
            r.status = RiderStatus::Offline;
            r.busyUntilMs = m_nowMs + randMs(60, 900);
        }
        ds.riders.push_back(static_cast<int>(m_riders.size()));
        m_riders.push_back(std::move(r));
    }
}

Simulation::~Simulation() = default;

double Simulation::uniform(double lo, double hi)
{
    // Spelled out instead of std::uniform_real_distribution, whose algorithm is
    // unspecified: the stream must not change with the standard library.
    return lo + (hi - lo) * (static_cast<double>(m_rng() >> 11) * 0x1.0p-53);
}

bool Simulation::chance(double p)
{
    return uniform(0, 1) < p;
}

std::int64_t Simulation::randMs(double loS, double hiS)
{
    return static_cast<std::int64_t>(uniform(loS, hiS) * 1000.0);
}

std::string Simulation::makeEpoch(std::int64_t ms) const
{
    std::string ts;
    appendTimestamp(ts, ms); // "\"2026-11-22T10:15:00.123Z\""
    std::string compact;
    for (char c : ts.substr(1, 19))
        if (c != '-' && c != ':')
            compact.push_back(c);
    return m_options.epochTag + "-" + compact + "Z";
}

void Simulation::restartEpoch()
{
    std::string next = makeEpoch(m_nowMs);
    if (m_epoch.starts_with(next)) // restarted within the same second
    {
        const std::string suffix = std::to_string(++m_epochRestarts);
        next.push_back('-');
        next.append(suffix);
    }
    m_epoch = next;
    for (DepotState &d : m_depots)
        d.seq = 0;
}

std::map<std::string, std::int64_t> Simulation::seqs() const
{
    std::map<std::string, std::int64_t> out;
    for (const DepotState &d : m_depots)
        out[d.id] = d.seq;
    return out;
}

std::string Simulation::heartbeatEnvelope() const
{
    std::string out;
    JsonWriter w(out);
    w.beginObject();
    w.field("v", 1);
    w.field("epoch", m_epoch);
    w.field("type", "heartbeat");
    w.key("ts");
    w.timestamp(m_nowMs);
    w.key("seqs");
    w.beginObject();
    for (const DepotState &d : m_depots)
        w.field(d.id, d.seq);
    w.endObject();
    w.endObject();
    return out;
}

void Simulation::schedule(std::int64_t at, Act kind, std::uint64_t order, int a, int b)
{
    Action act;
    act.at = std::max(at, m_nowMs);
    act.tie = ++m_actionTie;
    act.order = order;
    act.kind = kind;
    act.a = a;
    act.b = b;
    if (order != 0) {
        if (const Order *o = findOrder(order))
            act.generation = o->generation;
    }
    m_actions.push(act);
}

void Simulation::scheduleOrder(std::int64_t delayMs, Act kind, const Order &order)
{
    schedule(m_nowMs + delayMs, kind, order.number);
}

Order *Simulation::findOrder(std::uint64_t number)
{
    const auto it = m_orders.find(number);
    return it == m_orders.end() ? nullptr : &it->second;
}

Order *Simulation::findOrder(const std::string &id)
{
    const auto it = m_orderIndex.find(id);
    return it == m_orderIndex.end() ? nullptr : findOrder(it->second);
}

void Simulation::step(std::int64_t dtMs, std::vector<WireMessage> &out)
{
    m_out = &out;
    const std::int64_t target = m_nowMs + std::max<std::int64_t>(0, dtMs);
    for (;;) {
        const std::int64_t nextAct = m_actions.empty() ? std::numeric_limits<std::int64_t>::max() : m_actions.top().at;
        const std::int64_t next = std::min(nextAct, m_nextTickMs);
        if (next > target)
            break;
        m_nowMs = std::max(m_nowMs, next);
        if (nextAct <= m_nextTickMs) {
            const Action act = m_actions.top();
            m_actions.pop();
            runAction(act);
        } else {
            tick();
            m_nextTickMs += kTickMs;
        }
    }
    m_nowMs = target;
    m_out = nullptr;
}

void Simulation::runAction(const Action &act)
{
    if (act.kind == Act::Arrival)
        return arrival(act.a);
    if (act.kind == Act::Burst) {
        if (act.b > 0) { // one more order of a suspicious burst
            createOrder(act.a, static_cast<int>(act.order), act.b - 1); // order carries the merchant here
            return;
        }
        // start a burst: one account places several orders within half a minute
        DepotState &d = m_depots[static_cast<std::size_t>(act.a)];
        if (!d.merchants.empty()) {
            const int customer = static_cast<int>(m_rng() % d.customers.size());
            const int merchant = d.merchants[m_rng() % d.merchants.size()];
            const int count = m_storm ? 4 + static_cast<int>(m_rng() % 4) : 4;
            for (int i = 0; i < count; ++i)
                schedule(m_nowMs + randMs(0, 25), Act::Burst, static_cast<std::uint64_t>(merchant), act.a, customer + 1);
        }
        scheduleBurst(act.a);
        return;
    }
    if (act.kind == Act::Restock)
        return onRestock(act.a, act.b);
    if (act.kind == Act::StormToggle) {
        m_storm = !m_storm;
        schedule(m_nowMs + (m_storm ? m_options.stormMs : 24 * 60000), Act::StormToggle);
        if (m_storm) // the storm brings its own fake accounts
            for (int d = 0; d < static_cast<int>(m_depots.size()); ++d)
                schedule(m_nowMs + randMs(5, 40), Act::Burst, 0, d, 0);
        return;
    }
    Order *o = findOrder(act.order);
    if (!o || o->generation != act.generation)
        return; // the order moved on (a command or an earlier timer): this timer is stale
    switch (act.kind) {
    case Act::Pay: onPay(*o); break;
    case Act::RiskReview:
        if (o->state != core::OrderState::Held)
            break;
        if (chance(o->suspicious ? 0.35 : 0.9)) {
            emitSimple(*o, "order.released", "by", "risk_engine");
            setState(*o, core::OrderState::Paid);
            scheduleOrder(randMs(10, 30), Act::StockCheck, *o);
        } else {
            emitSimple(*o, "order.cancelled", "reason", "fraud_suspected");
            finishOrder(*o, core::OrderState::Cancelled);
        }
        break;
    case Act::PaymentReview:
        if (o->state != core::OrderState::Paid)
            break;
        emitSimple(*o, "order.held", "reason", "payment_review");
        setState(*o, core::OrderState::Held);
        scheduleOrder(randMs(30, 90), Act::RiskReview, *o);
        break;
    case Act::StockCheck: onStockCheck(*o); break;
    case Act::OutOfStockResolve: onOutOfStockResolve(*o); break;
    case Act::Picked: onPicked(*o); break;
    case Act::ExceptionResolve: onExceptionResolve(*o); break;
    case Act::ReturnDone:
        emitSimple(*o, "order.closed", "outcome", "returned_to_merchant");
        finishOrder(*o, core::OrderState::Closed);
        break;
    case Act::ClaimOpen: {
        JsonWriter w = begin(o->depot, "order.claim_opened");
        w.field("order_id", o->id);
        w.field("reason", "damaged");
        o->claimAmount = std::round(o->amount * uniform(0.3, 1.0) * 100) / 100;
        w.field("amount", o->claimAmount, 2);
        finish();
        setState(*o, core::OrderState::Claiming);
        scheduleOrder(randMs(300, 1200), Act::ClaimDone, *o);
        break;
    }
    case Act::ClaimDone:
        emitSimple(*o, "order.closed", "outcome", chance(0.8) ? "claim_paid" : "claim_rejected");
        finishOrder(*o, core::OrderState::Closed);
        break;
    default: break;
    }
}

void Simulation::tick()
{
    if (!m_announced) {
        m_announced = true;
        // First second: announce every rider and shelf so a fresh console has a picture.
        for (int i = 0; i < static_cast<int>(m_riders.size()); ++i)
            emitRiderStatus(i);
        for (int d = 0; d < static_cast<int>(m_depots.size()); ++d)
            for (const StockItem &s : m_depots[static_cast<std::size_t>(d)].stock)
                emitInventory(d, s);
    }
    m_intake.tick(m_nowMs);
    for (int i = 0; i < static_cast<int>(m_riders.size()); ++i)
        moveRider(i);
    for (int d = 0; d < static_cast<int>(m_depots.size()); ++d)
        dispatchReady(d);
    emitSensors();
    for (int d = 0; d < static_cast<int>(m_depots.size()); ++d)
        emitStats(d);
    while (!m_finalQueue.empty()) {
        Order *o = findOrder(m_finalQueue.front());
        if (o && o->finalMs + kFinalRetentionMs > m_nowMs)
            break;
        if (o) {
            m_orderIndex.erase(o->id);
            m_orders.erase(o->number);
        }
        m_finalQueue.pop_front();
    }
}

JsonWriter Simulation::begin(int depot, std::string_view type)
{
    DepotState &d = m_depots[static_cast<std::size_t>(depot)];
    if (m_silent) { // the event happens (its seq and id are spent) but nobody reads its text
        ++d.seq;
        ++m_eventCounter;
        ++m_generated;
        return JsonWriter(m_silentText, true);
    }
    WireMessage &msg = m_out->emplace_back();
    msg.topic.reserve(d.id.size() + 1 + type.size());
    msg.topic.append(d.id).append("/").append(type);
    msg.envelope.reserve(320);
    char id[40];
    std::memcpy(id, m_idPrefix.data(), m_idPrefix.size());
    const auto r = std::to_chars(id + m_idPrefix.size(), id + sizeof id, ++m_eventCounter, 36);
    beginEnvelope(msg.envelope, m_epoch, d.id, ++d.seq, std::string_view(id, static_cast<std::size_t>(r.ptr - id)),
                  m_nowMs, type);
    ++m_generated;
    return JsonWriter(msg.envelope);
}

void Simulation::finish()
{
    if (m_silent)
        return;
    endEnvelope(m_out->back().envelope);
}

std::map<std::string, std::string> Simulation::truthOrderStates() const
{
    std::map<std::string, std::string> out;
    for (const auto &[n, o] : m_orders)
        out.emplace(o.id, std::string(core::toString(o.state)));
    return out;
}

bool Simulation::hasDepot(const std::string &id) const
{
    return std::any_of(m_depots.begin(), m_depots.end(), [&](const DepotState &d) { return d.id == id; });
}

bool Simulation::hasMerchant(const std::string &id) const
{
    return std::any_of(m_merchants.begin(), m_merchants.end(), [&](const Merchant *m) { return m->id == id; });
}

std::vector<std::string> Simulation::depotIds() const
{
    std::vector<std::string> out;
    for (const DepotState &d : m_depots)
        out.push_back(d.id);
    return out;
}

std::vector<std::string> Simulation::riderIds() const
{
    std::vector<std::string> out;
    for (const Rider &r : m_riders)
        out.push_back(r.id);
    return out;
}

void Simulation::snapshot(const std::vector<std::string> &depots, std::vector<std::string> &records,
                          std::string &snapEnd) const
{
    auto wanted = [&](const std::string &id) {
        return depots.empty() || std::find(depots.begin(), depots.end(), id) != depots.end();
    };
    std::uint64_t n = 0;
    auto open = [&](const DepotState &d, std::string_view type) -> std::string & {
        std::string &env = records.emplace_back();
        beginEnvelope(env, m_epoch, d.id, d.seq, "s-" + std::to_string(m_eventCounter) + "-" + std::to_string(++n),
                      m_nowMs, type);
        return env;
    };
    for (std::size_t di = 0; di < m_depots.size(); ++di) {
        const DepotState &d = m_depots[di];
        if (!wanted(d.id))
            continue;
        for (const auto &[num, o] : m_orders) {
            if (o.depot != static_cast<int>(di) || (core::isFinal(o.state) && o.finalMs + kFinalRetentionMs <= m_nowMs))
                continue;
            std::string &env = open(d, "order.snapshot");
            JsonWriter w(env);
            writeOrderBody(w, o);
            w.field("state", core::toString(o.state));
            w.key("rider_id");
            if (o.rider >= 0)
                w.value(m_riders[static_cast<std::size_t>(o.rider)].id);
            else
                w.null();
            w.key("eta");
            if (o.etaMs > 0)
                w.timestamp(o.etaMs);
            else
                w.null();
            w.key("created_at");
            w.timestamp(o.createdMs);
            endEnvelope(env);
        }
        for (int ri : d.riders) {
            std::string &env = open(d, "rider.snapshot");
            JsonWriter w(env);
            const Rider &r = m_riders[static_cast<std::size_t>(ri)];
            writeRiderStatusFields(w, r);
            w.field("lat", r.position.lat, 6);
            w.field("lng", r.position.lng, 6);
            w.field("speed_mps", r.speedMps, 2);
            w.field("heading_deg", r.headingDeg, 1);
            w.field("accuracy_m", r.accuracyM, 1);
            w.field("battery_pct", r.batteryPct, 1);
            endEnvelope(env);
        }
    }
    snapEnd.clear();
    JsonWriter w(snapEnd);
    w.beginObject();
    w.field("epoch", m_epoch);
    w.key("seqs");
    w.beginObject();
    for (const DepotState &d : m_depots)
        if (wanted(d.id))
            w.field(d.id, d.seq);
    w.endObject();
    w.endObject();
}

} // namespace opsdeck::sim
