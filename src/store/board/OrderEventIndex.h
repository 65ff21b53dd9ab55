#pragma once

#include "store/log/EventStore.h"

#include <cstdint>
#include <string>
#include <vector>

namespace opsdeck::store {

// A side table order_id -> (epoch, depot, seq) so an order's timeline is a range read
// instead of a scan of the event log (which has no order_id index on purpose: see
// Schema.cpp). Kept by the board's own code (CREATE ... IF NOT EXISTS), written in its
// own transactions on the store thread, off the event writer's hot path: rows arrive
// in batches posted once per core tick. Store thread only.
class OrderEventIndex final
{
public:
    struct Key {
        std::string orderId;
        std::string epoch;
        std::string depot;
        std::int64_t seq = 0;
    };

    // Creates the table; on first creation indexes what the log already holds, later
    // what a killed console logged but did not index (each stream's tail).
    explicit OrderEventIndex(EventStore &store);

    void add(const std::vector<Key> &keys); // one transaction; duplicates ignored
    // Every logged event of the order, bodies decrypted, in event-time order.
    std::vector<LoggedEvent> eventsOf(const std::string &orderId) const;

private:
    EventStore &m_store;
};

} // namespace opsdeck::store
