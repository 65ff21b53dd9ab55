#pragma once

#include "core/intake/ControlCommand.h"

#include <QJsonValue>
#include <QString>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace opsdeck::app {

// Controls set "for 30 minutes" or "until 06:00": each remembers what it replaced and
// when to put it back. One per target (a scope's limit, a scope's breaker, a depot's
// diversion): a later timed command on the same target replaces the timer, a later
// permanent one cancels it, so a reset never undoes a newer decision.
class TimedControls final
{
public:
    struct Timed {
        std::string commandId;
        core::ControlCommand command;
        QJsonValue before; // touched state before the command (from the audit's before)
        std::int64_t expiresMs = 0;
        QString reason;
        std::string runId{};    // the playbook run that set it, if one did
        bool inherited = false; // it took over an earlier timed change's end and before-state
    };

    // After a command was confirmed: arms it when it expires, else cancels the target's timer.
    void onConfirmed(Timed timed);
    // Removes and returns every control due at nowMs (expiresMs <= nowMs).
    std::vector<Timed> takeDue(std::int64_t nowMs);
    std::vector<Timed> armed() const;
    // A playbook run was reverted on `target`: the revert already restored what its own
    // timer would have; a timer it inherited still has an earlier change to undo.
    void dropRun(const std::string &target, const std::string &runId);

private:
    std::map<std::string, Timed> m_byTarget;
};

} // namespace opsdeck::app
