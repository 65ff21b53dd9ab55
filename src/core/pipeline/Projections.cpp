#include "Projections.h"

#include <algorithm>
#include <limits>
#include <string>

namespace opsdeck::core {

namespace {
IntegrityAlert illegalTransition(const Event &event, OrderState from)
{
    IntegrityAlert alert;
    alert.atMs = event.tsMs;
    alert.kind = from == OrderState::Unknown ? "unknown_order" : "illegal_transition";
    alert.depot = event.depot;
    alert.epoch = event.epoch;
    alert.seq = event.seq;
    alert.orderId = event.orderId;
    alert.detail = std::string(typeName(event.kind)) + " not allowed in state " + std::string(toString(from));
    return alert;
}
} // namespace

void Projections::load(std::vector<OrderRecord> orders, std::vector<RiderRecord> riders)
{
    m_orders.clear();
    m_riders.clear();
    m_countByState.fill(0);
    m_retired = 0;
    for (auto &o : orders) {
        if (o.retiredAtMs != 0)
            ++m_retired;
        else
            ++m_countByState[static_cast<std::size_t>(o.state)];
        std::string id = o.orderId;
        m_orders.insert_or_assign(std::move(id), std::move(o));
    }
    m_lastRider = nullptr;
    m_riderDue.clear();
    m_riderNow.clear();
    m_dirtyRidersGui.clear();
    m_feedMs = 0;
    for (auto &r : riders) {
        std::string id = r.riderId;
        RiderEntry &entry = m_riders[id];
        entry.written = true; // the row holds this record
        entry.writtenAtMs = r.updatedAtMs;
        m_feedMs = std::max(m_feedMs, r.updatedAtMs);
        entry.record = std::move(r);
    }
}

const OrderRecord *Projections::findOrder(const std::string &orderId) const
{
    const auto it = m_orders.find(orderId);
    return it == m_orders.end() ? nullptr : &it->second;
}

const RiderRecord *Projections::findRider(const std::string &riderId) const
{
    // Observers look up the rider of the event just applied: a compare, not a hash.
    if (m_lastRider && m_lastRider->record.riderId == riderId)
        return &m_lastRider->record;
    const auto it = m_riders.find(riderId);
    return it == m_riders.end() ? nullptr : &it->second.record;
}

Projections::RiderEntry *Projections::riderEntry(const std::string &riderId)
{
    if (m_lastRider && m_lastRider->record.riderId == riderId)
        return m_lastRider;
    auto [it, inserted] = m_riders.try_emplace(riderId);
    if (inserted)
        it->second.record.riderId = riderId;
    m_lastRider = &it->second;
    return m_lastRider;
}

Projections::Result Projections::apply(const Event &event)
{
    if (isOrderEvent(event.kind) || event.kind == EventKind::OrderSnapshot)
        return applyOrder(event);
    switch (event.kind) {
    case EventKind::RiderStatus:
    case EventKind::RiderPosition:
    case EventKind::RiderSnapshot:
        applyRider(event);
        return {Outcome::Applied, std::nullopt};
    default:
        // Reports, stock, sensors and gateway stats are logged; later projections use them.
        return {Outcome::Ignored, std::nullopt};
    }
}

std::vector<std::string> Projections::retireAbsent(const SnapshotCover &cover)
{
    const std::unordered_set<std::string> listed(cover.orderIds.begin(), cover.orderIds.end());
    std::vector<std::string> retired;
    for (auto &[id, o] : m_orders) {
        if (o.depot != cover.depot || o.retiredAtMs != 0 || isFinal(o.state) || o.state == OrderState::Unknown
            || listed.count(id) != 0)
            continue;
        // Not counted by state from now on; the record keeps its last known state.
        --m_countByState[static_cast<std::size_t>(o.state)];
        o.retiredAtMs = std::max<std::int64_t>(1, cover.atMs);
        ++m_retired;
        markOrder(id);
        retired.push_back(id);
    }
    if (!retired.empty())
        ++m_retirements;
    return retired;
}

void Projections::revive(OrderRecord &order)
{
    if (order.retiredAtMs == 0)
        return;
    order.retiredAtMs = 0;
    --m_retired;
    ++m_retirements;
    if (order.state != OrderState::Unknown)
        ++m_countByState[static_cast<std::size_t>(order.state)];
}

void Projections::setState(OrderRecord &order, OrderState state, std::int64_t atMs)
{
    if (order.state != state) {
        if (order.state != OrderState::Unknown)
            --m_countByState[static_cast<std::size_t>(order.state)];
        ++m_countByState[static_cast<std::size_t>(state)];
        order.state = state;
    }
    order.enteredAtMs[static_cast<std::size_t>(state)] = atMs;
}

namespace {

// An order.snapshot record carries the whole order as the gateway knows it.
void copySnapshotFields(OrderRecord &o, const Event &event)
{
    o.orderId = event.orderId;
    o.depot = event.depot;
    o.merchantId = event.merchantId;
    o.channel = event.channel;
    o.riderId = event.riderId;
    o.customerName = event.customerName;
    o.customerPhone = event.customerPhone;
    o.addressText = event.addressText;
    o.customerNote = event.customerNote;
    o.priority = event.priority;
    if (event.hasPosition) {
        o.lat = event.lat;
        o.lng = event.lng;
    }
    o.amount = event.amount;
    o.etaMs = event.etaMs;
    o.promisedAtMs = event.promisedAtMs;
    o.createdAtMs = event.createdAtMs;
    if (!event.reason.empty())
        o.lastReason = event.reason;
}

// What a live order event changes besides the state.
void copyEventFields(OrderRecord &o, const Event &event)
{
    switch (event.kind) {
    case EventKind::OrderCreated:
        o.orderId = event.orderId;
        o.depot = event.depot;
        o.merchantId = event.merchantId;
        o.channel = event.channel;
        o.customerName = event.customerName;
        o.customerPhone = event.customerPhone;
        o.addressText = event.addressText;
        o.customerNote = event.customerNote;
        o.priority = event.priority;
        o.lat = event.lat;
        o.lng = event.lng;
        o.amount = event.amount;
        o.promisedAtMs = event.promisedAtMs;
        o.createdAtMs = event.tsMs;
        break;
    case EventKind::OrderPaid:
        if (event.amount > 0)
            o.amount = event.amount;
        break;
    case EventKind::OrderDispatched:
    case EventKind::OrderReassigned:
        o.riderId = event.riderId;
        o.etaMs = event.etaMs;
        break;
    case EventKind::OrderEtaUpdated:
        o.etaMs = event.etaMs;
        break;
    case EventKind::OrderHeld:
    case EventKind::OrderException:
    case EventKind::OrderCancelled:
    case EventKind::OrderReturnStarted:
    case EventKind::OrderClaimOpened:
    case EventKind::OrderClosed:
        o.lastReason = event.reason;
        break;
    default:
        break;
    }
}

} // namespace

Projections::Result Projections::applyOrder(const Event &event)
{
    auto it = m_orders.find(event.orderId);
    const OrderState current = it == m_orders.end() ? OrderState::Unknown : it->second.state;

    if (event.kind == EventKind::OrderSnapshot) {
        if (it == m_orders.end())
            it = m_orders.emplace(event.orderId, OrderRecord{}).first;
        OrderRecord &o = it->second;
        revive(o); // the gateway knows it again
        copySnapshotFields(o, event);
        if (o.state == OrderState::Unknown && o.createdAtMs > 0)
            o.enteredAtMs[static_cast<std::size_t>(OrderState::Created)] = o.createdAtMs;
        if (event.snapshotState != o.state)
            setState(o, event.snapshotState, event.tsMs);
        o.updatedAtMs = std::max(o.updatedAtMs, event.tsMs);
        markOrder(o.orderId);
        return {Outcome::Applied, std::nullopt};
    }

    const auto next = stateAfter(current, event);
    if (!next)
        return {Outcome::Illegal, illegalTransition(event, current)};

    if (it == m_orders.end())
        it = m_orders.emplace(event.orderId, OrderRecord{}).first;
    OrderRecord &o = it->second;
    revive(o);
    copyEventFields(o, event);
    if (!keepsOrderState(event.kind))
        setState(o, *next, event.tsMs);
    o.updatedAtMs = event.tsMs;
    markOrder(o.orderId);
    return {Outcome::Applied, std::nullopt};
}

void Projections::applyRider(const Event &event)
{
    RiderEntry &entry = *riderEntry(event.riderId);
    RiderRecord &r = entry.record;
    const bool statusChange = event.kind == EventKind::RiderStatus || event.kind == EventKind::RiderSnapshot;
    if (statusChange) {
        if (!event.riderName.empty())
            r.name = event.riderName;
        if (!event.riderStatus.empty())
            r.status = event.riderStatus;
        r.depot = event.riderDepot.empty() ? event.depot : event.riderDepot;
        if (event.capacity > 0)
            r.capacity = event.capacity;
    }
    if (event.hasPosition) {
        r.lat = event.lat;
        r.lng = event.lng;
        r.speedMps = event.speedMps;
        r.headingDeg = event.headingDeg;
        if (event.batteryPct >= 0)
            r.batteryPct = event.batteryPct;
        r.fixAtMs = event.tsMs;
    }
    if (r.depot.empty())
        r.depot = event.depot;
    r.updatedAtMs = event.tsMs;
    m_feedMs = std::max(m_feedMs, event.tsMs);
    markRider(entry, statusChange);
}

void Projections::markOrder(const std::string &id)
{
    for (auto &set : m_dirtyOrders)
        set.insert(id);
}

void Projections::markRider(RiderEntry &entry, bool now)
{
    if (!entry.guiDirty) {
        entry.guiDirty = true;
        m_dirtyRidersGui.push_back(&entry);
    }
    const bool due = now || !entry.written || m_feedMs - entry.writtenAtMs >= kRiderStoreIntervalMs;
    if (entry.waiting && !due)
        return; // already queued: the write then takes the latest record
    if (due) {
        m_riderNow.push_back(&entry);
    } else {
        m_riderDue.emplace_back(entry.writtenAtMs + kRiderStoreIntervalMs, &entry);
    }
    entry.waiting = true;
}

std::vector<OrderRecord> Projections::takeDirtyOrders(Consumer consumer)
{
    auto &set = m_dirtyOrders[static_cast<std::size_t>(consumer)];
    std::vector<OrderRecord> out;
    out.reserve(set.size());
    for (const auto &id : set) {
        if (const auto it = m_orders.find(id); it != m_orders.end())
            out.push_back(it->second);
    }
    set.clear();
    return out;
}

std::vector<RiderRecord> Projections::takeStoreRiders(bool flush)
{
    std::vector<RiderRecord> out;
    const auto take = [&](RiderEntry &entry, std::int64_t dueMs) {
        if (!entry.waiting)
            return; // taken already (queued twice: due now and later)
        if (!flush && dueMs < entry.writtenAtMs + kRiderStoreIntervalMs)
            return; // an entry from before a status change wrote it: its own entry comes later
        entry.waiting = false;
        entry.written = true;
        entry.writtenAtMs = entry.record.updatedAtMs;
        out.push_back(entry.record);
    };
    for (RiderEntry *entry : m_riderNow)
        take(*entry, std::numeric_limits<std::int64_t>::max());
    m_riderNow.clear();
    while (!m_riderDue.empty() && (flush || m_riderDue.front().first <= m_feedMs)) {
        take(*m_riderDue.front().second, m_riderDue.front().first);
        m_riderDue.pop_front();
    }
    return out;
}

std::vector<RiderRecord> Projections::takeDirtyRiders(Consumer consumer, bool flush)
{
    if (consumer == Consumer::Store)
        return takeStoreRiders(flush);
    std::vector<RiderRecord> out;
    out.reserve(m_dirtyRidersGui.size());
    for (RiderEntry *entry : m_dirtyRidersGui) {
        entry->guiDirty = false;
        out.push_back(entry->record);
    }
    m_dirtyRidersGui.clear();
    return out;
}

} // namespace opsdeck::core
