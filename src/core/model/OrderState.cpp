#include "OrderState.h"

#include <array>

namespace opsdeck::core {

namespace {
constexpr std::array<std::string_view, kOrderStateCount> kNames = {
    "UNKNOWN",  "CREATED",   "PAID",      "HELD",      "OUT_OF_STOCK", "PICKING", "DELIVERING",
    "EXCEPTION", "RETURNING", "CLAIMING", "SIGNED",    "CLOSED",       "CANCELLED",
};
} // namespace

std::string_view toString(OrderState state)
{
    return kNames[static_cast<std::size_t>(state)];
}

std::optional<OrderState> orderStateFromString(std::string_view text)
{
    for (std::size_t i = 0; i < kNames.size(); ++i) {
        if (kNames[i] == text)
            return static_cast<OrderState>(i);
    }
    return std::nullopt;
}

bool isFinal(OrderState state)
{
    return state == OrderState::Signed || state == OrderState::Closed || state == OrderState::Cancelled;
}

bool isLegalTransition(OrderState from, OrderState to)
{
    using S = OrderState;
    switch (from) {
    case S::Unknown:
        return to == S::Created;
    case S::Created:
        return to == S::Paid || to == S::Held || to == S::Cancelled;
    case S::Paid:
        return to == S::Picking || to == S::OutOfStock || to == S::Held || to == S::Cancelled;
    case S::Held:
        return to == S::Paid || to == S::Cancelled;
    case S::OutOfStock:
        return to == S::Picking || to == S::Cancelled;
    case S::Picking:
        return to == S::Delivering || to == S::Cancelled;
    case S::Delivering:
        return to == S::Signed || to == S::Exception || to == S::Delivering;
    case S::Exception:
        return to == S::Delivering || to == S::Returning || to == S::Claiming;
    case S::Returning:
    case S::Claiming:
        return to == S::Closed;
    case S::Signed:
    case S::Closed:
    case S::Cancelled:
        return false;
    }
    return false;
}

} // namespace opsdeck::core
