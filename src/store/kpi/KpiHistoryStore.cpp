#include "KpiHistoryStore.h"

#include "store/db/Sqlite.h"
#include "store/db/StoreLog.h"

#include <algorithm>
#include <map>

namespace opsdeck::store {

namespace {

constexpr std::int64_t kMinuteMs = 60000;
constexpr std::int64_t kHourMs = 3600000;
using core::KpiField;
using core::kKpiFieldCount;

std::string columns()
{
    std::string out;
    for (int i = 0; i < kKpiFieldCount; ++i) {
        out += ", ";
        out += core::kpiFieldName(static_cast<KpiField>(i));
    }
    return out;
}

std::string createTable(const char *table)
{
    std::string sql = std::string("CREATE TABLE IF NOT EXISTS ") + table + "(scope TEXT NOT NULL, bucket_ms INTEGER NOT NULL";
    for (int i = 0; i < kKpiFieldCount; ++i)
        sql += std::string(", ") + std::string(core::kpiFieldName(static_cast<KpiField>(i))) + " INTEGER NOT NULL DEFAULT 0";
    sql += ", delivery_hist BLOB, pick_hist BLOB, PRIMARY KEY(scope, bucket_ms)) WITHOUT ROWID;";
    return sql;
}

std::string upsert(const char *table)
{
    std::string sql = std::string("INSERT INTO ") + table + "(scope, bucket_ms" + columns()
        + ", delivery_hist, pick_hist) VALUES(?1, ?2";
    for (int i = 0; i < kKpiFieldCount; ++i)
        sql += ", ?" + std::to_string(i + 3);
    sql += ", ?" + std::to_string(kKpiFieldCount + 3) + ", ?" + std::to_string(kKpiFieldCount + 4);
    sql += ") ON CONFLICT(scope, bucket_ms) DO UPDATE SET ";
    for (int i = 0; i < kKpiFieldCount; ++i) {
        const std::string c(core::kpiFieldName(static_cast<KpiField>(i)));
        sql += c + " = " + c + " + excluded." + c + ", ";
    }
    sql += "delivery_hist = kpi_hist_add(delivery_hist, excluded.delivery_hist), "
           "pick_hist = kpi_hist_add(pick_hist, excluded.pick_hist)";
    return sql;
}

std::string select(const char *table)
{
    return std::string("SELECT scope, bucket_ms") + columns() + ", delivery_hist, pick_hist FROM " + table
        + " WHERE scope >= ?1 AND scope < ?2 AND bucket_ms >= ?3 AND bucket_ms < ?4";
}

void readCounters(sqlite3_stmt *stmt, core::KpiCounters &into)
{
    for (int i = 0; i < kKpiFieldCount; ++i)
        into.n[static_cast<std::size_t>(i)] += sqlite3_column_int64(stmt, 2 + i);
    KpiHistoryStore::decodeHistogram(sqlite3_column_blob(stmt, 2 + kKpiFieldCount),
                                     sqlite3_column_bytes(stmt, 2 + kKpiFieldCount), into.delivery);
    KpiHistoryStore::decodeHistogram(sqlite3_column_blob(stmt, 3 + kKpiFieldCount),
                                     sqlite3_column_bytes(stmt, 3 + kKpiFieldCount), into.pick);
}

// kpi_hist_add(a, b): the sum of two sparse histogram blobs (NULL counts as empty).
void histAdd(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    core::KpiHistogram sum{};
    for (int i = 0; i < argc; ++i) {
        if (sqlite3_value_type(argv[i]) == SQLITE_NULL)
            continue;
        if (!KpiHistoryStore::decodeHistogram(sqlite3_value_blob(argv[i]), sqlite3_value_bytes(argv[i]), sum)) {
            sqlite3_result_error(ctx, "kpi_hist_add: malformed histogram", -1);
            return;
        }
    }
    const std::string blob = KpiHistoryStore::encodeHistogram(sum);
    if (blob.empty())
        sqlite3_result_null(ctx);
    else
        sqlite3_result_blob(ctx, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
}

// "depot:" .. "depot;" covers every key with that prefix (';' follows ':').
std::pair<std::string, std::string> exactRange(const std::string &scope)
{
    return {scope, scope + std::string(1, '\0')};
}

} // namespace

std::string KpiHistoryStore::encodeHistogram(const core::KpiHistogram &hist)
{
    std::string out;
    for (int bin = 0; bin < core::kKpiHistBins; ++bin) {
        const std::uint32_t v = hist[static_cast<std::size_t>(bin)];
        if (v == 0)
            continue;
        out.push_back(static_cast<char>(bin));
        for (int b = 0; b < 4; ++b)
            out.push_back(static_cast<char>((v >> (8 * b)) & 0xff));
    }
    return out;
}

bool KpiHistoryStore::decodeHistogram(const void *data, int size, core::KpiHistogram &into)
{
    if (!data || size <= 0)
        return size <= 0;
    if (size % 5 != 0)
        return false;
    const auto *p = static_cast<const unsigned char *>(data);
    for (int i = 0; i < size; i += 5) {
        const int bin = p[i];
        if (bin >= core::kKpiHistBins)
            return false;
        const std::uint32_t v = std::uint32_t(p[i + 1]) | std::uint32_t(p[i + 2]) << 8 | std::uint32_t(p[i + 3]) << 16
            | std::uint32_t(p[i + 4]) << 24;
        into[static_cast<std::size_t>(bin)] += v;
    }
    return true;
}

void KpiHistoryStore::prepare(Database &db)
{
    db.exec(createTable("kpi_minute").c_str());
    db.exec(createTable("kpi_hour").c_str());
    const int rc = sqlite3_create_function_v2(db.handle(), "kpi_hist_add", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                              nullptr, &histAdd, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK)
        db.raise("sqlite3_create_function_v2(kpi_hist_add)", rc);
}

void KpiHistoryStore::write(Database &db, const std::vector<core::KpiHistoryRow> &rows)
{
    if (rows.empty())
        return;
    Transaction tx(db);
    Statement minute = db.prepare(upsert("kpi_minute"), true);
    Statement hour = db.prepare(upsert("kpi_hour"), true);
    for (const auto &row : rows) {
        const std::string delivery = encodeHistogram(row.counters.delivery);
        const std::string pick = encodeHistogram(row.counters.pick);
        for (Statement *stmt : {&minute, &hour}) {
            const std::int64_t bucket = stmt == &minute ? row.minuteMs - row.minuteMs % kMinuteMs
                                                        : row.minuteMs - ((row.minuteMs % kHourMs) + kHourMs) % kHourMs;
            stmt->bindText(1, row.scope).bind(2, bucket);
            for (int i = 0; i < kKpiFieldCount; ++i)
                stmt->bind(3 + i, row.counters.n[static_cast<std::size_t>(i)]);
            stmt->bindBlob(kKpiFieldCount + 3, delivery);
            stmt->bindBlob(kKpiFieldCount + 4, pick);
            if (delivery.empty())
                stmt->bindNull(kKpiFieldCount + 3);
            if (pick.empty())
                stmt->bindNull(kKpiFieldCount + 4);
            stmt->run();
        }
    }
    tx.commit();
}

KpiHistoryStore::Result KpiHistoryStore::query(Database &db, std::int64_t fromMs, std::int64_t toMs,
                                              const std::string &scope)
{
    Result result;
    if (toMs <= fromMs)
        return result;
    // Whole hours inside [from, to) come from kpi_hour; the ragged ends from kpi_minute.
    const std::int64_t firstHour = (fromMs + kHourMs - 1) / kHourMs * kHourMs;
    const std::int64_t lastHour = toMs / kHourMs * kHourMs;
    std::map<std::int64_t, core::KpiCounters> series;
    std::map<std::string, core::KpiCounters> depots;

    auto collect = [&](const char *table, const std::string &lo, const std::string &hi, std::int64_t a, std::int64_t b,
                       bool perDepot) {
        if (b <= a)
            return;
        // Raw statement: blob pointers are read in place, without a copy per row.
        sqlite3_stmt *raw = nullptr;
        const std::string sql = select(table);
        int rc = sqlite3_prepare_v3(db.handle(), sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                    &raw, nullptr);
        if (rc != SQLITE_OK)
            db.raise("prepare kpi query", rc);
        sqlite3_bind_text(raw, 1, lo.data(), static_cast<int>(lo.size()), SQLITE_STATIC);
        sqlite3_bind_text(raw, 2, hi.data(), static_cast<int>(hi.size()), SQLITE_STATIC);
        sqlite3_bind_int64(raw, 3, a);
        sqlite3_bind_int64(raw, 4, b);
        while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
            const std::int64_t bucket = sqlite3_column_int64(raw, 1);
            if (perDepot) {
                const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(raw, 0));
                readCounters(raw, depots[text ? text : ""]);
            } else {
                const std::int64_t hour = bucket - ((bucket % kHourMs) + kHourMs) % kHourMs;
                readCounters(raw, series[hour]);
            }
        }
        sqlite3_finalize(raw);
        if (rc != SQLITE_DONE)
            db.raise("step kpi query", rc);
    };

    const auto [lo, hi] = exactRange(scope);
    const std::string depotLo = "depot:", depotHi = "depot;";
    for (bool perDepot : {false, true}) {
        const std::string &l = perDepot ? depotLo : lo;
        const std::string &h = perDepot ? depotHi : hi;
        if (firstHour < lastHour) {
            collect("kpi_hour", l, h, firstHour, lastHour, perDepot);
            collect("kpi_minute", l, h, fromMs, firstHour, perDepot);
            collect("kpi_minute", l, h, lastHour, toMs, perDepot);
        } else {
            collect("kpi_minute", l, h, fromMs, toMs, perDepot);
        }
    }
    {
        // min/max over the primary key (scope, bucket_ms): two index seeks, whatever the range.
        Statement seen = db.prepare("SELECT min(bucket_ms), max(bucket_ms) FROM kpi_minute "
                                    "WHERE scope = 'all' AND bucket_ms >= ?1 AND bucket_ms < ?2");
        seen.bind(1, fromMs).bind(2, toMs);
        if (seen.step() && !seen.columnIsNull(0)) {
            result.observedFromMs = std::max(fromMs, seen.columnInt(0));
            result.observedToMs = std::min(toMs, seen.columnInt(1) + kMinuteMs);
        }
    }
    for (auto &[start, counters] : series) {
        result.total.add(counters);
        result.series.push_back(Bucket{start, std::move(counters)});
    }
    for (auto &[key, counters] : depots)
        result.depots.emplace_back(key, std::move(counters));
    return result;
}

} // namespace opsdeck::store
