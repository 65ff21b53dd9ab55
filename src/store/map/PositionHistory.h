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
//   rider_position_streams  per (epoch, depot) the newest logged seq whose fixes and
//                           statuses are in the tables above, committed with them: what a
//                           kill left out is exactly the log after it (catchUp)
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

struct RiderStatusChange {
    std::string riderId, status, name;
    std::int64_t tsMs = 0;
};

// The newest seq of a stream (epoch, depot) that the recorder has seen, any event type.
struct StreamSeq {
    std::string epoch, depot;
    std::int64_t seq = 0;
};

struct PositionBatch {
    std::vector<PositionFix> fixes;
    std::vector<RiderStatusChange> statuses;
    std::vector<StreamSeq> seen;
};

class PositionHistory final
{
public:
    static void ensureSchema(Database &db);
    // Appends fixes to the history and upserts the latest table, in one transaction.
    static void append(Database &db, const std::vector<PositionFix> &fixes);
    // Statuses, fixes and the streams' seqs they cover, in one transaction.
    static void record(Database &db, const PositionBatch &batch);

    // The recorder commits a core tick after the event log, so a kill in between leaves
    // fixes logged but not in the history. At open, before the recorder writes: records
    // each stream's logged rider.position / rider.status events after its recorded seq,
    // walking at most maxRowsPerStream seqs back from the stream's end. Each event once:
    // the seqs move in the same transaction as the rows.
    struct CatchUp {
        std::int64_t streams = 0;     // streams with a tail to walk
        std::int64_t fixes = 0;       // fixes added to the history
        std::int64_t statuses = 0;    // status changes applied
        std::int64_t unreadable = 0;  // logged rider events the decoder refused (counted, skipped)
    };
    static CatchUp catchUp(Database &db, std::int64_t maxRowsPerStream = 200000);
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
