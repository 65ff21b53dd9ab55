// Intake and the order lifecycle up to dispatch, plus what happens after a mishap.
#include "Simulation.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace opsdeck::sim {

namespace {
using core::OrderState;

// Channel mix of a normal day; in a storm the campus lunch rush is 20 times busier.
constexpr std::array<double, 3> kChannelShare = {0.40, 0.35, 0.25};
constexpr double kStormCampusFactor = 20.0;
constexpr std::array<const char *, 4> kPayMethods = {"wechat", "alipay", "card", "campus_card"};

// What customers write for the rider, per channel (fresh, campus, errand).
constexpr std::array<std::array<const char *, 4>, 3> kNotes = {{
    {"鸡蛋易碎，请轻拿轻放", "放门卫室就好", "到了请打电话，不要按门铃", "Please leave it at the door"},
    {"送到宿舍楼下，到了打电话", "多给两双筷子", "不要辣", "Meet me at the library's east gate"},
    {"代取快递，取件码 6-2-3015", "药品，请尽快送达", "文件请勿折叠", "Call when you arrive"},
}};

// Note and priority come from a hash of the order number, not from the simulation's
// random stream, so adding them left every other seeded run exactly as it was.
void addNoteAndPriority(Order &o)
{
    std::uint64_t h = o.number + 0x9e3779b97f4a7c15ULL; // splitmix64
    h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
    h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
    h ^= h >> 31;
    const auto &notes = kNotes[static_cast<std::size_t>(o.channel)];
    if (h % 100 < 12)
        o.note = notes[(h >> 8) % notes.size()];
    const auto roll = (h >> 20) % 100;
    // An errand for medicine is always urgent; otherwise a few orders are.
    if (o.note == notes[1] && o.channel == Channel::Errand)
        o.priority = core::OrderPriority::Urgent;
    else if (roll < 2)
        o.priority = core::OrderPriority::Urgent;
    else if (roll < 9)
        o.priority = core::OrderPriority::High;
}
} // namespace

double Simulation::currentRatePerMin(int depot) const
{
    double weights = 0;
    for (const DepotState &d : m_depots)
        weights += d.weight;
    const double base = m_options.ordersPerMin * m_depots[static_cast<std::size_t>(depot)].weight / weights;
    if (!m_storm)
        return base;
    return base * (kChannelShare[0] + kChannelShare[1] * kStormCampusFactor + kChannelShare[2]);
}

double Simulation::errorProbability(int depot)
{
    // The payment backend degrades once a depot's admitted load passes its capacity:
    // this is what trips the auto breakers in a storm without a rate limit.
    DepotState &d = m_depots[static_cast<std::size_t>(depot)];
    while (!d.acceptedMs.empty() && d.acceptedMs.front() <= m_nowMs - 60000)
        d.acceptedMs.pop_front();
    double weights = 0;
    for (const DepotState &x : m_depots)
        weights += x.weight;
    const double capacity = std::max(20.0, 2.5 * m_options.ordersPerMin * d.weight / weights);
    const double load = static_cast<double>(d.acceptedMs.size());
    return std::min(0.9, 0.01 + std::max(0.0, load / capacity - 1.0) * 0.8);
}

void Simulation::scheduleBurst(int depot)
{
    // Normal days see a fraud burst every 15 minutes or so; storms bring them faster.
    const double meanS = m_storm ? 45.0 : 900.0 * static_cast<double>(m_depots.size());
    const double gap = -std::log(1.0 - uniform(0, 0.999)) * meanS;
    schedule(m_nowMs + static_cast<std::int64_t>(gap * 1000) + 1000, Act::Burst, 0, depot, 0);
}

void Simulation::arrival(int depot)
{
    const double perMs = currentRatePerMin(depot) / 60000.0;
    const double gap = perMs > 0 ? -std::log(1.0 - uniform(0, 0.999)) / perMs : 60000.0;
    schedule(m_nowMs + std::max<std::int64_t>(1, static_cast<std::int64_t>(gap)), Act::Arrival, 0, depot);
    const DepotState &d = m_depots[static_cast<std::size_t>(depot)];
    if (d.merchants.empty() || d.customers.empty())
        return;
    std::array<double, 3> w = kChannelShare;
    if (m_storm)
        w[1] *= kStormCampusFactor;
    double u = uniform(0, w[0] + w[1] + w[2]);
    int channel = 0;
    while (channel < 2 && u >= w[static_cast<std::size_t>(channel)])
        u -= w[static_cast<std::size_t>(channel++)];
    std::vector<int> fitting;
    for (int m : d.merchants)
        if (m_merchants[static_cast<std::size_t>(m)]->channel == toString(static_cast<Channel>(channel)))
            fitting.push_back(m);
    const std::vector<int> &pool = fitting.empty() ? d.merchants : fitting;
    const int merchant = pool[m_rng() % pool.size()];
    // People order from nearby: campus meals go to the dorms around the canteen, fresh
    // goods anywhere in the depot's zone. Best of k random customers by distance.
    const int k = channel == 1 ? 6 : (channel == 2 ? 3 : 2);
    const LatLng from = m_merchants[static_cast<std::size_t>(merchant)]->position;
    int customer = static_cast<int>(m_rng() % d.customers.size());
    for (int i = 1; i < k; ++i) {
        const int c = static_cast<int>(m_rng() % d.customers.size());
        if (distanceMetres(from, d.customers[static_cast<std::size_t>(c)].position)
            < distanceMetres(from, d.customers[static_cast<std::size_t>(customer)].position))
            customer = c;
    }
    createOrder(depot, merchant, customer);
}

void Simulation::createOrder(int homeDepot, int merchant, int customer)
{
    int target = homeDepot;
    if (const auto div = m_intake.diversionFrom(m_depots[static_cast<std::size_t>(homeDepot)].id)) {
        if (chance(div->share)) {
            for (int d = 0; d < static_cast<int>(m_depots.size()); ++d)
                if (m_depots[static_cast<std::size_t>(d)].id == div->to)
                    target = d;
        }
    }
    DepotState &dt = m_depots[static_cast<std::size_t>(target)];
    const std::string mscope = "merchant:" + m_merchants[static_cast<std::size_t>(merchant)]->id;
    ++dt.offered;
    switch (m_intake.admit(dt.scope, mscope, m_nowMs)) {
    case Admission::RateLimited: ++dt.rateLimited; return;
    case Admission::BreakerOpen: ++dt.breakerOpen; return;
    case Admission::Accepted: break;
    }
    ++dt.accepted;
    dt.acceptedMs.push_back(m_nowMs);

    Order o;
    o.number = ++m_orderNumber;
    {
        std::string day;
        appendTimestamp(day, m_nowMs); // "\"2026-11-22T..."
        o.id = "DD" + day.substr(3, 2) + day.substr(6, 2) + day.substr(9, 2) + m_orderRunTag
            + (o.number < 1000000 ? std::to_string(1000000 + o.number).substr(1) : std::to_string(o.number));
    }
    o.depot = target;
    o.merchant = merchant;
    o.customer = customer;
    o.customerDepot = homeDepot;
    o.channel = channelFromString(m_merchants[static_cast<std::size_t>(merchant)]->channel);
    const auto skus = catalog();
    std::vector<int> choices;
    for (std::size_t i = 0; i < skus.size(); ++i)
        if (skus[i].channel == o.channel)
            choices.push_back(static_cast<int>(i));
    const int lines = o.channel == Channel::Errand ? 1 : 1 + static_cast<int>(m_rng() % 3);
    for (int i = 0; i < lines && !choices.empty(); ++i) {
        const auto pick = m_rng() % choices.size();
        o.items.push_back({choices[pick], o.channel == Channel::Errand ? 1 : 1 + static_cast<int>(m_rng() % 3)});
        choices.erase(choices.begin() + static_cast<std::ptrdiff_t>(pick));
    }
    double amount = uniform(3, 6); // delivery fee
    for (const OrderLine &l : o.items)
        amount += skus[static_cast<std::size_t>(l.sku)].price * l.qty;
    o.amount = std::round(amount * 100) / 100;
    o.payMethod = kPayMethods[m_rng() % (o.channel == Channel::Campus ? 4 : 3)];
    o.createdMs = m_nowMs;
    const int promiseMin = o.channel == Channel::Campus ? 30 : (o.channel == Channel::Fresh ? 45 : 40);
    o.promisedMs = m_nowMs + promiseMin * 60000LL;
    o.paymentFails = chance(errorProbability(target));
    m_intake.recordOutcome(dt.scope, mscope, o.paymentFails, m_nowMs);

    Customer &c = m_depots[static_cast<std::size_t>(homeDepot)].customers[static_cast<std::size_t>(customer)];
    while (!c.recentOrdersMs.empty() && c.recentOrdersMs.front() < m_nowMs - 120000)
        c.recentOrdersMs.pop_front();
    c.recentOrdersMs.push_back(m_nowMs);
    o.suspicious = c.recentOrdersMs.size() >= 3; // the third order in two minutes trips the fraud rule
    addNoteAndPriority(o);

    const std::uint64_t number = o.number;
    m_orderIndex.emplace(o.id, number);
    Order &stored = m_orders.emplace(number, std::move(o)).first->second;
    emitCreated(stored);
    scheduleOrder(stored.suspicious ? randMs(1, 3) : randMs(5, 40), Act::Pay, stored);
}

void Simulation::onPay(Order &o)
{
    if (o.state != OrderState::Created)
        return;
    if (o.suspicious) {
        emitSimple(o, "order.held", "reason", "suspicious_burst");
        setState(o, OrderState::Held);
        scheduleOrder(randMs(60, 240), Act::RiskReview, o);
        return;
    }
    if (o.paymentFails || chance(0.015)) {
        emitSimple(o, "order.cancelled", "reason", o.paymentFails ? "payment_failed" : "customer_request");
        finishOrder(o, OrderState::Cancelled);
        return;
    }
    JsonWriter w = begin(o.depot, "order.paid");
    w.field("order_id", o.id);
    w.field("amount", o.amount, 2);
    w.field("method", o.payMethod);
    finish();
    setState(o, OrderState::Paid);
    if (chance(0.01))
        scheduleOrder(randMs(2, 5), Act::PaymentReview, o);
    else
        scheduleOrder(randMs(10, 40), Act::StockCheck, o);
}

void Simulation::onStockCheck(Order &o)
{
    if (o.state != OrderState::Paid)
        return;
    DepotState &d = m_depots[static_cast<std::size_t>(o.depot)];
    const auto skus = catalog();
    std::vector<int> shortSkus;
    auto stockOf = [&d](int sku) -> StockItem * {
        for (StockItem &s : d.stock)
            if (s.sku == sku)
                return &s;
        return nullptr;
    };
    for (const OrderLine &l : o.items) {
        const StockItem *s = stockOf(l.sku);
        if (s && s->qty < l.qty)
            shortSkus.push_back(l.sku);
    }
    // Now and then a picker finds a damaged or expired item the system still counted.
    if (shortSkus.empty() && chance(0.03)) {
        for (const OrderLine &l : o.items)
            if (stockOf(l.sku)) {
                shortSkus.push_back(l.sku);
                break;
            }
    }
    JsonWriter w = begin(o.depot, "order.stock_checked");
    w.field("order_id", o.id);
    w.field("ok", shortSkus.empty());
    w.key("short_skus");
    w.beginArray();
    for (int s : shortSkus)
        w.value(skus[static_cast<std::size_t>(s)].sku);
    w.endArray();
    finish();
    if (!shortSkus.empty()) {
        setState(o, OrderState::OutOfStock);
        for (int s : shortSkus) {
            StockItem *item = stockOf(s);
            if (!item->restockPending) {
                item->restockPending = true;
                schedule(m_nowMs + randMs(120, 420), Act::Restock, 0, o.depot, static_cast<int>(item - d.stock.data()));
            }
        }
        scheduleOrder(randMs(240, 600), Act::OutOfStockResolve, o);
        return;
    }
    for (const OrderLine &l : o.items) {
        if (StockItem *s = stockOf(l.sku)) {
            s->qty -= l.qty;
            emitInventory(o.depot, *s);
            if (s->qty <= s->reorderPoint && !s->restockPending) {
                s->restockPending = true;
                schedule(m_nowMs + randMs(600, 1200), Act::Restock, 0, o.depot, static_cast<int>(s - d.stock.data()));
            }
        }
    }
    setState(o, OrderState::Picking);
    scheduleOrder(o.channel == Channel::Errand ? randMs(30, 90) : randMs(60, 240), Act::Picked, o);
}

void Simulation::onRestock(int depot, int stockIndex)
{
    StockItem &s = m_depots[static_cast<std::size_t>(depot)].stock[static_cast<std::size_t>(stockIndex)];
    s.qty += 60 + static_cast<int>(m_rng() % 60);
    s.restockPending = false;
    emitInventory(depot, s);
}

void Simulation::onOutOfStockResolve(Order &o)
{
    if (o.state != OrderState::OutOfStock)
        return;
    if (chance(0.25)) {
        emitSimple(o, "order.cancelled", "reason", "out_of_stock");
        finishOrder(o, OrderState::Cancelled);
        return;
    }
    JsonWriter w = begin(o.depot, "order.restocked");
    w.field("order_id", o.id);
    finish();
    DepotState &d = m_depots[static_cast<std::size_t>(o.depot)];
    for (const OrderLine &l : o.items) {
        for (StockItem &s : d.stock) {
            if (s.sku == l.sku) {
                s.qty = std::max(0, s.qty - l.qty);
                emitInventory(o.depot, s);
            }
        }
    }
    setState(o, OrderState::Picking);
    scheduleOrder(randMs(60, 180), Act::Picked, o);
}

void Simulation::onPicked(Order &o)
{
    if (o.state != OrderState::Picking)
        return;
    if (chance(0.01)) {
        emitSimple(o, "order.cancelled", "reason", "customer_request");
        finishOrder(o, OrderState::Cancelled);
        return;
    }
    o.readyMs = m_nowMs;
    m_depots[static_cast<std::size_t>(o.depot)].ready.push_back(o.number);
}

void Simulation::onExceptionResolve(Order &o)
{
    if (o.state != OrderState::Exception)
        return;
    const Mishap m = o.mishap;
    if (m == Mishap::CustomerRejected || (m == Mishap::AddressInvalid && chance(0.4))) {
        emitSimple(o, "order.return_started", "reason", m == Mishap::CustomerRejected ? "customer_rejected" : "address_invalid");
        setState(o, OrderState::Returning);
        scheduleOrder(randMs(300, 900), Act::ReturnDone, o);
        return;
    }
    if (m == Mishap::Damaged) {
        scheduleOrder(randMs(5, 30), Act::ClaimOpen, o); // keeps EXCEPTION until the claim is filed
        return;
    }
    // Accident, delay, corrected address: hand it to a rider (the same one unless hurt).
    const int exclude = m == Mishap::TrafficAccident ? o.rider : -1;
    int rider = -1;
    if (m != Mishap::TrafficAccident && o.rider >= 0) {
        const Rider &r = m_riders[static_cast<std::size_t>(o.rider)];
        if (r.status != RiderStatus::Break && r.status != RiderStatus::Offline)
            rider = o.rider;
    }
    if (rider < 0)
        rider = pickRider(o.depot, o.handoverNode, exclude);
    if (rider < 0) {
        scheduleOrder(30000, Act::ExceptionResolve, o); // nobody free: try again shortly
        return;
    }
    reassignTo(o, rider, "order.reassigned");
}

void Simulation::setState(Order &o, core::OrderState state)
{
    o.state = state;
    ++o.generation;
}

void Simulation::finishOrder(Order &o, core::OrderState state)
{
    setState(o, state);
    o.finalMs = m_nowMs;
    m_finalQueue.push_back(o.number);
    if (o.rider >= 0)
        dropOrderTasks(m_riders[static_cast<std::size_t>(o.rider)], o.number);
}

void Simulation::writeOrderBody(JsonWriter &w, const Order &o) const
{
    const Merchant &m = *m_merchants[static_cast<std::size_t>(o.merchant)];
    const Customer &c = m_depots[static_cast<std::size_t>(o.customerDepot)].customers[static_cast<std::size_t>(o.customer)];
    w.field("order_id", o.id);
    w.field("merchant_id", m.id);
    w.field("channel", toString(o.channel));
    w.key("customer");
    w.beginObject();
    w.field("name", c.name);
    w.field("phone", c.phone);
    w.endObject();
    w.key("address");
    w.beginObject();
    w.field("text", c.address);
    w.field("lat", c.position.lat, 6);
    w.field("lng", c.position.lng, 6);
    w.endObject();
    if (!o.note.empty())
        w.field("note", o.note);
    if (o.priority != core::OrderPriority::Normal)
        w.field("priority", core::toString(o.priority));
    w.key("items");
    w.beginArray();
    const auto skus = catalog();
    for (const OrderLine &l : o.items) {
        const Sku &s = skus[static_cast<std::size_t>(l.sku)];
        w.beginObject();
        w.field("sku", s.sku);
        w.field("name", s.name);
        w.field("qty", l.qty);
        w.field("unit", s.unit);
        w.endObject();
    }
    w.endArray();
    w.field("amount", o.amount, 2);
    w.key("promised_at");
    w.timestamp(o.promisedMs);
}

void Simulation::emitCreated(const Order &o)
{
    JsonWriter w = begin(o.depot, "order.created");
    writeOrderBody(w, o);
    finish();
}

void Simulation::emitSimple(const Order &o, std::string_view type, std::string_view key, std::string_view value)
{
    JsonWriter w = begin(o.depot, type);
    w.field("order_id", o.id);
    w.field(key, value);
    finish();
}

void Simulation::emitInventory(int depot, const StockItem &item)
{
    const Sku &s = catalog()[static_cast<std::size_t>(item.sku)];
    JsonWriter w = begin(depot, "inventory.level");
    // Extension (docs/protocol.md): each SKU on a depot's shelf is supplied by one of the
    // depot's merchants, always the same one, so a merchant sees its own stock only.
    const DepotState &d = m_depots[static_cast<std::size_t>(depot)];
    if (!d.merchants.empty())
        w.field("merchant_id", m_merchants[static_cast<std::size_t>(d.merchants[static_cast<std::size_t>(item.sku) % d.merchants.size()])]->id);
    w.field("sku", s.sku);
    w.field("name", s.name);
    w.field("qty", item.qty);
    w.field("unit", s.unit);
    w.field("reorder_point", item.reorderPoint);
    finish();
}

void Simulation::emitStats(int depot)
{
    DepotState &d = m_depots[static_cast<std::size_t>(depot)];
    JsonWriter w = begin(depot, "gateway.stats");
    w.field("window_s", 1);
    w.field("offered", d.offered);
    w.field("accepted", d.accepted);
    w.key("rejected");
    w.beginObject();
    w.field("rate_limited", d.rateLimited);
    w.field("breaker_open", d.breakerOpen);
    w.endObject();
    w.key("limits");
    w.beginArray();
    for (const auto &l : m_intake.limitsFor(d.scope, d.merchantScopes)) {
        w.beginObject();
        w.field("scope", l.scope);
        w.field("per_min", l.perMin, 1);
        w.field("burst", l.burst, 1);
        w.endObject();
    }
    w.endArray();
    w.key("breakers");
    w.beginArray();
    for (const auto &b : m_intake.breakersFor(d.scope, d.merchantScopes)) {
        w.beginObject();
        w.field("scope", b.scope);
        w.field("state", toString(b.state));
        w.field("mode", toString(b.mode));
        w.field("error_rate", b.errorRate, 3);
        w.endObject();
    }
    w.endArray();
    w.key("diversions");
    w.beginArray();
    for (const auto &dv : m_intake.diversionsTouching(d.id)) {
        w.beginObject();
        w.field("from", dv.from);
        w.field("to", dv.to);
        w.field("share", dv.share, 3);
        w.endObject();
    }
    w.endArray();
    finish();
    d.offered = d.accepted = d.rateLimited = d.breakerOpen = 0;
}

} // namespace opsdeck::sim
