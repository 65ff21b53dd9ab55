#include "OrderSearchIndex.h"

#include "Sqlite.h"

#include <QString>

#include <algorithm>
#include <unordered_set>

namespace opsdeck::store {

namespace {

// An FTS5 string literal: the whole query as one phrase, quotes doubled.
std::string phrase(const QString &text)
{
    std::string out = "\"";
    for (const char c : text.toStdString()) {
        out.push_back(c);
        if (c == '"')
            out.push_back('"');
    }
    out.push_back('"');
    return out;
}

bool allDigits(const QString &text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), [](QChar c) { return c.isDigit(); });
}

} // namespace

OrderSearchIndex::OrderSearchIndex(Database &db) : m_db(db)
{
    const auto attached = m_db.queryInt("SELECT count(*) FROM pragma_database_list WHERE name = 'search'");
    if (attached == 0)
        m_db.exec("ATTACH DATABASE ':memory:' AS search");
    m_db.exec("CREATE TABLE IF NOT EXISTS search.order_keys("
              " rid INTEGER PRIMARY KEY, order_id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, phone_tail TEXT)");
    m_db.exec("CREATE INDEX IF NOT EXISTS search.order_keys_tail ON order_keys(phone_tail)");
    m_db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS search.order_text USING fts5("
              " order_id, name, tokenize = 'trigram')");
}

OrderSearchIndex::~OrderSearchIndex() = default;

std::string OrderSearchIndex::phoneTail(const std::string &phone)
{
    std::string digits;
    for (const char c : phone)
        if (c >= '0' && c <= '9')
            digits.push_back(c);
    return digits.size() >= 4 ? digits.substr(digits.size() - 4) : std::string();
}

void OrderSearchIndex::add(const std::vector<Entry> &entries)
{
    if (entries.empty())
        return;
    Transaction tx(m_db);
    Statement key = m_db.prepare("INSERT OR IGNORE INTO search.order_keys(order_id, name, phone_tail) VALUES(?1, ?2, ?3)");
    Statement text = m_db.prepare("INSERT INTO search.order_text(rowid, order_id, name) VALUES(?1, ?2, ?3)");
    for (const Entry &e : entries) {
        const std::string tail = phoneTail(e.customerPhone);
        key.bindText(1, e.orderId).bindText(2, e.customerName).bindTextOrNull(3, tail).run();
        if (sqlite3_changes(m_db.handle()) == 0)
            continue; // already indexed
        text.bind(1, static_cast<std::int64_t>(sqlite3_last_insert_rowid(m_db.handle()))).bindText(2, e.orderId).bindText(3, e.customerName).run();
    }
    tx.commit();
}

std::int64_t OrderSearchIndex::size() const
{
    return m_db.queryInt("SELECT count(*) FROM search.order_keys");
}

std::vector<std::string> OrderSearchIndex::find(const std::string &query, int limit) const
{
    const QString text = QString::fromStdString(query).trimmed();
    std::vector<std::string> out;
    if (text.isEmpty() || limit <= 0)
        return out;
    std::unordered_set<std::string> seen;
    const auto collect = [&](Statement &stmt) {
        while (static_cast<int>(out.size()) < limit && stmt.step()) {
            std::string id = stmt.columnText(0);
            if (seen.insert(id).second)
                out.push_back(std::move(id));
        }
    };
    const std::string utf8 = text.toStdString();

    if (text.size() == 4 && allDigits(text)) {
        Statement stmt = m_db.prepare("SELECT order_id FROM search.order_keys WHERE phone_tail = ?1 LIMIT ?2");
        stmt.bindText(1, utf8).bind(2, limit);
        collect(stmt);
    }
    if (text.size() < 3) {
        // Below the trigram length: a scan of the in-memory key table (names are short).
        Statement stmt = m_db.prepare("SELECT order_id FROM search.order_keys"
                                      " WHERE instr(lower(name), lower(?1)) > 0 OR instr(lower(order_id), lower(?1)) > 0"
                                      " LIMIT ?2");
        stmt.bindText(1, utf8).bind(2, limit);
        collect(stmt);
        return out;
    }

    {
        const std::string match = phrase(text);
        Statement stmt = m_db.prepare("SELECT order_id FROM search.order_text WHERE order_text MATCH ?1 LIMIT ?2");
        stmt.bindText(1, match).bind(2, limit);
        collect(stmt);
    }
    if (static_cast<int>(out.size()) < limit && text.size() >= 4) {
        // Fuzzy: any of the query's trigrams, ranked by bm25 (more shared trigrams first).
        std::string anyTrigram;
        for (qsizetype i = 0; i + 3 <= text.size(); ++i) {
            if (!anyTrigram.empty())
                anyTrigram += " OR ";
            anyTrigram += phrase(text.mid(i, 3));
        }
        Statement stmt = m_db.prepare("SELECT order_id FROM search.order_text WHERE order_text MATCH ?1"
                                      " ORDER BY rank LIMIT ?2");
        stmt.bindText(1, anyTrigram).bind(2, limit);
        collect(stmt);
    }
    return out;
}

} // namespace opsdeck::store
