#include "AccessText.h"

#include <QCoreApplication>

namespace opsdeck::app {

QString accessRefusalText(const core::access::Principal &principal, const core::access::Decision &decision,
                          const QString &target)
{
    using core::access::Refusal;
    const QString role = QString::fromStdString(principal.role);
    const std::string_view name = core::access::permissionName(decision.permission);
    const QString permission = QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
    switch (decision.refusal) {
    case Refusal::None: return {};
    case Refusal::UnknownRole:
        return QCoreApplication::translate("AccessText", "Refused: the role “%1” has no permissions (needed: “%2”).")
            .arg(role, permission);
    case Refusal::MissingPermission:
        return QCoreApplication::translate("AccessText", "Refused: your role (%1) lacks the permission “%2”.")
            .arg(role, permission);
    case Refusal::OutOfScope:
        return target.isEmpty()
            ? QCoreApplication::translate("AccessText", "Refused: this is outside your depots or merchant (permission “%1”).")
                  .arg(permission)
            : QCoreApplication::translate("AccessText", "Refused: %1 is outside your depots or merchant (permission “%2”).")
                  .arg(target, permission);
    case Refusal::OverLimit:
        return QCoreApplication::translate("AccessText", "Refused: the amount is above what your role (%1) may approve (permission “%2”).")
            .arg(role, permission);
    }
    return {};
}

} // namespace opsdeck::app
