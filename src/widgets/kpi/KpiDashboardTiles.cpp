// KpiDashboardWidget's tiles: each a value, the figure behind it, and a colour only when
// the figure can bear a verdict.
#include "KpiDashboardWidget.h"
#include "KpiTile.h"
#include "sdk/CodeLabels.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace opsdeck::widgets {

namespace {

enum class Unit { Rate, Minutes, Number };

QString signedText(double diff, Unit unit)
{
    const QString sign = diff > 0 ? QStringLiteral("+") : diff < 0 ? QStringLiteral("−") : QString();
    const double a = std::fabs(diff);
    switch (unit) {
    case Unit::Rate:
        return sign + QCoreApplication::translate("KpiDashboardWidget", "%1 pts").arg(QLocale().toString(a * 100, 'f', 1));
    case Unit::Minutes:
        return sign + QCoreApplication::translate("KpiDashboardWidget", "%1 min").arg(QLocale().toString(a, 'f', 1));
    case Unit::Number:
        break;
    }
    return sign + QLocale().toString(a, 'f', 1);
}

double acceptance(const sdk::KpiValues &v)
{
    return v.offered > 0 ? static_cast<double>(v.accepted) / static_cast<double>(v.offered) : NAN;
}

QString topReason(const sdk::KpiValues &v)
{
    QString best;
    double rate = 0;
    for (const auto &[reason, r] : v.exceptionRateByReason)
        if (std::isfinite(r) && r > rate) {
            rate = r;
            best = reason;
        }
    if (best.isEmpty())
        return QCoreApplication::translate("KpiDashboardWidget", "none reported");
    return QCoreApplication::translate("KpiDashboardWidget", "top: %1 %2")
        .arg(sdk::codeLabel(sdk::CodeFamily::Reason, best), formatPercent(rate));
}

// Stock checks behind the out-of-stock rate (the count is not in KpiValues).
qint64 stockChecks(const sdk::KpiValues &v)
{
    return std::isfinite(v.outOfStockRate) && v.outOfStockRate > 0 ? std::llround(v.outOfStock / v.outOfStockRate)
                                                                     : (std::isfinite(v.outOfStockRate) ? v.orders : 0);
}

} // namespace

void KpiDashboardWidget::showTiles(const sdk::KpiValues &v, const sdk::KpiValues *base, const QString &baseText,
                                   qint64 observedMs)
{
    // Without a trend, a rate whose sample is too small says why it has no colour.
    const QString tooFew = tr("too few to judge");
    auto set = [&](const QString &id, const QString &value, const QString &detail, KpiGrade grade, double now,
                   double before, Unit unit, KpiSense sense, const QString &fallback, qint64 sample) {
        KpiTile *t = m_tiles.value(id);
        if (!t)
            return;
        t->setDetail(detail);
        const QString note = sample >= 0 && sample < m_targets.minSample && sense != KpiSense::Neutral ? tooFew : fallback;
        if (base && std::isfinite(now) && std::isfinite(before) && value != QStringLiteral("—")) {
            const double diff = now - before;
            const double eps = unit == Unit::Rate ? 0.0005 : 0.05;
            const int dir = std::fabs(diff) < eps ? 0 : (diff > 0 ? 1 : -1);
            const bool improving = sense == KpiSense::Neutral || (sense == KpiSense::HigherIsBetter ? diff >= 0 : diff <= 0);
            t->setValue(value, grade, signedText(dir == 0 ? 0.0 : diff, unit) + QLatin1Char(' ') + baseText, dir, improving);
        } else {
            t->setValue(value, grade, note, 0, true);
        }
    };
    const sdk::KpiValues empty;
    const sdk::KpiValues &b = base ? *base : empty;
    const KpiTargets &tg = m_targets;
    set(QStringLiteral("orders"), formatNumber(v.ordersPerMin, 1), tr("%n orders", nullptr, static_cast<int>(v.orders)),
        KpiGrade::Unknown, v.ordersPerMin, b.ordersPerMin, Unit::Number, KpiSense::Neutral, tr("created per minute"), -1);

    // Before anything could be delivered the finished orders are the fast failures only:
    // 0 % then says nothing about fulfilment.
    const qint64 finished = v.signedOrders + v.cancelled + v.returned + v.claimed;
    const bool due = v.signedOrders > 0 || observedMs >= static_cast<qint64>(tg.dueAfterMinutes * 60000);
    set(QStringLiteral("fulfilment"), due ? formatPercent(v.fulfilmentRate) : QStringLiteral("—"),
        tr("%1 of %2 delivered").arg(v.signedOrders).arg(finished),
        due ? tg.judge(tg.fulfilment, v.fulfilmentRate, finished) : KpiGrade::Unknown, v.fulfilmentRate,
        b.fulfilmentRate, Unit::Rate, KpiSense::HigherIsBetter,
        due ? tr("delivered of finished orders") : tr("no order due yet"), due ? finished : -1);
    set(QStringLiteral("on_time"), formatPercent(v.onTimeRate), tr("%n signed", nullptr, static_cast<int>(v.signedOrders)),
        tg.judge(tg.onTime, v.onTimeRate, v.signedOrders), v.onTimeRate, b.onTimeRate, Unit::Rate,
        KpiSense::HigherIsBetter, tr("signed by the promised time"), v.signedOrders);
    set(QStringLiteral("delivery"), formatMinutes(v.deliveryP90Min),
        std::isfinite(v.deliveryP50Min) ? tr("p50 %1").arg(formatMinutes(v.deliveryP50Min)) : QString(),
        tg.judge(tg.deliveryP90Min, v.deliveryP90Min, v.signedOrders), v.deliveryP90Min, b.deliveryP90Min,
        Unit::Minutes, KpiSense::LowerIsBetter, tr("paid to signed"), v.signedOrders);
    set(QStringLiteral("pick"), formatMinutes(v.pickP50Min),
        std::isfinite(v.pickP90Min) ? tr("p90 %1").arg(formatMinutes(v.pickP90Min)) : QString(),
        tg.judge(tg.pickP50Min, v.pickP50Min, v.dispatched), v.pickP50Min, b.pickP50Min, Unit::Minutes,
        KpiSense::LowerIsBetter, tr("picking to dispatch"), v.dispatched);
    const qint64 checks = stockChecks(v);
    set(QStringLiteral("out_of_stock"), formatPercent(v.outOfStockRate),
        tr("%n short", nullptr, static_cast<int>(v.outOfStock)), tg.judge(tg.outOfStock, v.outOfStockRate, checks),
        v.outOfStockRate, b.outOfStockRate, Unit::Rate, KpiSense::LowerIsBetter, tr("of stock checks"), checks);
    set(QStringLiteral("exceptions"), formatPercent(v.exceptionRate),
        tr("of %n dispatched", nullptr, static_cast<int>(v.dispatched)),
        tg.judge(tg.exceptions, v.exceptionRate, v.dispatched), v.exceptionRate, b.exceptionRate, Unit::Rate,
        KpiSense::LowerIsBetter, topReason(v), v.dispatched);
    set(QStringLiteral("loss"), formatPercent(v.lossRate, 2), tr("%n claimed", nullptr, static_cast<int>(v.claimed)),
        tg.judge(tg.loss, v.lossRate, v.signedOrders + v.claimed), v.lossRate, b.lossRate, Unit::Rate,
        KpiSense::LowerIsBetter, tr("cold-chain excursions: %n", nullptr, static_cast<int>(v.coldExcursions)),
        v.signedOrders + v.claimed);
    // The head count big, the utilisation beside it with its own label: "55 · 0 %" read as one number.
    const QString riders = v.activeRidersNow >= 0 ? QLocale().toString(v.activeRidersNow) : formatNumber(v.avgOnlineRiders, 1);
    // Riders ride to their first pickups before anyone delivers: utilisation is judged once
    // orders are due, like fulfilment.
    set(QStringLiteral("riders"), riders, tr("%1 utilised").arg(formatPercent(v.utilisation, 0)),
        due ? tg.judge(tg.utilisation, v.utilisation, v.dispatched) : KpiGrade::Unknown, v.utilisation, b.utilisation,
        Unit::Rate, KpiSense::HigherIsBetter, tr("%1 online on average").arg(formatNumber(v.avgOnlineRiders, 1)),
        due ? v.dispatched : -1);
    set(QStringLiteral("intake"), formatPercent(acceptance(v)), tr("%1 of %2 accepted").arg(v.accepted).arg(v.offered),
        tg.judge(tg.acceptance, acceptance(v), v.offered), acceptance(v), acceptance(b), Unit::Rate,
        KpiSense::HigherIsBetter, tr("%n rejected", nullptr, static_cast<int>(v.rejected)), v.offered);
}

} // namespace opsdeck::widgets
