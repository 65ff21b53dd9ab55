#include "AlertMessage.h"

#include "core/model/Event.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

#include <array>
#include <cstdio>

namespace opsdeck::core {

namespace {
using C = AlertCode;

// The English templates: the same words as the views' source texts (AlertMessageText.cpp).
constexpr std::array<AlertCodeInfo, kAlertCodeCount> kCodes{{
    {C::Text, "text", "%1", "t"},
    {C::IllegalTransition, "order.illegal_transition", "%1 not allowed in state %2 (seq %3)", "tti"},
    {C::StateTimeout, "order.state_timeout", "in %1 for %2 (limit %3 min)", "tdi"},
    {C::PastEta, "order.past_eta", "delivering %1 past ETA, rider %2", "dt"},
    {C::DeliveredLate, "order.delivered_late", "delivered %1 min after the promised time", "i"},
    {C::PromiseMissed, "order.promise_missed", "not signed %1 after the promised time", "d"},
    {C::FixStale, "rider.fix_stale", "last GPS fix %1 ago", "d"},
    {C::Stationary, "rider.stationary", "delivering but within %1 m of one spot for %2", "id"},
    {C::BatteryLow, "rider.battery_low", "battery at %1 %", "r"},
    {C::OutOfZone, "rider.out_of_zone", "outside the zone of %1", "t"},
    {C::RiderReport, "rider.report", "rider %1 reported %2", "tt"},
    {C::RiderReportNote, "rider.report_note", "rider %1 reported %2: %3", "ttt"},
    {C::StockBelowReorder, "stock.below_reorder", "%1 (%2) at %3 %4, reorder point %5", "ttrtr"},
    {C::SensorOutOfRangeVehicle, "sensor.out_of_range_vehicle", "%1 %2 %3 outside %4..%5 (vehicle %6)", "trtrrt"},
    {C::SensorOutOfRangeDepot, "sensor.out_of_range_depot", "%1 %2 %3 outside %4..%5 (depot %6)", "trtrrt"},
    {C::BurstAccount, "burst.account", "%1 orders within %2 min from one account: %3", "iit"},
    {C::BurstAddress, "burst.address", "%1 orders within %2 min from one address: %3", "iit"},
    {C::OrderStorm, "storm.orders_per_minute", "%1 orders/min vs %2 usual at this weekday-hour (z %3)", "irr"},
    {C::StockOutRate, "stock.out_of_stock_rate", "%1 % of %2 stock checks failed in %3 min", "rii"},
    {C::RepeatedResyncs, "feed.repeated_resyncs", "%1 resyncs within %2 min", "ii"},
    {C::IntakeOverCapacity, "intake.over_capacity", "%1 orders/min offered, %2 % of the capacity of %3/min set in the rule", "iii"},
    {C::IntakeOverRateLimit, "intake.over_rate_limit", "%1 orders/min offered, %2 % of the depot's rate limit of %3/min", "iii"},
    {C::AcceptanceCollapse, "intake.acceptance_collapse", "%1 % of %2 new orders accepted in %3 min (%4 rate limited, %5 turned away by a breaker)", "iiiii"},
    {C::BreakerOpen, "intake.breaker_open", "breaker open or probing for %1 of the last %2 min: new orders in its scope are turned away (error rate %3 %)", "dir"},
    {C::BreakerForcedOpen, "intake.breaker_forced_open", "breaker forced open for %1 of the last %2 min: no new orders in its scope", "di"},
    {C::FeedDegraded, "feed.degraded", "feed of depot %1 degraded: %2 frames keep failing (%3), %4 so far; resyncs backed off", "ttti"},
    {C::ClearedOrderMoved, "cleared.order_moved", "condition cleared: order moved to %1", "t"},
    {C::ClearedOrderIs, "cleared.order_is", "condition cleared: order is %1", "t"},
    {C::ClearedOrderUnknown, "cleared.order_unknown", "condition cleared: order no longer known", ""},
    {C::ClearedOrderRetired, "cleared.order_retired", "retired by gateway", ""},
    {C::ClearedNewEta, "cleared.new_eta", "condition cleared: new ETA %1", "w"},
    {C::ClearedFreshFix, "cleared.fresh_fix", "condition cleared: fresh GPS fix", ""},
    {C::ClearedBattery, "cleared.battery", "condition cleared: battery at %1 %", "r"},
    {C::ClearedBackInZone, "cleared.back_in_zone", "condition cleared: back inside the zone of %1", "t"},
    {C::ClearedRiderOffline, "cleared.rider_offline", "condition cleared: rider went offline", ""},
    {C::ClearedNotDelivering, "cleared.not_delivering", "condition cleared: no longer delivering", ""},
    {C::ClearedMovingAgain, "cleared.moving_again", "condition cleared: moving again", ""},
    {C::ClearedRestocked, "cleared.restocked", "condition cleared: restocked to %1", "r"},
    {C::ClearedSensorInRange, "cleared.sensor_in_range", "condition cleared: reading back in range (%1)", "r"},
    {C::ClearedBurst, "cleared.burst", "condition cleared: %1 orders in the last %2 min", "ii"},
    {C::ClearedStorm, "cleared.storm", "condition cleared: %1 orders/min (usual %2)", "ir"},
    {C::ClearedStockOutRate, "cleared.out_of_stock_rate", "condition cleared: out-of-stock rate %1 %", "r"},
    {C::ClearedResyncs, "cleared.resyncs", "condition cleared: %1 resyncs in the window", "i"},
    {C::ClearedIntakeRate, "cleared.intake_rate", "condition cleared: %1 orders/min offered (capacity %2/min)", "ii"},
    {C::ClearedAcceptance, "cleared.acceptance", "condition cleared: %1 % of new orders accepted", "i"},
    {C::ClearedBreakerClosed, "cleared.breaker_closed", "condition cleared: breaker closed most of the last %1 min", "i"},
    {C::ClearedFeedClean, "cleared.feed_clean", "condition cleared: frames of depot %1 read cleanly again", "t"},
    {C::ClearedQuiet, "cleared.quiet", "condition cleared: no new occurrence in %1 min", "i"},
    {C::RuleRetired, "note.rule_retired", "rule removed or disabled", ""},
    {C::NotAcknowledged, "note.not_acknowledged", "not acknowledged within %1 min", "i"},
    {C::StillNotSigned, "note.still_not_signed", "still not signed %1 min after the promised time", "i"},
    {C::AssignedTo, "note.assigned_to", "to %1", "t"},
}};

constexpr bool tableInOrder()
{
    for (int i = 0; i < kAlertCodeCount; ++i)
        if (static_cast<int>(kCodes[static_cast<std::size_t>(i)].code) != i)
            return false;
    return true;
}
static_assert(tableInOrder(), "kCodes is indexed by AlertCode");

std::string fixed1(double v)
{
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

std::string render(AlertArgKind kind, const AlertArg &arg)
{
    if (const auto *s = std::get_if<std::string>(&arg))
        return *s;
    if (const auto *d = std::get_if<double>(&arg))
        return fixed1(*d);
    const std::int64_t n = std::get<std::int64_t>(arg);
    switch (kind) {
    case AlertArgKind::Duration: return englishDuration(n);
    case AlertArgKind::Time: return formatTimestampMs(n);
    case AlertArgKind::Real: return fixed1(static_cast<double>(n));
    default: return std::to_string(n);
    }
}

bool fits(AlertArgKind kind, const AlertArg &arg)
{
    switch (kind) {
    case AlertArgKind::Text: return std::holds_alternative<std::string>(arg);
    case AlertArgKind::Real: return std::holds_alternative<double>(arg);
    default: return std::holds_alternative<std::int64_t>(arg);
    }
}
} // namespace

AlertMessage AlertMessage::text(std::string text)
{
    AlertMessage m; // no text: no argument, so every empty message compares equal
    if (!text.empty())
        m.args.emplace_back(std::move(text));
    return m;
}

bool AlertMessage::isEmpty() const
{
    if (code != AlertCode::Text)
        return false;
    const auto *s = args.empty() ? nullptr : std::get_if<std::string>(&args.front());
    return !s || s->empty();
}

const AlertCodeInfo &alertCodeInfo(AlertCode code)
{
    return kCodes.at(static_cast<std::size_t>(code));
}

std::string_view toString(AlertCode code)
{
    return alertCodeInfo(code).name;
}

bool alertCodeFromName(std::string_view name, AlertCode *out)
{
    for (const auto &info : kCodes) {
        if (info.name == name) {
            if (out)
                *out = info.code;
            return true;
        }
    }
    return false;
}

bool argsFit(AlertCode code, const std::vector<AlertArg> &args)
{
    const std::string_view kinds = alertCodeInfo(code).kinds;
    if (args.size() != kinds.size())
        return false;
    for (std::size_t i = 0; i < args.size(); ++i)
        if (!fits(static_cast<AlertArgKind>(kinds[i]), args[i]))
            return false;
    return true;
}

std::string englishDuration(std::int64_t ms)
{
    return ms >= 120000 ? std::to_string(ms / 60000) + " min" : std::to_string(ms / 1000) + " s";
}

std::string formatEnglish(const AlertMessage &message)
{
    if (message.code == AlertCode::Text) {
        const auto *s = message.args.empty() ? nullptr : std::get_if<std::string>(&message.args.front());
        return s ? *s : std::string();
    }
    const AlertCodeInfo &info = alertCodeInfo(message.code);
    // One pass, so an argument that itself contains "%2" (a rider's note) stays as typed;
    // the view fills its templates the same way.
    std::string out;
    out.reserve(info.english.size() + 32);
    for (std::size_t i = 0; i < info.english.size(); ++i) {
        const char c = info.english[i];
        const std::size_t n = i + 1 < info.english.size() ? static_cast<std::size_t>(info.english[i + 1] - '1') : 99;
        if (c == '%' && n < message.args.size()) {
            const auto kind = n < info.kinds.size() ? static_cast<AlertArgKind>(info.kinds[n]) : AlertArgKind::Text;
            out += render(kind, message.args[n]);
            ++i;
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::string argsToJson(const std::vector<AlertArg> &args)
{
    QJsonArray array;
    for (const auto &arg : args) {
        if (const auto *s = std::get_if<std::string>(&arg))
            array.append(QString::fromStdString(*s));
        else if (const auto *d = std::get_if<double>(&arg))
            array.append(*d);
        else
            array.append(static_cast<qint64>(std::get<std::int64_t>(arg)));
    }
    return QJsonDocument(array).toJson(QJsonDocument::Compact).toStdString();
}

bool argsFromJson(AlertCode code, std::string_view json, std::vector<AlertArg> *out)
{
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(json.data(), static_cast<qsizetype>(json.size())));
    const std::string_view kinds = alertCodeInfo(code).kinds;
    if (!doc.isArray() && !(json.empty() && kinds.empty()))
        return false;
    const QJsonArray array = doc.array();
    if (static_cast<std::size_t>(array.size()) != kinds.size())
        return false;
    std::vector<AlertArg> args;
    args.reserve(kinds.size());
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        const QJsonValue v = array.at(static_cast<qsizetype>(i));
        const auto kind = static_cast<AlertArgKind>(kinds[i]);
        if (kind == AlertArgKind::Text ? !v.isString() : !v.isDouble())
            return false;
        if (kind == AlertArgKind::Text)
            args.emplace_back(v.toString().toStdString());
        else if (kind == AlertArgKind::Real)
            args.emplace_back(v.toDouble());
        else
            args.emplace_back(static_cast<std::int64_t>(v.toInteger()));
    }
    if (out)
        *out = std::move(args);
    return true;
}

} // namespace opsdeck::core
