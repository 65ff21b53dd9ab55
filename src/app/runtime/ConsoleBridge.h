#pragma once

#include "core/pipeline/ConsoleCore.h"

#include <QObject>

#include <memory>
#include <mutex>

namespace opsdeck::app {

// Carries core deltas from the core thread to the GUI thread. The core limits itself to
// 30 deltas a second; a GUI thread that has not taken the last one yet (busy, or stalled)
// gets one delta holding the latest value of each order and rider instead of a queue of
// them, so its backlog is bounded by the orders and riders there are, not by time.
class ConsoleBridge final : public QObject
{
    Q_OBJECT
public:
    explicit ConsoleBridge(QObject *parent = nullptr);

    // Thread-safe: called on the core thread (one publisher).
    void publish(core::ConsoleDelta &&delta);

private:
    void deliver(); // GUI thread

    std::mutex m_mutex;
    std::unique_ptr<core::ConsoleDelta> m_pending; // published, not yet delivered
    bool m_deliveryPosted = false;                 // a deliver() is queued on the GUI thread

signals:
    void deltaReady(std::shared_ptr<const opsdeck::core::ConsoleDelta> delta);
};

} // namespace opsdeck::app

Q_DECLARE_METATYPE(std::shared_ptr<const opsdeck::core::ConsoleDelta>)
