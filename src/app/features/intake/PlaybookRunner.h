#pragma once

#include "CommandCenter.h"

#include "core/intake/Playbook.h"

#include <functional>
#include <string>
#include <vector>

namespace opsdeck::app {

class ControlAuditSink;

// Applies a playbook in one action (every control under one run id, origin "playbook"),
// and reverts a run in one action: reads the run's audit entries and, newest first,
// restores each confirmed control's before-state as recorded in the audit (origin
// "playbook_revert", run id "<run>:revert"). A control whose before-state is unknown
// (no gateway.stats had been seen) is reported, never guessed. A playbook applied "for
// 30 minutes" gives each control its end (audited, so the host arms its timer).
class PlaybookRunner final
{
public:
    // Told before each control is sent (outcome null: pending) and after it settled.
    using Progress = std::function<void(const std::string &commandId, const core::ControlCommand &command,
                                        const QString &reason, const IssueContext &context,
                                        const CommandOutcome *outcome)>;

    PlaybookRunner(CommandCenter &center, ControlAuditSink &audit, Progress progress = {})
        : m_center(center), m_audit(audit), m_progress(std::move(progress))
    {
    }

    // endsMs: per control, when it resets itself (0 = never); missing entries are permanent.
    std::vector<CommandOutcome> apply(const core::Playbook &playbook, const std::string &runId, const Actor &actor,
                                      const QString &reason, const std::vector<std::int64_t> &endsMs = {});
    std::vector<CommandOutcome> revert(const std::string &runId, const Actor &actor, const QString &reason);

private:
    CommandOutcome run(const core::ControlCommand &command, const Actor &actor, const QString &reason,
                       const IssueContext &context);

    CommandCenter &m_center;
    ControlAuditSink &m_audit;
    Progress m_progress;
};

} // namespace opsdeck::app
