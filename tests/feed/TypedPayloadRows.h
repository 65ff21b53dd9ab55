#pragma once

// Rows for the decoder's typed data: for every type of protocol.md, envelopes that must
// decode (with every data field rendered from the Event, flat fields and payload alike)
// and, per typed field, edits that must be rejected with a reason and the field's path.
#include "DecoderEnvelopes.h"

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

namespace decodertest {

// The data object of each type as key -> raw JSON, so rows can edit one field.
inline Fields dataFields(const std::string &type)
{
    const std::map<std::string, Fields> data = {
        {"order.created",
         {{"order_id", "\"o-1\""}, {"merchant_id", "\"m-7\""}, {"channel", "\"campus\""},
          {"customer", R"({"name":"张伟","phone":"13812341234"})"},
          {"address", R"({"text":"1 Chaoyang Rd","lat":39.91,"lng":116.45})"},
          {"items", R"([{"sku":"s1","name":"Milk","qty":2,"unit":"box"}])"}, {"amount", "35.5"},
          {"promised_at", "\"2026-11-22T11:00:00.000Z\""}}},
        {"order.paid", {{"order_id", "\"o-1\""}, {"amount", "35.5"}, {"method", "\"wechat\""}}},
        {"order.held", {{"order_id", "\"o-1\""}, {"reason", "\"suspicious_burst\""}}},
        {"order.released", {{"order_id", "\"o-1\""}, {"by", "\"ops-1\""}}},
        {"order.stock_checked", {{"order_id", "\"o-1\""}, {"ok", "false"}, {"short_skus", R"(["s1","s2"])"}}},
        {"order.restocked", {{"order_id", "\"o-1\""}}},
        {"order.dispatched", {{"order_id", "\"o-1\""}, {"rider_id", "\"r-3\""}, {"eta", "\"2026-11-22T10:45:00.000Z\""}}},
        {"order.reassigned", {{"order_id", "\"o-1\""}, {"rider_id", "\"r-4\""}, {"eta", "\"2026-11-22T10:55:00.000Z\""}}},
        {"order.eta_updated", {{"order_id", "\"o-1\""}, {"eta", "\"2026-11-22T10:50:00.000Z\""}, {"reason", "\"traffic\""}}},
        {"order.exception",
         {{"order_id", "\"o-1\""}, {"reason", "\"damaged\""}, {"note", "\"box wet\""}, {"reported_by", "\"r-3\""}}},
        {"order.signed",
         {{"order_id", "\"o-1\""}, {"signed_by", "\"Li\""}, {"signature_ref", "\"sig-1\""}, {"lat", "39.9"}, {"lng", "116.4"}}},
        {"order.return_started", {{"order_id", "\"o-1\""}, {"reason", "\"customer_rejected\""}}},
        {"order.claim_opened", {{"order_id", "\"o-1\""}, {"reason", "\"damaged\""}, {"amount", "12"}}},
        {"order.closed", {{"order_id", "\"o-1\""}, {"outcome", "\"refunded\""}}},
        {"order.cancelled", {{"order_id", "\"o-1\""}, {"reason", "\"customer_request\""}}},
        {"order.refunded", {{"order_id", "\"o-1\""}, {"amount", "3.5"}, {"reason", "\"late\""}}},
        {"customer.notified", {{"order_id", "\"o-1\""}, {"template", "\"delay_apology\""}, {"lang", "\"en\""}}},
        {"rider.status",
         {{"rider_id", "\"r-3\""}, {"name", "\"Wang\""}, {"status", "\"to_pickup\""}, {"capacity", "4"}, {"depot", "\"BJ-CY-01\""}}},
        {"rider.position",
         {{"rider_id", "\"r-3\""}, {"lat", "39.92"}, {"lng", "116.41"}, {"speed_mps", "4.5"}, {"heading_deg", "270"},
          {"accuracy_m", "5"}, {"battery_pct", "81"}}},
        {"rider.report", {{"rider_id", "\"r-3\""}, {"order_id", "\"o-1\""}, {"kind", "\"traffic_accident\""}, {"note", "\"minor\""}}},
        {"inventory.level",
         {{"sku", "\"s1\""}, {"name", "\"Milk\""}, {"qty", "10"}, {"unit", "\"box\""}, {"reorder_point", "5"}}},
        {"sensor.reading",
         {{"sensor_id", "\"t-1\""}, {"kind", "\"temperature\""}, {"value", "4.2"}, {"unit", "\"C\""},
          {"vehicle_id", "\"v-1\""}, {"min", "0"}, {"max", "8"}}},
        {"gateway.stats",
         {{"window_s", "10"}, {"offered", "100"}, {"accepted", "90"}, {"rejected", R"({"rate_limited":6,"breaker_open":4})"},
          {"limits", R"([{"scope":"global","per_min":600,"burst":50}])"},
          {"breakers", R"([{"scope":"depot:BJ-CY-01","state":"closed","mode":"auto","error_rate":0.01}])"},
          {"diversions", R"([{"from":"BJ-CY-01","to":"BJ-HD-02","share":0.3}])"}}},
        {"order.snapshot",
         {{"order_id", "\"o-1\""}, {"state", "\"DELIVERING\""}, {"rider_id", "\"r-3\""},
          {"eta", "\"2026-11-22T10:45:00.000Z\""}, {"created_at", "\"2026-11-22T10:01:00.000Z\""},
          {"merchant_id", "\"m-7\""}, {"channel", "\"fresh\""}, {"customer", R"({"name":"Li","phone":"139"})"},
          {"address", R"({"text":"2 Road","lat":39.9,"lng":116.4})"},
          {"items", R"([{"sku":"s1","name":"Milk","qty":1,"unit":"box"},{"sku":"s9","qty":0.5}])"}, {"amount", "9"},
          {"promised_at", "\"2026-11-22T11:00:00.000Z\""}}},
        {"rider.snapshot",
         {{"rider_id", "\"r-3\""}, {"name", "\"Wang\""}, {"status", "\"delivering\""}, {"capacity", "3"},
          {"depot", "\"BJ-CY-01\""}, {"lat", "39.9"}, {"lng", "116.3"}, {"speed_mps", "2"}, {"heading_deg", "-90"},
          {"accuracy_m", "12"}, {"battery_pct", "55"}}},
    };
    return data.at(type);
}

inline std::string topicOf(const std::string &type)
{
    return type == "order.snapshot" || type == "rider.snapshot" ? std::string("SNAP") : liveTopic(type);
}

inline std::string num(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}
inline std::string opt(const std::optional<double> &v)
{
    return v ? num(*v) : std::string("-");
}
inline std::string when(std::int64_t ms)
{
    return ms > 0 ? formatTimestampMs(ms) : std::string("-");
}
inline std::string at(const Event &e)
{
    return e.hasPosition ? num(e.lat) + "," + num(e.lng) : std::string("-");
}

// typedData() output: "key=value" pairs, space separated.
struct Rendered {
    std::string out;
    void kv(const char *key, const std::string &value) { out.append(out.empty() ? "" : " ").append(key).append("=").append(value); }
    // The payload when the event carries a T; else notes "payload=missing".
    template<typename T>
    const T *payload(const Event &e)
    {
        const T *p = e.payloadAs<T>();
        if (!p)
            kv("payload", "missing");
        return p;
    }
};

// order.created, and order.snapshot (its own fields first).
inline void renderOrderBody(Rendered &r, const Event &e)
{
    if (e.kind == EventKind::OrderSnapshot) {
        r.kv("state", std::string(toString(e.snapshotState)));
        r.kv("rider", e.riderId);
        r.kv("eta", when(e.etaMs));
        r.kv("created", when(e.createdAtMs));
        r.kv("reason", e.reason);
    }
    r.kv("merchant", e.merchantId);
    r.kv("channel", e.channel);
    r.kv("customer", e.customerName + "/" + e.customerPhone);
    r.kv("address", e.addressText + "@" + at(e));
    r.kv("amount", num(e.amount));
    r.kv("promised", when(e.promisedAtMs));
    r.kv("note", e.customerNote);
    r.kv("priority", std::string(toString(e.priority)));
    if (const auto *p = r.payload<OrderItemsPayload>(e)) {
        std::string items;
        for (const OrderItem &i : p->items)
            items += (items.empty() ? "" : ",") + i.sku + "|" + i.name + "|" + num(i.qty) + "|" + i.unit;
        r.kv("items", "[" + items + "]");
    }
}

// The order.* types after order.created.
inline void renderOrderStep(Rendered &r, const Event &e)
{
    using K = EventKind;
    switch (e.kind) {
    case K::OrderPaid:
        r.kv("amount", num(e.amount));
        if (const auto *p = r.payload<OrderPaidPayload>(e))
            r.kv("method", p->method);
        break;
    case K::OrderReleased:
        if (const auto *p = r.payload<OrderReleasedPayload>(e))
            r.kv("by", p->by);
        break;
    case K::OrderStockChecked:
        r.kv("ok", e.stockOk ? "true" : "false");
        if (const auto *p = r.payload<StockCheckedPayload>(e)) {
            std::string skus;
            for (const std::string &sku : p->shortSkus)
                skus += (skus.empty() ? "" : ",") + sku;
            r.kv("short", "[" + skus + "]");
        }
        break;
    case K::OrderDispatched:
    case K::OrderReassigned:
        r.kv("rider", e.riderId);
        r.kv("eta", when(e.etaMs));
        break;
    case K::OrderEtaUpdated:
        r.kv("eta", when(e.etaMs));
        r.kv("reason", e.reason);
        break;
    case K::OrderException:
        r.kv("reason", e.reason);
        if (const auto *p = r.payload<OrderExceptionPayload>(e)) {
            r.kv("note", p->note);
            r.kv("reported_by", p->reportedBy);
        }
        break;
    case K::OrderSigned:
        if (const auto *p = r.payload<OrderSignedPayload>(e)) {
            r.kv("signed_by", p->signedBy);
            r.kv("signature_ref", p->signatureRef);
        }
        r.kv("at", at(e));
        break;
    case K::OrderClaimOpened:
        r.kv("reason", e.reason);
        r.kv("amount", num(e.amount));
        break;
    case K::OrderClosed:
        r.kv("outcome", e.reason);
        break;
    case K::OrderRefunded:
        r.kv("amount", num(e.amount));
        r.kv("reason", e.reason);
        break;
    case K::CustomerNotified:
        r.kv("template", e.reason);
        break;
    case K::OrderHeld:
    case K::OrderReturnStarted:
    case K::OrderCancelled:
        r.kv("reason", e.reason);
        break;
    default: // order.restocked: order_id only
        break;
    }
}

inline void renderRider(Rendered &r, const Event &e)
{
    r.kv("rider", e.riderId);
    if (e.kind == EventKind::RiderReport) {
        r.kv("order", e.orderId);
        if (const auto *p = r.payload<RiderReportPayload>(e)) {
            r.kv("kind", p->kind);
            r.kv("note", p->note);
        }
        return;
    }
    if (e.kind != EventKind::RiderPosition) {
        r.kv("name", e.riderName);
        r.kv("status", e.riderStatus);
        r.kv("capacity", std::to_string(e.capacity));
        r.kv("depot", e.riderDepot);
    }
    if (e.kind != EventKind::RiderStatus) {
        r.kv("at", at(e));
        r.kv("speed", num(e.speedMps));
        r.kv("heading", num(e.headingDeg));
        r.kv("accuracy", num(e.accuracyM));
        r.kv("battery", num(e.batteryPct));
    }
}

inline void renderStockAndSensor(Rendered &r, const Event &e)
{
    if (e.kind == EventKind::InventoryLevel) {
        if (const auto *p = r.payload<InventoryLevelPayload>(e)) {
            r.kv("sku", p->sku);
            r.kv("name", p->name);
            r.kv("qty", num(p->qty));
            r.kv("unit", p->unit);
            r.kv("reorder_point", opt(p->reorderPoint));
            r.kv("merchant", e.merchantId);
        }
    } else if (const auto *p = r.payload<SensorReadingPayload>(e)) {
        r.kv("sensor", p->sensorId);
        r.kv("kind", std::string(toString(p->kind)));
        r.kv("value", num(p->value));
        r.kv("unit", p->unit);
        r.kv("vehicle", p->vehicleId);
        r.kv("depot", p->depot);
        r.kv("min", opt(p->min));
        r.kv("max", opt(p->max));
    }
}

inline void renderGatewayStats(Rendered &r, const Event &e)
{
    const auto *p = r.payload<GatewayStatsPayload>(e);
    if (!p)
        return;
    r.kv("window", num(p->windowS));
    r.kv("offered", std::to_string(p->offered));
    r.kv("accepted", std::to_string(p->accepted));
    r.kv("rate_limited", std::to_string(p->rateLimited));
    r.kv("breaker_open", std::to_string(p->breakerOpen));
    std::string list;
    for (const GatewayLimit &l : p->limits)
        list += (list.empty() ? "" : ",") + l.scope + "|" + num(l.perMin) + "|" + num(l.burst);
    r.kv("limits", "[" + list + "]");
    list.clear();
    for (const GatewayBreaker &b : p->breakers)
        list += (list.empty() ? "" : ",") + b.scope + "|" + b.state + "|" + b.mode + "|" + num(b.errorRate);
    r.kv("breakers", "[" + list + "]");
    list.clear();
    for (const GatewayDiversion &d : p->diversions)
        list += (list.empty() ? "" : ",") + d.from + ">" + d.to + "|" + num(d.share);
    r.kv("diversions", "[" + list + "]");
}

// Every data field of the event's type as "key=value", read from the typed Event only.
// A type whose payload alternative is not there renders "payload=missing".
inline std::string typedData(const Event &e)
{
    using K = EventKind;
    Rendered r;
    if (isOrderEvent(e.kind) || e.kind == K::OrderSnapshot)
        r.kv("order", e.orderId);
    if (e.kind == K::OrderCreated || e.kind == K::OrderSnapshot)
        renderOrderBody(r, e);
    else if (isOrderEvent(e.kind))
        renderOrderStep(r, e);
    else if (e.kind == K::RiderStatus || e.kind == K::RiderPosition || e.kind == K::RiderSnapshot || e.kind == K::RiderReport)
        renderRider(r, e);
    else if (e.kind == K::InventoryLevel || e.kind == K::SensorReading)
        renderStockAndSensor(r, e);
    else if (e.kind == K::GatewayStats)
        renderGatewayStats(r, e);
    else
        r.kv("kind", "unknown");
    return r.out;
}

struct GoodRow {
    std::string name;
    std::string type;
    Fields data;
    std::string expected; // typedData() of the decoded event
};

inline std::vector<GoodRow> orderGoodRows()
{
    auto d = dataFields;
    const std::string eta45 = "2026-11-22T10:45:00.000Z";
    const std::string promise = "2026-11-22T11:00:00.000Z";
    return {
        {"order.created", "order.created", d("order.created"),
         "order=o-1 merchant=m-7 channel=campus customer=张伟/13812341234 address=1 Chaoyang Rd@39.91,116.45 amount=35.5 "
         "promised=" + promise + " note= priority=normal items=[s1|Milk|2|box]"},
        {"order.created two items, extension", "order.created",
         with(with(with(d("order.created"), "items", R"([{"sku":"s1","name":"Milk","qty":2,"unit":"box"},{"sku":"s2","qty":0.5}])"),
                   "note", R"("门卫室")"), "priority", R"("urgent")"),
         "order=o-1 merchant=m-7 channel=campus customer=张伟/13812341234 address=1 Chaoyang Rd@39.91,116.45 amount=35.5 "
         "promised=" + promise + " note=门卫室 priority=urgent items=[s1|Milk|2|box,s2||0.5|]"},
        {"order.created no items", "order.created", with(d("order.created"), "items", "[]"),
         "order=o-1 merchant=m-7 channel=campus customer=张伟/13812341234 address=1 Chaoyang Rd@39.91,116.45 amount=35.5 "
         "promised=" + promise + " note= priority=normal items=[]"},
        {"order.paid", "order.paid", d("order.paid"), "order=o-1 amount=35.5 method=wechat"},
        {"order.paid method null", "order.paid", with(d("order.paid"), "method", "null"), "order=o-1 amount=35.5 method="},
        {"order.held", "order.held", d("order.held"), "order=o-1 reason=suspicious_burst"},
        {"order.released", "order.released", d("order.released"), "order=o-1 by=ops-1"},
        {"order.released by nobody", "order.released", without(d("order.released"), "by"), "order=o-1 by="},
        {"order.stock_checked", "order.stock_checked", d("order.stock_checked"), "order=o-1 ok=false short=[s1,s2]"},
        {"order.stock_checked ok", "order.stock_checked", with(with(d("order.stock_checked"), "ok", "true"), "short_skus", "[]"),
         "order=o-1 ok=true short=[]"},
        {"order.restocked", "order.restocked", d("order.restocked"), "order=o-1"},
        {"order.dispatched", "order.dispatched", d("order.dispatched"), "order=o-1 rider=r-3 eta=" + eta45},
        {"order.reassigned", "order.reassigned", d("order.reassigned"), "order=o-1 rider=r-4 eta=2026-11-22T10:55:00.000Z"},
        {"order.eta_updated", "order.eta_updated", d("order.eta_updated"),
         "order=o-1 eta=2026-11-22T10:50:00.000Z reason=traffic"},
        {"order.eta_updated no reason", "order.eta_updated", without(d("order.eta_updated"), "reason"),
         "order=o-1 eta=2026-11-22T10:50:00.000Z reason="},
        {"order.exception", "order.exception", d("order.exception"),
         "order=o-1 reason=damaged note=box wet reported_by=r-3"},
        {"order.exception bare", "order.exception", without(without(d("order.exception"), "note"), "reported_by"),
         "order=o-1 reason=damaged note= reported_by="},
        {"order.signed", "order.signed", d("order.signed"), "order=o-1 signed_by=Li signature_ref=sig-1 at=39.9,116.4"},
        {"order.signed no position", "order.signed", without(without(d("order.signed"), "lat"), "lng"),
         "order=o-1 signed_by=Li signature_ref=sig-1 at=-"},
        {"order.return_started", "order.return_started", d("order.return_started"), "order=o-1 reason=customer_rejected"},
        {"order.claim_opened", "order.claim_opened", d("order.claim_opened"), "order=o-1 reason=damaged amount=12"},
        {"order.closed", "order.closed", d("order.closed"), "order=o-1 outcome=refunded"},
        {"order.cancelled", "order.cancelled", d("order.cancelled"), "order=o-1 reason=customer_request"},
        {"order.refunded", "order.refunded", d("order.refunded"), "order=o-1 amount=3.5 reason=late"},
        {"order.refunded no reason", "order.refunded", without(d("order.refunded"), "reason"), "order=o-1 amount=3.5 reason="},
        {"customer.notified", "customer.notified", d("customer.notified"), "order=o-1 template=delay_apology"},
    };
}

inline std::vector<GoodRow> otherGoodRows()
{
    auto d = dataFields;
    const std::string eta45 = "2026-11-22T10:45:00.000Z";
    const std::string promise = "2026-11-22T11:00:00.000Z";
    return {
        {"rider.status", "rider.status", d("rider.status"), "rider=r-3 name=Wang status=to_pickup capacity=4 depot=BJ-CY-01"},
        {"rider.position", "rider.position", d("rider.position"),
         "rider=r-3 at=39.92,116.41 speed=4.5 heading=270 accuracy=5 battery=81"},
        {"rider.position bare", "rider.position", {{"rider_id", "\"r-3\""}, {"lat", "39.92"}, {"lng", "116.41"}},
         "rider=r-3 at=39.92,116.41 speed=0 heading=0 accuracy=-1 battery=-1"},
        {"rider.report", "rider.report", d("rider.report"), "rider=r-3 order=o-1 kind=traffic_accident note=minor"},
        {"rider.report no order", "rider.report", without(without(d("rider.report"), "order_id"), "note"),
         "rider=r-3 order= kind=traffic_accident note="},
        {"inventory.level", "inventory.level", d("inventory.level"), "sku=s1 name=Milk qty=10 unit=box reorder_point=5 merchant="},
        {"inventory.level of a merchant", "inventory.level", with(d("inventory.level"), "merchant_id", R"("M-7")"),
         "sku=s1 name=Milk qty=10 unit=box reorder_point=5 merchant=M-7"},
        {"inventory.level no reorder point", "inventory.level", without(d("inventory.level"), "reorder_point"),
         "sku=s1 name=Milk qty=10 unit=box reorder_point=- merchant="},
        {"sensor.reading", "sensor.reading", d("sensor.reading"),
         "sensor=t-1 kind=temperature value=4.2 unit=C vehicle=v-1 depot= min=0 max=8"},
        {"sensor.reading at a depot, no limits", "sensor.reading",
         with(with(without(without(without(d("sensor.reading"), "vehicle_id"), "min"), "max"), "kind", R"("humidity")"),
              "depot", R"("BJ-CY-01")"),
         "sensor=t-1 kind=humidity value=4.2 unit=C vehicle= depot=BJ-CY-01 min=- max=-"},
        {"sensor.reading weight, min only", "sensor.reading", with(without(d("sensor.reading"), "max"), "kind", R"("weight")"),
         "sensor=t-1 kind=weight value=4.2 unit=C vehicle=v-1 depot= min=0 max=-"},
        {"gateway.stats", "gateway.stats", d("gateway.stats"),
         "window=10 offered=100 accepted=90 rate_limited=6 breaker_open=4 limits=[global|600|50] "
         "breakers=[depot:BJ-CY-01|closed|auto|0.01] diversions=[BJ-CY-01>BJ-HD-02|0.3]"},
        {"gateway.stats bare", "gateway.stats", {{"window_s", "1"}, {"offered", "3"}, {"accepted", "3"}},
         "window=1 offered=3 accepted=3 rate_limited=0 breaker_open=0 limits=[] breakers=[] diversions=[]"},
        {"gateway.stats counts as reals, entries bare", "gateway.stats",
         {{"window_s", "1"}, {"offered", "10.0"}, {"accepted", "9.0"}, {"rejected", R"({"rate_limited":1.0})"},
          {"limits", R"([{"scope":"merchant:m-1","per_min":30}])"},
          {"breakers", R"([{"scope":"global","state":"half_open","mode":"forced_closed"}])"}},
         "window=1 offered=10 accepted=9 rate_limited=1 breaker_open=0 limits=[merchant:m-1|30|0] "
         "breakers=[global|half_open|forced_closed|0] diversions=[]"},
        {"order.snapshot", "order.snapshot", d("order.snapshot"),
         "order=o-1 state=DELIVERING rider=r-3 eta=" + eta45 + " created=2026-11-22T10:01:00.000Z reason= merchant=m-7 "
         "channel=fresh customer=Li/139 address=2 Road@39.9,116.4 amount=9 promised=" + promise
             + " note= priority=normal items=[s1|Milk|1|box,s9||0.5|]"},
        {"order.snapshot bare", "order.snapshot",
         {{"order_id", "\"o-1\""}, {"state", "\"CLOSED\""}, {"created_at", "\"2026-11-22T10:01:00.000Z\""}, {"reason", "\"refunded\""}},
         "order=o-1 state=CLOSED rider= eta=- created=2026-11-22T10:01:00.000Z reason=refunded merchant= channel= "
         "customer=/ address=@- amount=0 promised=- note= priority=normal items=[]"},
        {"rider.snapshot", "rider.snapshot", d("rider.snapshot"),
         "rider=r-3 name=Wang status=delivering capacity=3 depot=BJ-CY-01 at=39.9,116.3 speed=2 heading=-90 accuracy=12 "
         "battery=55"},
    };
}

inline std::vector<GoodRow> goodPayloadRows()
{
    std::vector<GoodRow> rows = orderGoodRows();
    for (GoodRow &row : otherGoodRows())
        rows.push_back(std::move(row));
    return rows;
}

} // namespace decodertest
