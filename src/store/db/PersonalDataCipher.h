#pragma once

#include <QString>

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace opsdeck::store {

// Encrypts personal data at rest (order PII, the bodies of events that carry it,
// rejected raw bytes) with XChaCha20-Poly1305 (libsodium, IETF AEAD). A sealed value
// is nonce (24 bytes: a per-process random prefix of 16 and a counter of 8, so sealing
// makes no syscall) || ciphertext || tag (16 bytes). The associated data
// binds a ciphertext to its row ("orders.pii/<order_id>", ...), so a value copied
// into another row fails to decrypt instead of showing the wrong customer.
//
// The 32-byte key lives in a key file beside the database ("<db>.key", mode 0600).
// In a packaged install the key belongs in the desktop keychain (qtkeychain: Secret
// Service / KWallet); the file is the portable fallback and what headless mode uses.
class PersonalDataCipher final
{
public:
    static constexpr std::size_t kKeyBytes = 32;
    using Key = std::array<unsigned char, kKeyBytes>;

    enum class KeyFileMode { CreateIfMissing, MustExist };

    explicit PersonalDataCipher(const Key &key);
    ~PersonalDataCipher(); // wipes the key
    PersonalDataCipher(const PersonalDataCipher &) = default;
    PersonalDataCipher &operator=(const PersonalDataCipher &) = default;

    // Reads the key file, or creates it with a fresh random key (mode 0600, written to a
    // temporary file and renamed so a crash never leaves a half-written key).
    // Throws StoreError: MissingKey, BadKeyFile (wrong size, unreadable), Crypto.
    static PersonalDataCipher fromKeyFile(const QString &keyPath, KeyFileMode mode);
    // The same key bytes, for a KeyVault that moves them elsewhere (the OS keyring).
    static Key keyFromFile(const QString &keyPath, KeyFileMode mode);
    static QString keyPathFor(const QString &dbPath) { return dbPath + QStringLiteral(".key"); }

    std::string seal(std::string_view plain, std::string_view associatedData) const;
    // std::nullopt when the key is wrong, the value was tampered with or moved to another row.
    std::optional<std::string> open(std::string_view sealed, std::string_view associatedData) const;
    // While a key rotation runs in a live console: seals with this key and opens with it
    // or with `previous`'s, so values written behind the rotation's cursor need no second pass.
    PersonalDataCipher withPrevious(const PersonalDataCipher &previous) const;

    // A short public fingerprint of the key (BLAKE2b, 8 bytes hex): stored in the
    // database so a wrong key is reported as "key abc… does not match db key def…".
    std::string keyId() const;

    // A 32-byte secret derived from the key for another use (BLAKE2b keyed with the key
    // over `purpose`), such as the burst alerts' keyed hash: one secret per installation
    // without a second key to keep, and no way back to the data key.
    std::string derive(std::string_view purpose) const;

private:
    Key m_key{};
    Key m_previous{};
    bool m_hasPrevious = false;
};

} // namespace opsdeck::store
