#pragma once

#include <QObject>
#include <QThread>

#include <functional>
#include <memory>

namespace opsdeck::app {

// Runs one piece of long work (argon2id: hundreds of ms and 64 MiB) on a thread of its
// own, then `done` on the receiver's (GUI) thread, so a dialog keeps painting meanwhile.
// The destructor waits for a run still going: the work may hold references.
class OffThread final
{
public:
    OffThread() = default;
    ~OffThread()
    {
        if (m_thread)
            m_thread->wait();
    }
    OffThread(const OffThread &) = delete;
    OffThread &operator=(const OffThread &) = delete;

    bool busy() const { return m_thread && !m_thread->isFinished(); }

    void run(QObject *receiver, std::function<void()> work, std::function<void()> done)
    {
        if (m_thread)
            m_thread->wait(); // finished already: `done` of the last run is how we got here
        m_thread.reset(QThread::create(std::move(work)));
        QObject::connect(m_thread.get(), &QThread::finished, receiver, std::move(done));
        m_thread->start();
    }

private:
    std::unique_ptr<QThread> m_thread;
};

} // namespace opsdeck::app
