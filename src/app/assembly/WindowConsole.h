#pragma once

#include "ConsoleAssembly.h"
#include "app/runtime/ConsoleBridge.h"
#include "app/runtime/ConsoleOptions.h"

#include <QStringList>

#include <memory>

class QSettings;
class QStatusBar;

namespace opsdeck::app {

class ConsoleContextAdapter;
class MainWindow;
class PluginHost;

// The window: the one console assembly, the plugins' ConsoleContext with every feature's
// services, the role's plugins and the main window. main.cpp and the UI tests build the
// window through this class, so a test sees what a dispatcher sees.
class WindowConsole final
{
public:
    // `pluginDirs` empty: PluginHost::defaultPluginDirs().
    explicit WindowConsole(ConsoleOptions options, QStringList pluginDirs = {});
    ~WindowConsole(); // shutdown()
    WindowConsole(const WindowConsole &) = delete;
    WindowConsole &operator=(const WindowConsole &) = delete;

    // Starts the runtime, provides the services, loads the plugins, builds the window
    // (not shown). False with *error when the console cannot start.
    bool start(QString *error);
    // Plugins first (they hold panels over the services), then the features and runtime.
    void shutdown();

    MainWindow *window() const { return m_window.get(); }
    ConsoleAssembly &assembly() { return m_assembly; }
    ConsoleContextAdapter &context() { return *m_context; }
    PluginHost &plugins() { return *m_host; }
    QSettings &settings() { return *m_settings; }

private:
    void addRetention(QStatusBar &statusBar);
    void addAudit();

    ConsoleOptions m_options;
    QStringList m_pluginDirs;
    ConsoleBridge m_bridge;
    ConsoleAssembly m_assembly;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<ConsoleContextAdapter> m_context;
    std::unique_ptr<PluginHost> m_host;
    std::unique_ptr<MainWindow> m_window;
    bool m_started = false;
    bool m_stopped = false;
};

} // namespace opsdeck::app
