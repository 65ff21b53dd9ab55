#include "DispatcherPlugin.h"

#include "sdk/OrderActions.h"
#include "sdk/OrderHistory.h"
#include "sdk/OrderSearch.h"
#include "sdk/SelectionService.h"
#include "widgets/board/BoardFilter.h"
#include "widgets/board/BoardActionController.h"
#include "widgets/board/BoardModel.h"
#include "sdk/AlertService.h"
#include "widgets/alerts/AlertQueueModel.h"
#include "widgets/alerts/AlertQueueWidget.h"
#include "widgets/map/CityBaseMap.h"
#include "widgets/map/MapPanel.h"
#include "widgets/map/MapView.h"
#include "widgets/orders/OrderBoardWidget.h"
#include "widgets/board/OrderDetailPanel.h"
#include "widgets/board/OrderKanbanBoard.h"
#include "widgets/board/RiderDropModel.h"
#include "widgets/orders/OrderTableModel.h"
#include "widgets/orders/StateCountsView.h"

#include <QVBoxLayout>

namespace opsdeck::dispatcher {

namespace {

// The dispatcher's widgets, built by the helpers below and wired together in
// createPanels(); each helper is one panel or one kind of wiring.
struct Desk {
    widgets::OrderBoardWidget *table = nullptr;
    widgets::StateCountsView *counts = nullptr;
    QWidget *kanbanHost = nullptr;
    widgets::OrderKanbanBoard *kanban = nullptr;
    widgets::OrderDetailPanel *detail = nullptr;
    widgets::MapPanel *map = nullptr;
};

// The live order table and the counts per state. The model is owned by the table so it
// dies with the panel, and it is fed straight from the context: batched signals in, one
// flush per event-loop turn out.
void addOrderTable(Desk &desk, sdk::ConsoleContext *context, QWidget *parent)
{
    auto *model = new widgets::OrderTableModel;
    model->setClock(context->clock()); // "in state" and lateness on the feed's time
    desk.table = new widgets::OrderBoardWidget(model, parent);
    model->setParent(desk.table);
    model->reset(context->currentOrders());
    QObject::connect(context, &sdk::ConsoleContext::ordersChanged, model, &widgets::OrderTableModel::enqueue);

    auto *counts = new widgets::StateCountsView(parent);
    counts->setCounts(model->stateCounts());
    QObject::connect(model, &widgets::OrderTableModel::flushed, counts,
                     [counts, model] { counts->setCounts(model->stateCounts()); });
    desk.counts = counts;
}

QStringList finalStates()
{
    QStringList states;
    for (const QString &state : sdk::orderStates())
        if (sdk::isFinalState(state))
            states << state;
    return states;
}

// The Kanban board and the order detail share one BoardModel, fed like the table.
void addBoardAndDetail(Desk &desk, sdk::ConsoleContext *context, QWidget *parent)
{
    desk.kanbanHost = new QWidget(parent);
    auto *boardModel = new widgets::BoardModel(desk.kanbanHost);
    boardModel->setClock(context->clock()); // SLA levels, "N min left", "in state": the feed's time
    boardModel->reset(context->currentOrders());
    QObject::connect(context, &sdk::ConsoleContext::ordersChanged, boardModel, &widgets::BoardModel::enqueue);
    auto *riders = new widgets::RiderDropModel(desk.kanbanHost);
    // One projected city for the riders' road distances and the detail's map: parsed once.
    const auto city = widgets::CityBaseMap::builtIn();
    riders->setCity(city);
    riders->update(context->currentRiders());
    QObject::connect(context, &sdk::ConsoleContext::ridersChanged, riders, &widgets::RiderDropModel::update);
    // Saved views, per user, in the console's settings (--settings moves them too).
    desk.kanban =
        new widgets::OrderKanbanBoard(boardModel, riders, context->settings(), context->userName(), desk.kanbanHost);
    // The done columns start as narrow strips so every working column fits the screen.
    desk.kanban->setDefaultCollapsedStates(finalStates());
    auto *hostLayout = new QVBoxLayout(desk.kanbanHost);
    hostLayout->setContentsMargins(0, 0, 0, 0);
    hostLayout->addWidget(desk.kanban);
    auto *controller = new widgets::BoardActionController(boardModel, context->service<sdk::OrderActions>(),
                                                          desk.kanban, desk.kanban);
    // No role table of its own: the host's OrderActions::check() is the console's one
    // permission check, and greys out (with the missing permission) what this user may not do.
    desk.kanban->setActionController(controller);
    desk.kanban->setSearch(context->service<sdk::OrderSearch>());
    desk.detail = new widgets::OrderDetailPanel(boardModel, context->service<sdk::OrderHistory>(), parent);
    QObject::connect(desk.kanban, &widgets::OrderKanbanBoard::orderActivated, desk.detail,
                     &widgets::OrderDetailPanel::showOrder);
    desk.detail->updateRiders(context->currentRiders()); // the rider's name in the detail
    QObject::connect(context, &sdk::ConsoleContext::ridersChanged, desk.detail,
                     &widgets::OrderDetailPanel::updateRiders);
    // The detail's own small map: the order's rider, their trail of the last hour (a
    // delivery fits in it) and the route to the customer; it follows the rider.
    auto *trajectory = new widgets::MapView(desk.detail);
    trajectory->setObjectName(QStringLiteral("trajectoryMap"));
    trajectory->setBaseMap(city);
    trajectory->setTrailMinutes(60);
    trajectory->setLayerVisible(widgets::MapView::Layer::Heatmap, false);
    trajectory->setZoom(14);
    trajectory->setClock(context->clock()); // trails and replay on the feed's time
    trajectory->enqueueRiders(context->currentRiders());
    trajectory->enqueueOrders(context->currentOrders());
    QObject::connect(context, &sdk::ConsoleContext::ridersChanged, trajectory, &widgets::MapView::enqueueRiders);
    QObject::connect(context, &sdk::ConsoleContext::ordersChanged, trajectory, &widgets::MapView::enqueueOrders);
    desk.detail->setTrajectoryMap(trajectory);
}

// The shared selection: whoever selects an order (an alert, a KPI tile, the map), the
// board selects and scrolls to its card and the detail shows it; the board's filters
// stay the user's (a selection never narrows it). A requested filter (a KPI tile's
// "orders behind this figure") is the one explicit narrowing.
void followSelection(const Desk &desk, sdk::SelectionService *selection)
{
    auto *kanban = desk.kanban;
    auto *detail = desk.detail;
    auto *table = desk.table;
    widgets::MapView *mapView = desk.map->mapView();
    QObject::connect(selection, &sdk::SelectionService::orderSelected, kanban, [kanban, detail, table](const QString &id) {
        if (id.isEmpty())
            return;
        table->selectOrder(id);
        kanban->revealOrder(id);
        detail->showOrder(id);
    });
    QObject::connect(selection, &sdk::SelectionService::ordersRequested, kanban, [kanban](const QVariantMap &wanted) {
        kanban->setFilter(widgets::BoardFilter::fromRequest(wanted));
    });
    // The map and the selection follow each other; the guards stop the echo.
    QObject::connect(selection, &sdk::SelectionService::riderSelected, mapView, [mapView](const QString &id) {
        if (mapView->selectedRider() != id)
            mapView->selectRider(id);
    });
    QObject::connect(selection, &sdk::SelectionService::orderSelected, mapView, [mapView](const QString &id) {
        if (mapView->selectedOrder() != id)
            mapView->selectOrder(id);
    });
    QObject::connect(mapView, &widgets::MapView::riderSelected, selection, [selection](const QString &id) {
        if (selection->selectedRider() != id)
            selection->selectRider(id);
    });
}

// The alert queue of the user's role. A clicked alert selects its order (or rider) for
// every view; riders with an open alert are never hidden inside a map cluster.
widgets::AlertQueueWidget *makeAlertQueue(const Desk &desk, sdk::ConsoleContext *context,
                                          sdk::AlertService *alerts, sdk::SelectionService *selection, QWidget *parent)
{
    auto *queue = new widgets::AlertQueueWidget(alerts, context->role(), parent); // this role's queue
    // ...and of the user's depots only.
    queue->model()->setScope([context](const sdk::AlertRow &a) { return context->seesAlert(a.orderId, a.depot); });
    auto *table = desk.table;
    QObject::connect(alerts, &sdk::AlertService::selectionRequested, table,
                     [table, selection](const QString &orderId, const QString &riderId) {
                         if (!selection) {
                             if (!orderId.isEmpty())
                                 table->selectOrder(orderId);
                             return;
                         }
                         if (!riderId.isEmpty())
                             selection->selectRider(riderId);
                         if (!orderId.isEmpty())
                             selection->selectOrder(orderId);
                     });
    widgets::MapView *mapView = desk.map->mapView();
    const auto markAlerted = [alerts, mapView] {
        QSet<QString> riders;
        for (const sdk::AlertRow &a : alerts->currentAlerts())
            if (!a.riderId.isEmpty() && a.state != QLatin1String("resolved"))
                riders.insert(a.riderId);
        mapView->setAlertedRiders(riders);
    };
    markAlerted();
    QObject::connect(alerts, &sdk::AlertService::alertsChanged, mapView, markAlerted);
    return queue;
}

} // namespace

QList<sdk::Panel> DispatcherPlugin::createPanels(sdk::ConsoleContext *context, QWidget *parent)
{
    Desk desk;
    addOrderTable(desk, context, parent);
    addBoardAndDetail(desk, context, parent);
    // The live map follows the same batched signals; it keeps its own latest-value store.
    desk.map = new widgets::MapPanel(parent);
    desk.map->attach(context);
    desk.map->mapView()->setClock(context->clock()); // trails and replay on the feed's time

    // The areas for a console without a layout for the role; the console's role layouts
    // (app/shell/RoleLayouts.cpp) put the board in the central area, the rest under it.
    QList<sdk::Panel> panels{
        sdk::Panel{QStringLiteral("map"), tr("Live map"), desk.map, Qt::BottomDockWidgetArea},
        sdk::Panel{QStringLiteral("board"), tr("Board"), desk.kanbanHost, Qt::TopDockWidgetArea},
        sdk::Panel{QStringLiteral("detail"), tr("Order detail"), desk.detail, Qt::BottomDockWidgetArea},
        sdk::Panel{QStringLiteral("orders"), tr("Live orders"), desk.table, Qt::BottomDockWidgetArea},
        sdk::Panel{QStringLiteral("states"), tr("Orders by state"), desk.counts, Qt::BottomDockWidgetArea},
    };

    auto *selection = context->service<sdk::SelectionService>();
    if (selection)
        followSelection(desk, selection);
    // A card activated on the board: its route on the live map, next to its rider's
    // trail. The plugin's own panels, so not through the selection service: a host
    // without one (it is optional) still gets the board, detail and map working together.
    widgets::MapView *mapView = desk.map->mapView();
    QObject::connect(desk.kanban, &widgets::OrderKanbanBoard::orderActivated, mapView, [mapView](const QString &id) {
        if (mapView->selectedOrder() != id)
            mapView->selectOrder(id);
    });

    // The alert queue of the user's role, when the console offers alerts.
    if (auto *alerts = context->service<sdk::AlertService>()) {
        auto *queue = makeAlertQueue(desk, context, alerts, selection, parent);
        panels.push_back(sdk::Panel{QStringLiteral("alerts"), tr("Alerts"), queue, Qt::BottomDockWidgetArea});
    }
    return panels;
}

} // namespace opsdeck::dispatcher
