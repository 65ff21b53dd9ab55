#pragma once

#include "core/pipeline/ConsoleCore.h"
#include "core/pipeline/FeedStats.h"

#include <QStatusBar>
#include <QStringList>

#include <deque>
#include <utility>

#include <functional>

class QLabel;
class QTimer;

namespace opsdeck::app {

// The feed's health at a glance: state, events per second, last seq per depot, gaps,
// resyncs, rejections (by reason in the tooltip), applied events and integrity alerts,
// the depots whose feed is degraded (resyncs backed off; says so when they recover), and
// the events shed at a queue bound with the depots still resyncing because of it.
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
    // Monotonic milliseconds for the events-per-second window (tests inject one; default:
    // a steady clock). Restarts the window.
    void setClock(std::function<qint64()> monotonicMs);
    // Reads the stats now (the timer calls this every 500 ms).
    void refresh();
    double eventsPerSecond() const { return m_eventsPerSecond; }

private:
    QLabel *addField(const char *objectName);
    void showState(core::FeedState state, core::FeedSecurity security);
    void showDegraded();
    void showShed();

    const core::FeedStats &m_stats;
    CountersFn m_counters;
    QTimer *m_timer;
    // Rate over a sliding window: a gateway publishes in bursts (each rider every few
    // seconds), so the count of one 500 ms tick swings between a handful and hundreds.
    static constexpr qint64 kRateWindowMs = 5000;
    std::function<qint64()> m_clock;
    std::deque<std::pair<qint64, std::int64_t>> m_samples; // (ms on m_clock, accepted)
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
    QLabel *m_degraded; // hidden while every depot's feed reads cleanly
    QStringList m_degradedDepots;
    QLabel *m_shed; // hidden until a queue bound sheds events
};

} // namespace opsdeck::app
