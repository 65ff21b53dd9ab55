#include "KpiReport.h"

#include "widgets/charts/KpiChart.h"
#include "KpiChartFill.h"
#include "KpiFormat.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>

namespace opsdeck::widgets {

namespace {

QString num(double v, int decimals = 4)
{
    return std::isfinite(v) ? QString::number(v, 'f', decimals) : QString();
}

QString csvField(const QString &s)
{
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) && !s.contains(QLatin1Char('\n')))
        return s;
    QString q = s;
    q.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

QStringList csvHeader(const sdk::KpiValues &sample)
{
    QStringList h = {QStringLiteral("section"), QStringLiteral("scope"), QStringLiteral("from"), QStringLiteral("to"),
                     QStringLiteral("orders"), QStringLiteral("orders_per_min"), QStringLiteral("signed"),
                     QStringLiteral("cancelled"), QStringLiteral("returned"), QStringLiteral("claimed"),
                     QStringLiteral("fulfilment_rate"), QStringLiteral("on_time_rate"),
                     QStringLiteral("delivery_p50_min"), QStringLiteral("delivery_p90_min"),
                     QStringLiteral("pick_p50_min"), QStringLiteral("pick_p90_min"),
                     QStringLiteral("out_of_stock_rate"), QStringLiteral("exception_rate")};
    for (const auto &[reason, rate] : sample.exceptionRateByReason)
        h.append(QStringLiteral("exception_rate_") + reason);
    h << QStringLiteral("loss_rate") << QStringLiteral("cold_excursions") << QStringLiteral("utilisation")
      << QStringLiteral("avg_online_riders") << QStringLiteral("offered") << QStringLiteral("accepted")
      << QStringLiteral("rejected");
    return h;
}

QStringList csvRow(const QString &section, const QString &scope, const sdk::KpiValues &v)
{
    QStringList r = {section, csvField(scope), iso(v.fromMs), iso(v.toMs), QString::number(v.orders),
                     num(v.ordersPerMin), QString::number(v.signedOrders), QString::number(v.cancelled),
                     QString::number(v.returned), QString::number(v.claimed), num(v.fulfilmentRate),
                     num(v.onTimeRate), num(v.deliveryP50Min, 2), num(v.deliveryP90Min, 2), num(v.pickP50Min, 2),
                     num(v.pickP90Min, 2), num(v.outOfStockRate), num(v.exceptionRate)};
    for (const auto &[reason, rate] : v.exceptionRateByReason)
        r.append(num(rate));
    r << num(v.lossRate) << QString::number(v.coldExcursions) << num(v.utilisation) << num(v.avgOnlineRiders, 2)
      << QString::number(v.offered) << QString::number(v.accepted) << QString::number(v.rejected);
    return r;
}

// KPI table: all depots, then each depot.
void paintKpiTable(QPainter &p, const KpiReport &report, int y, int tableW, int lineH, const QFont &textFont,
                  const QFont &boldFont)
{
    QList<QPair<QString, sdk::KpiValues>> columns = {{QCoreApplication::translate("KpiReport", "All depots"), report.history.total}};
    for (const auto &d : report.history.depots)
        columns.append({scopeLabel(d.scope), d.windows.value(0)});
    const auto labels = kpiReportLines(report.history.total);
    const int labelW = tableW * 38 / 100;
    const int colW = columns.isEmpty() ? 0 : (tableW - labelW) / static_cast<int>(columns.size());
    const int tableTop = y;
    p.setFont(boldFont);
    p.setPen(QColor(0x11, 0x18, 0x27));
    p.fillRect(QRect(0, y, tableW, lineH), QColor(0xee, 0xf2, 0xf7));
    p.drawText(QRect(4, y, labelW - 4, lineH), Qt::AlignLeft | Qt::AlignVCenter, QCoreApplication::translate("KpiReport", "KPI"));
    for (qsizetype c = 0; c < columns.size(); ++c)
        p.drawText(QRect(labelW + static_cast<int>(c) * colW, y, colW - 4, lineH), Qt::AlignRight | Qt::AlignVCenter,
                   columns[c].first);
    y += lineH;
    p.setFont(textFont);
    QList<QList<QPair<QString, QString>>> values;
    for (const auto &col : columns)
        values.append(kpiReportLines(col.second));
    for (qsizetype row = 0; row < labels.size(); ++row) {
        if (row % 2 == 1)
            p.fillRect(QRect(0, y, tableW, lineH), QColor(0xf8, 0xfa, 0xfc));
        p.setPen(QColor(0x37, 0x41, 0x51));
        p.drawText(QRect(4, y, labelW - 4, lineH), Qt::AlignLeft | Qt::AlignVCenter, labels[row].first);
        p.setPen(QColor(0x11, 0x18, 0x27));
        for (qsizetype c = 0; c < values.size(); ++c)
            p.drawText(QRect(labelW + static_cast<int>(c) * colW, y, colW - 4, lineH), Qt::AlignRight | Qt::AlignVCenter,
                       values[c][row].second);
        y += lineH;
    }
    p.setPen(QColor(0xd9, 0xdd, 0xe3));
    p.drawRect(QRect(0, tableTop, tableW, y - tableTop));
}

// Charts: a 2 x 2 grid filling the area, each picture scaled uniformly into its cell.
void paintChartGrid(QPainter &p, const QList<QPicture> &charts, const QRect &area)
{
    const int gap = area.width() / 60;
    const int cellW = (area.width() - gap) / 2;
    const int cellH = (area.height() - gap) / 2;
    const double scale = std::min(static_cast<double>(cellW) / kKpiReportChartSize.width(),
                                  static_cast<double>(cellH) / kKpiReportChartSize.height());
    for (qsizetype i = 0; i < charts.size() && i < 4; ++i) {
        const int x = area.left() + static_cast<int>(i % 2) * (cellW + gap);
        const int y = area.top() + static_cast<int>(i / 2) * (cellH + gap);
        // A picture plays back at its physical size (it scales by the device's dpi over its
        // own): undo that, so `scale` alone maps its pixels into the cell.
        const double dpi = static_cast<double>(charts[i].logicalDpiX()) / std::max(1, p.device()->logicalDpiX());
        p.save();
        p.translate(x, y);
        p.scale(scale * dpi, scale * dpi);
        p.drawPicture(0, 0, charts[i]);
        p.restore();
    }
}

// The period and, when the history covers less of it, the part observed: averages per
// minute are over that part.
QString observedLine(const KpiReport &report)
{
    const QString generated = QDateTime::fromMSecsSinceEpoch(report.generatedAtMs).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    const sdk::KpiValues &t = report.history.total;
    if (t.toMs <= t.fromMs)
        return QCoreApplication::translate("KpiReport", "Period: %1    Generated: %2").arg(report.period, generated);
    const QString fmt = QStringLiteral("yyyy-MM-dd HH:mm");
    return QCoreApplication::translate("KpiReport", "Period: %1    Observed: %2 – %3    Generated: %4")
        .arg(report.period, QDateTime::fromMSecsSinceEpoch(t.fromMs).toString(fmt),
             QDateTime::fromMSecsSinceEpoch(t.toMs).toString(fmt), generated);
}

// Title and period line at the top of a page; returns the y below them.
int paintHeading(QPainter &p, const KpiReport &report, const QString &title, int w, double pt)
{
    QFont titleFont(QStringLiteral("DejaVu Sans"));
    titleFont.setPixelSize(static_cast<int>(16 * pt));
    titleFont.setBold(true);
    QFont textFont(QStringLiteral("DejaVu Sans"));
    textFont.setPixelSize(static_cast<int>(10 * pt));
    p.setFont(titleFont);
    p.setPen(QColor(0x11, 0x18, 0x27));
    const int titleH = p.fontMetrics().height();
    p.drawText(QRect(0, 0, w, titleH), Qt::AlignLeft | Qt::AlignVCenter, title);
    p.setFont(textFont);
    const int lineH = p.fontMetrics().height() * 3 / 2;
    p.setPen(QColor(0x4b, 0x55, 0x63));
    p.drawText(QRect(0, titleH, w, lineH), Qt::AlignLeft | Qt::AlignVCenter, observedLine(report));
    return titleH + lineH + static_cast<int>(8 * pt);
}

} // namespace

QList<QPair<QString, QString>> kpiReportLines(const sdk::KpiValues &v)
{
    const double acceptance = v.offered > 0 ? static_cast<double>(v.accepted) / static_cast<double>(v.offered) : NAN;
    return {
        {QCoreApplication::translate("KpiReport", "Orders"), QString::number(v.orders)},
        {QCoreApplication::translate("KpiReport", "Orders per minute"), formatNumber(v.ordersPerMin, 2)},
        {QCoreApplication::translate("KpiReport", "Fulfilment rate"), formatPercent(v.fulfilmentRate)},
        {QCoreApplication::translate("KpiReport", "On-time rate"), formatPercent(v.onTimeRate)},
        {QCoreApplication::translate("KpiReport", "Delivery time p50"), formatMinutes(v.deliveryP50Min)},
        {QCoreApplication::translate("KpiReport", "Delivery time p90"), formatMinutes(v.deliveryP90Min)},
        {QCoreApplication::translate("KpiReport", "Pick time p50"), formatMinutes(v.pickP50Min)},
        {QCoreApplication::translate("KpiReport", "Out-of-stock rate"), formatPercent(v.outOfStockRate)},
        {QCoreApplication::translate("KpiReport", "Exception rate"), formatPercent(v.exceptionRate)},
        {QCoreApplication::translate("KpiReport", "Loss rate"), formatPercent(v.lossRate, 2)},
        {QCoreApplication::translate("KpiReport", "Rider utilisation"), formatPercent(v.utilisation)},
        {QCoreApplication::translate("KpiReport", "Riders online (average)"), formatNumber(v.avgOnlineRiders, 1)},
        {QCoreApplication::translate("KpiReport", "Intake offered"), QString::number(v.offered)},
        {QCoreApplication::translate("KpiReport", "Intake accepted"), QString::number(v.accepted)},
        {QCoreApplication::translate("KpiReport", "Intake rejected"), QString::number(v.rejected)},
        {QCoreApplication::translate("KpiReport", "Intake acceptance"), formatPercent(acceptance)},
    };
}

QList<QPicture> renderKpiReportCharts(const sdk::KpiHistoryResult &history)
{
    // The time observed, not the whole day or week asked for: a report written at 06:10
    // shows the morning so far, not 06:59-07:00 around the one hourly point.
    const qint64 from = history.total.toMs > history.total.fromMs ? history.total.fromMs : history.query.fromMs;
    const qint64 to = history.total.toMs > history.total.fromMs ? history.total.toMs : history.query.toMs;
    QList<QPair<QString, sdk::KpiValues>> depots;
    for (const auto &d : history.depots)
        depots.append({d.scope, d.windows.value(0)});
    const std::function<void(KpiChart *)> fills[] = {
        [&](KpiChart *c) { c->setTimeRange(from, to); showVolume(c, history.series); },
        [&](KpiChart *c) { c->setTimeRange(from, to); showRates(c, history.series); },
        [&](KpiChart *c) { showDeliveryHistogram(c, history.deliveryHistogram, history.histogramBinSeconds); },
        [&](KpiChart *c) { showDepotBars(c, depots); },
    };
    QList<QPicture> pictures;
    for (const auto &fill : fills) {
        // One chart each: a chart reused for the next figure drew the first one four times.
        std::unique_ptr<KpiChart> chart(createKpiChart(nullptr));
        chart->setAttribute(Qt::WA_DontShowOnScreen);
        chart->resize(kKpiReportChartSize);
        chart->show(); // off screen: a hidden widget never passes its size on to the chart inside
        fill(chart.get());
        pictures.append(chart->renderPicture(kKpiReportChartSize));
    }
    return pictures;
}

bool writeKpiReportCsv(const KpiReport &report, const QString &path, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    QTextStream out(&file);
    out << csvHeader(report.history.total).join(QLatin1Char(',')) << '\n';
    out << csvRow(QStringLiteral("total"), QStringLiteral("all"), report.history.total).join(QLatin1Char(',')) << '\n';
    for (const auto &d : report.history.depots)
        out << csvRow(QStringLiteral("depot"), d.scope, d.windows.value(0)).join(QLatin1Char(',')) << '\n';
    for (const auto &h : report.history.series)
        out << csvRow(QStringLiteral("hour"), QStringLiteral("all"), h).join(QLatin1Char(',')) << '\n';
    out.flush();
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

bool writeKpiReportPdf(const KpiReport &report, const QString &path, QString *error)
{
    QPdfWriter pdf(path);
    pdf.setPageSize(QPageSize(QPageSize::A4));
    pdf.setPageOrientation(QPageLayout::Landscape);
    pdf.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout::Millimeter);
    pdf.setResolution(150);
    pdf.setTitle(report.title);
    pdf.setCreator(QStringLiteral("OpsDeck"));
    QPainter p;
    if (!p.begin(&pdf)) {
        if (error)
            *error = QCoreApplication::translate("KpiReport", "cannot write %1").arg(path);
        return false;
    }
    // A4 landscape: the table fills the first page, the four charts the second, each at a
    // size where no text is under 8 pt (`pt`: device pixels per point).
    const QRect page = p.viewport();
    const int w = page.width();
    const double pt = pdf.resolution() / 72.0;
    const int tableTop = paintHeading(p, report, report.title, w, pt);
    const int rows = static_cast<int>(kpiReportLines(report.history.total).size()) + 1;
    const int lineH = std::min(static_cast<int>(26 * pt), (page.height() - tableTop) / rows);
    QFont textFont(QStringLiteral("DejaVu Sans"));
    textFont.setPixelSize(std::max(static_cast<int>(9 * pt), lineH * 10 / 24));
    QFont boldFont = textFont;
    boldFont.setBold(true);
    paintKpiTable(p, report, tableTop, w, lineH, textFont, boldFont);
    if (!report.charts.isEmpty()) {
        pdf.newPage();
        const int chartsTop = paintHeading(p, report, QCoreApplication::translate("KpiReport", "Charts"), w, pt);
        paintChartGrid(p, report.charts, QRect(0, chartsTop, w, page.height() - chartsTop));
    }
    p.end();
    if (!QFile::exists(path)) {
        if (error)
            *error = QCoreApplication::translate("KpiReport", "cannot write %1").arg(path);
        return false;
    }
    return true;
}

} // namespace opsdeck::widgets
