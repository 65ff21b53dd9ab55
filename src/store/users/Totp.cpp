#include "Totp.h"

#include <QMessageAuthenticationCode>
#include <QUrl>

#include <sodium.h>

#include <cstring>

namespace opsdeck::store::totp {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

} // namespace

QString code(const QByteArray &secret, std::int64_t unixSeconds, int digits)
{
    const std::uint64_t counter = static_cast<std::uint64_t>(unixSeconds / kStepSeconds);
    QByteArray message(8, '\0');
    for (int i = 0; i < 8; ++i)
        message[7 - i] = static_cast<char>((counter >> (8 * i)) & 0xff);
    const QByteArray mac = QMessageAuthenticationCode::hash(message, secret, QCryptographicHash::Sha1);
    // Dynamic truncation, RFC 4226 section 5.3.
    const int offset = mac[mac.size() - 1] & 0x0f;
    const std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7f) << 24)
        | (static_cast<std::uint32_t>(static_cast<unsigned char>(mac[offset + 1])) << 16)
        | (static_cast<std::uint32_t>(static_cast<unsigned char>(mac[offset + 2])) << 8)
        | static_cast<std::uint32_t>(static_cast<unsigned char>(mac[offset + 3]));
    std::uint32_t modulus = 1;
    for (int i = 0; i < digits; ++i)
        modulus *= 10;
    return QStringLiteral("%1").arg(binary % modulus, digits, 10, QLatin1Char('0'));
}

bool verify(const QByteArray &secret, const QString &candidate, std::int64_t unixSeconds)
{
    const QString typed = candidate.trimmed();
    if (typed.size() != kDigits || secret.isEmpty())
        return false;
    for (int step = -1; step <= 1; ++step) {
        const QByteArray expected = code(secret, unixSeconds + step * kStepSeconds).toLatin1();
        const QByteArray given = typed.toLatin1();
        if (sodium_memcmp(expected.constData(), given.constData(), static_cast<std::size_t>(kDigits)) == 0)
            return true;
    }
    return false;
}

QByteArray newSecret()
{
    QByteArray secret(20, '\0');
    randombytes_buf(secret.data(), static_cast<std::size_t>(secret.size()));
    return secret;
}

QString toBase32(const QByteArray &bytes)
{
    QString out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (const char c : bytes) {
        buffer = (buffer << 8) | static_cast<unsigned char>(c);
        bits += 8;
        while (bits >= 5) {
            out += QLatin1Char(kAlphabet[(buffer >> (bits - 5)) & 0x1f]);
            bits -= 5;
        }
    }
    if (bits > 0)
        out += QLatin1Char(kAlphabet[(buffer << (5 - bits)) & 0x1f]);
    return out; // no '=' padding: authenticator apps expect none
}

QByteArray fromBase32(const QString &text, bool *ok)
{
    QByteArray out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (const QChar ch : text) {
        if (ch.isSpace() || ch == QLatin1Char('='))
            continue;
        const char upper = ch.toUpper().toLatin1();
        const char *at = upper ? std::strchr(kAlphabet, upper) : nullptr;
        if (!at) {
            if (ok)
                *ok = false;
            return {};
        }
        buffer = (buffer << 5) | static_cast<std::uint32_t>(at - kAlphabet);
        bits += 5;
        if (bits >= 8) {
            out += static_cast<char>((buffer >> (bits - 8)) & 0xff);
            bits -= 8;
        }
    }
    if (ok)
        *ok = true;
    return out;
}

QString otpauthUri(const QString &user, const QByteArray &secret)
{
    return QStringLiteral("otpauth://totp/OpsDeck:%1?secret=%2&issuer=OpsDeck&algorithm=SHA1&digits=%3&period=%4")
        .arg(QString::fromLatin1(QUrl::toPercentEncoding(user)), toBase32(secret))
        .arg(kDigits)
        .arg(kStepSeconds);
}

} // namespace opsdeck::store::totp
