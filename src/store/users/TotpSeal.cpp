#include "TotpSeal.h"

#include "store/db/StoreError.h"

#include <sodium.h>

#include <array>

namespace opsdeck::store::totp {

namespace {

constexpr char kVersion = 1;
constexpr int kSaltAt = 1;
constexpr int kNonceAt = kSaltAt + crypto_pwhash_SALTBYTES;
constexpr int kBoxAt = kNonceAt + crypto_secretbox_NONCEBYTES;

using Key = std::array<unsigned char, crypto_secretbox_KEYBYTES>;

Key deriveKey(const std::string &password, const unsigned char *salt)
{
    Key key{};
    if (crypto_pwhash(key.data(), key.size(), password.data(), password.size(), salt,
                      crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                      crypto_pwhash_ALG_ARGON2ID13)
        != 0)
        throw StoreError(StoreError::Code::Crypto, "out of memory while deriving the TOTP key");
    return key;
}

const unsigned char *bytes(const QByteArray &a, int at)
{
    return reinterpret_cast<const unsigned char *>(a.constData()) + at;
}

} // namespace

bool isSealed(const QByteArray &blob)
{
    return blob.size() >= kBoxAt + int(crypto_secretbox_MACBYTES) && blob[0] == kVersion;
}

QByteArray seal(const QByteArray &secret, const std::string &password)
{
    QByteArray out(kBoxAt + int(crypto_secretbox_MACBYTES) + secret.size(), '\0');
    auto *raw = reinterpret_cast<unsigned char *>(out.data());
    raw[0] = kVersion;
    randombytes_buf(raw + kSaltAt, crypto_pwhash_SALTBYTES);
    randombytes_buf(raw + kNonceAt, crypto_secretbox_NONCEBYTES);
    Key key = deriveKey(password, raw + kSaltAt);
    crypto_secretbox_easy(raw + kBoxAt, bytes(secret, 0), static_cast<unsigned long long>(secret.size()),
                          raw + kNonceAt, key.data());
    sodium_memzero(key.data(), key.size());
    return out;
}

std::optional<QByteArray> open(const QByteArray &sealed, const std::string &password)
{
    if (!isSealed(sealed))
        return std::nullopt;
    Key key = deriveKey(password, bytes(sealed, kSaltAt));
    QByteArray secret(sealed.size() - kBoxAt - int(crypto_secretbox_MACBYTES), '\0');
    const int rc = crypto_secretbox_open_easy(reinterpret_cast<unsigned char *>(secret.data()), bytes(sealed, kBoxAt),
                                              static_cast<unsigned long long>(sealed.size() - kBoxAt),
                                              bytes(sealed, kNonceAt), key.data());
    sodium_memzero(key.data(), key.size());
    if (rc != 0)
        return std::nullopt;
    return secret;
}

} // namespace opsdeck::store::totp
