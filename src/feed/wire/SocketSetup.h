#pragma once

#include "FeedEndpoints.h"

#include <zmq.hpp>

namespace opsdeck::feed {

// Client side of CurveZMQ on any socket; no-op when keys are empty.
void applyCurveClient(zmq::socket_t &socket, const CurveKeys &keys);

// A DEALER that never hands a stale request to a fresh connection (IMMEDIATE) and never
// blocks shutdown (LINGER 0), connected to endpoint.
zmq::socket_t makeRequestDealer(zmq::context_t &context, const std::string &endpoint, const CurveKeys &keys);

} // namespace opsdeck::feed
