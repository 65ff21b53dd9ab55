#pragma once
// Cards painted the way a column paints them, and their pixels counted by colour: what a
// card shows is checked on the painting itself, not taken from the delegate's word.
#include "widgets/board/BoardColumnModel.h"
#include "widgets/board/BoardModel.h"
#include "widgets/board/OrderCardDelegate.h"

#include <QColor>
#include <QImage>
#include <QPainter>
#include <QRect>
#include <QStyleOptionViewItem>

namespace boardtest {

// The first card of `state`'s column on white, 320 px wide unless told (a board column
// is 236).
inline QImage paintFirstCard(opsdeck::widgets::BoardModel &model, const opsdeck::widgets::OrderCardDelegate &delegate,
                             const QString &state, int width = 320)
{
    opsdeck::widgets::BoardColumnModel column(&model, state);
    QImage image(width, opsdeck::widgets::OrderCardDelegate::kCardHeight, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    QStyleOptionViewItem option;
    option.rect = image.rect();
    delegate.paint(&p, option, column.index(0));
    return image;
}

// Antialiased edges and text blend into the background: within 8 per channel is still
// the colour, and still tells the palette's colours apart.
inline bool nearColour(const QColor &a, const QColor &b)
{
    return qAbs(a.red() - b.red()) < 8 && qAbs(a.green() - b.green()) < 8 && qAbs(a.blue() - b.blue()) < 8;
}

inline int countColour(const QImage &image, const QRect &area, const QColor &want)
{
    int n = 0;
    const QRect r = area.intersected(image.rect());
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x)
            n += nearColour(image.pixelColor(x, y), want);
    return n;
}

} // namespace boardtest
