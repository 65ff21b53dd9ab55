#include "QtChartsTimeSeriesChart.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
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
    m_x->setFormat(QStringLiteral("HH:mm:ss"));
    m_x->setTickCount(6);
    m_y = new QValueAxis;
    m_y->setLabelFormat(QStringLiteral("%.0f"));
    m_y->setRange(0, 1);
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_x->setRange(QDateTime::fromMSecsSinceEpoch(now - m_spanMs), QDateTime::fromMSecsSinceEpoch(now));
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
    m_x->setRange(QDateTime::fromMSecsSinceEpoch(end - m_spanMs), QDateTime::fromMSecsSinceEpoch(end));
    double top = 1;
    for (const QLineSeries *s : std::as_const(m_series))
        for (int i = 0; i < s->count(); ++i)
            top = std::max(top, s->at(i).y());
    // A rounded-up top that only changes in steps, so the axis does not twitch each second.
    const double step = std::pow(10.0, std::floor(std::log10(top)));
    m_y->setRange(0, std::ceil(top * 1.1 / step) * step);
}

} // namespace opsdeck::widgets
