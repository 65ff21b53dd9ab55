#include "BoardActionController.h"

#include "widgets/common/ActionReasonDialog.h"
#include "BoardModel.h"
#include "widgets/common/OrderStateStyle.h"

#include <QWidget>

namespace opsdeck::widgets {

using Kind = sdk::OrderActions::Kind;

BoardActionController::BoardActionController(BoardModel *model, sdk::OrderActions *actions, QWidget *dialogParent,
                                             QObject *parent)
    : QObject(parent), m_model(model), m_actions(actions), m_dialogParent(dialogParent)
{
    if (m_actions)
        connect(m_actions, &sdk::OrderActions::finished, this, &BoardActionController::onFinished);
}

void BoardActionController::dropOnState(const QStringList &dropped, const QString &state)
{
    // Cards dropped back on their own column: nothing was asked.
    QStringList orderIds;
    for (const QString &id : dropped) {
        const int row = m_model->rowOf(id);
        if (row < 0 || m_model->card(row).row.state != state)
            orderIds << id;
    }
    if (orderIds.isEmpty())
        return;
    if (state == QLatin1String("HELD"))
        hold(orderIds);
    else if (state == QLatin1String("CANCELLED"))
        cancel(orderIds);
    else if (state == QLatin1String("PAID"))
        release(orderIds);
    else
        emit message(tr("Orders cannot be moved to %1 from the console: only the feed moves them there.").arg(state),
                     true);
}

void BoardActionController::reassign(const QStringList &orderIds, const QString &riderId)
{
    request(Kind::Reassign, orderIds, {}, riderId);
}

void BoardActionController::hold(const QStringList &orderIds)
{
    request(Kind::Hold, orderIds, {});
}

void BoardActionController::release(const QStringList &orderIds)
{
    request(Kind::Release, orderIds, {});
}

void BoardActionController::cancel(const QStringList &orderIds)
{
    request(Kind::Cancel, orderIds, {});
}

void BoardActionController::request(Kind kind, const QStringList &orderIds, const States &seen, const QString &riderId)
{
    if (kind == Kind::Reassign && riderId.isEmpty())
        return;
    run(kind, orderIds, riderId, kind == Kind::Hold || kind == Kind::Cancel, seen);
}

QString BoardActionController::roleRefusal(const QString &role, Kind kind)
{
    // As the gateway's ControlHandler allows them: dispatchers (and supervisors, admins,
    // ops) may do all four; a merchant everything but reassign; no one else any.
    static const QStringList kAll{QStringLiteral("dispatcher"), QStringLiteral("supervisor"), QStringLiteral("admin"),
                                  QStringLiteral("ops")};
    if (role.isEmpty() || kAll.contains(role))
        return {};
    if (role == QLatin1String("merchant") && kind != Kind::Reassign)
        return {};
    switch (kind) {
    case Kind::Reassign: return tr("Your role (%1) may not reassign orders; a dispatcher can.").arg(role);
    case Kind::Hold: return tr("Your role (%1) may not hold orders; a dispatcher can.").arg(role);
    case Kind::Release: return tr("Your role (%1) may not release orders; a dispatcher can.").arg(role);
    case Kind::Cancel: return tr("Your role (%1) may not cancel orders; a dispatcher can.").arg(role);
    }
    return {};
}

QString BoardActionController::stateOf(const QString &orderId) const
{
    const int row = m_model->rowOf(orderId);
    return row >= 0 ? m_model->card(row).row.state : QString();
}

QString BoardActionController::refusal(Kind kind, const QString &orderId) const
{
    if (!m_actions)
        return tr("Actions are not available in this console.");
    if (QString why = roleRefusal(m_role, kind); !why.isEmpty())
        return why;
    // Placeholders: the reason and rider are asked for later; the state is what counts.
    const bool reasoned = kind == Kind::Hold || kind == Kind::Cancel;
    return m_actions->check({kind, orderId, stateOf(orderId), kind == Kind::Reassign ? QStringLiteral("-") : QString(),
                             reasoned ? QStringLiteral("-") : QString()});
}

QString BoardActionController::askReason(Kind kind, const QStringList &orderIds)
{
    if (m_reasonProvider)
        return m_reasonProvider(kind, orderIds);
    const bool holding = kind == Kind::Hold;
    const int n = static_cast<int>(orderIds.size());
    // The dialog names what it acts on: the whole id and the state the order is in now.
    const QString one = orderIds.value(0);
    const QString title = n == 1 ? (holding ? tr("Hold order %1?") : tr("Cancel order %1?")).arg(one)
                                 : (holding ? tr("Hold %n orders?", nullptr, n) : tr("Cancel %n orders?", nullptr, n));
    const QString prompt = n == 1
        ? (holding ? tr("Why hold order %1? It is %2 now.") : tr("Why cancel order %1? It is %2 now."))
              .arg(one, stateLabel(stateOf(one)))
        : (holding ? tr("Why hold these %n orders?", nullptr, n) : tr("Why cancel these %n orders?", nullptr, n));
    ActionReasonDialog dialog(prompt,
                              holding ? QStringList{QStringLiteral("suspicious_burst"), QStringLiteral("customer_request"),
                                                    QStringLiteral("address_check")}
                                      : QStringList{QStringLiteral("customer_request"), QStringLiteral("out_of_stock"),
                                                    QStringLiteral("fraud"), QStringLiteral("duplicate")},
                              orderIds, m_dialogParent);
    dialog.setWindowTitle(title);
    return dialog.exec() == QDialog::Accepted ? dialog.reason() : QString();
}

QStringList BoardActionController::movedMeanwhile(const QStringList &orderIds, const States &before,
                                                  QStringList *still) const
{
    QStringList moved;
    for (const QString &id : orderIds) {
        const auto was = before.constFind(id);
        const QString now = stateOf(id);
        if (was != before.constEnd() && !was->isEmpty() && *was != now)
            moved << tr("Order %1 moved from %2 to %3 meanwhile: nothing was sent for it.")
                         .arg(id, stateLabel(*was), stateLabel(now));
        else
            *still << id;
    }
    return moved;
}

void BoardActionController::run(Kind kind, const QStringList &orderIds, const QString &riderId, bool needsReason,
                                const States &seen)
{
    if (!m_actions) {
        emit message(tr("Actions are not available in this console."), true);
        return;
    }
    if (const QString why = roleRefusal(m_role, kind); !why.isEmpty()) {
        emit message(why, true);
        return;
    }
    // Check everything first (with a placeholder reason), so an illegal drop is refused
    // at once and the reason dialog only lists orders that can actually be acted on.
    QStringList legal, refusals;
    States before;
    for (const QString &id : orderIds) {
        const QString state = stateOf(id);
        sdk::OrderActions::Request request{kind, id, state, riderId, needsReason ? QStringLiteral("-") : QString()};
        // The board may have held the card still while its order moved on: the user
        // aimed at what it was, so nothing is sent and the move is named.
        const QString shown = seen.value(id);
        const QString refusal = !shown.isEmpty() && shown != state
            ? tr("Order %1 moved from %2 to %3 since the board showed it: nothing was sent. Look at it again.")
                  .arg(id, stateLabel(shown), stateLabel(state))
            : m_actions->attempt(request); // a refused permission is audited
        if (refusal.isEmpty()) {
            legal << id;
            before.insert(id, state);
        } else {
            refusals << refusal;
        }
    }
    if (!refusals.isEmpty())
        emit message(refusals.size() == 1 ? refusals.first()
                                          : tr("%1 refused: %2").arg(refusals.size()).arg(refusals.first()),
                     true);
    if (legal.isEmpty())
        return;
    QString reason;
    if (needsReason) {
        reason = askReason(kind, legal);
        if (reason.isEmpty())
            return;
        // The feed kept running while the dialog was open.
        QStringList still;
        const QStringList moved = movedMeanwhile(legal, before, &still);
        if (!moved.isEmpty())
            emit message(moved.size() == 1 ? moved.first() : tr("%1 moved: %2").arg(moved.size()).arg(moved.first()),
                         true);
        legal = still;
    }
    const QString target = sdk::OrderActions::targetState(kind);
    QStringList sent;
    for (const QString &id : legal) {
        const auto submitted = m_actions->submit({kind, id, stateOf(id), riderId, reason});
        if (!submitted.accepted()) {
            emit message(submitted.refusal, true);
            continue;
        }
        m_model->markPending(id, target, kind == Kind::Reassign ? riderId : QString());
        sent << id;
    }
    if (sent.isEmpty())
        return;
    emit message(tr("%n command(s) sent; cards stay pending until the feed confirms.", nullptr,
                    static_cast<int>(sent.size())),
                 false);
    emit this->sent(sent);
}

void BoardActionController::onFinished(const QString &commandId, const QString &orderId,
                                       sdk::OrderActions::Outcome outcome, const QString &error,
                                       const QString &text)
{
    (void)commandId;
    switch (outcome) {
    case sdk::OrderActions::Outcome::Confirmed:
        break; // the gateway took it; the card stays pending until the feed shows it
    case sdk::OrderActions::Outcome::Refused:
        m_model->setMark(orderId, BoardModel::Mark::Refused, text.isEmpty() ? error : text);
        emit message(tr("%1 refused by the gateway: %2").arg(orderId, text.isEmpty() ? error : text), true);
        break;
    case sdk::OrderActions::Outcome::Unconfirmed:
        m_model->setMark(orderId, BoardModel::Mark::Unconfirmed, tr("no answer in 3 s"));
        emit message(tr("%1: the gateway did not answer in 3 s (unconfirmed).").arg(orderId), true);
        break;
    }
}

} // namespace opsdeck::widgets
