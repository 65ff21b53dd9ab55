#include "OpsManagerPanels.h"

#include "sdk/IntakeService.h"
#include "widgets/IntakeControlPanel.h"
#include "widgets/KpiPanels.h"

#include <QCoreApplication>

namespace opsdeck::ops_manager {

QList<PanelFactory> panelFactories()
{
    return {&intakePanel, &kpiPanels};
}

QList<sdk::Panel> intakePanel(sdk::ConsoleContext *context, QWidget *parent)
{
    // Without the service (a test host, an old console) the panel says so, read-only.
    auto *panel = new widgets::IntakeControlPanel(context->service<sdk::IntakeService>(), parent);
    return {sdk::Panel{QStringLiteral("intake"), QCoreApplication::translate("OpsManagerPanels", "Intake controls"),
                       panel, Qt::RightDockWidgetArea}};
}

QList<sdk::Panel> kpiPanels(sdk::ConsoleContext *context, QWidget *parent)
{
    return widgets::createKpiPanels(context, parent);
}

} // namespace opsdeck::ops_manager
