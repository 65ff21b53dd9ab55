#pragma once

#include "sdk/OrderHistory.h"

#include <QPointer>
#include <QWidget>

#include <memory>

namespace Ui {
class OrderDetailPanel;
}

namespace opsdeck::widgets {

class BoardModel;
struct BoardBatch;

// The order detail: header from the board's row, and from the store (via
// sdk::OrderHistory, off the GUI thread) the timeline of every stored event, ETA
// updates, items, e-signature reference, exception notes and the actions taken.
// The rider's trajectory map belongs to the map room (issue 3) and is not shown here.
class OrderDetailPanel final : public QWidget
{
    Q_OBJECT
public:
    OrderDetailPanel(BoardModel *model, sdk::OrderHistory *history, QWidget *parent = nullptr);
    ~OrderDetailPanel() override;

    void showOrder(const QString &orderId);
    QString orderId() const { return m_orderId; }
    int timelineCount() const;

signals:
    void detailShown(const QString &orderId);

private:
    void onDetail(const sdk::OrderDetail &detail);
    void onBatch(const BoardBatch &batch);
    void updateSummary();

    std::unique_ptr<Ui::OrderDetailPanel> m_ui;
    BoardModel *m_model;
    QPointer<sdk::OrderHistory> m_history;
    QString m_orderId;
};

} // namespace opsdeck::widgets
