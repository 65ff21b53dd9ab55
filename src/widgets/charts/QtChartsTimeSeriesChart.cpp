#include "QtChartsTimeSeriesChart.h"

#include "ChartColours.h"

#include "AxisTicks.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QFontMetrics>
#include <QLineSeries>
#include <QValueAxis>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace opsdeck::widgets {

TimeSeriesChart::~TimeSeriesChart() = default;

TimeSeriesChart *createTimeSeriesChart(QWidget *parent)
{
    return new QtChartsTimeSeriesChart(parent);
}

QtChartsTimeSeriesChart::QtChartsTimeSeriesChart(QWidget *parent) : TimeSeriesChart(parent)
{
    m_chart = new QChart;
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_x = new QDateTimeAxis;
    m_y = new QValueAxis;
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    applyChartColours(m_chart, palette());
    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    rescale();
}

QtChartsTimeSeriesChart::~QtChartsTimeSeriesChart() = default;

void QtChartsTimeSeriesChart::setSeries(const QStringList &names, const QList<QColor> &colors)
{
    for (QLineSeries *s : std::as_const(m_series)) {
        m_chart->removeSeries(s);
        delete s;
    }
    m_series.clear();
    for (qsizetype i = 0; i < names.size(); ++i) {
        auto *s = new QLineSeries;
        s->setName(names.at(i));
        if (i < colors.size()) {
            QPen pen(colors.at(i));
            pen.setWidthF(2.0);
            s->setPen(pen);
        }
        m_chart->addSeries(s);
        s->attachAxis(m_x);
        s->attachAxis(m_y);
        m_series.append(s);
    }
    m_lastMs = 0;
}

void QtChartsTimeSeriesChart::append(qint64 tMs, const QList<double> &values)
{
    if (tMs <= m_lastMs)
        return;
    m_lastMs = tMs;
    const qint64 oldest = tMs - m_spanMs;
    for (qsizetype i = 0; i < m_series.size(); ++i) {
        QLineSeries *s = m_series.at(i);
        s->append(static_cast<qreal>(tMs), i < values.size() ? values.at(i) : 0.0);
        int stale = 0;
        while (stale < s->count() && s->at(stale).x() < static_cast<qreal>(oldest))
            ++stale;
        if (stale > 0)
            s->removePoints(0, stale);
    }
    rescale();
}

void QtChartsTimeSeriesChart::clear()
{
    for (QLineSeries *s : std::as_const(m_series))
        s->clear();
    m_lastMs = 0;
    rescale();
}

void QtChartsTimeSeriesChart::setSpanMs(qint64 spanMs)
{
    m_spanMs = std::max<qint64>(1000, spanMs);
    rescale();
}

void QtChartsTimeSeriesChart::setTitles(const QString &title, const QString &valueAxis)
{
    m_chart->setTitle(title);
    m_y->setTitleText(valueAxis);
}

int QtChartsTimeSeriesChart::pointCount() const
{
    return m_series.isEmpty() ? 0 : m_series.front()->count();
}

double QtChartsTimeSeriesChart::lastValue(int series) const
{
    if (series < 0 || series >= m_series.size() || m_series.at(series)->count() == 0)
        return std::numeric_limits<double>::quiet_NaN();
    const QLineSeries *s = m_series.at(series);
    return s->at(s->count() - 1).y();
}

void QtChartsTimeSeriesChart::rescale()
{
    const qint64 end = m_lastMs > 0 ? m_lastMs : QDateTime::currentMSecsSinceEpoch();
    // Round times that fit the width: "06:08 06:08" came from more ticks than distinct labels.
    const QFontMetrics fm(m_x->labelsFont());
    const TimeTicks t = timeTicks(end - m_spanMs, end, intervalsThatFit(width() - 60, fm.horizontalAdvance(QStringLiteral("00:00:00")), 8));
    if (m_x->format() != t.format)
        m_x->setFormat(t.format);
    if (m_x->tickCount() != t.count)
        m_x->setTickCount(t.count);
    m_x->setRange(QDateTime::fromMSecsSinceEpoch(t.fromMs), QDateTime::fromMSecsSinceEpoch(t.toMs));
    double top = 0;
    for (const QLineSeries *s : std::as_const(m_series))
        for (int i = 0; i < s->count(); ++i)
            top = std::max(top, s->at(i).y());
    // Round ticks whose labels never repeat ("2, 2, 1, 1, 0" was 0..2 in quarters as "%.0f").
    const ValueTicks y = valueTicks(top * 1.1, false);
    if (m_y->tickType() != QValueAxis::TicksDynamic) {
        m_y->setTickType(QValueAxis::TicksDynamic);
        m_y->setTickAnchor(0);
    }
    if (m_y->tickInterval() != y.step)
        m_y->setTickInterval(y.step);
    if (m_y->max() != y.max || m_y->min() != 0)
        m_y->setRange(0, y.max);
    m_y->setLabelFormat(QStringLiteral("%.%1f").arg(y.decimals));
}

void QtChartsTimeSeriesChart::resizeEvent(QResizeEvent *event)
{
    TimeSeriesChart::resizeEvent(event);
    rescale();
}

void QtChartsTimeSeriesChart::changeEvent(QEvent *event)
{
    TimeSeriesChart::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyChartColours(m_chart, palette());
}

} // namespace opsdeck::widgets
