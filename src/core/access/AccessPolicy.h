#pragma once

#include "core/access/Permission.h"

#include <string>
#include <string_view>

namespace opsdeck::core::access {

// The roles the console knows, in the order of the table in docs/security.md.
inline constexpr std::array<std::string_view, 5> kRoles{"admin", "ops_manager", "dispatcher", "customer_service",
                                                        "merchant"};

// What an action or read touches: the order's (or alert's, export's) depot and merchant.
// Empty fields mean "every depot" / "every merchant": a principal limited to some depots
// or to one merchant is out of scope for them, so a caller narrows first (an export of a
// merchant user passes its merchant).
struct Scope {
    std::string depot;
    std::string merchant;
};

enum class Refusal : std::uint8_t {
    None,
    UnknownRole,       // a role with no row: nothing is allowed
    MissingPermission, // the role's row lacks the permission
    OutOfScope,        // allowed, but not on that depot's or merchant's data
    OverLimit,         // allowed, but not for that amount (claim approval limits)
};

struct Decision {
    Refusal refusal = Refusal::None;
    Permission permission = Permission::Count;
    bool allowed() const { return refusal == Refusal::None; }
    explicit operator bool() const { return allowed(); }
    // "refused: missing permission reassign" and the like: audit detail and logs (people
    // read tr() text made from refusal and permission instead).
    std::string reason() const;
};

// The role -> permission table (docs/security.md "## Permissions").
bool roleHas(std::string_view role, Permission permission);
bool isKnownRole(std::string_view role);
// Whether scope lies within principal's depots and merchant (no permission involved).
bool inScope(const Principal &principal, const Scope &scope);

// The one permission check: every action and read asks it before it acts or shows.
Decision check(const Principal &principal, Permission permission, const Scope &scope = {});

std::string_view refusalName(Refusal refusal);

} // namespace opsdeck::core::access
