#pragma once

#include "sdk/OrderActions.h"
#include "widgets/WidgetsExport.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>

class QWidget;

namespace opsdeck::widgets {

class BoardModel;

// Turns board gestures (drop on a column or a rider, menu, shortcut, bulk) into
// sdk::OrderActions requests. Illegal requests are refused at once with the service's
// reason; accepted ones mark their cards "pending" until the feed shows the change.
// The user's role is checked as the gateway checks it (src/sim/ControlHandler.cpp), so
// an action the gateway would refuse for the role is neither offered nor sent.
// "Seen" states are what the board showed when the user aimed (a card held still under
// the pointer may have moved on): an order that changed state meanwhile, or while the
// reason dialog was open, is named in words instead of being acted on blindly.
class OPSDECK_WIDGETS_EXPORT BoardActionController final : public QObject
{
    Q_OBJECT
public:
    // Asks the user for a reason; empty = cancelled. Replaceable (tests, scripted use).
    using ReasonProvider = std::function<QString(sdk::OrderActions::Kind kind, const QStringList &orderIds)>;

    BoardActionController(BoardModel *model, sdk::OrderActions *actions, QWidget *dialogParent,
                          QObject *parent = nullptr);

    using States = QHash<QString, QString>; // order id -> state

    void setReasonProvider(ReasonProvider provider) { m_reasonProvider = std::move(provider); }
    bool canAct() const { return m_actions != nullptr; }
    // The console user's role (ConsoleContext::role()); empty: not checked here.
    void setRole(const QString &role) { m_role = role; }
    const QString &role() const { return m_role; }

    // Why `kind` may not be done to this order now (role, then state machine), or empty.
    QString refusal(sdk::OrderActions::Kind kind, const QString &orderId) const;
    // Why the role may not do `kind` at all (as the gateway answers "may not"), or empty.
    static QString roleRefusal(const QString &role, sdk::OrderActions::Kind kind);

    // Cards dropped on a state column: HELD -> hold, CANCELLED -> cancel, PAID -> release;
    // anything else is refused (only the feed moves orders there).
    void dropOnState(const QStringList &orderIds, const QString &state);
    void reassign(const QStringList &orderIds, const QString &riderId);
    void hold(const QStringList &orderIds);
    void release(const QStringList &orderIds);
    void cancel(const QStringList &orderIds);
    // Any of the four on cards the board showed in `seen` states: an order that is in
    // another state now is named and left alone.
    void request(sdk::OrderActions::Kind kind, const QStringList &orderIds, const States &seen,
                 const QString &riderId = {});

signals:
    // A line for the board's message bar: refusals with their reasons, outcomes.
    void message(const QString &text, bool isError);
    // Commands went out for these orders (their cards are pending): the board follows them.
    void sent(const QStringList &orderIds);

private:
    void run(sdk::OrderActions::Kind kind, const QStringList &orderIds, const QString &riderId, bool needsReason,
             const States &seen);
    QString stateOf(const QString &orderId) const;
    QStringList movedMeanwhile(const QStringList &orderIds, const States &before, QStringList *still) const;
    void onFinished(const QString &commandId, const QString &orderId, sdk::OrderActions::Outcome outcome,
                    const QString &error, const QString &message);
    QString askReason(sdk::OrderActions::Kind kind, const QStringList &orderIds);

    BoardModel *m_model;
    QPointer<sdk::OrderActions> m_actions;
    QPointer<QWidget> m_dialogParent;
    ReasonProvider m_reasonProvider;
    QString m_role;
};

} // namespace opsdeck::widgets
