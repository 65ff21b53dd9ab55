#include "OrderRefusals.h"

#include "core/model/OrderState.h"
#include "sdk/CodeLabels.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <array>

namespace opsdeck::app {

namespace {

using Kind = sdk::OrderActions::Kind;

QString words(const char *text)
{
    return QCoreApplication::translate("OrderRefusals", text);
}

bool allows(core::OrderState from, Kind kind)
{
    using S = core::OrderState;
    switch (kind) {
    // PICKING -> DELIVERING is the depot's dispatch, not a reassignment.
    case Kind::Reassign: return from == S::Delivering || from == S::Exception;
    case Kind::Release: return from == S::Held;
    case Kind::Hold: return core::isLegalTransition(from, S::Held);
    case Kind::Cancel: return core::isLegalTransition(from, S::Cancelled);
    }
    return false;
}

QString actionName(Kind kind)
{
    switch (kind) {
    case Kind::Reassign: return sdk::codeLabel(sdk::CodeFamily::Command, QStringLiteral("reassign"));
    case Kind::Hold: return sdk::codeLabel(sdk::CodeFamily::Command, QStringLiteral("hold"));
    case Kind::Release: return sdk::codeLabel(sdk::CodeFamily::Command, QStringLiteral("release"));
    case Kind::Cancel: return sdk::codeLabel(sdk::CodeFamily::Command, QStringLiteral("cancel"));
    }
    return {};
}

QString cannotNow(Kind kind)
{
    switch (kind) {
    case Kind::Reassign:
        return words(QT_TRANSLATE_NOOP("OrderRefusals", "It cannot be reassigned now: only an order that is being "
                                                        "delivered or has a delivery exception can be reassigned."));
    case Kind::Hold: return words(QT_TRANSLATE_NOOP("OrderRefusals", "It cannot be held now."));
    case Kind::Release:
        return words(QT_TRANSLATE_NOOP("OrderRefusals", "It cannot be released now: only a held order can be released."));
    case Kind::Cancel: return words(QT_TRANSLATE_NOOP("OrderRefusals", "It cannot be cancelled now."));
    }
    return {};
}

} // namespace

QString orderStateSentence(const QString &orderId, const QString &state)
{
    static constexpr std::array<std::pair<const char *, const char *>, 12> kSentences{{
        {"CREATED", QT_TRANSLATE_NOOP("OrderRefusals", "Order %1 has been placed but is not paid yet.")},
        {"PAID", QT_TRANSLATE_NOOP("OrderRefusals", "Order %1 is paid and waits to be picked.")},
        {"HELD", QT_TRANSLATE_NOOP("OrderRefusals", "Order %1 is on hold.")},
        {"OUT_OF_STOCK", QT_TRANSLATE_NOOP("OrderRefusals", "Order %1 is waiting for stock.")},
        {"PICKING", QT_TRANSLATE_NOOP("OrderRefusals", "Order %1 is being picked.")},
        {"DELIVERING", QT_TRANSLATE_NOOP("OrderRefusals", "Order %1 is being delivered.")},
        {"EXCEPTION", QT_TRANSLATE_NOOP("OrderRefusals", "Order %1 has a delivery exception.")},
        {"RETURNING", QT_TRANSLATE_NOOP("OrderRefusals", "Order %1 is being returned.")},
        {"CLAIMING", QT_TRANSLATE_NOOP("OrderRefusals", "Order %1 is in a claim.")},
        {"SIGNED", QT_TRANSLATE_NOOP("OrderRefusals", "Order %1 has been delivered and signed for.")},
        {"CLOSED", QT_TRANSLATE_NOOP("OrderRefusals", "Order %1 is closed.")},
        {"CANCELLED", QT_TRANSLATE_NOOP("OrderRefusals", "Order %1 has been cancelled.")},
    }};
    for (const auto &[code, sentence] : kSentences)
        if (state == QLatin1String(code))
            return words(sentence).arg(orderId);
    return words(QT_TRANSLATE_NOOP("OrderRefusals", "Order %1 is in a state the console does not know (%2)."))
        .arg(orderId, sdk::readableCode(state));
}

QString allowedNowSentence(const QString &state)
{
    const auto from = core::orderStateFromString(state.toStdString());
    QStringList allowed;
    if (from)
        for (Kind kind : {Kind::Reassign, Kind::Hold, Kind::Release, Kind::Cancel})
            if (allows(*from, kind))
                allowed << actionName(kind);
    if (allowed.isEmpty())
        return words(QT_TRANSLATE_NOOP("OrderRefusals", "No action can be taken on it from the console now."));
    //: Separates the names of actions in "Allowed now: Reassign, Cancel."
    const QString separator = QCoreApplication::translate("OrderRefusals", ", ");
    return words(QT_TRANSLATE_NOOP("OrderRefusals", "Allowed now: %1.")).arg(allowed.join(separator));
}

QString illegalActionText(const QString &orderId, const QString &state, Kind kind)
{
    return QStringList{orderStateSentence(orderId, state), cannotNow(kind), allowedNowSentence(state)}.join(u' ');
}

QString gatewayRefusalText(const QString &orderId, Kind kind, const QString &error, const QString &message)
{
    if (error == QLatin1String("illegal_transition")) {
        // Our gateway says "order DD… is CANCELLED: cannot release"; another may not.
        static const QRegularExpression stateWord(QStringLiteral("\\b([A-Z][A-Z_]+[A-Z])\\b"));
        for (auto it = stateWord.globalMatch(message); it.hasNext();) {
            const QString word = it.next().captured(1);
            if (const auto s = core::orderStateFromString(word.toStdString()); s && *s != core::OrderState::Unknown)
                return words(QT_TRANSLATE_NOOP("OrderRefusals", "The gateway refused: the order has moved on.")) + u' '
                    + illegalActionText(orderId, word, kind);
        }
    }
    const QString said = sdk::codeLabel(sdk::CodeFamily::ControlError, error);
    if (sdk::isKnownCode(sdk::CodeFamily::ControlError, error) || message.isEmpty())
        return words(QT_TRANSLATE_NOOP("OrderRefusals", "The gateway refused: %1.")).arg(said);
    return words(QT_TRANSLATE_NOOP("OrderRefusals", "The gateway refused: %1 (%2).")).arg(said, message);
}

} // namespace opsdeck::app
