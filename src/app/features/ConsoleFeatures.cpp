#include "ConsoleFeatures.h"

#include "alerts/AlertsFeature.h"
#include "audit/AuditFeature.h"
#include "board/BoardFeature.h"
#include "intake/IntakeFeature.h"
#include "kpi/KpiFeature.h"
#include "map/MapFeature.h"
#include "retention/RetentionFeature.h"
#include "selection/SelectionFeature.h"
#include "stock/StockFeature.h"

#include <algorithm>

namespace opsdeck::app {

namespace {

struct Entry {
    const char *name;
    std::function<std::unique_ptr<Feature>(const FeatureOptions &)> make;
};

// The one list. Order matters only where a feature's GUI part is looked up by another's
// (the selection before every panel); observers run in this order on the core thread.
const std::vector<Entry> &entries()
{
    static const std::vector<Entry> list = {
        {"selection", [](const FeatureOptions &) { return std::make_unique<SelectionFeature>(); }},
        {"audit", [](const FeatureOptions &) { return std::make_unique<AuditFeature>(); }},
        {"board", [](const FeatureOptions &) { return std::make_unique<BoardFeature>(); }},
        {"intake", [](const FeatureOptions &) { return std::make_unique<IntakeFeature>(); }},
        {"alerts", [](const FeatureOptions &o) { return std::make_unique<AlertsFeature>(o); }},
        {"map", [](const FeatureOptions &o) { return std::make_unique<MapFeature>(o); }},
        {"kpi", [](const FeatureOptions &o) { return std::make_unique<KpiFeature>(o); }},
        {"retention", [](const FeatureOptions &o) { return std::make_unique<RetentionFeature>(o); }},
        {"stock", [](const FeatureOptions &o) { return std::make_unique<StockFeature>(o); }},
    };
    return list;
}

} // namespace

std::vector<std::unique_ptr<Feature>> consoleFeatures(const FeatureOptions &options,
                                                      const std::vector<std::string> &only)
{
    std::vector<std::unique_ptr<Feature>> features;
    for (const Entry &e : entries())
        if (only.empty() || std::find(only.begin(), only.end(), e.name) != only.end())
            features.push_back(e.make(options));
    return features;
}

std::vector<std::string> consoleFeatureNames()
{
    std::vector<std::string> names;
    for (const Entry &e : entries())
        names.emplace_back(e.name);
    return names;
}

} // namespace opsdeck::app
