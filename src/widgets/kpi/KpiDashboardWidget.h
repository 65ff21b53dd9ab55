#pragma once

#include "KpiFormat.h"
#include "KpiOrderFilter.h"
#include "sdk/KpiService.h"
#include "widgets/WidgetsExport.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>

class QSettings;

namespace Ui {
class KpiDashboardWidget;
}

namespace opsdeck::widgets {

class KpiChart;
class KpiTile;
class KpiReportScheduler;

// The ops manager's KPI view: tiles (value, trend, target colour), live charts (order
// flow, fulfilment and on-time, delivery-time histogram, bars per depot), a range picker
// (live, today, last 7 days) and a depot picker. Draws only: live figures come from
// sdk::KpiService snapshots (at most once a second), history from its async queries.
//
// Clicking a tile emits showOrdersRequested(filter) with the orders behind the figure;
// the order board connects it to its filter (docs/kpi.md, "Tiles and the board").
class OPSDECK_WIDGETS_EXPORT KpiDashboardWidget final : public QWidget
{
    Q_OBJECT
public:
    enum class Range { Live = 0, Today = 1, LastSevenDays = 2 };
    enum class ReportFormat { Csv, Pdf };

    // `service` may be null (a host without KPIs): the dashboard says so and stays empty.
    // `settings` are the console's (sdk::ConsoleContext::settings(), where the daily
    // report's folder and time are kept); null: the schedule lasts for this session.
    KpiDashboardWidget(sdk::KpiService *service, QSettings *settings, QWidget *parent = nullptr);
    ~KpiDashboardWidget() override;

    void setRange(Range range);
    Range range() const;
    void setScope(const QString &scope); // "all" or "depot:<id>"
    QString scope() const;
    void setTargets(const KpiTargets &targets);
    // "Now" for the Today and 7-day ranges and for reports (tests inject one).
    void setClock(std::function<QDateTime()> clock);

    // What a service signal does; public so benchmarks and tests can time and drive it.
    void applySnapshot(const sdk::KpiLiveSnapshot &snapshot);
    void applyHistory(quint64 requestId, const sdk::KpiHistoryResult &result);

    KpiTile *tile(const QString &kpiId) const;
    QList<KpiTile *> tiles() const { return m_tileList; }
    QList<KpiChart *> charts() const { return m_charts; }
    int snapshotsApplied() const { return m_snapshotsApplied; }

    // Exports the dashboard's period (Live and Today: today; Last 7 days: the week) for
    // all depots and each depot. Asynchronous: reportWritten or reportFailed follows.
    void exportReport(const QString &path, ReportFormat format);
    // Where the export dialog opens: the folder of the last export (kept in the settings
    // under kpi/report/exportFolder), else the user's documents.
    QString exportFolder() const;

    // The daily report writer, on the settings given to the constructor.
    KpiReportScheduler *scheduler() const { return m_scheduler; }

signals:
    void showOrdersRequested(const opsdeck::widgets::KpiOrderFilter &filter);
    void reportWritten(const QString &path);
    void reportFailed(const QString &path, const QString &error);
    void historyShown();

protected:
    // The tiles' ground, from the palette: it follows the theme.
    void paintEvent(QPaintEvent *event) override;

private:
    struct PendingExport {
        QString path;
        ReportFormat format = ReportFormat::Csv;
        QString period;
    };
    void buildTiles();
    void buildCharts();
    void onTileClicked(const QString &kpiId);
    void onRangeChanged();
    void requestRangeHistory();
    void refreshScopes(const sdk::KpiLiveSnapshot &snapshot);
    // observedMs: how long the console has watched (judgement waits for orders to be due).
    void showTiles(const sdk::KpiValues &now, const sdk::KpiValues *baseline, const QString &baselineText,
                   qint64 observedMs);
    void showLiveCharts(const sdk::KpiLiveSnapshot &snapshot);
    void showSlowCharts(const sdk::KpiLiveSnapshot &snapshot, const QList<double> &histogram,
                        sdk::KpiWindowId barsWindow);
    void showHistoryCharts(const sdk::KpiHistoryResult &result, bool includeHistogramAndBars);
    void updateStatus();
    QPair<qint64, qint64> rangeBounds(Range range) const;
    void chooseExport(ReportFormat format);
    void chooseDailyReport();
    void writeExport(const PendingExport &job, const sdk::KpiHistoryResult &result);

    std::unique_ptr<Ui::KpiDashboardWidget> m_ui;
    QPointer<sdk::KpiService> m_service;
    QSettings *m_settings = nullptr; // the console's; null: m_exportFolder for this session
    QString m_exportFolder;
    KpiTargets m_targets;
    std::function<QDateTime()> m_clock;
    QHash<QString, KpiTile *> m_tiles;
    QList<KpiTile *> m_tileList;
    QList<KpiChart *> m_charts;
    sdk::KpiLiveSnapshot m_snapshot;
    sdk::KpiHistoryResult m_history;
    quint64 m_historyRequest = 0;
    QHash<quint64, PendingExport> m_exports;
    QStringList m_knownScopes;
    int m_snapshotsApplied = 0;
    int m_slowChartTick = 0;
    bool m_slowChartsStale = true;
    qint64 m_historyAtMs = 0;
    KpiReportScheduler *m_scheduler = nullptr;
};

} // namespace opsdeck::widgets
