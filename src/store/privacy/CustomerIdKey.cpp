#include "CustomerIdKey.h"

#include "store/db/PersonalDataCipher.h"
#include "store/db/Sqlite.h"
#include "store/db/StoreError.h"
#include "store/db/StoreLog.h"

#include <sodium.h>

namespace opsdeck::store {

namespace {

std::string sealedIdKey(Database &db)
{
    Statement stmt = db.prepare("SELECT value FROM meta WHERE key = ?1");
    stmt.bindText(1, kCustomerIdKeyMeta);
    return stmt.step() ? stmt.columnBlob(0) : std::string();
}

bool hasTombstones(Database &db)
{
    const bool table = db.queryInt("SELECT count(*) FROM sqlite_master WHERE name = 'privacy_erased'") > 0;
    return table && db.queryInt("SELECT count(*) FROM privacy_erased") > 0;
}

} // namespace

std::string customerIdKey(Database &db, const PersonalDataCipher &cipher)
{
    std::string sealed = sealedIdKey(db);
    if (sealed.empty()) {
        std::string key;
        if (hasTombstones(db)) {
            // Written by a build that derived the id key from the data key: that value,
            // kept from now on, is what its tombstones were made with.
            key = cipher.derive("opsdeck.privacy.customer");
            qCInfo(lcStore) << "customer id key: kept the one derived from the data key (erasures on record)";
        } else {
            key.resize(32);
            randombytes_buf(key.data(), key.size());
        }
        Statement put = db.prepare("INSERT OR IGNORE INTO meta(key, value) VALUES(?1, ?2)");
        put.bindText(1, kCustomerIdKeyMeta).bindBlob(2, cipher.seal(key, kCustomerIdKeyAd)).run();
        sodium_memzero(key.data(), key.size());
        sealed = sealedIdKey(db);
    }
    auto key = cipher.open(sealed, kCustomerIdKeyAd);
    if (!key)
        throw StoreError(StoreError::Code::Crypto, "the customer id key does not open with the data key");
    return std::move(*key);
}

} // namespace opsdeck::store
