#include "StoreStatusLabel.h"

#include <QLocale>
#include <QTimer>

namespace opsdeck::app {

StoreStatusLabel::StoreStatusLabel(CountersFn counters, QWidget *parent)
    : QLabel(parent), m_counters(std::move(counters)), m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("storeStatus"));
    setContentsMargins(4, 0, 4, 0);
    setStyleSheet(QStringLiteral("QLabel { color: white; background: #cf222e; border-radius: 3px; "
                                 "padding: 1px 8px; font-weight: bold; }"));
    setVisible(false);
    m_timer->setInterval(500);
    connect(m_timer, &QTimer::timeout, this, &StoreStatusLabel::refresh);
    m_timer->start();
}

StoreStatusLabel::~StoreStatusLabel() = default;

void StoreStatusLabel::setRefreshInterval(int ms)
{
    m_timer->setInterval(ms);
}

void StoreStatusLabel::refresh()
{
    using Fault = store::StoreWorker::DiskFault;
    const store::StoreWorker::Counters c = m_counters ? m_counters() : store::StoreWorker::Counters{};
    if (c.diskFault == Fault::None && !c.capReached) {
        setVisible(false);
        return;
    }
    const QLocale locale;
    QString text;
    if (c.diskFault == Fault::None) // written back; a resync follows the drops
        text = tr("Disk writable again: %1 events were dropped, resyncing from the gateway");
    else if (c.capReached)
        text = c.diskFault == Fault::Full       ? tr("Disk full: memory cap reached, %1 events dropped until a resync")
             : c.diskFault == Fault::ReadOnly ? tr("Database read-only: memory cap reached, %1 events dropped until a resync")
                                              : tr("Database cannot be opened: memory cap reached, %1 events dropped until a resync");
    else
        text = c.diskFault == Fault::Full       ? tr("Disk full: holding %1 events in memory")
             : c.diskFault == Fault::ReadOnly ? tr("Database read-only: holding %1 events in memory")
                                              : tr("Database cannot be opened: holding %1 events in memory");
    setText(text.arg(locale.toString(c.diskFault == Fault::None || c.capReached ? c.capDroppedEvents : c.queuedEvents)));
    setToolTip(tr("The database cannot be written. The console keeps running from memory and writes what it "
                  "holds once it can.\nHeld: %1 events\nFailed writes: %2\nDropped at the memory cap: %3 events "
                  "(the gateway's snapshot restores the board after a drop)")
                   .arg(locale.toString(c.queuedEvents), locale.toString(c.writeErrors),
                        locale.toString(c.capDroppedEvents)));
    setVisible(true);
}

} // namespace opsdeck::app
