#pragma once

#include <QObject>

#include <initializer_list>

class QSocketNotifier;

namespace opsdeck::app {

// Turns SIGINT/SIGTERM into a Qt signal on the GUI (or main) thread through a
// self-pipe, the only async-signal-safe way to reach the event loop.
class UnixSignalWatcher final : public QObject
{
    Q_OBJECT
public:
    explicit UnixSignalWatcher(std::initializer_list<int> watched, QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

signals:
    void signalled(int signalNumber);

private:
    void readPipe();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace opsdeck::app
