#include "HandshakeState.h"

#include <zmq.h>

namespace opsdeck::feed::curve {

core::FeedSecurity securityOf(bool curveConfigured, bool connected, int lastFailure, int value)
{
    using S = core::FeedSecurity;
    const bool mechanismMismatch
        = lastFailure == ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL && value == ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH;
    // A plain (NULL mechanism) handshake has nothing of its own to fail on: a failure
    // means the gateway wants a security mechanism. Which event the console sees races:
    // ZMTP sends the mechanism after the peer's signature, so the gateway may spot the
    // mismatch and hang up before our side reads it (NO_DETAIL instead of PROTOCOL).
    const bool plainRefused = mechanismMismatch || lastFailure == ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL
        || lastFailure == ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL;
    if (!curveConfigured)
        return !connected && plainRefused ? S::GatewayEncrypted : S::Plain;
    if (connected)
        return S::Encrypted;
    switch (lastFailure) {
    case 0: return S::Handshaking;
    case ZMQ_EVENT_HANDSHAKE_FAILED_AUTH: return S::KeyRefused;
    default: return mechanismMismatch ? S::GatewayPlain : S::GatewayKeyMismatch;
    }
}

} // namespace opsdeck::feed::curve
