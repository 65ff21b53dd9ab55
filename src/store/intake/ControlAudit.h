#pragma once

#include "core/audit/AuditRecord.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace opsdeck::store {

class Database;

// One control command in the audit log (table control_audit, created by this room's
// own CREATE TABLE IF NOT EXISTS, not by the event store's schema). Written when the
// command is issued (status "pending") and again with its outcome, keyed by command id.
// JSON columns (args, before, after, reply) hold compact JSON text or "null".
struct ControlAuditEntry {
    std::string commandId;
    std::string runId;       // a playbook run, or empty
    std::string runName;     // the playbook's name, for its run
    std::string origin;      // console | ctl | timer | playbook | playbook_revert
    std::int64_t issuedMs = 0;
    std::int64_t settledMs = 0;
    std::string user;
    std::string role;
    std::string cmd;
    std::string argsJson = "{}";
    std::string reason;
    std::string beforeJson = "null";
    std::string afterJson = "null";
    std::string status;      // pending | confirmed | refused | unconfirmed
    std::string error;       // gateway or local error code
    std::string message;
    std::string replyJson;   // the gateway's reply as received, empty when none
    std::int64_t expiresMs = 0; // timed control: when it resets itself, 0 = never
    int attempts = 0;
};

// Also the chained audit_log (store/audit/AuditLog.h) every entry is appended to.
void ensureControlAuditTable(Database &db);
// Insert or, for a command id already logged, update with the newer outcome; and, in the
// same transaction, append the entry to the chained audit_log (issued, then each outcome),
// where the update in place of control_audit cannot erase what was issued.
void writeControlAudit(Database &db, const ControlAuditEntry &entry);
// The chained row of one entry: action "command.<cmd>", target the order id, outcome the
// status, detail the command id, origin, args, reason and error (never before/after state).
core::audit::AuditRecord controlAuditRecord(const ControlAuditEntry &entry);
// The permission a command needs (core::access::permissionName spelling), empty for ping.
std::string controlPermission(std::string_view cmd);
// In the order they were issued; runId empty = every entry.
std::vector<ControlAuditEntry> readControlAudit(Database &db, std::string_view runId = {});
// The commands on one order (args.order_id), oldest first: board actions from any
// session or console sharing this database.
std::vector<ControlAuditEntry> readControlAuditForOrder(Database &db, std::string_view orderId);
inline constexpr const char *kControlAuditTable = "control_audit"; // absent until a command was audited

} // namespace opsdeck::store
