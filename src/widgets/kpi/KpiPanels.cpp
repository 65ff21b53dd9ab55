#include "KpiPanels.h"

#include "KpiDashboardWidget.h"
#include "KpiOrderFilter.h"
#include "sdk/SelectionService.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QScrollArea>

namespace opsdeck::widgets {

QList<sdk::Panel> createKpiPanels(sdk::ConsoleContext *context, QWidget *parent)
{
    auto *dashboard = new KpiDashboardWidget(context ? context->service<sdk::KpiService>() : nullptr,
                                             context ? context->settings() : nullptr, parent);
    // The ranges ("live", "today") are windows of the feed's time, as the KPI engine's are.
    if (context)
        dashboard->setClock([clock = context->clock()] { return QDateTime::fromMSecsSinceEpoch(clock()); });
    dashboard->setObjectName(QStringLiteral("kpiDashboard"));
    // A clicked tile asks whichever board the console shows for the orders behind it.
    if (auto *selection = context ? context->service<sdk::SelectionService>() : nullptr) {
        QObject::connect(dashboard, &KpiDashboardWidget::showOrdersRequested, selection,
                         [selection](const KpiOrderFilter &f) {
                             QVariantMap request;
                             if (!f.states.isEmpty())
                                 request.insert(QStringLiteral("states"), f.states);
                             if (!f.depot.isEmpty())
                                 request.insert(QStringLiteral("depot"), f.depot);
                             if (f.lateOnly)
                                 request.insert(QStringLiteral("lateOnly"), true);
                             // The figure's own range and reason, so the board shows the
                             // orders behind it and not every order in those states.
                             if (!f.reason.isEmpty())
                                 request.insert(QStringLiteral("reason"), f.reason);
                             if (f.fromMs > 0)
                                 request.insert(QStringLiteral("fromMs"), f.fromMs);
                             if (f.toMs > 0)
                                 request.insert(QStringLiteral("toMs"), f.toMs);
                             selection->showOrders(request);
                         });
    }
    // In a scroll area: the dashboard wants ~600 px of height, and a dock that insists on
    // it pushes the main window past a 1080p screen next to the board and the alerts.
    auto *scroll = new QScrollArea(parent);
    scroll->setObjectName(QStringLiteral("kpiDashboardScroll"));
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setWidget(dashboard);
    return {sdk::Panel{QStringLiteral("kpi_dashboard"), QCoreApplication::translate("KpiPanels", "KPI dashboard"),
                       scroll, Qt::RightDockWidgetArea}};
}

} // namespace opsdeck::widgets
