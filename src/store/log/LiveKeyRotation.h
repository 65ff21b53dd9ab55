#pragma once

#include <QString>

#include <cstdint>
#include <memory>

namespace opsdeck::store {

class EventStore;
class KeyRotation;
class KeyVault;

// The data-key rotation of `opsdeck key rotate` (KeyRotation), run by a console that
// keeps ingesting: on the store thread only, one step per posted job between writes.
// From begin() on, the store seals new values with the new key and opens values with
// either, so rows written behind the rotation's cursor are already done; when the last
// step has re-sealed the rest, the new key replaces the old one in its file (and goes
// into the OS keyring, where the key came from). A crash or a close half way leaves the
// rotation pending in the database: the console's next start opens it anyway
// (EventStore::Options::resumeKeyRotation) and finishes it with a LiveKeyRotation, whose
// begin() resumes; `opsdeck key rotate` can finish it too (it tries the new key first).
class LiveKeyRotation final
{
public:
    // `vault`: the store's (a KeyringKeyVault moves its key to the file and back); may be null.
    LiveKeyRotation(EventStore &store, std::shared_ptr<KeyVault> vault);
    ~LiveKeyRotation();
    LiveKeyRotation(const LiveKeyRotation &) = delete;
    LiveKeyRotation &operator=(const LiveKeyRotation &) = delete;

    // Throws StoreError; the store's key is then as it was, and a key moved out of the
    // OS keyring is put back, unless the rotation was already on record (then its file
    // keeps it for the resume).
    void begin();
    // At most `rows` values in one transaction; true once the rotation is done.
    bool step(int rows);
    std::int64_t resealed() const;

private:
    EventStore &m_store;
    std::shared_ptr<KeyVault> m_vault;
    QString m_dbId;
    std::unique_ptr<KeyRotation> m_rotation;
};

} // namespace opsdeck::store
