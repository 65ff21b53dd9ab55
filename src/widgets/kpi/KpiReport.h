#pragma once

#include "sdk/KpiService.h"

#include <QList>
#include <QPicture>
#include <QSize>
#include <QString>

namespace opsdeck::widgets {

// A day or a week of KPIs, all depots and each depot, ready to be written.
struct KpiReport {
    QString title;
    QString period;              // "2026-11-22" or "2026-11-16 – 2026-11-22"
    qint64 generatedAtMs = 0;
    sdk::KpiHistoryResult history; // scope "all", with depots
    QList<QPicture> charts;      // renderKpiReportCharts(); may be empty for CSV
};

// The size the report's charts are drawn at, in the widgets' pixels: small enough that
// their 8 pt text stays at least 8 pt once a chart is scaled into a quarter of A4.
inline constexpr QSize kKpiReportChartSize{420, 260};

// The dashboard's four charts drawn from a history result, each from its own chart, as
// vector pictures (text stays text in the PDF), over the time the history observed.
// GUI thread (widgets).
QList<QPicture> renderKpiReportCharts(const sdk::KpiHistoryResult &history);

// Both are plain file writers: call them off the GUI thread (QtConcurrent).
bool writeKpiReportCsv(const KpiReport &report, const QString &path, QString *error);
bool writeKpiReportPdf(const KpiReport &report, const QString &path, QString *error);

// One line per KPI: label and formatted value, in the order of the PDF table and the tiles.
QList<QPair<QString, QString>> kpiReportLines(const sdk::KpiValues &values);

} // namespace opsdeck::widgets
