#include "OrderRows.h"

#include "store/db/PersonalDataCipher.h"
#include "store/db/RowCodec.h"
#include "store/db/StoreError.h"
#include "store/db/StoreLog.h"

#include <sodium.h>

namespace opsdeck::store {

namespace {

constexpr const char *kColumns = "order_id, depot, state, rider_id, merchant_id, channel, amount, lat, lng, eta_ms, "
                                 "promised_at_ms, created_at_ms, updated_at_ms, state_times, last_reason, pii, "
                                 "priority, retired_at_ms";

// An order that will not change again leaves the digest table: it stays as large as the
// open work, not the whole shift. A later event of such an order costs one more seal.
bool settled(const core::OrderRecord &o)
{
    return o.retiredAtMs != 0 || core::isFinal(o.state);
}

PersonalFields personalOf(const core::OrderRecord &o)
{
    return {o.customerName, o.customerPhone, o.addressText, o.customerNote, o.lat, o.lng};
}

} // namespace

OrderRowWriter::OrderRowWriter(Database &db, const PersonalDataCipher *cipher) : m_db(db), m_cipher(cipher)
{
    // REPLACE, not DO UPDATE: the batch carries the whole latest record, and on a
    // WITHOUT ROWID table without secondary indexes REPLACE is one b-tree write.
    m_replace = db.prepare(std::string("INSERT OR REPLACE INTO orders(") + kColumns
                               + ") VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
                                 "?17, ?18)",
                           true);
    // ?16 (pii) is left out: the row keeps the blob it has.
    m_keepPii = db.prepare("UPDATE orders SET depot = ?2, state = ?3, rider_id = ?4, merchant_id = ?5, channel = ?6, "
                           "amount = ?7, lat = ?8, lng = ?9, eta_ms = ?10, promised_at_ms = ?11, created_at_ms = ?12, "
                           "updated_at_ms = ?13, state_times = ?14, last_reason = ?15, priority = ?17, "
                           "retired_at_ms = ?18 WHERE order_id = ?1",
                           true);
    randombytes_buf(m_digestKey.data(), m_digestKey.size());
}

OrderRowWriter::Digest OrderRowWriter::digestOf(const std::string &packed) const
{
    Digest d{};
    crypto_generichash(d.data(), d.size(), reinterpret_cast<const unsigned char *>(packed.data()), packed.size(),
                       m_digestKey.data(), m_digestKey.size());
    return d;
}

const OrderRowWriter::Digest *OrderRowWriter::knownDigest(const std::string &orderId) const
{
    if (const auto it = m_pending.find(orderId); it != m_pending.end())
        return it->second ? &*it->second : nullptr;
    if (const auto it = m_digests.find(orderId); it != m_digests.end())
        return &it->second;
    return nullptr;
}

void OrderRowWriter::bindColumns(Statement &stmt, const core::OrderRecord &o, const std::string &times)
{
    stmt.bindText(1, o.orderId)
        .bindText(2, o.depot)
        .bindText(3, core::toString(o.state))
        .bindTextOrNull(4, o.riderId)
        .bindTextOrNull(5, o.merchantId)
        .bindTextOrNull(6, o.channel)
        .bind(7, o.amount)
        // The destination is personal (it is where the customer lives): sealed in pii, so
        // the clear columns hold 0 (schema-compatible with files that still have them).
        .bind(8, 0.0)
        .bind(9, 0.0)
        .bind(10, o.etaMs)
        .bind(11, o.promisedAtMs)
        .bind(12, o.createdAtMs)
        .bind(13, o.updatedAtMs)
        .bindText(14, times)
        .bindTextOrNull(15, o.lastReason)
        .bind(17, static_cast<std::int64_t>(o.priority));
    if (o.retiredAtMs != 0)
        stmt.bind(18, o.retiredAtMs);
    else
        stmt.bindNull(18); // NULL: live
}

void OrderRowWriter::upsert(const core::OrderRecord &o)
{
    const PersonalFields personal = personalOf(o);
    const std::string packed = packPersonal(personal);
    const Digest digest = digestOf(packed);
    m_times.clear();
    appendStateTimesJson(m_times, o.enteredAtMs);

    if (m_erased.count(o.orderId)) {
        bindColumns(m_replace, o, m_times);
        m_replace.bindNull(16);
        m_replace.run();
        m_pending[o.orderId] = std::nullopt;
        return;
    }
    const Digest *known = knownDigest(o.orderId);
    if (known && *known == digest) {
        bindColumns(m_keepPii, o, m_times);
        m_keepPii.run();
        if (sqlite3_changes(m_db.handle()) > 0) {
            m_pending[o.orderId] = settled(o) ? std::nullopt : std::optional<Digest>(digest);
            return;
        }
        // The row is gone (purged by another part of the store): write it whole below.
    }
    std::string pii;
    if (!personal.empty()) {
        if (!m_cipher)
            throw StoreError(StoreError::Code::MissingKey, "no personal-data key loaded for this database");
        pii = m_cipher->seal(packed, orderPiiAd(o.orderId));
        ++m_sealed;
    }
    bindColumns(m_replace, o, m_times);
    if (pii.empty())
        m_replace.bindNull(16);
    else
        m_replace.bindBlob(16, pii);
    m_replace.run();
    m_pending[o.orderId] = settled(o) ? std::nullopt : std::optional<Digest>(digest);
}

void OrderRowWriter::committed()
{
    for (auto &[id, digest] : m_pending) {
        if (digest)
            m_digests[id] = *digest;
        else
            m_digests.erase(id);
    }
    m_pending.clear();
}

void OrderRowWriter::markErased(const std::vector<std::string> &orderIds)
{
    for (const std::string &id : orderIds) {
        m_erased.insert(id);
        m_digests.erase(id);
    }
}

void OrderRowWriter::remember(const core::OrderRecord &o)
{
    if (!settled(o))
        m_digests[o.orderId] = digestOf(packPersonal(personalOf(o)));
}

std::int64_t sealClearDestinations(Database &db, const PersonalDataCipher *cipher)
{
    if (db.queryInt("SELECT EXISTS(SELECT 1 FROM orders WHERE lat != 0 OR lng != 0)") == 0)
        return 0;
    if (!cipher)
        throw StoreError(StoreError::Code::MissingKey, "no personal-data key loaded to seal destinations");
    struct Row {
        std::string orderId;
        std::string pii;
    };
    std::vector<Row> rows;
    {
        Statement select = db.prepare("SELECT order_id, lat, lng, pii FROM orders WHERE lat != 0 OR lng != 0");
        while (select.step()) {
            const std::string id = select.columnText(0);
            PersonalFields fields;
            if (!select.columnIsNull(3)) {
                const auto plain = cipher->open(select.columnBlob(3), orderPiiAd(id));
                auto unpacked = plain ? unpackPersonal(*plain) : std::nullopt;
                if (!unpacked)
                    throw StoreError(StoreError::Code::Crypto, "orders.pii of " + id + " does not open");
                fields = std::move(*unpacked);
            }
            fields.lat = select.columnDouble(1);
            fields.lng = select.columnDouble(2);
            rows.push_back({id, cipher->seal(packPersonal(fields), orderPiiAd(id))});
        }
    }
    const std::int64_t secureDelete = db.queryInt("PRAGMA secure_delete");
    db.exec("PRAGMA secure_delete = ON");
    {
        Transaction tx(db);
        Statement update = db.prepare("UPDATE orders SET lat = 0, lng = 0, pii = ?2 WHERE order_id = ?1");
        for (const Row &row : rows)
            update.bindText(1, row.orderId).bindBlob(2, row.pii).run();
        tx.commit();
    }
    db.exec(secureDelete ? "PRAGMA secure_delete = ON" : "PRAGMA secure_delete = OFF");
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    qCInfo(lcStore) << "sealed the destinations of" << rows.size() << "orders that an older build kept in clear";
    return static_cast<std::int64_t>(rows.size());
}

} // namespace opsdeck::store
