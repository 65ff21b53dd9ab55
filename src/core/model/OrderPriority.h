#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace opsdeck::core {

// How urgently an order must go out (our protocol extension, docs/protocol.md
// "Extensions": optional data.priority on order.created and order.snapshot). A gateway
// that does not send it leaves every order Normal.
enum class OrderPriority : std::uint8_t {
    Normal,
    High,   // e.g. a customer the merchant flags as VIP, a re-delivery
    Urgent, // e.g. medicine, a cold-chain item close to its limit
};

// Wire spelling, in enum order.
inline constexpr std::array<std::string_view, 3> kOrderPriorityNames = {"normal", "high", "urgent"};

inline std::string_view toString(OrderPriority priority)
{
    return kOrderPriorityNames[static_cast<std::size_t>(priority)];
}

inline std::optional<OrderPriority> orderPriorityFromString(std::string_view text)
{
    for (std::size_t i = 0; i < kOrderPriorityNames.size(); ++i) {
        if (kOrderPriorityNames[i] == text)
            return static_cast<OrderPriority>(i);
    }
    return std::nullopt;
}

} // namespace opsdeck::core
