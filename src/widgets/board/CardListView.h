#pragma once

#include "widgets/WidgetsExport.h"

#include <QListView>
#include <QPixmap>

namespace opsdeck::widgets {

// A column's list of cards. A drag carries a small label ("DD2612070059 +2") held off
// above the pointer rather than the cards themselves under it, so the rider row or
// column aimed at stays in sight; dragStarting lets the board rank riders for the
// dragged order before the pointer reaches them.
class OPSDECK_WIDGETS_EXPORT CardListView final : public QListView
{
    Q_OBJECT
public:
    using QListView::QListView;

    struct DragImage {
        QPixmap pixmap;
        QPoint hotSpot; // relative to the pixmap: lies below it, outside
    };
    static constexpr int kPointerGap = 24; // between the pointer and the label's bottom edge
    static DragImage dragImage(const QStringList &orderIds, const QFont &font);

signals:
    void dragStarting(const QStringList &orderIds);

protected:
    void startDrag(Qt::DropActions supportedActions) override;
};

} // namespace opsdeck::widgets
