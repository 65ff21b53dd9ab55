#pragma once

#include "KpiServiceHost.h"
#include "app/features/Feature.h"

namespace opsdeck::app {

// KPI windows on the core thread and their per-minute history in the store (every
// assembly; the open minute is flushed before the store stops), and in the window the
// KpiService.
class KpiFeature final : public Feature
{
public:
    explicit KpiFeature(const FeatureOptions &options);
    std::string_view name() const override { return "kpi"; }
    void assemble(ConsoleRuntime &runtime) override;
    void attachGui(const GuiAttach &gui) override;

    KpiServiceHost &host() { return m_host; }

private:
    KpiServiceHost m_host;
};

} // namespace opsdeck::app
