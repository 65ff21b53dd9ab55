#include "FeedHealthHost.h"

#include "core/pipeline/FeedStats.h"

namespace opsdeck::app {

FeedHealthHost::FeedHealthHost(const core::FeedStats &stats, int pollMs, QObject *parent)
    : sdk::FeedHealthService(parent)
    , m_stats(stats)
{
    m_timer.setInterval(pollMs);
    connect(&m_timer, &QTimer::timeout, this, &FeedHealthHost::poll);
    m_timer.start();
}

void FeedHealthHost::poll()
{
    QStringList depots;
    for (const auto &d : m_stats.degraded())
        depots << QString::fromStdString(d.depot);
    if (depots == m_depots)
        return;
    m_depots = depots;
    emit degradedDepotsChanged(m_depots);
}

} // namespace opsdeck::app
