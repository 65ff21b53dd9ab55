#include "AlertService.h"

namespace opsdeck::sdk {

AlertService::AlertService(QObject *parent)
    : QObject(parent)
{
}

AlertService::~AlertService() = default;

void AlertService::requestSelection(const QString &orderId, const QString &riderId)
{
    emit selectionRequested(orderId, riderId);
}

} // namespace opsdeck::sdk
