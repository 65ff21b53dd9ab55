#pragma once

#include "core/pipeline/CoreObserver.h"
#include "IntakeStats.h"

namespace opsdeck::core {

// Projects gateway.stats into an IntakeBoard on the core thread. Counts the stats it
// could not read (they are kept in the event log by the core anyway).
class IntakeObserver final : public CoreObserver
{
public:
    explicit IntakeObserver(IntakeBoard &board) : m_board(board) {}

    void onEvent(const Event &event, bool applied, const Projections &projections) override;
    std::int64_t unreadable() const { return m_unreadable; }

private:
    IntakeBoard &m_board;
    std::int64_t m_unreadable = 0; // core thread only
};

} // namespace opsdeck::core
