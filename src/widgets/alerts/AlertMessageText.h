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
// and the views' English are the same words. Free text (a user's note) and alerts stored
// before messages had codes carry no code: their stored text is shown as it is, and so
// is a code this build does not know or arguments that do not fit it.
OPSDECK_WIDGETS_EXPORT QString alertMessageText(const QString &code, const QVariantList &args, const QString &storedText);

OPSDECK_WIDGETS_EXPORT QString alertMessageText(const sdk::AlertRow &alert);
OPSDECK_WIDGETS_EXPORT QString alertNoteText(const sdk::AlertRow &alert);
// A history line's note when it has one, else the alert's message.
OPSDECK_WIDGETS_EXPORT QString alertHistoryText(const sdk::AlertHistoryRow &change);

// Codes with a template here (tests compare them with the core's).
OPSDECK_WIDGETS_EXPORT QStringList knownAlertCodes();
OPSDECK_WIDGETS_EXPORT bool isKnownAlertCode(const QString &code);

} // namespace opsdeck::widgets
