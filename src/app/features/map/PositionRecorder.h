#pragma once

#include "core/pipeline/CoreObserver.h"

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

// Position retention. Rider fixes are written by the store itself, in the same
// transaction as the event log (store::TrackStore, docs/storage.md); this observer only
// follows the feed's time on the core thread and, every pruneIntervalMs of wall time,
// starts a purge sweep of fixes older than retentionMs: one slice of riders per store
// job, so ingest batches run between the slices. Install it with install(runtime)
// before ConsoleRuntime::start(); it must outlive the runtime.
class PositionRecorder final : public core::CoreObserver
{
public:
    struct Options {
        std::int64_t retentionMs = 24LL * 3600 * 1000; // feed time: fixes older than this are purged
        std::int64_t pruneIntervalMs = 10 * 60 * 1000;  // wall time between sweeps
        std::int64_t ridersPerStep = 2000;              // riders per store job of a sweep
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
    void setStore(store::StoreWorker &store) { m_store = &store; }

    void onEvent(const core::Event &event, bool applied, const core::Projections &projections) override;
    void onTick(const core::Projections &projections, std::int64_t wallMs) override;

    std::int64_t fixesSeen() const { return m_seen.load(); }
    std::int64_t sweepsDone() const { return m_sweepsDone.load(); }

private:
    void postStep(std::int64_t cut);

    Options m_options;
    store::StoreWorker *m_store = nullptr;
    std::int64_t m_lastPruneMs = 0;
    std::int64_t m_newestFixMs = 0;
    std::atomic<std::int64_t> m_seen{0};
    std::atomic<bool> m_sweeping{false};
    std::atomic<std::int64_t> m_sweepsDone{0};
};

} // namespace opsdeck::app
