#include "BoardFeature.h"

#include "app/runtime/ConsoleRuntime.h"

namespace opsdeck::app {

void BoardFeature::assemble(ConsoleRuntime &runtime)
{
    m_services.assemble(runtime);
}

void BoardFeature::attachGui(const GuiAttach &gui)
{
    if (gui.runtime.storeWorker())
        m_services.provideTo(gui.context, *gui.runtime.storeWorker(), gui.runtime.controlEndpoint(),
                             gui.runtime.curveKeys(), gui.access);
}

} // namespace opsdeck::app
