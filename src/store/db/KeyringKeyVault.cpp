#include "KeyVault.h"

#include "StoreError.h"
#include "StoreLog.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QThread>

#include <qt6keychain/keychain.h>
#include <sodium.h>

#include <cstring>
#include <cerrno>
#include <fcntl.h>
#include <functional>
#include <future>
#include <mutex>
#include <sys/stat.h>
#include <unistd.h>

namespace opsdeck::store {

namespace {

enum class Outcome { Found, NotFound, Unavailable };

struct Reply {
    Outcome outcome = Outcome::Unavailable;
    QByteArray data;
    QString message;
};

// qtkeychain queues every job through one process-wide executor object that belongs to
// the thread that first ran a job, and stalls once that thread is gone. So all of this
// process's jobs run on one thread that lives as long as the process (never destroyed:
// it ends with it); callers wait on a future with a timeout, never spin an event loop.
QObject *keyringContext()
{
    static QObject *context = [] {
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("opsdeck-keyring"));
        auto *object = new QObject;
        object->moveToThread(thread);
        thread->start();
        return object;
    }();
    return context;
}

Reply runJob(std::function<QKeychain::Job *()> make, std::chrono::milliseconds timeout)
{
    if (!QCoreApplication::instance())
        return {Outcome::Unavailable, {}, QStringLiteral("no Qt event loop in this process")};
    auto promise = std::make_shared<std::promise<Reply>>();
    auto future = promise->get_future();
    QMetaObject::invokeMethod(
        keyringContext(),
        [make = std::move(make), promise] {
            QKeychain::Job *job = make();
            job->setInsecureFallback(false); // never a clear-text QSettings copy of the key
            QObject::connect(job, &QKeychain::Job::finished, job, [promise](QKeychain::Job *done) {
                Reply reply;
                reply.message = done->errorString();
                if (done->error() == QKeychain::NoError) {
                    reply.outcome = Outcome::Found;
                    if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(done))
                        reply.data = read->binaryData();
                } else if (done->error() == QKeychain::EntryNotFound) {
                    reply.outcome = Outcome::NotFound;
                }
                promise->set_value(std::move(reply));
            });
            job->start(); // deletes itself once finished
        },
        Qt::QueuedConnection);
    if (future.wait_for(timeout) != std::future_status::ready)
        return {Outcome::Unavailable, {}, QStringLiteral("the keyring did not answer in time")};
    return future.get();
}

PersonalDataCipher::Key toKey(const QByteArray &bytes, const QString &entry)
{
    PersonalDataCipher::Key key{};
    if (bytes.size() != static_cast<qsizetype>(key.size()))
        throw StoreError(StoreError::Code::BadKeyFile, "OS keyring entry " + QFile::encodeName(entry).toStdString()
                                                           + " is not a " + std::to_string(key.size()) + "-byte key");
    std::memcpy(key.data(), bytes.constData(), key.size());
    return key;
}

QByteArray fromKey(const PersonalDataCipher::Key &key)
{
    return QByteArray(reinterpret_cast<const char *>(key.data()), static_cast<qsizetype>(key.size()));
}

// 0600 from the start, synced, then linked in place: never a half-written key, never
// one replaced.
void writeKeyFile(const QString &keyFile, const PersonalDataCipher::Key &key)
{
    const std::string path = QFile::encodeName(keyFile).toStdString();
    const std::string tmp = path + ".tmp";
    ::unlink(tmp.c_str());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (fd < 0)
        throw StoreError(StoreError::Code::BadKeyFile, "cannot create key file " + tmp + ": " + std::strerror(errno));
    const bool written = ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(fd) == 0;
    ::close(fd);
    const bool linked = written && ::link(tmp.c_str(), path.c_str()) == 0;
    const int err = errno;
    ::unlink(tmp.c_str());
    if (!linked)
        throw StoreError(StoreError::Code::BadKeyFile, "cannot write key file " + path + ": " + std::strerror(err));
}

} // namespace

struct KeyringKeyVault::State {
    QString service;
    std::chrono::milliseconds timeout;
    std::mutex mutex;
    enum class Reach { Unknown, Yes, No } reach = Reach::Unknown;
    QString failure; // why there is no keyring, for messages

    bool unknown()
    {
        std::lock_guard lock(mutex);
        return reach == Reach::Unknown;
    }
    bool usable()
    {
        std::lock_guard lock(mutex);
        return reach != Reach::No;
    }
    void settle(const Reply &reply)
    {
        std::lock_guard lock(mutex);
        if (reply.outcome != Outcome::Unavailable) {
            reach = Reach::Yes;
        } else if (reach != Reach::No) {
            reach = Reach::No;
            failure = reply.message;
            qCWarning(lcStore).noquote() << QStringLiteral("no OS keyring (%1); the personal-data key stays in its "
                                                           "0600 key file")
                                                .arg(reply.message);
        }
    }
    Reply read(const QString &dbId)
    {
        Reply reply = runJob(
            [this, dbId] {
                auto *job = new QKeychain::ReadPasswordJob(service);
                job->setKey(dbId);
                return job;
            },
            timeout);
        settle(reply);
        return reply;
    }
    // The file goes only once the keyring gives back the same bytes.
    void moveIn(const QString &dbId, const PersonalDataCipher::Key &key, const QString &keyFile)
    {
        const Reply written = runJob(
            [this, dbId, bytes = fromKey(key)] {
                auto *job = new QKeychain::WritePasswordJob(service);
                job->setKey(dbId);
                job->setBinaryData(bytes);
                return job;
            },
            timeout);
        Reply back = written.outcome == Outcome::Found ? read(dbId) : written;
        if (back.outcome != Outcome::Found || back.data != fromKey(key)) {
            qCWarning(lcStore) << "could not move the personal-data key into the OS keyring:" << back.message
                               << "; it stays in" << keyFile;
            return;
        }
        QFile::remove(keyFile);
        qCInfo(lcStore) << "moved the personal-data key from" << keyFile << "into the OS keyring";
    }
};

KeyringKeyVault::KeyringKeyVault(QString service, std::chrono::milliseconds timeout) : m_state(std::make_unique<State>())
{
    m_state->service = std::move(service);
    m_state->timeout = timeout;
}

KeyringKeyVault::~KeyringKeyVault() = default;

bool KeyringKeyVault::available()
{
    if (m_state->unknown())
        m_state->read(QStringLiteral("opsdeck-probe"));
    return m_state->usable();
}

std::optional<PersonalDataCipher::Key> KeyringKeyVault::find(const QString &dbId, const QString &keyFile, bool readOnly)
{
    FileKeyVault file;
    if (dbId.isEmpty() || !m_state->usable())
        return file.find(dbId, keyFile, readOnly);
    const Reply reply = m_state->read(dbId);
    if (reply.outcome == Outcome::Unavailable)
        return file.find(dbId, keyFile, readOnly);
    const bool inFile = QFileInfo::exists(keyFile);
    if (reply.outcome == Outcome::Found) {
        PersonalDataCipher::Key key = toKey(reply.data, m_state->service + QLatin1Char('/') + dbId);
        if (inFile && !readOnly) {
            // The keyring's copy wins. The same key in the file is a move cut short: finish it.
            auto other = file.find(dbId, keyFile, true);
            if (other && *other == key)
                QFile::remove(keyFile);
            else
                qCWarning(lcStore) << "a different key file" << keyFile << "is left as it was; using the OS keyring's key";
            if (other)
                sodium_memzero(other->data(), other->size());
        }
        return key;
    }
    if (!inFile)
        return std::nullopt;
    auto key = file.find(dbId, keyFile, readOnly);
    if (key && !readOnly)
        m_state->moveIn(dbId, *key, keyFile);
    return key;
}

PersonalDataCipher::Key KeyringKeyVault::create(const QString &dbId, const QString &keyFile)
{
    // Through the file: it settles a race between two processes creating the first key.
    PersonalDataCipher::Key key = FileKeyVault().create(dbId, keyFile);
    if (!dbId.isEmpty() && m_state->usable())
        m_state->moveIn(dbId, key, keyFile);
    return key;
}

QString KeyringKeyVault::where(const QString &dbId, const QString &keyFile) const
{
    if (dbId.isEmpty())
        return QStringLiteral("key file ") + keyFile;
    if (!m_state->usable()) {
        std::lock_guard lock(m_state->mutex);
        return QStringLiteral("key file %1 (no OS keyring: %2)").arg(keyFile, m_state->failure);
    }
    return QStringLiteral("OS keyring entry %1/%2 or key file %3").arg(m_state->service, dbId, keyFile);
}

bool KeyringKeyVault::remove(const QString &dbId)
{
    if (!m_state->usable())
        return false;
    const Reply reply = runJob(
        [this, dbId] {
            auto *job = new QKeychain::DeletePasswordJob(m_state->service);
            job->setKey(dbId);
            return job;
        },
        m_state->timeout);
    return reply.outcome == Outcome::Found;
}

void KeyringKeyVault::moveToFile(const QString &dbId, const QString &keyFile)
{
    if (dbId.isEmpty() || !m_state->usable())
        return;
    const Reply reply = m_state->read(dbId);
    if (reply.outcome != Outcome::Found)
        return;
    PersonalDataCipher::Key key = toKey(reply.data, m_state->service + QLatin1Char('/') + dbId);
    const auto wipe = qScopeGuard([&key] { sodium_memzero(key.data(), key.size()); });
    if (auto inFile = FileKeyVault().find(dbId, keyFile, true)) {
        const bool same = *inFile == key;
        sodium_memzero(inFile->data(), inFile->size());
        if (!same)
            throw StoreError(StoreError::Code::BadKeyFile, "key file " + QFile::encodeName(keyFile).toStdString()
                                                               + " differs from the OS keyring's key; move it aside first");
    } else {
        writeKeyFile(keyFile, key);
    }
    if (!remove(dbId))
        throw StoreError(StoreError::Code::BadKeyFile, "could not remove the key from the OS keyring; it is also in "
                                                           + QFile::encodeName(keyFile).toStdString());
    qCInfo(lcStore) << "moved the personal-data key from the OS keyring into" << keyFile;
}

void KeyringKeyVault::moveFromFile(const QString &dbId, const QString &keyFile)
{
    if (auto key = find(dbId, keyFile, false))
        sodium_memzero(key->data(), key->size());
}

} // namespace opsdeck::store
