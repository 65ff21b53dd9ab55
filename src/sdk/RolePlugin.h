#pragma once

#include "ConsoleContext.h"
#include "SdkVersion.h"

#include <QList>
#include <QPointer>
#include <QString>
#include <QtPlugin>

class QWidget;

namespace opsdeck::sdk {

// One dockable view a plugin contributes. The host wraps it in a dock widget whose
// object name is "<plugin id>/<panel id>", so ids must stay stable across versions
// (saved layouts refer to them).
struct Panel {
    QString id;
    QString title;            // translated, shown on the dock's title bar and View menu
    QWidget *widget = nullptr; // parented to the `parent` given to createPanels()
    Qt::DockWidgetArea defaultArea = Qt::LeftDockWidgetArea;
};

// A role plugin. Metadata (JSON, read by the host before any plugin code runs):
//   {"id": "dispatcher", "name": "Dispatcher", "version": "1.0.0", "sdkVersion": 2,
//    "roles": ["dispatcher"], "dependencies": [{"id": "base", "version": "1.0"}]}
// Lifecycle, all on the GUI thread, in dependency order:
//   initialize() -> createPanels() -> ... -> aboutToShutdown() (reverse order).
class RolePlugin
{
public:
    virtual ~RolePlugin() = default;

    // Return false with a reason to be skipped (reported to the user, never fatal).
    virtual bool initialize(ConsoleContext *context, QString *errorMessage) = 0;
    virtual QList<Panel> createPanels(ConsoleContext *context, QWidget *parent) = 0;
    // The context is still alive here; panels may be destroyed right after.
    virtual void aboutToShutdown() = 0;
};

} // namespace opsdeck::sdk

Q_DECLARE_INTERFACE(opsdeck::sdk::RolePlugin, OPSDECK_ROLE_PLUGIN_IID)
