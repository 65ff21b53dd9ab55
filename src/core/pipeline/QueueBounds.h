#pragma once

#include "core/model/Records.h"

#include <cstddef>

namespace opsdeck::core {

// What a queued event costs in memory, for the queues' bounds in bytes: the struct plus
// its envelope as received (an envelope can be far larger than the usual few hundred
// bytes; the decoded fields are a fraction of it).
inline std::size_t eventBytes(const Event &event)
{
    return sizeof(Event) + event.raw.size();
}

inline std::size_t eventsBytes(const std::vector<Event> &events)
{
    std::size_t bytes = 0;
    for (const auto &e : events)
        bytes += eventBytes(e);
    return bytes;
}

inline std::size_t storeBatchBytes(const StoreBatch &batch)
{
    return eventsBytes(batch.events) + batch.orders.size() * sizeof(OrderRecord)
        + batch.riders.size() * sizeof(RiderRecord);
}

// A batch with a live event may wait or be shed at a bound; snapshot records (bounded by
// the gateway's state, and the way back from shedding) and bookkeeping always pass.
inline bool carriesLiveEvents(const FeedBatch &batch)
{
    if (!batch.covers.empty())
        return false;
    for (const auto &e : batch.events)
        if (!isSnapshotRecord(e.kind))
            return true;
    return false;
}

} // namespace opsdeck::core
