#pragma once

#include "store/db/StoreWorker.h"

#include <QLabel>

#include <functional>

class QTimer;

namespace opsdeck::app {

// The store's health in the status bar, shown only when it matters: the database cannot
// be written (disk full, read-only) and the console runs from memory, holding N events
// it writes once it can; or the memory cap was reached and events were dropped until a
// resync. Polls the worker's counters like FeedStatusBar polls the feed's.
class StoreStatusLabel final : public QLabel
{
    Q_OBJECT
public:
    using CountersFn = std::function<store::StoreWorker::Counters()>;

    explicit StoreStatusLabel(CountersFn counters, QWidget *parent = nullptr);
    ~StoreStatusLabel() override;

    void setRefreshInterval(int ms);
    void refresh(); // the timer calls this every 500 ms

private:
    CountersFn m_counters;
    QTimer *m_timer;
};

} // namespace opsdeck::app
