#pragma once

#include "AlertMessage.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace opsdeck::core {

enum class AlertSeverity : std::uint8_t { Info = 0, Warning = 1, Major = 2, Critical = 3 };
// New -> Acknowledged -> Assigned -> Resolved, or Snoozed until a time (then New again).
enum class AlertState : std::uint8_t { New, Acknowledged, Assigned, Snoozed, Resolved };
// What an alert is about; the queue offers "select" for orders and riders.
enum class AlertSubjectKind : std::uint8_t { Order, Rider, Sensor, Sku, Depot, Account, Address, Feed };

std::string_view toString(AlertSeverity severity);
std::string_view toString(AlertState state);
std::string_view toString(AlertSubjectKind kind);
bool alertSeverityFromString(std::string_view text, AlertSeverity *out);
bool alertStateFromString(std::string_view text, AlertState *out);
bool alertSubjectKindFromString(std::string_view text, AlertSubjectKind *out);

// The subject an alert is raised for; (rule id, key) is the dedupe key.
struct AlertSubject {
    AlertSubjectKind kind = AlertSubjectKind::Order;
    std::string key;      // order id, rider id, "depot/sku", sensor id, hashed account, ...
    std::string orderId;  // for "select on the board"
    std::string riderId;  // for "select on the map"
    std::string depot;
};

// One alert as the queue and the store see it.
struct Alert {
    std::int64_t id = 0;
    std::string ruleId;
    std::string kind;           // the rule's kind, e.g. "order_state_timeout"
    AlertSubject subject;
    AlertSeverity severity = AlertSeverity::Warning;     // current (raised by escalation)
    AlertSeverity baseSeverity = AlertSeverity::Warning; // the rule's
    AlertState state = AlertState::New;
    bool escalated = false;
    std::int64_t count = 1;           // occurrences folded into this alert (dedupe)
    std::int64_t firstAtMs = 0;       // when it fired
    std::int64_t lastAtMs = 0;        // last occurrence
    std::int64_t updatedAtMs = 0;     // last lifecycle change
    std::int64_t snoozedUntilMs = 0;
    AlertMessage message;             // never carries personal data
    std::vector<std::string> roles;   // queues it is shown in
    std::string acknowledgedBy;
    std::string assignee;
    std::string resolvedBy;           // user, or "system" for auto-resolve
    AlertMessage note;                // resolve note (free text) / why it resolved itself
};

// One stored lifecycle step: who did what to which alert, when.
struct AlertChange {
    Alert alert;         // the alert after the change
    std::string action;  // raised, repeated, acknowledged, assigned, snoozed, snooze_expired, escalated, resolved, auto_resolved
    std::string by;      // user name, or "system"
    std::int64_t atMs = 0;
    AlertMessage note;   // a user's (free text) or the system's (a code)
};

// A request from a user, executed on the core thread.
struct AlertCommand {
    enum class Kind : std::uint8_t { Acknowledge, Assign, Resolve, Snooze };
    Kind kind = Kind::Acknowledge;
    std::int64_t alertId = 0;
    std::string by;
    std::string assignee;        // Assign
    std::string note;            // Resolve
    std::int64_t untilMs = 0;    // Snooze
};

struct AlertRefusal {
    std::int64_t alertId = 0;
    std::string reason;
};

// Orders-per-minute history of one (depot, weekday-hour) slot (Welford's running mean
// and sum of squared deviations), kept so a storm is judged against the same hour of
// past weeks.
struct StormSample {
    std::string depot;
    int slot = 0; // weekday * 24 + hour, weekday 0 = Monday
    std::int64_t n = 0;
    double mean = 0.0;
    double m2 = 0.0;
};

// What the engine hands over after a tick (core thread -> store and GUI).
struct AlertOutput {
    std::vector<AlertChange> changes;
    std::vector<AlertRefusal> refusals;
    std::vector<StormSample> storm;
    bool empty() const { return changes.empty() && refusals.empty() && storm.empty(); }
};

} // namespace opsdeck::core
