#pragma once

#include "AlertTypes.h"
#include "core/model/OrderState.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace opsdeck::core {

// What a rule watches. docs/alerts.md lists each with its thresholds.
enum class AlertRuleKind : std::uint8_t {
    OrderStateTimeout,     // an order stays in `state` longer than minutes
    OrderPastEta,          // DELIVERING past its ETA (+ grace_minutes)
    OrderDeliveredLate,    // signed minutes or more after promised_at
    RiderFixStale,         // last GPS fix older than seconds
    RiderStationary,       // delivering and within meters of one spot for minutes
    RiderOutOfZone,        // outside the zone polygon of the rider's depot
    RiderBatteryLow,       // battery below pct
    SensorOutOfRange,      // reading outside the sensor's own min/max (held: debounce)
    StockBelowReorder,     // inventory level below its reorder point
    DepotOutOfStockRate,   // share of failed stock checks in a window over rate
    RiderReportedException,// rider.report events
    IllegalTransition,     // order events the state machine refused
    RepeatedResyncs,       // count resyncs within window_minutes
    OrderStorm,            // orders per minute of a depot, z-score vs the same weekday-hour
    SuspiciousBurst,       // count orders within window_minutes from one account / address
    // Storm rules that need no history (gateway.stats, judged at the stats' own time):
    IntakeOverCapacity,    // a depot's offered orders per minute over its capacity
    AcceptanceCollapse,    // share of a depot's offered orders accepted over window_minutes under rate
    BreakerOpen,           // a circuit breaker not closed for minutes
    FeedDegraded,          // a depot's resyncs back off: frames of one type keep failing (FeedStats)
    OrderPromiseMissed,    // open (not signed/cancelled) past promised_at (+ grace); escalates at + escalate_minutes
};
inline constexpr int kAlertRuleKindCount = 20;

std::string_view toString(AlertRuleKind kind);
bool alertRuleKindFromString(std::string_view text, AlertRuleKind *out);
// True for rules whose alert is an occurrence (no condition that can clear): they
// resolve themselves after quiet_minutes without a new occurrence.
bool isOccurrenceRule(AlertRuleKind kind);

struct AlertRule {
    std::string id;
    AlertRuleKind kind = AlertRuleKind::OrderStateTimeout;
    std::string title;
    OrderState state = OrderState::Unknown; // OrderStateTimeout only
    std::string by;                          // SuspiciousBurst: "account" or "address"
    std::map<std::string, double> thresholds;
    AlertSeverity severity = AlertSeverity::Warning;
    std::int64_t debounceMs = 0;       // the condition must hold this long before it fires
    std::int64_t escalateAfterMs = 0;  // not acknowledged within: severity up, ops manager; 0 = never
    std::vector<std::string> roles;
    bool enabled = true;

    double threshold(const std::string &name, double fallback = 0.0) const
    {
        const auto it = thresholds.find(name);
        return it == thresholds.end() ? fallback : it->second;
    }
};

// One rejected rule: where it was, which id it claimed, and why.
struct AlertRuleError {
    int index = -1;    // position in "rules"; -1 for the file as a whole
    std::string id;
    std::string reason;
};

struct AlertRuleSet {
    std::vector<AlertRule> rules;
    std::vector<AlertRuleError> errors;
    QString source;  // where it was read from
    QByteArray json; // the text as read (for the editor)
};

// Parses and validates a rules document {"version":1,"rules":[...]}. Every bad rule is
// reported with its reason and left out; the others are kept.
AlertRuleSet parseAlertRules(const QByteArray &json);

// The built-in rules (":/alerts/rules.json"), or the installation's override file when
// `overridePath` names a file that exists (its problems are reported like any other).
AlertRuleSet loadAlertRules(const QString &overridePath);
QByteArray builtInAlertRulesJson();

// The roles that have queues.
const std::vector<std::string> &alertRoles();

} // namespace opsdeck::core
