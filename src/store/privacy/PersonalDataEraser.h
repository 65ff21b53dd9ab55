#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace opsdeck::store {

class Database;
class Statement;
class PersonalDataCipher;

// Removes personal data from the database for privacy requests (docs/security.md
// "## Privacy requests"): one customer on request (erase), or everything older than a
// retention (purge). What goes: the sealed orders.pii blob (name, phone, address, note,
// destination); in the sealed event bodies the customer, address text and coordinates,
// note, signed_by and where it was signed, the body then kept in clear (nothing personal
// is left, and a clear body is how a later pass knows it is done); rejected raw bytes
// that carry the customer; alert notes that name them (the alerts' FTS5 index rebuilt
// and optimized). What stays: every figure (amounts, states, times, items), so
// the KPIs and the timelines read the same.
//
// A customer is named by phone or by its opaque id: "cust-" + 16 hex digits of a hash of
// the phone's digits keyed with the database's id key (CustomerIdKey.h: random, sealed under
// the data key, kept across key rotations), so the id in the
// audit trail cannot be confirmed by hashing a guessed number. An erased customer leaves
// a tombstone (privacy_erased: the opaque id, when, how many rows): reapplyErasures()
// erases orders of that customer that the gateway sent again afterwards.
//
// Every call runs in one transaction; compact() then makes the bytes leave the file.
// Store thread (or a command line process) only.
class PersonalDataEraser final
{
public:
    struct Counts {
        std::string customerId; // erase(): the opaque id
        std::int64_t orders = 0;
        std::int64_t events = 0;
        std::int64_t rejected = 0;
        std::int64_t notes = 0; // alert notes that named the customer
        // The orders whose pii this call set to NULL: a running store must not seal them
        // again from its memory (EventStore::markPersonalDataErased).
        std::vector<std::string> orderIds;
        std::int64_t total() const { return orders + events + rejected + notes; }
    };

    // Where a purge is, between its steps: each step reads on from here instead of
    // scanning the tables again. The orders by id; the events only in each stream's old
    // end (the log is keyed by stream << 40 | seq and its time grows with seq, as
    // EventRetention relies on), found once per pass by reading up to the first newer row.
    struct PurgeCursor {
        std::string afterOrderId;
        bool ordersDone = false;
        std::vector<std::pair<std::int64_t, std::int64_t>> eventRanges; // [next key, first newer key)
        bool rangesLoaded = false;
    };

    PersonalDataEraser(Database &db, const PersonalDataCipher &cipher);

    // The opaque id of `phoneOrId`: an id ("cust-…") as it is, else the phone's digits
    // hashed. Empty when it is neither (no digits).
    std::string customerIdOf(std::string_view phoneOrId) const;

    // Erases every order of the customer, their sealed events and matching rejected
    // bytes, and records the tombstone. Throws StoreError.
    Counts erase(std::string_view phoneOrId, std::int64_t nowMs);

    // At most `rows` orders, events and rejected rows whose personal data is older than
    // cutoffMs (orders: last update; events: their time; rejected: when received). Only
    // orders in a final state (core::isFinal) and the events of no open order: the
    // customer of an open order is still being served. Returns
    // what it erased; zero in every count means the purge is complete. One cursor per pass.
    Counts purgeStep(std::int64_t cutoffMs, int rows, PurgeCursor &cursor);

    // Erases orders of tombstoned customers that came in again after their erasure.
    Counts reapplyErasures();

    // secure_delete on, VACUUM, WAL checkpointed and truncated: the old pages leave the
    // file and its WAL. Outside any transaction.
    void compact();

private:
    bool eraseOrderPii(const std::string &orderId);
    std::int64_t redactSelected(Statement &select, std::int64_t *lastKey = nullptr);
    std::int64_t purgeOrders(std::int64_t cutoffMs, int rows, PurgeCursor &cursor, std::vector<std::string> &erasedIds);
    std::int64_t purgeEvents(std::int64_t cutoffMs, int rows, PurgeCursor &cursor);
    std::int64_t eraseEventsOf(const std::string &orderIdsJson);
    std::int64_t eraseRejectedMatching(const std::set<std::string> &phoneDigits, const std::set<std::string> &names);
    std::int64_t scrubAlertNotes(const std::string &orderIdsJson, const std::set<std::string> &needles);
    std::string idOfDigits(std::string_view digits) const;

    Database &m_db;
    const PersonalDataCipher &m_cipher;
    std::string m_idKey;
};

// Where a purge of personal data older than retentionMs cuts: back from the newest time
// the file knows (the feed's clock: an event or an order's change), but never from later
// than nowMs (the wall clock), so one event stamped in the future cannot move the cut
// past every customer.
std::int64_t purgeCutoffMs(Database &db, std::int64_t nowMs, std::int64_t retentionMs);

// The connection's own secure_delete, put back when this leaves scope, on exception
// paths too (an eraser turns it on for its work). Store thread.
class SecureDeleteRestore final
{
public:
    explicit SecureDeleteRestore(Database &db);
    ~SecureDeleteRestore();
    SecureDeleteRestore(const SecureDeleteRestore &) = delete;
    SecureDeleteRestore &operator=(const SecureDeleteRestore &) = delete;

private:
    Database &m_db;
    bool m_on;
};

// The body of an event with the personal fields removed (JSON in, JSON out). The
// figures stay; "erased": true is added to data.
std::string redactEventBody(std::string_view body);

} // namespace opsdeck::store
