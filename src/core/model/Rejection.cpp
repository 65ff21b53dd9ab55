#include "Rejection.h"

#include <array>

namespace opsdeck::core {

std::string_view toString(RejectReason reason)
{
    static constexpr std::array<std::string_view, kRejectReasonCount> kNames = {
        "frame_count", "oversize", "malformed_json", "bad_version", "missing_field",
        "wrong_type",  "bad_value", "unknown_type",  "topic_mismatch",
    };
    const auto i = static_cast<std::size_t>(reason);
    return i < kNames.size() ? kNames[i] : std::string_view("unknown");
}

} // namespace opsdeck::core
