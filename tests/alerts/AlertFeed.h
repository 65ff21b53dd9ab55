#pragma once

#include <map>
// GCC 12 at -O3 reports -Wrestrict inside std::string for short literal assignments
// (GCC bug 105329, a false positive); the test builders do many of them.
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ == 12
#pragma GCC diagnostic ignored "-Wrestrict"
#endif
// A scripted feed for alert tests: builds the events a gateway would send (decoded from
// their envelope for the types the engine reads typed `data` of), applies them to real
// Projections and hands them to the engine exactly as ConsoleCore does.
#include "core/alerts/AlertEngine.h"
#include "core/alerts/AlertRules.h"
#include "core/model/EventDecoder.h"
#include "core/pipeline/Projections.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <string>

namespace alerttest {

using namespace opsdeck::core;

inline constexpr std::int64_t kMin = 60000;
// 2026-11-22T02:00:00Z, a Sunday, 10:00 in Beijing.
inline constexpr std::int64_t kT0 = 1795312800000;
inline const std::string kDepot = "BJ-CY-01";

inline Event make(EventKind kind, std::int64_t ts, const std::string &orderId = {})
{
    static std::int64_t seq = 0;
    Event e;
    e.kind = kind;
    e.epoch = "test";
    e.depot = kDepot;
    e.seq = ++seq;
    e.id = "e-" + std::to_string(seq);
    e.tsMs = ts;
    e.orderId = orderId;
    return e;
}

// The event as the feed thread hands it over: the envelope rendered and decoded by the
// real EventDecoder, so the engine sees the typed data (and nothing else) it would see live.
inline Event withData(const Event &e, const QJsonObject &data)
{
    const std::string type(typeName(e.kind));
    const QJsonObject env{{"v", 1},
                          {"epoch", QString::fromStdString(e.epoch)},
                          {"depot", QString::fromStdString(e.depot)},
                          {"seq", static_cast<qint64>(e.seq)},
                          {"id", QString::fromStdString(e.id)},
                          {"ts", QString::fromStdString(formatTimestampMs(e.tsMs))},
                          {"type", QString::fromStdString(type)},
                          {"data", data}};
    static EventDecoder decoder;
    auto decoded = decoder.decode(e.depot + "/" + type, QJsonDocument(env).toJson(QJsonDocument::Compact).toStdString());
    if (auto *rejected = std::get_if<Rejected>(&decoded))
        qFatal("alert test feed: %s rejected: %s", type.c_str(), rejected->detail.c_str());
    return std::get<Event>(std::move(decoded));
}

inline Event created(const std::string &id, std::int64_t ts, const std::string &phone = "13800000000",
                     const std::string &address = "1 Test Road", std::int64_t promisedAt = 0)
{
    Event e = make(EventKind::OrderCreated, ts, id);
    e.merchantId = "M-CY-01";
    e.channel = "fresh";
    e.customerName = "Test";
    e.customerPhone = phone;
    e.addressText = address;
    e.lat = 39.92;
    e.lng = 116.46;
    e.promisedAtMs = promisedAt ? promisedAt : ts + 45 * kMin;
    return e;
}

inline Event stockChecked(const std::string &id, std::int64_t ts, bool ok)
{
    Event e = make(EventKind::OrderStockChecked, ts, id);
    e.stockOk = ok;
    return e;
}

inline Event dispatched(const std::string &id, std::int64_t ts, const std::string &rider, std::int64_t eta,
                        EventKind kind = EventKind::OrderDispatched)
{
    Event e = make(kind, ts, id);
    e.riderId = rider;
    e.etaMs = eta;
    return e;
}

inline Event riderStatus(const std::string &id, const std::string &status, std::int64_t ts)
{
    Event e = make(EventKind::RiderStatus, ts);
    e.riderId = id;
    e.riderStatus = status;
    e.riderName = "R";
    e.riderDepot = kDepot;
    e.capacity = 3;
    return e;
}

inline Event riderPosition(const std::string &id, std::int64_t ts, double lat, double lng, double battery = 80)
{
    Event e = make(EventKind::RiderPosition, ts);
    e.riderId = id;
    e.lat = lat;
    e.lng = lng;
    e.hasPosition = true;
    e.batteryPct = battery;
    return e;
}

inline Event sensor(const std::string &id, std::int64_t ts, double value, double min, double max)
{
    return withData(make(EventKind::SensorReading, ts),
                    {{"sensor_id", QString::fromStdString(id)}, {"kind", "temperature"}, {"value", value},
                     {"unit", "C"}, {"vehicle_id", "V-1"}, {"min", min}, {"max", max}});
}

inline Event inventory(const std::string &sku, std::int64_t ts, double qty, double reorder)
{
    return withData(make(EventKind::InventoryLevel, ts),
                    {{"sku", QString::fromStdString(sku)}, {"name", "Milk"}, {"qty", qty}, {"unit", "box"},
                     {"reorder_point", reorder}});
}

inline Event report(const std::string &rider, const std::string &orderId, std::int64_t ts)
{
    Event e = withData(make(EventKind::RiderReport, ts, orderId),
                       {{"rider_id", QString::fromStdString(rider)}, {"order_id", QString::fromStdString(orderId)},
                        {"kind", "traffic_accident"}, {"note", "scooter hit"}});
    e.riderId = rider;
    return e;
}

// Every alert message and system note the harnesses saw in this process (by code and
// arguments): the views must word each code, so a message without one is caught.
inline std::map<std::string, AlertMessage> &seenAlertMessages()
{
    static std::map<std::string, AlertMessage> messages;
    return messages;
}

inline void noteSeen(const AlertMessage &m)
{
    seenAlertMessages().emplace(std::string(toString(m.code)) + argsToJson(m.args), m);
}

// Projections + engine, fed like ConsoleCore feeds observers.
struct Harness {
    explicit Harness(AlertEngine::Options options = {}, std::vector<AlertRule> rules = loadAlertRules({}).rules)
        : engine(std::move(rules), [this](AlertOutput &&o) {
            for (auto &c : o.changes) {
                noteSeen(c.alert.message);
                if (c.by == "system" && !c.note.isEmpty())
                    noteSeen(c.note);
                changes.push_back(std::move(c));
            }
            for (auto &r : o.refusals)
                refusals.push_back(std::move(r));
            for (auto &s : o.storm)
                storm.push_back(std::move(s));
        }, std::move(options))
    {
    }

    bool feed(const Event &e)
    {
        const auto r = projections.apply(e);
        engine.onEvent(e, r.outcome == Projections::Outcome::Applied, projections);
        engine.flush();
        return r.outcome == Projections::Outcome::Applied;
    }
    void tick(std::int64_t wallMs) { engine.onTick(projections, wallMs); }

    const AlertRule &rule(const std::string &id) const
    {
        for (const auto &r : engine.rules())
            if (r.id == id)
                return r;
        throw std::runtime_error("no rule " + id);
    }
    bool open(const std::string &ruleId, const std::string &subject) const
    {
        return engine.book().isOpen(rule(ruleId), subject);
    }
    const Alert *openAlert(const std::string &ruleId, const std::string &subject) const
    {
        for (const auto &a : engine.book().openAlerts())
            if (a.ruleId == ruleId && a.subject.key == subject)
                return engine.book().find(a.id);
        return nullptr;
    }
    // The last change of (rule, subject), or null.
    const AlertChange *lastChange(const std::string &ruleId, const std::string &subject) const
    {
        for (auto it = changes.rbegin(); it != changes.rend(); ++it)
            if (it->alert.ruleId == ruleId && it->alert.subject.key == subject)
                return &*it;
        return nullptr;
    }

    Projections projections;
    std::vector<AlertChange> changes;
    std::vector<AlertRefusal> refusals;
    std::vector<StormSample> storm;
    AlertEngine engine;
};

} // namespace alerttest
