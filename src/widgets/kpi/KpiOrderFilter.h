#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>

namespace opsdeck::widgets {

// What the dashboard asks the order board to show when a tile is clicked: the orders
// behind that figure. Empty fields mean "any". The board (another room) connects
// KpiDashboardWidget::showOrdersRequested to its filter; see docs/kpi.md.
struct KpiOrderFilter {
    QString kpi;          // tile id: "fulfilment", "on_time", "exceptions", ...
    QStringList states;   // wire spelling, e.g. {"EXCEPTION"}
    QString depot;        // empty: every depot
    QString reason;       // lastReason to match (e.g. "damaged"); empty: any
    bool lateOnly = false; // only orders past their promised_at (signed late or still open)
    qint64 fromMs = 0;    // orders updated within [fromMs, toMs); 0: unbounded
    qint64 toMs = 0;
};

} // namespace opsdeck::widgets

Q_DECLARE_METATYPE(opsdeck::widgets::KpiOrderFilter)
