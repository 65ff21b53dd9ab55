#include "KpiPanels.h"

#include "KpiDashboardWidget.h"

#include <QCoreApplication>

namespace opsdeck::widgets {

QList<sdk::Panel> createKpiPanels(sdk::ConsoleContext *context, QWidget *parent)
{
    auto *dashboard = new KpiDashboardWidget(context ? context->service<sdk::KpiService>() : nullptr, parent);
    dashboard->setObjectName(QStringLiteral("kpiDashboard"));
    return {sdk::Panel{QStringLiteral("kpi_dashboard"), QCoreApplication::translate("KpiPanels", "KPI dashboard"),
                       dashboard, Qt::RightDockWidgetArea}};
}

} // namespace opsdeck::widgets
