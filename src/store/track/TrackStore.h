#pragma once

#include "store/track/TrackCodec.h"

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace opsdeck::core {
struct Event;
}

namespace opsdeck::store {

class Database;
class Statement;

// A stored fix as read back: the quantised values of TrackCodec.h turned into doubles.
struct PositionFix {
    std::string riderId;
    std::int64_t tsMs = 0;
    double lat = 0.0;
    double lng = 0.0;
    double speedMps = 0.0;
    double headingDeg = 0.0;
    double batteryPct = -1.0;
    std::string status; // the rider's current status and name (riders projection), for display
    std::string name;
};

PositionFix toFix(const QuantFix &q);

// The compact track store of rider fixes (docs/storage.md). Rider fixes are not in the
// event log: EventStore::write() hands each rider.position to take(), and flush() writes
// them in the SAME transaction as the log and the cursors, so a kill never loses a fix
// the console acknowledged and nothing needs to be caught up from the log.
//   track_riders  rider id text <-> dense integer
//   track_tail    one row per write() and part of the riders: each rider's records
//                 chained on its previous fix of the current generation (kept in memory)
//   track_blocks  (rider, t_start, t_end) -> one rider's records of one generation
//   track_spans   time covered by each sealed generation (time range, retention)
//   track_state   the repack in progress: tail cut and next rider to move
// A generation ends every blockSpanMs of feed time: its per-rider buffers are frozen and
// moved to track_blocks one part of the riders per write(), deleting that part's rows.
// Single thread (the store thread), like the EventStore that owns it.
class TrackStore final
{
public:
    struct Options {
        std::int64_t blockSpanMs = 60000;  // feed time per generation (one block per rider)
        // Riders per part: a write() has one tail row per part it touches, and a repack
        // moves one part per write(). Any value reads any file (recovery goes by rider).
        std::int64_t ridersPerPart = 4096;
    };
    struct Counters {
        std::int64_t fixes = 0;      // taken since open
        std::int64_t duplicates = 0; // the same fix twice in a row for a rider: stored once
        std::int64_t blocks = 0;     // block rows written since open
        std::int64_t damaged = 0;    // stored rows that did not decode (skipped, logged)
    };

    TrackStore();
    ~TrackStore();
    TrackStore(const TrackStore &) = delete;
    TrackStore &operator=(const TrackStore &) = delete;

    static void ensureTables(Database &db);

    // Prepares statements, loads the rider ids and finishes what a kill interrupted.
    void open(Database &db, const Options &options);
    void open(Database &db) { open(db, Options{}); }
    bool isOpen() const { return m_db != nullptr; }

    // Inside EventStore::write()'s transaction, begin() first. take(): true when the event
    // is a rider fix (kept here, not in the log). flush(): writes what was taken plus one
    // repack step. committed() after the commit; a begin() without it means a rollback,
    // and memory is rebuilt from the file.
    void begin();
    bool take(const core::Event &event);
    std::int64_t flush(); // the fixes stored by this write
    void committed() { m_inWrite = false; }

    // Every rider's newest stored fix at or before atMs (riders with no fix by then absent).
    std::vector<PositionFix> fleetAt(std::int64_t atMs);
    // One rider's fixes with fromMs <= t <= toMs, in time order.
    std::vector<PositionFix> trail(const std::string &riderId, std::int64_t fromMs, std::int64_t toMs);
    // Oldest and newest stored fix times; {0, 0} when empty.
    std::pair<std::int64_t, std::int64_t> timeRange();

    // Retention, one slice of riders per call, each in its own transaction: deletes blocks
    // whose every fix is older than beforeMs. done: the sweep went over every rider.
    struct PurgeStep {
        std::int64_t blocks = 0;
        bool done = false;
    };
    PurgeStep purgeStep(std::int64_t beforeMs, std::int64_t riders = 2000);

    const Counters &counters() const { return m_counters; }
    std::int64_t riderCount() const { return static_cast<std::int64_t>(m_names.size()); }

    // For migration and recovery: a rider's integer, created if new.
    static std::int64_t riderInt(Database &db, const std::string &riderId);
    // Writes one rider's fixes (any order) as blocks of at most spanMs each.
    static std::int64_t writeBlocks(Database &db, std::int64_t rider, std::vector<QuantFix> fixes,
                                    std::int64_t spanMs);
    // Schema 5: moves rider.position rows of the event log and the old position tables here.
    static void migrateFromLog(Database &db);

private:
    struct Open {
        DeltaState state;
        std::string bytes; // the block payload so far: records chained from an absolute one
        std::int64_t tMin = 0, tMax = 0;
    };
    struct Taken {
        std::int64_t rider;
        QuantFix fix;
    };

    void recover();
    void reload();
    std::int64_t idFor(const std::string &riderId);
    void writeTail();
    void repackStep();
    void seal();
    void saveState();
    bool bestIn(const Open &open, std::int64_t atMs, QuantFix &best);

    Database *m_db = nullptr;
    Options m_options;
    Counters m_counters;
    bool m_inWrite = false; // set by take/flush, cleared by committed(): still set = rolled back

    std::unordered_map<std::string, std::int64_t> m_ids;
    std::vector<std::string> m_names; // index rider - 1
    std::vector<Open> m_open;         // the current generation, index rider - 1
    std::vector<Open> m_frozen;       // the generation being moved to blocks
    std::vector<Taken> m_taken;
    std::int64_t m_genMin = 0, m_genMax = 0;
    std::int64_t m_cut = 0;       // tail rows <= m_cut belong to the frozen generation
    std::int64_t m_flushNext = 0; // 0: no repack; else the next rider to move
    std::int64_t m_commitSeq = 0; // of the last write() with fixes
    std::int64_t m_purgeNext = 1;

    struct Statements;
    std::unique_ptr<Statements> m_st;
    BlobCodec m_codec;
};

} // namespace opsdeck::store
