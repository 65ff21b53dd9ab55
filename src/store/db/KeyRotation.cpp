#include "KeyRotation.h"

#include "PersonalDataCipher.h"
#include "RowCodec.h"
#include "Sqlite.h"
#include "StoreError.h"
#include "StoreLog.h"
#include "store/privacy/CustomerIdKey.h"

#include <sodium.h>

#include <QFile>
#include <QFileInfo>

#include <cstdio>
#include <iterator>

namespace opsdeck::store {

namespace {

constexpr std::string_view kKeyCheckAd = "meta.key_check"; // as EventStore seals it

// The tables with sealed values, in rotation order; the cursor is the last key done.
struct SealedTable {
    const char *select; // ?1 cursor, ?2 limit -> key, value, then what the AD needs
    const char *update; // ?1 key, ?2 value
    bool textKey;
};
const SealedTable kTables[] = {
    {"SELECT order_id, pii FROM orders WHERE pii IS NOT NULL AND order_id > ?1 ORDER BY order_id LIMIT ?2",
     "UPDATE orders SET pii = ?2 WHERE order_id = ?1", true},
    {"SELECT e.key, e.body, s.epoch, s.depot, e.seq FROM events e JOIN streams s ON s.id = e.key >> 40"
     " WHERE e.sealed = 1 AND e.key > ?1 ORDER BY e.key LIMIT ?2",
     "UPDATE events SET body = ?2 WHERE key = ?1", false},
    {"SELECT id, raw FROM rejected WHERE sealed = 1 AND raw IS NOT NULL AND id > ?1 ORDER BY id LIMIT ?2",
     "UPDATE rejected SET raw = ?2 WHERE id = ?1", false},
};
constexpr int kTableCount = static_cast<int>(std::size(kTables));

std::string adOf(int table, const Statement &row)
{
    switch (table) {
    case 0: return orderPiiAd(row.columnText(0));
    case 1: return eventBodyAd(row.columnText(2), row.columnText(3), row.columnInt(4));
    default: return std::string(kRejectedRawAd);
    }
}

std::string meta(Database &db, const char *key)
{
    Statement stmt = db.prepare("SELECT value FROM meta WHERE key = ?1");
    stmt.bindText(1, key);
    return stmt.step() ? stmt.columnBlob(0) : std::string();
}

void putMeta(Database &db, const char *key, std::string_view value)
{
    Statement put = db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES(?1, ?2)");
    put.bindText(1, key).bindBlob(2, value).run();
}

QString nextPath(const QString &keyPath)
{
    return keyPath + QStringLiteral(".next");
}

} // namespace

KeyRotation::KeyRotation(Database &db, QString keyPath) : m_db(db), m_keyPath(std::move(keyPath)) {}

KeyRotation::~KeyRotation() = default;

bool KeyRotation::pending(Database &db)
{
    return !meta(db, "rotation_table").empty();
}

std::optional<PersonalDataCipher> KeyRotation::resume(Database &db, const QString &keyPath)
{
    if (!pending(db))
        return std::nullopt;
    KeyRotation rotation(db, keyPath);
    rotation.begin();
    if (!rotation.m_new)
        return std::nullopt;
    qCInfo(lcStore) << "an unfinished key rotation is resumed: sealing with key" << rotation.m_new->keyId().c_str();
    return rotation.m_new->withPrevious(*rotation.m_old);
}

void KeyRotation::begin()
{
    const std::string table = meta(m_db, "rotation_table");
    if (table == "finishing") {
        finish(); // crashed between the last commit and the rename
        return;
    }
    m_old = std::make_unique<PersonalDataCipher>(
        PersonalDataCipher::fromKeyFile(m_keyPath, PersonalDataCipher::KeyFileMode::MustExist));
    const auto check = m_old->open(meta(m_db, "key_check"), kKeyCheckAd);
    if (!check)
        throw StoreError(StoreError::Code::WrongKey, "the key file does not open this database's key check");
    m_new = std::make_unique<PersonalDataCipher>(
        PersonalDataCipher::fromKeyFile(nextPath(m_keyPath), PersonalDataCipher::KeyFileMode::CreateIfMissing));
    if (table.empty()) {
        Transaction tx(m_db);
        putMeta(m_db, "rotation_table", "0");
        putMeta(m_db, "rotation_after", "");
        putMeta(m_db, "rotation_key_id", m_new->keyId());
        // A database from before the id key had it derived from this (old) key: fix it
        // now, or its erasure tombstones would stop matching once the old key is gone.
        std::string idKey = customerIdKey(m_db, *m_old);
        sodium_memzero(idKey.data(), idKey.size());
        tx.commit();
        qCInfo(lcStore) << "key rotation started: key" << m_old->keyId().c_str() << "->" << m_new->keyId().c_str();
    } else if (meta(m_db, "rotation_key_id") != m_new->keyId()) {
        throw StoreError(StoreError::Code::WrongKey, "the waiting new key " + QFile::encodeName(nextPath(m_keyPath)).toStdString()
                                                         + " is not the one this rotation began with");
    } else {
        qCInfo(lcStore) << "key rotation resumed at table" << table.c_str();
    }
}

bool KeyRotation::stepTable(int table, int rows, int &done)
{
    const SealedTable &t = kTables[table];
    const std::string after = meta(m_db, "rotation_after");
    Statement select = m_db.prepare(t.select);
    if (t.textKey)
        select.bindText(1, after);
    else
        select.bind(1, after.empty() ? std::int64_t{-1} : static_cast<std::int64_t>(std::stoll(after)));
    select.bind(2, static_cast<std::int64_t>(rows - done));
    Statement update = m_db.prepare(t.update);
    std::string last;
    while (done < rows && select.step()) {
        const std::string ad = adOf(table, select);
        const std::string value = select.columnBlob(1);
        last = select.columnText(0);
        ++done;
        if (m_new->open(value, ad))
            continue; // sealed with the new key already (a step replayed after a crash)
        const auto plain = m_old->open(value, ad);
        if (!plain)
            throw StoreError(StoreError::Code::Crypto, "a sealed value does not open with the old key: " + ad);
        const std::string sealed = m_new->seal(*plain, ad);
        if (t.textKey)
            update.bindText(1, last);
        else
            update.bind(1, select.columnInt(0));
        update.bindBlob(2, sealed).run();
        ++m_resealed;
    }
    if (!last.empty())
        putMeta(m_db, "rotation_after", last);
    return done < rows; // the table has no more rows
}

bool KeyRotation::step(int rows)
{
    if (!m_new)
        return !pending(m_db);
    Transaction tx(m_db);
    int done = 0;
    int table = std::stoi(meta(m_db, "rotation_table"));
    while (table < kTableCount && stepTable(table, rows, done)) {
        ++table;
        putMeta(m_db, "rotation_table", std::to_string(table));
        putMeta(m_db, "rotation_after", "");
    }
    if (table < kTableCount) {
        tx.commit();
        return false;
    }
    // Every row carries the new key: so does the check, and the old key can go.
    putMeta(m_db, "key_check", m_new->seal("opsdeck personal-data key check", kKeyCheckAd));
    resealMeta(kCustomerIdKeyMeta, kCustomerIdKeyAd);
    putMeta(m_db, "key_id", m_new->keyId());
    putMeta(m_db, "rotation_table", "finishing");
    tx.commit();
    finish();
    return true;
}

// A sealed meta value, if there is one (the customer id key: its ids must survive).
void KeyRotation::resealMeta(const char *key, std::string_view ad)
{
    const std::string value = meta(m_db, key);
    if (value.empty() || m_new->open(value, ad))
        return; // none, or sealed with the new key already (written during a live rotation)
    auto plain = m_old->open(value, ad);
    if (!plain)
        throw StoreError(StoreError::Code::Crypto, "meta." + std::string(key) + " does not open with the old key");
    putMeta(m_db, key, m_new->seal(*plain, ad));
    sodium_memzero(plain->data(), plain->size());
}

void KeyRotation::finish()
{
    const QString next = nextPath(m_keyPath);
    if (QFileInfo::exists(next)
        && std::rename(QFile::encodeName(next).constData(), QFile::encodeName(m_keyPath).constData()) != 0)
        throw StoreError(StoreError::Code::BadKeyFile, "cannot replace the key file with " + QFile::encodeName(next).toStdString());
    Transaction tx(m_db);
    m_db.exec("DELETE FROM meta WHERE key IN ('rotation_table', 'rotation_after', 'rotation_key_id')");
    tx.commit();
    qCInfo(lcStore) << "key rotation finished:" << m_resealed << "values sealed with the new key";
}

} // namespace opsdeck::store
