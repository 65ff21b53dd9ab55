// Operator commands on orders (control channel). Intake commands go straight to
// IntakeControl; these touch the world and therefore show on the feed.
#include "Simulation.h"

namespace opsdeck::sim {

namespace {
using core::OrderState;

CommandOutcome illegal(const Order &o, std::string_view what)
{
    return {CommandError::IllegalTransition,
            "order " + o.id + " is " + std::string(core::toString(o.state)) + ": cannot " + std::string(what)};
}
} // namespace

CommandOutcome Simulation::reassign(const std::string &orderId, const std::string &riderId, std::vector<WireMessage> &out)
{
    Order *o = findOrder(orderId);
    if (!o)
        return {CommandError::UnknownOrder, "no order " + orderId};
    int rider = -1;
    for (std::size_t i = 0; i < m_riders.size(); ++i)
        if (m_riders[i].id == riderId)
            rider = static_cast<int>(i);
    if (rider < 0)
        return {CommandError::UnknownRider, "no rider " + riderId};
    if (o->state != OrderState::Delivering && o->state != OrderState::Exception)
        return illegal(*o, "reassign");
    m_out = &out;
    reassignTo(*o, rider, "order.reassigned");
    m_out = nullptr;
    return {};
}

CommandOutcome Simulation::hold(const std::string &orderId, const std::string &reason, std::vector<WireMessage> &out)
{
    Order *o = findOrder(orderId);
    if (!o)
        return {CommandError::UnknownOrder, "no order " + orderId};
    if (!core::isLegalTransition(o->state, OrderState::Held))
        return illegal(*o, "hold");
    m_out = &out;
    emitSimple(*o, "order.held", "reason", reason.empty() ? "operator_hold" : reason);
    setState(*o, OrderState::Held); // pending timers go stale; only a release moves it on
    m_out = nullptr;
    return {};
}

CommandOutcome Simulation::release(const std::string &orderId, const std::string &by, std::vector<WireMessage> &out)
{
    Order *o = findOrder(orderId);
    if (!o)
        return {CommandError::UnknownOrder, "no order " + orderId};
    if (o->state != OrderState::Held)
        return illegal(*o, "release");
    m_out = &out;
    emitSimple(*o, "order.released", "by", by);
    setState(*o, OrderState::Paid);
    o->suspicious = false;
    scheduleOrder(randMs(10, 30), Act::StockCheck, *o);
    m_out = nullptr;
    return {};
}

CommandOutcome Simulation::cancel(const std::string &orderId, const std::string &reason, std::vector<WireMessage> &out)
{
    Order *o = findOrder(orderId);
    if (!o)
        return {CommandError::UnknownOrder, "no order " + orderId};
    if (!core::isLegalTransition(o->state, OrderState::Cancelled))
        return illegal(*o, "cancel");
    m_out = &out;
    emitSimple(*o, "order.cancelled", "reason", reason.empty() ? "operator_cancel" : reason);
    finishOrder(*o, OrderState::Cancelled);
    m_out = nullptr;
    return {};
}

} // namespace opsdeck::sim
