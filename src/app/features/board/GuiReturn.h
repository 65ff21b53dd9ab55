#pragma once

#include <QMetaObject>
#include <QObject>

#include <memory>
#include <mutex>
#include <utility>

namespace opsdeck::app {

// Hands a result from a worker thread (store, control) back to a QObject on the GUI
// thread, safely even if the object dies while the work runs: the owner calls
// disarm() in its destructor, after which deliver() does nothing (and Qt drops calls
// already queued for a deleted receiver).
class GuiReturn final
{
    struct State {
        explicit State(QObject *r) : receiver(r) {}
        std::mutex mutex;
        QObject *receiver;
    };

public:
    explicit GuiReturn(QObject *receiver) : m_state(std::make_shared<State>(receiver)) {}
    ~GuiReturn() { disarm(); }
    GuiReturn(const GuiReturn &) = delete;
    GuiReturn &operator=(const GuiReturn &) = delete;

    void disarm()
    {
        std::lock_guard lock(m_state->mutex);
        m_state->receiver = nullptr;
    }

    // A copyable handle for worker lambdas.
    class Handle
    {
    public:
        explicit Handle(std::shared_ptr<State> state) : m_state(std::move(state)) {}
        template<typename Fn>
        void deliver(Fn &&fn) const
        {
            std::lock_guard lock(m_state->mutex);
            if (m_state->receiver)
                QMetaObject::invokeMethod(m_state->receiver, std::forward<Fn>(fn), Qt::QueuedConnection);
        }

    private:
        std::shared_ptr<State> m_state;
    };
    Handle handle() const { return Handle(m_state); }

private:
    std::shared_ptr<State> m_state;
};

} // namespace opsdeck::app
