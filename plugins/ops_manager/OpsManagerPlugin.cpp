#include "OpsManagerPlugin.h"

#include "OpsManagerPanels.h"

namespace opsdeck::ops_manager {

Q_LOGGING_CATEGORY(lcOpsManager, "opsdeck.plugin.ops_manager")

bool OpsManagerPlugin::initialize(sdk::ConsoleContext *context, QString *errorMessage)
{
    if (!context) {
        if (errorMessage)
            *errorMessage = tr("no console context");
        return false;
    }
    qCInfo(lcOpsManager) << "initialized for" << context->role() << context->userName();
    return true;
}

QList<sdk::Panel> OpsManagerPlugin::createPanels(sdk::ConsoleContext *context, QWidget *parent)
{
    QList<sdk::Panel> panels;
    for (const PanelFactory &make : panelFactories())
        panels += make(context, parent);
    return panels;
}

void OpsManagerPlugin::aboutToShutdown()
{
    qCInfo(lcOpsManager) << "shutting down";
}

} // namespace opsdeck::ops_manager
