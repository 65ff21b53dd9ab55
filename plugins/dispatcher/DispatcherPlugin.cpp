#include "DispatcherPlugin.h"

#include "widgets/MapPanel.h"
#include "widgets/OrderBoardWidget.h"
#include "widgets/OrderTableModel.h"
#include "widgets/StateCountsView.h"

namespace opsdeck::dispatcher {

Q_LOGGING_CATEGORY(lcDispatcher, "opsdeck.plugin.dispatcher")

bool DispatcherPlugin::initialize(sdk::ConsoleContext *context, QString *errorMessage)
{
    if (!context) {
        if (errorMessage)
            *errorMessage = tr("no console context");
        return false;
    }
    qCInfo(lcDispatcher) << "initialized for" << context->role() << context->userName();
    return true;
}

QList<sdk::Panel> DispatcherPlugin::createPanels(sdk::ConsoleContext *context, QWidget *parent)
{
    // The model is owned by the board so it dies with the panel, and it is fed straight
    // from the context: batched signals in, one flush per event-loop turn out.
    auto *model = new widgets::OrderTableModel;
    auto *board = new widgets::OrderBoardWidget(model, parent);
    model->setParent(board);
    model->reset(context->currentOrders());
    QObject::connect(context, &sdk::ConsoleContext::ordersChanged, model, &widgets::OrderTableModel::enqueue);

    auto *counts = new widgets::StateCountsView(parent);
    counts->setCounts(model->stateCounts());
    QObject::connect(model, &widgets::OrderTableModel::flushed, counts,
                     [counts, model] { counts->setCounts(model->stateCounts()); });

    // The live map follows the same batched signals; it keeps its own latest-value store.
    auto *map = new widgets::MapPanel(parent);
    map->attach(context);

    return {
        sdk::Panel{QStringLiteral("map"), tr("Live map"), map, Qt::LeftDockWidgetArea},
        sdk::Panel{QStringLiteral("orders"), tr("Live orders"), board, Qt::RightDockWidgetArea},
        sdk::Panel{QStringLiteral("states"), tr("Orders by state"), counts, Qt::LeftDockWidgetArea},
    };
}

void DispatcherPlugin::aboutToShutdown()
{
    qCInfo(lcDispatcher) << "shutting down";
}

} // namespace opsdeck::dispatcher
