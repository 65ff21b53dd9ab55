#pragma once

#include <optional>
#include <string>
#include <vector>

class QString;

namespace opsdeck::feed::curve {

// A CurveZMQ key pair, both halves Z85 text (40 characters each).
struct KeyPair {
    std::string publicKey;
    std::string secretKey;
};

// True when text is 40 Z85 characters that decode to a 32-byte key.
bool isZ85Key(const std::string &text);

// Reads a key file: one Z85 key, surrounding whitespace and '#' comment lines ignored.
// On any problem returns nullopt and says what is wrong with which file in *error, so a
// bad file stops a program at start with a message instead of a failed handshake later.
std::optional<std::string> readKeyFile(const QString &path, QString *error);

// The public half of a Z85 secret key (zmq_curve_public); nullopt when it is not one.
std::optional<std::string> publicFromSecret(const std::string &secretZ85);

// A fresh pair from libzmq (zmq_curve_keypair); nullopt when libzmq has no CURVE.
std::optional<KeyPair> generateKeyPair();

// Writes <dir>/<name>.key (the secret, mode 0600) and <dir>/<name>.pub (the public key,
// mode 0644), creating dir. False with *error when it cannot.
bool writeKeyPair(const QString &dir, const QString &name, const KeyPair &pair, QString *error);

// Every key of an allow-list directory (one Z85 public key per file; hidden files and
// sub-directories skipped). A malformed file fails the whole list, naming the file: an
// operator who dropped a broken key there expects that client to get in.
std::optional<std::vector<std::string>> readAllowList(const QString &dir, QString *error);

} // namespace opsdeck::feed::curve
