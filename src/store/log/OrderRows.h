#pragma once

#include "core/model/Records.h"
#include "store/db/Sqlite.h"

#include <array>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace opsdeck::store {

class PersonalDataCipher;

// The orders projection's write path, part of EventStore::write's transaction.
//
// Personal data is sealed once per order, not on every change: an order moves through
// ten or more events and each one upserts its row, but its customer's name, phone,
// address and note hardly ever change. A keyed digest of the packed plaintext last
// sealed into a row is kept per order; when the batch's record has the same digest the
// row is updated without its pii column, so the sealed blob stays byte for byte the same
// and nothing is encrypted. A changed plaintext, an order this process has not seen
// (and not loaded) or a row that is missing on disk (purged) is sealed and replaced.
class OrderRowWriter final
{
public:
    OrderRowWriter(Database &db, const PersonalDataCipher *cipher);

    // Inside the caller's transaction. Throws StoreError.
    void upsert(const core::OrderRecord &order);
    // The transaction committed: the digests of what it sealed now describe the rows.
    void committed();
    // The transaction rolled back (or never committed): forget what it sealed.
    void discardPending() { m_pending.clear(); }
    // load() read this order's row: its blob need not be sealed again while unchanged.
    void remember(const core::OrderRecord &order);

    // The privacy eraser set these orders' pii to NULL: their rows are written with pii
    // NULL from now on, whatever the record in memory still carries (the core keeps the
    // customer until the console restarts and reads the erased row).
    void markErased(const std::vector<std::string> &orderIds);

    std::int64_t sealed() const { return m_sealed; } // orders.pii values encrypted so far

private:
    using Digest = std::array<unsigned char, 16>;
    Digest digestOf(const std::string &packed) const;
    const Digest *knownDigest(const std::string &orderId) const;
    void bindColumns(Statement &stmt, const core::OrderRecord &o, const std::string &times);

    Database &m_db;
    const PersonalDataCipher *m_cipher;
    Statement m_replace;  // every column, pii included
    Statement m_keepPii;  // every column but pii
    std::array<unsigned char, 32> m_digestKey{}; // per process: the digests say nothing outside it
    std::unordered_map<std::string, Digest> m_digests; // committed: order id -> digest in its row
    // This transaction's rows; nullopt: the order settled, its digest leaves on commit.
    std::unordered_map<std::string, std::optional<Digest>> m_pending;
    std::unordered_set<std::string> m_erased; // this process's erasures; a reopened file reads NULL
    std::string m_times; // state_times text, reused so formatting allocates nothing
    std::int64_t m_sealed = 0;
};

// Files written before destinations were sealed keep them in the clear lat/lng columns:
// moves them into each row's sealed pii and zeroes the columns, with secure_delete on so
// the old values are overwritten in the pages, then truncates the WAL that may still hold
// them. Idempotent (a file without clear destinations costs one query). Returns the rows
// moved. Throws StoreError (MissingKey, Crypto).
std::int64_t sealClearDestinations(Database &db, const PersonalDataCipher *cipher);

} // namespace opsdeck::store
