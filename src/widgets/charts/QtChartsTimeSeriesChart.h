#pragma once

#include "TimeSeriesChart.h"

#include <QList>

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;
QT_END_NAMESPACE

namespace opsdeck::widgets {

// TimeSeriesChart on Qt Charts: one QLineSeries per line, a date-time x axis that
// follows the window, a value axis from 0 to a rounded-up maximum.
class QtChartsTimeSeriesChart final : public TimeSeriesChart
{
    Q_OBJECT
public:
    explicit QtChartsTimeSeriesChart(QWidget *parent = nullptr);
    ~QtChartsTimeSeriesChart() override;

    void setSeries(const QStringList &names, const QList<QColor> &colors) override;
    void append(qint64 tMs, const QList<double> &values) override;
    void clear() override;
    void setSpanMs(qint64 spanMs) override;
    void setTitles(const QString &title, const QString &valueAxis) override;
    int seriesCount() const override { return static_cast<int>(m_series.size()); }
    int pointCount() const override;
    double lastValue(int series) const override;

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void rescale();

    QChart *m_chart = nullptr;
    QChartView *m_view = nullptr;
    QDateTimeAxis *m_x = nullptr;
    QValueAxis *m_y = nullptr;
    QList<QLineSeries *> m_series;
    qint64 m_spanMs = 5 * 60 * 1000;
    qint64 m_lastMs = 0;
};

} // namespace opsdeck::widgets
