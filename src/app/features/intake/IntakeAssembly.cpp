#include "IntakeAssembly.h"


#include "app/runtime/ConsoleRuntime.h"
#include "sdk/ConsoleContext.h"

#include <QSettings>

namespace opsdeck::app {

IntakeAssembly::IntakeAssembly() = default;

void IntakeAssembly::assemble(ConsoleRuntime &runtime)
{
    runtime.addAssembleHook([this](core::ConsoleCore &core, store::StoreWorker &store) {
        core.addObserver(&m_observer);
        // The audit table exists in every console's database, windowed or not.
        m_audit = std::make_unique<StoreAuditSink>(store);
    });
}

IntakeAssembly::~IntakeAssembly()
{
    shutdown();
}

void IntakeAssembly::attach(ConsoleRuntime &runtime, sdk::ConsoleContext &context, QSettings &settings)
{
    if (!runtime.storeWorker() || !m_audit)
        return;
    // Timed controls ("for 1 hour") expire on the feed's time, as the gateway counts it;
    // the audit (CommandCenter) keeps the wall clock: it records when people acted.
    IntakeServiceHost::Options options;
    options.clockMs = runtime.clock();
    m_service = std::make_unique<IntakeServiceHost>(runtime.controlEndpoint(), runtime.curveKeys(), m_board, *m_audit,
                                                    Actor{context.userName(), context.role()}, std::move(options));
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
