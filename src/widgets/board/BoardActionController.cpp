#include "BoardActionController.h"

#include "widgets/common/ActionReasonDialog.h"
#include "BoardModel.h"

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
    if (riderId.isEmpty())
        return;
    run(Kind::Reassign, orderIds, riderId, false);
}

void BoardActionController::hold(const QStringList &orderIds)
{
    run(Kind::Hold, orderIds, {}, true);
}

void BoardActionController::release(const QStringList &orderIds)
{
    run(Kind::Release, orderIds, {}, false);
}

void BoardActionController::cancel(const QStringList &orderIds)
{
    run(Kind::Cancel, orderIds, {}, true);
}

QString BoardActionController::askReason(Kind kind, const QStringList &orderIds)
{
    if (m_reasonProvider)
        return m_reasonProvider(kind, orderIds);
    const bool holding = kind == Kind::Hold;
    ActionReasonDialog dialog(holding ? tr("Why hold these orders?") : tr("Why cancel these orders?"),
                              holding ? QStringList{QStringLiteral("suspicious_burst"), QStringLiteral("customer_request"),
                                                    QStringLiteral("address_check")}
                                      : QStringList{QStringLiteral("customer_request"), QStringLiteral("out_of_stock"),
                                                    QStringLiteral("fraud"), QStringLiteral("duplicate")},
                              orderIds, m_dialogParent);
    return dialog.exec() == QDialog::Accepted ? dialog.reason() : QString();
}

void BoardActionController::run(Kind kind, const QStringList &orderIds, const QString &riderId, bool needsReason)
{
    if (!m_actions) {
        emit message(tr("Actions are not available in this console."), true);
        return;
    }
    // Check everything first (with a placeholder reason), so an illegal drop is refused
    // at once and the reason dialog only lists orders that can actually be acted on.
    QStringList legal, refusals;
    for (const QString &id : orderIds) {
        const int row = m_model->rowOf(id);
        sdk::OrderActions::Request request{kind, id, row >= 0 ? m_model->card(row).row.state : QString(), riderId,
                                           needsReason ? QStringLiteral("-") : QString()};
        const QString refusal = m_actions->check(request);
        if (refusal.isEmpty())
            legal << id;
        else
            refusals << refusal;
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
    }
    const QString target = sdk::OrderActions::targetState(kind);
    int sent = 0;
    for (const QString &id : legal) {
        const int row = m_model->rowOf(id);
        const auto submitted =
            m_actions->submit({kind, id, row >= 0 ? m_model->card(row).row.state : QString(), riderId, reason});
        if (!submitted.accepted()) {
            emit message(submitted.refusal, true);
            continue;
        }
        m_model->markPending(id, target, kind == Kind::Reassign ? riderId : QString());
        ++sent;
    }
    if (sent > 0)
        emit message(tr("%n command(s) sent; cards stay pending until the feed confirms.", nullptr, sent), false);
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
