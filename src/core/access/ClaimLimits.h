#pragma once

#include "core/access/AccessPolicy.h"

#include <optional>
#include <string_view>

namespace opsdeck::core::access {

// How much a role may approve on one claim (issue 18): an agent settles the everyday
// claim alone, a larger one goes to the supervisor. The console has no "supervisor" role;
// the ops manager is the one who answers for the money of the desks, so it is theirs.
// Amounts are in the orders' currency (CNY), compared to the cent.
inline constexpr double kAgentClaimLimit = 200.0;       // customer_service
inline constexpr double kSupervisorClaimLimit = 2000.0; // ops_manager; admin has no limit

// The most `role` may approve; nullopt means no limit. A role without decide_claim gets 0.
std::optional<double> claimApprovalLimit(std::string_view role);

// check(principal, DecideClaim, scope), then the limit: an approval above it is refused
// with Refusal::OverLimit. A rejection (approve == false) has no amount and no limit.
Decision checkClaimDecision(const Principal &principal, bool approve, double amount, const Scope &scope = {});

} // namespace opsdeck::core::access
