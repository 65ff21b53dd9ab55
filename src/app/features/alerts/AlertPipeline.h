#pragma once

#include "core/alerts/AlertEngine.h"
#include "core/alerts/AlertRules.h"
#include "store/alerts/AlertStore.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace opsdeck::core {
class ConsoleCore;
}
namespace opsdeck::core::geo {
class CityGeometry;
}
namespace opsdeck::store {
class StoreWorker;
}

namespace opsdeck::app {

class ConsoleRuntime;

// Puts the alert engine into the pipeline: rules from the built-in file or the
// installation's override, the engine as a CoreObserver, its own tables in the
// console's database (written in batches through StoreWorker::post), and the open
// alerts of the last run reloaded before the core starts, so a restart never
// duplicates an alert. Use with ConsoleRuntime::addAssembleHook (or by hand in tests).
class AlertPipeline final
{
public:
    struct Options {
        QString rulesOverridePath;                  // empty or missing file: built-in rules
        std::shared_ptr<const core::geo::CityGeometry> city; // zones for "left their zone"; null: rule idle
        std::function<std::int64_t()> resyncCount;  // e.g. FeedStats::resyncs
        std::function<std::vector<core::FeedDegradation>()> feedDegraded; // FeedStats::degraded
    };
    // Called on the core thread after every tick that changed something (after the store
    // job for it was posted). Set before assemble().
    using Listener = std::function<void(const core::AlertOutput &)>;

    explicit AlertPipeline(Options options);
    ~AlertPipeline();
    AlertPipeline(const AlertPipeline &) = delete;
    AlertPipeline &operator=(const AlertPipeline &) = delete;

    void setListener(Listener listener) { m_listener = std::move(listener); }

    // Store thread running, core not started: creates the tables, loads what was open
    // (blocking on the store thread, before any event) and registers the engine.
    // Throws std::runtime_error when the store cannot load.
    void assemble(core::ConsoleCore &core, store::StoreWorker &store);

    const core::AlertRuleSet &ruleSet() const { return m_ruleSet; }
    QString rulesOverridePath() const { return m_options.rulesOverridePath; }
    core::AlertEngine &engine() { return *m_engine; }
    // The alerts reloaded by assemble(): the first picture of the GUI.
    std::vector<core::Alert> restoredAlerts() const;

    // Thread-safe. Runs on the store thread; `done` is called there.
    using HistoryDone = std::function<void(std::vector<store::alertstore::HistoryEntry>)>;
    bool searchHistory(std::string text, int limit, HistoryDone done);

    // Validates `json`; when it has no errors, hands the rules to the engine (applied at
    // its next tick) and writes the override file on the store thread. Returns the
    // validation result either way.
    core::AlertRuleSet applyRules(const QByteArray &json);

private:
    Options m_options;
    core::AlertRuleSet m_ruleSet;
    std::unique_ptr<core::AlertEngine> m_engine;
    Listener m_listener;
    store::StoreWorker *m_store = nullptr;
    mutable std::mutex m_mutex;
    std::vector<core::Alert> m_restored;
};

// The console's defaults: override file $OPSDECK_ALERT_RULES or
// <AppConfigLocation>/alerts/rules.json, the built-in city's zones, the runtime's
// resync counter. The runtime must outlive the pipeline.
AlertPipeline::Options alertPipelineOptions(const ConsoleRuntime &runtime);

} // namespace opsdeck::app
