#pragma once

#include "OrderPriority.h"
#include "OrderState.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace opsdeck::core {

// Every event type of protocol.md plus the two snapshot record types.
enum class EventKind : std::uint8_t {
    Unknown,
    OrderCreated,
    OrderPaid,
    OrderHeld,
    OrderReleased,
    OrderStockChecked,
    OrderRestocked,
    OrderDispatched,
    OrderEtaUpdated,
    OrderException,
    OrderReassigned,
    OrderSigned,
    OrderReturnStarted,
    OrderClaimOpened,
    OrderClosed,
    OrderCancelled,
    RiderStatus,
    RiderPosition,
    RiderReport,
    InventoryLevel,
    SensorReading,
    GatewayStats,
    OrderSnapshot,
    RiderSnapshot,
};

std::string_view typeName(EventKind kind);
EventKind eventKindFromType(std::string_view type);
bool isOrderEvent(EventKind kind);   // carries data.order_id and moves (or keeps) an order's state
bool isSnapshotRecord(EventKind kind);

// One decoded, validated feed (or snapshot) envelope. Only the fields the projections
// need are lifted out of `data`; `raw` keeps the envelope exactly as received so the
// event log never loses what the gateway said.
struct Event {
    EventKind kind = EventKind::Unknown;
    std::string epoch;
    std::string depot;
    std::string id;
    std::int64_t seq = 0;
    std::int64_t tsMs = 0;          // event time, ms since the Unix epoch (UTC)
    std::string raw;                // the envelope JSON as received

    // Lifted from data (empty / zero when the type does not carry them).
    std::string orderId;
    std::string riderId;
    std::string merchantId;
    std::string channel;            // fresh | campus | errand
    std::string customerName;       // personal data
    std::string customerPhone;      // personal data
    std::string addressText;        // personal data
    std::string customerNote;       // personal data (extension: order.created data.note)
    std::string reason;             // held / exception / cancel / return / claim reason, close outcome
    std::string riderName;
    std::string riderStatus;        // offline | idle | to_pickup | delivering | break
    std::string riderDepot;
    double lat = 0.0;
    double lng = 0.0;
    bool hasPosition = false;
    double amount = 0.0;
    double speedMps = 0.0;
    double headingDeg = 0.0;
    double batteryPct = -1.0;
    int capacity = 0;
    std::int64_t etaMs = 0;
    std::int64_t promisedAtMs = 0;
    std::int64_t createdAtMs = 0;   // order.snapshot only
    bool stockOk = true;            // order.stock_checked
    OrderPriority priority = OrderPriority::Normal; // extension: order.created data.priority
    bool extensionIgnored = false;  // a note / priority we could not read: left out, counted
    OrderState snapshotState = OrderState::Unknown; // order.snapshot only
};

// A heartbeat: the gateway's current seq per depot, for tail-loss detection.
struct Heartbeat {
    std::string epoch;
    std::int64_t tsMs = 0;
    std::vector<std::pair<std::string, std::int64_t>> seqs;
};

// The state an order event moves an order to, given where it is now. Returns
// std::nullopt when protocol.md does not allow that event in that state (an integrity
// problem: keep the event, do not apply it). EtaUpdated keeps the state.
std::optional<OrderState> stateAfter(OrderState current, const Event &event);

// Parses RFC 3339 UTC with optional fraction ("2026-11-22T10:15:00.123Z") to ms.
std::optional<std::int64_t> parseTimestampMs(std::string_view text);
std::string formatTimestampMs(std::int64_t ms); // always with milliseconds and Z

} // namespace opsdeck::core
