#pragma once

#include "widgets/WidgetsExport.h"

#include <QDialog>

#include <memory>

namespace Ui {
class RiderPickerDialog;
}
namespace opsdeck::sdk {
struct OrderRow;
}

class QTableView;

namespace opsdeck::widgets {

class RiderDropModel;
class RiderSortProxy;

// Picks the rider to reassign orders to (Ctrl+E on the board). The riders are ranked for
// the first order (RiderSortProxy: its depot first, nearest along the roads to its
// pickup), each with name, status and load. Nothing is chosen on open: typing highlights
// the first match, arrows move, one Enter or a double-click picks, Esc cancels.
class OPSDECK_WIDGETS_EXPORT RiderPickerDialog final : public QDialog
{
    Q_OBJECT
public:
    // `riders` must already be aimed at `order` (RiderDropModel::aimAt).
    RiderPickerDialog(RiderDropModel *riders, const sdk::OrderRow &order, int orderCount, QWidget *parent = nullptr);
    ~RiderPickerDialog() override;

    QString riderId() const; // the highlighted rider; empty when none
    QTableView *table() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void highlightFirst();
    void updateOk();

    std::unique_ptr<Ui::RiderPickerDialog> m_ui;
    RiderSortProxy *m_proxy;
};

} // namespace opsdeck::widgets
