#pragma once

#include "widgets/WidgetsExport.h"

#include <QColor>
#include <QPicture>
#include <QList>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <QWidget>

namespace opsdeck::widgets {

// One line of a time chart: x in ms since the epoch (UTC), y in the chart's unit.
struct KpiLine {
    QString name;
    QColor color;
    QList<QPointF> points;
};

struct KpiBarSet {
    QString name;
    QColor color;
    QList<double> values; // one per category
};

// The charts the KPI dashboard needs, and nothing more: our own interface so the Qt
// Charts backend (deprecated from Qt 6.10) can be swapped without touching a caller.
// Setters keep the series objects when their shape is unchanged (a live tick only
// replaces points), so updating once a second stays cheap.
class OPSDECK_WIDGETS_EXPORT KpiChart : public QWidget
{
    Q_OBJECT
public:
    using QWidget::QWidget;

    virtual void setTitle(const QString &title) = 0;
    // Time on x; y from yMin to yMax (yMax <= yMin: fit the data).
    virtual void setLines(const QList<KpiLine> &lines, const QString &yLabel, double yMin, double yMax) = 0;
    // The time axis of the lines spans [fromMs, toMs) (a history range: a week shows as a
    // week even where it has no data); 0, 0: fit the data (live).
    virtual void setTimeRange(qint64 fromMs, qint64 toMs) = 0;
    // Counts per bin of width binWidth starting at 0 (a step outline, filled).
    virtual void setHistogram(const QList<double> &counts, double binWidth, const QString &xLabel, const QColor &color) = 0;
    // Grouped bars; yMax <= 0: fit the data.
    virtual void setBars(const QStringList &categories, const QList<KpiBarSet> &sets, const QString &yLabel, double yMax) = 0;

    // The chart laid out at `size` and recorded as vector drawing (for reports: text stays
    // text in a PDF), whatever its size on screen. Lays the chart out first: a chart that
    // was never shown only lays itself out in posted events.
    QPicture renderPicture(const QSize &size);

protected:
    // On screen a live chart redraws every second, so backends may draw it faster (e.g.
    // without antialiasing); reports and screenshots ask for the best rendering.
    virtual void setHighQuality(bool on) = 0;
    // Delivers the posted events that lay this chart out (and no one else's).
    virtual void settle() = 0;
    // Draws the whole chart, as laid out now, into `target`.
    virtual void paintChart(QPainter *painter, const QRectF &target) = 0;
};

// The backend in use (Qt Charts today).
KpiChart *createKpiChart(QWidget *parent);

} // namespace opsdeck::widgets
