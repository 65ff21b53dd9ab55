#include "SelectionService.h"

namespace opsdeck::sdk {

SelectionService::SelectionService(QObject *parent) : QObject(parent) {}

// Out of line so the metaobject lives in the shared library only once.
SelectionService::~SelectionService() = default;

void SelectionService::selectOrder(const QString &orderId)
{
    m_order = orderId;
    emit orderSelected(orderId);
}

void SelectionService::selectRider(const QString &riderId)
{
    m_rider = riderId;
    emit riderSelected(riderId);
}

void SelectionService::showOrders(const QVariantMap &filter)
{
    emit ordersRequested(filter);
}

} // namespace opsdeck::sdk
