#include "FeedClock.h"

#include <chrono>

namespace opsdeck::core {

FeedClock::FeedClock(Fallback fallback)
    : m_fallback(std::move(fallback))
{
}

void FeedClock::observeHeartbeat(std::string_view epoch, std::int64_t tsMs)
{
    observe(epoch, tsMs, true);
}

void FeedClock::observeEvent(std::string_view epoch, std::int64_t tsMs)
{
    observe(epoch, tsMs, false);
}

void FeedClock::observe(std::string_view epoch, std::int64_t tsMs, bool heartbeat)
{
    if (tsMs <= 0)
        return;
    std::lock_guard lock(m_epochMutex);
    if (epoch != m_epoch) {
        // A restarted gateway may start its simulated day anywhere, also before the old one.
        m_epoch.assign(epoch);
        m_heartbeats = heartbeat;
        m_feedMs.store(tsMs, std::memory_order_release);
        return;
    }
    if (heartbeat)
        m_heartbeats = true; // the gateway's own word from now on
    else if (m_heartbeats)
        return;
    // Depots interleave and a batch may carry a slightly older event: the clock keeps
    // the newest time, so "now" never steps back.
    if (tsMs > m_feedMs.load(std::memory_order_relaxed))
        m_feedMs.store(tsMs, std::memory_order_release);
}

std::int64_t FeedClock::fallbackMs() const
{
    if (m_fallback)
        return m_fallback();
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::int64_t FeedClock::nowMs() const
{
    const std::int64_t feed = m_feedMs.load(std::memory_order_acquire);
    return feed > 0 ? feed : fallbackMs();
}

} // namespace opsdeck::core
