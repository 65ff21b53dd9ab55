#include "HandshakeState.h"

#include <zmq.h>

namespace opsdeck::feed::curve {

core::FeedSecurity securityOf(bool curveConfigured, bool connected, int lastFailure, int value)
{
    using S = core::FeedSecurity;
    const bool mechanismMismatch
        = lastFailure == ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL && value == ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH;
    if (!curveConfigured)
        return !connected && mechanismMismatch ? S::GatewayEncrypted : S::Plain;
    if (connected)
        return S::Encrypted;
    switch (lastFailure) {
    case 0: return S::Handshaking;
    case ZMQ_EVENT_HANDSHAKE_FAILED_AUTH: return S::KeyRefused;
    default: return mechanismMismatch ? S::GatewayPlain : S::GatewayKeyMismatch;
    }
}

} // namespace opsdeck::feed::curve
