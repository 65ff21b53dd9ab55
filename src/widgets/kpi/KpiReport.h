#pragma once

#include "sdk/KpiService.h"

#include <QImage>
#include <QList>
#include <QString>

namespace opsdeck::widgets {

// A day or a week of KPIs, all depots and each depot, ready to be written.
struct KpiReport {
    QString title;
    QString period;              // "2026-11-22" or "2026-11-16 – 2026-11-22"
    qint64 generatedAtMs = 0;
    sdk::KpiHistoryResult history; // scope "all", with depots
    QList<QImage> charts;        // renderKpiReportCharts(); may be empty for CSV
};

// The dashboard's four charts drawn from a history result. GUI thread (widgets).
QList<QImage> renderKpiReportCharts(const sdk::KpiHistoryResult &history);

// Both are plain file writers: call them off the GUI thread (QtConcurrent).
bool writeKpiReportCsv(const KpiReport &report, const QString &path, QString *error);
bool writeKpiReportPdf(const KpiReport &report, const QString &path, QString *error);

// One line per KPI: label and formatted value, in the order of the PDF table and the tiles.
QList<QPair<QString, QString>> kpiReportLines(const sdk::KpiValues &values);

} // namespace opsdeck::widgets
