#include "RetentionStatusLabel.h"

#include <QLocale>
#include <QTimer>

namespace opsdeck::app {

RetentionStatusLabel::RetentionStatusLabel(ProgressFn progress, QWidget *parent)
    : QLabel(parent), m_progress(std::move(progress)), m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("retentionStatus"));
    setContentsMargins(4, 0, 4, 0);
    setVisible(false);
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &RetentionStatusLabel::refresh);
    m_timer->start();
}

RetentionStatusLabel::~RetentionStatusLabel() = default;

void RetentionStatusLabel::setRefreshInterval(int ms)
{
    m_timer->setInterval(ms);
}

void RetentionStatusLabel::refresh()
{
    const store::EventRetention::Progress p = m_progress ? m_progress() : store::EventRetention::Progress{};
    const store::PersonalDataRetention::Progress personal =
        m_personal ? m_personal() : store::PersonalDataRetention::Progress{};
    const bool events = p.running || p.removedTotal > 0;
    const bool people = personal.running || personal.rowsTotal > 0;
    if (!events && !people) {
        setVisible(false);
        return;
    }
    const QLocale locale;
    const QString days = locale.toString(static_cast<double>(p.retentionMs) / store::EventRetention::kDayMs, 'g', 4);
    QStringList text;
    if (p.running)
        text << tr("Purging events older than %1 days: %2 removed").arg(days, locale.toString(p.removedThisPass));
    else if (events)
        text << tr("Event log: %1 events older than %2 days purged").arg(locale.toString(p.removedTotal), days);
    QString tip = tr("The event log keeps %1 days of feed time (Settings → Data retention). Older events, their "
                     "timeline entries, alerts and resyncs are purged in small steps between writes.\n"
                     "Purged since the start: %2 events, %3 other rows in %4 steps (longest %5 ms)")
                      .arg(days, locale.toString(p.removedTotal), locale.toString(p.sideRowsRemoved),
                           locale.toString(p.steps), locale.toString(static_cast<double>(p.longestStepUs) / 1000.0, 'f', 1));
    if (people) {
        const QString personalDays =
            locale.toString(static_cast<double>(personal.retentionMs) / store::PersonalDataRetention::kDayMs, 'g', 4);
        text << tr("Personal data older than %1 days: %2 rows erased").arg(personalDays, locale.toString(personal.rowsTotal));
        tip += QLatin1Char('\n')
            + tr("Customers' names, phones, addresses and destinations are kept %1 days (Settings → Data retention), "
                 "then erased; orders and figures stay.")
                  .arg(personalDays);
    }
    setText(text.join(QStringLiteral(" · ")));
    setToolTip(tip);
    setVisible(true);
}

} // namespace opsdeck::app
