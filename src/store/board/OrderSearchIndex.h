#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

class QString;

namespace opsdeck::store {

class Database;

// Full-text search over orders: order id, customer name, last four digits of the phone.
// Personal data must not reach the database file in plain text, so the index lives in
// an in-memory database ATTACHed to the store's one connection as "search": it is
// rebuilt from the decrypted projections at start and fed from the live order stream.
// Store thread only (it uses the store connection).
//
// Matching (docs/board.md): FTS5 trigram for queries of 3+ characters (substring of
// order id or name, case-insensitive, Chinese and Latin); when that finds nothing, a
// fuzzy pass returns names sharing at least a third of the query's trigrams, most shared
// first (typos, swapped letters); 1-2 character queries (张, 张伟) are below the
// trigram length and use a table of the names' 1- and 2-character grams; exactly 4
// digits also look up the phone tail. A query in Han characters that still finds nothing
// (2 to kMaxFuzzyHanChars distinct characters) returns names holding all but one of its
// characters (a homophone typed in place of the right one), most shared first, then as
// long as the query, then newest. Exactly 4 digits mean a phone tail and nothing else; an
// order id is searched with more of its characters, or explicitly with "#" or "id:" in
// front (any length, order ids only).
class OrderSearchIndex final
{
public:
    static constexpr std::size_t kMaxFuzzyHanChars = 6;

    struct Entry {
        std::string orderId;
        std::string customerName;
        std::string customerPhone; // only the last 4 digits are kept
    };

    explicit OrderSearchIndex(Database &db); // attaches and creates the tables
    ~OrderSearchIndex();
    OrderSearchIndex(const OrderSearchIndex &) = delete;
    OrderSearchIndex &operator=(const OrderSearchIndex &) = delete;

    // Inserts new orders; an order already indexed is left alone (names do not change).
    void add(const std::vector<Entry> &entries);
    std::int64_t size() const;

    // Order ids, best first, at most `limit`. Without `mayViewPersonalData` (the
    // view_personal_data permission) a query matches order ids and the phone tail only:
    // a masked role must not be able to confirm that a customer's name is in the index.
    std::vector<std::string> find(const std::string &query, int limit, bool mayViewPersonalData) const;

    static std::string phoneTail(const std::string &phone);
    // The id after "#" or "id:" (possibly empty); a null string when the query is not one.
    static QString explicitIdQuery(const QString &text);

private:
    void findOrderIds(const QString &id, int limit, std::vector<std::string> &out,
                      std::unordered_set<std::string> &seen) const;
    void findSimilarHan(const QString &text, int limit, std::vector<std::string> &out,
                        std::unordered_set<std::string> &seen) const;

    Database &m_db;
};

} // namespace opsdeck::store
