#pragma once

#include "core/access/AccessPolicy.h"
#include "core/audit/AuditRecord.h"

#include <cstdint>
#include <functional>
#include <string_view>

namespace opsdeck::core::access {

// The one place every action and read of the console goes through: who is at the
// console (the Principal, from sign-in; today from --user/--role) and the audit trail
// every refusal goes to. Board actions, intake controls and playbooks, alert rule edits,
// exports, search and the SDK services that plugins call hold a reference to the one
// guard of the console and call require() before they act.
class AccessGuard final
{
public:
    using Clock = std::function<std::int64_t()>; // wall-clock ms for audit rows

    AccessGuard(Principal principal, audit::AuditSink &audit, Clock clock);

    const Principal &principal() const { return m_principal; }
    // The principal's own data (its first depot, its merchant): the scope of whole-console
    // things such as the alert rules or an export whose rows are then cut one by one.
    Scope ownScope() const;

    // check() and nothing else: for courtesy (hiding a button, greying a menu entry) and
    // for filtering reads row by row, where one audit row per hidden row would be noise.
    Decision allows(Permission permission, const Scope &scope = {}) const;
    bool sees(const Scope &scope) const { return inScope(m_principal, scope); }

    // check(), and a refusal goes on the audit trail (outcome "refused", the permission,
    // the reason) under `action` ("command.reassign", "rules.edit", "export"...) and
    // `target` (order id, rule id, file...). The caller shows the refusal to the user.
    Decision require(Permission permission, const Scope &scope, std::string_view action,
                     std::string_view target) const;

private:
    Principal m_principal;
    audit::AuditSink &m_audit;
    Clock m_clock;
};

} // namespace opsdeck::core::access
