// Schema 5: rider fixes of an older file (the event log's rider.position rows and the
// old position tables) move into the track store, and out of the log.
#include "TrackStore.h"

#include "core/model/EventDecoder.h"
#include "store/db/Sqlite.h"
#include "store/db/StoreLog.h"

#include <sqlite3.h>

#include <map>
#include <variant>

namespace opsdeck::store {

namespace {

constexpr std::int64_t kImportSpanMs = 60000;

void fromOldHistory(Database &db, std::map<std::string, std::vector<QuantFix>> &fixes)
{
    if (!db.hasTable("rider_position_history"))
        return;
    Statement rows = db.prepare("SELECT rider_id, ts_ms, lat, lng, speed, heading, battery FROM rider_position_history");
    while (rows.step())
        fixes[rows.columnText(0)].push_back(quantise(rows.columnInt(1), rows.columnDouble(2), rows.columnDouble(3),
                                                     rows.columnDouble(4), rows.columnDouble(5), rows.columnDouble(6)));
}

// Returns the log keys of the fixes taken; the others (sealed, undecodable) stay in the log.
std::vector<std::int64_t> fromLog(Database &db, std::map<std::string, std::vector<QuantFix>> &fixes,
                                  std::int64_t &unreadable)
{
    std::vector<std::int64_t> keys;
    if (!db.hasTable("streams"))
        return keys;
    Statement rows = db.prepare("SELECT s.depot, e.sealed, e.body, e.key FROM events e JOIN streams s ON s.id = e.key >> 40"
                                " WHERE e.type = 'rider.position'");
    core::EventDecoder decoder;
    std::string topic;
    while (rows.step()) {
        // Rider events carry no personal data and are never sealed (RowCodec).
        if (rows.columnInt(1) != 0) {
            ++unreadable;
            continue;
        }
        topic.assign(rows.columnText(0)).append("/rider.position");
        const auto decoded = decoder.decode(topic, rows.columnBlob(2));
        const auto *e = std::get_if<core::Event>(&decoded);
        if (!e || !e->hasPosition || e->riderId.empty()) {
            ++unreadable;
            continue;
        }
        fixes[e->riderId].push_back(quantise(e->tsMs, e->lat, e->lng, e->speedMps, e->headingDeg, e->batteryPct));
        keys.push_back(rows.columnInt(3));
    }
    return keys;
}

} // namespace

void TrackStore::migrateFromLog(Database &db)
{
    ensureTables(db);
    std::map<std::string, std::vector<QuantFix>> fixes;
    fromOldHistory(db, fixes);
    std::int64_t unreadable = 0;
    const std::vector<std::int64_t> keys = fromLog(db, fixes, unreadable);
    std::int64_t total = 0, blocks = 0, from = 0, to = 0;
    for (auto &[riderId, list] : fixes) {
        for (const QuantFix &f : list) {
            from = from == 0 ? f.t : std::min(from, f.t);
            to = std::max(to, f.t);
        }
        total += static_cast<std::int64_t>(list.size());
        blocks += writeBlocks(db, riderInt(db, riderId), std::move(list), kImportSpanMs);
    }
    if (total > 0) {
        Statement span = db.prepare("INSERT INTO track_spans(t_start, t_end) VALUES(?1, ?2)");
        span.bind(1, from).bind(2, to).run();
    }
    Statement del = db.prepare("DELETE FROM events WHERE key = ?1");
    for (const std::int64_t key : keys)
        del.bind(1, key).run();
    // The log's own counter follows its rows (the kill loop checks they match).
    Statement logged = db.prepare("UPDATE totals SET value = value - ?1 WHERE key = 'events_logged'");
    logged.bind(1, static_cast<std::int64_t>(keys.size())).run();
    Statement stored = db.prepare("INSERT INTO totals(key, value) VALUES('fixes_stored', ?1)"
                                  " ON CONFLICT(key) DO UPDATE SET value = value + excluded.value");
    stored.bind(1, total).run();
    db.exec("DROP TABLE IF EXISTS rider_position_history; DROP TABLE IF EXISTS rider_position_latest;"
            "DROP TABLE IF EXISTS rider_position_keyframe; DROP TABLE IF EXISTS rider_position_keyframe_index;"
            "DROP TABLE IF EXISTS rider_position_streams;");
    qCInfo(lcStore) << "track store: moved" << total << "fixes into" << blocks << "blocks;" << unreadable
                    << "unreadable rider.position rows left in the log";
}

} // namespace opsdeck::store
