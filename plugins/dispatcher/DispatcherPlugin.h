#pragma once

#include "sdk/RolePlugin.h"

#include <QObject>

namespace opsdeck::dispatcher {

// The dispatcher's desk: the live rider map, the live order board and orders per state.
class DispatcherPlugin final : public QObject, public sdk::RolePlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID OPSDECK_ROLE_PLUGIN_IID FILE "dispatcher.json")
    Q_INTERFACES(opsdeck::sdk::RolePlugin)
public:
    DispatcherPlugin() = default;

    QList<sdk::Panel> createPanels(sdk::ConsoleContext *context, QWidget *parent) override;
};

} // namespace opsdeck::dispatcher
