// The `data` half of EventDecoder: every data field of every type of protocol.md, checked
// and stored typed in Event (flat fields and payload, see Event.h). Required fields are
// the ones a console cannot do without; the other listed fields are optional but must
// have the documented type and range when present. Entries of the protocol's lists are
// checked field by field like the data itself: one bad entry rejects the event, so
// nothing is silently dropped or reinterpreted.
#include "DecodeCheck.h"

#include <array>

namespace opsdeck::core::decode {

namespace {

constexpr auto R = Need::Required;
constexpr auto O = Need::Optional;

constexpr std::array<std::string_view, 3> kChannels = {"fresh", "campus", "errand"};
constexpr std::array<std::string_view, 5> kRiderStatuses = {"offline", "idle", "to_pickup", "delivering", "break"};
constexpr std::array<std::string_view, 6> kExceptionReasons = {
    "traffic_accident", "customer_rejected", "damaged", "delayed", "address_invalid", "other"};
constexpr std::array<std::string_view, 3> kBreakerStates = {"closed", "open", "half_open"};
constexpr std::array<std::string_view, 3> kBreakerModes = {"auto", "forced_open", "forced_closed"};

std::size_t sizeOf(const Field &f)
{
    array a;
    return f.present && f.value.get_array().get(a) == simdjson::SUCCESS ? a.size() : 0;
}

// items [{sku, name, qty, unit}]: the payload of order.created and order.snapshot.
bool orderItems(Checker &c, object d, Need need, Event &ev)
{
    const Field list = fieldOf(d, kData, "items");
    OrderItemsPayload p;
    p.items.reserve(sizeOf(list));
    const bool ok = c.objects(list, need, [&](object entry, std::string_view prefix, std::string_view name, int i) {
        auto field = [&](std::string_view key) { return entryFieldOf(entry, prefix, name, i, key); };
        OrderItem item;
        if (!(c.text(field("sku"), R, &item.sku, true) && c.text(field("name"), O, &item.name)
              && c.number(field("qty"), R, &item.qty, 0.0) && c.text(field("unit"), O, &item.unit)))
            return false;
        p.items.push_back(std::move(item));
        return true;
    });
    if (ok)
        ev.setPayload(std::move(p));
    return ok;
}

// Our extension (docs/protocol.md). Another gateway may use these names for something
// else: a value we cannot read is left out and flagged for counting, never a reason to
// drop the order (a rejected order.created would cost a resync and lose the order).
void orderExtensions(object d, Event &ev)
{
    if (const Field note = fieldOf(d, kData, "note"); note.present) {
        std::string_view text;
        if (note.value.get_string().get(text) == simdjson::SUCCESS)
            ev.customerNote.assign(text);
        else
            ev.extensionIgnored = true;
    }
    if (const Field priority = fieldOf(d, kData, "priority"); priority.present) {
        std::string_view text;
        std::optional<OrderPriority> known;
        if (priority.value.get_string().get(text) == simdjson::SUCCESS)
            known = orderPriorityFromString(text);
        ev.priority = known.value_or(OrderPriority::Normal);
        ev.extensionIgnored = ev.extensionIgnored || !known;
    }
}

// The fields of order.created; order.snapshot carries them too.
bool orderBody(Checker &c, object d, Need need, Event &ev)
{
    object customer;
    object address;
    bool hasCustomer = false;
    bool hasAddress = false;
    if (!(c.text(fieldOf(d, kData, "merchant_id"), need, &ev.merchantId, true)
          && c.oneOf(fieldOf(d, kData, "channel"), need, kChannels, &ev.channel)
          && c.child(fieldOf(d, kData, "customer"), need, &customer, &hasCustomer)
          && c.child(fieldOf(d, kData, "address"), need, &address, &hasAddress) && orderItems(c, d, need, ev)
          && c.number(fieldOf(d, kData, "amount"), need, &ev.amount, 0.0)
          && c.timestamp(fieldOf(d, kData, "promised_at"), need, &ev.promisedAtMs)))
        return false;
    orderExtensions(d, ev);
    if (hasCustomer
        && !(c.text(fieldOf(customer, "data.customer.", "name"), R, &ev.customerName)
             && c.text(fieldOf(customer, "data.customer.", "phone"), R, &ev.customerPhone)))
        return false;
    if (hasAddress
        && !(c.text(fieldOf(address, "data.address.", "text"), R, &ev.addressText)
             && c.position(address, "data.address.", R, ev)))
        return false;
    return true;
}

// Rider fields of rider.status and rider.position; rider.snapshot carries both.
bool riderStatusBody(Checker &c, object d, Need need, Event &ev)
{
    std::int64_t capacity = 0;
    const bool ok = c.oneOf(fieldOf(d, kData, "status"), need, kRiderStatuses, &ev.riderStatus)
        && c.text(fieldOf(d, kData, "name"), O, &ev.riderName)
        && c.integer(fieldOf(d, kData, "capacity"), O, &capacity) && c.text(fieldOf(d, kData, "depot"), O, &ev.riderDepot);
    if (ok && capacity > 1000000)
        return c.fail(RejectReason::BadValue, kData, "capacity", "out of range");
    ev.capacity = static_cast<int>(capacity);
    return ok;
}

bool riderPositionBody(Checker &c, object d, Need need, Event &ev)
{
    return c.position(d, kData, need, ev) && c.number(fieldOf(d, kData, "speed_mps"), O, &ev.speedMps, 0.0)
        && c.number(fieldOf(d, kData, "heading_deg"), O, &ev.headingDeg, -360.0, 360.0)
        && c.number(fieldOf(d, kData, "accuracy_m"), O, &ev.accuracyM, 0.0)
        && c.number(fieldOf(d, kData, "battery_pct"), O, &ev.batteryPct, 0.0, 100.0);
}

bool stockChecked(Checker &c, object d, Event &ev)
{
    const Field list = fieldOf(d, kData, "short_skus");
    array skus;
    bool present = false;
    if (!(c.boolean(fieldOf(d, kData, "ok"), R, &ev.stockOk) && c.list(list, R, &skus, &present)))
        return false;
    StockCheckedPayload p;
    p.shortSkus.reserve(skus.size());
    int index = 0;
    for (element sku : skus) {
        std::string text;
        if (!c.text(Field{list.prefix, {}, sku, true, list.key, index++}, R, &text, true))
            return false;
        p.shortSkus.push_back(std::move(text));
    }
    ev.setPayload(std::move(p));
    return true;
}

bool orderSnapshot(Checker &c, object d, Event &ev)
{
    std::string_view state;
    if (!c.text(fieldOf(d, kData, "state"), R, nullptr, false, &state))
        return false;
    const auto s = orderStateFromString(state);
    if (!s || *s == OrderState::Unknown)
        return c.fail(RejectReason::BadValue, kData, "state", "unknown order state");
    ev.snapshotState = *s;
    return c.text(fieldOf(d, kData, "rider_id"), O, &ev.riderId) && c.timestamp(fieldOf(d, kData, "eta"), O, &ev.etaMs)
        && c.timestamp(fieldOf(d, kData, "created_at"), R, &ev.createdAtMs) && orderBody(c, d, O, ev)
        && c.text(fieldOf(d, kData, "reason"), O, &ev.reason);
}

// order.* and order.snapshot; order_id is already checked.
bool orderData(Checker &c, EventKind kind, object d, Event &ev)
{
    auto field = [&](std::string_view key) { return fieldOf(d, kData, key); };
    switch (kind) {
    case EventKind::OrderCreated:
        return orderBody(c, d, R, ev);
    case EventKind::OrderPaid: {
        OrderPaidPayload p;
        const bool ok = c.number(field("amount"), R, &ev.amount, 0.0) && c.text(field("method"), O, &p.method);
        ev.setPayload(std::move(p));
        return ok;
    }
    case EventKind::OrderHeld:
        return c.text(field("reason"), R, &ev.reason);
    case EventKind::OrderReleased: {
        OrderReleasedPayload p;
        const bool ok = c.text(field("by"), O, &p.by);
        ev.setPayload(std::move(p));
        return ok;
    }
    case EventKind::OrderStockChecked:
        return stockChecked(c, d, ev);
    case EventKind::OrderRestocked:
        return true;
    case EventKind::OrderDispatched:
    case EventKind::OrderReassigned:
        return c.text(field("rider_id"), R, &ev.riderId, true) && c.timestamp(field("eta"), R, &ev.etaMs);
    case EventKind::OrderEtaUpdated:
        return c.timestamp(field("eta"), R, &ev.etaMs) && c.text(field("reason"), O, &ev.reason);
    case EventKind::OrderException: {
        OrderExceptionPayload p;
        const bool ok = c.oneOf(field("reason"), R, kExceptionReasons, &ev.reason) && c.text(field("note"), O, &p.note)
            && c.text(field("reported_by"), O, &p.reportedBy);
        ev.setPayload(std::move(p));
        return ok;
    }
    case EventKind::OrderSigned: {
        OrderSignedPayload p;
        const bool ok = c.text(field("signed_by"), O, &p.signedBy) && c.text(field("signature_ref"), O, &p.signatureRef)
            && c.position(d, kData, O, ev);
        ev.setPayload(std::move(p));
        return ok;
    }
    case EventKind::OrderReturnStarted:
    case EventKind::OrderCancelled:
        return c.text(field("reason"), O, &ev.reason);
    case EventKind::OrderClaimOpened:
        return c.text(field("reason"), O, &ev.reason) && c.number(field("amount"), O, &ev.amount, 0.0);
    case EventKind::OrderClosed:
        return c.text(field("outcome"), R, &ev.reason);
    case EventKind::OrderRefunded:
        return c.number(field("amount"), R, &ev.amount, 0.0) && c.text(field("reason"), O, &ev.reason);
    case EventKind::CustomerNotified:
        return c.text(field("template"), R, &ev.reason, true);
    case EventKind::OrderSnapshot:
        return orderSnapshot(c, d, ev);
    default:
        return c.fail(RejectReason::UnknownType, "", "type", "unknown");
    }
}

bool inventoryLevel(Checker &c, object d, Event &ev)
{
    InventoryLevelPayload p;
    auto field = [&](std::string_view key) { return fieldOf(d, kData, key); };
    // A level below zero is a broken count, not a shortage: rejected, not shown as "out".
    // merchant_id (extension, docs/protocol.md) says whose shelf it is.
    const bool ok = c.text(field("sku"), R, &p.sku, true) && c.number(field("qty"), R, &p.qty, 0.0)
        && c.text(field("name"), O, &p.name) && c.text(field("unit"), O, &p.unit)
        && c.number(field("reorder_point"), &p.reorderPoint, 0.0) && c.text(field("merchant_id"), O, &ev.merchantId);
    ev.setPayload(std::move(p));
    return ok;
}

bool sensorReading(Checker &c, object d, Event &ev)
{
    SensorReadingPayload p;
    std::size_t kind = 0;
    auto field = [&](std::string_view key) { return fieldOf(d, kData, key); };
    if (!(c.text(field("sensor_id"), R, &p.sensorId, true) && c.oneOf(field("kind"), R, kSensorKindNames, nullptr, &kind)
          && c.number(field("value"), R, &p.value) && c.text(field("unit"), O, &p.unit)
          && c.text(field("vehicle_id"), O, &p.vehicleId) && c.text(field("depot"), O, &p.depot)
          && c.number(field("min"), &p.min) && c.number(field("max"), &p.max)))
        return false;
    if (p.min && p.max && *p.min > *p.max)
        return c.fail(RejectReason::BadValue, kData, "max", "below min");
    p.kind = static_cast<SensorKind>(kind);
    ev.setPayload(std::move(p));
    return true;
}

bool gatewayLists(Checker &c, object d, GatewayStatsPayload &p)
{
    const Field limits = fieldOf(d, kData, "limits");
    const Field breakers = fieldOf(d, kData, "breakers");
    const Field diversions = fieldOf(d, kData, "diversions");
    p.limits.reserve(sizeOf(limits));
    p.breakers.reserve(sizeOf(breakers));
    p.diversions.reserve(sizeOf(diversions));
    return c.objects(limits, O, [&](object e, std::string_view prefix, std::string_view list, int i) {
        auto field = [&](std::string_view key) { return entryFieldOf(e, prefix, list, i, key); };
        GatewayLimit &l = p.limits.emplace_back();
        return c.text(field("scope"), R, &l.scope, true) && c.number(field("per_min"), R, &l.perMin, 0.0)
            && c.number(field("burst"), O, &l.burst, 0.0);
    }) && c.objects(breakers, O, [&](object e, std::string_view prefix, std::string_view list, int i) {
        auto field = [&](std::string_view key) { return entryFieldOf(e, prefix, list, i, key); };
        GatewayBreaker &b = p.breakers.emplace_back();
        return c.text(field("scope"), R, &b.scope, true) && c.oneOf(field("state"), R, kBreakerStates, &b.state)
            && c.oneOf(field("mode"), R, kBreakerModes, &b.mode) && c.number(field("error_rate"), O, &b.errorRate, 0.0, 1.0);
    }) && c.objects(diversions, O, [&](object e, std::string_view prefix, std::string_view list, int i) {
        auto field = [&](std::string_view key) { return entryFieldOf(e, prefix, list, i, key); };
        GatewayDiversion &dv = p.diversions.emplace_back();
        return c.text(field("from"), R, &dv.from, true) && c.text(field("to"), R, &dv.to, true)
            && c.number(field("share"), R, &dv.share, 0.0, 1.0);
    });
}

bool gatewayStats(Checker &c, object d, Event &ev)
{
    GatewayStatsPayload p;
    object rejected;
    bool hasRejected = false;
    if (!(c.number(fieldOf(d, kData, "window_s"), R, &p.windowS, 0.0) && c.count(fieldOf(d, kData, "offered"), R, &p.offered)
          && c.count(fieldOf(d, kData, "accepted"), R, &p.accepted)
          && c.child(fieldOf(d, kData, "rejected"), O, &rejected, &hasRejected)))
        return false;
    if (hasRejected
        && !(c.count(fieldOf(rejected, "data.rejected.", "rate_limited"), O, &p.rateLimited)
             && c.count(fieldOf(rejected, "data.rejected.", "breaker_open"), O, &p.breakerOpen)))
        return false;
    if (!gatewayLists(c, d, p))
        return false;
    ev.setPayload(std::move(p));
    return true;
}

} // namespace

bool decodeData(Checker &c, EventKind kind, object d, Event &ev)
{
    if ((isOrderEvent(kind) || kind == EventKind::OrderSnapshot) && !c.text(fieldOf(d, kData, "order_id"), R, &ev.orderId, true))
        return false;
    auto field = [&](std::string_view key) { return fieldOf(d, kData, key); };
    switch (kind) {
    case EventKind::RiderStatus:
        return c.text(field("rider_id"), R, &ev.riderId, true) && riderStatusBody(c, d, R, ev);
    case EventKind::RiderPosition:
        return c.text(field("rider_id"), R, &ev.riderId, true) && riderPositionBody(c, d, R, ev);
    case EventKind::RiderSnapshot:
        return c.text(field("rider_id"), R, &ev.riderId, true) && riderStatusBody(c, d, R, ev)
            && riderPositionBody(c, d, O, ev);
    case EventKind::RiderReport: {
        RiderReportPayload p;
        const bool ok = c.text(field("rider_id"), R, &ev.riderId, true) && c.text(field("order_id"), O, &ev.orderId)
            && c.text(field("kind"), R, &p.kind, true) && c.text(field("note"), O, &p.note);
        ev.setPayload(std::move(p));
        return ok;
    }
    case EventKind::InventoryLevel:
        return inventoryLevel(c, d, ev);
    case EventKind::SensorReading:
        return sensorReading(c, d, ev);
    case EventKind::GatewayStats:
        return gatewayStats(c, d, ev);
    case EventKind::Unknown:
        return c.fail(RejectReason::UnknownType, "", "type", "unknown");
    default:
        return orderData(c, kind, d, ev);
    }
}

} // namespace opsdeck::core::decode
