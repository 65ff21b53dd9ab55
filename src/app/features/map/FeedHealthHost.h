#pragma once

#include "sdk/FeedHealthService.h"

#include <QTimer>

namespace opsdeck::core {
struct FeedStats;
}

namespace opsdeck::app {

// FeedHealthService from the feed's stats, polled on the GUI thread (a short list under
// the stats' mutex): the feed thread never waits for the GUI.
class FeedHealthHost final : public sdk::FeedHealthService
{
    Q_OBJECT
public:
    explicit FeedHealthHost(const core::FeedStats &stats, int pollMs = 1000, QObject *parent = nullptr);

    QStringList degradedDepots() const override { return m_depots; }
    void poll(); // reads the stats now; emits when the list changed

private:
    const core::FeedStats &m_stats;
    QTimer m_timer;
    QStringList m_depots;
};

} // namespace opsdeck::app
