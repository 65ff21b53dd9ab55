#pragma once

#include "core/ConsoleCore.h"
#include "core/FeedStats.h"

#include <QElapsedTimer>
#include <QStatusBar>

#include <functional>

class QLabel;
class QTimer;

namespace opsdeck::app {

// The feed's health at a glance: state, events per second, last seq per depot, gaps,
// resyncs, rejections (by reason in the tooltip), applied events and integrity alerts.
// Polls on a timer and reads the feed's atomics directly: the feed thread never waits
// for the GUI, and the GUI never queues per-event signals (latest value wins).
class FeedStatusBar final : public QStatusBar
{
    Q_OBJECT
public:
    using CountersFn = std::function<core::CoreCounters()>;

    FeedStatusBar(const core::FeedStats &stats, CountersFn counters, QWidget *parent = nullptr);
    ~FeedStatusBar() override;

    void setRefreshInterval(int ms);
    // Reads the stats now (the timer calls this every 500 ms).
    void refresh();
    double eventsPerSecond() const { return m_eventsPerSecond; }

private:
    QLabel *addField(const char *objectName);
    void showState(core::FeedState state);

    const core::FeedStats &m_stats;
    CountersFn m_counters;
    QTimer *m_timer;
    QElapsedTimer m_sinceLast;
    std::int64_t m_lastAccepted = -1;
    double m_eventsPerSecond = 0.0;
    int m_shownState = -1;

    QLabel *m_state;
    QLabel *m_rate;
    QLabel *m_seqs;
    QLabel *m_gaps;
    QLabel *m_resyncs;
    QLabel *m_rejected;
    QLabel *m_applied;
    QLabel *m_integrity;
};

} // namespace opsdeck::app
