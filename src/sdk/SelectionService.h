#pragma once

#include "sdk/SdkExport.h"

#include <QObject>
#include <QString>
#include <QVariantMap>

namespace opsdeck::sdk {

// What the user is looking at, shared by every panel: clicking an alert selects its
// order on the board and its rider on the map; a KPI tile asks the board to show the
// orders behind it. Panels call the request slots and follow the signals; none of them
// knows which other panels exist. The host provides one per console
// (ConsoleContext::service<SelectionService>()).
class OPSDECK_SDK_EXPORT SelectionService final : public QObject
{
    Q_OBJECT
public:
    explicit SelectionService(QObject *parent = nullptr);
    ~SelectionService() override;

    QString selectedOrder() const { return m_order; }
    QString selectedRider() const { return m_rider; }

public slots:
    // Empty id clears. Re-selecting the same id signals again (a second click on an
    // alert should bring its order back into view).
    void selectOrder(const QString &orderId);
    void selectRider(const QString &riderId);
    // A filter for the order board: keys "state" or "states" (QStringList), "depot",
    // "channel", "merchant", "rider", "lateOnly" (bool), "orderIds" (QStringList);
    // absent keys mean "any".
    void showOrders(const QVariantMap &filter);

signals:
    void orderSelected(const QString &orderId);
    void riderSelected(const QString &riderId);
    void ordersRequested(const QVariantMap &filter);

private:
    QString m_order;
    QString m_rider;
};

} // namespace opsdeck::sdk
