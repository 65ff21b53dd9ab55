#pragma once
// Who is at a test's console: a Principal, the one permission check over it, and the
// audit rows it appended. RecordingAuditSink implements the AuditSink interface of
// issue 17 (an interface we own, not a mock of a real part): it keeps what it is given.
#include "core/access/AccessGuard.h"

#include <string>
#include <vector>

namespace accesstest {

class RecordingAuditSink final : public opsdeck::core::audit::AuditSink
{
public:
    void append(opsdeck::core::audit::AuditRecord record) override { records.push_back(std::move(record)); }
    std::vector<opsdeck::core::audit::AuditRecord> records;
};

struct TestAccess {
    explicit TestAccess(std::string user, std::string role, std::vector<std::string> depots = {},
                        std::string merchant = {})
        : guard({std::move(user), std::move(role), std::move(depots), std::move(merchant), false}, audit,
                [] { return std::int64_t{1'700'000'000'000}; })
    {
    }
    RecordingAuditSink audit;
    opsdeck::core::access::AccessGuard guard;
};

} // namespace accesstest
