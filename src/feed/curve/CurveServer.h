#pragma once

#include <zmq.hpp>

#include <optional>
#include <string>
#include <vector>

class QString;

namespace opsdeck::feed::curve {

// What a CURVE server (opsfeed, `opsfeed relay`) needs: its Z85 secret key and the Z85
// public keys its ZAP handler admits. Empty secret: plain TCP.
struct ServerKeys {
    std::string secret;
    std::vector<std::string> allowed;

    bool enabled() const { return !secret.empty(); }
};

// --curve-secret FILE and --allow-keys DIR: both or neither (a server key without an
// allow-list would refuse everyone, an allow-list without a key would be ignored). Both
// empty: plain. nullopt with *error naming the bad option or file; an empty allow-list
// is an error too, since it would refuse every client.
std::optional<ServerKeys> readServerKeys(const QString &secretFile, const QString &allowDir, QString *error);

// Server side of CurveZMQ on a socket that has not bound yet; no-op when keys are off.
// The context's ZapHandler must exist before the bind, or libzmq admits every key.
void applyCurveServer(zmq::socket_t &socket, const ServerKeys &keys, const char *zapDomain);

} // namespace opsdeck::feed::curve
