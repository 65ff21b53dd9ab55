#include "PositionHistory.h"

#include "store/db/Sqlite.h"

#include <unordered_map>

namespace opsdeck::store {

void PositionHistory::ensureSchema(Database &db)
{
    db.exec("CREATE TABLE IF NOT EXISTS rider_position_latest ("
            " rider_id TEXT PRIMARY KEY, ts_ms INTEGER NOT NULL, lat REAL, lng REAL, speed REAL, heading REAL,"
            " battery REAL, status TEXT, name TEXT) WITHOUT ROWID");
    db.exec("CREATE TABLE IF NOT EXISTS rider_position_history ("
            " ts_ms INTEGER NOT NULL, rider_id TEXT NOT NULL, lat REAL, lng REAL, speed REAL, heading REAL, battery REAL)");
    db.exec("CREATE TABLE IF NOT EXISTS rider_position_keyframe_index ("
            " at_ms INTEGER PRIMARY KEY, history_rowid INTEGER NOT NULL)");
    db.exec("CREATE TABLE IF NOT EXISTS rider_position_keyframe ("
            " at_ms INTEGER NOT NULL, rider_id TEXT NOT NULL, ts_ms INTEGER, lat REAL, lng REAL, speed REAL,"
            " heading REAL, battery REAL, status TEXT, name TEXT, PRIMARY KEY (at_ms, rider_id)) WITHOUT ROWID");
    if (!db.hasTable("rider_position_streams")) {
        const bool hadHistory = db.queryInt("SELECT EXISTS (SELECT 1 FROM rider_position_history)") != 0;
        db.exec("CREATE TABLE rider_position_streams ("
                " epoch TEXT NOT NULL, depot TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (epoch, depot)) WITHOUT ROWID");
        // A history from before this table: take it as complete up to the log's end
        // rather than walk (and append again) fixes it may already hold.
        if (hadHistory && db.hasTable("streams"))
            db.exec("INSERT INTO rider_position_streams SELECT s.epoch, s.depot,"
                    " (SELECT max(e.key) FROM events e WHERE e.key >= s.id << 40 AND e.key < (s.id + 1) << 40)"
                    " & 1099511627775 FROM streams s WHERE EXISTS"
                    " (SELECT 1 FROM events e WHERE e.key >= s.id << 40 AND e.key < (s.id + 1) << 40)");
    }
}

namespace {

void appendRows(Database &db, const std::vector<PositionFix> &fixes)
{
    if (fixes.empty())
        return;

    Statement hist = db.prepare("INSERT INTO rider_position_history (ts_ms, rider_id, lat, lng, speed, heading, battery)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                true);
    // Only a newer fix replaces the latest one (fixes may arrive slightly out of order).
    // A row without a position yet was made by updateStatus() and stamped with the status
    // event's time: the first fix fills it even when the device's clock is a little behind.
    Statement latest = db.prepare(
        "INSERT INTO rider_position_latest (rider_id, ts_ms, lat, lng, speed, heading, battery) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
        " ON CONFLICT(rider_id) DO UPDATE SET ts_ms = excluded.ts_ms, lat = excluded.lat, lng = excluded.lng,"
        " speed = excluded.speed, heading = excluded.heading, battery = excluded.battery"
        " WHERE excluded.ts_ms >= rider_position_latest.ts_ms OR rider_position_latest.lat IS NULL",
        true);
    for (const PositionFix &f : fixes) {
        hist.bind(1, f.tsMs).bindText(2, f.riderId).bind(3, f.lat).bind(4, f.lng).bind(5, f.speedMps).bind(6, f.headingDeg)
            .bind(7, f.batteryPct);
        hist.run();
        latest.bindText(1, f.riderId).bind(2, f.tsMs).bind(3, f.lat).bind(4, f.lng).bind(5, f.speedMps).bind(6, f.headingDeg)
            .bind(7, f.batteryPct);
        latest.run();
    }
}

void statusRow(Database &db, const RiderStatusChange &st)
{
    Statement s = db.prepare("INSERT INTO rider_position_latest (rider_id, ts_ms, status, name) VALUES (?1, ?2, ?3, ?4)"
                             " ON CONFLICT(rider_id) DO UPDATE SET status = excluded.status,"
                             " name = COALESCE(excluded.name, rider_position_latest.name)",
                             true);
    s.bindText(1, st.riderId).bind(2, st.tsMs).bindTextOrNull(3, st.status).bindTextOrNull(4, st.name);
    s.run();
}

} // namespace

void PositionHistory::append(Database &db, const std::vector<PositionFix> &fixes)
{
    if (fixes.empty())
        return;
    Transaction tx(db);
    appendRows(db, fixes);
    tx.commit();
}

void PositionHistory::record(Database &db, const PositionBatch &batch)
{
    if (batch.fixes.empty() && batch.statuses.empty() && batch.seen.empty())
        return;
    Transaction tx(db);
    for (const RiderStatusChange &st : batch.statuses)
        statusRow(db, st);
    appendRows(db, batch.fixes);
    Statement seen = db.prepare("INSERT INTO rider_position_streams (epoch, depot, seq) VALUES (?1, ?2, ?3)"
                                " ON CONFLICT(epoch, depot) DO UPDATE SET seq = max(seq, excluded.seq)",
                                true);
    for (const StreamSeq &s : batch.seen)
        seen.bindText(1, s.epoch).bindText(2, s.depot).bind(3, s.seq).run();
    tx.commit();
}

void PositionHistory::updateStatus(Database &db, const std::string &riderId, const std::string &status,
                                   const std::string &name, std::int64_t tsMs)
{
    statusRow(db, {riderId, status, name, tsMs});
}

void PositionHistory::writeKeyframe(Database &db, std::int64_t atMs)
{
    Transaction tx(db);
    Statement idx = db.prepare("INSERT OR REPLACE INTO rider_position_keyframe_index (at_ms, history_rowid)"
                               " VALUES (?1, (SELECT COALESCE(MAX(rowid), 0) FROM rider_position_history))");
    idx.bind(1, atMs);
    idx.run();
    Statement copy = db.prepare("INSERT OR REPLACE INTO rider_position_keyframe"
                                " SELECT ?1, rider_id, ts_ms, lat, lng, speed, heading, battery, status, name"
                                " FROM rider_position_latest WHERE lat IS NOT NULL AND ts_ms <= ?1");
    copy.bind(1, atMs);
    copy.run();
    tx.commit();
}

std::vector<PositionFix> PositionHistory::fleetAt(Database &db, std::int64_t atMs)
{
    std::unordered_map<std::string, PositionFix> fleet;
    std::int64_t fromRowid = 0;
    Statement kf = db.prepare("SELECT at_ms, history_rowid FROM rider_position_keyframe_index WHERE at_ms <= ?1"
                              " ORDER BY at_ms DESC LIMIT 1");
    kf.bind(1, atMs);
    if (kf.step()) {
        const std::int64_t kfAt = kf.columnInt(0);
        fromRowid = kf.columnInt(1);
        Statement rows = db.prepare("SELECT rider_id, ts_ms, lat, lng, speed, heading, battery, status, name"
                                    " FROM rider_position_keyframe WHERE at_ms = ?1");
        rows.bind(1, kfAt);
        while (rows.step()) {
            PositionFix f;
            f.riderId = rows.columnText(0);
            f.tsMs = rows.columnInt(1);
            f.lat = rows.columnDouble(2);
            f.lng = rows.columnDouble(3);
            f.speedMps = rows.columnDouble(4);
            f.headingDeg = rows.columnDouble(5);
            f.batteryPct = rows.columnDouble(6);
            f.status = rows.columnText(7);
            f.name = rows.columnText(8);
            fleet[f.riderId] = std::move(f);
        }
    }
    // Rows arrive roughly in time order, so rowid order bounds the scan; a fix a little
    // late for its keyframe is still found because it is compared on ts_ms.
    Statement hist = db.prepare("SELECT rider_id, ts_ms, lat, lng, speed, heading, battery FROM rider_position_history"
                                " WHERE rowid > ?1 AND ts_ms <= ?2 ORDER BY rowid");
    hist.bind(1, fromRowid).bind(2, atMs);
    while (hist.step()) {
        const std::int64_t ts = hist.columnInt(1);
        PositionFix &f = fleet[hist.columnText(0)];
        if (ts < f.tsMs)
            continue;
        if (f.riderId.empty())
            f.riderId = hist.columnText(0);
        f.tsMs = ts;
        f.lat = hist.columnDouble(2);
        f.lng = hist.columnDouble(3);
        f.speedMps = hist.columnDouble(4);
        f.headingDeg = hist.columnDouble(5);
        f.batteryPct = hist.columnDouble(6);
    }
    // Riders with a status but no keyframe yet: take status and name from the latest table.
    Statement names = db.prepare("SELECT rider_id, status, name FROM rider_position_latest");
    while (names.step()) {
        auto it = fleet.find(names.columnText(0));
        if (it != fleet.end() && it->second.status.empty()) {
            it->second.status = names.columnText(1);
            it->second.name = names.columnText(2);
        }
    }
    std::vector<PositionFix> out;
    out.reserve(fleet.size());
    for (auto &[id, f] : fleet)
        out.push_back(std::move(f));
    return out;
}

std::pair<std::int64_t, std::int64_t> PositionHistory::timeRange(Database &db)
{
    // MIN/MAX over an unindexed column scan the table; the history's first and last
    // rowids are its oldest and newest arrivals, which is what a time slider needs.
    const std::int64_t from = db.queryInt("SELECT ts_ms FROM rider_position_history ORDER BY rowid LIMIT 1");
    const std::int64_t to = db.queryInt("SELECT ts_ms FROM rider_position_history ORDER BY rowid DESC LIMIT 1");
    return {from, to};
}

void PositionHistory::prune(Database &db, std::int64_t beforeMs)
{
    Transaction tx(db);
    Statement kf = db.prepare("SELECT at_ms, history_rowid FROM rider_position_keyframe_index WHERE at_ms <= ?1"
                              " ORDER BY at_ms DESC LIMIT 1");
    kf.bind(1, beforeMs);
    if (kf.step()) {
        // Everything up to the last keyframe before the cut is summarised by that
        // keyframe, which stays; older keyframes go.
        const std::int64_t keepAt = kf.columnInt(0);
        Statement del = db.prepare("DELETE FROM rider_position_history WHERE rowid <= ?1");
        del.bind(1, kf.columnInt(1));
        del.run();
        Statement delKf = db.prepare("DELETE FROM rider_position_keyframe WHERE at_ms < ?1");
        delKf.bind(1, keepAt);
        delKf.run();
        Statement delIdx = db.prepare("DELETE FROM rider_position_keyframe_index WHERE at_ms < ?1");
        delIdx.bind(1, keepAt);
        delIdx.run();
    }
    tx.commit();
}

} // namespace opsdeck::store
