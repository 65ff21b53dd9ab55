#include "KeyVault.h"

#include "Sqlite.h"
#include "StoreError.h"

#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>

#include <sodium.h>

namespace opsdeck::store {

namespace {

constexpr std::string_view kKeyCheckPlain = "opsdeck personal-data key check";
constexpr std::string_view kKeyCheckAd = "meta.key_check";

std::string metaValue(Database &db, const char *key)
{
    Statement stmt = db.prepare("SELECT value FROM meta WHERE key = ?1");
    stmt.bindText(1, key);
    return stmt.step() ? stmt.columnBlob(0) : std::string();
}

} // namespace

std::optional<PersonalDataCipher::Key> FileKeyVault::find(const QString &, const QString &keyFile, bool)
{
    if (!QFileInfo::exists(keyFile))
        return std::nullopt;
    return PersonalDataCipher::keyFromFile(keyFile, PersonalDataCipher::KeyFileMode::MustExist);
}

PersonalDataCipher::Key FileKeyVault::create(const QString &, const QString &keyFile)
{
    return PersonalDataCipher::keyFromFile(keyFile, PersonalDataCipher::KeyFileMode::CreateIfMissing);
}

QString FileKeyVault::where(const QString &, const QString &keyFile) const
{
    return QStringLiteral("key file ") + keyFile;
}

std::optional<PersonalDataCipher> openDatabaseKey(Database &db, KeyVault &vault, const QString &keyFile, bool readOnly)
{
    const QString dbId = QString::fromStdString(metaValue(db, "db_id"));
    const std::string storedId = metaValue(db, "key_id");
    const std::string storedCheck = metaValue(db, "key_check");
    std::optional<PersonalDataCipher::Key> key = vault.find(dbId, keyFile, readOnly);
    const auto wipe = qScopeGuard([&key] {
        if (key)
            sodium_memzero(key->data(), key->size());
    });
    if (storedCheck.empty()) {
        // A database that never held a key has nothing sealed: a read-only one loads a
        // key only if there is one, a writable one gets its first key here.
        if (readOnly)
            return key ? std::optional<PersonalDataCipher>(PersonalDataCipher(*key)) : std::nullopt;
        if (!key)
            key = vault.create(dbId, keyFile);
        PersonalDataCipher cipher(*key);
        Transaction tx(db);
        Statement put = db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES(?1, ?2)");
        const std::string id = cipher.keyId();
        put.bindText(1, "key_id").bindBlob(2, id).run();
        const std::string check = cipher.seal(kKeyCheckPlain, kKeyCheckAd);
        put.bindText(1, "key_check").bindBlob(2, check).run();
        tx.commit();
        return cipher;
    }
    // A database with sealed data never silently gets a fresh key, which would make
    // everything already written unreadable.
    const std::string where = QFile::encodeName(vault.where(dbId, keyFile)).toStdString();
    if (!key)
        throw StoreError(StoreError::Code::MissingKey,
                         where + " is missing; personal data cannot be decrypted without it");
    PersonalDataCipher cipher(*key);
    const auto plain = cipher.open(storedCheck, kKeyCheckAd);
    if (!plain || *plain != kKeyCheckPlain)
        throw StoreError(StoreError::Code::WrongKey, where + " (key id " + cipher.keyId()
                                                         + ") does not decrypt this database (written with key id "
                                                         + storedId + ")");
    return cipher;
}

} // namespace opsdeck::store
