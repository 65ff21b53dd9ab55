#pragma once

#include "widgets/WidgetsExport.h"

#include <QObject>
#include <QPersistentModelIndex>
#include <QStyledItemDelegate>

#include <functional>

class QLineEdit;
class QListView;

namespace opsdeck::widgets {

class RiderDropModel;
class RiderSortProxy;

// One rider row of the drop list: name and id, then status, load and distance by road;
// the row a drag is over is filled, so the dispatcher sees where the cards will land.
class OPSDECK_WIDGETS_EXPORT RiderRowDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    static constexpr int kRowHeight = 40;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    void setDropRow(const QPersistentModelIndex &index) { m_dropRow = index; }
    const QPersistentModelIndex &dropRow() const { return m_dropRow; }
    // "idle · 2 orders · 1.2 km" (along the roads to the order aimed at): a row's second line.
    static QString detailText(const QModelIndex &index);

private:
    QPersistentModelIndex m_dropRow;
};

// Makes the board's riders list a drop target one can aim at: sorted like the picker for
// the order being dragged (RiderSortProxy), searchable from its box, and the row under a
// drag highlighted. `aim` is called with the dragged order ids when a drag reaches the
// list from somewhere the board did not see start (another window).
class OPSDECK_WIDGETS_EXPORT RiderDropList final : public QObject
{
    Q_OBJECT
public:
    using Aim = std::function<void(const QStringList &orderIds)>;
    RiderDropList(QListView *view, QLineEdit *search, RiderDropModel *riders, Aim aim, QObject *parent = nullptr);

    RiderSortProxy *proxy() const { return m_proxy; }
    RiderRowDelegate *delegate() const { return m_delegate; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void setDropRow(const QModelIndex &index);

    QListView *m_view;
    RiderDropModel *m_riders;
    RiderSortProxy *m_proxy;
    RiderRowDelegate *m_delegate;
    Aim m_aim;
};

} // namespace opsdeck::widgets
