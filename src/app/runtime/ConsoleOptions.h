#pragma once

#include "ConsoleRuntime.h"

#include "core/access/Permission.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace opsdeck::app {

// How much of the day the embedded gateway plays before it serves, unless --cold: the
// first hour silently (the board is full, riders on the road, in the first snapshot),
// the last two published to the console once it has joined, so its KPI charts have two
// hours of history counted from real events, and its alerts are the day's.
inline constexpr std::int64_t kWarmStartPrerollMs = 3LL * 3600 * 1000;
inline constexpr std::int64_t kWarmStartReplayMs = 2LL * 3600 * 1000;

struct ConsoleOptions {
    RuntimeOptions runtime;
    bool headless = false;
    double durationSeconds = 0; // 0: until a signal (or the window closes)
    QString settingsPath;       // empty: the platform default
    QString locale;             // empty: the system locale
    QString role = QStringLiteral("dispatcher");
    QString user;
    // Who is at the console. The window sets it from the sign-in (app/signin/WindowSignIn);
    // parsing fills it from --role/--user for the embedded demo (demo = true) and
    // --headless, the only paths that still take --role.
    core::access::Principal principal;
    QString merchant; // --merchant: the merchant a merchant user sees (until sign-in supplies it)
    std::int64_t positionRetentionMs = 0; // --position-retention; 0: PositionRecorder's default
    std::int64_t eventRetentionMs = 0;    // --event-retention (days); 0: the settings' or 30 days
    std::int64_t personalRetentionMs = 0; // settings retention/personal_data_days; 0: 90 days
};

// Parses the console's command line. Returns std::nullopt and fills *error for bad
// input (the caller prints it with the usage and exits with status 2).
std::optional<ConsoleOptions> parseConsoleOptions(const QStringList &arguments, QString *error, QString *helpText);

// "true" when the command line asks for --headless; decided before any Q*Application exists.
bool wantsHeadless(int argc, char **argv);
// True when the arguments only ask for text (--help, --help-all, --version) or there is
// no display for a window: the options are then parsed without a QApplication, which
// would abort on "could not connect to display" before saying anything useful.
bool needsNoWindow(int argc, char **argv);

} // namespace opsdeck::app
