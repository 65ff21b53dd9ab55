#include "RetentionFeature.h"

#include "app/runtime/ConsoleRuntime.h"
#include "app/runtime/RetentionSettings.h"

#include <algorithm>

namespace opsdeck::app {

namespace {

store::EventRetention::Options retentionOptions(const FeatureOptions &options)
{
    store::EventRetention::Options o;
    if (options.eventRetentionMs > 0)
        o.retentionMs = options.eventRetentionMs;
    return o;
}

} // namespace

RetentionFeature::RetentionFeature(const FeatureOptions &options) : m_retention(retentionOptions(options)) {}

void RetentionFeature::assemble(ConsoleRuntime &runtime)
{
    m_clockMs = runtime.clock();
    const core::FeedClock *clock = &runtime.feedClock();
    m_clockHeard = [clock] { return clock->heard(); };
    runtime.addAssembleHook([this](core::ConsoleCore &core, store::StoreWorker &store) {
        m_store = &store;
        core.addObserver(this);
    });
}

void RetentionFeature::onTick(const core::Projections &projections, std::int64_t wallMs)
{
    (void)projections;
    const std::int64_t interval = std::clamp<std::int64_t>(m_retention.retentionMs() / 60, 1000, 10 * 60 * 1000);
    if (!m_store || !m_clockHeard() || (m_lastPassAtMs != 0 && wallMs - m_lastPassAtMs < interval))
        return;
    // Never purge by a clock ahead of the wall: one event stamped a year ahead (or a gateway
    // restarted with a wrong date) must not delete the whole log. A feed behind the wall
    // (replays, a gateway in another time) purges by its own time.
    if (m_retention.start(*m_store, std::min(m_clockMs(), wallMs)))
        m_lastPassAtMs = wallMs;
}

QJsonObject RetentionFeature::statsJson() const
{
    const store::EventRetention::Progress p = m_retention.progress();
    QJsonObject o;
    o.insert(QStringLiteral("event_days"), retentionDaysText(p.retentionMs).toDouble());
    o.insert(QStringLiteral("purging"), p.running);
    o.insert(QStringLiteral("events_purged"), static_cast<qint64>(p.removedTotal));
    o.insert(QStringLiteral("other_rows_purged"), static_cast<qint64>(p.sideRowsRemoved));
    o.insert(QStringLiteral("passes"), static_cast<qint64>(p.passes));
    o.insert(QStringLiteral("steps"), static_cast<qint64>(p.steps));
    o.insert(QStringLiteral("longest_step_ms"), static_cast<double>(p.longestStepUs) / 1000.0);
    o.insert(QStringLiteral("errors"), static_cast<qint64>(p.errors));
    return o;
}

} // namespace opsdeck::app
