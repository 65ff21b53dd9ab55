#include "KpiFeature.h"

#include "sdk/ConsoleContext.h"

namespace opsdeck::app {

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
