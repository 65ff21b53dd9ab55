#include "KeyLocation.h"

#include "KeyRotation.h"
#include "PersonalDataCipher.h"
#include "Sqlite.h"
#include "StoreError.h"
#include "StoreLog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <sodium.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace opsdeck::store {

namespace {

std::string toStd(const QString &s)
{
    return QFile::encodeName(s).toStdString();
}

std::string metaText(Database &db, const char *key)
{
    Statement stmt = db.prepare("SELECT value FROM meta WHERE key = ?1");
    stmt.bindText(1, key);
    return stmt.step() ? stmt.columnBlob(0) : std::string();
}

std::string databaseId(Database &db, bool readOnly)
{
    std::string id = metaText(db, "db_id");
    if (!id.empty() || readOnly)
        return id;
    unsigned char raw[16];
    randombytes_buf(raw, sizeof raw);
    char hex[sizeof raw * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
    Statement put = db.prepare("INSERT OR IGNORE INTO meta(key, value) VALUES('db_id', ?1)");
    put.bindText(1, hex).run();
    return metaText(db, "db_id");
}

void ensurePrivateDir(const QString &dir)
{
    if (!QDir().mkpath(dir))
        throw StoreError(StoreError::Code::BadKeyFile, "cannot create the key folder " + toStd(dir));
    ::chmod(toStd(dir).c_str(), S_IRWXU); // 0700: only the console's user lists its keys
}

// A copy for a move across file systems: 0600 from the start, synced, then linked in
// place so a crash never leaves a half-written key.
void copyKey(const std::string &from, const std::string &to)
{
    QFile in(QString::fromStdString(from));
    if (!in.open(QIODevice::ReadOnly))
        throw StoreError(StoreError::Code::BadKeyFile, "cannot read key file " + from);
    const QByteArray bytes = in.readAll();
    const std::string tmp = to + ".tmp";
    ::unlink(tmp.c_str());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (fd < 0)
        throw StoreError(StoreError::Code::BadKeyFile, "cannot create key file " + tmp + ": " + std::strerror(errno));
    const bool written = ::write(fd, bytes.constData(), static_cast<std::size_t>(bytes.size())) == bytes.size()
        && ::fsync(fd) == 0;
    ::close(fd);
    if (!written || ::link(tmp.c_str(), to.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        throw StoreError(StoreError::Code::BadKeyFile, "cannot write key file " + to + ": " + std::strerror(err));
    }
    ::unlink(tmp.c_str());
}

void moveKey(const QString &legacy, const QString &target)
{
    ensurePrivateDir(QFileInfo(target).absolutePath());
    const std::string from = toStd(legacy);
    const std::string to = toStd(target);
    ::chmod(from.c_str(), S_IRUSR | S_IWUSR);
    if (::rename(from.c_str(), to.c_str()) != 0) {
        if (errno != EXDEV)
            throw StoreError(StoreError::Code::BadKeyFile,
                             "cannot move key file " + from + " to " + to + ": " + std::strerror(errno));
        copyKey(from, to);
        ::unlink(from.c_str());
    }
    qCWarning(lcStore) << "moved the personal-data key out of the database's folder:" << legacy << "->" << target;
}

} // namespace

QString defaultKeyDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/opsdeck/keys");
}

QString resolveKeyPath(Database &db, const QString &dbPath, const QString &keyDir, bool readOnly)
{
    if (KeyRotation::pending(db))
        throw StoreError(StoreError::Code::WrongKey, "a key rotation of " + toStd(dbPath)
                                                         + " is unfinished; finish it with: opsdeck key rotate --db FILE");
    return keyPathOf(db, dbPath, keyDir, readOnly);
}

QString keyPathOf(Database &db, const QString &dbPath, const QString &keyDir, bool readOnly)
{
    const QString legacy = PersonalDataCipher::keyPathFor(dbPath);
    const std::string id = databaseId(db, readOnly);
    if (id.empty())
        return legacy; // read-only file of an older build: its key is where that build put it
    const QString name = QString::fromStdString(id) + QStringLiteral(".key");
    if (keyDir.isEmpty()) {
        const QString moved = QDir(defaultKeyDir()).filePath(name);
        return !QFileInfo::exists(legacy) && QFileInfo::exists(moved) ? moved : legacy;
    }
    const QString target = QDir(keyDir).filePath(name);
    if (QFileInfo::exists(legacy)) {
        if (readOnly)
            return QFileInfo::exists(target) ? target : legacy;
        if (!QFileInfo::exists(target))
            moveKey(legacy, target);
        else
            qCWarning(lcStore) << "a key file is still beside the database:" << legacy << "; using" << target;
    } else if (!readOnly && !QFileInfo::exists(target)) {
        ensurePrivateDir(keyDir);
    }
    return target;
}

} // namespace opsdeck::store
