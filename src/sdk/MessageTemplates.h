#pragma once

#include "sdk/SdkExport.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

class QTranslator;

namespace opsdeck::sdk {

// The messages customer service sends (issue 18; protocol.md "Extensions", command
// notify_customer). The text is rendered here, in the language the customer reads, which
// need not be the console's: an English console may write to a Chinese customer.
enum class MessageTemplate { DelayApology, OutOfStockSubstitution, StormRetry };

// Wire ids: delay_apology, oos_substitution, storm_retry.
OPSDECK_SDK_EXPORT std::optional<MessageTemplate> messageTemplateFromId(const QString &id);
OPSDECK_SDK_EXPORT QString messageTemplateId(MessageTemplate t);
// The {names} a template needs, in the order they appear in its English text.
OPSDECK_SDK_EXPORT QStringList messageTemplateVariables(MessageTemplate t);

struct RenderedMessage {
    QString text;         // empty unless ok()
    QString error;        // why nothing can be sent: unknown language, missing variables, no translation
    QStringList missing;  // the variables that were not given
    bool ok() const { return error.isEmpty(); }
};

// Renders `t` in `language` ("en" or "zh_CN") with `vars` ({customer} -> "王女士").
// `chinese` is the console's zh_CN catalogue (:/i18n/opsdeck_zh_CN.qm), passed in
// because the console's installed translator follows the console's language, not the
// customer's. A message is never sent half-filled or in the wrong language: a missing
// variable, a language other than the two, or a template the catalogue does not translate
// is an error. Values are inserted once; a value that itself holds "{order}" stays as typed.
OPSDECK_SDK_EXPORT RenderedMessage renderMessage(MessageTemplate t, const QString &language,
                                                 const QHash<QString, QString> &vars, const QTranslator *chinese);

} // namespace opsdeck::sdk
