#pragma once

#include "sdk/OrderHistory.h"
#include "sdk/Rows.h"
#include "widgets/WidgetsExport.h"

#include <QHash>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <memory>

namespace Ui {
class OrderDetailPanel;
}

namespace opsdeck::widgets {

class BoardModel;
class MapView;
struct BoardBatch;

// The order detail: header from the board's row, and from the store (via
// sdk::OrderHistory, off the GUI thread) the timeline of every stored event, ETA
// updates, items, e-signature reference, exception notes and the actions taken; and,
// when the owner hands it one, a small map with the rider's trail next to the order's
// route, following the rider.
class OPSDECK_WIDGETS_EXPORT OrderDetailPanel final : public QWidget
{
    Q_OBJECT
public:
    OrderDetailPanel(BoardModel *model, sdk::OrderHistory *history, QWidget *parent = nullptr);
    ~OrderDetailPanel() override;

    // Shows the order and brings the panel to the front: its dock is raised when another
    // tab covers it (a card click must do something visible).
    void showOrder(const QString &orderId);
    // Riders' names for the summary ("Rider Wang Lei"), from the context's riders.
    void updateRiders(const QList<sdk::RiderRow> &riders);
    QString summaryText() const;
    // The promise line of an order at nowMs: "38 min left" / "5 min late" while open,
    // "delivered 4 min early" / "delivered 12 min late" once signed (it stops ticking).
    static QString promiseText(const sdk::OrderRow &order, qint64 nowMs);
    // "arrives in 7 min" from the ETA while the order is under way; empty otherwise.
    static QString arrivalText(const sdk::OrderRow &order, qint64 nowMs);
    QString orderId() const { return m_orderId; }
    int timelineCount() const;
    // A map fed by the owner (riders, orders); the panel selects and follows the shown
    // order's rider on it. Optional: without one there is no map pane.
    void setTrajectoryMap(MapView *map);
    MapView *trajectoryMap() const { return m_map; }

signals:
    void detailShown(const QString &orderId);

private:
    void onDetail(const sdk::OrderDetail &detail);
    void onBatch(const BoardBatch &batch);
    void refresh();       // the same order again (new events): no raising
    void raiseDock();
    void onClock();       // once per minute of the console's clock: the summary ticks
    void updateSummary();
    void updateTrajectory();

    std::unique_ptr<Ui::OrderDetailPanel> m_ui;
    BoardModel *m_model;
    QPointer<sdk::OrderHistory> m_history;
    QString m_orderId;
    MapView *m_map = nullptr;
    QHash<QString, QString> m_riderNames;
    QTimer m_clockTimer;
    qint64 m_clockMinute = 0;
};

} // namespace opsdeck::widgets
