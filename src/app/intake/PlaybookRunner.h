#pragma once

#include "CommandCenter.h"

#include "core/Playbook.h"

#include <string>
#include <vector>

namespace opsdeck::app {

class ControlAuditSink;

// Applies a playbook in one action (every control under one run id, origin "playbook"),
// and reverts a run in one action: reads the run's audit entries and, newest first,
// restores each confirmed control's before-state as recorded in the audit (origin
// "playbook_revert", run id "<run>:revert"). A control whose before-state is unknown
// (no gateway.stats had been seen) is reported, never guessed.
class PlaybookRunner final
{
public:
    PlaybookRunner(CommandCenter &center, ControlAuditSink &audit) : m_center(center), m_audit(audit) {}

    std::vector<CommandOutcome> apply(const core::Playbook &playbook, const std::string &runId, const Actor &actor,
                                      const QString &reason);
    std::vector<CommandOutcome> revert(const std::string &runId, const Actor &actor, const QString &reason);

private:
    CommandCenter &m_center;
    ControlAuditSink &m_audit;
};

} // namespace opsdeck::app
