#pragma once

#include <QByteArray>

#include <optional>
#include <string>

namespace opsdeck::store::totp {

// The TOTP secret at rest, sealed under its user's password: a key derived with argon2id
// (libsodium crypto_pwhash, interactive limits, as costly as the password hash so the
// sealed secret is no cheaper a password oracle than the hash beside it) and a salt of its
// own, then crypto_secretbox. Only a sign-in that has the password can open it, so no data
// key is needed where users sign in. Layout: version 1 | salt | nonce | box.
// Every call hashes (hundreds of ms, 64 MiB): never on the GUI thread.
QByteArray seal(const QByteArray &secret, const std::string &password);
// nullopt when the password is not the one it was sealed under (or the blob is damaged).
std::optional<QByteArray> open(const QByteArray &sealed, const std::string &password);
// False for the 20 raw bytes that builds before the sealing stored (migrated at the
// user's next sign-in, see UserStore::signIn).
bool isSealed(const QByteArray &blob);

} // namespace opsdeck::store::totp
