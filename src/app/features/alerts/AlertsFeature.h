#pragma once

#include "app/features/Feature.h"

#include <memory>

namespace opsdeck::app {

class AlertPipeline;
class AlertServiceHost;

// The alert engine on the core thread with its own tables (every assembly: a headless
// console keeps the alert record too), and in the window the AlertService.
class AlertsFeature final : public Feature
{
public:
    explicit AlertsFeature(FeatureOptions options);
    ~AlertsFeature() override;

    std::string_view name() const override { return "alerts"; }
    void assemble(ConsoleRuntime &runtime) override;
    void attachGui(const GuiAttach &gui) override;

    AlertPipeline *pipeline() const { return m_pipeline.get(); }
    AlertServiceHost *service() const { return m_service.get(); }

private:
    FeatureOptions m_options;
    std::unique_ptr<AlertPipeline> m_pipeline;
    std::unique_ptr<AlertServiceHost> m_service; // window only; the pipeline's listener
};

} // namespace opsdeck::app
