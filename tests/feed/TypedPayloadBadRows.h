#pragma once

// Per type of protocol.md, each typed data field broken in each way the decoder must
// refuse: absent when required, the wrong JSON type, an impossible value; list entries
// field by field. The detail must name the field ("data.items[1].qty").
#include "TypedPayloadRows.h"

#include <string>
#include <vector>

namespace decodertest {

struct BadRow {
    std::string name;
    std::string type;
    Fields data;
    RejectReason reason;
    std::string detail;
};

namespace badrows {

constexpr auto Missing = RejectReason::MissingField;
constexpr auto Type = RejectReason::WrongType;
constexpr auto Value = RejectReason::BadValue;

inline void orderRows(std::vector<BadRow> &rows)
{
    auto bad = [&rows](const std::string &type, const std::string &what, Fields data, RejectReason reason,
                       const std::string &detail) { rows.push_back({type + " " + what, type, std::move(data), reason, detail}); };
    const Fields c = dataFields("order.created");
    const std::string oc = "order.created";
    bad(oc, "order_id empty", with(c, "order_id", R"("")"), Value, "data.order_id");
    bad(oc, "merchant_id missing", without(c, "merchant_id"), Missing, "data.merchant_id");
    bad(oc, "merchant_id empty", with(c, "merchant_id", R"("")"), Value, "data.merchant_id");
    bad(oc, "merchant_id number", with(c, "merchant_id", "7"), Type, "data.merchant_id");
    bad(oc, "channel missing", without(c, "channel"), Missing, "data.channel");
    bad(oc, "channel number", with(c, "channel", "1"), Type, "data.channel");
    bad(oc, "customer missing", without(c, "customer"), Missing, "data.customer");
    bad(oc, "customer string", with(c, "customer", R"("Li")"), Type, "data.customer");
    bad(oc, "customer.name missing", with(c, "customer", R"({"phone":"139"})"), Missing, "data.customer.name");
    bad(oc, "customer.name number", with(c, "customer", R"({"name":1,"phone":"139"})"), Type, "data.customer.name");
    bad(oc, "customer.phone number", with(c, "customer", R"({"name":"Li","phone":139})"), Type, "data.customer.phone");
    bad(oc, "address missing", without(c, "address"), Missing, "data.address");
    bad(oc, "address array", with(c, "address", "[]"), Type, "data.address");
    bad(oc, "address.text missing", with(c, "address", R"({"lat":39.9,"lng":116.4})"), Missing, "data.address.text");
    bad(oc, "address.lat missing", with(c, "address", R"({"text":"x","lng":116.4})"), Missing, "data.address.lat");
    bad(oc, "address.lng missing", with(c, "address", R"({"text":"x","lat":39.9})"), Missing, "data.address.lng");
    bad(oc, "address.lat string", with(c, "address", R"({"text":"x","lat":"39.9","lng":116.4})"), Type, "data.address.lat");
    bad(oc, "address.lng range", with(c, "address", R"({"text":"x","lat":39.9,"lng":-181})"), Value, "data.address.lng");
    bad(oc, "items missing", without(c, "items"), Missing, "data.items");
    bad(oc, "items entry string", with(c, "items", R"(["s1"])"), Type, "data.items[0]");
    bad(oc, "items entry null", with(c, "items", R"([null])"), Type, "data.items[0]");
    bad(oc, "items sku missing", with(c, "items", R"([{"qty":1}])"), Missing, "data.items[0].sku");
    bad(oc, "items sku empty", with(c, "items", R"([{"sku":"","qty":1}])"), Value, "data.items[0].sku");
    bad(oc, "items sku number", with(c, "items", R"([{"sku":5,"qty":1}])"), Type, "data.items[0].sku");
    bad(oc, "items name number", with(c, "items", R"([{"sku":"s","name":5,"qty":1}])"), Type, "data.items[0].name");
    bad(oc, "items qty missing", with(c, "items", R"([{"sku":"s1","qty":1},{"sku":"s2"}])"), Missing, "data.items[1].qty");
    bad(oc, "items qty string", with(c, "items", R"([{"sku":"s","qty":"2"}])"), Type, "data.items[0].qty");
    bad(oc, "items qty negative", with(c, "items", R"([{"sku":"s","qty":-1}])"), Value, "data.items[0].qty");
    bad(oc, "items unit number", with(c, "items", R"([{"sku":"s","qty":1,"unit":3}])"), Type, "data.items[0].unit");
    bad(oc, "amount missing", without(c, "amount"), Missing, "data.amount");
    bad(oc, "amount negative", with(c, "amount", "-1"), Value, "data.amount");
    bad(oc, "amount null", with(c, "amount", "null"), Missing, "data.amount");
    bad(oc, "promised_at missing", without(c, "promised_at"), Missing, "data.promised_at");
    bad(oc, "promised_at number", with(c, "promised_at", "1795312800000"), Type, "data.promised_at");

    const std::string op = "order.paid";
    bad(op, "amount missing", without(dataFields(op), "amount"), Missing, "data.amount");
    bad(op, "amount negative", with(dataFields(op), "amount", "-0.5"), Value, "data.amount");
    bad(op, "method number", with(dataFields(op), "method", "3"), Type, "data.method");
    bad("order.held", "reason missing", without(dataFields("order.held"), "reason"), Missing, "data.reason");
    bad("order.held", "reason number", with(dataFields("order.held"), "reason", "1"), Type, "data.reason");
    bad("order.released", "by number", with(dataFields("order.released"), "by", "1"), Type, "data.by");
    const std::string os = "order.stock_checked";
    bad(os, "ok missing", without(dataFields(os), "ok"), Missing, "data.ok");
    bad(os, "ok number", with(dataFields(os), "ok", "1"), Type, "data.ok");
    bad(os, "short_skus missing", without(dataFields(os), "short_skus"), Missing, "data.short_skus");
    bad(os, "short_skus object", with(dataFields(os), "short_skus", "{}"), Type, "data.short_skus");
    bad(os, "short_skus entry number", with(dataFields(os), "short_skus", "[5]"), Type, "data.short_skus[0]");
    bad(os, "short_skus entry empty", with(dataFields(os), "short_skus", R"(["s1",""])"), Value, "data.short_skus[1]");
    bad("order.restocked", "order_id missing", {}, Missing, "data.order_id");
}

inline void orderRows2(std::vector<BadRow> &rows)
{
    auto bad = [&rows](const std::string &type, const std::string &what, Fields data, RejectReason reason,
                       const std::string &detail) { rows.push_back({type + " " + what, type, std::move(data), reason, detail}); };
    for (const std::string t : {"order.dispatched", "order.reassigned"}) {
        bad(t, "rider_id missing", without(dataFields(t), "rider_id"), Missing, "data.rider_id");
        bad(t, "rider_id empty", with(dataFields(t), "rider_id", R"("")"), Value, "data.rider_id");
        bad(t, "rider_id number", with(dataFields(t), "rider_id", "3"), Type, "data.rider_id");
        bad(t, "eta missing", without(dataFields(t), "eta"), Missing, "data.eta");
        bad(t, "eta bad", with(dataFields(t), "eta", R"("soon")"), Value, "data.eta");
    }
    const std::string oe = "order.eta_updated";
    bad(oe, "eta missing", without(dataFields(oe), "eta"), Missing, "data.eta");
    bad(oe, "eta number", with(dataFields(oe), "eta", "5"), Type, "data.eta");
    bad(oe, "reason number", with(dataFields(oe), "reason", "5"), Type, "data.reason");
    const std::string ox = "order.exception";
    bad(ox, "reason missing", without(dataFields(ox), "reason"), Missing, "data.reason");
    bad(ox, "reason unknown", with(dataFields(ox), "reason", R"("late")"), Value, "data.reason");
    bad(ox, "note number", with(dataFields(ox), "note", "5"), Type, "data.note");
    bad(ox, "reported_by number", with(dataFields(ox), "reported_by", "5"), Type, "data.reported_by");
    const std::string og = "order.signed";
    bad(og, "signed_by number", with(dataFields(og), "signed_by", "5"), Type, "data.signed_by");
    bad(og, "signature_ref object", with(dataFields(og), "signature_ref", "{}"), Type, "data.signature_ref");
    bad(og, "lat without lng", without(dataFields(og), "lng"), Missing, "data.lng");
    bad(og, "lat range", with(dataFields(og), "lat", "91"), Value, "data.lat");
    bad("order.return_started", "reason number", with(dataFields("order.return_started"), "reason", "5"), Type,
        "data.reason");
    bad("order.cancelled", "reason array", with(dataFields("order.cancelled"), "reason", "[]"), Type, "data.reason");
    const std::string oclaim = "order.claim_opened";
    bad(oclaim, "reason number", with(dataFields(oclaim), "reason", "5"), Type, "data.reason");
    bad(oclaim, "amount string", with(dataFields(oclaim), "amount", R"("12")"), Type, "data.amount");
    bad(oclaim, "amount negative", with(dataFields(oclaim), "amount", "-12"), Value, "data.amount");
    bad("order.closed", "outcome missing", without(dataFields("order.closed"), "outcome"), Missing, "data.outcome");
    bad("order.closed", "outcome number", with(dataFields("order.closed"), "outcome", "1"), Type, "data.outcome");
    const std::string oref = "order.refunded";
    bad(oref, "amount missing", without(dataFields(oref), "amount"), Missing, "data.amount");
    bad(oref, "amount negative", with(dataFields(oref), "amount", "-1"), Value, "data.amount");
    bad(oref, "reason number", with(dataFields(oref), "reason", "5"), Type, "data.reason");
    const std::string onote = "customer.notified";
    bad(onote, "template missing", without(dataFields(onote), "template"), Missing, "data.template");
    bad(onote, "template empty", with(dataFields(onote), "template", R"("")"), Value, "data.template");
    bad(onote, "template number", with(dataFields(onote), "template", "1"), Type, "data.template");
    bad(onote, "order_id missing", without(dataFields(onote), "order_id"), Missing, "data.order_id");
    const std::string snap = "order.snapshot";
    bad(snap, "state missing", without(dataFields(snap), "state"), Missing, "data.state");
    bad(snap, "state number", with(dataFields(snap), "state", "3"), Type, "data.state");
    bad(snap, "created_at missing", without(dataFields(snap), "created_at"), Missing, "data.created_at");
    bad(snap, "eta bad", with(dataFields(snap), "eta", R"("2026-11-22")"), Value, "data.eta");
    bad(snap, "rider_id number", with(dataFields(snap), "rider_id", "3"), Type, "data.rider_id");
    bad(snap, "reason number", with(dataFields(snap), "reason", "3"), Type, "data.reason");
    bad(snap, "channel unknown", with(dataFields(snap), "channel", R"("drone")"), Value, "data.channel");
    bad(snap, "items qty string", with(dataFields(snap), "items", R"([{"sku":"s1","qty":"1"}])"), Type, "data.items[0].qty");
    bad(snap, "customer.phone missing", with(dataFields(snap), "customer", R"({"name":"Li"})"), Missing,
        "data.customer.phone");
}

inline void riderRows(std::vector<BadRow> &rows)
{
    auto bad = [&rows](const std::string &type, const std::string &what, Fields data, RejectReason reason,
                       const std::string &detail) { rows.push_back({type + " " + what, type, std::move(data), reason, detail}); };
    for (const std::string t : {"rider.status", "rider.snapshot"}) {
        bad(t, "rider_id missing", without(dataFields(t), "rider_id"), Missing, "data.rider_id");
        bad(t, "status missing", without(dataFields(t), "status"), Missing, "data.status");
        bad(t, "status unknown", with(dataFields(t), "status", R"("asleep")"), Value, "data.status");
        bad(t, "name number", with(dataFields(t), "name", "1"), Type, "data.name");
        bad(t, "capacity string", with(dataFields(t), "capacity", R"("4")"), Type, "data.capacity");
        bad(t, "capacity fraction", with(dataFields(t), "capacity", "2.5"), Type, "data.capacity");
        bad(t, "capacity negative", with(dataFields(t), "capacity", "-1"), Value, "data.capacity");
        bad(t, "capacity huge", with(dataFields(t), "capacity", "2000000"), Value, "data.capacity");
        bad(t, "depot number", with(dataFields(t), "depot", "1"), Type, "data.depot");
    }
    for (const std::string t : {"rider.position", "rider.snapshot"}) {
        bad(t, "lat string", with(dataFields(t), "lat", R"("39.9")"), Type, "data.lat");
        bad(t, "lng without lat", without(dataFields(t), "lat"), Missing, "data.lat");
        bad(t, "speed_mps negative", with(dataFields(t), "speed_mps", "-1"), Value, "data.speed_mps");
        bad(t, "speed_mps string", with(dataFields(t), "speed_mps", R"("fast")"), Type, "data.speed_mps");
        bad(t, "heading_deg range", with(dataFields(t), "heading_deg", "361"), Value, "data.heading_deg");
        bad(t, "accuracy_m negative", with(dataFields(t), "accuracy_m", "-5"), Value, "data.accuracy_m");
        bad(t, "accuracy_m string", with(dataFields(t), "accuracy_m", R"("5")"), Type, "data.accuracy_m");
        bad(t, "battery_pct over 100", with(dataFields(t), "battery_pct", "101"), Value, "data.battery_pct");
        bad(t, "battery_pct bool", with(dataFields(t), "battery_pct", "true"), Type, "data.battery_pct");
    }
    const std::string rp = "rider.position";
    bad(rp, "position missing", without(without(dataFields(rp), "lat"), "lng"), Missing, "data.lat");
    bad(rp, "rider_id empty", with(dataFields(rp), "rider_id", R"("")"), Value, "data.rider_id");
    const std::string rr = "rider.report";
    bad(rr, "rider_id missing", without(dataFields(rr), "rider_id"), Missing, "data.rider_id");
    bad(rr, "rider_id empty", with(dataFields(rr), "rider_id", R"("")"), Value, "data.rider_id");
    bad(rr, "order_id number", with(dataFields(rr), "order_id", "1"), Type, "data.order_id");
    bad(rr, "kind missing", without(dataFields(rr), "kind"), Missing, "data.kind");
    bad(rr, "kind empty", with(dataFields(rr), "kind", R"("")"), Value, "data.kind");
    bad(rr, "kind number", with(dataFields(rr), "kind", "1"), Type, "data.kind");
    bad(rr, "note number", with(dataFields(rr), "note", "1"), Type, "data.note");
}

inline void stockAndSensorRows(std::vector<BadRow> &rows)
{
    auto bad = [&rows](const std::string &type, const std::string &what, Fields data, RejectReason reason,
                       const std::string &detail) { rows.push_back({type + " " + what, type, std::move(data), reason, detail}); };
    const std::string il = "inventory.level";
    bad(il, "sku missing", without(dataFields(il), "sku"), Missing, "data.sku");
    bad(il, "sku empty", with(dataFields(il), "sku", R"("")"), Value, "data.sku");
    bad(il, "qty missing", without(dataFields(il), "qty"), Missing, "data.qty");
    bad(il, "qty string", with(dataFields(il), "qty", R"("10")"), Type, "data.qty");
    bad(il, "name number", with(dataFields(il), "name", "1"), Type, "data.name");
    bad(il, "unit number", with(dataFields(il), "unit", "1"), Type, "data.unit");
    // Issue 18: a negative level or reorder point is a broken count; merchant_id is text.
    bad(il, "qty negative", with(dataFields(il), "qty", "-3"), Value, "data.qty");
    bad(il, "reorder_point negative", with(dataFields(il), "reorder_point", "-1"), Value, "data.reorder_point");
    bad(il, "merchant_id number", with(dataFields(il), "merchant_id", "7"), Type, "data.merchant_id");
    bad(il, "reorder_point string", with(dataFields(il), "reorder_point", R"("5")"), Type, "data.reorder_point");
    const std::string sr = "sensor.reading";
    bad(sr, "sensor_id missing", without(dataFields(sr), "sensor_id"), Missing, "data.sensor_id");
    bad(sr, "sensor_id empty", with(dataFields(sr), "sensor_id", R"("")"), Value, "data.sensor_id");
    bad(sr, "kind missing", without(dataFields(sr), "kind"), Missing, "data.kind");
    bad(sr, "kind unknown", with(dataFields(sr), "kind", R"("pressure")"), Value, "data.kind");
    bad(sr, "value missing", without(dataFields(sr), "value"), Missing, "data.value");
    bad(sr, "value string", with(dataFields(sr), "value", R"("4.2")"), Type, "data.value");
    bad(sr, "unit number", with(dataFields(sr), "unit", "1"), Type, "data.unit");
    bad(sr, "vehicle_id number", with(dataFields(sr), "vehicle_id", "1"), Type, "data.vehicle_id");
    bad(sr, "depot number", with(dataFields(sr), "depot", "1"), Type, "data.depot");
    bad(sr, "min string", with(dataFields(sr), "min", R"("0")"), Type, "data.min");
    bad(sr, "max string", with(dataFields(sr), "max", R"("8")"), Type, "data.max");
    bad(sr, "max below min", with(dataFields(sr), "max", "-1"), Value, "data.max");
}

inline void gatewayRows(std::vector<BadRow> &rows)
{
    auto bad = [&rows](const std::string &what, Fields data, RejectReason reason, const std::string &detail) {
        rows.push_back({"gateway.stats " + what, "gateway.stats", std::move(data), reason, detail});
    };
    const Fields g = dataFields("gateway.stats");
    bad("window_s missing", without(g, "window_s"), Missing, "data.window_s");
    bad("window_s negative", with(g, "window_s", "-1"), Value, "data.window_s");
    bad("offered missing", without(g, "offered"), Missing, "data.offered");
    bad("offered string", with(g, "offered", R"("100")"), Type, "data.offered");
    bad("offered negative", with(g, "offered", "-1"), Value, "data.offered");
    bad("offered fraction", with(g, "offered", "10.5"), Value, "data.offered");
    bad("accepted missing", without(g, "accepted"), Missing, "data.accepted");
    bad("accepted fraction", with(g, "accepted", "0.5"), Value, "data.accepted");
    bad("rejected array", with(g, "rejected", "[]"), Type, "data.rejected");
    bad("rejected.rate_limited string", with(g, "rejected", R"({"rate_limited":"6"})"), Type, "data.rejected.rate_limited");
    bad("rejected.breaker_open negative", with(g, "rejected", R"({"breaker_open":-4})"), Value, "data.rejected.breaker_open");
    bad("limits entry number", with(g, "limits", "[1]"), Type, "data.limits[0]");
    bad("limits scope missing", with(g, "limits", R"([{"per_min":3}])"), Missing, "data.limits[0].scope");
    bad("limits scope empty", with(g, "limits", R"([{"scope":"","per_min":3}])"), Value, "data.limits[0].scope");
    bad("limits per_min missing", with(g, "limits", R"([{"scope":"global"}])"), Missing, "data.limits[0].per_min");
    bad("limits per_min string", with(g, "limits", R"([{"scope":"global","per_min":"3"}])"), Type, "data.limits[0].per_min");
    bad("limits per_min negative", with(g, "limits", R"([{"scope":"global","per_min":-3}])"), Value, "data.limits[0].per_min");
    bad("limits burst negative", with(g, "limits", R"([{"scope":"global","per_min":3,"burst":-1}])"), Value,
        "data.limits[0].burst");
    bad("breakers object", with(g, "breakers", "{}"), Type, "data.breakers");
    bad("breakers scope missing", with(g, "breakers", R"([{"state":"open","mode":"auto"}])"), Missing, "data.breakers[0].scope");
    bad("breakers state missing", with(g, "breakers", R"([{"scope":"global","mode":"auto"}])"), Missing,
        "data.breakers[0].state");
    bad("breakers state unknown", with(g, "breakers", R"([{"scope":"global","state":"ajar","mode":"auto"}])"), Value,
        "data.breakers[0].state");
    bad("breakers mode unknown", with(g, "breakers", R"([{"scope":"global","state":"open","mode":"manual"}])"), Value,
        "data.breakers[0].mode");
    bad("breakers error_rate over 1",
        with(g, "breakers", R"([{"scope":"global","state":"open","mode":"auto","error_rate":1.5}])"), Value,
        "data.breakers[0].error_rate");
    bad("breakers error_rate string",
        with(g, "breakers", R"([{"scope":"global","state":"open","mode":"auto","error_rate":"0.1"}])"), Type,
        "data.breakers[0].error_rate");
    bad("diversions string", with(g, "diversions", R"("none")"), Type, "data.diversions");
    bad("diversions from missing", with(g, "diversions", R"([{"to":"B","share":0.5}])"), Missing, "data.diversions[0].from");
    bad("diversions to empty", with(g, "diversions", R"([{"from":"A","to":"","share":0.5}])"), Value, "data.diversions[0].to");
    bad("diversions share missing", with(g, "diversions", R"([{"from":"A","to":"B"}])"), Missing, "data.diversions[0].share");
    bad("diversions share over 1", with(g, "diversions", R"([{"from":"A","to":"B","share":1.2}])"), Value,
        "data.diversions[0].share");
    bad("diversions second entry", with(g, "diversions", R"([{"from":"A","to":"B","share":0.2},{"from":"C","to":"D"}])"),
        Missing, "data.diversions[1].share");
}

} // namespace badrows

inline std::vector<BadRow> badFieldRows()
{
    std::vector<BadRow> rows;
    badrows::orderRows(rows);
    badrows::orderRows2(rows);
    badrows::riderRows(rows);
    badrows::stockAndSensorRows(rows);
    badrows::gatewayRows(rows);
    return rows;
}

} // namespace decodertest
