#pragma once

#include "Event.h"
#include "Rejection.h"

#include <memory>
#include <string_view>
#include <variant>

namespace opsdeck::core {

// Decodes and validates one feed or snapshot envelope with simdjson. One decoder per
// thread (it reuses its parser buffers). Never throws: every problem is a Rejected.
class EventDecoder final
{
public:
    EventDecoder();
    ~EventDecoder();
    EventDecoder(const EventDecoder &) = delete;
    EventDecoder &operator=(const EventDecoder &) = delete;

    using Result = std::variant<Event, Heartbeat, Rejected>;

    // topic: the first frame of a feed message ("BJ-CY-01/order.created", "$hb"), or
    // "SNAP" for a snapshot record (then seq is the depot's current seq and the
    // topic/type cross-check is skipped).
    Result decode(std::string_view topic, std::string_view envelope);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace opsdeck::core
