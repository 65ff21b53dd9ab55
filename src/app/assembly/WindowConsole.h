#pragma once

#include "ConsoleAssembly.h"
#include "app/runtime/ConsoleBridge.h"
#include "app/runtime/ConsoleOptions.h"
#include "core/access/AccessGuard.h"

#include <QStringList>

#include <memory>
#include <optional>

class QSettings;
class QStatusBar;

namespace opsdeck::app {

class ConsoleContextAdapter;
class ControlAuditRecords;
class ControlAuditSink;
class MainWindow;
class PluginHost;

// The window: the one console assembly, the plugins' ConsoleContext with every feature's
// services, the role's plugins and the main window. main.cpp and the UI tests build the
// window through this class, so a test sees what a dispatcher sees.
class WindowConsole final
{
public:
    // `pluginDirs` empty: PluginHost::defaultPluginDirs(). `principal`: who is at the
    // console, from sign-in; none: the --user/--role options (principalFromOptions).
    explicit WindowConsole(ConsoleOptions options, QStringList pluginDirs = {},
                           std::optional<core::access::Principal> principal = std::nullopt);
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
    const core::access::AccessGuard &access() const { return *m_access; }
    // Today's source of the Principal: --user and --role (every depot, no merchant).
    static core::access::Principal principalFromOptions(const ConsoleOptions &options);
    // The orders `who` may see (ConsoleContextAdapter::Identity::sees); empty: all.
    static std::function<bool(const std::string &, const std::string &)> scopeOf(const core::access::Principal &who);
    PluginHost &plugins() { return *m_host; }
    QSettings &settings() { return *m_settings; }

private:
    void addRetention(QStatusBar &statusBar);
    void addAudit();
    void addPrivacy();

    ConsoleOptions m_options;
    QStringList m_pluginDirs;
    core::access::Principal m_principal;
    ConsoleBridge m_bridge;
    // Before the assembly: the features' services hold the guard until they are gone.
    std::unique_ptr<ControlAuditSink> m_refusalAudit;
    std::unique_ptr<ControlAuditRecords> m_auditRecords;
    std::unique_ptr<core::access::AccessGuard> m_access;
    ConsoleAssembly m_assembly;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<ConsoleContextAdapter> m_context;
    std::unique_ptr<PluginHost> m_host;
    std::unique_ptr<MainWindow> m_window;
    bool m_started = false;
    bool m_stopped = false;
};

} // namespace opsdeck::app
