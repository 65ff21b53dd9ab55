// OrderKanbanBoard: its actions (shortcuts, context menu), what they are offered on, the
// card followed after an action, and the message bar. The filter bar, columns and saved
// views are in OrderKanbanBoard.cpp.
#include "OrderKanbanBoard.h"
#include "RiderPickerDialog.h"

#include "BoardActionController.h"
#include "BoardColumnModel.h"
#include "BoardColumnView.h"
#include "BoardHoldStill.h"
#include "BoardModel.h"
#include "RiderDropModel.h"

#include "ui_OrderKanbanBoard.h"

#include <QAction>
#include <QListView>
#include <QMenu>
#include <QTimer>

namespace opsdeck::widgets {

using Kind = sdk::OrderActions::Kind;

void OrderKanbanBoard::buildActions()
{
    const auto add = [this](const QString &text, const QKeySequence &key, const char *name, auto fn) {
        auto *action = new QAction(text, this);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setObjectName(QString::fromLatin1(name));
        connect(action, &QAction::triggered, this, fn);
        addAction(action);
        return action;
    };
    add(tr("Hold…"), QKeySequence(Qt::CTRL | Qt::Key_H), "holdAction", [this] { act(Kind::Hold); })
        ->setData(QVariant::fromValue(Kind::Hold));
    add(tr("Release"), QKeySequence(Qt::CTRL | Qt::Key_R), "releaseAction", [this] { act(Kind::Release); })
        ->setData(QVariant::fromValue(Kind::Release));
    add(tr("Cancel…"), QKeySequence(Qt::CTRL | Qt::Key_Delete), "cancelAction", [this] { act(Kind::Cancel); })
        ->setData(QVariant::fromValue(Kind::Cancel));
    add(tr("Reassign to…"), QKeySequence(Qt::CTRL | Qt::Key_E), "reassignAction", [this] { reassignSelected(); })
        ->setData(QVariant::fromValue(Kind::Reassign));
    auto *find = new QAction(tr("Find"), this);
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QAction::triggered, this, [this] {
        m_ui->searchEdit->setFocus();
        m_ui->searchEdit->selectAll();
    });
    addAction(find);
    resetActions();
}

OrderKanbanBoard::Targets OrderKanbanBoard::targets() const
{
    if (m_menuTargets)
        return *m_menuTargets; // what the menu was opened on, wherever those cards are now
    Targets t;
    for (BoardColumnView *view : m_columns) {
        if (m_filter.hiddenStates.contains(view->model()->state()))
            continue;
        for (const QModelIndex &index : view->listView()->selectionModel()->selectedIndexes()) {
            const QString id = view->model()->order(index.row()).orderId;
            t.ids << id;
            t.seen.insert(id, view->model()->state());
        }
    }
    return t;
}

void OrderKanbanBoard::act(Kind kind)
{
    const Targets t = targets();
    if (!m_controller || t.ids.isEmpty())
        return;
    m_controller->request(kind, t.ids, t.seen);
}

void OrderKanbanBoard::reassignSelected()
{
    const Targets t = targets(); // before the dialog: the cards may move while it is open
    if (!m_controller || t.ids.isEmpty())
        return;
    if (const QString why = m_controller->refusal(Kind::Reassign, t.ids.first()); t.ids.size() == 1 && !why.isEmpty()) {
        showMessage(why, true); // no rider asked for an order that cannot be reassigned
        return;
    }
    const int row = m_model->rowOf(t.ids.first());
    if (row < 0)
        return;
    aimRiders(t.ids);
    m_holdStill->hold();
    RiderPickerDialog picker(m_riders, m_model->card(row).row, static_cast<int>(t.ids.size()), this);
    const bool ok = picker.exec() == QDialog::Accepted && !picker.riderId().isEmpty();
    const QString rider = picker.riderId();
    m_holdStill->release();
    if (ok)
        m_controller->request(Kind::Reassign, t.ids, t.seen, rider);
}

void OrderKanbanBoard::offerActions(const QStringList &orderIds)
{
    // Offered when the state and role allow it for at least one of the cards (the rest
    // are refused with their reasons); otherwise greyed, the reason as its tip.
    for (QAction *action : actions()) {
        if (action->objectName().isEmpty())
            continue;
        QString why = tr("This board is read-only: it offers no actions on orders.");
        if (m_controller && m_controller->canAct()) {
            why.clear();
            for (const QString &id : orderIds) {
                const QString refusal = m_controller->refusal(action->data().value<Kind>(), id);
                if (refusal.isEmpty()) {
                    why.clear();
                    break;
                }
                if (why.isEmpty())
                    why = refusal;
            }
        }
        action->setEnabled(why.isEmpty());
        action->setToolTip(why.isEmpty() ? action->text() : why);
        action->setStatusTip(why);
    }
}

void OrderKanbanBoard::resetActions()
{
    // Outside a menu the shortcuts stay live on any card: a refusal then says why on the
    // message bar (and never opens a dialog), which a greyed shortcut could not.
    const bool live = m_controller && m_controller->canAct();
    for (QAction *action : actions()) {
        if (action->objectName().isEmpty())
            continue;
        action->setEnabled(live);
        const QString why = live ? QString() : tr("This board is read-only: it offers no actions on orders.");
        action->setToolTip(why.isEmpty() ? action->text() : why);
        action->setStatusTip(why);
    }
}

void OrderKanbanBoard::showContextMenu(QListView *view, const QPoint &pos)
{
    const QModelIndex index = view->indexAt(pos);
    if (index.isValid() && !view->selectionModel()->isSelected(index)) {
        clearSelectionsBeside(view);
        view->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect);
    }
    const Targets t = targets();
    if (t.ids.isEmpty())
        return;
    QMenu menu(this);
    menu.setToolTipsVisible(true);
    offerActions(t.ids);
    for (QAction *action : actions())
        if (!action->objectName().isEmpty())
            menu.addAction(action);
    // The menu acts on the cards it was opened on, and the board holds still under it.
    m_menuTargets = t;
    m_holdStill->hold();
    menu.exec(view->viewport()->mapToGlobal(pos));
    m_holdStill->release();
    m_menuTargets.reset();
    resetActions();
}

void OrderKanbanBoard::setActionController(BoardActionController *controller)
{
    m_controller = controller;
    if (controller) {
        connect(controller, &BoardActionController::message, this, &OrderKanbanBoard::showMessage);
        connect(controller, &BoardActionController::sent, this, &OrderKanbanBoard::followActed);
    }
    resetActions();
}

void OrderKanbanBoard::followActed(const QStringList &orderIds)
{
    m_holdStill->follow(orderIds);
    m_waitingFor = QSet<QString>(orderIds.begin(), orderIds.end());
}

void OrderKanbanBoard::onBatchApplied()
{
    // The cards acted on: shown where they are now (their new column once the feed
    // moved them), until their mark is settled.
    for (const QString &id : QSet<QString>(m_holdStill->followed())) {
        const int row = m_model->rowOf(id);
        if (row < 0) {
            m_holdStill->unfollow(id);
            continue;
        }
        for (BoardColumnView *view : m_columns) {
            const int at = view->model()->ensureShown(id); // listed even deep in a full column
            if (at >= 0 && !m_filter.hiddenStates.contains(view->model()->state())) {
                view->listView()->scrollTo(view->model()->index(at));
                break;
            }
        }
        if (m_model->card(row).mark != BoardModel::Mark::Pending)
            m_holdStill->unfollow(id);
    }
    if (m_waitingFor.isEmpty())
        return;
    int confirmed = 0;
    for (const QString &id : std::as_const(m_waitingFor)) {
        const int row = m_model->rowOf(id);
        if (row >= 0 && m_model->card(row).mark == BoardModel::Mark::Pending)
            return; // still waiting: the "sent" message stays
        confirmed += row >= 0 && m_model->card(row).mark == BoardModel::Mark::Confirmed;
    }
    m_waitingFor.clear();
    // Every answer is in (refusals said so themselves): the "sent" line has had its moment.
    if (confirmed > 0)
        showMessage(tr("%n order(s) confirmed by the feed.", nullptr, confirmed), false);
    else
        showMessage({}, false);
}

void OrderKanbanBoard::showMessage(const QString &text, bool isError)
{
    m_waitingFor.clear();
    m_searchMatches = -1;
    m_narrowingShown = false;
    setMessage(text, isError);
    if (text.isEmpty())
        m_messageTimer->stop();
    else
        m_messageTimer->start(); // the console's own timer: tests fire it rather than wait
}

void OrderKanbanBoard::setMessage(const QString &text, bool isError)
{
    m_ui->messageLabel->setStyleSheet(
        isError ? QStringLiteral("QLabel { color: #8c1d18; background: #fdecea; border: 1px solid #f3b8b3;"
                                 " border-radius: 4px; padding: 4px 8px; }")
                : QStringLiteral("QLabel { color: #1e5631; background: #e9f5ec; border: 1px solid #b7dfc2;"
                                 " border-radius: 4px; padding: 4px 8px; }"));
    m_ui->messageLabel->setText(text);
    m_ui->messageLabel->setVisible(!text.isEmpty());
}

void OrderKanbanBoard::updateMatchMessage()
{
    if (m_searchMatches < 0)
        return;
    // Counted from the columns as they are now, after every change: the search found
    // these orders, but the filters, hidden columns and "done today" may hide some.
    int shown = 0;
    for (BoardColumnView *view : m_columns)
        if (!m_filter.hiddenStates.contains(view->model()->state()))
            shown += view->model()->totalCount();
    const QString found = tr("%n order(s) match the search", nullptr, m_searchMatches);
    QString text = shown == m_searchMatches
        ? tr("%1.").arg(found)
        : tr("%1; %n shown on the board (the filters or the done-today columns hide the others).", nullptr, shown)
              .arg(found);
    // Orders the gateway no longer knows have no column, but the search still finds them:
    // say which, so a found order is never silently missing.
    QStringList retired;
    for (const QString &id : m_filter.orderIds.value_or(QSet<QString>{})) {
        const int row = m_model->rowOf(id);
        if (row >= 0 && m_model->card(row).row.state == QLatin1String(sdk::kRetiredState))
            retired << id;
    }
    if (!retired.isEmpty()) {
        retired.sort();
        const QString ids = retired.mid(0, 5).join(QStringLiteral(", ")) + (retired.size() > 5 ? QStringLiteral(", …") : QString());
        text += QLatin1Char(' ') + tr("Retired by gateway (no longer on the board): %1.").arg(ids);
    }
    setMessage(text, false);
}

bool OrderKanbanBoard::revealOrder(const QString &orderId)
{
    for (BoardColumnView *view : m_columns) {
        // The user's hidden states, not isHidden(): the board may be on a tab behind another.
        if (m_filter.hiddenStates.contains(view->model()->state()))
            continue;
        const int at = view->model()->ensureShown(orderId);
        if (at < 0)
            continue;
        clearSelectionsBeside(view->listView());
        const QModelIndex index = view->model()->index(at);
        view->listView()->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
        view->listView()->scrollTo(index);
        return true;
    }
    if (m_model->rowOf(orderId) >= 0)
        showMessage(tr("Order %1 is on the board but hidden by its filters; clear them to see its card.").arg(orderId),
                    false);
    return false;
}

} // namespace opsdeck::widgets
