#include "AccessGuard.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace opsdeck::core::access {

AccessGuard::AccessGuard(Principal principal, audit::AuditSink &audit, Clock clock)
    : m_principal(std::move(principal)), m_audit(audit), m_clock(std::move(clock))
{
}

Scope AccessGuard::ownScope() const
{
    return Scope{m_principal.depots.empty() ? std::string() : m_principal.depots.front(), m_principal.merchant};
}

Decision AccessGuard::allows(Permission permission, const Scope &scope) const
{
    return check(m_principal, permission, scope);
}

Decision AccessGuard::require(Permission permission, const Scope &scope, std::string_view action,
                              std::string_view target) const
{
    const Decision decision = check(m_principal, permission, scope);
    if (decision.allowed())
        return decision;
    audit::AuditRecord record;
    record.atMs = m_clock ? m_clock() : 0;
    record.user = m_principal.user;
    record.role = m_principal.role;
    record.action = std::string(action);
    record.target = std::string(target);
    record.outcome = "refused";
    record.permission = std::string(permissionName(permission));
    const auto str = [](const std::string &s) { return QString::fromStdString(s); };
    const QJsonObject detail{{QStringLiteral("reason"), str(std::string(refusalName(decision.refusal)))},
                             {QStringLiteral("depot"), str(scope.depot)},
                             {QStringLiteral("merchant"), str(scope.merchant)}};
    record.detailJson = QJsonDocument(detail).toJson(QJsonDocument::Compact).toStdString();
    m_audit.append(std::move(record));
    return decision;
}

} // namespace opsdeck::core::access
