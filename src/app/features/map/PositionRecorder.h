#pragma once

#include "core/pipeline/CoreObserver.h"
#include "store/map/PositionHistory.h"

#include <QLoggingCategory>

#include <atomic>
#include <cstdint>
#include <vector>

namespace opsdeck::core {
class ConsoleCore;
}

namespace opsdeck::store {
class StoreWorker;
}

namespace opsdeck::app {

Q_DECLARE_LOGGING_CATEGORY(lcPositions)

class ConsoleRuntime;

// Collects rider.position and rider.status events on the core thread and hands them to
// the store thread in batches, once per core tick (StoreWorker::post), where they go to
// the position history tables with each stream's newest seq seen: what a kill loses is
// caught up from the event log at the next open (PositionHistory::catchUp). Writes a
// keyframe every keyframeIntervalMs. Install it with install(runtime) before
// ConsoleRuntime::start(); it must outlive the runtime.
class PositionRecorder final : public core::CoreObserver
{
public:
    struct Options {
        std::int64_t keyframeIntervalMs = 30000;
        std::int64_t retentionMs = 24LL * 3600 * 1000; // feed time: history older than this is pruned
        std::int64_t pruneIntervalMs = 10 * 60 * 1000;  // wall time between prunes
    };
    // The options of `--position-retention`: a short retention also prunes more often
    // (about 60 times per retention, from every second to every 10 min), so a test can
    // make purges frequent and a small disk stays small.
    static Options withRetention(std::int64_t retentionMs);
    PositionRecorder() = default;
    explicit PositionRecorder(Options options) : m_options(options) {}

    void install(ConsoleRuntime &runtime);
    // The same wiring without a runtime.
    void attach(core::ConsoleCore &core, store::StoreWorker &store);
    // Store side only (creates the tables): for a caller that drives onEvent/onTick itself.
    void setStore(store::StoreWorker &store);

    void onEvent(const core::Event &event, bool applied, const core::Projections &projections) override;
    void onTick(const core::Projections &projections, std::int64_t wallMs) override;

    std::int64_t fixesPosted() const { return m_posted.load(); }

private:
    void flush(std::int64_t wallMs);
    void noteSeen(const core::Event &event);

    Options m_options;
    store::StoreWorker *m_store = nullptr;
    std::vector<store::PositionFix> m_pending;
    std::vector<store::RiderStatusChange> m_statuses;
    std::vector<store::StreamSeq> m_seen; // since the last flush
    std::size_t m_lastSeen = 0;
    std::int64_t m_lastKeyframeMs = 0;
    std::int64_t m_lastPruneMs = 0;
    std::int64_t m_newestFixMs = 0;
    std::atomic<std::int64_t> m_posted{0};
};

} // namespace opsdeck::app
