#pragma once

#include "sdk/RolePlugin.h"

#include <QObject>

namespace opsdeck::ops_manager {

// The ops manager's desk: intake controls (and, later, the KPI dashboard). Its panels
// come from panelFactories() (OpsManagerPanels.h).
class OpsManagerPlugin final : public QObject, public sdk::RolePlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID OPSDECK_ROLE_PLUGIN_IID FILE "ops_manager.json")
    Q_INTERFACES(opsdeck::sdk::RolePlugin)
public:
    OpsManagerPlugin() = default;

    QList<sdk::Panel> createPanels(sdk::ConsoleContext *context, QWidget *parent) override;
};

} // namespace opsdeck::ops_manager
