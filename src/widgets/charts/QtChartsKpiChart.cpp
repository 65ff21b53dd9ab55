#include "QtChartsKpiChart.h"

#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QPainter>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace opsdeck::widgets {

namespace {

QFont smallFont()
{
    QFont f;
    f.setPointSizeF(8);
    return f;
}

double niceMax(double v)
{
    if (!(v > 0))
        return 1;
    const double mag = std::pow(10.0, std::floor(std::log10(v)));
    for (double step : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (v <= step * mag)
            return step * mag;
    return 10 * mag;
}

// Ticks on round numbers (0, 15, 30 … rather than 0, 22.5, 45 …).
void setNiceRange(QValueAxis *axis, double max)
{
    if (!(max > 0))
        max = 1;
    const double raw = max / 5.0;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    double step = 10 * mag;
    for (double s : {1.0, 1.5, 2.0, 2.5, 5.0})
        if (raw <= s * mag) {
            step = s * mag;
            break;
        }
    // Only what changed: every axis setter lays the chart out again. Interval first: a new
    // range with the old, finer interval would lay out thousands of ticks.
    if (axis->tickType() != QValueAxis::TicksDynamic) {
        axis->setTickType(QValueAxis::TicksDynamic);
        axis->setTickAnchor(0);
    }
    if (axis->tickInterval() != step)
        axis->setTickInterval(step);
    if (axis->min() != 0 || axis->max() != max)
        axis->setRange(0, max);
    const QString format = step >= 1 ? QStringLiteral("%.0f") : step >= 0.1 ? QStringLiteral("%.1f") : QStringLiteral("%.2f");
    if (axis->labelFormat() != format)
        axis->setLabelFormat(format);
}

// True when setNiceRange(axis, max) would leave the axis as it is.
bool sameNiceRange(const QValueAxis *axis, double max)
{
    return axis && axis->min() == 0 && axis->max() == max;
}

} // namespace

QImage KpiChart::renderImage(const QSize &size)
{
    const QSize old = this->size();
    resize(size);
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    setHighQuality(true);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    render(&painter);
    painter.end();
    setHighQuality(false);
    resize(old);
    return image;
}

KpiChart *createKpiChart(QWidget *parent)
{
    return new QtChartsKpiChart(parent);
}

QtChartsKpiChart::QtChartsKpiChart(QWidget *parent) : KpiChart(parent)
{
    m_chart = new QChart;
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->legend()->setFont(smallFont());
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->setBackgroundRoundness(4);
    m_chart->setAnimationOptions(QChart::NoAnimation); // a live tick must not start animations
    QFont title;
    title.setBold(true);
    title.setPointSizeF(9.5);
    m_chart->setTitleFont(title);
    m_chart->setDropShadowEnabled(false);
    m_view = new QChartView(m_chart, this);
    // Cheaper repaints for a chart that changes every second.
    m_view->setOptimizationFlags(QGraphicsView::DontSavePainterState | QGraphicsView::DontAdjustForAntialiasing);
    m_view->setCacheMode(QGraphicsView::CacheBackground);
    setHighQuality(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    setMinimumSize(240, 170);
}

QtChartsKpiChart::~QtChartsKpiChart() = default;

void QtChartsKpiChart::setHighQuality(bool on)
{
    m_view->setRenderHint(QPainter::Antialiasing, on);
}

void QtChartsKpiChart::setTitle(const QString &title)
{
    // QChart::setTitle lays the whole chart out again (axes, labels) even for the same
    // text, and the dashboard sets its titles on every tick.
    if (m_chart->title() != title)
        m_chart->setTitle(title);
}

void QtChartsKpiChart::reset(Mode mode)
{
    m_chart->removeAllSeries();
    for (QAbstractAxis *axis : m_chart->axes())
        m_chart->removeAxis(axis), delete axis;
    m_lines.clear();
    m_histUpper = nullptr;
    m_histArea = nullptr;
    m_bars = nullptr;
    m_barShape.clear();
    m_timeAxis = nullptr;
    m_xAxis = m_yAxis = nullptr;
    m_categoryAxis = nullptr;
    m_mode = mode;
}

QValueAxis *QtChartsKpiChart::valueAxis(Qt::Alignment alignment, const QString &title)
{
    auto *axis = new QValueAxis;
    axis->setLabelsFont(smallFont());
    axis->setTitleFont(smallFont());
    axis->setTitleText(title);
    axis->setGridLineColor(QColor(0xe3, 0xe6, 0xea));
    m_chart->addAxis(axis, alignment);
    return axis;
}

void QtChartsKpiChart::setLines(const QList<KpiLine> &lines, const QString &yLabel, double yMin, double yMax)
{
    bool sameShape = m_mode == Mode::Lines && m_lines.size() == lines.size();
    for (qsizetype i = 0; sameShape && i < lines.size(); ++i)
        sameShape = m_lines[i]->name() == lines[i].name;
    if (!sameShape) {
        reset(Mode::Lines);
        m_timeAxis = new QDateTimeAxis;
        m_timeAxis->setLabelsFont(smallFont());
        m_timeAxis->setGridLineColor(QColor(0xe3, 0xe6, 0xea));
        m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
        m_yAxis = valueAxis(Qt::AlignLeft, yLabel);
        for (const auto &line : lines) {
            auto *series = new QLineSeries;
            series->setName(line.name);
            QPen pen(line.color);
            pen.setWidthF(2.0);
            series->setPen(pen);
            m_chart->addSeries(series);
            series->attachAxis(m_timeAxis);
            series->attachAxis(m_yAxis);
            m_lines.append(series);
        }
    }
    if (m_yAxis->titleText() != yLabel)
        m_yAxis->setTitleText(yLabel);
    double lo = std::numeric_limits<double>::max(), hi = std::numeric_limits<double>::lowest();
    double top = std::numeric_limits<double>::lowest();
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QList<QPointF> finite;
        finite.reserve(lines[i].points.size());
        for (const QPointF &p : lines[i].points) {
            if (!std::isfinite(p.y()))
                continue; // no denominator in that bucket: a gap, not a zero
            finite.append(p);
            lo = std::min(lo, p.x());
            hi = std::max(hi, p.x());
            top = std::max(top, p.y());
        }
        if (m_lines[i]->points() != finite)
            m_lines[i]->replace(finite); // the trend moves once a minute: most ticks change nothing here
        const bool sparse = finite.size() < 3; // one bucket makes no line: show it as a point
        if (m_lines[i]->pointsVisible() != sparse)
            m_lines[i]->setPointsVisible(sparse);
    }
    if (m_rangeToMs > m_rangeFromMs) {
        lo = static_cast<double>(m_rangeFromMs);
        hi = static_cast<double>(m_rangeToMs);
    }
    if (lo > hi) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        lo = static_cast<double>(now - 3600000);
        hi = static_cast<double>(now);
    }
    if (hi - lo < 60000)
        lo = hi - 60000;
    const QDateTime from = QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(lo));
    const QDateTime to = QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(hi));
    if (m_timeAxis->min() != from || m_timeAxis->max() != to)
        m_timeAxis->setRange(from, to);
    const QString format = hi - lo > 2 * 86400000.0 ? QStringLiteral("MM-dd") : QStringLiteral("HH:mm");
    if (m_timeAxis->format() != format)
        m_timeAxis->setFormat(format);
    if (yMax > yMin && yMin == 0)
        setNiceRange(m_yAxis, yMax);
    else if (yMax > yMin)
        m_yAxis->setRange(yMin, yMax);
    else
        setNiceRange(m_yAxis, niceMax(top * 1.1));
}

void QtChartsKpiChart::setTimeRange(qint64 fromMs, qint64 toMs)
{
    m_rangeFromMs = fromMs;
    m_rangeToMs = toMs;
}

void QtChartsKpiChart::setHistogram(const QList<double> &counts, double binWidth, const QString &xLabel,
                                    const QColor &color)
{
    if (m_mode != Mode::Histogram) {
        reset(Mode::Histogram);
        m_histUpper = new QLineSeries(this);
        m_histArea = new QAreaSeries(m_histUpper);
        QColor fill = color;
        fill.setAlphaF(0.55);
        m_histArea->setBrush(fill);
        m_histArea->setPen(QPen(color.darker(120), 1.2));
        m_chart->addSeries(m_histArea);
        m_xAxis = valueAxis(Qt::AlignBottom, xLabel);
        m_yAxis = valueAxis(Qt::AlignLeft, QString());
        m_histArea->attachAxis(m_xAxis);
        m_histArea->attachAxis(m_yAxis);
        m_chart->legend()->hide();
    }
    if (m_xAxis->titleText() != xLabel) {
        m_histArea->setName(xLabel);
        m_xAxis->setTitleText(xLabel);
    }
    QList<QPointF> steps;
    steps.reserve(counts.size() * 2 + 2);
    double top = 0;
    steps.append({0, 0});
    for (qsizetype i = 0; i < counts.size(); ++i) {
        steps.append({i * binWidth, counts[i]});
        steps.append({(i + 1) * binWidth, counts[i]});
        top = std::max(top, counts[i]);
    }
    steps.append({counts.size() * binWidth, 0});
    const double xMax = std::max(1.0, counts.size() * binWidth);
    const double yMax = std::max(5.0, niceMax(top * 1.1));
    if (sameNiceRange(m_xAxis, xMax) && sameNiceRange(m_yAxis, yMax) && !movesAPixel(m_histUpper->points(), steps, yMax))
        return; // every step within half a pixel of what is drawn: Qt Charts would lay it all out for nothing
    if (m_histUpper->points() != steps)
        m_histUpper->replace(steps);
    setNiceRange(m_xAxis, xMax);
    setNiceRange(m_yAxis, yMax);
}

bool QtChartsKpiChart::movesAPixel(const QList<QPointF> &drawn, const QList<QPointF> &next, double yMax) const
{
    const double plotHeight = m_chart->plotArea().height();
    if (drawn.size() != next.size() || !(plotHeight > 0) || !(yMax > 0))
        return true; // not laid out yet (hidden, first show): nothing to compare against
    const double halfPixel = 0.5 * yMax / plotHeight;
    for (qsizetype i = 0; i < next.size(); ++i)
        if (drawn[i].x() != next[i].x() || std::fabs(drawn[i].y() - next[i].y()) >= halfPixel)
            return true;
    return false;
}

void QtChartsKpiChart::setBars(const QStringList &categories, const QList<KpiBarSet> &sets, const QString &yLabel,
                               double yMax)
{
    QStringList shape = categories;
    for (const auto &s : sets)
        shape.append(s.name);
    if (m_mode != Mode::Bars || shape != m_barShape) {
        reset(Mode::Bars);
        m_barShape = shape;
        m_bars = new QBarSeries;
        for (const auto &s : sets) {
            auto *set = new QBarSet(s.name);
            set->setColor(s.color);
            set->setBorderColor(s.color);
            for (qsizetype i = 0; i < categories.size(); ++i)
                set->append(0);
            m_bars->append(set);
        }
        m_chart->addSeries(m_bars);
        m_categoryAxis = new QBarCategoryAxis;
        m_categoryAxis->setLabelsFont(smallFont());
        m_categoryAxis->append(categories);
        m_chart->addAxis(m_categoryAxis, Qt::AlignBottom);
        m_yAxis = valueAxis(Qt::AlignLeft, yLabel);
        m_bars->attachAxis(m_categoryAxis);
        m_bars->attachAxis(m_yAxis);
        m_chart->legend()->show();
    }
    double top = 0;
    const QList<QBarSet *> barSets = m_bars->barSets();
    QList<QPointF> drawn, next; // (bar, value): one comparison for every bar
    for (qsizetype s = 0; s < sets.size() && s < barSets.size(); ++s)
        for (qsizetype i = 0; i < categories.size(); ++i) {
            const double v = i < sets[s].values.size() && std::isfinite(sets[s].values[i]) ? sets[s].values[i] : 0.0;
            drawn.append({double(next.size()), barSets[s]->at(i)});
            next.append({double(next.size()), v});
            top = std::max(top, v);
        }
    const double axisMax = yMax > 0 ? yMax : niceMax(top * 1.1);
    if (m_yAxis->titleText() == yLabel && sameNiceRange(m_yAxis, axisMax) && !movesAPixel(drawn, next, axisMax))
        return; // no bar would move by half a pixel: a bar series relayout costs more than it shows
    for (qsizetype k = 0, s = 0; s < sets.size() && s < barSets.size(); ++s)
        for (qsizetype i = 0; i < categories.size(); ++i, ++k)
            if (barSets[s]->at(i) != next[k].y())
                barSets[s]->replace(i, next[k].y());
    if (m_yAxis->titleText() != yLabel)
        m_yAxis->setTitleText(yLabel);
    setNiceRange(m_yAxis, axisMax);
}

} // namespace opsdeck::widgets
