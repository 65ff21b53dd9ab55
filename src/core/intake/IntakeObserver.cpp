#include "IntakeObserver.h"

namespace opsdeck::core {

void IntakeObserver::onEvent(const Event &event, bool applied, const Projections &projections)
{
    (void)applied;
    (void)projections;
    if (event.kind != EventKind::GatewayStats)
        return;
    if (auto stats = depotIntakeOf(event))
        m_board.update(std::move(*stats));
    else
        ++m_unreadable;
}

} // namespace opsdeck::core
