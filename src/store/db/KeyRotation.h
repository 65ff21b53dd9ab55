#pragma once

#include "PersonalDataCipher.h"

#include <QString>

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

namespace opsdeck::store {

class Database;

// Replaces a database's personal-data key: every sealed value (orders.pii, sealed event
// bodies, sealed rejected bytes, the key check, the customer id key) is opened with the old key and sealed
// with a new one, in small steps that each commit, so a large file rotates without one
// long transaction and a crash resumes where it stopped.
//
// - The new key waits in "<key>.next" (0600) until every value is sealed with it; the
//   old key stays the key file until then, so nothing is ever unreadable.
// - Progress (table, last row) is in the meta table, written in each step's transaction.
//   A value is tried with the new key first, so a step replayed after a crash is harmless.
// - The last step re-seals the key check and marks the rotation finishing; the new key
//   then replaces the old one (rename) and the mark goes.
// - Run while no console has the database open (`opsdeck key rotate --db FILE`): a
//   console sealing with the old key meanwhile would leave rows behind the cursor.
//   EventStore::open refuses a database whose rotation is unfinished, unless asked to
//   resume it (the console: resume() below, then LiveKeyRotation finishes it).
class KeyRotation final
{
public:
    KeyRotation(Database &db, QString keyPath); // keyPath: the key file in use (KeyLocation.h)
    ~KeyRotation();
    KeyRotation(const KeyRotation &) = delete;
    KeyRotation &operator=(const KeyRotation &) = delete;

    // Starts a rotation, or picks up the unfinished one. Throws StoreError.
    void begin();
    // Re-seals at most `rows` values in one transaction; true once the rotation is done.
    bool step(int rows);
    std::int64_t resealed() const { return m_resealed; }
    // After begin(): the keys (null for a rotation that was only finishing).
    const PersonalDataCipher *oldCipher() const { return m_old.get(); }
    const PersonalDataCipher *newCipher() const { return m_new.get(); }

    static bool pending(Database &db); // a rotation was begun and not finished
    // For a writable open of a database whose rotation is unfinished: the cipher that
    // seals with the waiting new key and opens with either, so a LiveKeyRotation can pick
    // it up. A rotation that was only finishing is finished here (std::nullopt: the key
    // file then holds the new key); std::nullopt too when none is pending. Throws StoreError.
    static std::optional<PersonalDataCipher> resume(Database &db, const QString &keyPath);

private:
    bool stepTable(int table, int rows, int &done);
    void resealMeta(const char *key, std::string_view ad);
    void finish();

    Database &m_db;
    QString m_keyPath;
    std::unique_ptr<PersonalDataCipher> m_old;
    std::unique_ptr<PersonalDataCipher> m_new;
    std::int64_t m_resealed = 0;
};

} // namespace opsdeck::store
