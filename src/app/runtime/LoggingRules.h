#pragma once

#include <QString>

class QSettings;

namespace opsdeck::app {

// The settings key whose rules (Qt's syntax, one per line or separated by ';') are
// applied over the defaults, e.g. "opsdeck.feed.*.debug=true".
inline constexpr char kLoggingRulesKey[] = "logging/rules";

// The console is quiet by default: info and debug of every opsdeck.* category are off,
// warnings and errors stay on. The feed alone logs dozens of debug lines a second,
// which buried the few lines an operator needs.
QString defaultLoggingRules();

// The defaults followed by the settings' `logging/rules` (later rules win).
QString loggingRules(const QSettings &settings);

// Installs loggingRules(settings) as the application's filter rules. QT_LOGGING_RULES
// (and QT_LOGGING_CONF) still win over both: Qt applies them after these.
void installLoggingRules(const QSettings &settings);

} // namespace opsdeck::app
