#pragma once

#include <string>
#include <string_view>

namespace opsdeck::store {

class Database;
class PersonalDataCipher;

// The secret that keys a customer's opaque id ("cust-…", PersonalDataEraser). Not
// derived from the data key: a key rotation would change every id, and the erasure
// tombstones (privacy_erased) would no longer match the customers they stand for. It is
// 32 bytes kept in meta, sealed under the data key like the key check, and re-sealed by
// KeyRotation with everything else, so the ids outlive any number of rotations.
inline constexpr const char *kCustomerIdKeyMeta = "customer_id_key";
inline constexpr std::string_view kCustomerIdKeyAd = "meta.customer_id_key";

// The database's id key, created on first use (needs a writable database). A database
// that already has tombstones, written when the id key was derived from the data key,
// keeps that derived value as its id key, so its old tombstones still match; a database
// without any gets 32 random bytes. Throws StoreError (Crypto) when the sealed key does
// not open with `cipher`.
std::string customerIdKey(Database &db, const PersonalDataCipher &cipher);

} // namespace opsdeck::store
