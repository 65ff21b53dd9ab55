#pragma once

#include "sdk/OrderHistory.h"
#include "widgets/WidgetsExport.h"

#include <QPointer>
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

    void showOrder(const QString &orderId);
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
    void updateSummary();
    void updateTrajectory();

    std::unique_ptr<Ui::OrderDetailPanel> m_ui;
    BoardModel *m_model;
    QPointer<sdk::OrderHistory> m_history;
    QString m_orderId;
    MapView *m_map = nullptr;
};

} // namespace opsdeck::widgets
