#pragma once

#include "widgets/charts/KpiChart.h"
#include "sdk/KpiService.h"

#include <QList>
#include <QPair>
#include <QString>

namespace opsdeck::widgets {

// What the dashboard and the reports draw, in one place so the PDF shows exactly the
// dashboard's charts.
void showVolume(KpiChart *chart, const QList<sdk::KpiValues> &series);   // orders and signed per minute
void showRates(KpiChart *chart, const QList<sdk::KpiValues> &series);    // fulfilment and on-time, %
void showDeliveryHistogram(KpiChart *chart, const QList<double> &bins, int binSeconds);
void showDepotBars(KpiChart *chart, const QList<QPair<QString, sdk::KpiValues>> &depots);

// "depot:BJ-CY-01" -> "BJ-CY-01", "all" -> "All depots".
QString scopeLabel(const QString &scope);

} // namespace opsdeck::widgets
