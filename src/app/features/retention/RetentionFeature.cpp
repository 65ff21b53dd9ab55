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

RetentionFeature::RetentionFeature(const FeatureOptions &options)
    : m_retention(retentionOptions(options)),
      m_personal(options.personalRetentionMs > 0 ? options.personalRetentionMs : 90 * store::PersonalDataRetention::kDayMs)
{
}

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
    if (!m_store || !m_clockHeard())
        return;
    // Never purge by a clock ahead of the wall: one event stamped a year ahead (or a gateway
    // restarted with a wrong date) must not delete the whole log. A feed behind the wall
    // (replays, a gateway in another time) purges by its own time.
    const std::int64_t nowMs = std::min(m_clockMs(), wallMs);
    const auto due = [wallMs](std::int64_t lastMs, std::int64_t retentionMs, std::int64_t atMostMs) {
        return lastMs == 0 || wallMs - lastMs >= std::clamp<std::int64_t>(retentionMs / 60, 1000, atMostMs);
    };
    if (due(m_lastPassAtMs, m_retention.retentionMs(), 10 * 60 * 1000) && m_retention.start(*m_store, nowMs))
        m_lastPassAtMs = wallMs;
    // Personal data is kept for days: an hourly pass is precise enough, and each pass
    // reads the orders table once.
    if (due(m_lastPersonalPassAtMs, m_personal.retentionMs(), 60 * 60 * 1000) && m_personal.start(*m_store, nowMs))
        m_lastPersonalPassAtMs = wallMs;
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
    const store::PersonalDataRetention::Progress personal = m_personal.progress();
    o.insert(QStringLiteral("personal_data_days"), retentionDaysText(personal.retentionMs).toDouble());
    o.insert(QStringLiteral("personal_rows_purged"), static_cast<qint64>(personal.rowsTotal));
    o.insert(QStringLiteral("personal_passes"), static_cast<qint64>(personal.passes));
    o.insert(QStringLiteral("personal_errors"), static_cast<qint64>(personal.errors));
    return o;
}

} // namespace opsdeck::app
