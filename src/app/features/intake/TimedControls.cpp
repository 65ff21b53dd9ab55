#include "TimedControls.h"

namespace opsdeck::app {

void TimedControls::onConfirmed(Timed timed)
{
    const std::string target = core::controlTarget(timed.command);
    if (target.empty())
        return;
    if (timed.expiresMs <= 0) {
        m_byTarget.erase(target);
        return;
    }
    const auto it = m_byTarget.find(target);
    if (it != m_byTarget.end()) {
        timed.before = it->second.before; // the reset restores what was there before the first timed change
        timed.inherited = true;
    }
    m_byTarget[target] = std::move(timed);
}

std::vector<TimedControls::Timed> TimedControls::takeDue(std::int64_t nowMs)
{
    std::vector<Timed> due;
    for (auto it = m_byTarget.begin(); it != m_byTarget.end();) {
        if (it->second.expiresMs <= nowMs) {
            due.push_back(std::move(it->second));
            it = m_byTarget.erase(it);
        } else {
            ++it;
        }
    }
    return due;
}

void TimedControls::dropRun(const std::string &target, const std::string &runId)
{
    const auto it = m_byTarget.find(target);
    if (it != m_byTarget.end() && !runId.empty() && it->second.runId == runId && !it->second.inherited)
        m_byTarget.erase(it);
}

std::vector<TimedControls::Timed> TimedControls::armed() const
{
    std::vector<Timed> out;
    for (const auto &[target, t] : m_byTarget)
        out.push_back(t);
    return out;
}

} // namespace opsdeck::app
