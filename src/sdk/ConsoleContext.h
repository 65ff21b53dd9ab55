#pragma once

#include "Rows.h"

#include <QList>
#include <QObject>
#include <QString>

namespace opsdeck::sdk {

// The host's side of the contract: everything a plugin may know about the console.
// The host owns it and outlives every panel. Signals arrive on the GUI thread, batched
// (at most a few dozen per second), never one per order.
class ConsoleContext : public QObject
{
    Q_OBJECT
public:
    explicit ConsoleContext(QObject *parent = nullptr);
    ~ConsoleContext() override;

    // The full current picture, e.g. for a panel created after data started flowing.
    virtual QList<OrderRow> currentOrders() const = 0;
    virtual QList<RiderRow> currentRiders() const = 0;

    virtual QString role() const = 0;      // "dispatcher", "customer_service", "ops_manager", ...
    virtual QString userName() const = 0;
    // True when personal data in the rows is masked for this role; panels may say so.
    virtual bool maskPersonalData() const = 0;

signals:
    // Latest values of the orders / riders that changed since the previous signal.
    void ordersChanged(const QList<opsdeck::sdk::OrderRow> &orders);
    void ridersChanged(const QList<opsdeck::sdk::RiderRow> &riders);
};

} // namespace opsdeck::sdk
