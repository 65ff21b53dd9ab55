#pragma once

#include "core/audit/AuditRecord.h"

#include <cstdint>
#include <string>
#include <vector>

namespace opsdeck::store {

class Database;

// The one append-only audit table (audit_log, created by this room's own CREATE TABLE IF
// NOT EXISTS). Every row carries the BLAKE2b hash (libsodium crypto_generichash, 32 bytes)
// of its canonical encoding: seq, time, user, role, action, target, outcome, permission,
// detail and the previous row's hash. seq is dense from 1 and part of what is hashed, so an
// edited, inserted or deleted row breaks the chain at that row. The triggers that refuse
// UPDATE and DELETE are a courtesy: verifyAuditChain() reads only the rows themselves.
inline constexpr const char *kAuditTable = "audit_log";
inline constexpr std::size_t kAuditHashBytes = 32;

struct AuditRow {
    std::int64_t seq = 0;
    core::audit::AuditRecord record;
    std::string prevHash; // raw bytes
    std::string hash;
};

void ensureAuditTable(Database &db);

// Appends in one transaction (a savepoint when the caller already has one open), under
// the write lock, so two connections (the console and `opsdeck ctl`) never fork the chain.
// Personal data in detailJson is redacted first (redactAuditDetail). Returns the last seq.
std::int64_t appendAudit(Database &db, const std::vector<core::audit::AuditRecord> &records);

// Keys whose values are personal data (customer name, phone, address, destination) are
// replaced by "[redacted]" at any depth; text that is not a JSON object is kept only as its
// length, since it could hold anything.
std::string redactAuditDetail(const std::string &detailJson);

// The hash a row must carry (exposed for the tests that forge rows as an attacker would).
std::string auditRowHash(const AuditRow &row);

struct AuditVerdict {
    bool whole = true;
    std::int64_t rowsChecked = 0;  // rows read before the first bad one (all of them when whole)
    std::int64_t badSeq = 0;       // the first row that was edited, inserted or deleted
    std::string problem;           // edited | inserted | deleted | broken_link, with detail
    std::string headHash;          // hex of the last good row's hash: note it to detect truncation
};
// Walks the table in seq order. A database without the table is whole with 0 rows.
AuditVerdict verifyAuditChain(Database &db);

struct AuditFilter {
    std::string user;            // exact, empty = all
    std::string action;          // prefix ("command." matches every command), empty = all
    std::string target;          // substring of the target (an order id), empty = all
    std::int64_t sinceMs = 0;    // at_ms >= sinceMs, 0 = unbounded
    std::int64_t untilMs = 0;    // at_ms < untilMs, 0 = unbounded
    std::int64_t limit = 100000; // newest first beyond it
};
// Oldest first. Empty when the table does not exist yet.
std::vector<AuditRow> readAudit(Database &db, const AuditFilter &filter);

// RFC 4180 CSV of rows (header first), hashes in hex: what the panel's export writes.
std::string auditCsv(const std::vector<AuditRow> &rows);

std::string toHex(const std::string &bytes);

} // namespace opsdeck::store
