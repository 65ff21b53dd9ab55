#include "OrderSearchIndex.h"

#include "store/db/Sqlite.h"

#include <QString>

#include <algorithm>
#include <cstdlib>
#include <tuple>
#include <unordered_map>
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

// Appends the order of index row `rid` unless already found; both fuzzy passes rank
// rows, then turn them into order ids this way.
void appendOrderOf(Statement &idOf, std::int64_t rid, std::vector<std::string> &out,
                   std::unordered_set<std::string> &seen)
{
    idOf.bind(1, rid);
    if (idOf.step()) {
        std::string id = idOf.columnText(0);
        if (seen.insert(id).second)
            out.push_back(std::move(id));
    }
    idOf.reset();
}

// Han characters: a name written in them has no letters to mistype, only whole
// characters (a homophone, a similar-looking one), which trigrams cannot see.
bool hasHan(const QString &text)
{
    for (const QChar c : text)
        if (c.script() == QChar::Script_Han)
            return true;
    return false;
}

} // namespace

OrderSearchIndex::OrderSearchIndex(Database &db) : m_db(db)
{
    const auto attached = m_db.queryInt("SELECT count(*) FROM pragma_database_list WHERE name = 'search'");
    if (attached == 0)
        m_db.exec("ATTACH DATABASE ':memory:' AS search");
    m_db.exec("CREATE TABLE IF NOT EXISTS search.order_keys("
              " rid INTEGER PRIMARY KEY, order_id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, phone_tail TEXT,"
              " name_chars INTEGER NOT NULL DEFAULT 0)");
    m_db.exec("CREATE INDEX IF NOT EXISTS search.order_keys_tail ON order_keys(phone_tail)");
    // 1-2 character queries (张, 张伟) are below the trigram length: their own table of
    // the name's single characters and pairs.
    m_db.exec("CREATE TABLE IF NOT EXISTS search.order_grams(gram TEXT NOT NULL, rid INTEGER NOT NULL,"
              " PRIMARY KEY(gram, rid)) WITHOUT ROWID");
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
    Statement key = m_db.prepare(
        "INSERT OR IGNORE INTO search.order_keys(order_id, name, phone_tail, name_chars) VALUES(?1, ?2, ?3, ?4)");
    Statement text = m_db.prepare("INSERT INTO search.order_text(rowid, order_id, name) VALUES(?1, ?2, ?3)");
    Statement gram = m_db.prepare("INSERT OR IGNORE INTO search.order_grams(gram, rid) VALUES(?1, ?2)");
    for (const Entry &e : entries) {
        const std::string tail = phoneTail(e.customerPhone);
        const QString name = QString::fromStdString(e.customerName).toLower();
        key.bindText(1, e.orderId).bindText(2, e.customerName).bindTextOrNull(3, tail).bind(4, static_cast<std::int64_t>(name.size())).run();
        if (sqlite3_changes(m_db.handle()) == 0)
            continue; // already indexed
        const auto rid = static_cast<std::int64_t>(sqlite3_last_insert_rowid(m_db.handle()));
        text.bind(1, rid).bindText(2, e.orderId).bindText(3, e.customerName).run();
        for (qsizetype i = 0; i < name.size(); ++i) {
            for (qsizetype n = 1; n <= 2 && i + n <= name.size(); ++n) {
                const QString g = name.mid(i, n);
                if (g.trimmed().size() != n)
                    continue; // a gram with a space is not something anyone types alone
                const std::string utf8 = g.toStdString();
                gram.bindText(1, utf8).bind(2, rid).run();
            }
        }
    }
    tx.commit();
}

std::int64_t OrderSearchIndex::size() const
{
    return m_db.queryInt("SELECT count(*) FROM search.order_keys");
}

std::vector<std::string> OrderSearchIndex::find(const std::string &query, int limit, bool mayViewPersonalData) const
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

    if (const QString id = explicitIdQuery(text); !id.isNull()) {
        findOrderIds(id, limit, out, seen);
        return out;
    }
    if (text.size() == 4 && allDigits(text)) {
        // Four digits are a phone's tail, what an agent is read out; an order id is
        // searched with "#" or "id:", or with more of its digits.
        Statement stmt = m_db.prepare("SELECT order_id FROM search.order_keys WHERE phone_tail = ?1 LIMIT ?2");
        stmt.bindText(1, utf8).bind(2, limit);
        collect(stmt);
        return out;
    }
    if (!mayViewPersonalData) {
        findOrderIds(text, limit, out, seen);
        return out;
    }
    if (text.size() < 3) {
        const std::string gram = text.toLower().toStdString();
        Statement stmt = m_db.prepare("SELECT k.order_id FROM search.order_grams g JOIN search.order_keys k"
                                      " ON k.rid = g.rid WHERE g.gram = ?1 LIMIT ?2");
        stmt.bindText(1, gram).bind(2, limit);
        collect(stmt);
        if (out.empty() && text.size() == 2 && hasHan(text))
            findSimilarHan(text, limit, out, seen);
        return out;
    }
    {
        const std::string match = phrase(text);
        Statement stmt = m_db.prepare("SELECT order_id FROM search.order_text WHERE order_text MATCH ?1 LIMIT ?2");
        stmt.bindText(1, match).bind(2, limit);
        collect(stmt);
    }
    if (out.empty() && text.size() >= 4 && !allDigits(text)) {
        // Fuzzy (typos, swapped letters): names sharing at least a third of the query's
        // trigrams, most shared first. Counted here rather than ORDER BY rank, which
        // would sort every row that shares one common trigram.
        std::unordered_map<std::int64_t, int> shared;
        int trigrams = 0;
        Statement stmt = m_db.prepare("SELECT rowid FROM search.order_text WHERE order_text MATCH ?1 LIMIT 50000");
        for (qsizetype i = 0; i + 3 <= text.size(); ++i) {
            const std::string match = "{name} : " + phrase(text.mid(i, 3));
            stmt.bindText(1, match);
            while (stmt.step())
                ++shared[stmt.columnInt(0)];
            stmt.reset();
            ++trigrams;
        }
        const int needed = std::max(2, (trigrams + 2) / 3);
        std::vector<std::pair<int, std::int64_t>> ranked;
        for (const auto &[rid, count] : shared)
            if (count >= needed)
                ranked.emplace_back(-count, rid);
        std::sort(ranked.begin(), ranked.end());
        Statement idOf = m_db.prepare("SELECT order_id FROM search.order_keys WHERE rid = ?1");
        for (const auto &[negCount, rid] : ranked) {
            if (static_cast<int>(out.size()) >= limit)
                break;
            appendOrderOf(idOf, rid, out, seen);
        }
    }
    if (out.empty() && hasHan(text))
        findSimilarHan(text, limit, out, seen);
    return out;
}

QString OrderSearchIndex::explicitIdQuery(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.startsWith(QLatin1Char('#')))
        return trimmed.mid(1).trimmed();
    if (trimmed.startsWith(QLatin1String("id:"), Qt::CaseInsensitive))
        return trimmed.mid(3).trimmed();
    return {};
}

void OrderSearchIndex::findOrderIds(const QString &id, int limit, std::vector<std::string> &out,
                                    std::unordered_set<std::string> &seen) const
{
    if (id.isEmpty())
        return;
    Statement stmt = id.size() >= 3
        ? m_db.prepare("SELECT order_id FROM search.order_text WHERE order_text MATCH ?1 LIMIT ?2")
        : m_db.prepare("SELECT order_id FROM search.order_keys WHERE instr(lower(order_id), ?1) > 0 LIMIT ?2");
    const std::string pattern = id.size() >= 3 ? "{order_id} : " + phrase(id) : id.toLower().toStdString();
    stmt.bindText(1, pattern).bind(2, limit); // bound without a copy: it must outlive the steps
    while (static_cast<int>(out.size()) < limit && stmt.step()) {
        std::string found = stmt.columnText(0);
        if (seen.insert(found).second)
            out.push_back(std::move(found));
    }
}

void OrderSearchIndex::findSimilarHan(const QString &text, int limit, std::vector<std::string> &out,
                                      std::unordered_set<std::string> &seen) const
{
    // Names holding all but one of the query's characters (欧阳那娜 -> 欧阳娜娜), most
    // shared first, then as long as the query, then newest: the one wrong character is
    // most likely a homophone typed in its place, which only pinyin could tell apart.
    std::vector<QString> chars;
    for (const QChar c : text.toLower()) {
        const QString one(c);
        if (!c.isSpace() && std::find(chars.begin(), chars.end(), one) == chars.end())
            chars.push_back(one);
    }
    // A long paste (an address) is not a mistyped name, and would read most of the index
    // on the store thread the writer shares.
    if (chars.size() < 2 || chars.size() > kMaxFuzzyHanChars)
        return;
    struct Hit {
        int shared = 0;
        int chars = 0;
    };
    std::unordered_map<std::int64_t, Hit> hits;
    Statement stmt = m_db.prepare("SELECT g.rid, k.name_chars FROM search.order_grams g JOIN search.order_keys k"
                                  " ON k.rid = g.rid WHERE g.gram = ?1 LIMIT 100000");
    for (const QString &c : chars) {
        stmt.bindText(1, c.toStdString());
        while (stmt.step()) {
            Hit &hit = hits[stmt.columnInt(0)];
            ++hit.shared;
            hit.chars = static_cast<int>(stmt.columnInt(1));
        }
        stmt.reset();
    }
    const int needed = static_cast<int>(chars.size()) - 1;
    struct Ranked {
        int negShared;
        qsizetype lengthGap;
        std::int64_t negRid; // newest first
    };
    std::vector<Ranked> ranked;
    for (const auto &[rid, hit] : hits)
        if (hit.shared >= needed)
            ranked.push_back({-hit.shared, std::abs(hit.chars - text.size()), -rid});
    const auto order = [](const Ranked &a, const Ranked &b) {
        return std::tie(a.negShared, a.lengthGap, a.negRid) < std::tie(b.negShared, b.lengthGap, b.negRid);
    };
    const auto shown = std::min(ranked.size(), static_cast<std::size_t>(limit));
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(shown), ranked.end(), order);
    Statement idOf = m_db.prepare("SELECT order_id FROM search.order_keys WHERE rid = ?1");
    for (std::size_t i = 0; i < shown; ++i)
        appendOrderOf(idOf, -ranked[i].negRid, out, seen);
}

} // namespace opsdeck::store
