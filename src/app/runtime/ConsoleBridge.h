#pragma once

#include "core/pipeline/ConsoleCore.h"

#include <QObject>

#include <memory>

namespace opsdeck::app {

// Carries core deltas from the core thread to the GUI thread. The core already limits
// itself to 30 deltas a second, so each one is delivered as a queued signal.
class ConsoleBridge final : public QObject
{
    Q_OBJECT
public:
    explicit ConsoleBridge(QObject *parent = nullptr);

    // Thread-safe: called on the core thread.
    void publish(core::ConsoleDelta &&delta);

signals:
    void deltaReady(std::shared_ptr<const opsdeck::core::ConsoleDelta> delta);
};

} // namespace opsdeck::app

Q_DECLARE_METATYPE(std::shared_ptr<const opsdeck::core::ConsoleDelta>)
