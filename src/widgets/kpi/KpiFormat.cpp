#include "KpiFormat.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace opsdeck::widgets {

KpiGrade KpiTarget::grade(double value) const
{
    if (!std::isfinite(value) || sense == KpiSense::Neutral)
        return KpiGrade::Unknown;
    if (sense == KpiSense::HigherIsBetter)
        return value >= good ? KpiGrade::Good : value >= warning ? KpiGrade::Warning : KpiGrade::Bad;
    return value <= good ? KpiGrade::Good : value <= warning ? KpiGrade::Warning : KpiGrade::Bad;
}

QColor gradeColor(KpiGrade grade)
{
    switch (grade) {
    case KpiGrade::Good:
        return QColor(0x1e, 0x8e, 0x3e);
    case KpiGrade::Warning:
        return QColor(0xe3, 0x8b, 0x06);
    case KpiGrade::Bad:
        return QColor(0xd0, 0x2f, 0x2f);
    case KpiGrade::Unknown:
        break;
    }
    return QColor(0x6b, 0x72, 0x80);
}

QString formatPercent(double fraction, int decimals)
{
    if (!std::isfinite(fraction))
        return QStringLiteral("—");
    return QLocale().toString(fraction * 100.0, 'f', decimals) + QStringLiteral(" %");
}

QString formatMinutes(double minutes)
{
    if (!std::isfinite(minutes))
        return QStringLiteral("—");
    return QCoreApplication::translate("KpiFormat", "%1 min").arg(QLocale().toString(minutes, 'f', 1));
}

QString formatNumber(double value, int decimals)
{
    if (!std::isfinite(value))
        return QStringLiteral("—");
    return QLocale().toString(value, 'f', decimals);
}

} // namespace opsdeck::widgets
