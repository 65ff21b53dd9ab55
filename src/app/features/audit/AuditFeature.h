#pragma once

#include "app/features/Feature.h"
#include "core/audit/AuditRecord.h"

#include <QString>

#include <memory>
#include <mutex>
#include <vector>

namespace opsdeck::store {
class AuditWriter;
}

namespace opsdeck::app {

// The console's one audit sink (every assembly: a headless console audits too). Rows
// appended before the store thread runs (a sign-in comes before the start) are held and
// handed to the store's AuditWriter once it exists; from then on append() only queues
// (store::AuditWriter), so any thread, the GUI's included, may call it.
class AuditFeature final : public Feature, public core::audit::AuditSink
{
public:
    AuditFeature();
    ~AuditFeature() override;

    std::string_view name() const override { return "audit"; }
    void assemble(ConsoleRuntime &runtime) override;
    void append(core::audit::AuditRecord record) override;

    // Who sees the audit panel: the roles with view_audit in the one permission table
    // (core::access::AccessPolicy). The panel is only a view, the trail itself is written
    // for every role.
    static bool roleMayViewAudit(const QString &role);

private:
    std::mutex m_mutex;
    std::vector<core::audit::AuditRecord> m_held;
    std::unique_ptr<store::AuditWriter> m_writer;
};

} // namespace opsdeck::app
