#include "LiveKeyRotation.h"

#include "EventStore.h"
#include "store/db/KeyRotation.h"
#include "store/db/KeyVault.h"
#include "store/db/PersonalDataCipher.h"
#include "store/db/Sqlite.h"
#include "store/db/StoreError.h"
#include "store/db/StoreLog.h"

namespace opsdeck::store {

LiveKeyRotation::LiveKeyRotation(EventStore &store, std::shared_ptr<KeyVault> vault)
    : m_store(store), m_vault(std::move(vault))
{
}

LiveKeyRotation::~LiveKeyRotation() = default;

void LiveKeyRotation::begin()
{
    Statement id = m_store.database().prepare("SELECT value FROM meta WHERE key = 'db_id'");
    m_dbId = id.step() ? QString::fromStdString(id.columnBlob(0)) : QString();
    // The rotation works on key files, as the command does.
    auto *keyring = dynamic_cast<KeyringKeyVault *>(m_vault.get());
    if (keyring)
        keyring->moveToFile(m_dbId, m_store.keyPath());
    try {
        m_rotation = std::make_unique<KeyRotation>(m_store.database(), m_store.keyPath());
        m_rotation->begin();
        if (!m_rotation->newCipher() || !m_rotation->oldCipher())
            throw StoreError(StoreError::Code::WrongKey, "a rotation is finishing: run opsdeck key rotate");
    } catch (...) {
        // Nothing was re-sealed: the key goes back where it came from. A rotation already
        // on record keeps it in the file, where its resume looks for it.
        if (keyring && !KeyRotation::pending(m_store.database())) {
            try {
                keyring->moveFromFile(m_dbId, m_store.keyPath());
            } catch (const StoreError &e) {
                qCWarning(lcStore) << "the key stays in its file:" << e.what();
            }
        }
        throw;
    }
    m_store.replaceCipher(m_rotation->newCipher()->withPrevious(*m_rotation->oldCipher()));
}

bool LiveKeyRotation::step(int rows)
{
    if (!m_rotation->step(rows))
        return false;
    m_store.replaceCipher(*m_rotation->newCipher()); // the old key is gone: nothing opens with it
    if (auto *keyring = dynamic_cast<KeyringKeyVault *>(m_vault.get()))
        keyring->moveFromFile(m_dbId, m_store.keyPath());
    return true;
}

std::int64_t LiveKeyRotation::resealed() const
{
    return m_rotation ? m_rotation->resealed() : 0;
}

} // namespace opsdeck::store
