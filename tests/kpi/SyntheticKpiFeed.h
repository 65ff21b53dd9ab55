#pragma once

// A deterministic, time-ordered stream of typed events shaped like a delivery day (order
// lifecycles with paid/pick/dispatch/sign delays, out-of-stock, exceptions with returns and
// claims, rider status churn, cold-room sensors, gateway.stats). Used by the KPI benchmark
// (hours to days of events, fast) and the dashboard screenshot. Events are built as the
// decoder would hand them over (flat fields and typed payloads); `raw` is a short envelope
// for the event log.
#include "core/model/Event.h"

#include <algorithm>
#include <cstdint>
#include <queue>
#include <random>
#include <string>
#include <vector>

namespace kpitest {

class SyntheticKpiFeed
{
public:
    using core_Event = opsdeck::core::Event;
    using Kind = opsdeck::core::EventKind;
    struct Options {
        std::uint64_t seed = 7;
        int depots = 4;
        double ordersPerMinPerDepot = 8;
        int ridersPerDepot = 25;
        std::int64_t startMs = 0;
        int statsEverySec = 10;
        int sensorEverySec = 30;
        double delayScale = 1.0; // < 1 compresses every lifecycle delay (load tests reach steady state fast)
    };

    explicit SyntheticKpiFeed(Options o) : m_o(o), m_rng(o.seed)
    {
        static const char *names[] = {"BJ-CY-01", "BJ-HD-02", "BJ-TZ-03", "BJ-FT-04", "BJ-SJ-05", "BJ-DX-06"};
        for (int d = 0; d < m_o.depots; ++d)
            m_depots.push_back(names[d % 6]);
        m_seq.assign(m_depots.size(), 0);
        m_excursionLeft.assign(m_depots.size(), 0);
        m_arrival = static_cast<double>(m_o.startMs) + arrivalGapMs();
        m_nextArrival = static_cast<std::int64_t>(m_arrival);
        m_nextPeriodic = m_o.startMs;
        m_nextChurn = m_o.startMs + 1000;
        for (int d = 0; d < m_o.depots; ++d)
            for (int r = 0; r < m_o.ridersPerDepot; ++r) {
                const std::string id = "r-" + std::to_string(d) + "-" + std::to_string(r);
                m_riders.push_back({id, d});
                push(rider(d, id, r % 10 == 9 ? "offline" : "idle", m_o.startMs));
            }
    }

    std::int64_t nowMs() const { return m_now; }
    const std::vector<std::string> &riderIds() const
    {
        if (m_riderIds.empty())
            for (const auto &r : m_riders)
                m_riderIds.push_back(r.id);
        return m_riderIds;
    }

    core_Event next()
    {
        for (;;) {
            const std::int64_t source = std::min({m_nextArrival, m_nextPeriodic, m_nextChurn});
            if (!m_heap.empty() && m_heap.top().ev.tsMs <= source)
                break;
            if (source == m_nextArrival) {
                newOrder(m_nextArrival);
                m_arrival += arrivalGapMs(); // fractional: sub-millisecond gaps at load-test rates
                m_nextArrival = static_cast<std::int64_t>(m_arrival);
            } else if (source == m_nextPeriodic) {
                periodic(m_nextPeriodic);
                m_nextPeriodic += 1000LL * std::min(m_o.statsEverySec, m_o.sensorEverySec);
            } else {
                churn(m_nextChurn);
                m_nextChurn += expMs(7.2e6 / std::max<std::size_t>(1, m_riders.size())); // each rider ~every 2 h
            }
        }
        Item item = m_heap.top();
        m_heap.pop();
        core_Event &e = item.ev;
        const std::size_t d = static_cast<std::size_t>(item.depot);
        e.seq = ++m_seq[d];
        e.id = "e-" + std::to_string(++m_ids);
        if (e.raw.empty())
            e.raw = "{\"v\":1,\"epoch\":\"gw-syn\",\"depot\":\"" + e.depot + "\",\"seq\":" + std::to_string(e.seq)
                + ",\"type\":\"" + std::string(opsdeck::core::typeName(e.kind)) + "\",\"data\":{\"order_id\":\"" + e.orderId
                + "\",\"rider_id\":\"" + e.riderId + "\"}}";
        m_now = e.tsMs;
        return std::move(e);
    }

private:
    struct Item {
        core_Event ev;
        int depot = 0;
        std::uint64_t order = 0;
        bool operator>(const Item &o) const { return ev.tsMs != o.ev.tsMs ? ev.tsMs > o.ev.tsMs : order > o.order; }
    };
    struct Rider {
        std::string id;
        int depot;
    };

    double uniform(double a, double b) { return std::uniform_real_distribution<double>(a, b)(m_rng); }
    bool chance(double p) { return uniform(0, 1) < p; }
    std::int64_t secs(double a, double b) { return static_cast<std::int64_t>(uniform(a, b) * 1000 * m_o.delayScale) + 1; }
    double arrivalGapMs()
    {
        return std::exponential_distribution<double>(m_o.ordersPerMinPerDepot * m_o.depots / 60000.0)(m_rng);
    }
    std::int64_t expMs(double meanMs)
    {
        return std::max<std::int64_t>(1, static_cast<std::int64_t>(std::exponential_distribution<double>(1.0 / meanMs)(m_rng)));
    }

    void push(core_Event e)
    {
        int depot = 0;
        for (std::size_t i = 0; i < m_depots.size(); ++i)
            if (m_depots[i] == e.depot)
                depot = static_cast<int>(i);
        m_heap.push(Item{std::move(e), depot, ++m_order});
    }

    core_Event base(int depot, Kind kind, std::int64_t ts)
    {
        core_Event e;
        e.kind = kind;
        e.epoch = "gw-syn";
        e.depot = m_depots[static_cast<std::size_t>(depot)];
        e.tsMs = ts;
        return e;
    }

    core_Event rider(int depot, const std::string &id, const char *status, std::int64_t ts)
    {
        core_Event e = base(depot, Kind::RiderStatus, ts);
        e.riderId = id;
        e.riderStatus = status;
        e.riderDepot = e.depot;
        e.capacity = 3;
        return e;
    }

    core_Event step(int depot, const std::string &order, Kind kind, std::int64_t ts)
    {
        core_Event e = base(depot, kind, ts);
        e.orderId = order;
        return e;
    }

    void newOrder(std::int64_t t)
    {
        static const char *channels[] = {"fresh", "campus", "errand"};
        const int d = static_cast<int>(m_rng() % m_depots.size());
        const std::string id = "o-" + std::to_string(++m_orders);
        core_Event c = step(d, id, Kind::OrderCreated, t);
        c.merchantId = "m-" + std::to_string(1 + m_rng() % 12);
        c.channel = channels[m_rng() % 3];
        c.promisedAtMs = t + secs(1800, 3000); // promised 30..50 min after the order
        c.amount = uniform(15, 120);
        push(c);
        std::int64_t at = t + secs(5, 60);
        push(step(d, id, Kind::OrderPaid, at));
        if (chance(0.02)) {
            auto x = step(d, id, Kind::OrderCancelled, at + secs(10, 120));
            x.reason = "customer_request";
            push(x);
            return;
        }
        at += secs(20, 90);
        core_Event stock = step(d, id, Kind::OrderStockChecked, at);
        stock.stockOk = !chance(0.04);
        push(stock);
        if (!stock.stockOk) {
            if (chance(0.5)) {
                auto x = step(d, id, Kind::OrderCancelled, at + secs(60, 240));
                x.reason = "out_of_stock";
                push(x);
                return;
            }
            at += secs(120, 300);
            push(step(d, id, Kind::OrderRestocked, at));
        }
        at += chance(0.1) ? secs(480, 900) : secs(120, 420);
        const Rider &r = m_riders[static_cast<std::size_t>(d * m_o.ridersPerDepot) + m_rng() % m_o.ridersPerDepot];
        core_Event disp = step(d, id, Kind::OrderDispatched, at);
        disp.riderId = r.id;
        disp.etaMs = at + 25 * 60000;
        push(disp);
        push(rider(d, r.id, "delivering", at));
        if (chance(0.035)) {
            static const char *reasons[] = {"delayed", "delayed", "delayed", "traffic_accident", "customer_rejected",
                                            "customer_rejected", "damaged", "address_invalid", "other", "delayed"};
            const char *reason = reasons[m_rng() % 10];
            const std::int64_t ex = at + secs(300, 1200);
            core_Event e = step(d, id, Kind::OrderException, ex);
            e.reason = reason;
            push(e);
            push(rider(d, r.id, "idle", ex + 1));
            const std::string why = reason;
            if (why == "customer_rejected" || why == "address_invalid") {
                push(step(d, id, Kind::OrderReturnStarted, ex + secs(60, 300)));
                auto cl = step(d, id, Kind::OrderClosed, ex + secs(900, 1800));
                cl.reason = "returned";
                push(cl);
            } else if (why == "damaged") {
                push(step(d, id, Kind::OrderClaimOpened, ex + secs(60, 300)));
                auto cl = step(d, id, Kind::OrderClosed, ex + secs(900, 1800));
                cl.reason = "refunded";
                push(cl);
            } else {
                auto re = step(d, id, Kind::OrderReassigned, ex + secs(60, 300));
                re.riderId = r.id;
                re.etaMs = ex + 20 * 60000;
                push(re);
                push(step(d, id, Kind::OrderSigned, ex + secs(600, 1200)));
            }
            return;
        }
        const std::int64_t sign = at + secs(540, 1900);
        push(step(d, id, Kind::OrderSigned, sign));
        push(rider(d, r.id, "idle", sign + 1));
    }

    void periodic(std::int64_t t)
    {
        for (std::size_t d = 0; d < m_depots.size(); ++d) {
            if ((t - m_o.startMs) % (1000LL * m_o.statsEverySec) == 0) {
                core_Event s = base(static_cast<int>(d), Kind::GatewayStats, t);
                const int offered = static_cast<int>(m_o.ordersPerMinPerDepot * m_o.statsEverySec / 60.0 + uniform(0, 2));
                const int limited = chance(0.05) ? 1 : 0;
                opsdeck::core::GatewayStatsPayload stats;
                stats.windowS = m_o.statsEverySec;
                stats.offered = offered;
                stats.accepted = std::max(0, offered - limited);
                stats.rateLimited = limited;
                s.raw = "{\"v\":1,\"type\":\"gateway.stats\",\"depot\":\"" + s.depot + "\",\"data\":{\"window_s\":"
                    + std::to_string(m_o.statsEverySec) + ",\"offered\":" + std::to_string(offered) + ",\"accepted\":"
                    + std::to_string(stats.accepted) + ",\"rejected\":{\"rate_limited\":"
                    + std::to_string(limited) + ",\"breaker_open\":0}}}";
                s.setPayload(std::move(stats));
                push(std::move(s));
            }
            if ((t - m_o.startMs) % (1000LL * m_o.sensorEverySec) == 0) {
                core_Event s = base(static_cast<int>(d), Kind::SensorReading, t);
                double value = 4 + uniform(-1, 1);
                int &left = m_excursionLeft[d];
                if (left > 0) {
                    --left;
                    value = 9 + uniform(0.5, 3);
                } else if (chance(0.002)) {
                    left = 3;
                }
                opsdeck::core::SensorReadingPayload reading;
                reading.sensorId = "S-" + s.depot + "-COLD";
                reading.kind = opsdeck::core::SensorKind::Temperature;
                reading.value = value;
                reading.unit = "C";
                reading.min = 0;
                reading.max = 8;
                s.raw = "{\"v\":1,\"type\":\"sensor.reading\",\"depot\":\"" + s.depot + "\",\"data\":{\"sensor_id\":\""
                    + reading.sensorId + "\",\"kind\":\"temperature\",\"value\":" + std::to_string(value)
                    + ",\"unit\":\"C\",\"min\":0,\"max\":8}}";
                s.setPayload(std::move(reading));
                push(std::move(s));
            }
        }
    }

    void churn(std::int64_t t)
    {
        const Rider &r = m_riders[m_rng() % m_riders.size()];
        static const char *statuses[] = {"offline", "break", "idle", "idle"};
        const char *s = statuses[m_rng() % 4];
        push(rider(r.depot, r.id, s, t));
        if (std::string(s) != "idle")
            push(rider(r.depot, r.id, "idle", t + secs(600, 3600)));
    }

    Options m_o;
    std::mt19937_64 m_rng;
    std::vector<std::string> m_depots;
    std::vector<std::int64_t> m_seq;
    std::vector<int> m_excursionLeft;
    std::vector<Rider> m_riders;
    mutable std::vector<std::string> m_riderIds;
    std::priority_queue<Item, std::vector<Item>, std::greater<Item>> m_heap;
    double m_arrival = 0;
    std::int64_t m_nextArrival = 0;
    std::int64_t m_nextPeriodic = 0;
    std::int64_t m_nextChurn = 0;
    std::int64_t m_now = 0;
    std::uint64_t m_order = 0;
    std::uint64_t m_orders = 0;
    std::uint64_t m_ids = 0;
};

} // namespace kpitest
