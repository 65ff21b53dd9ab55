#pragma once

#include "store/log/EventRetention.h"
#include "store/privacy/PersonalDataRetention.h"

#include <QLabel>

#include <functional>

class QTimer;

namespace opsdeck::app {

// Event-log purging in the status bar: "Purging events older than 30 days: 12 000
// removed" while a pass runs, then what the last passes removed. Hidden until the first
// purge removed something. Polls the retention's progress like StoreStatusLabel polls
// the store worker's counters.
class RetentionStatusLabel final : public QLabel
{
    Q_OBJECT
public:
    using ProgressFn = std::function<store::EventRetention::Progress()>;

    explicit RetentionStatusLabel(ProgressFn progress, QWidget *parent = nullptr);
    ~RetentionStatusLabel() override;

    using PersonalFn = std::function<store::PersonalDataRetention::Progress()>;
    // The personal-data purge, shown after the event log's once it erased something.
    void setPersonalProgress(PersonalFn progress) { m_personal = std::move(progress); }

    void setRefreshInterval(int ms);
    void refresh(); // the timer calls this every second

private:
    ProgressFn m_progress;
    PersonalFn m_personal;
    QTimer *m_timer;
};

} // namespace opsdeck::app
