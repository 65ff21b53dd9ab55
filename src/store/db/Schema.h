#pragma once

namespace opsdeck::store {

class Database;

// The schema version this build writes, kept in PRAGMA user_version.
inline constexpr int kSchemaVersion = 5;

// Brings a database to kSchemaVersion, one step per version, each step in its own
// transaction together with the user_version bump, so an interrupted upgrade resumes
// cleanly. Throws StoreError(Schema) for a database from a newer build. `toVersion`
// below kSchemaVersion exists for the upgrade tests, which build an old database.
void migrate(Database &db, int toVersion = kSchemaVersion);

// PRAGMA quick_check at open: throws StoreError(Corrupt) naming the first problems, so
// a damaged file is found at start (and offered to be moved aside), not by a write
// that fails an hour later. Reads every page once: about two seconds per GiB with a warm cache.
void checkIntegrity(Database &db);

} // namespace opsdeck::store
