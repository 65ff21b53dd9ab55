#pragma once

#include "ControlAuditSink.h"
#include "IntakeServiceHost.h"

#include "core/intake/IntakeObserver.h"
#include "core/intake/IntakeStats.h"

#include <QString>

#include <memory>

class QSettings;

namespace opsdeck::sdk {
class ConsoleContext;
}

namespace opsdeck::app {

class ConsoleRuntime;

// Puts intake control into a console, in two steps around ConsoleRuntime::start():
//   intake.assemble(runtime);                  // before start: gateway.stats → board, audit table
//   intake.attach(runtime, context, settings); // after start (window): service, playbooks
// Playbooks come from the file named by the setting "intake/playbooks", else the
// built-in :/intake/playbooks.json.
class IntakeAssembly final
{
public:
    IntakeAssembly();
    void assemble(ConsoleRuntime &runtime);
    ~IntakeAssembly();

    void attach(ConsoleRuntime &runtime, sdk::ConsoleContext &context, QSettings &settings);
    // Before the runtime stops: lets the command in flight finish (bounded).
    void shutdown();

    IntakeServiceHost *service() const { return m_service.get(); }

private:
    core::IntakeBoard m_board;
    core::IntakeObserver m_observer{m_board};
    std::unique_ptr<StoreAuditSink> m_audit;
    std::unique_ptr<IntakeServiceHost> m_service;
};

} // namespace opsdeck::app
