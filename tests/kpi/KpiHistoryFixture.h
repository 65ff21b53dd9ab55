#pragma once

// The worked example's KPI history written to a real store file, for the dashboard and
// report tests (the KPI service reads history on the store thread).
#include "KpiFixtures.h"
#include "store/db/StoreWorker.h"
#include "store/kpi/KpiHistoryStore.h"
#include "store/log/EventStore.h"

#include <QString>

#include <memory>

namespace kpitest {

inline std::unique_ptr<opsdeck::store::StoreWorker> workedExampleStore(const QString &path)
{
    EngineRun run;
    runWorkedExample(run);
    run.engine.flushHistory();
    auto es = std::make_unique<opsdeck::store::EventStore>();
    es->open(path);
    opsdeck::store::KpiHistoryStore::prepare(es->database());
    opsdeck::store::KpiHistoryStore::write(es->database(), run.history);
    return std::make_unique<opsdeck::store::StoreWorker>(std::move(es));
}

} // namespace kpitest
