#include "OrderActions.h"

namespace opsdeck::sdk {

QString OrderActions::targetState(Kind kind)
{
    switch (kind) {
    case Kind::Reassign: return QStringLiteral("DELIVERING");
    case Kind::Hold: return QStringLiteral("HELD");
    case Kind::Release: return QStringLiteral("PAID");
    case Kind::Cancel: return QStringLiteral("CANCELLED");
    }
    return {};
}

} // namespace opsdeck::sdk
