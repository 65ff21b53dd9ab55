#pragma once

#include "sdk/AlertService.h"
#include "widgets/WidgetsExport.h"

#include <QString>
#include <QStringList>
#include <QVariantList>

namespace opsdeck::widgets {

// Alert texts in the user's language. The core sends what an alert says as a message
// code and its arguments (sdk::AlertRow::messageCode / messageArgs, noteCode / noteArgs);
// each code has one translatable template here (context "AlertMessages") whose English
// source is the core's English template (core::alertCodeInfo), so the store's English
// and the views' English are the same words, except for arguments that are codes (an
// order state, a reason, a sensor kind): the views word them (sdk/CodeLabels.h). Free text (a user's note) and alerts stored
// before messages had codes carry no code: their stored text is shown as it is, and so
// is a code this build does not know or arguments that do not fit it.
OPSDECK_WIDGETS_EXPORT QString alertMessageText(const QString &code, const QVariantList &args, const QString &storedText);

OPSDECK_WIDGETS_EXPORT QString alertMessageText(const sdk::AlertRow &alert);
OPSDECK_WIDGETS_EXPORT QString alertNoteText(const sdk::AlertRow &alert);
// A history line's note when it has one, else the alert's message.
OPSDECK_WIDGETS_EXPORT QString alertHistoryText(const sdk::AlertHistoryRow &change);

// What an alert is about, in words: a burst from one account or to one address names
// its orders ("5 orders: DD…, DD…") rather than the hash that keys it, a depot says its
// district, the feed says so; orders, riders and sensors by their ids.
OPSDECK_WIDGETS_EXPORT QString alertSubjectText(const QString &subjectKind, const QString &subject,
                                                const QString &messageCode, const QVariantList &messageArgs);
OPSDECK_WIDGETS_EXPORT QString alertSubjectText(const sdk::AlertRow &alert);
// A history row carries no subject kind: the subject's own prefix ("account:…") says it.
OPSDECK_WIDGETS_EXPORT QString alertSubjectText(const sdk::AlertHistoryRow &change);

// Codes with a template here (tests compare them with the core's).
OPSDECK_WIDGETS_EXPORT QStringList knownAlertCodes();
OPSDECK_WIDGETS_EXPORT bool isKnownAlertCode(const QString &code);
// True when the view words some of the code's arguments (states, reasons, sensor kinds),
// so its English differs from the core's there.
OPSDECK_WIDGETS_EXPORT bool alertCodeWordsArguments(const QString &code);

} // namespace opsdeck::widgets
