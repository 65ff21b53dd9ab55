#include "PositionRecorder.h"

#include "app/runtime/ConsoleRuntime.h"
#include "core/pipeline/ConsoleCore.h"
#include "store/log/EventStore.h"
#include "store/db/StoreWorker.h"

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

void PositionRecorder::setStore(store::StoreWorker &store)
{
    m_store = &store;
    // Before this recorder's first batch (jobs run in order): what a kill left logged but
    // not recorded is each stream's log after its recorded seq.
    store.post([](store::EventStore &s) {
        const auto caught = store::PositionHistory::catchUp(s.database());
        if (caught.streams > 0)
            qCInfo(lcPositions) << "position history caught up from the event log:" << caught.fixes << "fixes,"
                                << caught.statuses << "statuses," << caught.unreadable << "unreadable, over"
                                << caught.streams << "streams";
    });
}

void PositionRecorder::noteSeen(const core::Event &event)
{
    // Every applied event moves its stream's recorded seq, so the walk at open after a
    // kill is about one tick of the log, not back to the last rider event.
    if (m_lastSeen < m_seen.size() && m_seen[m_lastSeen].depot == event.depot && m_seen[m_lastSeen].epoch == event.epoch) {
        m_seen[m_lastSeen].seq = std::max(m_seen[m_lastSeen].seq, event.seq);
        return;
    }
    for (m_lastSeen = 0; m_lastSeen < m_seen.size(); ++m_lastSeen) {
        store::StreamSeq &s = m_seen[m_lastSeen];
        if (s.depot == event.depot && s.epoch == event.epoch) {
            s.seq = std::max(s.seq, event.seq);
            return;
        }
    }
    m_seen.push_back({event.epoch, event.depot, event.seq});
}

void PositionRecorder::onEvent(const core::Event &event, bool applied, const core::Projections &)
{
    if (!applied)
        return;
    noteSeen(event);
    if (event.riderId.empty())
        return;
    if (event.kind == core::EventKind::RiderPosition && event.hasPosition) {
        store::PositionFix f;
        f.riderId = event.riderId;
        f.tsMs = event.tsMs;
        f.lat = event.lat;
        f.lng = event.lng;
        f.speedMps = event.speedMps;
        f.headingDeg = event.headingDeg;
        f.batteryPct = event.batteryPct;
        m_newestFixMs = std::max(m_newestFixMs, event.tsMs);
        m_pending.push_back(std::move(f));
    } else if (event.kind == core::EventKind::RiderStatus) {
        m_statuses.push_back({event.riderId, event.riderStatus, event.riderName, event.tsMs});
    }
}

void PositionRecorder::onTick(const core::Projections &, std::int64_t wallMs)
{
    flush(wallMs);
}

void PositionRecorder::flush(std::int64_t wallMs)
{
    if (!m_store)
        return;
    // Keyframes are stamped in feed time (the newest fix), so replay lines up with the
    // events' own timestamps even when the console's clock differs from the gateway's.
    const std::int64_t feedNow = m_newestFixMs > 0 ? m_newestFixMs : wallMs;
    const bool keyframe = m_newestFixMs > 0 && feedNow - m_lastKeyframeMs >= m_options.keyframeIntervalMs;
    const bool prune = wallMs - m_lastPruneMs >= m_options.pruneIntervalMs;
    if (m_pending.empty() && m_statuses.empty() && m_seen.empty() && !keyframe && !prune)
        return;
    const auto n = static_cast<std::int64_t>(m_pending.size());
    store::PositionBatch batch{std::move(m_pending), std::move(m_statuses), std::move(m_seen)};
    m_store->post([batch = std::move(batch), keyframe, feedNow, prune,
                   cut = feedNow - m_options.retentionMs](store::EventStore &s) {
        store::Database &db = s.database();
        store::PositionHistory::record(db, batch);
        if (keyframe)
            store::PositionHistory::writeKeyframe(db, feedNow);
        if (prune) {
            // Logged at info so a crash test can time a kill into the purge.
            qCInfo(lcPositions) << "position history prune started, before" << cut;
            store::PositionHistory::prune(db, cut);
            qCInfo(lcPositions) << "position history prune done";
        }
    });
    m_pending.clear();
    m_statuses.clear();
    m_seen.clear();
    m_lastSeen = 0;
    m_posted += n;
    if (keyframe) {
        m_lastKeyframeMs = feedNow;
        qCDebug(lcPositions) << "keyframe at" << feedNow << "after" << m_posted.load() << "fixes";
    }
    if (prune)
        m_lastPruneMs = wallMs;
}

} // namespace opsdeck::app
