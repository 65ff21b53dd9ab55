#pragma once

// Envelopes for the decoder tests: a valid envelope per type, and edits of it.
#include "core/model/Event.h"
#include "core/model/Rejection.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace decodertest {

using namespace opsdeck::core;

using Fields = std::vector<std::pair<std::string, std::string>>; // key -> raw JSON value

inline constexpr const char *kTs = "\"2026-11-22T10:15:00.123Z\"";

inline Fields baseFields(const std::string &type, const std::string &data, std::int64_t seq = 7)
{
    return {{"v", "1"},
            {"epoch", "\"gw1-20261122T101500Z\""},
            {"depot", "\"BJ-CY-01\""},
            {"seq", std::to_string(seq)},
            {"id", "\"e-9f1c2d\""},
            {"ts", kTs},
            {"type", "\"" + type + "\""},
            {"data", data}};
}

inline std::string render(const Fields &fields)
{
    std::string out = "{";
    for (const auto &[k, v] : fields)
        out += (out.size() > 1 ? ",\"" : "\"") + k + "\":" + v;
    return out + "}";
}

inline Fields without(Fields f, const std::string &key)
{
    std::erase_if(f, [&](const auto &p) { return p.first == key; });
    return f;
}

inline Fields with(Fields f, const std::string &key, const std::string &value)
{
    for (auto &p : f) {
        if (p.first == key) {
            p.second = value;
            return f;
        }
    }
    f.emplace_back(key, value);
    return f;
}

inline const std::string kOrderCreated =
    R"({"order_id":"o-1","merchant_id":"m-7","channel":"campus","customer":{"name":"张伟","phone":"13812341234"},)"
    R"("address":{"text":"1 Chaoyang Rd","lat":39.91,"lng":116.45},"items":[{"sku":"s1","name":"Milk","qty":2,"unit":"box"}],)"
    R"("amount":35.5,"promised_at":"2026-11-22T11:00:00.000Z"})";

inline std::map<std::string, std::string> validData()
{
    return {
        {"order.created", kOrderCreated},
        {"order.paid", R"({"order_id":"o-1","amount":35.5,"method":"wechat"})"},
        {"order.held", R"({"order_id":"o-1","reason":"suspicious_burst"})"},
        {"order.released", R"({"order_id":"o-1","by":"ops-1"})"},
        {"order.stock_checked", R"({"order_id":"o-1","ok":false,"short_skus":["s1"]})"},
        {"order.restocked", R"({"order_id":"o-1"})"},
        {"order.dispatched", R"({"order_id":"o-1","rider_id":"r-3","eta":"2026-11-22T10:45:00.000Z"})"},
        {"order.eta_updated", R"({"order_id":"o-1","eta":"2026-11-22T10:50:00.000Z","reason":"traffic"})"},
        {"order.exception", R"({"order_id":"o-1","reason":"damaged","note":"box wet","reported_by":"r-3"})"},
        {"order.reassigned", R"({"order_id":"o-1","rider_id":"r-4","eta":"2026-11-22T10:55:00.000Z"})"},
        {"order.signed", R"({"order_id":"o-1","signed_by":"Li","signature_ref":"sig-1","lat":39.9,"lng":116.4})"},
        {"order.return_started", R"({"order_id":"o-1","reason":"customer_rejected"})"},
        {"order.claim_opened", R"({"order_id":"o-1","reason":"damaged","amount":12})"},
        {"order.closed", R"({"order_id":"o-1","outcome":"refunded"})"},
        {"order.cancelled", R"({"order_id":"o-1","reason":"customer_request"})"},
        {"order.refunded", R"({"order_id":"o-1","amount":3.5,"refunded_total":3.5,"reason":"late","by":"agent1"})"},
        {"customer.notified", R"({"order_id":"o-1","template":"delay_apology","lang":"zh_CN","by":"agent1"})"},
        {"rider.status", R"({"rider_id":"r-3","name":"Wang","status":"to_pickup","capacity":4,"depot":"BJ-CY-01"})"},
        {"rider.position",
         R"({"rider_id":"r-3","lat":39.92,"lng":116.41,"speed_mps":4.5,"heading_deg":270,"accuracy_m":5,"battery_pct":81})"},
        {"rider.report", R"({"rider_id":"r-3","order_id":"o-1","kind":"traffic_accident","note":"minor"})"},
        {"inventory.level", R"({"sku":"s1","name":"Milk","qty":10,"unit":"box","reorder_point":5})"},
        {"sensor.reading",
         R"({"sensor_id":"t-1","kind":"temperature","value":4.2,"unit":"C","vehicle_id":"v-1","min":0,"max":8})"},
        {"gateway.stats",
         R"({"window_s":10,"offered":100,"accepted":90,"rejected":{"rate_limited":6,"breaker_open":4},)"
         R"("limits":[{"scope":"global","per_min":600,"burst":50}],"breakers":[{"scope":"depot:BJ-CY-01","state":"closed","mode":"auto","error_rate":0.01}],)"
         R"("diversions":[]})"},
    };
}

inline std::string liveTopic(const std::string &type)
{
    return "BJ-CY-01/" + type;
}

} // namespace decodertest
