// Customer-service actions on orders (control channel, protocol.md "Extensions"). Each
// one either refuses with a reason or emits exactly one confirming event: the console
// marks its action confirmed only when that event arrives on the feed.
//
// Where the base protocol already has an event for the step (return_started, claim_opened,
// closed), it is used with extra fields a console without the extension ignores, so that
// the order's state machine and every existing console stay as they are.
#include "Simulation.h"

#include <cmath>

namespace opsdeck::sim {

namespace {
using core::OrderState;

CommandOutcome refuse(const Order &o, std::string_view what)
{
    return {CommandError::IllegalTransition,
            "order " + o.id + " is " + std::string(core::toString(o.state)) + ": cannot " + std::string(what)};
}

double cents(double amount)
{
    return std::round(amount * 100) / 100;
}
} // namespace

CommandOutcome Simulation::startReturn(const CsRequest &r, std::vector<WireMessage> &out)
{
    Order *o = findOrder(r.orderId);
    if (!o)
        return {CommandError::UnknownOrder, "no order " + r.orderId};
    // A return starts from a failed delivery (refused at the door, damaged, bad address):
    // EXCEPTION is the one state protocol.md lets move to RETURNING.
    if (o->state != OrderState::Exception)
        return refuse(*o, "start a return");
    m_out = &out;
    JsonWriter w = begin(o->depot, "order.return_started");
    w.field("order_id", o->id);
    w.field("reason", r.reason.empty() ? std::string("customer_service") : r.reason);
    w.field("by", r.by);
    finish();
    setState(*o, OrderState::Returning); // customer service closes it: no timer of its own
    m_out = nullptr;
    return {};
}

CommandOutcome Simulation::closeReturn(const CsRequest &r, std::vector<WireMessage> &out)
{
    Order *o = findOrder(r.orderId);
    if (!o)
        return {CommandError::UnknownOrder, "no order " + r.orderId};
    if (o->state != OrderState::Returning)
        return refuse(*o, "close a return");
    m_out = &out;
    JsonWriter w = begin(o->depot, "order.closed");
    w.field("order_id", o->id);
    w.field("outcome", "returned_to_merchant");
    w.field("by", r.by);
    finish();
    finishOrder(*o, OrderState::Closed);
    m_out = nullptr;
    return {};
}

CommandOutcome Simulation::openClaim(const CsRequest &r, std::vector<WireMessage> &out)
{
    Order *o = findOrder(r.orderId);
    if (!o)
        return {CommandError::UnknownOrder, "no order " + r.orderId};
    if (o->state != OrderState::Exception)
        return refuse(*o, "open a claim");
    if (cents(r.amount) > o->amount)
        return {CommandError::BadRequest, "claim amount exceeds the order's amount"};
    m_out = &out;
    o->claimAmount = cents(r.amount);
    JsonWriter w = begin(o->depot, "order.claim_opened");
    w.field("order_id", o->id);
    w.field("reason", r.reason);
    w.field("amount", o->claimAmount, 2);
    if (!r.photoRef.empty())
        w.field("photo_ref", r.photoRef);
    w.field("by", r.by);
    finish();
    setState(*o, OrderState::Claiming); // waits for decide_claim (a stale ClaimDone timer is ignored)
    m_out = nullptr;
    return {};
}

CommandOutcome Simulation::decideClaim(const CsRequest &r, std::vector<WireMessage> &out)
{
    Order *o = findOrder(r.orderId);
    if (!o)
        return {CommandError::UnknownOrder, "no order " + r.orderId};
    if (o->state != OrderState::Claiming)
        return refuse(*o, "decide a claim");
    const bool approve = r.decision == "approve";
    if (approve && cents(r.amount) > o->claimAmount)
        return {CommandError::BadRequest, "approved amount exceeds the claim"};
    m_out = &out;
    JsonWriter w = begin(o->depot, "order.closed");
    w.field("order_id", o->id);
    w.field("outcome", approve ? "claim_paid" : "claim_rejected");
    w.field("amount", approve ? cents(r.amount) : 0.0, 2);
    w.field("by", r.by);
    finish();
    finishOrder(*o, OrderState::Closed);
    m_out = nullptr;
    return {};
}

CommandOutcome Simulation::refund(const CsRequest &r, std::vector<WireMessage> &out)
{
    Order *o = findOrder(r.orderId);
    if (!o)
        return {CommandError::UnknownOrder, "no order " + r.orderId};
    // Money goes back only once the order has run its course; before that, cancel it.
    if (o->state != OrderState::Signed && o->state != OrderState::Closed && o->state != OrderState::Cancelled)
        return refuse(*o, "refund");
    const double amount = cents(r.amount);
    if (o->refunded + amount > o->amount + 0.005)
        return {CommandError::BadRequest, "refund exceeds what is left of the order's amount"};
    m_out = &out;
    o->refunded = cents(o->refunded + amount);
    JsonWriter w = begin(o->depot, "order.refunded");
    w.field("order_id", o->id);
    w.field("amount", amount, 2);
    w.field("refunded_total", o->refunded, 2);
    w.field("reason", r.reason);
    w.field("by", r.by);
    finish();
    m_out = nullptr;
    return {};
}

CommandOutcome Simulation::notifyCustomer(const CsRequest &r, std::vector<WireMessage> &out)
{
    const Order *o = findOrder(r.orderId);
    if (!o)
        return {CommandError::UnknownOrder, "no order " + r.orderId};
    m_out = &out;
    // The text itself never goes on the feed: it holds personal data and the console
    // that rendered it keeps it; the event says what was sent, in which language.
    JsonWriter w = begin(o->depot, "customer.notified");
    w.field("order_id", o->id);
    w.field("template", r.templateId);
    w.field("lang", r.lang);
    w.field("by", r.by);
    finish();
    m_out = nullptr;
    return {};
}

} // namespace opsdeck::sim
