// opsdeck-bench alerts: every shipped alert rule over 200k active orders and 20k riders.
// Each simulated second applies a second's worth of live events (20k riders reporting
// every 10 s, order progress, new orders) to real Projections, hands them to the
// AlertEngine as ConsoleCore does, then ticks it. tick_ms is the p95 of (engine work
// in onEvent for that second + onTick). The baseline, on the same projections and
// clock, is the naive engine: every tick scans every order and rider against every rule.
#include "BenchAlerts.h"

#include "core/alerts/AlertEngine.h"
#include "core/alerts/AlertRules.h"
#include "core/geo/CityGeometry.h"
#include "core/pipeline/Projections.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

namespace opsdeck::bench {

namespace {

using namespace opsdeck::core;
using Clock = std::chrono::steady_clock;
constexpr std::int64_t kMin = 60000;
constexpr std::int64_t kT0 = 1795312800000; // 2026-11-22T02:00:00Z
const char *const kDepots[] = {"BJ-CY-01", "BJ-HD-02", "BJ-DC-03", "BJ-XC-04", "BJ-FT-05"};
const double kDepotLat[] = {39.921, 39.959, 39.929, 39.908, 39.852};
const double kDepotLng[] = {116.463, 116.310, 116.409, 116.355, 116.291};

struct Feed {
    std::mt19937_64 rng{42};
    std::int64_t seq = 0;
    Event make(EventKind kind, std::int64_t ts, int depot)
    {
        Event e;
        e.kind = kind;
        e.epoch = "bench";
        e.depot = kDepots[depot];
        e.seq = ++seq;
        e.tsMs = ts;
        return e;
    }
    double uniform(double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); }
    int pick(int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); }
};

std::string numbered(const char *prefix, std::int64_t i)
{
    std::string s(prefix);
    s += std::to_string(i);
    return s;
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const auto at = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size()))) - 1;
    return v[std::min(at, v.size() - 1)];
}

// The naive engine's per-tick work: every rule against every order and rider, with the
// (rule, subject) lookup a dedupe needs. Returns how many order SLA conditions hold.
struct NaiveScan {
    const std::vector<AlertRule> &rules;
    const AlertZones &zones;
    std::unordered_set<std::string> open;

    std::int64_t run(const Projections &p, std::int64_t now)
    {
        std::int64_t slaHits = 0;
        p.forEachOrder([&](const OrderRecord &o) {
            for (const auto &r : rules) {
                bool hit = false;
                if (r.kind == AlertRuleKind::OrderStateTimeout)
                    hit = o.state == r.state
                        && now - o.enteredAtMs[static_cast<std::size_t>(o.state)] >= r.threshold("minutes") * kMin;
                else if (r.kind == AlertRuleKind::OrderPastEta)
                    hit = o.state == OrderState::Delivering && o.etaMs > 0
                        && now >= o.etaMs + r.threshold("grace_minutes") * kMin;
                else
                    continue;
                if (hit) {
                    if (r.kind == AlertRuleKind::OrderStateTimeout && r.debounceMs == 0)
                        ++slaHits;
                    std::string key = r.id;
                    key += o.orderId;
                    open.insert(std::move(key));
                }
            }
        });
        p.forEachRider([&](const RiderRecord &rd) {
            for (const auto &r : rules) {
                bool hit = false;
                switch (r.kind) {
                case AlertRuleKind::RiderFixStale: hit = now - rd.fixAtMs > r.threshold("seconds") * 1000; break;
                case AlertRuleKind::RiderBatteryLow: hit = rd.batteryPct >= 0 && rd.batteryPct < r.threshold("pct"); break;
                case AlertRuleKind::RiderOutOfZone: hit = !zones.inside(rd.depot, rd.lat, rd.lng); break;
                case AlertRuleKind::RiderStationary: hit = rd.status == "delivering" && rd.speedMps < 0.3; break;
                default: continue;
                }
                if (hit) {
                    std::string key = r.id;
                    key += rd.riderId;
                    open.insert(std::move(key));
                }
            }
        });
        return slaHits;
    }
};

} // namespace

int runAlertsBench(int argc, char **argv)
{
    constexpr int kOrders = 200000;
    constexpr int kRiders = 20000;
    int ticks = 120;
    bool baseline = true; // --no-baseline: the engine alone, for profiling
    for (int i = 2; i < argc; ++i) {
        if (std::string(argv[i]) == "--ticks" && i + 1 < argc)
            ticks = std::max(5, std::atoi(argv[i + 1]));
        if (std::string(argv[i]) == "--no-baseline")
            baseline = false;
    }

    AlertEngine::Options options;
    if (const auto city = geo::CityGeometry::builtIn())
        options.zones.load(*city);
    const AlertRuleSet ruleSet = loadAlertRules({});
    std::int64_t changes = 0;
    std::int64_t resyncs = 0;
    options.resyncCount = [&resyncs] { return resyncs; };
    const AlertZones zones = options.zones;
    AlertEngine engine(ruleSet.rules, [&changes](AlertOutput &&o) { changes += static_cast<std::int64_t>(o.changes.size()); },
                       std::move(options));
    Projections projections;
    Feed feed;
    const auto apply = [&](const Event &e) {
        const auto r = projections.apply(e);
        engine.onEvent(e, r.outcome == Projections::Outcome::Applied, projections);
    };

    std::printf("alerts: %zu rules, %d active orders, %d riders, 5 depots, %d ticks of 1 s\n", ruleSet.rules.size(),
                kOrders, kRiders, ticks);
    std::printf("  component figures: the alert engine on projections fed by this bench, no console\n");
    // Build the picture: orders spread over the last 40 minutes across the live states.
    const auto buildStart = Clock::now();
    std::vector<std::string> orderIds;
    orderIds.reserve(kOrders);
    for (int i = 0; i < kOrders; ++i) {
        const int depot = i % 5;
        const std::int64_t t = kT0 - static_cast<std::int64_t>(feed.uniform(0, 40) * kMin);
        Event c = feed.make(EventKind::OrderCreated, t, depot);
        c.orderId = numbered("o", i);
        c.merchantId = "M";
        c.customerPhone = numbered("138", i % 150000);
        c.addressText = numbered("addr ", i % 180000);
        c.lat = kDepotLat[depot];
        c.lng = kDepotLng[depot];
        c.promisedAtMs = t + 45 * kMin;
        apply(c);
        orderIds.push_back(c.orderId);
        const double stage = feed.uniform(0, 1);
        if (stage < 0.05)
            continue; // CREATED
        Event paid = feed.make(EventKind::OrderPaid, t + 20000, depot);
        paid.orderId = c.orderId;
        apply(paid);
        if (stage < 0.25)
            continue;
        Event stock = feed.make(EventKind::OrderStockChecked, t + 60000, depot);
        stock.orderId = c.orderId;
        apply(stock);
        if (stage < 0.50)
            continue;
        Event d = feed.make(EventKind::OrderDispatched, t + 3 * kMin, depot);
        d.orderId = c.orderId;
        d.riderId = numbered("r", i % kRiders);
        d.etaMs = t + static_cast<std::int64_t>(feed.uniform(15, 50) * kMin);
        apply(d);
        if (stage < 0.95)
            continue;
        Event x = feed.make(EventKind::OrderException, t + 5 * kMin, depot);
        x.orderId = c.orderId;
        x.reason = "delayed";
        apply(x);
    }
    for (int i = 0; i < kRiders; ++i) {
        const int depot = i % 5;
        Event s = feed.make(EventKind::RiderStatus, kT0 - kMin, depot);
        s.riderId = numbered("r", i);
        s.riderStatus = i % 10 < 6 ? "delivering" : "idle";
        s.riderName = "R";
        s.riderDepot = kDepots[depot];
        apply(s);
        Event p = feed.make(EventKind::RiderPosition, kT0 - feed.pick(10000), depot);
        p.riderId = s.riderId;
        p.lat = kDepotLat[depot] + feed.uniform(-0.01, 0.01);
        p.lng = kDepotLng[depot] + feed.uniform(-0.01, 0.01);
        p.hasPosition = true;
        p.batteryPct = feed.uniform(5, 100);
        p.speedMps = feed.uniform(0, 6);
        apply(p);
    }
    engine.onTick(projections, kT0); // first tick: nothing to re-index, every order came as an event
    const double buildMs = std::chrono::duration<double, std::milli>(Clock::now() - buildStart).count();
    std::printf("  built %zu orders, %zu riders and the index (%zu deadline entries) in %.0f ms\n",
                projections.orderCount(), projections.riderCount(), engine.indexedEntries(), buildMs);

    NaiveScan naive{engine.rules(), zones, {}};
    std::vector<double> engineMs, tickOnlyMs, naiveMs;
    std::int64_t eventsFed = 0;
    std::int64_t nextOrder = kOrders;
    for (int tick = 1; tick <= ticks; ++tick) {
        const std::int64_t now = kT0 + tick * 1000;
        // One second of feed: 2000 rider fixes, 400 order steps, new orders to match.
        std::vector<Event> second;
        second.reserve(3000);
        for (int k = 0; k < 2000; ++k) {
            const int r = (tick * 2000 + k) % kRiders;
            Event p = feed.make(EventKind::RiderPosition, now - feed.pick(1000), r % 5);
            p.riderId = numbered("r", r);
            const RiderRecord *rec = projections.findRider(p.riderId);
            p.lat = (rec ? rec->lat : kDepotLat[r % 5]) + feed.uniform(-0.0005, 0.0005);
            p.lng = (rec ? rec->lng : kDepotLng[r % 5]) + feed.uniform(-0.0005, 0.0005);
            p.hasPosition = true;
            p.batteryPct = rec ? std::max(1.0, rec->batteryPct - 0.01) : 50;
            second.push_back(std::move(p));
        }
        for (int k = 0; k < 400; ++k) {
            const std::string &id = orderIds[static_cast<std::size_t>(feed.pick(static_cast<int>(orderIds.size())))];
            const OrderRecord *o = projections.findOrder(id);
            if (!o)
                continue;
            const int depot = static_cast<int>(std::find(std::begin(kDepots), std::end(kDepots), o->depot) - std::begin(kDepots)) % 5;
            Event e;
            switch (o->state) {
            case OrderState::Created: e = feed.make(EventKind::OrderPaid, now, depot); break;
            case OrderState::Paid: e = feed.make(EventKind::OrderStockChecked, now, depot); e.stockOk = feed.pick(20) != 0; break;
            case OrderState::OutOfStock: e = feed.make(EventKind::OrderRestocked, now, depot); break;
            case OrderState::Picking:
                e = feed.make(EventKind::OrderDispatched, now, depot);
                e.riderId = numbered("r", feed.pick(kRiders));
                e.etaMs = now + 20 * kMin;
                break;
            case OrderState::Delivering:
                if (feed.pick(3) == 0) {
                    e = feed.make(EventKind::OrderEtaUpdated, now, depot);
                    e.etaMs = now + 10 * kMin;
                } else {
                    e = feed.make(EventKind::OrderSigned, now, depot);
                }
                break;
            case OrderState::Exception:
                e = feed.make(EventKind::OrderReassigned, now, depot);
                e.riderId = numbered("r", feed.pick(kRiders));
                e.etaMs = now + 15 * kMin;
                break;
            default: continue;
            }
            e.orderId = id;
            second.push_back(std::move(e));
        }
        const std::size_t signedCount = static_cast<std::size_t>(
            std::count_if(second.begin(), second.end(), [](const Event &e) { return e.kind == EventKind::OrderSigned; }));
        for (std::size_t k = 0; k < signedCount; ++k) {
            const int depot = static_cast<int>(nextOrder % 5);
            Event c = feed.make(EventKind::OrderCreated, now, depot);
            c.orderId = numbered("o", nextOrder++);
            c.customerPhone = numbered("139", nextOrder % 150000);
            c.addressText = numbered("addr ", nextOrder % 180000);
            c.promisedAtMs = now + 45 * kMin;
            orderIds.push_back(c.orderId);
            second.push_back(std::move(c));
        }
        if (tick % 40 == 0)
            ++resyncs;

        // Projections are the core's work, not the engine's: apply them outside the clock.
        double eventWork = 0;
        for (const Event &e : second) {
            const auto r = projections.apply(e);
            const auto t0 = Clock::now();
            engine.onEvent(e, r.outcome == Projections::Outcome::Applied, projections);
            eventWork += std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        }
        eventsFed += static_cast<std::int64_t>(second.size());
        const auto t0 = Clock::now();
        engine.onTick(projections, now);
        const double tickWork = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        engineMs.push_back(eventWork + tickWork);
        tickOnlyMs.push_back(tickWork);

        if (baseline) {
            const auto n0 = Clock::now();
            naive.open.clear();
            naive.run(projections, now);
            naiveMs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - n0).count());
        }
    }

    // Both must see the same SLA breaches (rules without debounce).
    const std::int64_t now = kT0 + ticks * 1000;
    naive.open.clear();
    const std::int64_t naiveHits = naive.run(projections, now);
    std::int64_t engineHits = 0;
    for (const auto &a : engine.book().openAlerts())
        for (const auto &r : engine.rules())
            if (r.id == a.ruleId && r.kind == AlertRuleKind::OrderStateTimeout && r.debounceMs == 0)
                ++engineHits;

    const double p95 = percentile(engineMs, 0.95);
    const double naiveP95 = percentile(naiveMs, 0.95);
    std::printf("  live events fed: %lld (%.0f per tick), alert changes: %lld, open alerts: %zu\n",
                static_cast<long long>(eventsFed), static_cast<double>(eventsFed) / ticks,
                static_cast<long long>(changes), engine.book().openCount());
    std::printf("  order SLA breaches open: engine %lld, naive scan %lld (%s)\n", static_cast<long long>(engineHits),
                static_cast<long long>(naiveHits), engineHits == naiveHits ? "agree" : "DISAGREE");
    std::printf("  indexed engine   p50 %8.2f ms  p95 %8.2f ms per tick (onTick alone p95 %.2f ms)\n",
                percentile(engineMs, 0.5), p95, percentile(tickOnlyMs, 0.95));
    std::printf("  naive full scan  p50 %8.2f ms  p95 %8.2f ms per tick\n", percentile(naiveMs, 0.5), naiveP95);
    std::printf("  speed-up at p95: %.1fx\n", p95 > 0 ? naiveP95 / p95 : 0.0);
    std::printf("RESULT alerts orders=%d riders=%d tick_ms=%.2f\n", kOrders, kRiders, p95);
    return engineHits == naiveHits ? 0 : 1;
}

} // namespace opsdeck::bench
