#pragma once

// Wire envelopes for the KPI tests: built as a gateway would send them and decoded by the
// real EventDecoder, so the engine sees exactly what the feed thread would hand over.
#include "core/model/EventDecoder.h"
#include "core/model/Event.h"

#include <QString>

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace kpitest {

using opsdeck::core::Event;

// 2026-11-22T08:00:00Z
inline constexpr std::int64_t kT0 = 1795334400000;
inline constexpr std::int64_t kSec = 1000;
inline constexpr std::int64_t kMin = 60000;

class ScriptedKpiFeed
{
public:
    void add(const std::string &depot, const std::string &type, std::int64_t tsMs, const QString &data)
    {
        const std::int64_t seq = ++m_seq[depot];
        const QString env = QStringLiteral(R"({"v":1,"epoch":"gw-test","depot":"%1","seq":%2,"id":"e-%3","ts":"%4","type":"%5","data":%6})")
                                .arg(QString::fromStdString(depot))
                                .arg(seq)
                                .arg(++m_id)
                                .arg(QString::fromStdString(opsdeck::core::formatTimestampMs(tsMs)))
                                .arg(QString::fromStdString(type), data);
        auto result = m_decoder.decode(depot + "/" + type, env.toStdString());
        if (auto *e = std::get_if<Event>(&result))
            m_events.push_back(std::move(*e));
        else
            ++m_rejected;
    }

    void order(const std::string &depot, const std::string &id, const std::string &channel, const std::string &merchant,
               std::int64_t createdMs, std::int64_t promisedMs)
    {
        add(depot, "order.created", createdMs,
            QStringLiteral(R"({"order_id":"%1","merchant_id":"%2","channel":"%3","customer":{"name":"Li Lei","phone":"13800000000"},"address":{"text":"1 Chaoyang Rd","lat":39.9,"lng":116.4},"items":[{"sku":"s1","name":"milk","qty":1,"unit":"box"}],"amount":30,"promised_at":"%4"})")
                .arg(QString::fromStdString(id), QString::fromStdString(merchant), QString::fromStdString(channel),
                     QString::fromStdString(opsdeck::core::formatTimestampMs(promisedMs))));
    }
    void step(const std::string &depot, const std::string &id, const std::string &type, std::int64_t ts,
              const QString &extra = {})
    {
        QString data = QStringLiteral(R"({"order_id":"%1")").arg(QString::fromStdString(id));
        if (!extra.isEmpty())
            data += QLatin1Char(',') + extra;
        data += QLatin1Char('}');
        add(depot, type, ts, data);
    }
    void paid(const std::string &d, const std::string &id, std::int64_t ts) { step(d, id, "order.paid", ts, QStringLiteral(R"("amount":30,"method":"card")")); }
    void stock(const std::string &d, const std::string &id, std::int64_t ts, bool ok)
    {
        step(d, id, "order.stock_checked", ts, ok ? QStringLiteral(R"("ok":true,"short_skus":[])") : QStringLiteral(R"("ok":false,"short_skus":["s1"])"));
    }
    void dispatched(const std::string &d, const std::string &id, std::int64_t ts)
    {
        step(d, id, "order.dispatched", ts,
             QStringLiteral(R"("rider_id":"r1","eta":"%1")").arg(QString::fromStdString(opsdeck::core::formatTimestampMs(ts + 20 * kMin))));
    }
    void exception(const std::string &d, const std::string &id, std::int64_t ts, const char *reason)
    {
        step(d, id, "order.exception", ts, QStringLiteral(R"("reason":"%1","note":"")").arg(QLatin1String(reason)));
    }
    void riderStatus(const std::string &depot, const std::string &rider, const char *status, std::int64_t ts)
    {
        add(depot, "rider.status", ts,
            QStringLiteral(R"({"rider_id":"%1","name":"R","status":"%2","capacity":3,"depot":"%3"})")
                .arg(QString::fromStdString(rider), QLatin1String(status), QString::fromStdString(depot)));
    }
    void temperature(const std::string &depot, std::int64_t ts, double value)
    {
        add(depot, "sensor.reading", ts,
            QStringLiteral(R"({"sensor_id":"S-1","kind":"temperature","value":%1,"unit":"C","depot":"%2","min":0,"max":8})")
                .arg(value)
                .arg(QString::fromStdString(depot)));
    }
    void stats(const std::string &depot, std::int64_t ts, int offered, int accepted, int rateLimited, int breaker)
    {
        add(depot, "gateway.stats", ts,
            QStringLiteral(R"({"window_s":1,"offered":%1,"accepted":%2,"rejected":{"rate_limited":%3,"breaker_open":%4},"limits":[],"breakers":[],"diversions":[]})")
                .arg(offered)
                .arg(accepted)
                .arg(rateLimited)
                .arg(breaker));
    }

    // In time order, as a gateway publishes them.
    std::vector<Event> takeSorted()
    {
        std::stable_sort(m_events.begin(), m_events.end(), [](const Event &a, const Event &b) { return a.tsMs < b.tsMs; });
        return std::move(m_events);
    }
    int rejected() const { return m_rejected; }

private:
    opsdeck::core::EventDecoder m_decoder;
    std::vector<Event> m_events;
    std::map<std::string, std::int64_t> m_seq;
    int m_id = 0;
    int m_rejected = 0;
};

// The scripted day of docs/kpi.md ("worked example"): six orders in two depots, two
// riders, one cold-chain excursion, two gateway.stats. Figures are computed by hand there.
inline std::vector<Event> workedExample()
{
    const std::string d1 = "BJ-CY-01", d2 = "BJ-HD-02";
    ScriptedKpiFeed f;
    const std::int64_t t = kT0;
    // o1: fresh, m1, D1: pick 60 s, paid->signed 20 min, on time.
    f.order(d1, "o1", "fresh", "m1", t, t + 30 * kMin);
    f.paid(d1, "o1", t + 10 * kSec);
    f.stock(d1, "o1", t + 20 * kSec, true);
    f.dispatched(d1, "o1", t + 80 * kSec);
    f.step(d1, "o1", "order.signed", t + 10 * kSec + 20 * kMin);
    // o2: fresh, m1, D1: pick 120 s, delivery 25 min, late (promised at +15 min).
    f.order(d1, "o2", "fresh", "m1", t + 5 * kSec, t + 15 * kMin);
    f.paid(d1, "o2", t + 15 * kSec);
    f.stock(d1, "o2", t + 25 * kSec, true);
    f.dispatched(d1, "o2", t + 145 * kSec);
    f.step(d1, "o2", "order.signed", t + 15 * kSec + 25 * kMin);
    // o3: campus, m2, D2: out of stock, cancelled.
    f.order(d2, "o3", "campus", "m2", t + 30 * kSec, t + 30 * kMin);
    f.paid(d2, "o3", t + 40 * kSec);
    f.stock(d2, "o3", t + 50 * kSec, false);
    f.step(d2, "o3", "order.cancelled", t + 60 * kSec, QStringLiteral(R"("reason":"out_of_stock")"));
    // o4: fresh, m1, D1: pick 60 s, damaged, claim.
    f.order(d1, "o4", "fresh", "m1", t + 10 * kSec, t + 30 * kMin);
    f.paid(d1, "o4", t + 20 * kSec);
    f.stock(d1, "o4", t + 30 * kSec, true);
    f.dispatched(d1, "o4", t + 90 * kSec);
    f.exception(d1, "o4", t + 6 * kMin, "damaged");
    f.step(d1, "o4", "order.claim_opened", t + 7 * kMin, QStringLiteral(R"("reason":"broken eggs","amount":12)"));
    // o5: campus, m2, D2: pick 180 s, customer rejected, return.
    f.order(d2, "o5", "campus", "m2", t + 20 * kSec, t + 30 * kMin);
    f.paid(d2, "o5", t + 25 * kSec);
    f.stock(d2, "o5", t + 35 * kSec, true);
    f.dispatched(d2, "o5", t + 215 * kSec);
    f.exception(d2, "o5", t + 8 * kMin, "customer_rejected");
    f.step(d2, "o5", "order.return_started", t + 9 * kMin, QStringLiteral(R"("reason":"rejected")"));
    // o6: campus, m2, D2: pick 20 s, delivery 15 min, on time.
    f.order(d2, "o6", "campus", "m2", t + 60 * kSec, t + 40 * kMin);
    f.paid(d2, "o6", t + 70 * kSec);
    f.stock(d2, "o6", t + 80 * kSec, true);
    f.dispatched(d2, "o6", t + 100 * kSec);
    f.step(d2, "o6", "order.signed", t + 70 * kSec + 15 * kMin);
    // Riders of D1: r1 online from the start, delivering 2..12 min; r2 online 1..5 min.
    f.riderStatus(d1, "r1", "idle", t);
    f.riderStatus(d1, "r1", "delivering", t + 2 * kMin);
    f.riderStatus(d1, "r1", "idle", t + 12 * kMin);
    f.riderStatus(d1, "r2", "idle", t + 1 * kMin);
    f.riderStatus(d1, "r2", "offline", t + 5 * kMin);
    // One cold-chain excursion (two readings outside 0..8 count once).
    f.temperature(d1, t + 3 * kMin, 5);
    f.temperature(d1, t + 4 * kMin, 9);
    f.temperature(d1, t + 5 * kMin, 10);
    f.temperature(d1, t + 6 * kMin, 4);
    f.stats(d1, t + 2 * kMin, 10, 8, 1, 1);
    f.stats(d1, t + 3 * kMin, 5, 5, 0, 0);
    return f.takeSorted();
}

// Last event of the worked example: o2 signed at +25 min 15 s.
inline constexpr std::int64_t kWorkedExampleEnd = kT0 + 25 * kMin + 15 * kSec;

} // namespace kpitest
