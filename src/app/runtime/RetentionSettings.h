#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>

class QSettings;

namespace opsdeck::app {

struct ConsoleOptions;

// How long the console keeps its history (docs/storage.md "Retention"): the event log in
// days, rider position history in hours. One parser for the command line, the settings
// file and the settings dialog, so all three refuse the same values with the same reason.
struct RetentionSettings {
    static constexpr std::int64_t kHourMs = 3600LL * 1000;
    static constexpr std::int64_t kDayMs = 24 * kHourMs;
    static constexpr double kMaxEventDays = 3650;     // ten years: more is a typo
    static constexpr double kMaxPositionHours = 8760; // a year
    std::int64_t eventRetentionMs = 30 * kDayMs;
    std::int64_t positionRetentionMs = 24 * kHourMs;
    std::int64_t personalRetentionMs = 90 * kDayMs; // personal data (docs/security.md "Privacy requests")
};

inline constexpr const char *kEventRetentionKey = "retention/event_log_days";
inline constexpr const char *kPositionRetentionKey = "retention/position_hours";
inline constexpr const char *kPersonalRetentionKey = "retention/personal_data_days";

// A number of days above 0 and at most kMaxEventDays (fractions allowed: 0.5 is 12 h).
// std::nullopt with a translated reason for anything else.
std::optional<std::int64_t> parseEventRetentionDays(const QString &text, QString *error);
// Personal data: whole days from 1 to kMaxEventDays, with its own wording.
std::optional<std::int64_t> parsePersonalRetentionDays(const QString &text, QString *error);
// A number of hours above 0 and at most kMaxPositionHours.
std::optional<std::int64_t> parsePositionRetentionHours(const QString &text, QString *error);

// "30", "0.5": the settings' and the dialog's spelling of a retention.
QString retentionDaysText(std::int64_t ms);
QString retentionHoursText(std::int64_t ms);

// The settings file's values; a missing key is the default, a bad one too, with its
// reason appended to *problems (the console prints them, it never refuses to start).
RetentionSettings readRetentionSettings(const QSettings &settings, QStringList *problems);
void writeRetentionSettings(QSettings &settings, const RetentionSettings &retention);

// The command line wins: fills only what it left unset (0) from the settings file.
void applyRetentionSettings(const QSettings &settings, ConsoleOptions &options, QStringList *problems);

} // namespace opsdeck::app
