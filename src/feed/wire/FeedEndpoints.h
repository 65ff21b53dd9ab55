#pragma once

#include <string>
#include <vector>

namespace opsdeck::feed {

// Z85-encoded CurveZMQ keys (40 characters each). All empty: plain TCP.
struct CurveKeys {
    std::string serverPublic;
    std::string clientPublic;
    std::string clientSecret;

    bool enabled() const { return !serverPublic.empty(); }
};

// Where the gateway is (protocol.md, "Transport") and what this console watches.
struct FeedEndpoints {
    std::string feed;     // PUB on the gateway, e.g. tcp://127.0.0.1:5556
    std::string snapshot; // ROUTER, e.g. tcp://127.0.0.1:5557
    std::string control;  // ROUTER, e.g. tcp://127.0.0.1:5558
    std::vector<std::string> depots; // watched depots (subscribed as "<depot>/"); empty = all
    CurveKeys curve;
};

} // namespace opsdeck::feed
