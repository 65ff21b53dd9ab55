#include "AlertTypes.h"

#include <array>

namespace opsdeck::core {

namespace {
constexpr std::array<std::string_view, 4> kSeverities{"info", "warning", "major", "critical"};
constexpr std::array<std::string_view, 5> kStates{"new", "acknowledged", "assigned", "snoozed", "resolved"};
constexpr std::array<std::string_view, 8> kSubjects{"order", "rider", "sensor", "sku", "depot", "account", "address", "feed"};

template<typename Enum, std::size_t N>
bool lookup(const std::array<std::string_view, N> &names, std::string_view text, Enum *out)
{
    for (std::size_t i = 0; i < N; ++i) {
        if (names[i] == text) {
            if (out)
                *out = static_cast<Enum>(i);
            return true;
        }
    }
    return false;
}
} // namespace

std::string_view toString(AlertSeverity severity) { return kSeverities.at(static_cast<std::size_t>(severity)); }
std::string_view toString(AlertState state) { return kStates.at(static_cast<std::size_t>(state)); }
std::string_view toString(AlertSubjectKind kind) { return kSubjects.at(static_cast<std::size_t>(kind)); }

bool alertSeverityFromString(std::string_view text, AlertSeverity *out) { return lookup(kSeverities, text, out); }
bool alertStateFromString(std::string_view text, AlertState *out) { return lookup(kStates, text, out); }
bool alertSubjectKindFromString(std::string_view text, AlertSubjectKind *out) { return lookup(kSubjects, text, out); }

} // namespace opsdeck::core
