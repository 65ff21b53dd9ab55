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

#include <cmath>
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

// Charts: a 2 x 2 grid right of the table, scaled to fit.
void paintChartGrid(QPainter &p, const QList<QImage> &charts, int pageW, int tableW, int top)
{
    const int gap = 20;
    const int gridX = tableW + gap * 2;
    const int cellW = (pageW - gridX - gap) / 2;
    for (qsizetype i = 0; i < charts.size() && i < 4; ++i) {
        const QImage &img = charts[i];
        const int cellH = cellW * img.height() / std::max(1, img.width());
        const QRect cell(gridX + static_cast<int>(i % 2) * (cellW + gap), top + static_cast<int>(i / 2) * (cellH + gap),
                         cellW, cellH);
        p.drawImage(cell, img);
    }
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

QList<QImage> renderKpiReportCharts(const sdk::KpiHistoryResult &history)
{
    const QSize size(900, 420);
    QList<QImage> images;
    std::unique_ptr<KpiChart> chart(createKpiChart(nullptr));
    chart->setAttribute(Qt::WA_DontShowOnScreen);
    chart->resize(size);
    showVolume(chart.get(), history.series);
    images.append(chart->renderImage(size));
    showRates(chart.get(), history.series);
    images.append(chart->renderImage(size));
    showDeliveryHistogram(chart.get(), history.deliveryHistogram, history.histogramBinSeconds);
    images.append(chart->renderImage(size));
    QList<QPair<QString, sdk::KpiValues>> depots;
    for (const auto &d : history.depots)
        depots.append({d.scope, d.windows.value(0)});
    showDepotBars(chart.get(), depots);
    images.append(chart->renderImage(size));
    return images;
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
    const QRect page = p.viewport();
    const int w = page.width();
    QFont titleFont(QStringLiteral("DejaVu Sans"), 16, QFont::Bold);
    QFont textFont(QStringLiteral("DejaVu Sans"), 8);
    QFont boldFont = textFont;
    boldFont.setBold(true);

    int y = 0;
    p.setFont(titleFont);
    p.setPen(QColor(0x11, 0x18, 0x27));
    const int titleH = p.fontMetrics().height();
    p.drawText(QRect(0, y, w, titleH), Qt::AlignLeft | Qt::AlignVCenter, report.title);
    y += titleH;
    p.setFont(textFont);
    const int lineH = p.fontMetrics().height() + 4;
    p.setPen(QColor(0x4b, 0x55, 0x63));
    p.drawText(QRect(0, y, w, lineH), Qt::AlignLeft | Qt::AlignVCenter,
               QCoreApplication::translate("KpiReport", "Period: %1    Generated: %2 UTC")
                   .arg(report.period, QDateTime::fromMSecsSinceEpoch(report.generatedAtMs, Qt::UTC)
                                           .toString(QStringLiteral("yyyy-MM-dd HH:mm"))));
    y += lineH + lineH / 2;

    const int tableW = w * 45 / 100;
    paintKpiTable(p, report, y, tableW, lineH, textFont, boldFont);
    paintChartGrid(p, report.charts, w, tableW, y);
    p.end();
    if (!QFile::exists(path)) {
        if (error)
            *error = QCoreApplication::translate("KpiReport", "cannot write %1").arg(path);
        return false;
    }
    return true;
}

} // namespace opsdeck::widgets
