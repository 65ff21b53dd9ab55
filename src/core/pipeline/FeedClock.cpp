#include "FeedClock.h"

#include <algorithm>
#include <chrono>

namespace opsdeck::core {

namespace {
constexpr std::size_t kRememberedEpochs = 16; // gateways behind one relay, and their restarts
}

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
    auto it = std::find_if(m_epochs.begin(), m_epochs.end(), [&](const Epoch &e) { return e.name == epoch; });
    if (it == m_epochs.end()) {
        // A restarted gateway may start its simulated day anywhere, also before the old one.
        if (m_epochs.size() >= kRememberedEpochs)
            m_epochs.erase(m_epochs.begin());
        m_epochs.push_back(Epoch{std::string(epoch), heartbeat});
        m_feedMs.store(tsMs, std::memory_order_release);
        return;
    }
    if (heartbeat)
        it->heartbeats = true; // the gateway's own word from now on
    else if (it->heartbeats)
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
