#pragma once

#include "Rows.h"
#include "sdk/SdkExport.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

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
};

} // namespace opsdeck::sdk
