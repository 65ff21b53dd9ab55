#pragma once

#include "EventPayloads.h"
#include "OrderPriority.h"
#include "OrderState.h"

#include <cstdint>
#include <optional>
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
    // The customer-service extension (protocol.md "Extensions"): order events that keep
    // the order's state. Last, so the values above never move.
    OrderRefunded,
    CustomerNotified,
};

std::string_view typeName(EventKind kind);
EventKind eventKindFromType(std::string_view type);
bool isOrderEvent(EventKind kind);   // carries data.order_id and moves (or keeps) an order's state
bool keepsOrderState(EventKind kind); // an order event that never moves the state (ETA, refund, message)
bool isSnapshotRecord(EventKind kind);

// One decoded, validated feed (or snapshot) envelope, with every data field of its type
// typed: nothing after EventDecoder parses the JSON again. `raw` keeps the envelope
// exactly as received so the event log never loses what the gateway said; it is empty
// for a rider.position with a position and a rider, which the track store keeps from
// its fields instead of the event log (the decoder leaves it out: memory on the queues),
// and for snapshot records, which are applied but never logged.
//
// Layout, chosen for the ingest path (> 100k events/s, most of them rider.position):
// - Flat fields hold what the projections, the store's row encoding and several types
//   share (order_id, rider_id, reason, eta, position, the order and rider record
//   fields). They existed before the typed payloads and every room reads them.
// - `payload` holds the rest of a type's data as one small struct per type in a
//   std::variant: the event grows by the largest alternative (72 bytes), not by the
//   sum of all types, and a type without extra fields (rider.position, order.held, ...)
//   costs nothing beyond the variant's index. The three large payloads belong to rare
//   types and sit behind one heap block each (Boxed, EventPayloads.h), which keeps the
//   variant at 72 bytes instead of 184 for every rider.position. No per-field heap
//   nodes, no JSON tree: the other allocations are the lists the protocol defines
//   (items, short_skus, gateway.stats lists) and strings longer than the small-string
//   buffer. Read with payloadAs<T>(), write with setPayload().
// Where each data field lands, by type (`payload` alternative in brackets):
//   order.created        merchantId channel customerName customerPhone addressText lat lng
//                        amount promisedAtMs customerNote priority [OrderItemsPayload]
//   order.paid           amount [OrderPaidPayload: method]
//   order.held, order.return_started, order.cancelled   reason
//   order.released       [OrderReleasedPayload: by]
//   order.stock_checked  stockOk [StockCheckedPayload: shortSkus]
//   order.restocked      (order_id only)
//   order.dispatched, order.reassigned   riderId etaMs
//   order.eta_updated    etaMs reason
//   order.exception      reason [OrderExceptionPayload: note, reportedBy]
//   order.signed         lat lng hasPosition [OrderSignedPayload: signedBy, signatureRef]
//   order.claim_opened   reason amount
//   order.closed         reason (the outcome)
//   order.refunded       amount reason
//   customer.notified    reason (the template id)
//   rider.status         riderId riderName riderStatus capacity riderDepot
//   rider.position       riderId lat lng hasPosition speedMps headingDeg accuracyM batteryPct
//   rider.report         riderId orderId [RiderReportPayload: kind, note]
//   inventory.level      merchantId (extension) [InventoryLevelPayload]
//   sensor.reading       [SensorReadingPayload]
//   gateway.stats        [GatewayStatsPayload]
//   order.snapshot       the order.created fields, snapshotState riderId etaMs createdAtMs
//                        reason [OrderItemsPayload]
//   rider.snapshot       the rider.status and rider.position fields
struct Event {
    EventKind kind = EventKind::Unknown;
    std::string epoch;
    std::string depot;
    std::string id;
    std::int64_t seq = 0;
    std::int64_t tsMs = 0;          // event time, ms since the Unix epoch (UTC)
    std::string raw;                // the envelope JSON as received

    // Flat data fields (empty / zero when the type does not carry them).
    std::string orderId;
    std::string riderId;
    std::string merchantId;
    std::string channel;            // fresh | campus | errand
    std::string customerName;       // personal data
    std::string customerPhone;      // personal data
    std::string addressText;        // personal data
    std::string customerNote;       // personal data (extension: order.created data.note)
    std::string reason;             // held / exception / cancel / return / claim / ETA reason, close outcome
    std::string riderName;
    std::string riderStatus;        // offline | idle | to_pickup | delivering | break
    std::string riderDepot;
    double lat = 0.0;
    double lng = 0.0;
    bool hasPosition = false;
    double amount = 0.0;
    double speedMps = 0.0;
    double headingDeg = 0.0;
    double accuracyM = -1.0;        // -1: not sent
    double batteryPct = -1.0;       // -1: not sent
    int capacity = 0;
    std::int64_t etaMs = 0;
    std::int64_t promisedAtMs = 0;
    std::int64_t createdAtMs = 0;   // order.snapshot only
    bool stockOk = true;            // order.stock_checked
    OrderPriority priority = OrderPriority::Normal; // extension: order.created data.priority
    bool extensionIgnored = false;  // a note / priority we could not read: left out, counted
    OrderState snapshotState = OrderState::Unknown; // order.snapshot only

    EventPayload payload;           // the type's other data fields (table above)

    // The payload when it is a T, else null (another type, or an event built without one).
    template<typename T>
    const T *payloadAs() const
    {
        if constexpr (kBoxedPayload<T>) {
            const auto *box = std::get_if<Boxed<T>>(&payload);
            return box ? box->get() : nullptr;
        } else {
            return std::get_if<T>(&payload);
        }
    }
    template<typename T>
    void setPayload(T &&data)
    {
        using Data = std::remove_cvref_t<T>;
        if constexpr (kBoxedPayload<Data>)
            payload = std::make_shared<const Data>(std::forward<T>(data));
        else
            payload = std::forward<T>(data);
    }
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
