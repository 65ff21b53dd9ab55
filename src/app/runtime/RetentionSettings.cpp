#include "RetentionSettings.h"

#include "ConsoleOptions.h"

#include <QObject>
#include <QLocale>
#include <QSettings>

#include <cmath>

namespace opsdeck::app {

namespace {

// Accepts the C locale's and the user's decimal separator ("0.5" and "0,5").
std::optional<double> number(const QString &text)
{
    const QString t = text.trimmed();
    bool ok = false;
    double v = t.toDouble(&ok);
    if (!ok)
        v = QLocale().toDouble(t, &ok);
    if (!ok || !std::isfinite(v))
        return std::nullopt;
    return v;
}

} // namespace

std::optional<std::int64_t> parseEventRetentionDays(const QString &text, QString *error)
{
    const auto days = number(text);
    if (!days) {
        *error = QObject::tr("The event log retention must be a number of days, not \"%1\".").arg(text.trimmed());
        return std::nullopt;
    }
    if (*days <= 0 || *days > RetentionSettings::kMaxEventDays) {
        *error = QObject::tr("The event log retention must be more than 0 and at most %1 days.")
                     .arg(RetentionSettings::kMaxEventDays);
        return std::nullopt;
    }
    return static_cast<std::int64_t>(std::llround(*days * RetentionSettings::kDayMs));
}

std::optional<std::int64_t> parsePositionRetentionHours(const QString &text, QString *error)
{
    const auto hours = number(text);
    if (!hours) {
        *error = QObject::tr("The position history retention must be a number of hours, not \"%1\".").arg(text.trimmed());
        return std::nullopt;
    }
    if (*hours <= 0 || *hours > RetentionSettings::kMaxPositionHours) {
        *error = QObject::tr("The position history retention must be more than 0 and at most %1 hours.")
                     .arg(RetentionSettings::kMaxPositionHours);
        return std::nullopt;
    }
    return static_cast<std::int64_t>(std::llround(*hours * RetentionSettings::kHourMs));
}

std::optional<std::int64_t> parsePersonalRetentionDays(const QString &text, QString *error)
{
    // Whole days from 1 up: a fraction of a day would erase customers still being served.
    const auto days = number(text);
    if (!days || *days < 1 || *days != std::floor(*days) || *days > RetentionSettings::kMaxEventDays) {
        *error = QObject::tr("The personal data retention must be a whole number of days from 1 to %1, not \"%2\".")
                     .arg(RetentionSettings::kMaxEventDays)
                     .arg(text.trimmed());
        return std::nullopt;
    }
    return static_cast<std::int64_t>(std::llround(*days * RetentionSettings::kDayMs));
}

QString retentionDaysText(std::int64_t ms)
{
    return QString::number(static_cast<double>(ms) / RetentionSettings::kDayMs, 'g', 6);
}

QString retentionHoursText(std::int64_t ms)
{
    return QString::number(static_cast<double>(ms) / RetentionSettings::kHourMs, 'g', 6);
}

RetentionSettings readRetentionSettings(const QSettings &settings, QStringList *problems)
{
    RetentionSettings r;
    QString error;
    // An unquoted comma makes QSettings return a list: toString() is then empty and refused.
    if (const QVariant v = settings.value(QLatin1String(kEventRetentionKey)); v.isValid()) {
        if (const auto ms = parseEventRetentionDays(v.toString(), &error))
            r.eventRetentionMs = *ms;
        else if (problems)
            problems->append(QObject::tr("settings %1: %2 Using %3 days.")
                                 .arg(QLatin1String(kEventRetentionKey), error, retentionDaysText(r.eventRetentionMs)));
    }
    if (const QVariant v = settings.value(QLatin1String(kPositionRetentionKey)); v.isValid()) {
        if (const auto ms = parsePositionRetentionHours(v.toString(), &error))
            r.positionRetentionMs = *ms;
        else if (problems)
            problems->append(QObject::tr("settings %1: %2 Using %3 hours.")
                                 .arg(QLatin1String(kPositionRetentionKey), error,
                                      retentionHoursText(r.positionRetentionMs)));
    }
    if (const QVariant v = settings.value(QLatin1String(kPersonalRetentionKey)); v.isValid()) {
        if (const auto ms = parsePersonalRetentionDays(v.toString(), &error))
            r.personalRetentionMs = *ms;
        else if (problems)
            problems->append(QObject::tr("settings %1: %2 Using %3 days.")
                                 .arg(QLatin1String(kPersonalRetentionKey), error,
                                      retentionDaysText(r.personalRetentionMs)));
    }
    return r;
}

void writeRetentionSettings(QSettings &settings, const RetentionSettings &retention)
{
    settings.setValue(QLatin1String(kEventRetentionKey), retentionDaysText(retention.eventRetentionMs));
    settings.setValue(QLatin1String(kPositionRetentionKey), retentionHoursText(retention.positionRetentionMs));
    settings.setValue(QLatin1String(kPersonalRetentionKey), retentionDaysText(retention.personalRetentionMs));
}

void applyRetentionSettings(const QSettings &settings, ConsoleOptions &options, QStringList *problems)
{
    const RetentionSettings r = readRetentionSettings(settings, problems);
    if (options.eventRetentionMs == 0)
        options.eventRetentionMs = r.eventRetentionMs;
    if (options.positionRetentionMs == 0)
        options.positionRetentionMs = r.positionRetentionMs;
    if (options.personalRetentionMs == 0)
        options.personalRetentionMs = r.personalRetentionMs;
}

} // namespace opsdeck::app
