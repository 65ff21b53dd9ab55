#include "RiderDropList.h"

#include "BoardColumnModel.h"
#include "RiderDropModel.h"
#include "RiderSortProxy.h"
#include "widgets/common/ThemeColors.h"

#include <QDragMoveEvent>
#include <QLineEdit>
#include <QListView>
#include <QMimeData>
#include <QPainter>

namespace opsdeck::widgets {

QString RiderRowDelegate::detailText(const QModelIndex &index)
{
    const QAbstractItemModel *model = index.model();
    const auto at = [&](int column, int role = Qt::DisplayRole) {
        return model->index(index.row(), column, index.parent()).data(role);
    };
    QString text = tr("%1 · %n order(s)", nullptr, at(RiderDropModel::LoadColumn).toInt())
                       .arg(at(RiderDropModel::StatusColumn).toString());
    if (index.data(RiderDropModel::DistanceRole).toDouble() >= 0)
        text = tr("%1 · %2").arg(text, at(RiderDropModel::DistanceColumn).toString()); // by road: in the tooltip
    return text;
}

void RiderRowDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const bool target = m_dropRow.isValid() && m_dropRow == index;
    painter->save();
    if (target) {
        const bool dark = isDarkPalette(opt.palette);
        painter->fillRect(opt.rect, dark ? blend(opt.palette.color(QPalette::Base), opt.palette.color(QPalette::Highlight), 0.3)
                                         : QColor(0xd6, 0xe6, 0xfb));
        painter->setPen(QPen(dark ? opt.palette.color(QPalette::Highlight) : QColor(0x3b, 0x7d, 0xd8), 2));
        painter->drawRect(QRectF(opt.rect).adjusted(1, 1, -1, -1));
    } else if (opt.state & QStyle::State_Selected) {
        painter->fillRect(opt.rect, opt.palette.highlight());
    } else if (opt.features & QStyleOptionViewItem::Alternate) {
        painter->fillRect(opt.rect, opt.palette.alternateBase());
    }
    const QRect text = opt.rect.adjusted(8, 3, -6, -3);
    const QVariant own = index.data(Qt::ForegroundRole);
    const QColor ink = own.isValid() ? own.value<QColor>() : opt.palette.color(QPalette::Text);
    QFont name = opt.font;
    name.setBold(true);
    painter->setFont(name);
    painter->setPen(ink);
    const QRect top(text.left(), text.top(), text.width(), text.height() / 2);
    painter->drawText(top, Qt::AlignLeft | Qt::AlignVCenter,
                      painter->fontMetrics().elidedText(opt.text, Qt::ElideMiddle, top.width()));
    painter->setFont(opt.font);
    painter->setPen(mutedTextColor(opt.palette));
    const QRect bottom(text.left(), top.bottom() + 1, text.width(), text.height() - top.height());
    painter->drawText(bottom, Qt::AlignLeft | Qt::AlignVCenter,
                      painter->fontMetrics().elidedText(detailText(index), Qt::ElideRight, bottom.width()));
    painter->restore();
}

QSize RiderRowDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    (void)index;
    return {option.rect.width(), kRowHeight};
}

RiderDropList::RiderDropList(QListView *view, QLineEdit *search, RiderDropModel *riders, Aim aim, QObject *parent)
    : QObject(parent), m_view(view), m_riders(riders), m_proxy(new RiderSortProxy(riders, this)),
      m_delegate(new RiderRowDelegate(this)), m_aim(std::move(aim))
{
    m_view->setModel(m_proxy);
    m_view->setItemDelegate(m_delegate);
    m_view->setUniformItemSizes(true);
    // The view accepts a drag over a row only while it shows the drop indicator; the
    // row is filled besides (the indicator alone is a hairline).
    m_view->setDropIndicatorShown(true);
    m_view->viewport()->installEventFilter(this);
    if (search)
        connect(search, &QLineEdit::textChanged, m_proxy, &RiderSortProxy::setSearchText);
}

void RiderDropList::setDropRow(const QModelIndex &index)
{
    if (QModelIndex(m_delegate->dropRow()) == index)
        return;
    m_delegate->setDropRow(index);
    m_view->viewport()->update();
}

bool RiderDropList::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_view->viewport())
        return QObject::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::DragEnter: {
        const auto *enter = static_cast<QDragEnterEvent *>(event);
        const QStringList ids = BoardColumnModel::orderIdsFrom(enter->mimeData());
        if (!ids.isEmpty() && ids.first() != m_riders->targetOrder() && m_aim)
            m_aim(ids);
        setDropRow(m_view->indexAt(enter->position().toPoint()));
        break;
    }
    case QEvent::DragMove:
        setDropRow(m_view->indexAt(static_cast<QDragMoveEvent *>(event)->position().toPoint()));
        break;
    case QEvent::DragLeave:
    case QEvent::Drop: setDropRow({}); break;
    default: break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace opsdeck::widgets
