#pragma once

#include <QString>

namespace opsdeck::store {

class Database;

// Where a database's personal-data key file lives. Not beside the database: a copy of
// its folder (a backup, a support bundle, a shared drive) would carry the key with the
// data it protects. The console keeps keys in its own folder, one file per database,
// named by a random id stored in the database's meta table (a copied or renamed file
// still finds its key; two databases never share one).

// $XDG_DATA_HOME/opsdeck/keys (~/.local/share/opsdeck/keys).
QString defaultKeyDir();

// The key file for this database; after migrate(). Writable: creates the database id
// on first use, and moves a key file found beside the database ("<db>.key", where
// earlier builds kept it) into `keyDir` (logged). `keyDir` empty (library callers such
// as tests and benchmarks): beside the database, unless a console already moved it to
// defaultKeyDir(). Read-only: never creates or moves anything. Throws StoreError:
// BadKeyFile when a key cannot be moved, WrongKey while a key rotation is unfinished
// (KeyRotation.h: its values are sealed with two keys until it is).
QString resolveKeyPath(Database &db, const QString &dbPath, const QString &keyDir, bool readOnly);
// The same without the rotation check: for the rotation itself.
QString keyPathOf(Database &db, const QString &dbPath, const QString &keyDir, bool readOnly);

} // namespace opsdeck::store
