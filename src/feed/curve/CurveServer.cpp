#include "CurveServer.h"

#include "CurveKeys.h"

#include <QString>

namespace opsdeck::feed::curve {

std::optional<ServerKeys> readServerKeys(const QString &secretFile, const QString &allowDir, QString *error)
{
    if (secretFile.isEmpty() != allowDir.isEmpty()) {
        *error = QStringLiteral("--curve-secret and --allow-keys go together");
        return std::nullopt;
    }
    if (secretFile.isEmpty())
        return ServerKeys{};
    const auto key = readKeyFile(secretFile, error);
    if (!key)
        return std::nullopt;
    auto allowed = readAllowList(allowDir, error);
    if (!allowed)
        return std::nullopt;
    if (allowed->empty()) {
        *error = QStringLiteral("--allow-keys %1 holds no keys: every client would be refused").arg(allowDir);
        return std::nullopt;
    }
    return ServerKeys{*key, std::move(*allowed)};
}

void applyCurveServer(zmq::socket_t &socket, const ServerKeys &keys, const char *zapDomain)
{
    if (!keys.enabled())
        return;
    socket.set(zmq::sockopt::curve_server, 1);
    socket.set(zmq::sockopt::curve_secretkey, keys.secret);
    socket.set(zmq::sockopt::zap_domain, zapDomain);
}

} // namespace opsdeck::feed::curve
