#pragma once
// Feed events for the board's store-side tests: the decoded fields the core acts on and
// the raw JSON the store logs (what the detail's timeline reads back), built together so
// the two cannot disagree.
#include "core/model/Event.h"

#include <cstdint>
#include <string>

namespace boardtest {

inline constexpr std::int64_t kT0 = 1795342500000;

// `data`: the data object's members after order_id, each with its leading comma.
inline opsdeck::core::Event orderEvent(opsdeck::core::EventKind kind, std::int64_t seq, const std::string &orderId,
                                       const std::string &data)
{
    opsdeck::core::Event e;
    e.kind = kind;
    e.epoch = "gw1";
    e.depot = "BJ-CY-01";
    e.seq = seq;
    e.id = "e-" + std::to_string(seq);
    e.tsMs = kT0 + seq * 1000;
    e.orderId = orderId;
    const std::string type(opsdeck::core::typeName(kind));
    e.raw = R"({"v":1,"epoch":"gw1","depot":"BJ-CY-01","seq":)" + std::to_string(seq) + R"(,"id":")" + e.id
        + R"(","ts":")" + opsdeck::core::formatTimestampMs(e.tsMs) + R"(","type":")" + type + R"(","data":{"order_id":")"
        + orderId + "\"" + data + "}}";
    return e;
}

// An items member for created(), read back by the detail as "2 bag × spinach".
inline constexpr const char *kSpinach = R"("items":[{"sku":"veg-1","name":"spinach","qty":2,"unit":"bag"}],)";

// A fresh order of merchant m-1 to one address, due 30 min after it was created. `items`
// (kSpinach, say) only where a test reads them back.
inline opsdeck::core::Event created(std::int64_t seq, const std::string &orderId, const std::string &name,
                                    const std::string &phone, const std::string &items = {})
{
    opsdeck::core::Event e = orderEvent(opsdeck::core::EventKind::OrderCreated, seq, orderId,
                                        R"(,"merchant_id":"m-1","channel":"fresh","customer":{"name":")" + name
                                            + R"(","phone":")" + phone
                                            + R"("},"address":{"text":"朝阳区 1号","lat":39.9,"lng":116.4},)" + items
                                            + R"("amount":42.5,"promised_at":")"
                                            + opsdeck::core::formatTimestampMs(kT0 + seq * 1000 + 1800000) + "\"");
    e.merchantId = "m-1";
    e.channel = "fresh";
    e.customerName = name;
    e.customerPhone = phone;
    e.addressText = "朝阳区 1号";
    e.promisedAtMs = e.tsMs + 1800000;
    return e;
}

} // namespace boardtest
