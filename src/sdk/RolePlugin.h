#pragma once

#include "ConsoleContext.h"
#include "SdkVersion.h"
#include "sdk/SdkExport.h"

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
//   {"id": "dispatcher", "name": "Dispatcher", "version": "1.0.0", "sdkVersion": 3,
//    "roles": ["dispatcher"], "dependencies": [{"id": "base", "version": "1.0"}]}
// Lifecycle, all on the GUI thread, in dependency order:
//   initialize() -> createPanels() -> ... -> aboutToShutdown() (reverse order).
// The context is never null and outlives the plugin's panels.
//
// Only createPanels() must be written; the other methods have defaults (defined in the
// SDK library, so a default can be fixed without rebuilding plugins), and a plugin
// overrides just what it adds. The host already logs loading and shutting down.
class OPSDECK_SDK_EXPORT RolePlugin
{
public:
    virtual ~RolePlugin();

    // Return false with a reason to be skipped (reported to the user, never fatal).
    // Default: nothing to prepare, true.
    virtual bool initialize(ConsoleContext *context, QString *errorMessage);
    // The plugin's panels: the reason it exists. Settings through context->settings(),
    // services through context->service<T>().
    virtual QList<Panel> createPanels(ConsoleContext *context, QWidget *parent) = 0;
    // The context is still alive here; panels may be destroyed right after.
    // Default: nothing to release.
    virtual void aboutToShutdown();
};

} // namespace opsdeck::sdk

Q_DECLARE_INTERFACE(opsdeck::sdk::RolePlugin, OPSDECK_ROLE_PLUGIN_IID)
