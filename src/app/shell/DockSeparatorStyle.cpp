#include "DockSeparatorStyle.h"

#include <QPainter>
#include <QStyleOption>

namespace opsdeck::app {

int DockSeparatorStyle::pixelMetric(PixelMetric metric, const QStyleOption *option, const QWidget *widget) const
{
    if (metric == PM_DockWidgetSeparatorExtent)
        return kExtent;
    return QProxyStyle::pixelMetric(metric, option, widget);
}

void DockSeparatorStyle::drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
                                       const QWidget *widget) const
{
    if (element != PE_IndicatorDockWidgetResizeHandle) {
        QProxyStyle::drawPrimitive(element, option, painter, widget);
        return;
    }
    const QRect r = option->rect;
    painter->save();
    const QColor base = option->palette.color(QPalette::Window).darker(112);
    painter->fillRect(r, (option->state & State_MouseOver) ? base.darker(115) : base);
    // A grip of five dots in the middle, along the handle (State_Horizontal: a handle
    // lying between panels stacked one above the other).
    const bool lying = option->state & State_Horizontal;
    painter->setPen(Qt::NoPen);
    painter->setBrush(option->palette.color(QPalette::Dark));
    const QPoint c = r.center();
    for (int i = -2; i <= 2; ++i) {
        const QPoint dot = lying ? QPoint(c.x() + i * 5, c.y()) : QPoint(c.x(), c.y() + i * 5);
        painter->drawEllipse(dot, 1, 1);
    }
    painter->restore();
}

} // namespace opsdeck::app
