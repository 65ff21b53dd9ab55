#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace opsdeck::core {

// The per-type part of an event's `data` that the flat fields of Event do not carry
// (see the table in Event.h). One alternative per type that needs one; strings are short
// ids and words, so most stay in std::string's small buffer. Lists (items, short_skus,
// gateway.stats' limits/breakers/diversions) are the only vectors: the protocol makes
// them lists. The three large payloads (inventory.level, sensor.reading, gateway.stats:
// 112-176 bytes) belong to rare types, a few messages per second per depot; they sit
// behind one immutable heap block (Boxed) so the variant, and with it every event of the
// hot types, stays 72 bytes instead of 184.

// order.created and order.snapshot: items [{sku, name, qty, unit}].
struct OrderItem {
    std::string sku;
    std::string name;
    std::string unit;
    double qty = 0.0;
};
struct OrderItemsPayload {
    std::vector<OrderItem> items;
};

struct OrderPaidPayload {
    std::string method; // empty when not sent
};

struct OrderReleasedPayload {
    std::string by; // empty when not sent
};

struct StockCheckedPayload {
    std::vector<std::string> shortSkus;
};

struct OrderExceptionPayload {
    std::string note;
    std::string reportedBy;
};

struct OrderSignedPayload {
    std::string signedBy;     // personal data: a person's name
    std::string signatureRef;
};

struct RiderReportPayload {
    std::string kind; // e.g. traffic_accident
    std::string note;
};

struct InventoryLevelPayload {
    std::string sku;
    std::string name;
    std::string unit;
    double qty = 0.0;
    std::optional<double> reorderPoint;
};

enum class SensorKind : std::uint8_t { Temperature, Humidity, Weight };
// Wire spelling, in enum order.
inline constexpr std::array<std::string_view, 3> kSensorKindNames = {"temperature", "humidity", "weight"};
inline std::string_view toString(SensorKind kind)
{
    return kSensorKindNames[static_cast<std::size_t>(kind)];
}

struct SensorReadingPayload {
    std::string sensorId;
    std::string unit;
    std::string vehicleId; // where it is: a vehicle or a depot (protocol.md "vehicle_id or depot")
    std::string depot;
    double value = 0.0;
    std::optional<double> min;
    std::optional<double> max;
    SensorKind kind = SensorKind::Temperature;
};

// gateway.stats: the intake policy entries as the gateway lists them.
struct GatewayLimit {
    std::string scope;
    double perMin = 0.0;
    double burst = 0.0;
};
struct GatewayBreaker {
    std::string scope;
    std::string state; // closed | open | half_open
    std::string mode;  // auto | forced_open | forced_closed
    double errorRate = 0.0;
};
struct GatewayDiversion {
    std::string from;
    std::string to;
    double share = 0.0;
};
struct GatewayStatsPayload {
    double windowS = 0.0;
    std::int64_t offered = 0;
    std::int64_t accepted = 0;
    std::int64_t rateLimited = 0; // rejected.rate_limited (0 when not sent)
    std::int64_t breakerOpen = 0; // rejected.breaker_open (0 when not sent)
    std::vector<GatewayLimit> limits;
    std::vector<GatewayBreaker> breakers;
    std::vector<GatewayDiversion> diversions;
};

// Shared, never modified after decoding: copies of an Event share the block.
template<typename T>
using Boxed = std::shared_ptr<const T>;

template<typename T>
inline constexpr bool kBoxedPayload = std::is_same_v<T, InventoryLevelPayload> || std::is_same_v<T, SensorReadingPayload>
    || std::is_same_v<T, GatewayStatsPayload>;

// std::monostate: a type whose data the flat fields hold completely (order.held,
// rider.position, ...), or an Event built by hand without a payload. Use
// Event::payloadAs<T>() and Event::setPayload(), which box and unbox as needed.
using EventPayload = std::variant<std::monostate, OrderItemsPayload, OrderPaidPayload, OrderReleasedPayload,
                                  StockCheckedPayload, OrderExceptionPayload, OrderSignedPayload, RiderReportPayload,
                                  Boxed<InventoryLevelPayload>, Boxed<SensorReadingPayload>, Boxed<GatewayStatsPayload>>;

} // namespace opsdeck::core
