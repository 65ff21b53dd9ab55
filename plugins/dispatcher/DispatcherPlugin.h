#pragma once

#include "sdk/RolePlugin.h"

#include <QLoggingCategory>
#include <QObject>

namespace opsdeck::dispatcher {

Q_DECLARE_LOGGING_CATEGORY(lcDispatcher)

// The dispatcher's desk: the live rider map, the live order board and orders per state.
class DispatcherPlugin final : public QObject, public sdk::RolePlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID OPSDECK_ROLE_PLUGIN_IID FILE "dispatcher.json")
    Q_INTERFACES(opsdeck::sdk::RolePlugin)
public:
    DispatcherPlugin() = default;

    bool initialize(sdk::ConsoleContext *context, QString *errorMessage) override;
    QList<sdk::Panel> createPanels(sdk::ConsoleContext *context, QWidget *parent) override;
    void aboutToShutdown() override;
};

} // namespace opsdeck::dispatcher
