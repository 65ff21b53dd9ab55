#pragma once

#include "widgets/WidgetsExport.h"

#include <QWidget>

#include <memory>

class QTableView;
class QTimer;
namespace Ui {
class OrderBoardWidget;
}

namespace opsdeck::widgets {

class OrderTableModel;
class OrderFilterProxyModel;

// The live order board: filter box, state filter, count and the table. Knows nothing
// of where orders come from; the owner feeds the model it passes in.
class OPSDECK_WIDGETS_EXPORT OrderBoardWidget final : public QWidget
{
    Q_OBJECT
public:
    OrderBoardWidget(OrderTableModel *model, QWidget *parent = nullptr);
    ~OrderBoardWidget() override;

    QTableView *tableView() const;
    OrderFilterProxyModel *proxy() const { return m_proxy; }

    // "active" = every state that is not final; a wire state name = that state only;
    // empty = all.
    void setStateFilter(const QString &key);
    void setTextFilter(const QString &text);
    // Selects and scrolls to the order's row without touching the filters (a selection
    // made elsewhere never narrows the table). False when the filters hide it.
    bool selectOrder(const QString &orderId);

private:
    void populateStateCombo();
    void applyStateCombo();
    void updateCount();

    std::unique_ptr<Ui::OrderBoardWidget> m_ui;
    OrderTableModel *m_model;
    OrderFilterProxyModel *m_proxy;
    QTimer *m_ageTimer;
};

} // namespace opsdeck::widgets
