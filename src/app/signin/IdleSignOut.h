#pragma once

#include <QObject>
#include <QTimer>

#include <cstdint>
#include <functional>

namespace opsdeck::app {

// Signs the console out after a stretch without a key press, click or mouse move in any
// window (settings `session/idle_sign_out_minutes`, 0 = never). It only says so
// (idle()); the console stays running, so hiding the window and showing the sign-in
// dialog loses nothing of the session. The clock is injected: tests move it and call
// check() instead of waiting.
class IdleSignOut final : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<std::int64_t()>;
    IdleSignOut(std::int64_t limitMs, Clock clock, QObject *parent = nullptr);

    void activity();
    void check();
    void setPaused(bool paused); // while the sign-in dialog is up

signals:
    void idle();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    std::int64_t m_limitMs;
    Clock m_clock;
    std::int64_t m_lastActivityMs;
    bool m_paused = false;
    QTimer m_timer;
};

} // namespace opsdeck::app
