#include "Event.h"

#include <array>
#include <charconv>
#include <chrono>
#include <cstdio>

namespace opsdeck::core {

namespace {
struct KindName {
    EventKind kind;
    std::string_view name;
};
constexpr std::array<KindName, 25> kKindNames = {{
    {EventKind::OrderCreated, "order.created"},
    {EventKind::OrderPaid, "order.paid"},
    {EventKind::OrderHeld, "order.held"},
    {EventKind::OrderReleased, "order.released"},
    {EventKind::OrderStockChecked, "order.stock_checked"},
    {EventKind::OrderRestocked, "order.restocked"},
    {EventKind::OrderDispatched, "order.dispatched"},
    {EventKind::OrderEtaUpdated, "order.eta_updated"},
    {EventKind::OrderException, "order.exception"},
    {EventKind::OrderReassigned, "order.reassigned"},
    {EventKind::OrderSigned, "order.signed"},
    {EventKind::OrderReturnStarted, "order.return_started"},
    {EventKind::OrderClaimOpened, "order.claim_opened"},
    {EventKind::OrderClosed, "order.closed"},
    {EventKind::OrderCancelled, "order.cancelled"},
    {EventKind::RiderStatus, "rider.status"},
    {EventKind::RiderPosition, "rider.position"},
    {EventKind::RiderReport, "rider.report"},
    {EventKind::InventoryLevel, "inventory.level"},
    {EventKind::SensorReading, "sensor.reading"},
    {EventKind::GatewayStats, "gateway.stats"},
    {EventKind::OrderSnapshot, "order.snapshot"},
    {EventKind::RiderSnapshot, "rider.snapshot"},
    {EventKind::OrderRefunded, "order.refunded"},
    {EventKind::CustomerNotified, "customer.notified"},
}};

bool parseInt(std::string_view s, int &out)
{
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}
} // namespace

std::string_view typeName(EventKind kind)
{
    for (const auto &k : kKindNames) {
        if (k.kind == kind)
            return k.name;
    }
    return "unknown";
}

EventKind eventKindFromType(std::string_view type)
{
    for (const auto &k : kKindNames) {
        if (k.name == type)
            return k.kind;
    }
    return EventKind::Unknown;
}

bool isOrderEvent(EventKind kind)
{
    return (kind >= EventKind::OrderCreated && kind <= EventKind::OrderCancelled) || kind == EventKind::OrderRefunded
        || kind == EventKind::CustomerNotified;
}

bool keepsOrderState(EventKind kind)
{
    return kind == EventKind::OrderEtaUpdated || kind == EventKind::OrderRefunded || kind == EventKind::CustomerNotified;
}

bool isSnapshotRecord(EventKind kind)
{
    return kind == EventKind::OrderSnapshot || kind == EventKind::RiderSnapshot;
}

std::optional<OrderState> stateAfter(OrderState current, const Event &event)
{
    using S = OrderState;
    S target = S::Unknown;
    switch (event.kind) {
    case EventKind::OrderCreated: target = S::Created; break;
    case EventKind::OrderPaid: target = S::Paid; break;
    case EventKind::OrderHeld: target = S::Held; break;
    case EventKind::OrderReleased:
        if (current != S::Held)
            return std::nullopt;
        target = S::Paid;
        break;
    case EventKind::OrderStockChecked:
        if (current != S::Paid)
            return std::nullopt;
        target = event.stockOk ? S::Picking : S::OutOfStock;
        break;
    case EventKind::OrderRestocked:
        if (current != S::OutOfStock)
            return std::nullopt;
        target = S::Picking;
        break;
    case EventKind::OrderDispatched:
        if (current != S::Picking)
            return std::nullopt;
        target = S::Delivering;
        break;
    case EventKind::OrderReassigned:
        if (current != S::Delivering && current != S::Exception)
            return std::nullopt;
        target = S::Delivering;
        break;
    case EventKind::OrderEtaUpdated:
        if (current == S::Unknown || isFinal(current))
            return std::nullopt;
        return current;
    case EventKind::OrderRefunded:
    case EventKind::CustomerNotified:
        // Customer service acts on finished orders too (a refund after signing).
        if (current == S::Unknown)
            return std::nullopt;
        return current;
    case EventKind::OrderException: target = S::Exception; break;
    case EventKind::OrderSigned: target = S::Signed; break;
    case EventKind::OrderReturnStarted: target = S::Returning; break;
    case EventKind::OrderClaimOpened: target = S::Claiming; break;
    case EventKind::OrderClosed: target = S::Closed; break;
    case EventKind::OrderCancelled: target = S::Cancelled; break;
    default:
        return std::nullopt;
    }
    if (!isLegalTransition(current, target))
        return std::nullopt;
    return target;
}

std::optional<std::int64_t> parseTimestampMs(std::string_view t)
{
    // YYYY-MM-DDTHH:MM:SS[.fff...]Z
    if (t.size() < 20 || t[4] != '-' || t[7] != '-' || (t[10] != 'T' && t[10] != 't') || t[13] != ':'
        || t[16] != ':' || (t.back() != 'Z' && t.back() != 'z'))
        return std::nullopt;
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    if (!parseInt(t.substr(0, 4), y) || !parseInt(t.substr(5, 2), mo) || !parseInt(t.substr(8, 2), d)
        || !parseInt(t.substr(11, 2), h) || !parseInt(t.substr(14, 2), mi) || !parseInt(t.substr(17, 2), s))
        return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60)
        return std::nullopt;
    int ms = 0;
    std::string_view rest = t.substr(19, t.size() - 20);
    if (!rest.empty()) {
        if (rest[0] != '.' || rest.size() < 2)
            return std::nullopt;
        int scale = 100;
        for (std::size_t i = 1; i < rest.size(); ++i) {
            const char c = rest[i];
            if (c < '0' || c > '9')
                return std::nullopt;
            ms += (c - '0') * scale;
            scale /= 10;
        }
    }
    using namespace std::chrono;
    const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!ymd.ok())
        return std::nullopt;
    const auto days = sys_days{ymd}.time_since_epoch().count();
    return ((static_cast<std::int64_t>(days) * 24 + h) * 60 + mi) * 60000LL + s * 1000LL + ms;
}

std::string formatTimestampMs(std::int64_t ms)
{
    using namespace std::chrono;
    const auto tp = sys_time<milliseconds>{milliseconds{ms}};
    const auto dp = floor<days>(tp);
    const year_month_day ymd{dp};
    const hh_mm_ss hms{tp - dp};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()), static_cast<int>(hms.subseconds().count()));
    return buf;
}

} // namespace opsdeck::core
