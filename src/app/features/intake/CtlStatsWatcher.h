#pragma once

#include "feed/wire/FeedEndpoints.h"

#include "core/intake/IntakeObserver.h"
#include "core/intake/IntakeStats.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>

namespace opsdeck::app {

// `opsdeck ctl --feed`: follows gateway.stats on the feed while the command runs, so the
// ctl audit row holds the intake state before and after, and "ok" is checked against
// what the gateway then reports, as for the console's own commands. Its own thread and
// SUB socket (LINGER 0); everything but gateway.stats is dropped unread, and a stats
// message it cannot decode is counted.
class CtlStatsWatcher final
{
public:
    CtlStatsWatcher(std::string feedEndpoint, feed::CurveKeys curve);
    ~CtlStatsWatcher();
    CtlStatsWatcher(const CtlStatsWatcher &) = delete;
    CtlStatsWatcher &operator=(const CtlStatsWatcher &) = delete;

    // True once a gateway.stats arrived within `timeout` (they come every second).
    bool waitForStats(std::chrono::milliseconds timeout) const;
    const core::IntakeBoard &board() const { return m_board; }
    std::int64_t unreadable() const { return m_unreadable.load(); }

private:
    void run();

    std::string m_endpoint;
    feed::CurveKeys m_curve;
    core::IntakeBoard m_board;
    std::atomic<std::int64_t> m_unreadable{0};
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

} // namespace opsdeck::app
