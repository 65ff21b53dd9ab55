#pragma once

#include "core/audit/AuditRecord.h"

namespace opsdeck::app {

class ControlAuditSink;

// An AuditSink over the console's control_audit table (through the store thread's
// ControlAuditSink), so refusals of the permission check are on the audit trail in every
// assembly. The chained audit trail of issue 17 replaces it with its own sink: the guard
// takes any AuditSink &.
class ControlAuditRecords final : public core::audit::AuditSink
{
public:
    // `sink` null (a console without a database): the refusal is logged only.
    explicit ControlAuditRecords(ControlAuditSink *sink) : m_sink(sink) {}
    void append(core::audit::AuditRecord record) override;

private:
    ControlAuditSink *m_sink;
};

} // namespace opsdeck::app
