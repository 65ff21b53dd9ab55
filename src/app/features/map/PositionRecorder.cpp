#include "PositionRecorder.h"

#include "app/runtime/ConsoleRuntime.h"
#include "core/pipeline/ConsoleCore.h"
#include "store/db/StoreWorker.h"
#include "store/log/EventStore.h"
#include "store/track/TrackStore.h"

#include <algorithm>

namespace opsdeck::app {

Q_LOGGING_CATEGORY(lcPositions, "opsdeck.app.positions")

PositionRecorder::Options PositionRecorder::withRetention(std::int64_t retentionMs)
{
    Options o;
    if (retentionMs > 0) {
        o.retentionMs = retentionMs;
        o.pruneIntervalMs = std::clamp<std::int64_t>(retentionMs / 60, 1000, 10 * 60 * 1000);
    }
    return o;
}

void PositionRecorder::install(ConsoleRuntime &runtime)
{
    runtime.addAssembleHook([this](core::ConsoleCore &core, store::StoreWorker &store) { attach(core, store); });
}

void PositionRecorder::attach(core::ConsoleCore &core, store::StoreWorker &store)
{
    setStore(store);
    core.addObserver(this);
}

void PositionRecorder::onEvent(const core::Event &event, bool applied, const core::Projections &)
{
    if (applied && event.kind == core::EventKind::RiderPosition && event.hasPosition) {
        m_newestFixMs = std::max(m_newestFixMs, event.tsMs);
        ++m_seen;
    }
}

void PositionRecorder::onTick(const core::Projections &, std::int64_t wallMs)
{
    if (!m_store || m_newestFixMs == 0 || m_sweeping.load() || wallMs - m_lastPruneMs < m_options.pruneIntervalMs)
        return;
    m_lastPruneMs = wallMs;
    // Feed time (the newest fix), so retention lines up with the fixes' own timestamps; but
    // never ahead of the wall clock, so one fix stamped in the future cannot purge the fleet.
    const std::int64_t cut = std::min(m_newestFixMs, wallMs) - m_options.retentionMs;
    // Logged at info so a crash test can time a kill into the purge.
    qCInfo(lcPositions) << "position history prune started, before" << cut;
    m_sweeping = true;
    postStep(cut);
}

void PositionRecorder::postStep(std::int64_t cut)
{
    // Each step is its own store job and transaction; the next one is posted behind the
    // batches queued meanwhile, so a sweep over 100k riders never holds up ingest.
    const bool posted = m_store->post([this, cut](store::EventStore &s) {
        store::TrackStore::PurgeStep step;
        try {
            step = s.tracks().purgeStep(cut, m_options.ridersPerStep);
        } catch (...) {
            m_sweeping = false; // the next interval tries again
            throw;
        }
        if (!step.done) {
            postStep(cut);
            return;
        }
        qCInfo(lcPositions) << "position history prune done";
        ++m_sweepsDone;
        m_sweeping = false;
    });
    if (!posted)
        m_sweeping = false;
}

} // namespace opsdeck::app
