#pragma once

#include "core/model/Sla.h"
#include "sdk/Rows.h"
#include "widgets/WidgetsExport.h"

#include <QSet>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <optional>

namespace opsdeck::widgets {

// What the board shows: an order passes when it matches every set field. Saved views
// store it as a QVariantMap (QSettings).
struct OPSDECK_WIDGETS_EXPORT BoardFilter {
    QString depot;      // empty: all
    QString channel;    // empty: all
    QString merchant;   // substring of the merchant id
    QString rider;      // substring of the rider id
    QStringList hiddenStates;
    bool lateOnly = false;
    bool atRiskOnly = false; // less than 10 min to the promise; with lateOnly: either
    // Not a filter but kept with it, so a saved view keeps it: each column lists the
    // least time left first (the promise; cards without one last) instead of the
    // longest in the state first.
    bool sortByTimeLeft = false;
    // From a request only (a KPI tile: the orders behind its figure), not saved in views
    // and not on the bar: the latest reason holds this text; the order entered its
    // current state within [sinceMs, untilMs) (0: open end).
    QString reason;
    qint64 sinceMs = 0;
    qint64 untilMs = 0;
    std::optional<QSet<QString>> orderIds; // search results; nullopt: no search

    bool narrowedByRequest() const { return !reason.isEmpty() || sinceMs > 0 || untilMs > 0; }

    static constexpr qint64 kAtRiskMs = core::kSlaAtRiskMs; // less than 10 min to the promise: at risk

    bool accepts(const sdk::OrderRow &row, qint64 nowMs) const;
    static bool isLate(const sdk::OrderRow &row, qint64 nowMs);
    // Whether the result changes with the clock alone (late / at risk): the board then
    // filters again as time passes.
    bool dependsOnClock() const { return lateOnly || atRiskOnly; }
    // The column order under sortByTimeLeft: the promise, no promise last. Time left is
    // promise - now for every card alike, so the order does not change as time passes.
    static qint64 timeLeftKey(const sdk::OrderRow &row);

    QVariantMap toMap() const; // without orderIds: a search is not part of a view
    static BoardFilter fromMap(const QVariantMap &map);
    // From SelectionService::showOrders(): "state" / "states" show those states only,
    // "orderIds" the listed orders only, "reason", "fromMs", "toMs" as above, the other
    // keys as in a saved view.
    static BoardFilter fromRequest(const QVariantMap &request);
};

// SLA of a card against its promise: on time, at risk (within 10 min), late; none for a
// final order. The rule is core's (core/model/Sla.h), shared with the KPIs and alerts.
using SlaLevel = core::SlaLevel;
OPSDECK_WIDGETS_EXPORT SlaLevel slaLevel(const sdk::OrderRow &row, qint64 nowMs);

} // namespace opsdeck::widgets
