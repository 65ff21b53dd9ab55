#include "ChartColours.h"

#include "widgets/common/ThemeColors.h"

#include <QAbstractAxis>
#include <QChart>
#include <QLegend>

namespace opsdeck::widgets {

void applyChartColours(QChart *chart, const QPalette &palette)
{
    const QColor ground = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    const QColor labels = blend(text, ground, 0.25);
    const QColor grid = blend(ground, text, 0.12);
    if (chart->backgroundBrush().color() != ground) {
        chart->setBackgroundBrush(ground);
        chart->setBackgroundPen(QPen(borderColor(palette)));
    }
    chart->setTitleBrush(text);
    chart->legend()->setLabelColor(labels);
    for (QAbstractAxis *axis : chart->axes()) {
        axis->setLabelsColor(labels);
        axis->setTitleBrush(text);
        axis->setGridLineColor(grid);
        axis->setLinePenColor(blend(ground, text, 0.3));
    }
}

QPalette paperPalette()
{
    QPalette paper(QColor(Qt::white));
    paper.setColor(QPalette::Base, Qt::white);
    paper.setColor(QPalette::Text, QColor(0x11, 0x18, 0x27));
    return paper;
}

} // namespace opsdeck::widgets
