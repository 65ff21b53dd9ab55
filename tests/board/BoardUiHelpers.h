#pragma once
// Driving the real board offscreen: answering the menus and dialogs it opens with exec()
// (which block the code that opened them), right-clicks, clicks on cards, drops.
#include "widgets/board/BoardColumnModel.h"
#include "widgets/board/BoardColumnView.h"
#include "widgets/board/OrderKanbanBoard.h"

#include <QApplication>
#include <QContextMenuEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QListView>
#include <QMenu>
#include <QMimeData>
#include <QPointer>
#include <QPushButton>
#include <QSet>
#include <QTimer>
#include <QtTest>

#include <functional>
#include <memory>
#include <type_traits>

namespace boardtest {

// Answers the next menu (W = QMenu: the active popup) or modal dialog (the active modal
// widget) of type W from a timer, as soon as it shows. Scoped: leaving the scope stops
// waiting, so a dialog that was not expected is not answered by a later test's helper.
// An unanswered dialog is closed after 5 s, so a test fails instead of hanging.
template <typename W>
class Answer
{
public:
    explicit Answer(std::function<void(W *)> fn) : m_timer(new QTimer(qApp))
    {
        auto started = std::make_shared<QElapsedTimer>();
        started->start();
        QPointer<QTimer> timer = m_timer;
        QObject::connect(m_timer, &QTimer::timeout, m_timer, [this, timer, started, fn] {
            W *found = nullptr;
            if constexpr (std::is_base_of_v<QMenu, W>)
                found = qobject_cast<W *>(QApplication::activePopupWidget());
            else
                found = qobject_cast<W *>(QApplication::activeModalWidget());
            if (found && found->isVisible()) {
                timer->stop();
                ++m_count;
                QPointer<W> guard = found;
                fn(found);
                // Whatever fn did, the exec() loop must end.
                QTimer::singleShot(5000, qApp, [guard] {
                    if (guard && guard->isVisible())
                        guard->close();
                });
                return;
            }
            if (started->elapsed() > 20000)
                timer->stop();
        });
        m_timer->start(20);
    }
    ~Answer() { delete m_timer.data(); }
    Answer(const Answer &) = delete;
    Answer &operator=(const Answer &) = delete;

    int count() const { return m_count; }

private:
    QPointer<QTimer> m_timer;
    int m_count = 0;
};

inline void clickOk(QDialog *dialog)
{
    QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QTest::mouseClick(ok, Qt::LeftButton);
}

inline void clickCancel(QDialog *dialog)
{
    QPushButton *cancel = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel);
    QTest::mouseClick(cancel, Qt::LeftButton);
}

// Clicks the menu entry whose action has this objectName (as a user would, on its row).
inline bool clickMenuAction(QMenu *menu, const QString &objectName)
{
    for (QAction *action : menu->actions()) {
        if (action->objectName() == objectName) {
            QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(action).center());
            return true;
        }
    }
    menu->close();
    return false;
}

inline QStringList menuTexts(QMenu *menu)
{
    QStringList texts;
    for (QAction *action : menu->actions())
        if (!action->isSeparator() && action->isVisible())
            texts << action->text();
    return texts;
}

// The offscreen platform has no window manager: when a menu or dialog closes, nobody
// gives the board's window back the activation it took, and window-wide shortcuts stay
// dead. A desktop does this by itself.
inline bool reactivate(QWidget *window)
{
    window->activateWindow();
    return QTest::qWaitForWindowActive(window);
}

// Shown, then active as a desktop would make it: shortcuts need the board's window active.
inline bool showActive(QWidget *window)
{
    window->show();
    return QTest::qWaitForWindowExposed(window) && reactivate(window);
}

// The list and index of an order's card on the board, scrolled into view; null when the
// card is not shown.
struct CardPos {
    QListView *list = nullptr;
    QModelIndex index;
    QPoint center() const { return list->visualRect(index).center(); }
};

inline CardPos findCard(const opsdeck::widgets::OrderKanbanBoard &board, const QString &state, const QString &orderId)
{
    opsdeck::widgets::BoardColumnView *view = board.columnView(state);
    if (!view)
        return {};
    const int row = view->model()->rowOfOrder(orderId);
    if (row < 0)
        return {};
    CardPos pos{view->listView(), view->model()->index(row)};
    pos.list->scrollTo(pos.index);
    return pos;
}

inline void clickCard(const CardPos &card, Qt::KeyboardModifiers modifiers = {})
{
    QTest::mouseClick(card.list->viewport(), Qt::LeftButton, modifiers, card.center());
}

// What the window system sends on a right-click: a context menu event on the viewport.
inline void rightClickCard(const CardPos &card)
{
    const QPoint pos = card.center();
    QTest::mouseClick(card.list->viewport(), Qt::RightButton, {}, pos);
    QContextMenuEvent event(QContextMenuEvent::Mouse, pos, card.list->viewport()->mapToGlobal(pos));
    QApplication::sendEvent(card.list->viewport(), &event);
}

// A drag from a column ending at `pos` on `target`'s viewport: enter, move, drop, as
// QDrag delivers them. Returns whether the target accepted the drag (it may still refuse
// the action).
inline bool dragCardsTo(const opsdeck::widgets::BoardColumnModel &source, const QModelIndexList &cards,
                        QAbstractItemView *target, const QPoint &pos)
{
    std::unique_ptr<QMimeData> mime(source.mimeData(cards));
    QDragEnterEvent enter(pos, Qt::CopyAction, mime.get(), Qt::LeftButton, {});
    QApplication::sendEvent(target->viewport(), &enter);
    if (!enter.isAccepted())
        return false;
    QDragMoveEvent move(pos, Qt::CopyAction, mime.get(), Qt::LeftButton, {});
    QApplication::sendEvent(target->viewport(), &move);
    QDropEvent drop(pos, Qt::CopyAction, mime.get(), Qt::LeftButton, {});
    drop.setDropAction(Qt::CopyAction);
    QApplication::sendEvent(target->viewport(), &drop);
    return move.isAccepted();
}

// A drag from a column ending on `target`'s list, low in its free space (a column).
inline bool dragCards(const opsdeck::widgets::BoardColumnModel &source, const QModelIndexList &cards, QListView *target)
{
    return dragCardsTo(source, cards, target,
                       QPoint(target->viewport()->width() / 2, target->viewport()->height() - 4));
}

// A drag from a column ending on one row of `target` (a rider in the riders list),
// scrolled into view, in the middle of the row: "on" the item, not between two.
inline bool dragCardsOnto(const opsdeck::widgets::BoardColumnModel &source, const QModelIndexList &cards,
                          QAbstractItemView *target, const QModelIndex &row)
{
    target->scrollTo(row);
    return dragCardsTo(source, cards, target, target->visualRect(row).center());
}

// Every card the board shows, by id (hidden columns show none).
inline QSet<QString> shownCards(const opsdeck::widgets::OrderKanbanBoard &board)
{
    QSet<QString> ids;
    for (const QString &state : opsdeck::sdk::orderStates()) {
        opsdeck::widgets::BoardColumnView *view = board.columnView(state);
        if (!view || view->isHidden())
            continue;
        for (int row = 0; row < view->model()->rowCount(); ++row)
            ids.insert(view->model()->order(row).orderId);
    }
    return ids;
}

} // namespace boardtest
