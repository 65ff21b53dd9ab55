#include "OpsManagerPanels.h"

#include "sdk/IntakeService.h"
#include "widgets/intake/IntakeControlPanel.h"
#include "widgets/kpi/KpiPanels.h"

#include <QCoreApplication>
#include <QScrollArea>

namespace opsdeck::ops_manager {

QList<PanelFactory> panelFactories()
{
    return {&intakePanel, &kpiPanels};
}

QList<sdk::Panel> intakePanel(sdk::ConsoleContext *context, QWidget *parent)
{
    // Without the service (a test host, an old console) the panel says so, read-only.
    auto *panel = new widgets::IntakeControlPanel(context->service<sdk::IntakeService>(), parent);
    panel->setClock(context->clock()); // "for 1 hour" counts on the feed's time, as the host's timer does
    // In a scroll area: the panel wants ~560 px of height, which next to the board and
    // the alerts would push the main window past a 1080p screen.
    auto *scroll = new QScrollArea(parent);
    scroll->setObjectName(QStringLiteral("intakeScroll"));
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setWidget(panel);
    return {sdk::Panel{QStringLiteral("intake"), QCoreApplication::translate("OpsManagerPanels", "Intake controls"),
                       scroll, Qt::RightDockWidgetArea}};
}

QList<sdk::Panel> kpiPanels(sdk::ConsoleContext *context, QWidget *parent)
{
    return widgets::createKpiPanels(context, parent);
}

} // namespace opsdeck::ops_manager
