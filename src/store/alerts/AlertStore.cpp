#include "AlertStore.h"

#include "store/db/Sqlite.h"

#include <QString>
#include <QStringList>

namespace opsdeck::store::alertstore {

namespace {
std::string joinRoles(const std::vector<std::string> &roles)
{
    std::string out;
    for (const auto &r : roles) {
        if (!out.empty())
            out.push_back(',');
        out += r;
    }
    return out;
}

std::vector<std::string> splitRoles(const std::string &text)
{
    std::vector<std::string> out;
    for (const QString &r : QString::fromStdString(text).split(QLatin1Char(','), Qt::SkipEmptyParts))
        out.push_back(r.toStdString());
    return out;
}

// Each word becomes a quoted FTS5 prefix term, so user input is never FTS syntax.
std::string ftsQuery(const std::string &text)
{
    std::string q;
    for (const QString &word : QString::fromStdString(text).split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        QString w = word;
        w.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        if (!q.empty())
            q += ' ';
        q += '"' + w.toStdString() + "\"*";
    }
    return q;
}

// A message as stored: its English text (shown by older builds, searched, exported),
// its code and its arguments as a JSON array. Free text has no code: the text is it.
struct StoredMessage {
    std::string english;
    std::string code; // empty: free text
    std::string args;

    explicit StoredMessage(const core::AlertMessage &m)
        : english(core::formatEnglish(m))
    {
        if (m.code != core::AlertCode::Text) {
            code = std::string(core::toString(m.code));
            args = core::argsToJson(m.args);
        }
    }
};

// Rows written before messages had codes (no code column value), a code this build does
// not know or arguments that do not fit it: the stored English text, shown as it is.
core::AlertMessage restoredMessage(const std::string &code, const std::string &args, std::string english)
{
    core::AlertMessage m;
    if (!code.empty() && core::alertCodeFromName(code, &m.code) && m.code != core::AlertCode::Text
        && core::argsFromJson(m.code, args, &m.args))
        return m;
    return core::AlertMessage::text(std::move(english));
}

bool hasColumn(Database &db, const char *table, const char *column)
{
    Statement q = db.prepare(std::string("SELECT 1 FROM pragma_table_info('") + table + "') WHERE name = ?1");
    q.bindText(1, column);
    return q.step();
}

// Databases from before message codes: the code and argument columns are added (NULL in
// the old rows, which keep showing their English text).
void addCodeColumns(Database &db)
{
    for (const char *table : {"alert_records", "alert_changes"}) {
        for (const char *column : {"message_code", "message_args", "note_code", "note_args"}) {
            if (!hasColumn(db, table, column))
                db.exec((std::string("ALTER TABLE ") + table + " ADD COLUMN " + column + " TEXT").c_str());
        }
    }
}
} // namespace

void ensureSchema(Database &db)
{
    db.exec(R"sql(
CREATE TABLE IF NOT EXISTS alert_records (
    id INTEGER PRIMARY KEY,
    rule_id TEXT NOT NULL, kind TEXT NOT NULL,
    subject_kind TEXT NOT NULL, subject TEXT NOT NULL,
    order_id TEXT, rider_id TEXT, depot TEXT,
    severity TEXT NOT NULL, base_severity TEXT NOT NULL, escalated INTEGER NOT NULL,
    state TEXT NOT NULL, count INTEGER NOT NULL,
    first_at INTEGER NOT NULL, last_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
    snoozed_until INTEGER NOT NULL, message TEXT NOT NULL, roles TEXT NOT NULL,
    acknowledged_by TEXT, assignee TEXT, resolved_by TEXT, note TEXT,
    message_code TEXT, message_args TEXT, note_code TEXT, note_args TEXT);
-- One open alert per (rule, subject): the database refuses a duplicate even if the
-- engine were to make one.
CREATE UNIQUE INDEX IF NOT EXISTS alert_records_open_key ON alert_records(rule_id, subject) WHERE state <> 'resolved';
CREATE INDEX IF NOT EXISTS alert_records_state ON alert_records(state);
CREATE TABLE IF NOT EXISTS alert_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    alert_id INTEGER NOT NULL, at_ms INTEGER NOT NULL,
    action TEXT NOT NULL, by_user TEXT NOT NULL,
    state TEXT NOT NULL, severity TEXT NOT NULL,
    rule_id TEXT NOT NULL, subject TEXT NOT NULL, message TEXT NOT NULL, note TEXT NOT NULL,
    message_code TEXT, message_args TEXT, note_code TEXT, note_args TEXT);
CREATE INDEX IF NOT EXISTS alert_changes_alert ON alert_changes(alert_id);
CREATE VIRTUAL TABLE IF NOT EXISTS alert_changes_fts USING fts5(
    rule_id, subject, message, action, by_user, note, content='alert_changes', content_rowid='id');
CREATE TABLE IF NOT EXISTS alert_storm_history (
    depot TEXT NOT NULL, slot INTEGER NOT NULL, n INTEGER NOT NULL, mean REAL NOT NULL, m2 REAL NOT NULL,
    PRIMARY KEY (depot, slot));
)sql");
    addCodeColumns(db);
}

namespace {
// The alert's current row (inserted, or updated from its latest change).
void upsertRecord(Statement &upsert, const core::Alert &a, const StoredMessage &message)
{
    const std::string subjectKind(core::toString(a.subject.kind));
    const std::string severity(core::toString(a.severity));
    const std::string base(core::toString(a.baseSeverity));
    const std::string state(core::toString(a.state));
    const std::string roles = joinRoles(a.roles);
    const StoredMessage alertNote(a.note);
    upsert.bind(1, a.id)
        .bindText(2, a.ruleId)
        .bindText(3, a.kind)
        .bindText(4, subjectKind)
        .bindText(5, a.subject.key)
        .bindTextOrNull(6, a.subject.orderId)
        .bindTextOrNull(7, a.subject.riderId)
        .bindTextOrNull(8, a.subject.depot)
        .bindText(9, severity)
        .bindText(10, base)
        .bind(11, a.escalated ? 1 : 0)
        .bindText(12, state)
        .bind(13, a.count)
        .bind(14, a.firstAtMs)
        .bind(15, a.lastAtMs)
        .bind(16, a.updatedAtMs)
        .bind(17, a.snoozedUntilMs)
        .bindText(18, message.english)
        .bindText(19, roles)
        .bindTextOrNull(20, a.acknowledgedBy)
        .bindTextOrNull(21, a.assignee)
        .bindTextOrNull(22, a.resolvedBy)
        .bindTextOrNull(23, alertNote.english)
        .bindTextOrNull(24, message.code)
        .bindTextOrNull(25, message.args)
        .bindTextOrNull(26, alertNote.code)
        .bindTextOrNull(27, alertNote.args);
    upsert.run();
}

// One step of its history, and its full-text entry.
void appendChange(Statement &change, Statement &fts, const core::AlertChange &c, const StoredMessage &message)
{
    const core::Alert &a = c.alert;
    const std::string severity(core::toString(a.severity));
    const std::string state(core::toString(a.state));
    const StoredMessage note(c.note);
    change.bind(1, a.id)
        .bind(2, c.atMs)
        .bindText(3, c.action)
        .bindText(4, c.by)
        .bindText(5, state)
        .bindText(6, severity)
        .bindText(7, a.ruleId)
        .bindText(8, a.subject.key)
        .bindText(9, message.english)
        .bindText(10, note.english)
        .bindTextOrNull(11, message.code)
        .bindTextOrNull(12, message.args)
        .bindTextOrNull(13, note.code)
        .bindTextOrNull(14, note.args);
    change.run();
    // Searched in English: the words of the message and its arguments (order and rider
    // ids, zones, counts) as they appear in the text.
    fts.bindText(1, a.ruleId)
        .bindText(2, a.subject.key)
        .bindText(3, message.english)
        .bindText(4, c.action)
        .bindText(5, c.by)
        .bindText(6, note.english);
    fts.run();
}

} // namespace

void write(Database &db, const core::AlertOutput &output)
{
    if (output.changes.empty() && output.storm.empty())
        return;
    Transaction tx(db);
    Statement upsert = db.prepare(R"sql(
INSERT INTO alert_records (id, rule_id, kind, subject_kind, subject, order_id, rider_id, depot, severity, base_severity,
    escalated, state, count, first_at, last_at, updated_at, snoozed_until, message, roles, acknowledged_by, assignee,
    resolved_by, note, message_code, message_args, note_code, note_args)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23,
    ?24, ?25, ?26, ?27)
ON CONFLICT(id) DO UPDATE SET severity = excluded.severity, escalated = excluded.escalated, state = excluded.state,
    count = excluded.count, last_at = excluded.last_at, updated_at = excluded.updated_at,
    snoozed_until = excluded.snoozed_until, message = excluded.message, roles = excluded.roles,
    acknowledged_by = excluded.acknowledged_by, assignee = excluded.assignee, resolved_by = excluded.resolved_by,
    note = excluded.note, first_at = excluded.first_at, message_code = excluded.message_code,
    message_args = excluded.message_args, note_code = excluded.note_code, note_args = excluded.note_args)sql");
    Statement change = db.prepare(R"sql(
INSERT INTO alert_changes (alert_id, at_ms, action, by_user, state, severity, rule_id, subject, message, note,
    message_code, message_args, note_code, note_args)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14))sql");
    Statement fts = db.prepare(R"sql(
INSERT INTO alert_changes_fts (rowid, rule_id, subject, message, action, by_user, note)
VALUES (last_insert_rowid(), ?1, ?2, ?3, ?4, ?5, ?6))sql");
    for (const auto &c : output.changes) {
        const StoredMessage message(c.alert.message);
        upsertRecord(upsert, c.alert, message);
        appendChange(change, fts, c, message);
    }
    Statement storm = db.prepare(R"sql(
INSERT INTO alert_storm_history (depot, slot, n, mean, m2) VALUES (?1, ?2, ?3, ?4, ?5)
ON CONFLICT(depot, slot) DO UPDATE SET n = excluded.n, mean = excluded.mean, m2 = excluded.m2)sql");
    for (const auto &s : output.storm) {
        storm.bindText(1, s.depot).bind(2, s.slot).bind(3, s.n).bind(4, s.mean).bind(5, s.m2);
        storm.run();
    }
    tx.commit();
}

Loaded load(Database &db)
{
    Loaded out;
    out.maxId = db.queryInt("SELECT COALESCE(MAX(id), 0) FROM alert_records");
    Statement q = db.prepare(R"sql(
SELECT id, rule_id, kind, subject_kind, subject, order_id, rider_id, depot, severity, base_severity, escalated, state,
    count, first_at, last_at, updated_at, snoozed_until, message, roles, acknowledged_by, assignee, resolved_by, note,
    message_code, message_args, note_code, note_args
FROM alert_records WHERE state <> 'resolved' ORDER BY id)sql");
    while (q.step()) {
        core::Alert a;
        a.id = q.columnInt(0);
        a.ruleId = q.columnText(1);
        a.kind = q.columnText(2);
        core::alertSubjectKindFromString(q.columnText(3), &a.subject.kind);
        a.subject.key = q.columnText(4);
        a.subject.orderId = q.columnText(5);
        a.subject.riderId = q.columnText(6);
        a.subject.depot = q.columnText(7);
        core::alertSeverityFromString(q.columnText(8), &a.severity);
        core::alertSeverityFromString(q.columnText(9), &a.baseSeverity);
        a.escalated = q.columnInt(10) != 0;
        core::alertStateFromString(q.columnText(11), &a.state);
        a.count = q.columnInt(12);
        a.firstAtMs = q.columnInt(13);
        a.lastAtMs = q.columnInt(14);
        a.updatedAtMs = q.columnInt(15);
        a.snoozedUntilMs = q.columnInt(16);
        a.message = restoredMessage(q.columnText(23), q.columnText(24), q.columnText(17));
        a.roles = splitRoles(q.columnText(18));
        a.acknowledgedBy = q.columnText(19);
        a.assignee = q.columnText(20);
        a.resolvedBy = q.columnText(21);
        a.note = restoredMessage(q.columnText(25), q.columnText(26), q.columnText(22));
        out.open.push_back(std::move(a));
    }
    Statement s = db.prepare("SELECT depot, slot, n, mean, m2 FROM alert_storm_history");
    while (s.step())
        out.storm.push_back({s.columnText(0), static_cast<int>(s.columnInt(1)), s.columnInt(2), s.columnDouble(3),
                             s.columnDouble(4)});
    return out;
}

std::vector<HistoryEntry> searchHistory(Database &db, const std::string &text, int limit)
{
    const std::string match = ftsQuery(text);
    const char *columns = "c.id, c.alert_id, c.at_ms, c.action, c.by_user, c.state, c.severity, c.rule_id, c.subject, "
                          "c.message, c.note, c.message_code, c.message_args, c.note_code, c.note_args";
    Statement q = match.empty()
        ? db.prepare(std::string("SELECT ") + columns + " FROM alert_changes c ORDER BY c.id DESC LIMIT ?1")
        : db.prepare(std::string("SELECT ") + columns
                     + " FROM alert_changes_fts f JOIN alert_changes c ON c.id = f.rowid"
                       " WHERE alert_changes_fts MATCH ?2 ORDER BY c.id DESC LIMIT ?1");
    q.bind(1, limit);
    if (!match.empty())
        q.bindText(2, match);
    std::vector<HistoryEntry> out;
    while (q.step())
        out.push_back({q.columnInt(0), q.columnInt(1), q.columnInt(2), q.columnText(3), q.columnText(4),
                       q.columnText(5), q.columnText(6), q.columnText(7), q.columnText(8),
                       restoredMessage(q.columnText(11), q.columnText(12), q.columnText(9)),
                       restoredMessage(q.columnText(13), q.columnText(14), q.columnText(10))});
    return out;
}

} // namespace opsdeck::store::alertstore
