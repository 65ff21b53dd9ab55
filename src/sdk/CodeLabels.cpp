#include "CodeLabels.h"

#include <QCoreApplication>
#include <QJsonValue>

namespace opsdeck::sdk {

namespace {

struct Label {
    CodeFamily family;
    const char *code;
    const char *context; // translation context of text
    const char *text;
};

constexpr const char *kCodes = "Codes";
constexpr const char *kStates = "OrderState";    // shared with widgets/common/OrderStateStyle
constexpr const char *kChannels = "OrderChannel"; // shared with widgets/common/OrderStateStyle

using F = CodeFamily;

// Every code src/sim emits and protocol.md names, plus the board's suggested reasons.
// A label is what a person says, not the code spelt out.
constexpr Label kLabels[] = {
    // Why an order was held, cancelled, returned, claimed, or its ETA moved.
    {F::Reason, "suspicious_burst", kCodes, QT_TRANSLATE_NOOP("Codes", "Suspicious burst")},
    {F::Reason, "payment_review", kCodes, QT_TRANSLATE_NOOP("Codes", "Payment under review")},
    {F::Reason, "operator_hold", kCodes, QT_TRANSLATE_NOOP("Codes", "Held by an operator")},
    {F::Reason, "address_check", kCodes, QT_TRANSLATE_NOOP("Codes", "Address to be checked")},
    {F::Reason, "fraud_suspected", kCodes, QT_TRANSLATE_NOOP("Codes", "Suspected fraud")},
    {F::Reason, "fraud", kCodes, QT_TRANSLATE_NOOP("Codes", "Fraud")},
    {F::Reason, "duplicate", kCodes, QT_TRANSLATE_NOOP("Codes", "Duplicate order")},
    {F::Reason, "payment_failed", kCodes, QT_TRANSLATE_NOOP("Codes", "Payment failed")},
    {F::Reason, "customer_request", kCodes, QT_TRANSLATE_NOOP("Codes", "Customer's request")},
    {F::Reason, "out_of_stock", kCodes, QT_TRANSLATE_NOOP("Codes", "Out of stock")},
    {F::Reason, "no_rider_available", kCodes, QT_TRANSLATE_NOOP("Codes", "No rider available")},
    {F::Reason, "operator_cancel", kCodes, QT_TRANSLATE_NOOP("Codes", "Cancelled by an operator")},
    {F::Reason, "traffic_accident", kCodes, QT_TRANSLATE_NOOP("Codes", "Traffic accident")},
    {F::Reason, "customer_rejected", kCodes, QT_TRANSLATE_NOOP("Codes", "Customer refused the delivery")},
    {F::Reason, "damaged", kCodes, QT_TRANSLATE_NOOP("Codes", "Goods damaged")},
    {F::Reason, "delayed", kCodes, QT_TRANSLATE_NOOP("Codes", "Delayed")},
    {F::Reason, "address_invalid", kCodes, QT_TRANSLATE_NOOP("Codes", "Address not found")},
    {F::Reason, "other", kCodes, QT_TRANSLATE_NOOP("Codes", "Other")},
    {F::Reason, "traffic", kCodes, QT_TRANSLATE_NOOP("Codes", "Traffic")},
    {F::Reason, "slow_pickup", kCodes, QT_TRANSLATE_NOOP("Codes", "Slow pickup")},
    {F::Reason, "ahead_of_schedule", kCodes, QT_TRANSLATE_NOOP("Codes", "Ahead of schedule")},
    {F::Outcome, "returned_to_merchant", kCodes, QT_TRANSLATE_NOOP("Codes", "Returned to the merchant")},
    {F::Outcome, "claim_paid", kCodes, QT_TRANSLATE_NOOP("Codes", "Claim paid")},
    {F::Outcome, "claim_rejected", kCodes, QT_TRANSLATE_NOOP("Codes", "Claim rejected")},
    {F::Actor, "risk_engine", kCodes, QT_TRANSLATE_NOOP("Codes", "Risk engine")},
    {F::Actor, "system", kCodes, QT_TRANSLATE_NOOP("Codes", "System")},
    {F::PaymentMethod, "wechat", kCodes, QT_TRANSLATE_NOOP("Codes", "WeChat Pay")},
    {F::PaymentMethod, "alipay", kCodes, QT_TRANSLATE_NOOP("Codes", "Alipay")},
    {F::PaymentMethod, "card", kCodes, QT_TRANSLATE_NOOP("Codes", "Bank card")},
    {F::PaymentMethod, "campus_card", kCodes, QT_TRANSLATE_NOOP("Codes", "Campus card")},
    {F::Channel, "fresh", kChannels, QT_TRANSLATE_NOOP("OrderChannel", "Fresh")},
    {F::Channel, "campus", kChannels, QT_TRANSLATE_NOOP("OrderChannel", "Campus")},
    {F::Channel, "errand", kChannels, QT_TRANSLATE_NOOP("OrderChannel", "Errand")},
    {F::Priority, "normal", kCodes, QT_TRANSLATE_NOOP("Codes", "Normal priority")},
    {F::Priority, "high", kCodes, QT_TRANSLATE_NOOP("Codes", "High priority")},
    {F::Priority, "urgent", kCodes, QT_TRANSLATE_NOOP("Codes", "Urgent")},
    {F::OrderState, "CREATED", kStates, QT_TRANSLATE_NOOP("OrderState", "Created")},
    {F::OrderState, "PAID", kStates, QT_TRANSLATE_NOOP("OrderState", "Paid")},
    {F::OrderState, "HELD", kStates, QT_TRANSLATE_NOOP("OrderState", "Held")},
    {F::OrderState, "OUT_OF_STOCK", kStates, QT_TRANSLATE_NOOP("OrderState", "Out of stock")},
    {F::OrderState, "PICKING", kStates, QT_TRANSLATE_NOOP("OrderState", "Picking")},
    {F::OrderState, "DELIVERING", kStates, QT_TRANSLATE_NOOP("OrderState", "Delivering")},
    {F::OrderState, "EXCEPTION", kStates, QT_TRANSLATE_NOOP("OrderState", "Exception")},
    {F::OrderState, "RETURNING", kStates, QT_TRANSLATE_NOOP("OrderState", "Returning")},
    {F::OrderState, "CLAIMING", kStates, QT_TRANSLATE_NOOP("OrderState", "Claiming")},
    {F::OrderState, "SIGNED", kStates, QT_TRANSLATE_NOOP("OrderState", "Signed")},
    {F::OrderState, "CLOSED", kStates, QT_TRANSLATE_NOOP("OrderState", "Closed")},
    {F::OrderState, "CANCELLED", kStates, QT_TRANSLATE_NOOP("OrderState", "Cancelled")},
    {F::RiderStatus, "offline", kCodes, QT_TRANSLATE_NOOP("Codes", "Offline")},
    {F::RiderStatus, "idle", kCodes, QT_TRANSLATE_NOOP("Codes", "Idle")},
    {F::RiderStatus, "to_pickup", kCodes, QT_TRANSLATE_NOOP("Codes", "On the way to pick up")},
    {F::RiderStatus, "delivering", kCodes, QT_TRANSLATE_NOOP("Codes", "Delivering")},
    {F::RiderStatus, "break", kCodes, QT_TRANSLATE_NOOP("Codes", "On a break")},
    {F::EventType, "order.created", kCodes, QT_TRANSLATE_NOOP("Codes", "Creation")},
    {F::EventType, "order.paid", kCodes, QT_TRANSLATE_NOOP("Codes", "Payment")},
    {F::EventType, "order.stock_checked", kCodes, QT_TRANSLATE_NOOP("Codes", "Stock check")},
    {F::EventType, "order.restocked", kCodes, QT_TRANSLATE_NOOP("Codes", "Restock")},
    {F::EventType, "order.held", kCodes, QT_TRANSLATE_NOOP("Codes", "Hold")},
    {F::EventType, "order.released", kCodes, QT_TRANSLATE_NOOP("Codes", "Release")},
    {F::EventType, "order.dispatched", kCodes, QT_TRANSLATE_NOOP("Codes", "Dispatch")},
    {F::EventType, "order.reassigned", kCodes, QT_TRANSLATE_NOOP("Codes", "Reassignment")},
    {F::EventType, "order.eta_updated", kCodes, QT_TRANSLATE_NOOP("Codes", "ETA update")},
    {F::EventType, "order.exception", kCodes, QT_TRANSLATE_NOOP("Codes", "Exception report")},
    {F::EventType, "order.signed", kCodes, QT_TRANSLATE_NOOP("Codes", "Signing")},
    {F::EventType, "order.cancelled", kCodes, QT_TRANSLATE_NOOP("Codes", "Cancellation")},
    {F::EventType, "order.return_started", kCodes, QT_TRANSLATE_NOOP("Codes", "Start of a return")},
    {F::EventType, "order.claim_opened", kCodes, QT_TRANSLATE_NOOP("Codes", "Claim")},
    {F::EventType, "order.refunded", kCodes, QT_TRANSLATE_NOOP("Codes", "Refund")},
    {F::EventType, "customer.notified", kCodes, QT_TRANSLATE_NOOP("Codes", "Message to the customer")},
    {F::EventType, "order.closed", kCodes, QT_TRANSLATE_NOOP("Codes", "Closing")},
    {F::EventType, "order.snapshot", kCodes, QT_TRANSLATE_NOOP("Codes", "Snapshot")},
    {F::SensorKind, "temperature", kCodes, QT_TRANSLATE_NOOP("Codes", "Temperature")},
    {F::SensorKind, "humidity", kCodes, QT_TRANSLATE_NOOP("Codes", "Humidity")},
    {F::SensorKind, "weight", kCodes, QT_TRANSLATE_NOOP("Codes", "Weight")},
    {F::BreakerState, "closed", kCodes, QT_TRANSLATE_NOOP("Codes", "Closed")},
    {F::BreakerState, "open", kCodes, QT_TRANSLATE_NOOP("Codes", "Open")},
    {F::BreakerState, "half_open", kCodes, QT_TRANSLATE_NOOP("Codes", "Half-open")},
    {F::BreakerMode, "auto", kCodes, QT_TRANSLATE_NOOP("Codes", "Automatic")},
    {F::BreakerMode, "forced_open", kCodes, QT_TRANSLATE_NOOP("Codes", "Forced open")},
    {F::BreakerMode, "forced_closed", kCodes, QT_TRANSLATE_NOOP("Codes", "Forced closed")},
    {F::Command, "ping", kCodes, QT_TRANSLATE_NOOP("Codes", "Connection check")},
    {F::Command, "reassign", kCodes, QT_TRANSLATE_NOOP("Codes", "Reassign")},
    {F::Command, "hold", kCodes, QT_TRANSLATE_NOOP("Codes", "Hold")},
    {F::Command, "release", kCodes, QT_TRANSLATE_NOOP("Codes", "Release")},
    {F::Command, "cancel", kCodes, QT_TRANSLATE_NOOP("Codes", "Cancel")},
    {F::Command, "set_rate_limit", kCodes, QT_TRANSLATE_NOOP("Codes", "Set a rate limit")},
    {F::Command, "clear_rate_limit", kCodes, QT_TRANSLATE_NOOP("Codes", "Clear a rate limit")},
    {F::Command, "set_breaker", kCodes, QT_TRANSLATE_NOOP("Codes", "Set a circuit breaker")},
    {F::Command, "divert", kCodes, QT_TRANSLATE_NOOP("Codes", "Divert orders")},
    {F::Command, "clear_divert", kCodes, QT_TRANSLATE_NOOP("Codes", "Stop diverting orders")},
    // Reasons of a refusal, said after "The gateway refused: ".
    {F::ControlError, "bad_request", kCodes, QT_TRANSLATE_NOOP("Codes", "the request was not understood")},
    {F::ControlError, "unknown_cmd", kCodes, QT_TRANSLATE_NOOP("Codes", "unknown command")},
    {F::ControlError, "unknown_order", kCodes, QT_TRANSLATE_NOOP("Codes", "unknown order")},
    {F::ControlError, "illegal_transition", kCodes,
     QT_TRANSLATE_NOOP("Codes", "the order's current state does not allow it")},
    {F::ControlError, "unknown_rider", kCodes, QT_TRANSLATE_NOOP("Codes", "unknown rider")},
    {F::ControlError, "forbidden", kCodes, QT_TRANSLATE_NOOP("Codes", "your role may not do this")},
    {F::ControlError, "timeout", kCodes, QT_TRANSLATE_NOOP("Codes", "no answer")},
    {F::AlertSubject, "order", kCodes, QT_TRANSLATE_NOOP("Codes", "Order")},
    {F::AlertSubject, "rider", kCodes, QT_TRANSLATE_NOOP("Codes", "Rider")},
    {F::AlertSubject, "sensor", kCodes, QT_TRANSLATE_NOOP("Codes", "Sensor")},
    {F::AlertSubject, "sku", kCodes, QT_TRANSLATE_NOOP("Codes", "Stock item")},
    {F::AlertSubject, "depot", kCodes, QT_TRANSLATE_NOOP("Codes", "Depot")},
    {F::AlertSubject, "account", kCodes, QT_TRANSLATE_NOOP("Codes", "Customer account")},
    {F::AlertSubject, "address", kCodes, QT_TRANSLATE_NOOP("Codes", "Delivery address")},
    {F::AlertSubject, "feed", kCodes, QT_TRANSLATE_NOOP("Codes", "Order feed")},
    {F::AlertAction, "raised", kCodes, QT_TRANSLATE_NOOP("Codes", "raised")},
    {F::AlertAction, "repeated", kCodes, QT_TRANSLATE_NOOP("Codes", "repeated")},
    {F::AlertAction, "acknowledged", kCodes, QT_TRANSLATE_NOOP("Codes", "acknowledged")},
    {F::AlertAction, "assigned", kCodes, QT_TRANSLATE_NOOP("Codes", "assigned")},
    {F::AlertAction, "snoozed", kCodes, QT_TRANSLATE_NOOP("Codes", "snoozed")},
    {F::AlertAction, "snooze_expired", kCodes, QT_TRANSLATE_NOOP("Codes", "snooze ended")},
    {F::AlertAction, "escalated", kCodes, QT_TRANSLATE_NOOP("Codes", "escalated")},
    {F::AlertAction, "resolved", kCodes, QT_TRANSLATE_NOOP("Codes", "resolved")},
    {F::AlertAction, "auto_resolved", kCodes, QT_TRANSLATE_NOOP("Codes", "resolved by itself")},
};

// Districts by the middle part of a depot id ("BJ-CY-01").
constexpr struct {
    const char *code;
    const char *name;
} kDistricts[] = {
    {"CY", QT_TRANSLATE_NOOP("Codes", "Chaoyang")},   {"HD", QT_TRANSLATE_NOOP("Codes", "Haidian")},
    {"DC", QT_TRANSLATE_NOOP("Codes", "Dongcheng")},  {"XC", QT_TRANSLATE_NOOP("Codes", "Xicheng")},
    {"FT", QT_TRANSLATE_NOOP("Codes", "Fengtai")},    {"SJS", QT_TRANSLATE_NOOP("Codes", "Shijingshan")},
    {"TZ", QT_TRANSLATE_NOOP("Codes", "Tongzhou")},   {"CP", QT_TRANSLATE_NOOP("Codes", "Changping")},
    {"DX", QT_TRANSLATE_NOOP("Codes", "Daxing")},     {"SY", QT_TRANSLATE_NOOP("Codes", "Shunyi")},
};

// The built-in rules' titles (resources/alerts/rules.json), so the translation catalogue
// holds them; alertRuleName() looks any title up by its text.
[[maybe_unused]] constexpr const char *kRuleTitles[] = {
    QT_TRANSLATE_NOOP("AlertRules", "Paid but not picking"),
    QT_TRANSLATE_NOOP("AlertRules", "Picking but not dispatched"),
    QT_TRANSLATE_NOOP("AlertRules", "Delivering past ETA"),
    QT_TRANSLATE_NOOP("AlertRules", "Promised time passed, not signed"),
    QT_TRANSLATE_NOOP("AlertRules", "Delivered 30 min or more late"),
    QT_TRANSLATE_NOOP("AlertRules", "Exception not handled"),
    QT_TRANSLATE_NOOP("AlertRules", "GPS fix older than 60 s"),
    QT_TRANSLATE_NOOP("AlertRules", "Stationary while delivering"),
    QT_TRANSLATE_NOOP("AlertRules", "Rider left the depot's zone"),
    QT_TRANSLATE_NOOP("AlertRules", "Battery under 15 %"),
    QT_TRANSLATE_NOOP("AlertRules", "Cold chain sensor out of range for 2 min"),
    QT_TRANSLATE_NOOP("AlertRules", "Stock below reorder point"),
    QT_TRANSLATE_NOOP("AlertRules", "Order out of stock"),
    QT_TRANSLATE_NOOP("AlertRules", "Depot out-of-stock rate high"),
    QT_TRANSLATE_NOOP("AlertRules", "Rider reported a problem"),
    QT_TRANSLATE_NOOP("AlertRules", "Illegal order transition"),
    QT_TRANSLATE_NOOP("AlertRules", "Feed resyncing repeatedly"),
    QT_TRANSLATE_NOOP("AlertRules", "Order storm"),
    QT_TRANSLATE_NOOP("AlertRules", "Burst of orders from one account"),
    QT_TRANSLATE_NOOP("AlertRules", "Burst of orders to one address"),
};

const Label *find(CodeFamily family, const QString &code)
{
    for (const Label &l : kLabels)
        if (l.family == family && code == QLatin1String(l.code))
            return &l;
    // An order's last reason may be how it closed (order.closed carries its outcome there).
    return family == CodeFamily::Reason ? find(CodeFamily::Outcome, code) : nullptr;
}

QString codesText(const char *text)
{
    return QCoreApplication::translate(kCodes, text);
}

} // namespace

QString codeLabel(CodeFamily family, const QString &code)
{
    const Label *l = find(family, code);
    return l ? QCoreApplication::translate(l->context, l->text) : readableCode(code);
}

bool isKnownCode(CodeFamily family, const QString &code)
{
    return find(family, code) != nullptr;
}

QStringList knownCodes(CodeFamily family)
{
    QStringList codes;
    for (const Label &l : kLabels)
        if (l.family == family)
            codes << QLatin1String(l.code);
    return codes;
}

QString readableCode(const QString &code)
{
    QString text = code.trimmed();
    for (QChar &c : text)
        if (c == u'_' || c == u'.')
            c = u' ';
    return text;
}

QString depotLabel(const QString &depot)
{
    const QStringList parts = depot.split(u'-');
    if (parts.size() >= 2)
        for (const auto &d : kDistricts)
            if (parts.at(1) == QLatin1String(d.code))
                return QCoreApplication::translate("Codes", "Depot %1 (%2)").arg(depot, codesText(d.name));
    return QCoreApplication::translate("Codes", "Depot %1").arg(depot);
}

QString scopeLabel(const QString &scope)
{
    if (scope == QLatin1String("global"))
        return QCoreApplication::translate("Codes", "Whole city");
    if (scope.startsWith(QLatin1String("depot:")))
        return depotLabel(scope.mid(6));
    if (scope.startsWith(QLatin1String("merchant:")))
        return QCoreApplication::translate("Codes", "Merchant %1").arg(scope.mid(9));
    return readableCode(scope);
}

QString catalogueLanguage()
{
    //: The language of this translation as a locale name (zh_CN for Simplified Chinese):
    //: picks the translated titles of alert rules in the rules file ("title_zh_CN").
    return QCoreApplication::translate("Codes", "en");
}

QString alertRuleName(const QString &ruleId, const QJsonObject &rule)
{
    const QString language = catalogueLanguage();
    if (const QString own = rule.value(QStringLiteral("title_") + language).toString().trimmed(); !own.isEmpty())
        return own;
    const QString title = rule.value(QStringLiteral("title")).toString().trimmed();
    if (!title.isEmpty())
        return QCoreApplication::translate("AlertRules", title.toUtf8().constData());
    return readableCode(ruleId);
}

} // namespace opsdeck::sdk
