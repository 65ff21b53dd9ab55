#include "AuditFeature.h"

#include "core/access/AccessPolicy.h"

#include "app/runtime/ConsoleRuntime.h"
#include "store/audit/AuditWriter.h"

namespace opsdeck::app {

AuditFeature::AuditFeature() = default;
AuditFeature::~AuditFeature() = default; // after the runtime stopped: no job uses the writer

void AuditFeature::assemble(ConsoleRuntime &runtime)
{
    runtime.addAssembleHook([this](core::ConsoleCore &, store::StoreWorker &store) {
        std::lock_guard lock(m_mutex);
        m_writer = std::make_unique<store::AuditWriter>(store);
        for (core::audit::AuditRecord &record : m_held)
            m_writer->append(std::move(record));
        m_held.clear();
    });
}

void AuditFeature::append(core::audit::AuditRecord record)
{
    std::lock_guard lock(m_mutex);
    if (m_writer)
        m_writer->append(std::move(record));
    else
        m_held.push_back(std::move(record));
}

bool AuditFeature::roleMayViewAudit(const QString &role)
{
    return core::access::roleHas(role.toStdString(), core::access::Permission::ViewAudit);
}

} // namespace opsdeck::app
