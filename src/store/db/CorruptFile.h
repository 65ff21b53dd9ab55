#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace opsdeck::store {

// Where a corrupt database went: never deleted, renamed next to where it was.
struct MovedAside {
    QString database;  // <db>.corrupt-<yyyyMMdd-HHmmss>[-n]
    QStringList files; // every file moved: the database, its -wal and -shm, its key
};

// Renames a database that failed to open as corrupt (StoreError::Code::Corrupt) out of
// the way so a fresh one can be built from the gateway's snapshot: the file, its WAL
// and shared-memory files, and its personal-data key, which moves alongside because
// only it can decrypt what the old file holds. `now` names the copy (passed in so a
// test decides it). Nothing is deleted; on a rename failure the files already moved are
// put back and nullopt is returned with *error set.
std::optional<MovedAside> moveCorruptAside(const QString &dbPath, const QString &keyPath, const QDateTime &now,
                                           QString *error);

} // namespace opsdeck::store
