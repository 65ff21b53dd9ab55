#pragma once

#include "widgets/WidgetsExport.h"

#include <QFrame>

class QBoxLayout;
class QLabel;
class QListView;
class QToolButton;

namespace opsdeck::widgets {

class BoardColumnModel;
class OrderCardDelegate;

// One Kanban column: a header (state colour, name, count, collapse toggle for the
// "done today" columns) over a QListView of painted cards. Cards can be dragged out
// and dropped in; the column model turns a drop into a request.
class OPSDECK_WIDGETS_EXPORT BoardColumnView final : public QFrame
{
    Q_OBJECT
public:
    // Working columns share the board's width between these bounds, so every one of
    // them fits a 1920 px screen next to the riders strip; a collapsed done column is a
    // narrow strip with its name and count.
    static constexpr int kMinWidth = 140;
    static constexpr int kMaxWidth = 300;
    static constexpr int kCollapsedWidth = 80;

    BoardColumnView(BoardColumnModel *model, OrderCardDelegate *delegate, const QString &title, bool collapsible,
                    QWidget *parent = nullptr);

    QListView *listView() const { return m_list; }
    BoardColumnModel *model() const { return m_model; }
    void setCollapsed(bool collapsed);
    bool isCollapsed() const { return m_collapsed; }

signals:
    // The user clicked the toggle (not emitted by setCollapsed()).
    void collapseToggled(bool collapsed);

protected:
    // The lane is painted here, not by a style sheet, so its colour follows the theme.
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateHeader();

    BoardColumnModel *m_model;
    QString m_title;
    QLabel *m_header;
    QToolButton *m_toggle = nullptr;
    QBoxLayout *m_headerRow;
    QListView *m_list;
    bool m_collapsed = false;
};

} // namespace opsdeck::widgets
