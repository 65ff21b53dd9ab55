#pragma once

#include "AxisTicks.h"
#include "KpiChart.h"

#include <QList>

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
class QLineSeries;
class QAreaSeries;
class QBarSeries;
class QBarCategoryAxis;
class QDateTimeAxis;
class QValueAxis;
QT_END_NAMESPACE

namespace opsdeck::widgets {

// KpiChart on Qt Charts.
class QtChartsKpiChart final : public KpiChart
{
    Q_OBJECT
public:
    explicit QtChartsKpiChart(QWidget *parent = nullptr);
    ~QtChartsKpiChart() override;

    void setTitle(const QString &title) override;
    void setLines(const QList<KpiLine> &lines, const QString &yLabel, double yMin, double yMax) override;
    void setTimeRange(qint64 fromMs, qint64 toMs) override;
    void setHistogram(const QList<double> &counts, double binWidth, const QString &xLabel, const QColor &color) override;
    void setBars(const QStringList &categories, const QList<KpiBarSet> &sets, const QString &yLabel, double yMax) override;

protected:
    void setHighQuality(bool on) override;
    void paintChart(QPainter *painter, const QRectF &target) override;
    void settle() override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    enum class Mode { None, Lines, Histogram, Bars };
    void reset(Mode mode);
    // The time axis over [m_dataFromMs, m_dataToMs] with as many round ticks as fit the width.
    void applyTimeTicks();
    ValueTicks histogramXTicks(double xMax) const;
    // The y axis from 0 over m_yTop, with as many intervals as fit the plot's height.
    ValueTicks yTicks() const;
    QValueAxis *valueAxis(Qt::Alignment alignment, const QString &title);
    // True when some y in `next` is half a pixel or more from `drawn` on a 0..yMax axis of
    // the current plot height (or the shapes differ, or nothing is laid out yet).
    bool movesAPixel(const QList<QPointF> &drawn, const QList<QPointF> &next, double yMax) const;

    QChart *m_chart = nullptr;
    QChartView *m_view = nullptr;
    Mode m_mode = Mode::None;
    QList<QLineSeries *> m_lines;
    QLineSeries *m_histUpper = nullptr;
    QAreaSeries *m_histArea = nullptr;
    QBarSeries *m_bars = nullptr;
    QStringList m_barShape;
    QDateTimeAxis *m_timeAxis = nullptr;
    QValueAxis *m_xAxis = nullptr;
    QValueAxis *m_yAxis = nullptr;
    QBarCategoryAxis *m_categoryAxis = nullptr;
    qint64 m_rangeFromMs = 0;
    qint64 m_rangeToMs = 0;
    qint64 m_dataFromMs = 0;
    qint64 m_dataToMs = 0;
    double m_histXMax = 1; // the data's extent; the axis may round it up to a whole step
    double m_yTop = 1;     // the y extent asked for (data, or a fixed top such as 100 %)
    bool m_yCounts = false;
};

} // namespace opsdeck::widgets
