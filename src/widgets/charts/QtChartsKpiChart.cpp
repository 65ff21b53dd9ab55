#include "QtChartsKpiChart.h"

#include "ChartColours.h"

#include "AxisTicks.h"

#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCoreApplication>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QFontMetrics>
#include <QPainter>
#include <QResizeEvent>
#include <QValueAxis>
#include <QGraphicsScene>
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

// Round ticks from 0 with labels that never repeat (AxisTicks.h).
void setTicks(QValueAxis *axis, const ValueTicks &t)
{
    // Only what changed: every axis setter lays the chart out again. Interval first: a new
    // range with the old, finer interval would lay out thousands of ticks.
    if (axis->tickType() != QValueAxis::TicksDynamic) {
        axis->setTickType(QValueAxis::TicksDynamic);
        axis->setTickAnchor(0);
    }
    if (axis->tickInterval() != t.step)
        axis->setTickInterval(t.step);
    if (axis->min() != 0 || axis->max() != t.max)
        axis->setRange(0, t.max);
    const QString format = QStringLiteral("%.%1f").arg(t.decimals);
    if (axis->labelFormat() != format)
        axis->setLabelFormat(format);
}

// True when setTicks(axis, t) would leave the axis as it is.
bool sameTicks(const QValueAxis *axis, const ValueTicks &t)
{
    return axis && axis->min() == 0 && axis->max() == t.max && axis->tickInterval() == t.step;
}

// Room for the y axis's labels and title left of the plot.
constexpr int kYAxisRoom = 64;

} // namespace

QPicture KpiChart::renderPicture(const QSize &size)
{
    resize(size);
    if (layout())
        layout()->activate();
    // The chart's layout, its items and the scene's index follow in posted events; without
    // them a chart that was never shown draws what it held before (every report chart
    // came out as the first one). Only this chart's events: nothing else runs meanwhile.
    settle();
    QPicture picture;
    setHighQuality(true);
    QPainter painter(&picture);
    painter.setRenderHint(QPainter::Antialiasing);
    paintChart(&painter, QRectF(QPointF(0, 0), QSizeF(size)));
    painter.end();
    setHighQuality(false);
    return picture;
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
    applyChartColours(m_chart, palette());
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

void QtChartsKpiChart::settle()
{
    for (int pass = 0; pass < 2; ++pass) { // a layout pass may post the items' updates
        QList<QObject *> objects = {this, m_chart};
        objects += findChildren<QObject *>();
        objects += m_chart->findChildren<QObject *>();
        for (QObject *o : std::as_const(objects))
            QCoreApplication::sendPostedEvents(o);
    }
}

// For the report, on paper: dark ink on white in either theme.
void QtChartsKpiChart::paintChart(QPainter *painter, const QRectF &target)
{
    applyChartColours(m_chart, paperPalette());
    settle();
    const QRectF chart = m_chart->geometry();
    m_chart->scene()->render(painter, target, chart, Qt::IgnoreAspectRatio);
    applyChartColours(m_chart, palette());
}

void QtChartsKpiChart::changeEvent(QEvent *event)
{
    KpiChart::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyChartColours(m_chart, palette());
        m_view->resetCachedContent();
    }
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
    m_chart->addAxis(axis, alignment);
    applyChartColours(m_chart, palette());
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
    m_dataFromMs = static_cast<qint64>(lo);
    m_dataToMs = static_cast<qint64>(hi);
    applyTimeTicks();
    m_yTop = yMax > yMin ? yMax : top * 1.05;
    m_yCounts = false;
    if (yMax > yMin && yMin != 0)
        m_yAxis->setRange(yMin, yMax);
    else
        setTicks(m_yAxis, yTicks());
}

void QtChartsKpiChart::applyTimeTicks()
{
    if (m_mode != Mode::Lines || !m_timeAxis)
        return;
    // As many ticks as labels fit across the plot: none elided, none repeated.
    const QFontMetrics fm(m_timeAxis->labelsFont());
    // The label the span will get: a day in hours is "MM-dd HH:mm", days are "MM-dd".
    const qint64 span = m_dataToMs - m_dataFromMs;
    const int label = fm.horizontalAdvance(span >= 3 * 86400000LL ? QStringLiteral("00-00")
                                           : span >= 86400000 ? QStringLiteral("00-00 00:00")
                                                              : QStringLiteral("00:00"));
    // Points are minutes: no tick finer than a minute.
    const TimeTicks t = timeTicks(m_dataFromMs, m_dataToMs, intervalsThatFit(width() - kYAxisRoom, label, 8), 60000);
    const QDateTime from = QDateTime::fromMSecsSinceEpoch(t.fromMs);
    const QDateTime to = QDateTime::fromMSecsSinceEpoch(t.toMs);
    if (m_timeAxis->format() != t.format)
        m_timeAxis->setFormat(t.format);
    if (m_timeAxis->tickCount() != t.count)
        m_timeAxis->setTickCount(t.count);
    if (m_timeAxis->min() != from || m_timeAxis->max() != to)
        m_timeAxis->setRange(from, to);
}

void QtChartsKpiChart::resizeEvent(QResizeEvent *event)
{
    KpiChart::resizeEvent(event);
    applyTimeTicks();
    if (m_mode == Mode::Histogram && m_xAxis)
        setTicks(m_xAxis, histogramXTicks(m_histXMax));
    if (m_yAxis && m_yAxis->tickType() == QValueAxis::TicksDynamic)
        setTicks(m_yAxis, yTicks());
}

ValueTicks QtChartsKpiChart::yTicks() const
{
    // As many intervals as label rows fit the plot's height: more, and Qt Charts elides
    // every label to "…". Title, legend and the x axis take about 100 px of a chart.
    const double plot = m_chart->plotArea().height() > 0 ? m_chart->plotArea().height() : height() - 100.0;
    const int rows = intervalsThatFit(plot, QFontMetrics(m_yAxis->labelsFont()).height(), 5);
    return valueTicks(m_yTop, m_yCounts, rows);
}

ValueTicks QtChartsKpiChart::histogramXTicks(double xMax) const
{
    const QFontMetrics fm(m_xAxis->labelsFont());
    return valueTicks(xMax, true, intervalsThatFit(width() - kYAxisRoom, fm.horizontalAdvance(QStringLiteral("100")), 10));
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
    m_histXMax = xMax;
    const ValueTicks xTicks = histogramXTicks(xMax);
    m_yTop = top * 1.05;
    m_yCounts = true; // counts: whole-number ticks
    const ValueTicks y = yTicks();
    if (sameTicks(m_xAxis, xTicks) && sameTicks(m_yAxis, y) && !movesAPixel(m_histUpper->points(), steps, y.max))
        return; // every step within half a pixel of what is drawn: Qt Charts would lay it all out for nothing
    if (m_histUpper->points() != steps)
        m_histUpper->replace(steps);
    setTicks(m_xAxis, xTicks);
    setTicks(m_yAxis, y);
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
        m_yAxis = valueAxis(Qt::AlignLeft, yLabel); // colours both axes
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
    m_yTop = yMax > 0 ? yMax : top * 1.05;
    m_yCounts = false;
    const ValueTicks ticks = yTicks();
    if (m_yAxis->titleText() == yLabel && sameTicks(m_yAxis, ticks) && !movesAPixel(drawn, next, ticks.max))
        return; // no bar would move by half a pixel: a bar series relayout costs more than it shows
    for (qsizetype k = 0, s = 0; s < sets.size() && s < barSets.size(); ++s)
        for (qsizetype i = 0; i < categories.size(); ++i, ++k)
            if (barSets[s]->at(i) != next[k].y())
                barSets[s]->replace(i, next[k].y());
    if (m_yAxis->titleText() != yLabel)
        m_yAxis->setTitleText(yLabel);
    setTicks(m_yAxis, ticks);
}

} // namespace opsdeck::widgets
