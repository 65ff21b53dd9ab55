#include "KpiFeature.h"

#include "sdk/ConsoleContext.h"

namespace opsdeck::app {

namespace {

core::KpiEngine::Options engineOptions(const FeatureOptions &options)
{
    core::KpiEngine::Options o = KpiServiceHost::localOptions();
    if (options.viewer)
        o.view = core::KpiView(*options.viewer); // a merchant's or depot's figures only
    return o;
}

} // namespace

KpiFeature::KpiFeature(const FeatureOptions &options) : m_host(engineOptions(options)) {}

void KpiFeature::assemble(ConsoleRuntime &runtime)
{
    runtime.addAssembleHook(m_host.assembleHook());
    runtime.addBeforeStoreStopHook([this] {
        if (m_host.engine())
            m_host.engine()->flushHistory(); // the open minute too
    });
}

void KpiFeature::attachGui(const GuiAttach &gui)
{
    gui.context.provide<sdk::KpiService>(&m_host);
}

} // namespace opsdeck::app
