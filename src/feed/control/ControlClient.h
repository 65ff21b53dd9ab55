#pragma once

#include "feed/wire/FeedEndpoints.h"

#include <memory>
#include <string>
#include <string_view>

namespace simdjson::dom {
class parser;
}

namespace opsdeck::feed {

// Sends control commands (protocol.md, "Control") and waits for the matching reply.
// Lazy Pirate: on timeout the socket is closed and reopened and the same command (same
// id: the gateway treats it idempotently) is sent again, a bounded number of times.
// Blocking: call from a worker thread, one call at a time.
class ControlClient final
{
public:
    enum class Status { Confirmed, Refused, Unconfirmed };

    struct Result {
        Status status = Status::Unconfirmed;
        bool ok = false;
        std::string error;    // gateway error code, or a local one: "bad_request", "timeout"
        std::string message;
        std::string rawReply; // the reply as received (empty when none)
        int attempts = 0;
    };

    struct Options {
        int timeoutMs = 1000; // per attempt
        int attempts = 3;     // first try included
    };

    ControlClient(std::string endpoint, CurveKeys curve, Options options);
    ControlClient(std::string endpoint, CurveKeys curve);
    ~ControlClient();
    ControlClient(const ControlClient &) = delete;
    ControlClient &operator=(const ControlClient &) = delete;

    // requestJson: one JSON object with a string "id" (and "cmd", "by", ...).
    Result send(std::string_view requestJson);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Fills result from a reply that answers command `id`; false for anything else (a late
// reply to an earlier command, garbage), which the client skips. Separate so the reply
// parsing can be fuzzed without sockets (tests/fuzz).
bool acceptControlReply(simdjson::dom::parser &parser, std::string_view reply, const std::string &id,
                        ControlClient::Result &result);

} // namespace opsdeck::feed
