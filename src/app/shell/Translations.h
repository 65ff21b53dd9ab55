#pragma once

#include <QString>

class QCoreApplication;

namespace opsdeck::app {

// Installs the console's translation for `locale` ("zh_CN", "en_US"; empty: the system
// locale) from the embedded :/i18n/opsdeck_<locale>.qm, plus Qt's own strings for
// standard dialogs when available. English is the source language and needs nothing.
// Also makes `locale` the default QLocale so numbers and times match the language.
void installTranslations(QCoreApplication &app, const QString &locale);

} // namespace opsdeck::app
