#pragma once

#include "sdk/SdkExport.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace opsdeck::sdk {

// The one catalogue of words for the codes the feed and the gateway send (protocol.md):
// reasons, payment methods, channels, rider statuses, scopes, breaker states, control
// errors... Every view turns a code into text here, so a code reads the same in the
// board, the detail, the alerts and the intake panel, in English and in Chinese
// (context "Codes" of the translation catalogue). A code the catalogue does not know
// (a newer gateway) is shown readably ("slow_pickup" -> "slow pickup"), never raw.
enum class CodeFamily {
    Reason,         // held / cancelled / exception / return / claim / ETA reasons, report kinds
    Outcome,        // order.closed outcome
    Actor,          // a system that acts: order.released by, order.exception reported_by
    PaymentMethod,  // order.paid method
    Channel,        // order.created channel
    Priority,       // order.created priority (extension)
    OrderState,     // CREATED, PAID, ...
    RiderStatus,    // rider.status status
    SensorKind,     // sensor.reading kind
    EventType,      // an order event's type, as an illegal transition names it
    BreakerState,   // gateway.stats breakers[].state
    BreakerMode,    // gateway.stats breakers[].mode, set_breaker mode
    Command,        // control cmd
    ControlError,   // control reply error
    AlertSubject,   // what an alert is about: order, rider, account, ...
    AlertAction,    // a step of an alert's life: raised, acknowledged, ...
};

// The code in the user's language; unknown codes as readableCode().
OPSDECK_SDK_EXPORT QString codeLabel(CodeFamily family, const QString &code);
// True when the catalogue has words for the code.
OPSDECK_SDK_EXPORT bool isKnownCode(CodeFamily family, const QString &code);
OPSDECK_SDK_EXPORT QStringList knownCodes(CodeFamily family);
// "slow_pickup" -> "slow pickup", "order.held" -> "order held": for codes nobody has named.
OPSDECK_SDK_EXPORT QString readableCode(const QString &code);

// "Depot BJ-CY-01 (Chaoyang)"; the district comes from the id's middle part.
OPSDECK_SDK_EXPORT QString depotLabel(const QString &depot);
// "global" -> "Whole city", "depot:BJ-CY-01" -> "Depot BJ-CY-01 (Chaoyang)",
// "merchant:M-1" -> "Merchant M-1"; anything else readably.
OPSDECK_SDK_EXPORT QString scopeLabel(const QString &scope);

// The language the installed translation speaks ("en" without one, "zh_CN"...): the
// catalogue itself says which, so it always matches the words the user sees.
OPSDECK_SDK_EXPORT QString catalogueLanguage();

// An alert rule's name in the user's language: the rules file's "title_<language>"
// (e.g. "title_zh_CN") when the rule has one, else its "title" through the catalogue
// (context "AlertRules"), else the id made readable. New rules need no code: a title
// (and a translated title) in the file is enough.
OPSDECK_SDK_EXPORT QString alertRuleName(const QString &ruleId, const QJsonObject &rule);

} // namespace opsdeck::sdk
