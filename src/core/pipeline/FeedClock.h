#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace opsdeck::core {

// The console's one clock: the feed's time, not the wall's (docs/protocol.md "The feed's
// clock"). Under `opsfeed --time-scale 20` promises, ETAs and state times are simulated
// time; judging them against the wall clock made nothing late, every alert 0 s old and
// every card "0m in state". The clock is the newest heartbeat `ts` (the gateway sends
// one about once a second, so it moves also when nothing happens); it never goes back
// within one gateway epoch, and follows a new epoch wherever that starts. Events move
// it only while the epoch has sent no heartbeat (a gateway without them still has a
// clock): once heartbeats come, one event with a wild `ts` cannot throw every SLA off.
// Before the feed has said anything it is the fallback clock (the wall clock, or a
// test's frozen one).
// Written by the feed thread, read from any thread: one atomic, no lock on the read.
class FeedClock final
{
public:
    using Fallback = std::function<std::int64_t()>;

    explicit FeedClock(Fallback fallback = {}); // empty: the system clock
    FeedClock(const FeedClock &) = delete;
    FeedClock &operator=(const FeedClock &) = delete;

    // A heartbeat / a live event of `epoch` stamped tsMs (feed thread).
    void observeHeartbeat(std::string_view epoch, std::int64_t tsMs);
    void observeEvent(std::string_view epoch, std::int64_t tsMs);

    std::int64_t nowMs() const;
    bool heard() const { return m_feedMs.load(std::memory_order_acquire) > 0; }
    std::int64_t fallbackMs() const;

private:
    void observe(std::string_view epoch, std::int64_t tsMs, bool heartbeat);

    Fallback m_fallback;
    std::atomic<std::int64_t> m_feedMs{0};
    struct Epoch {
        std::string name;
        bool heartbeats = false; // it has sent a heartbeat: its events no longer move the clock
    };
    std::mutex m_epochMutex; // guards m_epochs (the feed thread only, but observe() is public)
    // Epochs heard lately, newest last. Behind a relay a console hears several gateways at
    // once: only an epoch not heard before resets the clock, a known one moves it forward.
    std::vector<Epoch> m_epochs;
};

} // namespace opsdeck::core
