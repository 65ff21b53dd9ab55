#include "IdleSignOut.h"

#include <QEvent>

namespace opsdeck::app {

IdleSignOut::IdleSignOut(std::int64_t limitMs, Clock clock, QObject *parent)
    : QObject(parent), m_limitMs(limitMs), m_clock(std::move(clock)), m_lastActivityMs(m_clock())
{
    if (m_limitMs <= 0)
        return;
    // A coarse look is enough: a sign-out a few seconds late is still a sign-out.
    m_timer.setInterval(std::min<std::int64_t>(m_limitMs, 10'000));
    connect(&m_timer, &QTimer::timeout, this, &IdleSignOut::check);
    m_timer.start();
}

void IdleSignOut::activity()
{
    m_lastActivityMs = m_clock();
}

void IdleSignOut::setPaused(bool paused)
{
    m_paused = paused;
    activity();
}

void IdleSignOut::check()
{
    if (m_limitMs <= 0 || m_paused || m_clock() - m_lastActivityMs < m_limitMs)
        return;
    m_paused = true; // once: whoever handles idle() resumes after the sign-in
    emit idle();
}

bool IdleSignOut::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::Wheel:
    case QEvent::TouchBegin: activity(); break;
    default: break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace opsdeck::app
