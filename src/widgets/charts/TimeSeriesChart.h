#pragma once

#include "widgets/WidgetsExport.h"

#include <QColor>
#include <QList>
#include <QString>
#include <QStringList>
#include <QWidget>

namespace opsdeck::widgets {

// Our own small chart interface: a few named lines over wall time, a sliding window.
// Panels (intake controls, KPI dashboard) talk only to this, so the backend can change:
// Qt Charts today (deprecated from Qt 6.10), something else later, without touching them.
class OPSDECK_WIDGETS_EXPORT TimeSeriesChart : public QWidget
{
    Q_OBJECT
public:
    using QWidget::QWidget;
    ~TimeSeriesChart() override;

    // Replaces the lines (and clears the points). colors may be shorter than names.
    virtual void setSeries(const QStringList &names, const QList<QColor> &colors) = 0;
    // One value per series at time tMs (ms since the epoch); points older than the
    // span are dropped. A tMs not after the last one is ignored (time only moves on).
    virtual void append(qint64 tMs, const QList<double> &values) = 0;
    virtual void clear() = 0;
    virtual void setSpanMs(qint64 spanMs) = 0;
    virtual void setTitles(const QString &title, const QString &valueAxis) = 0;

    virtual int seriesCount() const = 0;
    virtual int pointCount() const = 0;                      // per series
    virtual double lastValue(int series) const = 0;          // NaN when empty
};

// The chart of this build (Qt Charts).
OPSDECK_WIDGETS_EXPORT TimeSeriesChart *createTimeSeriesChart(QWidget *parent = nullptr);

} // namespace opsdeck::widgets
