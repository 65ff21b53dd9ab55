#include "AlertEngine.h"

#include <QLoggingCategory>
#include <QRandomGenerator>

#include <chrono>

Q_LOGGING_CATEGORY(lcAlertEngine, "opsdeck.core.alerts")

namespace opsdeck::core {

namespace {
AlertSubject orderSubject(const OrderRecord &o)
{
    return {AlertSubjectKind::Order, o.orderId, o.orderId, o.riderId, o.depot};
}

AlertSubject riderSubject(const RiderRecord &r)
{
    return {AlertSubjectKind::Rider, r.riderId, {}, r.riderId, r.depot};
}
} // namespace

AlertEngine::AlertEngine(std::vector<AlertRule> rules, Sink sink, Options options)
    : m_rules(std::move(rules))
    , m_sink(std::move(sink))
    , m_options(std::move(options))
{
    setBurstKey(m_options.burstKey);
    if (m_burstKey.isEmpty()) {
        m_burstKey.resize(32);
        QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(m_burstKey.data()), 8);
    }
    indexRules();
}

void AlertEngine::setBurstKey(const std::string &key)
{
    if (!key.empty())
        m_burstKey = QByteArray::fromStdString(key);
}

AlertEngine::AlertEngine(std::vector<AlertRule> rules, Sink sink)
    : AlertEngine(std::move(rules), std::move(sink), Options{})
{
}

void AlertEngine::indexRules()
{
    for (auto &list : m_byKind)
        list.clear();
    for (std::size_t i = 0; i < m_rules.size(); ++i) {
        if (m_rules[i].enabled)
            m_byKind[static_cast<std::size_t>(m_rules[i].kind)].push_back(static_cast<int>(i));
    }
    m_heaps.assign(m_rules.size(), DeadlineHeap{});
    m_bursts.assign(m_rules.size(), BurstWindow{});
    m_book.setRules(m_rules);
    m_indexed = false; // heaps are empty: the next tick rebuilds them from the projections
}

void AlertEngine::restore(std::vector<Alert> open, std::int64_t maxKnownId, std::vector<StormSample> storm)
{
    m_book.restore(std::move(open), maxKnownId);
    for (auto &s : storm)
        m_stormHistory[{s.depot, s.slot}] = std::move(s);
}

void AlertEngine::post(AlertCommand command)
{
    std::lock_guard lock(m_postMutex);
    m_posted.push_back(std::move(command));
    m_posts.store(true, std::memory_order_release);
}

void AlertEngine::replaceRules(std::vector<AlertRule> rules)
{
    std::lock_guard lock(m_postMutex);
    m_postedRules = std::move(rules);
    m_rulesPosted = true;
    m_posts.store(true, std::memory_order_release);
}

std::size_t AlertEngine::indexedEntries() const
{
    std::size_t n = 0;
    for (const auto &h : m_heaps)
        n += h.size();
    return n;
}

std::uint32_t AlertEngine::orderSlot(const std::string &orderId)
{
    const auto it = m_orderSlots.find(orderId);
    if (it != m_orderSlots.end())
        return it->second;
    std::uint32_t slot;
    if (!m_freeOrderSlots.empty()) {
        slot = m_freeOrderSlots.back();
        m_freeOrderSlots.pop_back();
        m_orderIds[slot] = orderId;
    } else {
        slot = static_cast<std::uint32_t>(m_orders.size());
        m_orders.emplace_back();
        m_orderIds.push_back(orderId);
    }
    m_orders[slot].used = true;
    m_orderSlots.emplace(orderId, slot);
    return slot;
}

void AlertEngine::releaseOrderSlot(const std::string &orderId)
{
    const auto it = m_orderSlots.find(orderId);
    if (it == m_orderSlots.end())
        return;
    OrderTrack &t = m_orders[it->second];
    // Generations keep counting, so heap entries of the previous owner never match.
    ++t.stateGen;
    ++t.etaGen;
    ++t.promiseGen;
    t.used = false;
    m_freeOrderSlots.push_back(it->second);
    m_orderSlots.erase(it);
}

std::uint32_t AlertEngine::riderSlot(const std::string &riderId)
{
    const auto [it, inserted] = m_riderSlots.try_emplace(riderId, static_cast<std::uint32_t>(m_riders.size()));
    if (inserted) {
        m_riders.emplace_back();
        m_riderIds.push_back(riderId);
    }
    return it->second;
}

void AlertEngine::onEvent(const Event &event, bool applied, const Projections &projections)
{
    // Requests and new rules take effect before the next event, not only at the next tick.
    if (m_posts.load(std::memory_order_acquire))
        applyPosted(projections, m_lastWallMs > 0 ? m_lastWallMs : event.tsMs);
    if (!applied && isOrderEvent(event.kind)) {
        {
            const OrderRecord *o = projections.findOrder(event.orderId);
            const std::string state = o ? std::string(toString(o->state)) : std::string("UNKNOWN");
            for (int i : rulesOf(AlertRuleKind::IllegalTransition))
                m_book.raise(m_rules[i], {AlertSubjectKind::Order, event.orderId, event.orderId, {}, event.depot},
                             event.tsMs, event.tsMs,
                             alertMessage(AlertCode::IllegalTransition, typeName(event.kind), state, event.seq),
                             AlertBook::Raise::Occurrence);
        }
        return;
    }
    if (isOrderEvent(event.kind)) {
        if (event.kind == EventKind::OrderCreated) {
            ++m_expectOrders;
            countCreated(event);
        } else if (event.kind == EventKind::OrderStockChecked) {
            countStockCheck(event);
        }
        if (const OrderRecord *o = projections.findOrder(event.orderId))
            onOrderEvent(event, *o);
        return;
    }
    switch (event.kind) {
    case EventKind::RiderStatus:
    case EventKind::RiderPosition:
        if (const RiderRecord *r = projections.findRider(event.riderId))
            onRiderEvent(event, *r);
        break;
    case EventKind::RiderReport: onRiderReport(event); break;
    case EventKind::InventoryLevel: onInventory(event); break;
    case EventKind::SensorReading: onSensor(event); break;
    case EventKind::GatewayStats: onGatewayStats(event); break;
    default: break;
    }
}

void AlertEngine::onTick(const Projections &projections, std::int64_t wallMs)
{
    m_lastWallMs = wallMs;
    applyPosted(projections, wallMs);
    // Orders that arrived or changed without an event we saw (snapshot at join or after
    // a resync, projections loaded at start) are indexed by one full pass; live events
    // keep the index current afterwards.
    const std::int64_t resyncs = m_options.resyncCount ? m_options.resyncCount() : 0;
    if (!m_indexed || projections.orderCount() != m_expectOrders || resyncs != m_resyncsIndexed
        || projections.retirements() != m_retirementsIndexed) {
        m_resyncsIndexed = resyncs;
        m_retirementsIndexed = projections.retirements();
        reindex(projections, wallMs);
    }
    popDeadlines(projections, wallMs);
    evaluateStorms(wallMs);
    evaluateBursts(wallMs);
    evaluateStockRates(wallMs);
    evaluateResyncs(wallMs);
    evaluateFeedDegraded(wallMs);
    m_book.tick(wallMs);
    flush();
}

void AlertEngine::flush()
{
    AlertOutput out;
    out.changes = m_book.takeChanges();
    out.refusals = m_book.takeRefusals();
    out.storm = std::exchange(m_stormChanged, {});
    if (!out.empty() && m_sink)
        m_sink(std::move(out));
}

void AlertEngine::applyPosted(const Projections &projections, std::int64_t wallMs)
{
    std::vector<AlertCommand> commands;
    std::vector<AlertRule> rules;
    bool newRules = false;
    {
        std::lock_guard lock(m_postMutex);
        m_posts.store(false, std::memory_order_relaxed);
        commands.swap(m_posted);
        if (m_rulesPosted) {
            rules.swap(m_postedRules);
            m_rulesPosted = false;
            newRules = true;
        }
    }
    if (newRules) {
        qCInfo(lcAlertEngine) << "rules replaced:" << rules.size() << "rules";
        m_rules = std::move(rules);
        indexRules();
        m_book.retire(m_rules, wallMs);
        reindex(projections, wallMs);
    }
    for (const auto &c : commands)
        m_book.apply(c, wallMs);
}

void AlertEngine::reindex(const Projections &projections, std::int64_t wallMs)
{
    const auto started = std::chrono::steady_clock::now();
    for (auto &h : m_heaps)
        h.clear();
    projections.forEachOrder([&](const OrderRecord &o) {
        if (o.retiredAtMs != 0)
            clearRetired(o.orderId, wallMs);
        if (isFinal(o.state) || o.state == OrderState::Unknown || o.retiredAtMs != 0) {
            releaseOrderSlot(o.orderId);
            return;
        }
        indexOrder(o, orderSlot(o.orderId), true);
    });
    m_expectOrders = projections.orderCount();
    projections.forEachRider([&](const RiderRecord &r) { indexRiderFix(r, riderSlot(r.riderId)); });
    // Open order alerts (e.g. restored from the store) whose condition ended while we
    // were not looking resolve now, saying so.
    for (const Alert &a : m_book.openAlerts()) {
        if (a.subject.kind != AlertSubjectKind::Order)
            continue;
        for (const auto &rule : m_rules) {
            if (rule.id != a.ruleId)
                continue;
            const OrderRecord *o = projections.findOrder(a.subject.key);
            if (o && o->retiredAtMs != 0) { // whatever its kind: the order is no one's work now
                m_book.clear(rule, a.subject.key, wallMs, alertMessage(AlertCode::ClearedOrderRetired));
                continue;
            }
            const auto why = [o] {
                return o ? alertMessage(AlertCode::ClearedOrderIs, toString(o->state))
                         : alertMessage(AlertCode::ClearedOrderUnknown);
            };
            if (rule.kind == AlertRuleKind::OrderStateTimeout && (!o || o->state != rule.state))
                m_book.clear(rule, a.subject.key, wallMs, why());
            if (rule.kind == AlertRuleKind::OrderPastEta && (!o || o->state != OrderState::Delivering))
                m_book.clear(rule, a.subject.key, wallMs, why());
            if (rule.kind == AlertRuleKind::OrderPromiseMissed && (!o || isFinal(o->state)))
                m_book.clear(rule, a.subject.key, wallMs, why());
        }
    }
    m_indexed = true;
    qCInfo(lcAlertEngine) << "indexed" << projections.orderCount() << "orders," << m_riderIds.size() << "riders in"
                          << std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now()
                                                                                   - started)
                                 .count()
                          << "ms";
}

void AlertEngine::clearRetired(const std::string &orderId, std::int64_t wallMs)
{
    // Forgets debounced conditions too, which openAlerts() does not list. Only orders
    // this engine tracked can have any: a retired order is released on the first pass.
    if (m_orderSlots.count(orderId) == 0)
        return;
    for (int i : rulesOf(AlertRuleKind::OrderStateTimeout))
        m_book.clear(m_rules[i], orderId, wallMs, alertMessage(AlertCode::ClearedOrderRetired));
    for (int i : rulesOf(AlertRuleKind::OrderPastEta))
        m_book.clear(m_rules[i], orderId, wallMs, alertMessage(AlertCode::ClearedOrderRetired));
    for (int i : rulesOf(AlertRuleKind::OrderPromiseMissed))
        m_book.clear(m_rules[i], orderId, wallMs, alertMessage(AlertCode::ClearedOrderRetired));
}

void AlertEngine::popDeadlines(const Projections &projections, std::int64_t wallMs)
{
    for (int i : rulesOf(AlertRuleKind::OrderStateTimeout)) {
        const AlertRule &rule = m_rules[i];
        m_heaps[i].popDue(wallMs, [&](const DeadlineHeap::Entry &e) {
            if (e.slot >= m_orders.size() || !m_orders[e.slot].used || m_orders[e.slot].stateGen != e.generation)
                return;
            const OrderRecord *o = projections.findOrder(m_orderIds[e.slot]);
            if (!o || o->state != rule.state)
                return;
            const std::int64_t entered = o->enteredAtMs[static_cast<std::size_t>(rule.state)];
            m_book.raise(rule, orderSubject(*o), e.dueMs, wallMs,
                         alertMessage(AlertCode::StateTimeout, toString(rule.state), wallMs - entered,
                                      static_cast<int>(rule.threshold("minutes"))));
        });
    }
    for (int i : rulesOf(AlertRuleKind::OrderPastEta)) {
        const AlertRule &rule = m_rules[i];
        m_heaps[i].popDue(wallMs, [&](const DeadlineHeap::Entry &e) {
            if (e.slot >= m_orders.size() || !m_orders[e.slot].used || m_orders[e.slot].etaGen != e.generation)
                return;
            const OrderRecord *o = projections.findOrder(m_orderIds[e.slot]);
            if (!o || o->state != OrderState::Delivering)
                return;
            m_book.raise(rule, orderSubject(*o), e.dueMs, wallMs,
                         alertMessage(AlertCode::PastEta, wallMs - o->etaMs, o->riderId));
        });
    }
    popPromiseDeadlines(projections, wallMs);
    for (int i : rulesOf(AlertRuleKind::RiderFixStale)) {
        const AlertRule &rule = m_rules[i];
        m_heaps[i].popDue(wallMs, [&](const DeadlineHeap::Entry &e) {
            if (e.slot >= m_riders.size() || m_riders[e.slot].fixGen != e.generation)
                return;
            const RiderRecord *r = projections.findRider(m_riderIds[e.slot]);
            if (!r || r->status == "offline")
                return;
            m_book.raise(rule, riderSubject(*r), e.dueMs, wallMs, alertMessage(AlertCode::FixStale, wallMs - r->fixAtMs));
        });
    }
    for (int i : rulesOf(AlertRuleKind::RiderStationary)) {
        const AlertRule &rule = m_rules[i];
        m_heaps[i].popDue(wallMs, [&](const DeadlineHeap::Entry &e) {
            if (e.slot >= m_riders.size() || m_riders[e.slot].stillGen != e.generation || !m_riders[e.slot].delivering)
                return;
            const RiderRecord *r = projections.findRider(m_riderIds[e.slot]);
            if (!r)
                return;
            m_book.raise(rule, riderSubject(*r), e.dueMs, wallMs,
                         alertMessage(AlertCode::Stationary, static_cast<int>(rule.threshold("meters")),
                                      wallMs - m_riders[e.slot].anchorSinceMs));
        });
    }
}

} // namespace opsdeck::core
