#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace opsdeck::store {

class Database;

// Rider positions for replay, in three tables owned by this file (created here, not in
// Schema.cpp):
//   rider_position_latest   one row per rider, upserted (small: one row per rider)
//   rider_position_history  append-only, rowid order = arrival order, NO secondary index:
//                           the hot insert path touches only the table's own b-tree end
//   rider_position_keyframe the whole latest table copied every keyframe interval, with
//                           the history rowid reached at that moment
// "Fleet at T" = the newest keyframe at or before T, then the history rows after that
// keyframe's rowid up to T: a bounded range scan on rowid, no index needed.
struct PositionFix {
    std::string riderId;
    std::int64_t tsMs = 0;
    double lat = 0.0;
    double lng = 0.0;
    double speedMps = 0.0;
    double headingDeg = 0.0;
    double batteryPct = -1.0;
    std::string status; // from the latest rider.status (keyframes and latest only)
    std::string name;
};

class PositionHistory final
{
public:
    static void ensureSchema(Database &db);
    // Appends fixes to the history and upserts the latest table, in one transaction.
    static void append(Database &db, const std::vector<PositionFix> &fixes);
    // Status / name changes (rider.status) go to the latest table only; keyframes carry them.
    static void updateStatus(Database &db, const std::string &riderId, const std::string &status, const std::string &name,
                             std::int64_t tsMs);
    // Copies the latest table as a keyframe stamped atMs.
    static void writeKeyframe(Database &db, std::int64_t atMs);

    // Every rider's newest fix at or before atMs (riders first seen after atMs are absent).
    static std::vector<PositionFix> fleetAt(Database &db, std::int64_t atMs);
    // Oldest and newest stored fix times; {0, 0} when empty.
    static std::pair<std::int64_t, std::int64_t> timeRange(Database &db);
    // Deletes history and keyframes older than beforeMs (retention).
    static void prune(Database &db, std::int64_t beforeMs);
};

} // namespace opsdeck::store
