#pragma once

#include <cstdint>
#include <string>

namespace opsdeck::core::audit {

// One row of the append-only, hash-chained audit trail: every action, command, rule
// edit, sign-in (and failed sign-in), export, personal-data reveal and refusal.
// The store's AuditLog chains the rows (BLAKE2b) and `opsdeck audit verify` checks them.
struct AuditRecord {
    std::int64_t atMs = 0;     // wall clock of the console when it happened
    std::string user;          // who acted (empty only for a failed sign-in of an unknown name)
    std::string role;
    std::string action;        // e.g. "sign_in", "sign_in_failed", "command.reassign", "rules.edit",
                               // "export", "export.personal_data", "reveal", "refused", "user.add"
    std::string target;        // order id, rule id, user name, file path... or empty
    std::string outcome;       // ok | refused | failed | pending | confirmed | unconfirmed
    std::string permission;    // the permission needed (core::access::permissionName), or empty
    std::string detailJson = "{}"; // compact JSON: arguments, reason, before/after
};

// Where whatever acts hands its audit rows. Implementations append on the store thread;
// append() never blocks on I/O and never throws.
class AuditSink
{
public:
    virtual ~AuditSink() = default;
    virtual void append(AuditRecord record) = 0;
};

} // namespace opsdeck::core::audit
