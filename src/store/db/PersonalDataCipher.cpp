#include "PersonalDataCipher.h"

#include "StoreError.h"
#include "StoreLog.h"

#include <QFile>
#include <QFileInfo>

#include <sodium.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <pthread.h>
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

// Nonces without a syscall per seal. XChaCha20 takes a 24-byte nonce: its first 16 bytes
// go through HChaCha20 with the key to derive a subkey, the last 8 are ChaCha20's own
// nonce. What AEAD security needs is that one key never sees the same 24-byte nonce twice.
// Each process draws a random 16-byte prefix once and counts the last 8 bytes up from 0:
// - within a process the counter never repeats (2^64 seals do not happen);
// - two processes (a restart, the exporter, a second console on the same key) repeat a
//   nonce only if their random 128-bit prefixes collide: after 2^32 process starts the
//   chance is 2^-64, the same bound random 192-bit nonces give for 2^64 messages;
// - a fork() copies prefix and counter, so the child draws a new prefix before its first
//   seal (pthread_atfork), and copies of a PersonalDataCipher share this one counter.
class NonceSource final
{
public:
    static constexpr std::size_t kPrefix = 16;
    static constexpr std::size_t kCounter = 8;
    static_assert(kPrefix + kCounter == crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);

    static NonceSource &instance()
    {
        static NonceSource source;
        return source;
    }

    void next(unsigned char *nonce)
    {
        if (m_forked.load(std::memory_order_acquire)) {
            std::lock_guard lock(m_mutex);
            if (m_forked.exchange(false))
                redraw();
        }
        std::uint64_t n = m_counter.fetch_add(1, std::memory_order_relaxed);
        {
            std::lock_guard lock(m_mutex); // the prefix may be redrawn after a fork
            std::memcpy(nonce, m_prefix, kPrefix);
        }
        for (std::size_t i = 0; i < kCounter; ++i, n >>= 8)
            nonce[kPrefix + i] = static_cast<unsigned char>(n & 0xff);
    }

private:
    NonceSource()
    {
        redraw();
        pthread_atfork(nullptr, nullptr, [] { instance().m_forked.store(true, std::memory_order_release); });
    }
    void redraw()
    {
        randombytes_buf(m_prefix, kPrefix);
        m_counter.store(0, std::memory_order_relaxed);
    }

    std::mutex m_mutex;
    unsigned char m_prefix[kPrefix]{};
    std::atomic<std::uint64_t> m_counter{0};
    std::atomic<bool> m_forked{false};
};

} // namespace

PersonalDataCipher::PersonalDataCipher(const Key &key) : m_key(key)
{
    ensureSodium();
}

PersonalDataCipher::~PersonalDataCipher()
{
    sodium_memzero(m_key.data(), m_key.size());
    sodium_memzero(m_previous.data(), m_previous.size());
}

PersonalDataCipher PersonalDataCipher::withPrevious(const PersonalDataCipher &previous) const
{
    PersonalDataCipher both(*this);
    both.m_previous = previous.m_key;
    both.m_hasPrevious = true;
    return both;
}

PersonalDataCipher::Key PersonalDataCipher::keyFromFile(const QString &keyPath, KeyFileMode mode)
{
    ensureSodium();
    if (QFileInfo::exists(keyPath))
        return readKey(keyPath);
    if (mode == KeyFileMode::CreateIfMissing)
        return createKey(keyPath);
    throw StoreError(StoreError::Code::MissingKey,
                     "key file " + toStd(keyPath) + " is missing; personal data cannot be decrypted without it");
}

PersonalDataCipher PersonalDataCipher::fromKeyFile(const QString &keyPath, KeyFileMode mode)
{
    Key key = keyFromFile(keyPath, mode);
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
    NonceSource::instance().next(buf); // random prefix + counter: why that is safe above
    static_assert(kNonce == NonceSource::kPrefix + NonceSource::kCounter);
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
    const auto decrypt = [&](const Key &key) {
        return crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char *>(out.data()), &plainLen,
                                                          nullptr, buf + kNonce, sealed.size() - kNonce,
                                                          reinterpret_cast<const unsigned char *>(ad.data()), ad.size(),
                                                          buf, key.data())
            == 0;
    };
    if (!decrypt(m_key) && !(m_hasPrevious && decrypt(m_previous)))
        return std::nullopt;
    out.resize(plainLen);
    return out;
}

std::string PersonalDataCipher::keyId() const
{
    unsigned char hash[8];
    // generichash keys must be 16..64 bytes; this one only separates the id from other hashes.
    static constexpr unsigned char kContext[] = "opsdeck.store.key-id";
    crypto_generichash(hash, sizeof hash, m_key.data(), m_key.size(), kContext, sizeof kContext - 1);
    char hex[sizeof hash * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    return hex;
}

std::string PersonalDataCipher::derive(std::string_view purpose) const
{
    std::string out(32, '\0');
    crypto_generichash(reinterpret_cast<unsigned char *>(out.data()), out.size(),
                       reinterpret_cast<const unsigned char *>(purpose.data()), purpose.size(), m_key.data(), m_key.size());
    return out;
}

} // namespace opsdeck::store
