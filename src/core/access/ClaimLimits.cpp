#include "ClaimLimits.h"

#include <cmath>

namespace opsdeck::core::access {

std::optional<double> claimApprovalLimit(std::string_view role)
{
    if (!roleHas(role, Permission::DecideClaim))
        return 0.0;
    if (role == "customer_service")
        return kAgentClaimLimit;
    if (role == "ops_manager")
        return kSupervisorClaimLimit;
    if (role == "admin")
        return std::nullopt;
    return 0.0; // a role given decide_claim later approves nothing until it has a limit here
}

Decision checkClaimDecision(const Principal &principal, bool approve, double amount, const Scope &scope)
{
    Decision d = check(principal, Permission::DecideClaim, scope);
    if (!d.allowed() || !approve)
        return d;
    const std::optional<double> limit = claimApprovalLimit(principal.role);
    // Cents, so that 200.004 typed as 200.00 is not refused by a rounding error; a NaN is never allowed.
    if (!std::isfinite(amount) || amount < 0 || (limit && std::round(amount * 100) > std::round(*limit * 100)))
        d.refusal = Refusal::OverLimit;
    return d;
}

} // namespace opsdeck::core::access
