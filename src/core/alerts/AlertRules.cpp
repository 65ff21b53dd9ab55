#include "AlertRules.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include <array>
#include <set>

Q_LOGGING_CATEGORY(lcAlertRules, "opsdeck.core.alerts.rules")

static void initAlertResources()
{
    Q_INIT_RESOURCE(alerts);
}

namespace opsdeck::core {

namespace {

constexpr std::array<std::string_view, kAlertRuleKindCount> kKindNames{
    "order_state_timeout", "order_past_eta", "order_delivered_late", "rider_fix_stale", "rider_stationary",
    "rider_out_of_zone", "rider_battery_low", "sensor_out_of_range", "stock_below_reorder",
    "depot_out_of_stock_rate", "rider_reported_exception", "illegal_transition", "repeated_resyncs", "order_storm",
    "suspicious_burst", "intake_over_capacity", "acceptance_collapse", "breaker_open", "feed_degraded",
    "order_promise_missed"};

// A threshold a kind needs: name and the range it must lie in.
struct Need {
    const char *name;
    double min;
    double max;
    bool required;
};

std::vector<Need> needsOf(AlertRuleKind kind)
{
    constexpr double big = 1e9;
    switch (kind) {
    case AlertRuleKind::OrderStateTimeout: return {{"minutes", 0.01, big, true}};
    case AlertRuleKind::OrderPastEta: return {{"grace_minutes", 0, big, false}};
    case AlertRuleKind::OrderPromiseMissed: return {{"grace_minutes", 0, big, false}, {"escalate_minutes", 1, big, false}};
    case AlertRuleKind::OrderDeliveredLate: return {{"minutes", 0.1, big, true}, {"quiet_minutes", 1, big, false}};
    case AlertRuleKind::RiderFixStale: return {{"seconds", 1, big, true}};
    case AlertRuleKind::RiderStationary: return {{"minutes", 0.1, big, true}, {"meters", 1, 100000, true}};
    case AlertRuleKind::RiderOutOfZone: return {};
    case AlertRuleKind::RiderBatteryLow: return {{"pct", 0.1, 100, true}};
    case AlertRuleKind::SensorOutOfRange: return {};
    case AlertRuleKind::StockBelowReorder: return {};
    case AlertRuleKind::DepotOutOfStockRate:
        return {{"rate", 0.0001, 1, true}, {"window_minutes", 1, big, true}, {"min_checks", 1, big, false}};
    case AlertRuleKind::RiderReportedException: return {{"quiet_minutes", 1, big, false}};
    case AlertRuleKind::IllegalTransition: return {{"quiet_minutes", 1, big, false}};
    case AlertRuleKind::RepeatedResyncs: return {{"count", 2, big, true}, {"window_minutes", 1, big, true}};
    case AlertRuleKind::OrderStorm:
        return {{"z", 0.5, 100, true}, {"min_samples", 1, big, false}, {"min_orders", 0, big, false},
                {"utc_offset_hours", -12, 14, false}};
    case AlertRuleKind::SuspiciousBurst: return {{"count", 2, big, true}, {"window_minutes", 0.1, big, true}};
    case AlertRuleKind::IntakeOverCapacity:
        return {{"per_min", 1, big, true}, {"ratio", 0.1, 100, false}, {"window_minutes", 0.1, 60, false}};
    case AlertRuleKind::AcceptanceCollapse:
        return {{"rate", 0.01, 1, true}, {"window_minutes", 0.1, 60, true}, {"min_offered", 1, big, false}};
    case AlertRuleKind::BreakerOpen: return {{"minutes", 0.05, 1440, true}, {"window_minutes", 0.05, 1440, false}};
    case AlertRuleKind::FeedDegraded: return {{"update_seconds", 1, big, false}};
    }
    return {};
}

std::string text(const QJsonValue &v) { return v.toString().toStdString(); }

// A depot's own capacity: "per_min:BJ-CY-01": 60 beside the default "per_min".
std::string readDepotCapacities(const QJsonObject &thresholds, AlertRule &rule)
{
    for (auto it = thresholds.begin(); it != thresholds.end(); ++it) {
        if (!it.key().startsWith(QLatin1String("per_min:")) || it.key().size() <= 8)
            continue;
        if (it.value().toDouble() < 1)
            return "threshold '" + it.key().toStdString() + "' must be at least 1";
        rule.thresholds[it.key().toStdString()] = it.value().toDouble();
    }
    return {};
}

// Fills `rule` from `o`; returns the first problem, empty when the rule is good.
std::string readRule(const QJsonObject &o, AlertRule &rule)
{
    if (!o.value(QStringLiteral("id")).isString() || o.value(QStringLiteral("id")).toString().trimmed().isEmpty())
        return "id missing or not a string";
    rule.id = text(o.value(QStringLiteral("id")));
    if (!o.value(QStringLiteral("kind")).isString())
        return "kind missing";
    if (!alertRuleKindFromString(text(o.value(QStringLiteral("kind"))), &rule.kind))
        return "unknown kind '" + text(o.value(QStringLiteral("kind"))) + "'";
    rule.title = text(o.value(QStringLiteral("title")));
    if (!o.value(QStringLiteral("severity")).isString()
        || !alertSeverityFromString(text(o.value(QStringLiteral("severity"))), &rule.severity))
        return "severity must be one of info, warning, major, critical";

    const QJsonValue debounce = o.value(QStringLiteral("debounce_s"));
    if (!debounce.isUndefined() && (!debounce.isDouble() || debounce.toDouble() < 0 || debounce.toDouble() > 86400))
        return "debounce_s must be a number of seconds from 0 to 86400";
    rule.debounceMs = static_cast<std::int64_t>(debounce.toDouble(0) * 1000);
    const QJsonValue escalate = o.value(QStringLiteral("escalate_after_min"));
    // Bounded (a week) so the milliseconds fit: 1e48 minutes came from the fuzzer.
    if (!escalate.isUndefined() && (!escalate.isDouble() || escalate.toDouble() < 0 || escalate.toDouble() > 10080))
        return "escalate_after_min must be a number of minutes from 0 to 10080";
    rule.escalateAfterMs = static_cast<std::int64_t>(escalate.toDouble(0) * 60000);
    const QJsonValue enabled = o.value(QStringLiteral("enabled"));
    if (!enabled.isUndefined() && !enabled.isBool())
        return "enabled must be true or false";
    rule.enabled = enabled.toBool(true);

    const QJsonValue roles = o.value(QStringLiteral("roles"));
    if (!roles.isArray() || roles.toArray().isEmpty())
        return "roles must be a non-empty array";
    for (const auto &r : roles.toArray()) {
        const std::string role = text(r);
        bool known = false;
        for (const auto &k : alertRoles())
            known = known || k == role;
        if (!known)
            return "unknown role '" + role + "'";
        rule.roles.push_back(role);
    }

    const QJsonValue th = o.value(QStringLiteral("thresholds"));
    if (!th.isUndefined() && !th.isObject())
        return "thresholds must be an object";
    const QJsonObject thresholds = th.toObject();
    for (auto it = thresholds.begin(); it != thresholds.end(); ++it) {
        if (!it.value().isDouble())
            return "threshold '" + it.key().toStdString() + "' is not a number";
    }
    for (const Need &need : needsOf(rule.kind)) {
        const QJsonValue v = thresholds.value(QLatin1String(need.name));
        if (v.isUndefined()) {
            if (need.required)
                return std::string("threshold '") + need.name + "' missing";
            continue;
        }
        const double d = v.toDouble();
        if (d < need.min || d > need.max)
            return std::string("threshold '") + need.name + "' out of range (" + std::to_string(need.min) + " to "
                + std::to_string(need.max) + ")";
        rule.thresholds[need.name] = d;
    }
    if (rule.kind == AlertRuleKind::IntakeOverCapacity) {
        if (std::string problem = readDepotCapacities(thresholds, rule); !problem.empty())
            return problem;
    }

    if (rule.kind == AlertRuleKind::OrderStateTimeout) {
        const auto state = orderStateFromString(text(o.value(QStringLiteral("state"))));
        if (!state || *state == OrderState::Unknown || isFinal(*state))
            return "state must be a non-final order state (e.g. PAID)";
        rule.state = *state;
    }
    if (rule.kind == AlertRuleKind::SuspiciousBurst) {
        rule.by = text(o.value(QStringLiteral("by")));
        if (rule.by != "account" && rule.by != "address")
            return "by must be 'account' or 'address'";
    }
    return {};
}

} // namespace

std::string_view toString(AlertRuleKind kind) { return kKindNames.at(static_cast<std::size_t>(kind)); }

bool alertRuleKindFromString(std::string_view text, AlertRuleKind *out)
{
    for (std::size_t i = 0; i < kKindNames.size(); ++i) {
        if (kKindNames[i] == text) {
            *out = static_cast<AlertRuleKind>(i);
            return true;
        }
    }
    return false;
}

bool isOccurrenceRule(AlertRuleKind kind)
{
    return kind == AlertRuleKind::OrderDeliveredLate || kind == AlertRuleKind::RiderReportedException
        || kind == AlertRuleKind::IllegalTransition;
}

const std::vector<std::string> &alertRoles()
{
    static const std::vector<std::string> roles{"dispatcher", "customer_service", "ops_manager", "merchant"};
    return roles;
}

AlertRuleSet parseAlertRules(const QByteArray &json)
{
    AlertRuleSet set;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        set.errors.push_back({-1, {}, "not JSON: " + error.errorString().toStdString() + " at offset "
                                          + std::to_string(error.offset)});
        return set;
    }
    if (!doc.isObject() || !doc.object().value(QStringLiteral("rules")).isArray()) {
        set.errors.push_back({-1, {}, "expected an object with a \"rules\" array"});
        return set;
    }
    const QJsonValue version = doc.object().value(QStringLiteral("version"));
    if (!version.isUndefined() && version.toInt(-1) != 1) {
        set.errors.push_back({-1, {}, "unsupported version (this console reads version 1)"});
        return set;
    }
    std::set<std::string> ids;
    const QJsonArray rules = doc.object().value(QStringLiteral("rules")).toArray();
    for (int i = 0; i < rules.size(); ++i) {
        if (!rules.at(i).isObject()) {
            set.errors.push_back({i, {}, "rule is not an object"});
            continue;
        }
        AlertRule rule;
        std::string problem = readRule(rules.at(i).toObject(), rule);
        if (problem.empty() && !ids.insert(rule.id).second)
            problem = "duplicate id";
        if (!problem.empty()) {
            qCWarning(lcAlertRules) << "rule" << i << rule.id.c_str() << "rejected:" << problem.c_str();
            set.errors.push_back({i, rule.id, std::move(problem)});
            continue;
        }
        set.rules.push_back(std::move(rule));
    }
    return set;
}

QByteArray builtInAlertRulesJson()
{
    initAlertResources();
    QFile file(QStringLiteral(":/alerts/rules.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

AlertRuleSet loadAlertRules(const QString &overridePath)
{
    if (!overridePath.isEmpty() && QFile::exists(overridePath)) {
        QFile file(overridePath);
        if (file.open(QIODevice::ReadOnly)) {
            const QByteArray json = file.readAll();
            AlertRuleSet set = parseAlertRules(json);
            set.source = overridePath;
            set.json = json;
            if (set.rules.empty()) {
                // A broken override must not silence every alert: the shipped rules run,
                // and the editor opens on the broken text with its problems.
                qCWarning(lcAlertRules) << overridePath << "has no usable rule:" << set.errors.size()
                                        << "problems - the built-in rules run";
                set.rules = parseAlertRules(builtInAlertRulesJson()).rules;
            }
            return set;
        }
        qCWarning(lcAlertRules) << "cannot read" << overridePath << "- using the built-in rules";
    }
    const QByteArray json = builtInAlertRulesJson();
    AlertRuleSet set = parseAlertRules(json);
    set.source = QStringLiteral(":/alerts/rules.json");
    set.json = json;
    return set;
}

} // namespace opsdeck::core
