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
class OPSDECK_WIDGETS_EXPORT BoardActionController final : public QObject
{
    Q_OBJECT
public:
    // Asks the user for a reason; empty = cancelled. Replaceable (tests, scripted use).
    using ReasonProvider = std::function<QString(sdk::OrderActions::Kind kind, const QStringList &orderIds)>;

    BoardActionController(BoardModel *model, sdk::OrderActions *actions, QWidget *dialogParent,
                          QObject *parent = nullptr);

    void setReasonProvider(ReasonProvider provider) { m_reasonProvider = std::move(provider); }
    bool canAct() const { return m_actions != nullptr; }

    // Cards dropped on a state column: HELD -> hold, CANCELLED -> cancel, PAID -> release;
    // anything else is refused (only the feed moves orders there).
    void dropOnState(const QStringList &orderIds, const QString &state);
    void reassign(const QStringList &orderIds, const QString &riderId);
    void hold(const QStringList &orderIds);
    void release(const QStringList &orderIds);
    void cancel(const QStringList &orderIds);

signals:
    // A line for the board's message bar: refusals with their reasons, outcomes.
    void message(const QString &text, bool isError);

private:
    void run(sdk::OrderActions::Kind kind, const QStringList &orderIds, const QString &riderId, bool needsReason);
    void onFinished(const QString &commandId, const QString &orderId, sdk::OrderActions::Outcome outcome,
                    const QString &error, const QString &message);
    QString askReason(sdk::OrderActions::Kind kind, const QStringList &orderIds);

    BoardModel *m_model;
    QPointer<sdk::OrderActions> m_actions;
    QPointer<QWidget> m_dialogParent;
    ReasonProvider m_reasonProvider;
};

} // namespace opsdeck::widgets
