// Reading the chain: verification, the panel's filtered reads and its CSV.
#include "AuditLog.h"

#include "store/db/Sqlite.h"

#include <unordered_map>

namespace opsdeck::store {

namespace {

constexpr const char *kRowColumns = "SELECT seq, at_ms, user_name, role_name, action, target, outcome, permission,"
                                    " detail_json, prev_hash, hash FROM audit_log";

AuditRow readRow(const Statement &s)
{
    AuditRow row;
    row.seq = s.columnInt(0);
    row.record.atMs = s.columnInt(1);
    row.record.user = s.columnText(2);
    row.record.role = s.columnText(3);
    row.record.action = s.columnText(4);
    row.record.target = s.columnText(5);
    row.record.outcome = s.columnText(6);
    row.record.permission = s.columnText(7);
    row.record.detailJson = s.columnText(8);
    row.prevHash = s.columnBlob(9);
    row.hash = s.columnBlob(10);
    return row;
}

std::string seqText(std::int64_t seq) { return "row " + std::to_string(seq); }

// The first thing wrong with `row`, given the chain so far; false when it is good.
// Links are checked before content: a row whose link points further back tells which
// rows were slipped in, a link to an unknown hash tells of rows taken out.
bool judge(const AuditRow &row, std::int64_t expectedSeq, const std::string &prevHash,
           const std::unordered_map<std::string, std::int64_t> &seen, AuditVerdict *verdict)
{
    const bool linked = row.prevHash == prevHash;
    const bool contentOk = auditRowHash(row) == row.hash;
    if (!linked) {
        const auto earlier = seen.find(row.prevHash);
        if (earlier != seen.end()) {
            verdict->badSeq = earlier->second + 1;
            verdict->problem = "inserted: " + seqText(row.seq) + " links to " + seqText(earlier->second) + ", so "
                + seqText(earlier->second + 1) + (row.seq - earlier->second > 2 ? " and the rows after it" : "")
                + " before it were inserted";
        } else if (row.seq > expectedSeq || !contentOk) {
            verdict->badSeq = expectedSeq;
            verdict->problem = "deleted: " + seqText(row.seq) + " links to a row that is no longer there; "
                + (row.seq > expectedSeq ? "rows " + std::to_string(expectedSeq) + ".." + std::to_string(row.seq - 1)
                                               + " are missing"
                                         : std::string("rows were deleted and the later ones renumbered"));
        } else {
            verdict->badSeq = row.seq - 1;
            verdict->problem = "edited: " + seqText(row.seq - 1) + " was changed and its hash recomputed ("
                + seqText(row.seq) + " links to its old hash)";
        }
        return true;
    }
    if (row.seq != expectedSeq) {
        verdict->badSeq = row.seq;
        verdict->problem = "inserted: " + seqText(row.seq) + " follows " + seqText(expectedSeq - 1)
            + " with a gap in seq";
        return true;
    }
    if (!contentOk) {
        verdict->badSeq = row.seq;
        verdict->problem = "edited: the content of " + seqText(row.seq) + " does not match its hash";
        return true;
    }
    return false;
}

} // namespace

AuditVerdict verifyAuditChain(Database &db)
{
    AuditVerdict verdict;
    std::string prevHash(kAuditHashBytes, '\0');
    verdict.headHash = toHex(prevHash);
    if (!db.hasTable(kAuditTable))
        return verdict;
    std::unordered_map<std::string, std::int64_t> seen;
    seen.reserve(static_cast<std::size_t>(db.queryInt("SELECT count(*) FROM audit_log")));
    std::int64_t expectedSeq = 1;
    Statement s = db.prepare(std::string(kRowColumns) + " ORDER BY seq");
    while (s.step()) {
        AuditRow row = readRow(s);
        if (judge(row, expectedSeq, prevHash, seen, &verdict)) {
            verdict.whole = false;
            break;
        }
        expectedSeq = row.seq + 1;
        ++verdict.rowsChecked;
        prevHash = row.hash;
        seen.emplace(std::move(row.hash), row.seq);
    }
    verdict.headHash = toHex(prevHash); // the last good row's
    return verdict;
}

std::vector<AuditRow> readAudit(Database &db, const AuditFilter &filter)
{
    std::vector<AuditRow> rows;
    if (!db.hasTable(kAuditTable))
        return rows;
    // Newest `limit` rows, handed back oldest first.
    Statement s = db.prepare("SELECT * FROM (" + std::string(kRowColumns)
                             + " WHERE (?1 IS NULL OR user_name = ?1)"
                               " AND (?2 IS NULL OR substr(action, 1, length(?2)) = ?2)"
                               " AND (?3 IS NULL OR instr(target, ?3) > 0)"
                               " AND (?4 = 0 OR at_ms >= ?4) AND (?5 = 0 OR at_ms < ?5)"
                               " ORDER BY seq DESC LIMIT ?6) ORDER BY seq");
    s.bindTextOrNull(1, filter.user)
        .bindTextOrNull(2, filter.action)
        .bindTextOrNull(3, filter.target)
        .bind(4, filter.sinceMs)
        .bind(5, filter.untilMs)
        .bind(6, filter.limit);
    while (s.step())
        rows.push_back(readRow(s));
    return rows;
}

namespace {
std::string csvField(const std::string &text)
{
    if (text.find_first_of(",\"\r\n") == std::string::npos)
        return text;
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + '"';
}
} // namespace

std::string auditCsv(const std::vector<AuditRow> &rows)
{
    std::string out = "seq,at_ms,user,role,action,target,outcome,permission,detail_json,prev_hash,hash\r\n";
    for (const AuditRow &row : rows) {
        const core::audit::AuditRecord &r = row.record;
        out += std::to_string(row.seq) + ',' + std::to_string(r.atMs);
        for (const std::string *field : {&r.user, &r.role, &r.action, &r.target, &r.outcome, &r.permission,
                                         &r.detailJson})
            out += ',' + csvField(*field);
        out += ',' + toHex(row.prevHash) + ',' + toHex(row.hash) + "\r\n";
    }
    return out;
}

} // namespace opsdeck::store
