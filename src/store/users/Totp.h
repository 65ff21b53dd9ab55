#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>

namespace opsdeck::store::totp {

// RFC 6238 time-based one-time passwords (HMAC-SHA1, the form every authenticator app
// reads), with the RFC 4648 base32 that otpauth:// URIs carry the secret in.
inline constexpr int kStepSeconds = 30;
inline constexpr int kDigits = 6;

QString code(const QByteArray &secret, std::int64_t unixSeconds, int digits = kDigits);
// True when `candidate` is the code of the current step or of one step either side
// (clocks of phones drift; a code typed at the end of its 30 s must still count).
bool verify(const QByteArray &secret, const QString &candidate, std::int64_t unixSeconds);

QByteArray newSecret(); // 20 random bytes (libsodium)
QString toBase32(const QByteArray &bytes);
// Empty when `text` is not base32 (spaces and lower case are accepted, as apps print them).
QByteArray fromBase32(const QString &text, bool *ok = nullptr);
QString otpauthUri(const QString &user, const QByteArray &secret);

} // namespace opsdeck::store::totp
