#pragma once

#include <QColor>
#include <QString>
#include <QtGlobal>

namespace opsdeck::widgets {

// How a KPI reads: higher is better, lower is better, or no judgement.
enum class KpiSense { HigherIsBetter, LowerIsBetter, Neutral };
enum class KpiGrade { Good, Warning, Bad, Unknown };

// A target: good when at least (or at most) `good`, warning up to `warning`, else bad.
struct KpiTarget {
    KpiSense sense = KpiSense::Neutral;
    double good = 0;
    double warning = 0;
    KpiGrade grade(double value) const;
};

// Default targets of docs/kpi.md ("Targets"); the ops manager may change them in settings.
struct KpiTargets {
    KpiTarget fulfilment{KpiSense::HigherIsBetter, 0.95, 0.90};
    KpiTarget onTime{KpiSense::HigherIsBetter, 0.90, 0.80};
    KpiTarget deliveryP90Min{KpiSense::LowerIsBetter, 35, 45};
    KpiTarget pickP50Min{KpiSense::LowerIsBetter, 5, 8};
    KpiTarget outOfStock{KpiSense::LowerIsBetter, 0.03, 0.06};
    KpiTarget exceptions{KpiSense::LowerIsBetter, 0.03, 0.06};
    KpiTarget loss{KpiSense::LowerIsBetter, 0.01, 0.02};
    KpiTarget utilisation{KpiSense::HigherIsBetter, 0.50, 0.30};
    KpiTarget acceptance{KpiSense::HigherIsBetter, 0.98, 0.90};
    // No colour below this many orders (or offers) behind a rate: 0 of 1 is not a verdict.
    int minSample = 5;
    // Fulfilment before the first signature and before this much observed time counts only
    // the orders that fail fast (cancellations): no order could have been delivered yet.
    double dueAfterMinutes = 35;
    // target.grade(value) when `denominator` is meaningful, else Unknown.
    KpiGrade judge(const KpiTarget &target, double value, qint64 denominator) const
    {
        return denominator >= minSample ? target.grade(value) : KpiGrade::Unknown;
    }
};

QColor gradeColor(KpiGrade grade);
// "97.4 %", "—" for NaN.
QString formatPercent(double fraction, int decimals = 1);
// "23.5 min", "—" for NaN.
QString formatMinutes(double minutes);
QString formatNumber(double value, int decimals = 1);

} // namespace opsdeck::widgets
