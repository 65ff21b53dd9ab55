#pragma once

#include "Rows.h"
#include "sdk/SdkExport.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

class QSettings;

namespace opsdeck::sdk {

// The host's side of the contract: everything a plugin may know about the console.
// The host owns it and outlives every panel. Signals arrive on the GUI thread, batched
// (at most a few dozen per second), never one per order.
class OPSDECK_SDK_EXPORT ConsoleContext : public QObject
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
    // The merchant of a merchant user (the signed-in Principal's); empty for other roles.
    // Every order this context gives out is already within the user's scope.
    virtual QString merchant() const { return {}; }
    // Whether an alert about `orderId` (empty: not about an order) at `depot` is within
    // the user's scope: an order alert when the order is one this context gives out, any
    // other when its depot is one of the user's (never for a merchant user: a depot's
    // alerts are about other merchants too). Every alert for an unscoped user.
    virtual bool seesAlert(const QString &orderId, const QString &depot) const
    {
        Q_UNUSED(orderId);
        Q_UNUSED(depot);
        return true;
    }
    // True when personal data in the rows is masked for this role; panels may say so.
    virtual bool maskPersonalData() const = 0;

    // The console's settings: the file given with --settings, else the user's default.
    // Owned by the host, alive as long as the context. Panels keep what they remember
    // (saved board views, the chosen merchant, the report folder) here, under a group of
    // their own, and never open a QSettings themselves: one file holds the whole console
    // and --settings moves all of it. Null when the host keeps no settings (a test
    // host): panels then remember nothing.
    QSettings *settings() const;
    // Host side: not owned; set before the plugins are initialized.
    void setSettings(QSettings *settings);

    // The console's clock, ms since the epoch: the FEED's time, not the wall's (under
    // `opsfeed --time-scale 20` they differ twentyfold; docs/protocol.md "The feed's
    // clock"). Everything that judges time against the rows' times (SLA levels, "N min
    // left", "in state", alert ages, replay, timed controls) reads it here, never
    // QDateTime::currentMSecsSinceEpoch(). clock() hands the same to a model or widget
    // that keeps a std::function. Without a host clock: the wall clock.
    qint64 nowMs() const;
    std::function<qint64()> clock() const;
    // Host side: set before the plugins are initialized.
    void setClock(std::function<qint64()> clock);

    // Services beyond rows (order actions, search, alerts, intake control, KPIs, map
    // data). Each is an abstract QObject class of the SDK; the host provides an
    // implementation, a test host may provide a fake or nothing. Null when absent, so a
    // panel degrades (e.g. read-only) instead of failing.
    template<typename Service>
    Service *service() const
    {
        return qobject_cast<Service *>(m_services.value(QByteArray(Service::staticMetaObject.className())).data());
    }

    // Host side: offer `implementation` as `Service`. Not owned; the host keeps it alive
    // for as long as the context.
    template<typename Service>
    void provide(Service *implementation)
    {
        m_services.insert(QByteArray(Service::staticMetaObject.className()), implementation);
    }

signals:
    // Latest values of the orders / riders that changed since the previous signal.
    void ordersChanged(const QList<opsdeck::sdk::OrderRow> &orders);
    void ridersChanged(const QList<opsdeck::sdk::RiderRow> &riders);

private:
    QHash<QByteArray, QPointer<QObject>> m_services;
    QPointer<QSettings> m_settings;
    // Last, after every member an inline accessor reads: a plugin built against SDK 3
    // without it still finds m_services and m_settings where they were.
    std::function<qint64()> m_clock;
};

} // namespace opsdeck::sdk
