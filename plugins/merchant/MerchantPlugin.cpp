#include "MerchantPlugin.h"

#include "sdk/AlertService.h"
#include "sdk/OrderHistory.h"
#include "sdk/OrderSearch.h"
#include "sdk/SelectionService.h"
#include "sdk/StockService.h"
#include "widgets/alerts/AlertQueueModel.h"
#include "widgets/alerts/AlertQueueWidget.h"
#include "widgets/board/BoardModel.h"
#include "widgets/merchant/MerchantOrdersPanel.h"
#include "widgets/merchant/MerchantStockPanel.h"
#include "widgets/merchant/StockModel.h"
#include "widgets/board/OrderDetailPanel.h"
#include "widgets/board/OrderKanbanBoard.h"

#include <QPointer>

namespace opsdeck::merchant {

QList<sdk::Panel> MerchantPlugin::createPanels(sdk::ConsoleContext *context, QWidget *parent)
{
    QPointer<sdk::ConsoleContext> ctx(context);
    // Saved views are kept in the console's settings.
    auto *orders = new widgets::MerchantOrdersPanel(
        [ctx] { return ctx ? ctx->currentOrders() : QList<sdk::OrderRow>{}; }, context->settings(),
        context->userName(), context->maskPersonalData(), parent);
    orders->boardModel()->setClock(context->clock()); // SLA and "in state" on the feed's time
    // Done columns start as narrow strips: the working columns get the width.
    QStringList done;
    for (const QString &state : sdk::orderStates())
        if (sdk::isFinalState(state))
            done << state;
    orders->board()->setDefaultCollapsedStates(done);
    // Its own merchant, from who is signed in: the context holds no other merchant's orders.
    orders->setSignedInMerchant(context->merchant());
    orders->setSearch(context->service<sdk::OrderSearch>());
    QObject::connect(context, &sdk::ConsoleContext::ordersChanged, orders, &widgets::MerchantOrdersPanel::enqueue);

    auto *detail = new widgets::OrderDetailPanel(orders->boardModel(), context->service<sdk::OrderHistory>(), parent);
    QObject::connect(orders, &widgets::MerchantOrdersPanel::orderActivated, detail,
                     &widgets::OrderDetailPanel::showOrder);
    detail->updateRiders(context->currentRiders()); // the rider's name in the detail
    QObject::connect(context, &sdk::ConsoleContext::ridersChanged, detail, &widgets::OrderDetailPanel::updateRiders);

    QList<sdk::Panel> panels{
        sdk::Panel{QStringLiteral("orders"), tr("My orders"), orders, Qt::TopDockWidgetArea},
        sdk::Panel{QStringLiteral("detail"), tr("Order detail"), detail, Qt::BottomDockWidgetArea},
        // The host's stock service is already scoped to the signed-in merchant.
        sdk::Panel{QStringLiteral("stock"), tr("Stock"),
                   new widgets::MerchantStockPanel(context->service<sdk::StockService>(), parent), Qt::BottomDockWidgetArea},
    };

    if (auto *alerts = context->service<sdk::AlertService>()) {
        auto *queue = new widgets::AlertQueueWidget(alerts, QStringLiteral("merchant"), parent);
        // Only the alerts about this merchant's own orders and its own shelf items.
        queue->model()->setScope([context](const sdk::AlertRow &a) {
            return context->seesAlert(a.orderId, a.depot)
                || widgets::isOwnStockAlert(a.subjectKind, a.subject, context->merchant());
        });
        // A clicked alert about one of the merchant's orders opens it here; the shared
        // selection tells any other view too.
        auto *selection = context->service<sdk::SelectionService>();
        QObject::connect(alerts, &sdk::AlertService::selectionRequested, detail,
                         [orders, detail, selection](const QString &orderId, const QString &) {
                             // Only the merchant's own orders open here.
                             if (orderId.isEmpty() || orders->boardModel()->rowOf(orderId) < 0)
                                 return;
                             orders->board()->revealOrder(orderId); // selects, never narrows
                             detail->showOrder(orderId);
                             if (selection)
                                 selection->selectOrder(orderId);
                         });
        panels.push_back(sdk::Panel{QStringLiteral("alerts"), tr("Alerts"), queue, Qt::BottomDockWidgetArea});
    }
    return panels;
}

} // namespace opsdeck::merchant
