#include "Schema.h"

#include "Sqlite.h"
#include "StoreError.h"
#include "StoreLog.h"
#include "store/track/TrackStore.h"

#include <string>

namespace opsdeck::store {

namespace {

// Version 1. Choices that matter for speed and recovery:
// - events is WITHOUT ROWID keyed by (epoch, depot, seq): the key is the dedupe rule
//   of protocol.md, so INSERT OR IGNORE makes a replay a no-op, and there is no second
//   b-tree to maintain. No other index on events: a partial index on order_id (for an
//   order timeline) was measured to cost 35-45% of the write rate (CPU-bound rate
//   ~200k -> ~125k events/s), so a timeline reads the orders projection's state_times
//   or scans. A later schema version can add it if a timeline view needs it.
// - body is the envelope as received; sealed = 1 means it is encrypted (PII-bearing types).
// - orders/riders/cursors are the projections, upserted in the same transaction as the
//   events that produced them, so after a crash they always match the log.
// - rejected keeps the newest N rows; rejected_counts keeps exact totals forever.
constexpr const char *kSchemaV1 = R"sql(
CREATE TABLE meta(
  key TEXT PRIMARY KEY,
  value BLOB
) WITHOUT ROWID;

CREATE TABLE events(
  epoch TEXT NOT NULL,
  depot TEXT NOT NULL,
  seq INTEGER NOT NULL,
  id TEXT NOT NULL,
  ts_ms INTEGER NOT NULL,
  type TEXT NOT NULL,
  order_id TEXT,
  rider_id TEXT,
  sealed INTEGER NOT NULL DEFAULT 0,
  body BLOB NOT NULL,
  PRIMARY KEY(epoch, depot, seq)
) WITHOUT ROWID;

CREATE TABLE orders(
  order_id TEXT PRIMARY KEY,
  depot TEXT NOT NULL,
  state TEXT NOT NULL,
  rider_id TEXT,
  merchant_id TEXT,
  channel TEXT,
  amount REAL NOT NULL DEFAULT 0,
  lat REAL NOT NULL DEFAULT 0,
  lng REAL NOT NULL DEFAULT 0,
  eta_ms INTEGER NOT NULL DEFAULT 0,
  promised_at_ms INTEGER NOT NULL DEFAULT 0,
  created_at_ms INTEGER NOT NULL DEFAULT 0,
  updated_at_ms INTEGER NOT NULL DEFAULT 0,
  state_times TEXT NOT NULL DEFAULT '[]',
  last_reason TEXT,
  pii BLOB
) WITHOUT ROWID;

CREATE TABLE riders(
  rider_id TEXT PRIMARY KEY,
  name TEXT,
  depot TEXT,
  status TEXT,
  lat REAL NOT NULL DEFAULT 0,
  lng REAL NOT NULL DEFAULT 0,
  speed_mps REAL NOT NULL DEFAULT 0,
  heading_deg REAL NOT NULL DEFAULT 0,
  battery_pct REAL NOT NULL DEFAULT -1,
  capacity INTEGER NOT NULL DEFAULT 0,
  fix_at_ms INTEGER NOT NULL DEFAULT 0,
  updated_at_ms INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE cursors(
  depot TEXT PRIMARY KEY,
  epoch TEXT NOT NULL,
  seq INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE rejected(
  id INTEGER PRIMARY KEY,
  at_ms INTEGER NOT NULL,
  reason TEXT NOT NULL,
  detail TEXT,
  topic TEXT,
  size INTEGER NOT NULL,
  sealed INTEGER NOT NULL DEFAULT 1,
  raw BLOB
);

CREATE TABLE rejected_counts(
  reason TEXT PRIMARY KEY,
  count INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE alerts(
  id INTEGER PRIMARY KEY,
  at_ms INTEGER NOT NULL,
  kind TEXT NOT NULL,
  depot TEXT,
  epoch TEXT,
  seq INTEGER NOT NULL DEFAULT 0,
  order_id TEXT,
  detail TEXT
);

CREATE TABLE resyncs(
  id INTEGER PRIMARY KEY,
  at_ms INTEGER NOT NULL,
  depot TEXT,
  reason TEXT NOT NULL,
  epoch TEXT,
  seq INTEGER NOT NULL DEFAULT 0,
  records INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE totals(
  key TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
)sql";

// Version 2: the event log keyed by one integer, key = stream << 40 | seq, where
// `streams` numbers each (epoch, depot) pair. It is still the dedupe rule of
// protocol.md (epoch, depot, seq), now as SQLite's rowid: INSERT OR IGNORE keeps a replay
// a no-op, inserts take the rowid fast path (integer compares, appends at each stream's
// right edge) and no row repeats the epoch and depot text. `opsdeck-bench store`
// measured the writer's CPU per event against version 1's WITHOUT ROWID text key.
// seq < 2^40 and fewer than 2^23 streams are both far away. `event_log` is the readable
// view with epoch and depot spelt out. Sealed bodies keep their (epoch, depot, seq)
// associated data, so they move over unchanged.
constexpr const char *kSchemaV2 = R"sql(
CREATE TABLE streams(
  id INTEGER PRIMARY KEY,
  epoch TEXT NOT NULL,
  depot TEXT NOT NULL,
  UNIQUE(epoch, depot)
);
INSERT INTO streams(epoch, depot) SELECT DISTINCT epoch, depot FROM events ORDER BY epoch, depot;

CREATE TABLE events_v2(
  key INTEGER PRIMARY KEY,
  seq INTEGER NOT NULL,
  id TEXT NOT NULL,
  ts_ms INTEGER NOT NULL,
  type TEXT NOT NULL,
  order_id TEXT,
  rider_id TEXT,
  sealed INTEGER NOT NULL DEFAULT 0,
  body BLOB NOT NULL
);
INSERT INTO events_v2(key, seq, id, ts_ms, type, order_id, rider_id, sealed, body)
  SELECT (s.id << 40) | e.seq, e.seq, e.id, e.ts_ms, e.type, e.order_id, e.rider_id, e.sealed, e.body
  FROM events e JOIN streams s ON s.epoch = e.epoch AND s.depot = e.depot;
DROP TABLE events;
ALTER TABLE events_v2 RENAME TO events;

CREATE VIEW event_log AS
  SELECT s.epoch, s.depot, e.seq, e.id, e.ts_ms, e.type, e.order_id, e.rider_id, e.sealed, e.body
  FROM events e JOIN streams s ON s.id = e.key >> 40;
)sql";

// Version 3: an order's priority (our protocol extension, docs/protocol.md), a plain
// column so a view can sort or filter by it. The customer's note travels in the sealed
// pii blob with the other personal fields; blobs written before it still read.
constexpr const char *kSchemaV3 = R"sql(
ALTER TABLE orders ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
)sql";

// Version 4: when a complete snapshot of its depot left an open order out (the gateway
// no longer knows it; docs/protocol.md). NULL for a live order, which is every order of
// an older file.
constexpr const char *kSchemaV4 = R"sql(
ALTER TABLE orders ADD COLUMN retired_at_ms INTEGER;
)sql";

// Version 5: rider fixes live in the compact track store (src/store/track,
// docs/storage.md), no longer in the event log. The step creates its tables and moves
// the log's rider.position rows and the old position tables there (TrackImport.cpp).
// The event_log view is unchanged: it now simply has no rider.position rows.
constexpr const char *kSchemaV5 = "";

struct Step {
    int toVersion;
    const char *sql;
    void (*run)(Database &db);
};

constexpr Step kSteps[] = {
    {1, kSchemaV1, nullptr},
    {2, kSchemaV2, nullptr},
    {3, kSchemaV3, nullptr},
    {4, kSchemaV4, nullptr},
    {5, kSchemaV5, &TrackStore::migrateFromLog},
};

} // namespace

void migrate(Database &db, int toVersion)
{
    const auto current = db.queryInt("PRAGMA user_version");
    if (current > kSchemaVersion)
        throw StoreError(StoreError::Code::Schema,
                         "database schema version " + std::to_string(current) + " is newer than this build ("
                             + std::to_string(kSchemaVersion) + "); use a newer OpsDeck");
    for (const Step &step : kSteps) {
        if (step.toVersion <= current || step.toVersion > toVersion)
            continue;
        Transaction tx(db);
        db.exec(step.sql);
        if (step.run)
            step.run(db);
        db.exec(("PRAGMA user_version = " + std::to_string(step.toVersion)).c_str());
        tx.commit();
        qCInfo(lcStore) << "schema migrated to version" << step.toVersion;
    }
}

void checkIntegrity(Database &db)
{
    Statement check = db.prepare("PRAGMA quick_check(5)");
    std::string problems;
    while (check.step()) {
        const std::string row = check.columnText(0);
        if (row == "ok")
            return;
        problems += (problems.empty() ? "" : "; ") + row;
    }
    throw StoreError(StoreError::Code::Corrupt, "database failed its integrity check: " + problems, SQLITE_CORRUPT);
}

} // namespace opsdeck::store
