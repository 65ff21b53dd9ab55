#pragma once

#include "sdk/OrderActions.h"

#include <QString>

namespace opsdeck::app {

// Refusals of order actions in words a dispatcher reads: what the order is doing, why
// the action cannot be taken now, and which actions can ("Order DD… is being delivered.
// It cannot be held now. Allowed now: Reassign."). Never a state machine's codes.

// "Order DD… is being delivered." for a wire state; unknown states readably.
QString orderStateSentence(const QString &orderId, const QString &state);
// The console's actions the order's state allows, in words: "Allowed now: Reassign, Cancel."
// or that nothing can be done from the console any more.
QString allowedNowSentence(const QString &state);
// Why `kind` is not possible in `state`, with what is allowed instead.
QString illegalActionText(const QString &orderId, const QString &state, sdk::OrderActions::Kind kind);
// The gateway's refusal (protocol.md error codes) in words. An illegal_transition reply
// names the order's state in its message on our gateway; when it does, the words say
// what is allowed in that state.
QString gatewayRefusalText(const QString &orderId, sdk::OrderActions::Kind kind, const QString &error,
                           const QString &message);

} // namespace opsdeck::app
