#include "PersonalDataCipher.h"

#include "StoreError.h"
#include "StoreLog.h"

#include <QFile>
#include <QFileInfo>

#include <sodium.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace opsdeck::store {

namespace {

void ensureSodium()
{
    // sodium_init is idempotent and thread-safe; 1 means "already initialised".
    if (sodium_init() < 0)
        throw StoreError(StoreError::Code::Crypto, "libsodium failed to initialise");
}

std::string toStd(const QString &s)
{
    return QFile::encodeName(s).toStdString();
}

PersonalDataCipher::Key readKey(const QString &keyPath)
{
    const std::string path = toStd(keyPath);
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw StoreError(StoreError::Code::BadKeyFile, "cannot read key file " + path + ": " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) == 0 && (st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        qCWarning(lcStore) << "key file" << keyPath << "is readable by group or others; chmod 600 it";
    PersonalDataCipher::Key key{};
    unsigned char extra = 0;
    const ssize_t n = ::read(fd, key.data(), key.size());
    const ssize_t more = ::read(fd, &extra, 1);
    ::close(fd);
    if (n != static_cast<ssize_t>(key.size()) || more != 0) {
        sodium_memzero(key.data(), key.size());
        throw StoreError(StoreError::Code::BadKeyFile,
                         "key file " + path + " is not a " + std::to_string(key.size()) + "-byte key");
    }
    return key;
}

PersonalDataCipher::Key createKey(const QString &keyPath)
{
    PersonalDataCipher::Key key{};
    crypto_aead_xchacha20poly1305_ietf_keygen(key.data());
    const std::string path = toStd(keyPath);
    const std::string tmp = path + ".tmp";
    // O_EXCL + 0600 from the start: the key is never world-readable, not even briefly.
    ::unlink(tmp.c_str());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (fd < 0)
        throw StoreError(StoreError::Code::BadKeyFile, "cannot create key file " + tmp + ": " + std::strerror(errno));
    const bool written = ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(fd) == 0;
    ::close(fd);
    // link() refuses to replace an existing file, so two processes racing to create the
    // key cannot each end up with a different key: the loser reads the winner's.
    if (!written || ::link(tmp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        if (written && err == EEXIST)
            return readKey(keyPath);
        throw StoreError(StoreError::Code::BadKeyFile, "cannot write key file " + path + ": " + std::strerror(err));
    }
    ::unlink(tmp.c_str());
    qCInfo(lcStore) << "created a new personal-data key" << keyPath;
    return key;
}

} // namespace

PersonalDataCipher::PersonalDataCipher(const Key &key) : m_key(key)
{
    ensureSodium();
}

PersonalDataCipher::~PersonalDataCipher()
{
    sodium_memzero(m_key.data(), m_key.size());
}

PersonalDataCipher PersonalDataCipher::fromKeyFile(const QString &keyPath, KeyFileMode mode)
{
    ensureSodium();
    Key key{};
    if (QFileInfo::exists(keyPath)) {
        key = readKey(keyPath);
    } else if (mode == KeyFileMode::CreateIfMissing) {
        key = createKey(keyPath);
    } else {
        throw StoreError(StoreError::Code::MissingKey,
                         "key file " + toStd(keyPath) + " is missing; personal data cannot be decrypted without it");
    }
    PersonalDataCipher cipher(key);
    sodium_memzero(key.data(), key.size());
    return cipher;
}

std::string PersonalDataCipher::seal(std::string_view plain, std::string_view ad) const
{
    constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    constexpr std::size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;
    std::string out(kNonce + plain.size() + kTag, '\0');
    auto *buf = reinterpret_cast<unsigned char *>(out.data());
    // Random 192-bit nonces are safe with XChaCha20 for any realistic number of messages.
    randombytes_buf(buf, kNonce);
    unsigned long long cipherLen = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(buf + kNonce, &cipherLen,
                                               reinterpret_cast<const unsigned char *>(plain.data()), plain.size(),
                                               reinterpret_cast<const unsigned char *>(ad.data()), ad.size(), nullptr,
                                               buf, m_key.data());
    out.resize(kNonce + cipherLen);
    return out;
}

std::optional<std::string> PersonalDataCipher::open(std::string_view sealed, std::string_view ad) const
{
    constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    constexpr std::size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;
    if (sealed.size() < kNonce + kTag)
        return std::nullopt;
    const auto *buf = reinterpret_cast<const unsigned char *>(sealed.data());
    std::string out(sealed.size() - kNonce - kTag, '\0');
    unsigned long long plainLen = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char *>(out.data()), &plainLen, nullptr,
                                                   buf + kNonce, sealed.size() - kNonce,
                                                   reinterpret_cast<const unsigned char *>(ad.data()), ad.size(), buf,
                                                   m_key.data())
        != 0)
        return std::nullopt;
    out.resize(plainLen);
    return out;
}

std::string PersonalDataCipher::keyId() const
{
    unsigned char hash[8];
    // generichash keys must be 16..64 bytes; this one only separates the id from other hashes.
    // generichash keys must be 16..64 bytes; this one only separates the id from other hashes.
    static constexpr unsigned char kContext[] = "opsdeck.store.key-id";
    crypto_generichash(hash, sizeof hash, m_key.data(), m_key.size(), kContext, sizeof kContext - 1);
    char hex[sizeof hash * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    return hex;
}

} // namespace opsdeck::store
