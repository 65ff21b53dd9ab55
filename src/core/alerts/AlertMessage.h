#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace opsdeck::core {

// What an alert says, and why it resolved itself or escalated, as a code and its
// arguments rather than a sentence. The views word it in the user's language (one
// translatable template per code in widgets/alerts/AlertMessageText.cpp); formatEnglish()
// words it in English for the store, its full-text search and logs. Both follow the same
// English template per code (alertCodeInfo), which tst_alert_messages compares.
// Adding a code: the enum, the table in AlertMessage.cpp, the view's table, the Chinese
// catalogue and a row in tests/alerts/tst_alert_messages.cpp. Names are stored: keep them.
enum class AlertCode : std::uint8_t {
    Text, // free text: a user's note, or an alert stored before messages had codes

    // Messages of the detectors (AlertEngine*.cpp)
    IllegalTransition,
    StateTimeout,
    PastEta,
    DeliveredLate,
    PromiseMissed,
    FixStale,
    Stationary,
    BatteryLow,
    OutOfZone,
    RiderReport,
    RiderReportNote,
    StockBelowReorder,
    SensorOutOfRangeVehicle,
    SensorOutOfRangeDepot,
    BurstAccount,
    BurstAddress,
    OrderStorm,
    StockOutRate,
    RepeatedResyncs,
    IntakeOverCapacity,
    IntakeOverRateLimit,
    AcceptanceCollapse,
    BreakerOpen,
    BreakerForcedOpen,
    FeedDegraded,

    // Notes: why an alert resolved itself ("condition cleared: ..."), escalated, was assigned
    ClearedOrderMoved,
    ClearedOrderIs,
    ClearedOrderUnknown,
    ClearedOrderRetired,
    ClearedNewEta,
    ClearedFreshFix,
    ClearedBattery,
    ClearedBackInZone,
    ClearedRiderOffline,
    ClearedNotDelivering,
    ClearedMovingAgain,
    ClearedRestocked,
    ClearedSensorInRange,
    ClearedBurst,
    ClearedStorm,
    ClearedStockOutRate,
    ClearedResyncs,
    ClearedIntakeRate,
    ClearedAcceptance,
    ClearedBreakerClosed,
    ClearedFeedClean,
    ClearedQuiet,
    RuleRetired,
    NotAcknowledged,
    StillNotSigned,
    AssignedTo,
};
inline constexpr int kAlertCodeCount = static_cast<int>(AlertCode::AssignedTo) + 1;

// How an argument is worded: text as it is, integers in decimal, reals with one decimal,
// durations in ms as "12 min" (from two minutes on) or "40 s", times in ms as UTC
// ISO 8601 with milliseconds. Numbers are never localised, so the English and the
// translated texts show the same digits.
enum class AlertArgKind : char { Text = 't', Int = 'i', Real = 'r', Duration = 'd', Time = 'w' };

// Int, Duration and Time hold int64, Real a double, Text a string.
using AlertArg = std::variant<std::int64_t, double, std::string>;

struct AlertMessage {
    AlertCode code = AlertCode::Text;
    std::vector<AlertArg> args; // Text: one string, the text

    static AlertMessage text(std::string text);
    bool isEmpty() const;
    bool operator==(const AlertMessage &) const = default;
};

struct AlertCodeInfo {
    AlertCode code;
    std::string_view name;    // stable: stored in the database and read by the views
    std::string_view english; // %1..%9 are the arguments
    std::string_view kinds;   // one AlertArgKind letter per argument, e.g. "tdi"
};
const AlertCodeInfo &alertCodeInfo(AlertCode code);
std::string_view toString(AlertCode code); // its name
bool alertCodeFromName(std::string_view name, AlertCode *out);

// True when the arguments are as many and of the types the code's template asks for.
bool argsFit(AlertCode code, const std::vector<AlertArg> &args);

// The message in English (Text: the text itself).
std::string formatEnglish(const AlertMessage &message);
// "12 min" / "40 s", as durations are worded.
std::string englishDuration(std::int64_t ms);

// The arguments as a compact JSON array of numbers and strings (the store's encoding),
// and back; decoding refuses a text that does not fit the code (count, types).
std::string argsToJson(const std::vector<AlertArg> &args);
bool argsFromJson(AlertCode code, std::string_view json, std::vector<AlertArg> *out);

namespace detail {
inline AlertArg toAlertArg(std::string value) { return value; }
inline AlertArg toAlertArg(std::string_view value) { return std::string(value); }
inline AlertArg toAlertArg(const char *value) { return std::string(value); }
template<typename T>
    requires std::is_arithmetic_v<T>
AlertArg toAlertArg(T value)
{
    if constexpr (std::is_floating_point_v<T>)
        return static_cast<double>(value);
    else
        return static_cast<std::int64_t>(value);
}
} // namespace detail

// alertMessage(AlertCode::StateTimeout, "PAID", elapsedMs, 10): integers become Int /
// Duration / Time arguments, floating point Real, strings Text (the code's kinds say which).
template<typename... Args>
AlertMessage alertMessage(AlertCode code, Args &&...args)
{
    AlertMessage m{code, {}};
    if constexpr (sizeof...(Args) > 0) {
        m.args.reserve(sizeof...(Args));
        (m.args.push_back(detail::toAlertArg(std::forward<Args>(args))), ...);
    }
    return m;
}

} // namespace opsdeck::core
