#include "AuditLog.h"

#include "store/db/Sqlite.h"
#include "store/db/StoreError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <sodium.h>

#include <array>

namespace opsdeck::store {

void ensureAuditTable(Database &db)
{
    db.exec("CREATE TABLE IF NOT EXISTS audit_log ("
            " seq INTEGER PRIMARY KEY,"
            " at_ms INTEGER NOT NULL,"
            " user_name TEXT NOT NULL,"
            " role_name TEXT NOT NULL,"
            " action TEXT NOT NULL,"
            " target TEXT NOT NULL,"
            " outcome TEXT NOT NULL,"
            " permission TEXT NOT NULL,"
            " detail_json TEXT NOT NULL,"
            " prev_hash BLOB NOT NULL,"
            " hash BLOB NOT NULL)");
    // A courtesy against mistakes: anyone with the file can drop them, which is why
    // verification never relies on them.
    db.exec("CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log"
            " BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END");
    db.exec("CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log"
            " BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END");
    db.exec("CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log(at_ms)");
}

namespace {

void putInt(std::string &out, std::int64_t value)
{
    const auto v = static_cast<std::uint64_t>(value);
    for (int shift = 56; shift >= 0; shift -= 8)
        out.push_back(static_cast<char>((v >> shift) & 0xffu));
}

// Length-prefixed, so no two different rows encode alike ("ab"+"c" vs "a"+"bc").
void putText(std::string &out, const std::string &text)
{
    putInt(out, static_cast<std::int64_t>(text.size()));
    out += text;
}

const QSet<QString> &personalKeys()
{
    static const QSet<QString> keys{
        QStringLiteral("name"),          QStringLiteral("customer"),      QStringLiteral("customer_name"),
        QStringLiteral("phone"),         QStringLiteral("customer_phone"), QStringLiteral("address"),
        QStringLiteral("customer_address"), QStringLiteral("email"),      QStringLiteral("destination"),
        QStringLiteral("dest"),          QStringLiteral("dest_lat"),      QStringLiteral("dest_lon"),
        QStringLiteral("dest_lng"),      QStringLiteral("note")};
    return keys;
}

QJsonValue redacted(const QJsonValue &value);

QJsonObject redactedObject(const QJsonObject &object)
{
    QJsonObject out;
    for (auto it = object.begin(); it != object.end(); ++it)
        out.insert(it.key(), personalKeys().contains(it.key().toLower()) ? QJsonValue(QStringLiteral("[redacted]"))
                                                                         : redacted(it.value()));
    return out;
}

QJsonValue redacted(const QJsonValue &value)
{
    if (value.isObject())
        return redactedObject(value.toObject());
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &item : value.toArray())
            out.append(redacted(item));
        return out;
    }
    return value;
}

void appendRows(Database &db, const std::vector<core::audit::AuditRecord> &records, std::int64_t *lastSeq)
{
    AuditRow row;
    {
        Statement last = db.prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
        if (last.step()) {
            row.seq = last.columnInt(0);
            row.hash = last.columnBlob(1);
        } else {
            row.hash.assign(kAuditHashBytes, '\0'); // the genesis row links to zeros
        }
    }
    Statement insert = db.prepare("INSERT INTO audit_log (seq, at_ms, user_name, role_name, action, target, outcome,"
                                  " permission, detail_json, prev_hash, hash)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    for (const core::audit::AuditRecord &record : records) {
        row.prevHash = row.hash;
        row.seq += 1;
        row.record = record;
        row.record.detailJson = redactAuditDetail(record.detailJson);
        row.hash = auditRowHash(row);
        const core::audit::AuditRecord &r = row.record;
        insert.bind(1, row.seq)
            .bind(2, r.atMs)
            .bindText(3, r.user)
            .bindText(4, r.role)
            .bindText(5, r.action)
            .bindText(6, r.target)
            .bindText(7, r.outcome)
            .bindText(8, r.permission)
            .bindText(9, r.detailJson)
            .bindBlob(10, row.prevHash)
            .bindBlob(11, row.hash);
        insert.run();
    }
    *lastSeq = row.seq;
}

} // namespace

std::string redactAuditDetail(const std::string &detailJson)
{
    if (detailJson.empty())
        return "{}";
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(detailJson), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        QJsonObject kept{{QStringLiteral("unreadable_detail_bytes"), static_cast<qint64>(detailJson.size())}};
        return QJsonDocument(kept).toJson(QJsonDocument::Compact).toStdString();
    }
    return QJsonDocument(redactedObject(doc.object())).toJson(QJsonDocument::Compact).toStdString();
}

std::string auditRowHash(const AuditRow &row)
{
    if (sodium_init() < 0)
        throw StoreError(StoreError::Code::Crypto, "libsodium failed to initialise");
    const core::audit::AuditRecord &r = row.record;
    std::string encoded = "opsdeck-audit-v1";
    putInt(encoded, row.seq);
    putInt(encoded, r.atMs);
    for (const std::string *field : {&r.user, &r.role, &r.action, &r.target, &r.outcome, &r.permission, &r.detailJson})
        putText(encoded, *field);
    putText(encoded, row.prevHash);
    std::array<unsigned char, kAuditHashBytes> out{};
    crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char *>(encoded.data()), encoded.size(),
                       nullptr, 0);
    return std::string(reinterpret_cast<const char *>(out.data()), out.size());
}

std::int64_t appendAudit(Database &db, const std::vector<core::audit::AuditRecord> &records)
{
    std::int64_t lastSeq = 0;
    if (records.empty())
        return lastSeq;
    ensureAuditTable(db);
    if (sqlite3_get_autocommit(db.handle()) != 0) {
        Transaction transaction(db); // IMMEDIATE: the last hash is read under the write lock
        appendRows(db, records, &lastSeq);
        transaction.commit();
        return lastSeq;
    }
    db.exec("SAVEPOINT audit_append");
    try {
        appendRows(db, records, &lastSeq);
    } catch (...) {
        sqlite3_exec(db.handle(), "ROLLBACK TO audit_append; RELEASE audit_append", nullptr, nullptr, nullptr);
        throw;
    }
    db.exec("RELEASE audit_append");
    return lastSeq;
}

std::string toHex(const std::string &bytes)
{
    std::string out(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char *>(bytes.data()), bytes.size());
    out.pop_back();
    return out;
}

} // namespace opsdeck::store
