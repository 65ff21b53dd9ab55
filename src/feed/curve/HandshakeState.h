#pragma once

#include "core/pipeline/FeedStats.h"

namespace opsdeck::feed::curve {

// What a socket monitor's handshake events mean for the user. lastFailure is the latest
// ZMQ_EVENT_HANDSHAKE_FAILED_* since the last success (0: none), value its event value.
// A wrong gateway key shows on the client only as the gateway hanging up mid-handshake
// (it cannot decrypt our HELLO, so it cannot even send ERROR): NO_DETAIL, or a
// cryptographic protocol error.
core::FeedSecurity securityOf(bool curveConfigured, bool connected, int lastFailure, int value);

} // namespace opsdeck::feed::curve
