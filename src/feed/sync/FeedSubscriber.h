#pragma once

#include "feed/wire/FeedEndpoints.h"

#include "core/pipeline/FeedStats.h"
#include "core/model/Records.h"

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

namespace opsdeck::core {
class FeedClock;
}

namespace opsdeck::feed {

// The console's side of the feed (protocol.md): one thread that owns a ZeroMQ context,
// the SUB for live events, a DEALER for snapshots and a connection monitor. It decodes,
// validates, keeps every depot's stream gap-free by Clone-pattern resyncs and hands the
// result to the sink in batches (every ~5 ms or 4096 events).
class FeedSubscriber final
{
public:
    using Sink = std::function<void(core::FeedBatch &&)>; // called on the feed thread, never with an empty batch

    struct Tuning {
        int pollMs = 20;
        int batchMs = 5;
        std::size_t maxBatchEvents = 4096;
        int staleMs = 3000;           // nothing heard (heartbeats included) for this long: Stale
        int snapshotTimeoutMs = 3000; // silence on the snapshot DEALER: retry with a fresh one
        int tailGraceMs = 1100;       // heartbeat seq ahead for this long: tail loss
        // Messages ZeroMQ may queue for us. A flood beyond it drops at the gateway, which
        // the seq check turns into a resync; a million (~1 KB each) was most of the
        // memory a flood took.
        int receiveHwm = 100000; // one second's burst of a 100k-rider city
        // Asked before a batch with live events goes to the sink; a reason sheds it
        // (StreamSync::Options::refuse). Called on the feed thread.
        std::function<std::optional<core::ShedReason>(const core::FeedBatch &)> refuse;
        // The clock of the resync policy (backoff, degraded, tail grace), in ms; empty: the
        // steady clock. Tests drive it from the feed's own time to play a minute in a moment.
        // Called on the feed thread only. Transport timeouts keep the steady clock.
        std::function<std::int64_t()> syncClockMs;
    };

    FeedSubscriber(FeedEndpoints endpoints, std::vector<core::Cursor> resumeFrom, core::FeedStats &stats, Sink sink);
    FeedSubscriber(FeedEndpoints endpoints, std::vector<core::Cursor> resumeFrom, core::FeedStats &stats, Sink sink,
                   Tuning tuning);
    ~FeedSubscriber(); // stop()
    FeedSubscriber(const FeedSubscriber &) = delete;
    FeedSubscriber &operator=(const FeedSubscriber &) = delete;

    // Before start(): the clock told the `ts` of every live event and heartbeat (not
    // owned; must outlive stop()). Null: nobody keeps the feed's time.
    void setClock(core::FeedClock *clock) { m_clock = clock; }

    void start();
    // Returns within about one poll interval whatever the gateway does: every socket has
    // LINGER 0 and the thread never blocks on the network.
    void stop();

private:
    class Worker;

    FeedEndpoints m_endpoints;
    std::vector<core::Cursor> m_resumeFrom;
    core::FeedStats &m_stats;
    Sink m_sink;
    Tuning m_tuning;
    core::FeedClock *m_clock = nullptr;
    std::atomic<bool> m_stopping{false};
    std::thread m_thread;
};

} // namespace opsdeck::feed
