#include "AlertPipeline.h"

#include "app/runtime/ConsoleRuntime.h"
#include "core/geo/CityGeometry.h"
#include "core/pipeline/ConsoleCore.h"
#include "store/log/EventStore.h"
#include "store/db/StoreWorker.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QStandardPaths>

#include <future>
#include <stdexcept>

Q_LOGGING_CATEGORY(lcAlertPipeline, "opsdeck.app.alerts")

namespace opsdeck::app {

AlertPipeline::AlertPipeline(Options options)
    : m_options(std::move(options))
    , m_ruleSet(core::loadAlertRules(m_options.rulesOverridePath))
{
    for (const auto &e : m_ruleSet.errors)
        qCWarning(lcAlertPipeline) << "alert rule" << e.index << e.id.c_str() << "rejected:" << e.reason.c_str();
    qCInfo(lcAlertPipeline) << m_ruleSet.rules.size() << "alert rules from" << m_ruleSet.source << ","
                            << m_ruleSet.errors.size() << "rejected";
    core::AlertEngine::Options engineOptions;
    if (m_options.city)
        engineOptions.zones.load(*m_options.city);
    engineOptions.resyncCount = m_options.resyncCount;
    engineOptions.feedDegraded = m_options.feedDegraded;
    m_engine = std::make_unique<core::AlertEngine>(
        m_ruleSet.rules,
        [this](core::AlertOutput &&out) {
            auto shared = std::make_shared<const core::AlertOutput>(std::move(out));
            if (m_store)
                m_store->post([shared](store::EventStore &s) { store::alertstore::write(s.database(), *shared); });
            if (m_listener)
                m_listener(*shared);
        },
        std::move(engineOptions));
}

AlertPipeline::~AlertPipeline() = default;

void AlertPipeline::assemble(core::ConsoleCore &core, store::StoreWorker &store)
{
    m_store = &store;
    if (!store.counters().storeOpen) {
        // Started without a writable database (StoreWorker's Opener): nothing to restore,
        // and waiting here would hold the start until it opens. The schema job runs first
        // once it does, ahead of any alert write.
        store.post([](store::EventStore &s) { store::alertstore::ensureSchema(s.database()); });
        core.addObserver(m_engine.get());
        return;
    }
    std::promise<store::alertstore::Loaded> loaded;
    auto future = loaded.get_future();
    std::string burstKey; // written before set_value, read after get(): ordered by the promise
    const bool posted = store.post([&loaded, &burstKey](store::EventStore &s) {
        try {
            burstKey = s.burstKey();
            store::alertstore::ensureSchema(s.database());
            loaded.set_value(store::alertstore::load(s.database()));
        } catch (...) {
            loaded.set_exception(std::current_exception());
        }
    });
    if (!posted)
        throw std::runtime_error("alert store: the store thread is not running");
    store::alertstore::Loaded state = future.get();
    qCInfo(lcAlertPipeline) << "reloaded" << state.open.size() << "open alerts," << state.storm.size()
                            << "storm history slots";
    {
        std::lock_guard lock(m_mutex);
        m_restored = state.open;
    }
    m_engine->setBurstKey(burstKey);
    m_engine->restore(std::move(state.open), state.maxId, std::move(state.storm));
    core.addObserver(m_engine.get());
}

std::vector<core::Alert> AlertPipeline::restoredAlerts() const
{
    std::lock_guard lock(m_mutex);
    return m_restored;
}

bool AlertPipeline::searchHistory(std::string text, int limit, HistoryDone done)
{
    if (!m_store)
        return false;
    return m_store->post([text = std::move(text), limit, done = std::move(done)](store::EventStore &s) {
        done(store::alertstore::searchHistory(s.database(), text, limit));
    });
}

core::AlertRuleSet AlertPipeline::applyRules(const QByteArray &json)
{
    core::AlertRuleSet set = core::parseAlertRules(json);
    if (!set.errors.empty())
        return set;
    m_engine->replaceRules(set.rules);
    set.source = m_options.rulesOverridePath;
    set.json = json;
    m_ruleSet = set;
    const QString path = m_options.rulesOverridePath;
    if (!path.isEmpty() && m_store) {
        // The store thread does the console's disk writes; the GUI thread never does I/O.
        m_store->post([path, json](store::EventStore &) {
            QDir().mkpath(QFileInfo(path).absolutePath());
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit())
                qCWarning(lcAlertPipeline) << "could not write alert rules to" << path << file.errorString();
            else
                qCInfo(lcAlertPipeline) << "alert rules saved to" << path;
        });
    }
    return set;
}

AlertPipeline::Options alertPipelineOptions(const ConsoleRuntime &runtime)
{
    AlertPipeline::Options o;
    o.rulesOverridePath = qEnvironmentVariable("OPSDECK_ALERT_RULES");
    if (o.rulesOverridePath.isEmpty())
        o.rulesOverridePath =
            QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + QStringLiteral("/alerts/rules.json");
    o.city = core::geo::CityGeometry::builtIn(); // the city the map draws and geofences use
    o.resyncCount = [&runtime] { return static_cast<std::int64_t>(runtime.feedStats().resyncs.load()); };
    o.feedDegraded = [&runtime] { return runtime.feedStats().degraded(); };
    return o;
}

} // namespace opsdeck::app
