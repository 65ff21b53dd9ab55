#pragma once

#include "app/runtime/ConsoleRuntime.h"
#include "core/kpi/KpiEngine.h"
#include "sdk/KpiService.h"

#include <QLoggingCategory>

#include <atomic>
#include <memory>

namespace opsdeck::store {
class StoreWorker;
}

namespace opsdeck::app {

Q_DECLARE_LOGGING_CATEGORY(lcKpiHost)

// The host side of sdk::KpiService: owns the KPI engine (a CoreObserver on the core
// thread), writes its closed minutes to the history tables through StoreWorker::post,
// answers history queries on the store thread, and hands both to the GUI thread by
// queued calls. Wiring (main.cpp):
//     app::KpiServiceHost kpi;                       // outlives runtime.stop()
//     runtime.addAssembleHook(kpi.assembleHook());
//     context.provide<sdk::KpiService>(&kpi);
class KpiServiceHost final : public sdk::KpiService
{
    Q_OBJECT
public:
    explicit KpiServiceHost(core::KpiEngine::Options options = localOptions(), QObject *parent = nullptr);
    // "Today" starts at this machine's local midnight (as the dashboard's Today range).
    static core::KpiEngine::Options localOptions();
    ~KpiServiceHost() override;

    ConsoleRuntime::AssembleHook assembleHook();
    // Engine into the core, tables into the store. Before core.start().
    void attach(core::ConsoleCore &core, store::StoreWorker &store);
    // History only (no live engine): reports over a store file.
    void attachStore(store::StoreWorker &store);

    sdk::KpiLiveSnapshot latest() const override;
    quint64 requestHistory(const sdk::KpiHistoryQuery &query) override;

    core::KpiEngine *engine() const { return m_engine.get(); }
    std::int64_t historyRowsWritten() const { return m_rowsWritten.load(); }

    static sdk::KpiValues toValues(const core::KpiFigures &figures, qint64 fromMs, qint64 toMs);
    static sdk::KpiLiveSnapshot toSdk(const core::KpiSnapshot &snapshot);

private:
    core::KpiEngine::Options m_options;
    std::unique_ptr<core::KpiEngine> m_engine;
    store::StoreWorker *m_store = nullptr;
    sdk::KpiLiveSnapshot m_latest;
    std::atomic<quint64> m_nextRequest{1};
    std::atomic<std::int64_t> m_rowsWritten{0};
};

} // namespace opsdeck::app
