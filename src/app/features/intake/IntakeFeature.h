#pragma once

#include "IntakeAssembly.h"
#include "app/features/Feature.h"

namespace opsdeck::app {

// Intake control: gateway.stats into the intake board (every assembly), the command
// audit table (every assembly, so `opsdeck ctl` and a later window find it), and in the
// window the IntakeService with its playbooks and timed controls.
class IntakeFeature final : public Feature
{
public:
    std::string_view name() const override { return "intake"; }
    void assemble(ConsoleRuntime &runtime) override { m_intake.assemble(runtime); }
    void attachGui(const GuiAttach &gui) override { m_intake.attach(gui.runtime, gui.context, gui.settings); }
    void shutdown() override { m_intake.shutdown(); }

    IntakeAssembly &intake() { return m_intake; }

private:
    IntakeAssembly m_intake;
};

} // namespace opsdeck::app
