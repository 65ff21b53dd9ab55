#include "CurveKeys.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <zmq.h>

#include <array>

namespace opsdeck::feed::curve {

namespace {

constexpr int kZ85KeyLength = 40;
constexpr qint64 kMaxKeyFileBytes = 4096; // a key file is 41 bytes; anything big is not one

bool writeFile(const QString &path, const std::string &text, QFileDevice::Permissions permissions, QString *error)
{
    QSaveFile file(path);
    // Permissions first: the secret is never on disk readable by others, not even briefly.
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(permissions)) {
        *error = QObject::tr("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    file.write(text.data(), static_cast<qint64>(text.size()));
    file.write("\n", 1);
    if (!file.commit()) {
        *error = QObject::tr("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace

bool isZ85Key(const std::string &text)
{
    if (text.size() != kZ85KeyLength)
        return false;
    std::array<std::uint8_t, 32> binary{};
    return zmq_z85_decode(binary.data(), text.c_str()) != nullptr;
}

std::optional<std::string> readKeyFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QObject::tr("cannot read key file %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    const QByteArray bytes = file.read(kMaxKeyFileBytes + 1);
    if (bytes.size() > kMaxKeyFileBytes) {
        *error = QObject::tr("key file %1 is too large to be a key").arg(path);
        return std::nullopt;
    }
    QByteArray key;
    for (const QByteArray &raw : bytes.split('\n')) {
        const QByteArray line = raw.trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        if (!key.isEmpty()) {
            *error = QObject::tr("key file %1 holds more than one line; expected one Z85 key").arg(path);
            return std::nullopt;
        }
        key = line;
    }
    const std::string text = key.toStdString();
    if (!isZ85Key(text)) {
        *error = QObject::tr("key file %1 does not hold a Z85 CURVE key (40 characters); make one with opsdeck keygen")
                     .arg(path);
        return std::nullopt;
    }
    return text;
}

std::optional<std::string> publicFromSecret(const std::string &secretZ85)
{
    if (!isZ85Key(secretZ85))
        return std::nullopt;
    std::array<char, kZ85KeyLength + 1> pub{};
    if (zmq_curve_public(pub.data(), secretZ85.c_str()) != 0)
        return std::nullopt;
    return std::string(pub.data(), kZ85KeyLength);
}

std::optional<KeyPair> generateKeyPair()
{
    std::array<char, kZ85KeyLength + 1> pub{};
    std::array<char, kZ85KeyLength + 1> sec{};
    if (zmq_curve_keypair(pub.data(), sec.data()) != 0)
        return std::nullopt;
    return KeyPair{std::string(pub.data(), kZ85KeyLength), std::string(sec.data(), kZ85KeyLength)};
}

bool writeKeyPair(const QString &dir, const QString &name, const KeyPair &pair, QString *error)
{
    if (!QDir().mkpath(dir)) {
        *error = QObject::tr("cannot create directory %1").arg(dir);
        return false;
    }
    const QString base = QDir(dir).filePath(name);
    return writeFile(base + QStringLiteral(".key"), pair.secretKey, QFileDevice::ReadOwner | QFileDevice::WriteOwner,
                     error)
        && writeFile(base + QStringLiteral(".pub"), pair.publicKey,
                     QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther,
                     error);
}

std::optional<std::vector<std::string>> readAllowList(const QString &dir, QString *error)
{
    const QDir d(dir);
    if (!d.exists()) {
        *error = QObject::tr("allow-list directory %1 does not exist").arg(dir);
        return std::nullopt;
    }
    std::vector<std::string> keys;
    for (const QFileInfo &info : d.entryInfoList(QDir::Files, QDir::Name)) {
        auto key = readKeyFile(info.filePath(), error);
        if (!key)
            return std::nullopt;
        keys.push_back(std::move(*key));
    }
    return keys;
}

} // namespace opsdeck::feed::curve
