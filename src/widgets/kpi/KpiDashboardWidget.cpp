#include "KpiDashboardWidget.h"

#include "widgets/charts/KpiChart.h"
#include "KpiChartFill.h"
#include "KpiReport.h"
#include "KpiReportScheduler.h"
#include "KpiTile.h"
#include "ui_KpiDashboardWidget.h"
#include "widgets/common/ThemeColors.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QGridLayout>
#include <QLocale>
#include <QPaintEvent>
#include <QPainter>
#include <QSettings>
#include <QStandardPaths>
#include <QTimeZone>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

#include <cmath>

namespace opsdeck::widgets {

namespace {

constexpr int kTileColumns = 5;
constexpr const char *kExportFolderKey = "kpi/report/exportFolder";
constexpr qint64 kDayMs = 86400000;
constexpr qint64 kHistoryRefreshMs = 300000;
// The histogram (last hour) and the bars (15 min) move slowly: redrawn every 5 ticks, on
// different ticks, so no 1 s tick lays out more than one Qt Charts series.
constexpr int kSlowChartTicks = 5;
constexpr int kHistogramPhase = 0;
constexpr int kBarsPhase = 2;

} // namespace

KpiDashboardWidget::KpiDashboardWidget(sdk::KpiService *service, QSettings *settings, QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::KpiDashboardWidget>()), m_service(service), m_settings(settings)
{
    m_ui->setupUi(this);
    m_clock = [] { return QDateTime::currentDateTime(); };
    QFont title = m_ui->titleLabel->font();
    title.setPointSizeF(13);
    title.setBold(true);
    m_ui->titleLabel->setFont(title);
    m_ui->statusLabel->setForegroundRole(QPalette::PlaceholderText); // grey in either theme
    // A fixed size: the text changes every second, and a label of fixed width and height
    // does not ask the window to lay itself out again (QWidget::updateGeometry).
    m_ui->statusLabel->setFixedSize(
        m_ui->statusLabel->fontMetrics().horizontalAdvance(QStringLiteral("Updated 00:00:00 · 000,000,000 events")) + 8,
        m_ui->statusLabel->sizeHint().height());
    m_ui->statusLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_ui->scopeCombo->addItem(tr("All depots"), QStringLiteral("all"));
    m_knownScopes = {QStringLiteral("all")};

    buildTiles();
    buildCharts();

    connect(m_ui->rangeCombo, &QComboBox::currentIndexChanged, this, &KpiDashboardWidget::onRangeChanged);
    connect(m_ui->scopeCombo, &QComboBox::currentIndexChanged, this, [this] {
        m_slowChartsStale = true;
        if (range() == Range::Live || range() == Range::Today) {
            if (m_snapshot.atMs > 0)
                applySnapshot(m_snapshot);
        }
        if (range() != Range::Live)
            requestRangeHistory();
    });
    connect(m_ui->exportCsvButton, &QPushButton::clicked, this, [this] { chooseExport(ReportFormat::Csv); });
    connect(m_ui->exportPdfButton, &QPushButton::clicked, this, [this] { chooseExport(ReportFormat::Pdf); });
    connect(m_ui->dailyReportButton, &QPushButton::clicked, this, &KpiDashboardWidget::chooseDailyReport);

    m_scheduler = new KpiReportScheduler(service, settings, [this] { return m_clock(); }, this);
    m_scheduler->setActive(!m_scheduler->folder().isEmpty());

    if (!m_service) {
        m_ui->statusLabel->setText(tr("KPIs are not available in this console."));
        m_ui->exportCsvButton->setEnabled(false);
        m_ui->exportPdfButton->setEnabled(false);
        m_ui->dailyReportButton->setEnabled(false);
        return;
    }
    connect(m_service, &sdk::KpiService::snapshotChanged, this, &KpiDashboardWidget::applySnapshot);
    connect(m_service, &sdk::KpiService::historyReady, this, &KpiDashboardWidget::applyHistory);
    const sdk::KpiLiveSnapshot latest = m_service->latest();
    if (latest.atMs > 0)
        applySnapshot(latest);
    else
        m_ui->statusLabel->setText(tr("Waiting for the first figures…"));
}

KpiDashboardWidget::~KpiDashboardWidget() = default;

void KpiDashboardWidget::paintEvent(QPaintEvent *event)
{
    QPainter(this).fillRect(event->rect(), laneColor(palette()));
}

void KpiDashboardWidget::buildTiles()
{
    auto *grid = new QGridLayout(m_ui->tilesHost);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(8);
    const QList<QPair<QString, QString>> specs = {
        {QStringLiteral("orders"), tr("Orders / min")},
        {QStringLiteral("fulfilment"), tr("Fulfilment")},
        {QStringLiteral("on_time"), tr("On time")},
        {QStringLiteral("delivery"), tr("Delivery time p90")},
        {QStringLiteral("pick"), tr("Pick time p50")},
        {QStringLiteral("out_of_stock"), tr("Out of stock")},
        {QStringLiteral("exceptions"), tr("Exceptions")},
        {QStringLiteral("loss"), tr("Loss")},
        {QStringLiteral("riders"), tr("Riders online")},
        {QStringLiteral("intake"), tr("Intake accepted")},
    };
    for (qsizetype i = 0; i < specs.size(); ++i) {
        auto *tile = new KpiTile(specs[i].first, specs[i].second, m_ui->tilesHost);
        connect(tile, &KpiTile::clicked, this, &KpiDashboardWidget::onTileClicked);
        grid->addWidget(tile, static_cast<int>(i / kTileColumns), static_cast<int>(i % kTileColumns));
        m_tiles.insert(specs[i].first, tile);
        m_tileList.append(tile);
    }
    m_tiles.value(QStringLiteral("riders"))->setGradeOnValue(false); // a head count, judged by utilisation
}

void KpiDashboardWidget::buildCharts()
{
    auto *grid = new QGridLayout(m_ui->chartsHost);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(8);
    for (int i = 0; i < 4; ++i) {
        KpiChart *chart = createKpiChart(m_ui->chartsHost);
        chart->setObjectName(QStringLiteral("kpiChart%1").arg(i));
        grid->addWidget(chart, i / 2, i % 2);
        m_charts.append(chart);
    }
    showVolume(m_charts[0], {});
    showRates(m_charts[1], {});
    showDeliveryHistogram(m_charts[2], {}, 30);
    showDepotBars(m_charts[3], {});
}

KpiTile *KpiDashboardWidget::tile(const QString &kpiId) const
{
    return m_tiles.value(kpiId);
}

void KpiDashboardWidget::setRange(Range range)
{
    m_ui->rangeCombo->setCurrentIndex(static_cast<int>(range));
}

KpiDashboardWidget::Range KpiDashboardWidget::range() const
{
    return static_cast<Range>(std::max(0, m_ui->rangeCombo->currentIndex()));
}

void KpiDashboardWidget::setScope(const QString &scope)
{
    int index = m_ui->scopeCombo->findData(scope);
    if (index < 0) {
        m_ui->scopeCombo->addItem(scopeLabel(scope), scope);
        m_knownScopes.append(scope);
        index = m_ui->scopeCombo->count() - 1;
    }
    m_ui->scopeCombo->setCurrentIndex(index);
}

QString KpiDashboardWidget::scope() const
{
    const QString s = m_ui->scopeCombo->currentData().toString();
    return s.isEmpty() ? QStringLiteral("all") : s;
}

void KpiDashboardWidget::setTargets(const KpiTargets &targets)
{
    m_targets = targets;
    if (m_snapshot.atMs > 0)
        applySnapshot(m_snapshot);
}

void KpiDashboardWidget::setClock(std::function<QDateTime()> clock)
{
    m_clock = std::move(clock);
}

QPair<qint64, qint64> KpiDashboardWidget::rangeBounds(Range r) const
{
    const QDateTime now = m_clock();
    const qint64 dayStart = QDateTime(now.date(), QTime(0, 0), now.timeZone()).toMSecsSinceEpoch();
    switch (r) {
    case Range::Live:
        return {now.toMSecsSinceEpoch() - 15 * 60000, now.toMSecsSinceEpoch()};
    case Range::Today:
        return {dayStart, dayStart + kDayMs};
    case Range::LastSevenDays:
        return {dayStart - 6 * kDayMs, dayStart + kDayMs};
    }
    return {dayStart, dayStart + kDayMs};
}

void KpiDashboardWidget::onRangeChanged()
{
    m_history = {};
    m_slowChartsStale = true; // the new range's figures at once, not within 5 s
    if (range() == Range::Live) {
        if (m_snapshot.atMs > 0)
            applySnapshot(m_snapshot);
    } else {
        requestRangeHistory();
        if (range() == Range::Today && m_snapshot.atMs > 0)
            applySnapshot(m_snapshot);
    }
    updateStatus();
}

void KpiDashboardWidget::requestRangeHistory()
{
    if (!m_service || range() == Range::Live)
        return;
    const auto [from, to] = rangeBounds(range());
    sdk::KpiHistoryQuery q;
    q.fromMs = from;
    q.toMs = to;
    q.scope = scope();
    m_historyAtMs = m_clock().toMSecsSinceEpoch();
    m_historyRequest = m_service->requestHistory(q);
}

void KpiDashboardWidget::refreshScopes(const sdk::KpiLiveSnapshot &snapshot)
{
    for (const auto &s : snapshot.scopes) {
        if (!s.scope.startsWith(QLatin1String("depot:")) || m_knownScopes.contains(s.scope))
            continue;
        m_knownScopes.append(s.scope);
        m_ui->scopeCombo->addItem(scopeLabel(s.scope), s.scope);
    }
}

void KpiDashboardWidget::applySnapshot(const sdk::KpiLiveSnapshot &snapshot)
{
    m_snapshot = snapshot;
    ++m_snapshotsApplied;
    refreshScopes(snapshot);
    const sdk::KpiScopeValues *sc = snapshot.find(scope());
    if (!sc)
        sc = snapshot.find(QStringLiteral("all"));
    if (!sc || sc->windows.size() < 4)
        return;
    const auto w = [sc](sdk::KpiWindowId id) -> const sdk::KpiValues & { return sc->windows[static_cast<int>(id)]; };
    switch (range()) {
    case Range::Live:
        showTiles(w(sdk::KpiWindowId::FifteenMinutes), &w(sdk::KpiWindowId::OneHour), tr("vs last hour"),
                  snapshot.atMs - w(sdk::KpiWindowId::Today).fromMs);
        showLiveCharts(snapshot);
        break;
    case Range::Today: {
        showTiles(w(sdk::KpiWindowId::Today), nullptr, QString(), snapshot.atMs - w(sdk::KpiWindowId::Today).fromMs);
        showSlowCharts(snapshot, snapshot.deliveryHistogramToday, sdk::KpiWindowId::Today);
        if (m_clock().toMSecsSinceEpoch() - m_historyAtMs > kHistoryRefreshMs)
            requestRangeHistory();
        break;
    }
    case Range::LastSevenDays:
        break; // history only; the depot list above still follows the live feed
    }
    updateStatus();
}

void KpiDashboardWidget::applyHistory(quint64 requestId, const sdk::KpiHistoryResult &result)
{
    if (m_exports.contains(requestId)) {
        writeExport(m_exports.take(requestId), result);
        return;
    }
    if (requestId != m_historyRequest || range() == Range::Live)
        return;
    m_history = result;
    if (!result.error.isEmpty()) {
        m_ui->statusLabel->setText(tr("History unavailable: %1").arg(result.error));
        return;
    }
    if (range() == Range::LastSevenDays)
        showTiles(result.total, nullptr, QString(), result.total.toMs - result.total.fromMs);
    showHistoryCharts(result, range() == Range::LastSevenDays);
    updateStatus();
    emit historyShown();
}

void KpiDashboardWidget::showLiveCharts(const sdk::KpiLiveSnapshot &snapshot)
{
    // Lines of complete minutes: they then change once a minute, not on every tick (the
    // tiles carry the second-by-second figures). The filling minute is drawn only while
    // it is all there is.
    QList<sdk::KpiValues> trend = snapshot.trend;
    if (trend.size() > 1 && trend.last().toMs - trend.last().fromMs < 60000)
        trend.removeLast();
    // Live: the last hour as it fills, the same span on both charts (a line without a
    // point yet, e.g. no rate before the first finished order, must not fall back to
    // another clock), at least a minute.
    const qint64 to = trend.isEmpty() ? snapshot.atMs : trend.last().toMs;
    const qint64 from = std::min(trend.isEmpty() ? to : trend.first().fromMs, to - 60000);
    for (int i = 0; i < 2; ++i)
        m_charts[i]->setTimeRange(from, to);
    showVolume(m_charts[0], trend);
    showRates(m_charts[1], trend);
    showSlowCharts(snapshot, snapshot.deliveryHistogramLastHour, sdk::KpiWindowId::FifteenMinutes);
}

void KpiDashboardWidget::showSlowCharts(const sdk::KpiLiveSnapshot &snapshot, const QList<double> &histogram,
                                        sdk::KpiWindowId barsWindow)
{
    const int phase = m_slowChartTick++ % kSlowChartTicks;
    if (phase == kHistogramPhase || m_slowChartsStale)
        showDeliveryHistogram(m_charts[2], histogram, snapshot.histogramBinSeconds);
    if (phase == kBarsPhase || m_slowChartsStale) {
        QList<QPair<QString, sdk::KpiValues>> depots;
        for (const auto &s : snapshot.scopes)
            if (s.scope.startsWith(QLatin1String("depot:")) && s.windows.size() == 4)
                depots.append({s.scope, s.windows[static_cast<int>(barsWindow)]});
        showDepotBars(m_charts[3], depots);
    }
    m_slowChartsStale = false;
}

void KpiDashboardWidget::showHistoryCharts(const sdk::KpiHistoryResult &result, bool includeHistogramAndBars)
{
    // A week shows as a week, gaps and all; today shows the hours observed so far (not
    // 00:00 to 24:00 around a morning).
    const bool today = range() == Range::Today && result.total.toMs > result.total.fromMs;
    for (int i = 0; i < 2; ++i)
        m_charts[i]->setTimeRange(today ? result.total.fromMs : result.query.fromMs,
                                  today ? result.total.toMs : result.query.toMs);
    showVolume(m_charts[0], result.series);
    showRates(m_charts[1], result.series);
    if (!includeHistogramAndBars)
        return;
    showDeliveryHistogram(m_charts[2], result.deliveryHistogram, result.histogramBinSeconds);
    QList<QPair<QString, sdk::KpiValues>> depots;
    for (const auto &d : result.depots)
        depots.append({d.scope, d.windows.value(0)});
    showDepotBars(m_charts[3], depots);
}

void KpiDashboardWidget::updateStatus()
{
    if (range() == Range::Live || range() == Range::Today) {
        if (m_snapshot.atMs <= 0)
            return;
        m_ui->statusLabel->setText(tr("Updated %1 · %2 events")
                                       .arg(QDateTime::fromMSecsSinceEpoch(m_snapshot.atMs).toString(QStringLiteral("HH:mm:ss")))
                                       .arg(QLocale().toString(m_snapshot.eventsSeen)));
    } else if (m_history.error.isEmpty() && m_history.query.toMs > 0) {
        m_ui->statusLabel->setText(tr("%1 – %2 · from history")
                                       .arg(QDateTime::fromMSecsSinceEpoch(m_history.query.fromMs).toString(QStringLiteral("MM-dd")),
                                            QDateTime::fromMSecsSinceEpoch(m_history.query.toMs - 1).toString(QStringLiteral("MM-dd"))));
    }
}

void KpiDashboardWidget::onTileClicked(const QString &kpiId)
{
    KpiOrderFilter f;
    f.kpi = kpiId;
    const QString s = scope();
    if (s.startsWith(QLatin1String("depot:")))
        f.depot = s.mid(6);
    const auto [from, to] = rangeBounds(range());
    f.fromMs = from;
    f.toMs = range() == Range::Live ? 0 : to;
    if (kpiId == QLatin1String("fulfilment"))
        f.states = {QStringLiteral("CANCELLED"), QStringLiteral("RETURNING"), QStringLiteral("CLAIMING"), QStringLiteral("CLOSED"), QStringLiteral("SIGNED")};
    else if (kpiId == QLatin1String("on_time")) {
        f.states = {QStringLiteral("SIGNED"), QStringLiteral("DELIVERING")};
        f.lateOnly = true;
    } else if (kpiId == QLatin1String("delivery") || kpiId == QLatin1String("riders"))
        f.states = {QStringLiteral("DELIVERING")};
    else if (kpiId == QLatin1String("pick"))
        f.states = {QStringLiteral("PICKING")};
    else if (kpiId == QLatin1String("out_of_stock"))
        f.states = {QStringLiteral("OUT_OF_STOCK")};
    else if (kpiId == QLatin1String("exceptions"))
        f.states = {QStringLiteral("EXCEPTION")};
    else if (kpiId == QLatin1String("loss")) {
        f.states = {QStringLiteral("EXCEPTION"), QStringLiteral("CLAIMING")};
        f.reason = QStringLiteral("damaged");
    } else if (kpiId == QLatin1String("intake"))
        f.states = {QStringLiteral("CREATED"), QStringLiteral("PAID"), QStringLiteral("HELD")};
    emit showOrdersRequested(f);
}

QString KpiDashboardWidget::exportFolder() const
{
    const QString remembered = m_settings ? m_settings->value(QLatin1String(kExportFolderKey)).toString() : m_exportFolder;
    if (!remembered.isEmpty() && QFileInfo(remembered).isDir())
        return remembered;
    // A home without a documents folder: the home, still not the working directory.
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return QFileInfo(documents).isDir() ? documents : QDir::homePath();
}

void KpiDashboardWidget::chooseExport(ReportFormat format)
{
    const bool pdf = format == ReportFormat::Pdf;
    const QString suggested = QStringLiteral("opsdeck-kpi-%1.%2")
                                  .arg(m_clock().date().toString(Qt::ISODate), pdf ? QStringLiteral("pdf") : QStringLiteral("csv"));
    // Opened, not exec()'d: the dashboard keeps drawing while the user picks a file.
    auto *dialog = new QFileDialog(this, pdf ? tr("Export KPI report as PDF") : tr("Export KPI report as CSV"),
                                   QDir(exportFolder()).filePath(suggested), pdf ? tr("PDF (*.pdf)") : tr("CSV (*.csv)"));
    dialog->setObjectName(QStringLiteral("kpiExportDialog"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(pdf ? QStringLiteral("pdf") : QStringLiteral("csv"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this, format](const QString &path) {
        if (!path.isEmpty())
            exportReport(path, format);
    });
    dialog->open();
}

void KpiDashboardWidget::chooseDailyReport()
{
    const QString start = m_scheduler->folder().isEmpty() ? exportFolder() : m_scheduler->folder();
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Folder for the daily KPI report"), start);
    if (folder.isEmpty())
        return;
    m_scheduler->setFolder(folder);
    m_scheduler->setActive(true);
    m_scheduler->checkNow();
}

void KpiDashboardWidget::exportReport(const QString &path, ReportFormat format)
{
    // The next export starts where this one went.
    const QString folder = QFileInfo(path).absolutePath();
    if (m_settings)
        m_settings->setValue(QLatin1String(kExportFolderKey), folder);
    else
        m_exportFolder = folder;
    if (!m_service) {
        emit reportFailed(path, tr("KPIs are not available in this console."));
        return;
    }
    const Range r = range() == Range::LastSevenDays ? Range::LastSevenDays : Range::Today;
    const auto [from, to] = rangeBounds(r);
    PendingExport job;
    job.path = path;
    job.format = format;
    const QDate first = QDateTime::fromMSecsSinceEpoch(from).date();
    const QDate last = QDateTime::fromMSecsSinceEpoch(to - 1).date();
    job.period = first == last ? first.toString(Qt::ISODate)
                               : first.toString(Qt::ISODate) + QStringLiteral(" – ") + last.toString(Qt::ISODate);
    sdk::KpiHistoryQuery q;
    q.fromMs = from;
    q.toMs = to;
    q.scope = QStringLiteral("all");
    m_exports.insert(m_service->requestHistory(q), job);
}

void KpiDashboardWidget::writeExport(const PendingExport &job, const sdk::KpiHistoryResult &result)
{
    if (!result.error.isEmpty()) {
        emit reportFailed(job.path, result.error);
        return;
    }
    KpiReport report;
    report.title = tr("OpsDeck KPI report");
    report.period = job.period;
    report.generatedAtMs = m_clock().toMSecsSinceEpoch();
    report.history = result;
    if (job.format == ReportFormat::Pdf)
        report.charts = renderKpiReportCharts(result);
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, path = job.path] {
        const QString error = watcher->result();
        watcher->deleteLater();
        if (error.isEmpty())
            emit reportWritten(path);
        else
            emit reportFailed(path, error);
    });
    const bool pdf = job.format == ReportFormat::Pdf;
    const QString fallback = tr("The report could not be written.");
    watcher->setFuture(QtConcurrent::run([report, path = job.path, pdf, fallback] {
        QString error;
        const bool ok = pdf ? writeKpiReportPdf(report, path, &error) : writeKpiReportCsv(report, path, &error);
        return ok ? QString() : (error.isEmpty() ? fallback : error);
    }));
}

} // namespace opsdeck::widgets
