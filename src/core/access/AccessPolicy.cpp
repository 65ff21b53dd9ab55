#include "AccessPolicy.h"

#include <algorithm>
#include <bitset>

namespace opsdeck::core::access {

namespace {

using Row = std::bitset<kPermissionCount>;

constexpr std::size_t bit(Permission p)
{
    return static_cast<std::size_t>(p);
}

Row rowOf(std::initializer_list<Permission> permissions)
{
    Row row;
    for (Permission p : permissions)
        row.set(bit(p));
    return row;
}

// Why each row is what it is: docs/security.md "## Permissions". A role not listed has
// no permission at all (and every new Permission is off for every role but admin until
// someone decides; tst_access_matrix makes that a conscious decision).
const Row *rowFor(std::string_view role)
{
    using P = Permission;
    static const Row admin = Row().set();
    static const Row opsManager = rowOf({P::SetIntakeControls, P::EditAlertRules, P::Export, P::ViewAudit,
                                         P::HandleReturns, P::OpenClaim, P::DecideClaim, P::Refund,
                                         P::NotifyCustomer});
    static const Row dispatcher = rowOf({P::Reassign, P::HoldRelease, P::Cancel, P::Export});
    static const Row customerService = rowOf({P::ViewPersonalData, P::HandleReturns, P::OpenClaim, P::DecideClaim,
                                              P::Refund, P::NotifyCustomer});
    static const Row merchant = rowOf({P::Export});
    if (role == "admin")
        return &admin;
    if (role == "ops_manager")
        return &opsManager;
    if (role == "dispatcher")
        return &dispatcher;
    if (role == "customer_service")
        return &customerService;
    if (role == "merchant")
        return &merchant;
    return nullptr;
}

} // namespace

bool roleHas(std::string_view role, Permission permission)
{
    const Row *row = rowFor(role);
    return row && bit(permission) < kPermissionCount && row->test(bit(permission));
}

bool isKnownRole(std::string_view role)
{
    return rowFor(role) != nullptr;
}

bool inScope(const Principal &principal, const Scope &scope)
{
    // A merchant user sees its own merchant only; without a merchant, no merchant at all.
    if (principal.role == "merchant"
        && (principal.merchant.empty() || scope.merchant != principal.merchant))
        return false;
    if (!principal.depots.empty()
        && std::find(principal.depots.begin(), principal.depots.end(), scope.depot) == principal.depots.end())
        return false;
    return true;
}

Decision check(const Principal &principal, Permission permission, const Scope &scope)
{
    Decision d;
    d.permission = permission;
    if (!isKnownRole(principal.role))
        d.refusal = Refusal::UnknownRole;
    else if (!roleHas(principal.role, permission))
        d.refusal = Refusal::MissingPermission;
    else if (!inScope(principal, scope))
        d.refusal = Refusal::OutOfScope;
    return d;
}

std::string_view refusalName(Refusal refusal)
{
    switch (refusal) {
    case Refusal::None: return "allowed";
    case Refusal::UnknownRole: return "unknown_role";
    case Refusal::MissingPermission: return "missing_permission";
    case Refusal::OutOfScope: return "out_of_scope";
    case Refusal::OverLimit: return "over_limit";
    }
    return "unknown";
}

std::string Decision::reason() const
{
    return std::string(refusalName(refusal)) + ' ' + std::string(permissionName(permission));
}

} // namespace opsdeck::core::access
