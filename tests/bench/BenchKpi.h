#pragma once

// opsdeck-bench kpi: the live part (BenchKpiLive.cpp) for the driver (BenchKpi.cpp).
#include <algorithm>
#include <cmath>
#include <vector>

namespace opsdeck::bench::kpi {

struct LiveFigures {
    double eventsPerSec = 0;  // published by the gateway, steady part
    double loggedPerSec = 0;  // logged by the console over the same time
    double guiP95 = 0;
    double guiMax = 0;
    int ticks = 0;
    long long gaps = 0;
    long long rejected = 0; // messages the console refused (the bench's encoding is wrong if any)
    double engineAloneEventsPerSec = 0; // component figure
};

// The assembled console fed a synthetic delivery day at ~20k events/s for `seconds`
// (after a warm-up), the dashboard following its KPI service.
LiveFigures runLive(double seconds);

inline double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(
        std::min<double>(static_cast<double>(v.size() - 1), std::ceil(p * static_cast<double>(v.size())) - 1));
    return v[i];
}

} // namespace opsdeck::bench::kpi
