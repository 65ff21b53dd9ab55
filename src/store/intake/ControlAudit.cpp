#include "ControlAudit.h"

#include "store/audit/AuditLog.h"
#include "store/db/Sqlite.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace opsdeck::store {

void ensureControlAuditTable(Database &db)
{
    db.exec("CREATE TABLE IF NOT EXISTS control_audit ("
            " command_id TEXT PRIMARY KEY,"
            " run_id TEXT,"
            " run_name TEXT,"
            " origin TEXT NOT NULL,"
            " issued_ms INTEGER NOT NULL,"
            " settled_ms INTEGER NOT NULL DEFAULT 0,"
            " user_name TEXT NOT NULL,"
            " role_name TEXT NOT NULL,"
            " cmd TEXT NOT NULL,"
            " args TEXT NOT NULL CHECK (json_valid(args)),"
            " reason TEXT NOT NULL,"
            " before_state TEXT NOT NULL CHECK (json_valid(before_state)),"
            " after_state TEXT NOT NULL CHECK (json_valid(after_state)),"
            " status TEXT NOT NULL,"
            " error TEXT,"
            " message TEXT,"
            " reply TEXT,"
            " expires_ms INTEGER NOT NULL DEFAULT 0,"
            " attempts INTEGER NOT NULL DEFAULT 0)");
    db.exec("CREATE INDEX IF NOT EXISTS control_audit_run ON control_audit(run_id) WHERE run_id IS NOT NULL");
    ensureAuditTable(db);
}

std::string controlPermission(std::string_view cmd)
{
    if (cmd == "reassign")
        return "reassign";
    if (cmd == "hold" || cmd == "release")
        return "hold_release";
    if (cmd == "cancel")
        return "cancel";
    if (cmd == "ping")
        return {};
    return "set_intake_controls";
}

core::audit::AuditRecord controlAuditRecord(const ControlAuditEntry &e)
{
    core::audit::AuditRecord r;
    r.atMs = e.status == "pending" || e.settledMs == 0 ? e.issuedMs : e.settledMs;
    r.user = e.user;
    r.role = e.role;
    r.action = "command." + e.cmd;
    r.outcome = e.status;
    r.permission = controlPermission(e.cmd);
    const QJsonObject args = QJsonDocument::fromJson(QByteArray::fromStdString(e.argsJson)).object();
    r.target = args.value(QStringLiteral("order_id")).toString().toStdString();
    QJsonObject detail{{QStringLiteral("command_id"), QString::fromStdString(e.commandId)},
                       {QStringLiteral("origin"), QString::fromStdString(e.origin)},
                       {QStringLiteral("args"), args},
                       {QStringLiteral("reason"), QString::fromStdString(e.reason)}};
    const auto addText = [&detail](const char *key, const std::string &value) {
        if (!value.empty())
            detail.insert(QLatin1String(key), QString::fromStdString(value));
    };
    addText("run_id", e.runId);
    addText("run_name", e.runName);
    addText("error", e.error);
    addText("message", e.message);
    if (e.attempts > 0)
        detail.insert(QStringLiteral("attempts"), e.attempts);
    if (e.expiresMs > 0)
        detail.insert(QStringLiteral("expires_ms"), static_cast<qint64>(e.expiresMs));
    r.detailJson = QJsonDocument(detail).toJson(QJsonDocument::Compact).toStdString();
    return r;
}

namespace {
void upsertControlAudit(Database &db, const ControlAuditEntry &e);
} // namespace

void writeControlAudit(Database &db, const ControlAuditEntry &e)
{
    // The row the views read and its chained audit row commit together or not at all.
    if (sqlite3_get_autocommit(db.handle()) != 0) {
        Transaction transaction(db);
        upsertControlAudit(db, e);
        appendAudit(db, {controlAuditRecord(e)});
        transaction.commit();
        return;
    }
    upsertControlAudit(db, e);
    appendAudit(db, {controlAuditRecord(e)});
}

namespace {
void upsertControlAudit(Database &db, const ControlAuditEntry &e)
{
    Statement s = db.prepare(
        "INSERT INTO control_audit (command_id, run_id, origin, issued_ms, settled_ms, user_name, role_name, cmd, args, reason,"
        " before_state, after_state, status, error, message, reply, expires_ms, attempts, run_name)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)"
        " ON CONFLICT(command_id) DO UPDATE SET settled_ms = excluded.settled_ms, before_state = excluded.before_state,"
        " after_state = excluded.after_state, status = excluded.status, error = excluded.error, message = excluded.message,"
        " reply = excluded.reply, attempts = excluded.attempts");
    s.bindText(1, e.commandId)
        .bindTextOrNull(2, e.runId)
        .bindText(3, e.origin)
        .bind(4, e.issuedMs)
        .bind(5, e.settledMs)
        .bindText(6, e.user)
        .bindText(7, e.role)
        .bindText(8, e.cmd)
        .bindText(9, e.argsJson)
        .bindText(10, e.reason)
        .bindText(11, e.beforeJson)
        .bindText(12, e.afterJson)
        .bindText(13, e.status)
        .bindTextOrNull(14, e.error)
        .bindTextOrNull(15, e.message)
        .bindTextOrNull(16, e.replyJson)
        .bind(17, e.expiresMs)
        .bind(18, e.attempts)
        .bindTextOrNull(19, e.runName);
    s.run();
}
} // namespace

namespace {
constexpr const char *kAuditColumns =
    "SELECT command_id, run_id, origin, issued_ms, settled_ms, user_name, role_name, cmd, args, reason, before_state, after_state, status,"
    " error, message, reply, expires_ms, attempts, run_name FROM control_audit";

std::vector<ControlAuditEntry> readEntries(Statement &s);
} // namespace

std::vector<ControlAuditEntry> readControlAuditForOrder(Database &db, std::string_view orderId)
{
    // Commands come at human pace: a scan of the audit with JSON1 is cheap, and the hot
    // write path keeps no extra index.
    Statement s = db.prepare(std::string(kAuditColumns)
                             + " WHERE json_extract(args, '$.order_id') = ?1 ORDER BY issued_ms, rowid");
    s.bindText(1, orderId);
    return readEntries(s);
}

std::vector<ControlAuditEntry> readControlAudit(Database &db, std::string_view runId)
{
    Statement s = db.prepare(std::string(kAuditColumns) + " WHERE ?1 IS NULL OR run_id = ?1 ORDER BY issued_ms, rowid");
    s.bindTextOrNull(1, runId);
    return readEntries(s);
}

namespace {
std::vector<ControlAuditEntry> readEntries(Statement &s)
{
    std::vector<ControlAuditEntry> out;
    while (s.step()) {
        ControlAuditEntry e;
        e.commandId = s.columnText(0);
        e.runId = s.columnText(1);
        e.origin = s.columnText(2);
        e.issuedMs = s.columnInt(3);
        e.settledMs = s.columnInt(4);
        e.user = s.columnText(5);
        e.role = s.columnText(6);
        e.cmd = s.columnText(7);
        e.argsJson = s.columnText(8);
        e.reason = s.columnText(9);
        e.beforeJson = s.columnText(10);
        e.afterJson = s.columnText(11);
        e.status = s.columnText(12);
        e.error = s.columnText(13);
        e.message = s.columnText(14);
        e.replyJson = s.columnText(15);
        e.expiresMs = s.columnInt(16);
        e.attempts = static_cast<int>(s.columnInt(17));
        e.runName = s.columnText(18);
        out.push_back(std::move(e));
    }
    return out;
}
} // namespace

} // namespace opsdeck::store
