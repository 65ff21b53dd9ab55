#pragma once

#include "RecentIds.h"
#include "feed/wire/WireProtocol.h"

#include "core/model/Event.h"
#include "core/pipeline/FeedStats.h"
#include "core/model/Records.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace opsdeck::feed {

// A snapshot the sync wants from the gateway: all watched depots, or some.
struct SnapshotRequest {
    bool all = false;
    std::vector<std::string> depots; // request body; empty with all = every depot
    std::string reason;              // for all: join or new_epoch
};

// The per-depot sequence logic of protocol.md, free of sockets and clocks so it can be
// reasoned about (and tested) on its own: seq/epoch checks, duplicate ids, Clone-pattern
// resyncs with buffering, heartbeat tail loss, and assembling batches for the core.
// Single-threaded: lives on the feed thread. Times are steady-clock ms from the caller.
class StreamSync final
{
public:
    using Sink = std::function<void(core::FeedBatch &&)>;

    struct Options {
        std::size_t maxBatchEvents = 4096;
        std::size_t recentIds = 500000;
        std::size_t maxBufferedPerDepot = 200000; // beyond: dropped (shed), the replay then sees a gap
        std::size_t maxBufferedBytesPerDepot = 8u << 20; // the same bound in bytes (QueueBounds.h)
        std::int64_t tailGraceMs = 1100;          // about one heartbeat
        // A depot that needs another resync sooner than this after its last one is
        // "feed degraded": its resyncs back off, starting at backoffInitialMs and doubling
        // up to backoffMaxMs, and meanwhile the events above a hole are applied in order.
        std::int64_t resyncMinIntervalMs = 5000;
        std::int64_t backoffInitialMs = 2000;
        std::int64_t backoffMaxMs = 30000;
        std::int64_t cleanMs = 10000; // no hole nor rejected frame this long, resync done: clean again
        // Asked before each batch with live events goes to the sink: a reason means the
        // consumer's queue is at its bound, and the batch's live events are shed (counted
        // by depot and reason in FeedStats), their depots marked stale and resynced from
        // the snapshot through the same backoff as holes (StreamSyncShed.cpp). Empty: the
        // sink takes everything.
        std::function<std::optional<core::ShedReason>(const core::FeedBatch &)> refuse;
    };

    StreamSync(std::vector<std::string> depotFilter, std::vector<core::Cursor> resumeFrom, core::FeedStats &stats,
               Sink sink, Options options);

    void onLive(core::Event &&event, std::int64_t nowMs);
    void onHeartbeat(const core::Heartbeat &heartbeat, std::int64_t nowMs);
    void onSnapshotRecord(core::Event &&record);
    void onSnapshotEnd(const wire::SnapshotEnd &end, std::int64_t wallMs);
    void onRejected(core::Rejected &&rejected, std::int64_t nowMs);
    void tick(std::int64_t nowMs); // tail-loss and backoff deadlines, clean-again checks

    // The request to send now, if none is in flight and some resync is waiting.
    std::optional<SnapshotRequest> takeRequest();
    const std::optional<SnapshotRequest> &inFlight() const { return m_inFlight; }
    void restartInFlight(); // the request is sent again: forget its partial reply
    bool resyncing() const;
    // Bytes the snapshot reply buffer holds (its capacity): zero between snapshots.
    std::size_t snapshotBufferBytes() const { return m_snapshotRecords.capacity() * sizeof(core::Event); }

    bool batchEmpty() const;
    void flush(); // hands the current batch to the sink unless it is empty

    // The epoch of the last snapshot end. Through a relay a console follows several gateways,
    // each with its own epoch: epochs are judged per depot, this is for logs.
    const std::string &gatewayEpoch() const { return m_gatewayEpoch; }
    bool degraded(const std::string &depot) const;

private:
    // Rejected frames by (event type, reason), with the latest detail: what keeps failing.
    struct Failures {
        std::map<std::pair<std::string, std::string>, std::int64_t> counts;
        std::string lastDetail;
    };
    struct Track {
        std::string depot;
        std::string epoch;
        std::int64_t seq = 0;
        bool known = false;       // epoch/seq is a valid cursor
        bool resyncQueued = false; // waiting for a snapshot of this depot (queued or in flight)
        std::string resyncReason;
        std::vector<core::Event> buffered;
        std::size_t bufferedBytes = 0;
        bool bufferFull = false;
        bool stale = false; // events of it were shed; fresh again once a snapshot covers it
        std::int64_t tailSeq = 0;
        std::string tailEpoch; // the heartbeat's: behind unless the cursor is in that epoch
        std::int64_t tailDeadlineMs = 0; // 0: no tail check pending
        bool touched = false;            // cursor changed since the last flush
        // Backoff (StreamSyncBackoff.cpp). Times are the caller's clock.
        std::int64_t lastResyncMs = -1; // when its last own resync was queued; -1: never
        std::int64_t lastTroubleMs = 0; // last hole or rejected frame
        bool degraded = false;
        std::int64_t degradedSinceMs = 0;
        std::int64_t backoffMs = 0;
        bool owed = false;               // a hole waits for the backoff deadline
        std::string owedReason;
        std::int64_t owedAtMs = 0;       // the resync may be queued from then on
        std::int64_t holes = 0;          // while degraded
        Failures failures;
    };

    Track &track(const std::string &depot);
    bool watched(std::string_view depot) const;
    bool buffering(const Track &t) const;
    bool allResyncRunning() const;
    void process(core::Event &&event, bool replay);
    void buffer(Track &t, core::Event &&event);
    void queueResync(Track &t, const std::string &reason, bool hole);
    // Backoff (StreamSyncBackoff.cpp)
    bool deferResync(Track &t, const char *reason, bool countJoin);
    void noteFailure(const core::Rejected &rejected);
    void noteCoalesced(Track &t, const core::Event &event, bool replay);
    void tickBackoff(std::int64_t nowMs);
    void leaveDegraded(Track &t, std::int64_t nowMs);
    void publishDegraded();
    // Shedding (StreamSyncShed.cpp)
    void shed(core::FeedBatch &batch, core::ShedReason reason);
    void markStale(Track &t, core::ShedReason reason, std::int64_t events);
    void clearStale(Track &t);
    void publishStale();
    core::FeedDegradation describe(const Track &t) const;
    void queueAll(const char *reason);
    void retire(const std::string &epoch);
    bool retired(const std::string &epoch) const;
    void touch(Track &t);
    void addEvent(core::Event &&event);
    void replay(Track &t);
    std::vector<core::SnapshotCover> completeCovers(const std::vector<std::string> &covered,
                                                    const wire::SnapshotEnd &end, std::int64_t wallMs) const;
    bool heartbeatSaysNewEpoch(const core::Heartbeat &heartbeat);

    std::unordered_set<std::string> m_filter;
    core::FeedStats &m_stats;
    Sink m_sink;
    Options m_options;
    RecentIds m_recentIds;

    std::unordered_map<std::string, Track> m_tracks; // node-based: Track pointers stay valid
    std::vector<Track *> m_touched;
    std::vector<Track *> m_tailWatch;
    std::vector<std::string> m_retiredEpochs; // epochs left behind: their late events are stale
    std::string m_gatewayEpoch;

    bool m_allQueued = false;
    std::string m_allReason;
    std::vector<std::string> m_queued; // depots waiting for the next per-depot request
    std::optional<SnapshotRequest> m_inFlight;
    std::vector<core::Event> m_snapshotRecords; // reply to m_inFlight so far

    core::FeedBatch m_batch;

    Failures m_gatewayFailures; // rejected frames not tied to a known depot
    int m_degradedCount = 0;
    std::int64_t m_nowMs = 0; // the caller's clock, as of its latest call
    std::int64_t m_gatewayTroubleMs = 0;
    std::int64_t m_lastTickMs = -1;
    bool m_publishDue = false;
};

} // namespace opsdeck::feed
