#include "PersonalDataEraser.h"

#include "CustomerIdKey.h"
#include "core/model/OrderState.h"

#include "store/db/PersonalDataCipher.h"
#include "store/db/RowCodec.h"
#include "store/db/Sqlite.h"
#include "store/db/StoreError.h"
#include "store/db/StoreLog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <utility>
#include <vector>

namespace opsdeck::store {

namespace {

constexpr std::string_view kIdPrefix = "cust-";
constexpr const char *kSelectSealed = "SELECT e.key, s.epoch, s.depot, e.seq, e.body FROM events e JOIN streams s "
                                      "ON s.id = e.key >> 40 WHERE e.sealed = 1";

// A phone's digits, without China's country code (+86 / 0086) in front of a mobile
// number: the gateway's numbers are national, a request may come with the prefix.
std::string digitsOf(std::string_view text)
{
    std::string out;
    for (const char c : text)
        if (std::isdigit(static_cast<unsigned char>(c)))
            out += c;
    for (const std::string_view prefix : {std::string_view("0086"), std::string_view("86")})
        if (out.size() == 11 + prefix.size() && out.compare(0, prefix.size(), prefix) == 0 && out[prefix.size()] == '1')
            return out.substr(prefix.size());
    return out;
}

void blank(QJsonObject &object, const char *key, const QJsonValue &empty)
{
    if (object.contains(QLatin1String(key)))
        object.insert(QLatin1String(key), empty);
}

// "'SIGNED','CLOSED','CANCELLED'": the core's final states, spelled for SQL, so the
// purge follows core::isFinal rather than a copy of its list.
const std::string &finalStatesSql()
{
    static const std::string list = [] {
        std::string out;
        for (int i = 0; i < core::kOrderStateCount; ++i) {
            const auto state = static_cast<core::OrderState>(i);
            if (!core::isFinal(state))
                continue;
            out += (out.empty() ? "'" : ",'") + std::string(core::toString(state)) + "'";
        }
        return out;
    }();
    return list;
}

struct SealedOrder {
    std::string orderId;
    PersonalFields personal;
};

} // namespace

std::string redactEventBody(std::string_view body)
{
    QJsonObject envelope = QJsonDocument::fromJson(QByteArray(body.data(), static_cast<qsizetype>(body.size()))).object();
    QJsonObject data = envelope.value(QLatin1String("data")).toObject();
    // Keys stay with empty values: a reader that expects the field still finds it.
    QJsonObject customer = data.value(QLatin1String("customer")).toObject();
    blank(customer, "name", QString());
    blank(customer, "phone", QString());
    if (data.contains(QLatin1String("customer")))
        data.insert(QLatin1String("customer"), customer);
    QJsonObject address = data.value(QLatin1String("address")).toObject();
    blank(address, "text", QString());
    blank(address, "lat", 0.0);
    blank(address, "lng", 0.0);
    if (data.contains(QLatin1String("address")))
        data.insert(QLatin1String("address"), address);
    data.remove(QLatin1String("note"));
    blank(data, "signed_by", QString());
    blank(data, "lat", 0.0); // order.signed: where it was signed
    blank(data, "lng", 0.0);
    data.insert(QLatin1String("erased"), true);
    envelope.insert(QLatin1String("data"), data);
    return QJsonDocument(envelope).toJson(QJsonDocument::Compact).toStdString();
}

std::int64_t purgeCutoffMs(Database &db, std::int64_t nowMs, std::int64_t retentionMs)
{
    const std::int64_t newest = std::max(db.queryInt("SELECT coalesce(max(ts_ms), 0) FROM events"),
                                         db.queryInt("SELECT coalesce(max(updated_at_ms), 0) FROM orders"));
    return std::min(newest, nowMs) - retentionMs;
}

SecureDeleteRestore::SecureDeleteRestore(Database &db) : m_db(db), m_on(db.queryInt("PRAGMA secure_delete") != 0) {}

SecureDeleteRestore::~SecureDeleteRestore()
{
    try {
        m_db.exec(m_on ? "PRAGMA secure_delete = ON" : "PRAGMA secure_delete = OFF");
    } catch (const std::exception &error) {
        qCWarning(lcStore) << "secure_delete not restored:" << error.what();
    }
}

PersonalDataEraser::PersonalDataEraser(Database &db, const PersonalDataCipher &cipher)
    : m_db(db), m_cipher(cipher)
{
    // Freed and overwritten cells are zeroed, not left in the page.
    m_db.exec("PRAGMA secure_delete = ON");
    m_db.exec("CREATE TABLE IF NOT EXISTS privacy_erased(customer_id TEXT PRIMARY KEY, at_ms INTEGER NOT NULL, "
              "rows INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID");
    m_idKey = customerIdKey(m_db, m_cipher); // after the table: an existing tombstone decides how it is made
}

std::string PersonalDataEraser::idOfDigits(std::string_view digits) const
{
    unsigned char hash[8];
    crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char *>(digits.data()), digits.size(),
                       reinterpret_cast<const unsigned char *>(m_idKey.data()), m_idKey.size());
    char hex[sizeof hash * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    return std::string(kIdPrefix) + hex;
}

std::string PersonalDataEraser::customerIdOf(std::string_view phoneOrId) const
{
    if (phoneOrId.substr(0, kIdPrefix.size()) == kIdPrefix)
        return std::string(phoneOrId);
    const std::string digits = digitsOf(phoneOrId);
    return digits.empty() ? std::string() : idOfDigits(digits);
}

bool PersonalDataEraser::eraseOrderPii(const std::string &orderId)
{
    Statement update = m_db.prepare("UPDATE orders SET pii = NULL, lat = 0, lng = 0 WHERE order_id = ?1");
    update.bindText(1, orderId).run();
    return sqlite3_changes(m_db.handle()) > 0;
}

// The sealed bodies the SELECT (key, epoch, depot, seq, body) finds: redacted and kept
// in clear.
std::int64_t PersonalDataEraser::redactSelected(Statement &select, std::int64_t *lastKey)
{
    // Read first, then written: SQLite leaves rows changed under a running SELECT undefined.
    std::vector<std::pair<std::int64_t, std::string>> redacted;
    while (select.step()) {
        const std::string ad = eventBodyAd(select.columnText(1), select.columnText(2), select.columnInt(3));
        const auto plain = m_cipher.open(select.columnBlob(4), ad);
        if (!plain)
            throw StoreError(StoreError::Code::Crypto, "events.body at " + ad + " does not open");
        redacted.emplace_back(select.columnInt(0), redactEventBody(*plain));
    }
    Statement update = m_db.prepare("UPDATE events SET sealed = 0, body = ?2 WHERE key = ?1");
    for (const auto &row : redacted)
        update.bind(1, row.first).bindBlob(2, row.second).run();
    if (lastKey && !redacted.empty())
        *lastKey = redacted.back().first;
    return static_cast<std::int64_t>(redacted.size());
}

std::int64_t PersonalDataEraser::eraseEventsOf(const std::string &orderIdsJson)
{
    Statement select = m_db.prepare(std::string(kSelectSealed) + " AND e.order_id IN (SELECT value FROM json_each(?1))");
    select.bindText(1, orderIdsJson);
    return redactSelected(select);
}

// One pass over the rejected table for every phone and name of the request.
std::int64_t PersonalDataEraser::eraseRejectedMatching(const std::set<std::string> &phoneDigits,
                                                       const std::set<std::string> &names)
{
    Statement select = m_db.prepare("SELECT id, raw FROM rejected WHERE sealed = 1 AND raw IS NOT NULL");
    std::vector<std::int64_t> ids;
    while (select.step()) {
        const auto plain = m_cipher.open(select.columnBlob(1), kRejectedRawAd);
        // A value that does not open is unreadable anyway; it is left alone.
        if (!plain)
            continue;
        const std::string digits = digitsOf(*plain);
        const bool hasPhone = std::any_of(phoneDigits.begin(), phoneDigits.end(), [&](const std::string &d) {
            return !d.empty() && digits.find(d) != std::string::npos;
        });
        const bool hasName = std::any_of(names.begin(), names.end(), [&](const std::string &n) {
            return !n.empty() && plain->find(n) != std::string::npos;
        });
        if (!hasPhone && !hasName)
            continue;
        ids.push_back(select.columnInt(0));
    }
    Statement update = m_db.prepare("UPDATE rejected SET sealed = 0, raw = NULL WHERE id = ?1");
    for (const std::int64_t id : ids)
        update.bind(1, id).run();
    return static_cast<std::int64_t>(ids.size());
}

// Notes people typed on alerts of the customer's orders may name them: the note is
// replaced. Only those alerts: a short name ("Li") is part of many unrelated notes.
std::int64_t PersonalDataEraser::scrubAlertNotes(const std::string &orderIdsJson, const std::set<std::string> &needles)
{
    if (!m_db.hasTable("alert_changes"))
        return 0;
    std::int64_t scrubbed = 0;
    for (const std::string &needle : needles) {
        if (needle.size() < 2)
            continue;
        for (const char *sql : {"UPDATE alert_records SET note = '', note_code = NULL, note_args = NULL "
                                "WHERE order_id IN (SELECT value FROM json_each(?2)) "
                                "AND (instr(note, ?1) > 0 OR instr(note_args, ?1) > 0)",
                                "UPDATE alert_changes SET note = '', note_code = NULL, note_args = NULL "
                                "WHERE alert_id IN (SELECT id FROM alert_records WHERE order_id IN "
                                "(SELECT value FROM json_each(?2))) "
                                "AND (instr(note, ?1) > 0 OR instr(note_args, ?1) > 0)"}) {
            Statement update = m_db.prepare(sql);
            update.bindText(1, needle).bindText(2, orderIdsJson).run();
            scrubbed += sqlite3_changes(m_db.handle());
        }
    }
    return scrubbed;
}

namespace {

// Every order that still has personal data, opened.
std::vector<SealedOrder> sealedOrders(Database &db, const PersonalDataCipher &cipher, std::string_view where,
                                      std::int64_t arg, int limit)
{
    Statement select = db.prepare("SELECT order_id, pii FROM orders WHERE pii IS NOT NULL" + std::string(where)
                                  + " LIMIT " + std::to_string(limit));
    if (!where.empty())
        select.bind(1, arg);
    std::vector<SealedOrder> out;
    while (select.step()) {
        SealedOrder o;
        o.orderId = select.columnText(0);
        const auto plain = cipher.open(select.columnBlob(1), orderPiiAd(o.orderId));
        if (!plain)
            throw StoreError(StoreError::Code::Crypto, "orders.pii of " + o.orderId + " does not open");
        auto personal = unpackPersonal(*plain);
        if (personal)
            o.personal = std::move(*personal);
        out.push_back(std::move(o));
    }
    return out;
}

std::string jsonArrayOf(const std::vector<std::string> &ids)
{
    QJsonArray array;
    for (const std::string &id : ids)
        array.append(QString::fromStdString(id));
    return QJsonDocument(array).toJson(QJsonDocument::Compact).toStdString();
}

} // namespace

PersonalDataEraser::Counts PersonalDataEraser::erase(std::string_view phoneOrId, std::int64_t nowMs)
{
    Counts counts;
    counts.customerId = customerIdOf(phoneOrId);
    if (counts.customerId.empty())
        throw StoreError(StoreError::Code::Sqlite, "a customer is a phone number or an id cust-…");
    Transaction tx(m_db);
    std::vector<std::string> ids;
    std::set<std::string> phones, names, needles;
    // A phone asked for is looked for in the rejected messages even with no order left.
    if (phoneOrId.substr(0, kIdPrefix.size()) != kIdPrefix)
        phones.insert(digitsOf(phoneOrId));
    for (const SealedOrder &o : sealedOrders(m_db, m_cipher, {}, 0, -1)) {
        const std::string digits = digitsOf(o.personal.phone);
        if (digits.empty() || idOfDigits(digits) != counts.customerId)
            continue;
        phones.insert(digits);
        names.insert(o.personal.name);
        needles.insert(o.personal.name);
        needles.insert(o.personal.phone);
        if (eraseOrderPii(o.orderId))
            ++counts.orders;
        ids.push_back(o.orderId);
    }
    counts.rejected = eraseRejectedMatching(phones, names);
    if (!ids.empty()) {
        counts.events = eraseEventsOf(jsonArrayOf(ids));
        counts.notes = scrubAlertNotes(jsonArrayOf(ids), needles);
    }
    counts.orderIds = ids;
    if (counts.notes > 0 && m_db.hasTable("alert_changes_fts")) {
        // The index keeps its own copy of every token (external content): rebuilt from
        // the scrubbed rows, then merged so the old segments leave its shadow tables.
        m_db.exec("INSERT INTO alert_changes_fts(alert_changes_fts) VALUES('rebuild')");
        m_db.exec("INSERT INTO alert_changes_fts(alert_changes_fts) VALUES('optimize')");
    }
    Statement tomb = m_db.prepare("INSERT INTO privacy_erased(customer_id, at_ms, rows) VALUES(?1, ?2, ?3) "
                                  "ON CONFLICT(customer_id) DO UPDATE SET at_ms = ?2, rows = rows + ?3");
    tomb.bindText(1, counts.customerId).bind(2, nowMs).bind(3, counts.total()).run();
    tx.commit();
    qCInfo(lcStore) << "privacy: erased customer" << counts.customerId.c_str() << counts.orders << "orders"
                    << counts.events << "events" << counts.rejected << "rejected";
    return counts;
}

std::int64_t PersonalDataEraser::purgeOrders(std::int64_t cutoffMs, int rows, PurgeCursor &cursor,
                                             std::vector<std::string> &erasedIds)
{
    if (cursor.ordersDone)
        return 0;
    std::vector<std::string> ids;
    {
        Statement select = m_db.prepare("SELECT order_id FROM orders WHERE order_id > ?1 AND pii IS NOT NULL "
                                        "AND updated_at_ms < ?2 AND state IN ("
                                        + finalStatesSql() + ") ORDER BY order_id LIMIT ?3");
        select.bindText(1, cursor.afterOrderId).bind(2, cutoffMs).bind(3, rows);
        while (select.step())
            ids.push_back(select.columnText(0));
    }
    cursor.ordersDone = static_cast<int>(ids.size()) < rows;
    std::int64_t erased = 0;
    for (const std::string &id : ids)
        erased += eraseOrderPii(id) ? 1 : 0;
    if (!ids.empty())
        cursor.afterOrderId = ids.back();
    erasedIds.insert(erasedIds.end(), ids.begin(), ids.end());
    return erased;
}

std::int64_t PersonalDataEraser::purgeEvents(std::int64_t cutoffMs, int rows, PurgeCursor &cursor)
{
    if (!cursor.rangesLoaded) {
        cursor.rangesLoaded = true;
        std::vector<std::int64_t> streams;
        Statement ids = m_db.prepare("SELECT id FROM streams ORDER BY id");
        while (ids.step())
            streams.push_back(ids.columnInt(0));
        // Reads each stream from its oldest row up to the first one newer than the cutoff.
        Statement newer = m_db.prepare("SELECT key FROM events WHERE key >= ?1 AND key < ?2 AND ts_ms >= ?3 "
                                       "ORDER BY key LIMIT 1");
        for (const std::int64_t id : streams) {
            const std::int64_t first = id << 40, end = (id + 1) << 40;
            newer.bind(1, first).bind(2, end).bind(3, cutoffMs);
            const std::int64_t boundary = newer.step() ? newer.columnInt(0) : end;
            newer.reset();
            if (boundary > first)
                cursor.eventRanges.emplace_back(first, boundary);
        }
    }
    // An open order's bodies stay until it ends, as its row does.
    Statement select = m_db.prepare(std::string(kSelectSealed)
                                    + " AND e.key >= ?1 AND e.key < ?2 AND NOT EXISTS (SELECT 1 FROM orders o WHERE "
                                      "o.order_id = e.order_id AND o.state NOT IN ("
                                    + finalStatesSql() + ")) ORDER BY e.key LIMIT ?3");
    while (!cursor.eventRanges.empty()) {
        auto &[from, to] = cursor.eventRanges.front();
        select.bind(1, from).bind(2, to).bind(3, rows);
        std::int64_t lastKey = from;
        const std::int64_t redacted = redactSelected(select, &lastKey);
        select.reset();
        if (redacted > 0) {
            from = lastKey + 1;
            return redacted;
        }
        cursor.eventRanges.erase(cursor.eventRanges.begin());
    }
    return 0;
}

PersonalDataEraser::Counts PersonalDataEraser::purgeStep(std::int64_t cutoffMs, int rows, PurgeCursor &cursor)
{
    Counts counts;
    Transaction tx(m_db);
    counts.orders = purgeOrders(cutoffMs, rows, cursor, counts.orderIds);
    // Events by their own time: an order still open keeps its newer bodies.
    counts.events = purgeEvents(cutoffMs, rows, cursor);
    // The rejected table is capped (EventStore::Options::rejectedKeep): no cursor needed.
    Statement rejected = m_db.prepare("UPDATE rejected SET sealed = 0, raw = NULL WHERE id IN (SELECT id FROM "
                                      "rejected WHERE raw IS NOT NULL AND at_ms < ?1 LIMIT ?2)");
    rejected.bind(1, cutoffMs).bind(2, rows).run();
    counts.rejected = sqlite3_changes(m_db.handle());
    tx.commit();
    return counts;
}

PersonalDataEraser::Counts PersonalDataEraser::reapplyErasures()
{
    Counts counts;
    std::set<std::string> erased;
    {
        Statement select = m_db.prepare("SELECT customer_id FROM privacy_erased");
        while (select.step())
            erased.insert(select.columnText(0));
    }
    if (erased.empty())
        return counts;
    Transaction tx(m_db);
    std::vector<std::string> ids;
    for (const SealedOrder &o : sealedOrders(m_db, m_cipher, {}, 0, -1)) {
        const std::string digits = digitsOf(o.personal.phone);
        if (digits.empty() || !erased.count(idOfDigits(digits)))
            continue;
        if (eraseOrderPii(o.orderId))
            ++counts.orders;
        ids.push_back(o.orderId);
    }
    if (!ids.empty())
        counts.events = eraseEventsOf(jsonArrayOf(ids));
    counts.orderIds = std::move(ids);
    tx.commit();
    return counts;
}

void PersonalDataEraser::compact()
{
    m_db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    m_db.exec("VACUUM");
    m_db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

} // namespace opsdeck::store
