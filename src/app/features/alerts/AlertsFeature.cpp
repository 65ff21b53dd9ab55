#include "AlertsFeature.h"

#include "AlertPipeline.h"
#include "AlertServiceHost.h"
#include "app/runtime/ConsoleRuntime.h"
#include "sdk/ConsoleContext.h"

namespace opsdeck::app {

AlertsFeature::AlertsFeature(FeatureOptions options)
    : m_options(std::move(options))
{
}

AlertsFeature::~AlertsFeature() = default;

void AlertsFeature::assemble(ConsoleRuntime &runtime)
{
    m_pipeline = std::make_unique<AlertPipeline>(alertPipelineOptions(runtime));
    if (m_options.withGui) {
        // The listener must be in place before the pipeline is assembled: the engine's
        // first tick may already carry changes.
        AlertServiceHost::Clock clock;
        if (m_options.clockMs)
            clock = [c = m_options.clockMs] { return static_cast<qint64>(c()); };
        m_service = std::make_unique<AlertServiceHost>(*m_pipeline, m_options.user, std::move(clock));
    }
    runtime.addAssembleHook(
        [this](core::ConsoleCore &core, store::StoreWorker &store) { m_pipeline->assemble(core, store); });
}

void AlertsFeature::attachGui(const GuiAttach &gui)
{
    if (!m_service)
        return;
    m_service->loadRestored();
    m_service->setAccess(&gui.access);
    gui.context.provide<sdk::AlertService>(m_service.get());
}

} // namespace opsdeck::app
