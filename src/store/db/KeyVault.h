#pragma once

#include "PersonalDataCipher.h"

#include <QString>

#include <chrono>
#include <memory>
#include <optional>

namespace opsdeck::store {

class Database;

// Where a database's personal-data key is kept: the 0600 file (KeyLocation.h), or the
// OS keyring where the desktop has one. One small interface so the store never knows
// which, and tests pass the file vault (there is no keyring in CI).
class KeyVault
{
public:
    virtual ~KeyVault() = default;
    // The key of database `dbId`, whose file is `keyFile`; std::nullopt when there is none.
    // Not readOnly: may move the file into the vault. Throws StoreError (BadKeyFile).
    virtual std::optional<PersonalDataCipher::Key> find(const QString &dbId, const QString &keyFile,
                                                        bool readOnly) = 0;
    // A new key for a database that has none (never replaces one).
    virtual PersonalDataCipher::Key create(const QString &dbId, const QString &keyFile) = 0;
    // For messages: where the key of this database is looked for.
    virtual QString where(const QString &dbId, const QString &keyFile) const = 0;
};

// The key file only: what tests, benchmarks and a console without a keyring use.
class FileKeyVault final : public KeyVault
{
public:
    std::optional<PersonalDataCipher::Key> find(const QString &dbId, const QString &keyFile, bool readOnly) override;
    PersonalDataCipher::Key create(const QString &dbId, const QString &keyFile) override;
    QString where(const QString &dbId, const QString &keyFile) const override;
};

// The OS keyring through qtkeychain (Secret Service / KWallet), service "OpsDeck",
// entry = the database id; the file when no keyring answers (logged once). A key found
// in a file is moved into the keyring, the file removed only after the keyring returned
// the same bytes; when both hold a key, the keyring's wins. Each keyring call waits at
// most `timeout` on the calling thread (the store's, never the GUI's).
class KeyringKeyVault final : public KeyVault
{
public:
    explicit KeyringKeyVault(QString service = QStringLiteral("OpsDeck"),
                             std::chrono::milliseconds timeout = std::chrono::seconds(5));
    ~KeyringKeyVault() override;

    std::optional<PersonalDataCipher::Key> find(const QString &dbId, const QString &keyFile, bool readOnly) override;
    PersonalDataCipher::Key create(const QString &dbId, const QString &keyFile) override;
    QString where(const QString &dbId, const QString &keyFile) const override;

    // Whether a keyring answered (probes it once; false for good after a failure).
    bool available();
    // Removes this database's keyring entry (tests, and a key moved back to its file).
    bool remove(const QString &dbId);
    // Moves the keyring's key of this database back into `keyFile` (0600), the entry
    // removed only once the file holds it: for a key rotation, which works on files (the
    // next open moves the new key in). Throws StoreError (BadKeyFile) when it cannot.
    void moveToFile(const QString &dbId, const QString &keyFile);
    // The other way, as an open does: the key file into the keyring, if one answers.
    void moveFromFile(const QString &dbId, const QString &keyFile);

    struct State;

private:
    std::unique_ptr<State> m_state;
};

// The cipher of an open database: its key from `vault` (created on first use unless
// readOnly), checked against meta.key_check. std::nullopt only for a read-only file that
// never held a key. Throws StoreError: MissingKey, WrongKey, BadKeyFile.
std::optional<PersonalDataCipher> openDatabaseKey(Database &db, KeyVault &vault, const QString &keyFile, bool readOnly);

} // namespace opsdeck::store
