#pragma once

// Shared by the dashboard test and the benchmark: run the engine over a scripted or
// synthetic feed with real Projections, and get sdk snapshots as the host would.
#include "ScriptedKpiFeed.h"
#include "SyntheticKpiFeed.h"
#include "app/features/kpi/KpiServiceHost.h"
#include "core/kpi/KpiEngine.h"
#include "core/pipeline/Projections.h"

namespace kpitest {

struct EngineRun {
    opsdeck::core::Projections projections;
    std::vector<opsdeck::core::KpiHistoryRow> history;
    opsdeck::core::KpiEngine engine{{}, nullptr, [this](std::vector<opsdeck::core::KpiHistoryRow> &&rows) {
                                        for (auto &r : rows)
                                            history.push_back(std::move(r));
                                    }};

    void apply(const opsdeck::core::Event &e)
    {
        engine.onTick(projections, std::max(e.tsMs, engine.nowMs()));
        const auto result = projections.apply(e);
        engine.onEvent(e, result.outcome == opsdeck::core::Projections::Outcome::Applied, projections);
    }
    opsdeck::sdk::KpiLiveSnapshot sdkSnapshot() const { return opsdeck::app::KpiServiceHost::toSdk(engine.snapshot()); }
};

inline void runWorkedExample(EngineRun &run)
{
    run.engine.onTick(run.projections, kT0);
    for (const auto &e : workedExample())
        run.apply(e);
}

// `minutes` of a 4-depot synthetic feed starting at startMs.
inline void runSynthetic(EngineRun &run, std::int64_t startMs, int minutes, double ordersPerMinPerDepot = 12)
{
    SyntheticKpiFeed::Options o;
    o.startMs = startMs;
    o.ordersPerMinPerDepot = ordersPerMinPerDepot;
    SyntheticKpiFeed feed(o);
    run.engine.onTick(run.projections, startMs);
    const std::int64_t end = startMs + minutes * 60000LL;
    for (;;) {
        auto e = feed.next();
        if (e.tsMs >= end)
            break;
        run.apply(e);
    }
    run.engine.advanceTo(end);
}

} // namespace kpitest
