#include "CardListView.h"

#include "BoardColumnModel.h"

#include <QDrag>
#include <QMimeData>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace opsdeck::widgets {

CardListView::DragImage CardListView::dragImage(const QStringList &orderIds, const QFont &font)
{
    QFont bold = font;
    bold.setBold(true);
    const QString first = orderIds.isEmpty() ? QString() : orderIds.first();
    const QString text = orderIds.size() > 1 ? tr("%1 +%2").arg(first).arg(orderIds.size() - 1) : first;
    const QFontMetrics fm(bold);
    const QSize size(fm.horizontalAdvance(text) + 16, fm.height() + 8);
    DragImage image;
    image.pixmap = QPixmap(size);
    image.pixmap.fill(Qt::transparent);
    QPainter p(&image.pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    QPainterPath pill;
    pill.addRoundedRect(QRectF(0.5, 0.5, size.width() - 1, size.height() - 1), 6, 6);
    p.fillPath(pill, QColor(0x3b, 0x7d, 0xd8));
    p.setPen(Qt::white);
    p.setFont(bold);
    p.drawText(QRect(QPoint(0, 0), size), Qt::AlignCenter, text);
    p.end();
    // Centred above the pointer, kPointerGap clear of it: the row under the pointer and
    // the ones next to it stay readable.
    image.hotSpot = QPoint(size.width() / 2, size.height() + kPointerGap);
    return image;
}

void CardListView::startDrag(Qt::DropActions supportedActions)
{
    QModelIndexList indexes = selectedIndexes();
    std::sort(indexes.begin(), indexes.end());
    if (indexes.isEmpty())
        return;
    QMimeData *data = model()->mimeData(indexes);
    if (!data)
        return;
    const QStringList ids = BoardColumnModel::orderIdsFrom(data);
    emit dragStarting(ids);
    auto *drag = new QDrag(this);
    const DragImage image = dragImage(ids, font());
    drag->setPixmap(image.pixmap);
    drag->setHotSpot(image.hotSpot);
    drag->setMimeData(data);
    Qt::DropAction action = defaultDropAction();
    if (action == Qt::IgnoreAction || !(supportedActions & action))
        action = (supportedActions & Qt::CopyAction) ? Qt::CopyAction : Qt::MoveAction;
    drag->exec(supportedActions, action);
}

} // namespace opsdeck::widgets
