#include "OpsManagerPlugin.h"

#include "OpsManagerPanels.h"

namespace opsdeck::ops_manager {

QList<sdk::Panel> OpsManagerPlugin::createPanels(sdk::ConsoleContext *context, QWidget *parent)
{
    QList<sdk::Panel> panels;
    for (const PanelFactory &make : panelFactories())
        panels += make(context, parent);
    return panels;
}

} // namespace opsdeck::ops_manager
