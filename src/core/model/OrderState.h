#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace opsdeck::core {

// The order lifecycle of protocol.md. Unknown is "we have not seen this order yet".
enum class OrderState : std::uint8_t {
    Unknown,
    Created,
    Paid,
    Held,
    OutOfStock,
    Picking,
    Delivering,
    Exception,
    Returning,
    Claiming,
    Signed,
    Closed,
    Cancelled,
};

inline constexpr int kOrderStateCount = 13;

// Wire spelling ("CREATED", "OUT_OF_STOCK", ...); "UNKNOWN" for Unknown.
std::string_view toString(OrderState state);
std::optional<OrderState> orderStateFromString(std::string_view text);

bool isFinal(OrderState state);

// True when protocol.md lists from -> to. DELIVERING -> DELIVERING (reassigned) is legal.
// Unknown -> Created is the only legal way into the machine.
bool isLegalTransition(OrderState from, OrderState to);

} // namespace opsdeck::core
