#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace opsdeck::core::access {

// Every privileged action or read of the console. The role -> permission table and the
// one check that every action and read goes through live beside this header
// (AccessPolicy); this enum is the shared vocabulary of sign-in, the check and the audit.
// Adding a value without a row in the table fails tst_access_matrix.
enum class Permission : std::uint8_t {
    ViewPersonalData,   // names, phones, addresses, exact destinations unmasked
    Reassign,
    HoldRelease,
    Cancel,
    SetIntakeControls,  // rate limits, circuit breakers, playbooks
    EditAlertRules,
    Export,             // masked export
    ExportPersonalData, // --with-personal-data
    ManageUsers,
    ErasePersonalData,
    ViewAudit,
    // Customer service (issue 18): the actions of protocol.md "Extensions".
    HandleReturns,      // start_return, close_return
    OpenClaim,
    DecideClaim,        // approve or reject, up to the role's limit (ClaimLimits.h)
    Refund,
    NotifyCustomer,
    Count
};

inline constexpr std::size_t kPermissionCount = static_cast<std::size_t>(Permission::Count);

// Stable spelling: audit rows, refusals, the matrix test and docs use it.
inline constexpr std::array<std::string_view, kPermissionCount> kPermissionNames{
    "view_personal_data", "reassign", "hold_release", "cancel", "set_intake_controls",
    "edit_alert_rules", "export", "export_personal_data", "manage_users", "erase_personal_data",
    "view_audit", "handle_returns", "open_claim", "decide_claim", "refund", "notify_customer"};

constexpr std::string_view permissionName(Permission permission)
{
    const auto index = static_cast<std::size_t>(permission);
    return index < kPermissionCount ? kPermissionNames[index] : std::string_view("unknown");
}

// Who is at the console: produced by sign-in (or the embedded demo's administrator),
// passed in to whatever acts or reads. Empty depots = every depot; an empty merchant
// for a merchant user means no merchant's data at all (never "every merchant").
struct Principal {
    std::string user;                 // sign-in name; "demo" for the embedded demo
    std::string role;                 // admin | ops_manager | dispatcher | customer_service | merchant
    std::vector<std::string> depots;  // data scope by depot, empty = all
    std::string merchant;             // data scope of a merchant user
    bool demo = false;                // signed in by the embedded demo gateway, says DEMO
};

} // namespace opsdeck::core::access
