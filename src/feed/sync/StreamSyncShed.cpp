// StreamSync's answer to a consumer that cannot keep up (issue 16, "bounded memory"): a
// batch whose live events would pass the core's queue bound is not queued and not waited
// for. Its live events are shed, counted by depot and reason, and their depots marked
// stale and resynced from the gateway's snapshot (protocol.md, Clone pattern), which
// restores every order's final state. The resyncs go through the hole backoff
// (StreamSyncBackoff.cpp): a depot shed again soon after its resync is degraded, its events
// above the shed ones are applied in order and one backed-off snapshot makes it exact,
// so a long flood costs a few snapshots, not a storm of them.
#include "StreamSync.h"

#include "feed/wire/FeedLog.h"

#include <algorithm>

namespace opsdeck::feed {

void StreamSync::shed(core::FeedBatch &batch, core::ShedReason reason)
{
    // Snapshot records stay: they are the way back, and bounded by the gateway's state.
    std::vector<std::pair<std::string, std::int64_t>> perDepot;
    std::erase_if(batch.events, [&](const core::Event &e) {
        if (core::isSnapshotRecord(e.kind))
            return false;
        auto it = std::find_if(perDepot.begin(), perDepot.end(), [&](const auto &p) { return p.first == e.depot; });
        if (it == perDepot.end())
            perDepot.emplace_back(e.depot, 1);
        else
            ++it->second;
        return true;
    });
    for (const auto &[depot, events] : perDepot) {
        Track &t = track(depot);
        markStale(t, reason, events);
        if (!buffering(t) && !deferResync(t, "shed", false))
            queueResync(t, "shed", true);
    }
}

void StreamSync::markStale(Track &t, core::ShedReason reason, std::int64_t events)
{
    m_stats.addShed(t.depot, reason, events);
    if (t.stale)
        return;
    qCWarning(lcFeed) << "shedding events of depot" << t.depot.c_str() << "(" << core::toString(reason).data()
                      << "): memory stays bounded; the depot is stale until its snapshot is applied";
    t.stale = true;
    publishStale();
}

void StreamSync::publishStale()
{
    std::vector<std::string> stale;
    for (const auto &[depot, other] : m_tracks)
        if (other.stale)
            stale.push_back(depot);
    std::sort(stale.begin(), stale.end());
    m_stats.setStale(std::move(stale));
}

void StreamSync::clearStale(Track &t)
{
    if (!t.stale)
        return;
    t.stale = false;
    publishStale();
    qCInfo(lcFeed) << "depot" << t.depot.c_str() << "fresh again: its snapshot is applied";
}

} // namespace opsdeck::feed
