#pragma once

#include "sdk/RolePlugin.h"

#include <QLoggingCategory>
#include <QObject>

namespace opsdeck::ops_manager {

Q_DECLARE_LOGGING_CATEGORY(lcOpsManager)

// The ops manager's desk: intake controls (and, later, the KPI dashboard). Its panels
// come from panelFactories() (OpsManagerPanels.h).
class OpsManagerPlugin final : public QObject, public sdk::RolePlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID OPSDECK_ROLE_PLUGIN_IID FILE "ops_manager.json")
    Q_INTERFACES(opsdeck::sdk::RolePlugin)
public:
    OpsManagerPlugin() = default;

    bool initialize(sdk::ConsoleContext *context, QString *errorMessage) override;
    QList<sdk::Panel> createPanels(sdk::ConsoleContext *context, QWidget *parent) override;
    void aboutToShutdown() override;
};

} // namespace opsdeck::ops_manager
