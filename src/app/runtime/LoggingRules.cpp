#include "LoggingRules.h"

#include <QLoggingCategory>
#include <QSettings>
#include <QStringList>

namespace opsdeck::app {

QString defaultLoggingRules()
{
    return QStringLiteral("opsdeck.*.debug=false\nopsdeck.*.info=false");
}

QString loggingRules(const QSettings &settings)
{
    const QVariant value = settings.value(QLatin1String(kLoggingRulesKey));
    // An INI line with commas reads back as a list; QT_LOGGING_RULES separates with ';'.
    QString extra = value.typeId() == QMetaType::QStringList ? value.toStringList().join(QLatin1Char('\n'))
                                                             : value.toString();
    extra.replace(QLatin1Char(';'), QLatin1Char('\n'));
    const QString rules = defaultLoggingRules();
    return extra.trimmed().isEmpty() ? rules : rules + QLatin1Char('\n') + extra.trimmed();
}

void installLoggingRules(const QSettings &settings)
{
    QLoggingCategory::setFilterRules(loggingRules(settings));
}

} // namespace opsdeck::app
