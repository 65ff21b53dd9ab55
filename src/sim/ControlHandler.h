#pragma once

#include "WireWriter.h"

#include <cstddef>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace opsdeck::sim {

class Simulation;

// Executes control requests (protocol.md, "Control") against a Simulation and builds
// the one-frame reply. Runs on the thread that owns the Simulation.
//
// Permissions by `by.role` (a gateway enforces its own rules even though the console
// checks first):
//   viewer               ping only
//   merchant             ping, hold, release, cancel (not intake policy, not reassign)
//   ops_manager          ping and intake policy (rate limits, breakers, diversions)
//   dispatcher, supervisor, admin, ops   everything
//   any other role       forbidden except ping
// A request without `by` {user, role} is bad_request.
//
// Idempotency: the reply to every request id is remembered (the last kRemembered
// ids); a retry returns the first reply without acting again.
class ControlHandler final
{
public:
    static constexpr std::size_t kRemembered = 4096;

    explicit ControlHandler(Simulation &simulation);

    // Feed events caused by the command are appended to `out`.
    std::string handle(std::string_view request, std::vector<WireMessage> &out);

private:
    std::string execute(const std::string &id, std::string_view request, std::vector<WireMessage> &out);

    Simulation &m_sim;
    std::map<std::string, std::string> m_replies;
    std::deque<std::string> m_replyOrder;
};

std::string controlReply(std::string_view id, std::string_view error = {}, std::string_view message = {});

} // namespace opsdeck::sim
