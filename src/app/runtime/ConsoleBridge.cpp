#include "ConsoleBridge.h"

#include <QMetaObject>

namespace opsdeck::app {

ConsoleBridge::ConsoleBridge(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<std::shared_ptr<const core::ConsoleDelta>>();
}

void ConsoleBridge::publish(core::ConsoleDelta &&delta)
{
    auto shared = std::make_shared<const core::ConsoleDelta>(std::move(delta));
    QMetaObject::invokeMethod(
        this, [this, shared] { emit deltaReady(shared); }, Qt::QueuedConnection);
}

} // namespace opsdeck::app
