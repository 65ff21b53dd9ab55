#pragma once

#include "Event.h"
#include "OrderState.h"
#include "Rejection.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace opsdeck::core {

// The projection of one order: what the console knows of it now.
struct OrderRecord {
    std::string orderId;
    std::string depot;
    std::string merchantId;
    std::string channel;
    std::string riderId;
    std::string customerName;  // personal data: encrypted at rest, masked in views
    std::string customerPhone; // personal data
    std::string addressText;   // personal data
    std::string customerNote;  // personal data ("leave at the guard room"); extension
    std::string lastReason;    // latest held/exception/cancel/return/claim reason or close outcome
    OrderState state = OrderState::Unknown;
    OrderPriority priority = OrderPriority::Normal;
    double lat = 0.0;
    double lng = 0.0;
    double amount = 0.0;
    std::int64_t etaMs = 0;
    std::int64_t promisedAtMs = 0;
    std::int64_t createdAtMs = 0;
    std::int64_t updatedAtMs = 0;
    std::array<std::int64_t, kOrderStateCount> enteredAtMs{}; // when each state was last entered (0 = never)
    // When a complete snapshot of its depot no longer listed it while it was open (the
    // gateway that knew it is gone); 0 = live. A retired order keeps its last known state
    // but leaves every open view; any later event or snapshot record of it revives it.
    std::int64_t retiredAtMs = 0;
};

struct RiderRecord {
    std::string riderId;
    std::string name;
    std::string depot;
    std::string status;
    double lat = 0.0;
    double lng = 0.0;
    double speedMps = 0.0;
    double headingDeg = 0.0;
    double batteryPct = -1.0;
    int capacity = 0;
    std::int64_t fixAtMs = 0;     // time of the last position
    std::int64_t updatedAtMs = 0;
};

// Where the console is in one depot's stream: everything up to seq of epoch is applied.
struct Cursor {
    std::string depot;
    std::string epoch;
    std::int64_t seq = 0;
};

// A protocol violation found while applying events (kept, not applied).
struct IntegrityAlert {
    std::int64_t atMs = 0;
    std::string kind;   // "illegal_transition", "unknown_order", ...
    std::string depot;
    std::string epoch;
    std::int64_t seq = 0;
    std::string orderId;
    std::string detail;
};

// One resync by the Clone pattern, for the record and the status bar.
struct ResyncRecord {
    std::int64_t atMs = 0;
    std::string depot;  // empty: all depots (join)
    std::string reason; // "join", "gap", "tail_loss", "new_epoch"
    std::string epoch;
    std::int64_t seq = 0;     // snapshot seq the depot resumed from
    std::int64_t records = 0; // snapshot records applied
};

// A depot whose complete snapshot (requested, ended by SNAPEND naming the depot) was
// applied by the events before it: every open order of the depot not in orderIds is no
// longer known to the gateway and is retired.
struct SnapshotCover {
    std::string depot;
    std::string epoch;
    std::int64_t atMs = 0;              // the resync's time, as ResyncRecord::atMs
    std::vector<std::string> orderIds;  // order.snapshot records of the depot
};

// When a feed batch's first event came off the SUB socket (steady clock, ns) and how many
// events the batch held: carried to the GUI so `opsdeck-bench console` can measure the
// time from the socket to the models the views read.
// The core stamps when it took the batch from its queue and when it had applied it, so
// the bench can say which stage a latency was spent in.
struct FeedReceipt {
    std::int64_t receivedNs = 0;
    std::int64_t events = 0;
    std::int64_t takenNs = 0;   // the core took the batch from its queue
    std::int64_t appliedNs = 0; // the core had applied it to the projections
};

// What the feed thread hands to the core thread, in apply order.
struct FeedBatch {
    std::int64_t receivedNs = 0;    // FeedReceipt::receivedNs of the batch's first live event
    std::vector<Event> events;      // live events and snapshot records (isSnapshotRecord), in order
    std::vector<SnapshotCover> covers; // applied after `events` (a batch ends at its snapshot)
    std::vector<Cursor> cursors;    // per touched depot: position after applying this batch
    std::vector<Rejected> rejected;
    std::vector<ResyncRecord> resyncs;
};

// What the core thread hands to the store thread: one transaction.
struct StoreBatch {
    std::vector<Event> events;           // live events to log (snapshot records are not logged)
    std::vector<OrderRecord> orders;     // changed projections (latest value per order)
    std::vector<RiderRecord> riders;
    std::vector<Cursor> cursors;
    std::vector<Rejected> rejected;
    std::vector<IntegrityAlert> alerts;
    std::vector<ResyncRecord> resyncs;
    std::int64_t applied = 0;            // events applied to projections in this batch
    std::int64_t duplicates = 0;
    std::int64_t receivedNs = 0;         // earliest FeedBatch::receivedNs it holds (0: none)
    bool empty() const
    {
        return events.empty() && orders.empty() && riders.empty() && cursors.empty() && rejected.empty()
            && alerts.empty() && resyncs.empty();
    }
};

// The earlier of two receivedNs stamps, 0 meaning none.
inline std::int64_t earliestReceived(std::int64_t a, std::int64_t b)
{
    return a == 0 ? b : (b == 0 || a < b ? a : b);
}

} // namespace opsdeck::core
