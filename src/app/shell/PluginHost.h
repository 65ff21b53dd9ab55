#pragma once

#include "PluginSpec.h"

#include <QList>
#include <QLoggingCategory>
#include <QObject>
#include <QStringList>

#include <memory>
#include <vector>

class QPluginLoader;

namespace opsdeck::sdk {
class ConsoleContext;
class RolePlugin;
} // namespace opsdeck::sdk

namespace opsdeck::app {

Q_DECLARE_LOGGING_CATEGORY(lcPlugins)

struct LoadedPlugin {
    PluginSpec spec;
    sdk::RolePlugin *plugin = nullptr; // owned by its QPluginLoader (root instance)
};

// Finds, checks and loads role plugins. Every check that can be made from metadata
// (IID, fields, sdkVersion, duplicates, dependencies, cycles) happens before any plugin
// code runs; survivors load in dependency order. A broken plugin becomes a
// PluginProblem and is skipped: nothing a plugin file does is fatal to the console.
class PluginHost final : public QObject
{
    Q_OBJECT
public:
    explicit PluginHost(QStringList pluginDirs, QObject *parent = nullptr);
    ~PluginHost() override;

    // $OPSDECK_PLUGIN_PATH (':'-separated) first, then <app dir>/../lib/opsdeck/plugins,
    // which is the same relative place in the build tree and in an install.
    static QStringList defaultPluginDirs();

    // Only plugins listing this role (or listing none) are loaded, plus what they depend
    // on. Empty (default): every plugin.
    void setRole(const QString &role) { m_role = role; }

    // Scans, validates, loads and initializes. Call once, with a context (never null)
    // that outlives the plugins' panels.
    void loadPlugins(sdk::ConsoleContext *context);
    // aboutToShutdown() in reverse load order. Libraries stay mapped: their widgets may
    // still be alive. Idempotent.
    void shutdown();

    const QStringList &pluginDirs() const { return m_dirs; }
    const QList<LoadedPlugin> &plugins() const { return m_loaded; } // in load order
    const QList<PluginProblem> &problems() const { return m_problems; }
    const QList<PluginSpec> &skippedForRole() const { return m_skippedForRole; }

signals:
    void pluginsLoaded();

private:
    struct Candidate;
    void scan();
    void addProblem(const QString &file, const QString &id, PluginProblem::Kind kind, const QString &reason);
    QList<int> resolveLoadOrder();
    void instantiate(const QList<int> &order, sdk::ConsoleContext *context);

    QStringList m_dirs;
    QString m_role;
    std::vector<std::unique_ptr<Candidate>> m_candidates;
    QList<LoadedPlugin> m_loaded;
    QList<PluginProblem> m_problems;
    QList<PluginSpec> m_skippedForRole;
    bool m_shutDown = false;
};

} // namespace opsdeck::app
