#include "IntakeAssembly.h"


#include "app/runtime/ConsoleRuntime.h"
#include "sdk/ConsoleContext.h"

#include <QSettings>

namespace opsdeck::app {

IntakeAssembly::IntakeAssembly(ConsoleRuntime &runtime)
{
    runtime.addAssembleHook([this](core::ConsoleCore &core, store::StoreWorker &) { core.addObserver(&m_observer); });
}

IntakeAssembly::~IntakeAssembly()
{
    shutdown();
}

void IntakeAssembly::attach(ConsoleRuntime &runtime, sdk::ConsoleContext &context, QSettings &settings)
{
    if (!runtime.storeWorker())
        return;
    m_audit = std::make_unique<StoreAuditSink>(*runtime.storeWorker());
    m_service = std::make_unique<IntakeServiceHost>(runtime.controlEndpoint(), feed::CurveKeys{}, m_board, *m_audit,
                                                    Actor{context.userName(), context.role()},
                                                    IntakeServiceHost::Options{});
    const QString path = settings.value(QStringLiteral("intake/playbooks"), QStringLiteral(":/intake/playbooks.json")).toString();
    m_service->loadPlaybookFile(path);
    m_service->restoreFromAudit();
    context.provide<sdk::IntakeService>(m_service.get());
}

void IntakeAssembly::shutdown()
{
    if (m_service)
        m_service->waitForIdle(5000);
}

} // namespace opsdeck::app
