#include "CustomerServiceActions.h"

namespace opsdeck::sdk {

QString CustomerServiceActions::commandName(Kind kind)
{
    switch (kind) {
    case Kind::StartReturn: return QStringLiteral("start_return");
    case Kind::CloseReturn: return QStringLiteral("close_return");
    case Kind::OpenClaim: return QStringLiteral("open_claim");
    case Kind::DecideClaim: return QStringLiteral("decide_claim");
    case Kind::Refund: return QStringLiteral("refund");
    case Kind::NotifyCustomer: return QStringLiteral("notify_customer");
    }
    return {};
}

QString CustomerServiceActions::confirmingEvent(Kind kind)
{
    switch (kind) {
    case Kind::StartReturn: return QStringLiteral("order.return_started");
    case Kind::CloseReturn:
    case Kind::DecideClaim: return QStringLiteral("order.closed");
    case Kind::OpenClaim: return QStringLiteral("order.claim_opened");
    case Kind::Refund: return QStringLiteral("order.refunded");
    case Kind::NotifyCustomer: return QStringLiteral("customer.notified");
    }
    return {};
}

} // namespace opsdeck::sdk
