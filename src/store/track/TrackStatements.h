#pragma once

// The track store's prepared statements (private to src/store/track).
#include "TrackStore.h"

#include "store/db/Sqlite.h"
#include "store/db/StoreError.h"

namespace opsdeck::store {

struct TrackStore::Statements {
    explicit Statements(Database &db)
        : insertRider(db.prepare("INSERT INTO track_riders(rider_id) VALUES(?1)", true))
        , insertTail(db.prepare("INSERT INTO track_tail(id, t_max, data) VALUES(?1, ?2, ?3)", true))
        , insertBlock(db.prepare("INSERT OR REPLACE INTO track_blocks(rider, t_start, t_end, data) VALUES(?1, ?2, ?3, ?4)",
                                 true))
        , insertSpan(db.prepare("INSERT INTO track_spans(t_start, t_end) VALUES(?1, ?2)", true))
        , deleteTailUpTo(db.prepare("DELETE FROM track_tail WHERE (id & 4294967295) <= ?1", true))
        , deleteTailSlice(db.prepare("DELETE FROM track_tail WHERE id BETWEEN ?1 AND ?2", true))
        , getState(db.prepare("SELECT value FROM track_state WHERE key = ?1", true))
        , putState(db.prepare("INSERT OR REPLACE INTO track_state(key, value) VALUES(?1, ?2)", true))
        , bumpTotal(db.prepare("INSERT INTO totals(key, value) VALUES(?1, ?2)"
                               " ON CONFLICT(key) DO UPDATE SET value = value + excluded.value",
                               true))
        , seekBlock(db.prepare("SELECT data FROM track_blocks WHERE rider = ?1 AND t_start <= ?2"
                               " ORDER BY t_start DESC LIMIT 1",
                               true))
        , riderBlocks(db.prepare("SELECT data FROM track_blocks WHERE rider = ?1 AND t_start <= ?3 AND t_end >= ?2"
                                 " ORDER BY t_start",
                                 true))
        , purgeRider(db.prepare("DELETE FROM track_blocks WHERE rider = ?1 AND t_start < ?2 AND t_end < ?2", true))
    {
    }
    Statement insertRider, insertTail, insertBlock, insertSpan, deleteTailUpTo, deleteTailSlice, getState, putState,
        bumpTotal, seekBlock, riderBlocks, purgeRider;
};

} // namespace opsdeck::store
