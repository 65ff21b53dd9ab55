#include "KpiChartFill.h"

#include <QCoreApplication>

#include <cmath>

namespace opsdeck::widgets {

namespace {

const QColor kBlue(0x25, 0x63, 0xeb);
const QColor kGreen(0x16, 0xa3, 0x4a);
const QColor kAmber(0xf5, 0x9e, 0x0b);
const QColor kPurple(0x7c, 0x3a, 0xed);

constexpr int kHistogramMaxMinutes = 90;
constexpr int kHistogramBinMinutes = 2;

double pct(double fraction)
{
    return std::isfinite(fraction) ? fraction * 100.0 : NAN;
}

} // namespace

QString scopeLabel(const QString &scope)
{
    if (scope.isEmpty() || scope == QLatin1String("all"))
        return QCoreApplication::translate("KpiCharts", "All depots");
    const qsizetype colon = scope.indexOf(QLatin1Char(':'));
    return colon >= 0 ? scope.mid(colon + 1) : scope;
}

void showVolume(KpiChart *chart, const QList<sdk::KpiValues> &series)
{
    KpiLine orders{QCoreApplication::translate("KpiCharts", "Orders / min"), kBlue, {}};
    KpiLine signedLine{QCoreApplication::translate("KpiCharts", "Signed / min"), kGreen, {}};
    for (const auto &v : series) {
        const double minutes = std::max(1.0, (v.toMs - v.fromMs) / 60000.0);
        // Plot at the end of the bucket: the value is known once the bucket closes.
        const double x = static_cast<double>(v.toMs);
        orders.points.append({x, v.ordersPerMin});
        signedLine.points.append({x, v.signedOrders / minutes});
    }
    chart->setTitle(QCoreApplication::translate("KpiCharts", "Order flow"));
    // No axis title: the legend says "per minute", and a rotated title taller than a
    // docked chart's plot was elided.
    chart->setLines({orders, signedLine}, QString(), 0, 0);
}

void showRates(KpiChart *chart, const QList<sdk::KpiValues> &series)
{
    KpiLine fulfilment{QCoreApplication::translate("KpiCharts", "Fulfilment %"), kPurple, {}};
    KpiLine onTime{QCoreApplication::translate("KpiCharts", "On-time %"), kAmber, {}};
    for (const auto &v : series) {
        const double x = static_cast<double>(v.toMs);
        fulfilment.points.append({x, pct(v.fulfilmentRate)});
        onTime.points.append({x, pct(v.onTimeRate)});
    }
    chart->setTitle(QCoreApplication::translate("KpiCharts", "Fulfilment and on-time rate"));
    chart->setLines({fulfilment, onTime}, QCoreApplication::translate("KpiCharts", "%"), 0, 100);
}

void showDeliveryHistogram(KpiChart *chart, const QList<double> &bins, int binSeconds)
{
    // Regroup the engine's 30 s bins into 2-minute bars up to 90 min (the tail in the last).
    const int perBar = std::max(1, kHistogramBinMinutes * 60 / std::max(1, binSeconds));
    const int bars = kHistogramMaxMinutes / kHistogramBinMinutes;
    QList<double> counts(bars, 0.0);
    for (qsizetype i = 0; i < bins.size(); ++i)
        counts[std::min<qsizetype>(i / perBar, bars - 1)] += bins[i];
    chart->setTitle(QCoreApplication::translate("KpiCharts", "Delivery time, paid to signed"));
    chart->setHistogram(counts, kHistogramBinMinutes, QCoreApplication::translate("KpiCharts", "minutes"), kBlue);
}

void showDepotBars(KpiChart *chart, const QList<QPair<QString, sdk::KpiValues>> &depots)
{
    QStringList categories;
    KpiBarSet fulfilment{QCoreApplication::translate("KpiCharts", "Fulfilment %"), kPurple, {}};
    KpiBarSet onTime{QCoreApplication::translate("KpiCharts", "On-time %"), kAmber, {}};
    for (const auto &[scope, v] : depots) {
        categories.append(scopeLabel(scope));
        fulfilment.values.append(pct(v.fulfilmentRate));
        onTime.values.append(pct(v.onTimeRate));
    }
    chart->setTitle(QCoreApplication::translate("KpiCharts", "By depot"));
    chart->setBars(categories, {fulfilment, onTime}, QCoreApplication::translate("KpiCharts", "%"), 100);
}

} // namespace opsdeck::widgets
