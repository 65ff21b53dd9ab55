// The event-driven half of AlertEngine: what each live event changes in the index and
// which conditions it raises or clears.
#include "AlertEngine.h"

#include "core/model/Sla.h"

#include <cmath>

namespace opsdeck::core {

namespace {
std::int64_t minutesMs(double minutes)
{
    return static_cast<std::int64_t>(minutes * 60000.0);
}

double metersBetween(double lat1, double lng1, double lat2, double lng2)
{
    // Equirectangular: exact enough for "moved more than 50 m".
    constexpr double kEarth = 6371000.0;
    constexpr double kRad = 3.14159265358979323846 / 180.0;
    const double x = (lng2 - lng1) * kRad * std::cos((lat1 + lat2) * 0.5 * kRad);
    const double y = (lat2 - lat1) * kRad;
    return std::sqrt(x * x + y * y) * kEarth;
}

} // namespace

void AlertEngine::indexOrder(const OrderRecord &o, std::uint32_t slot, bool stateEntered)
{
    OrderTrack &t = m_orders[slot];
    if (stateEntered) {
        ++t.stateGen;
        for (int i : rulesOf(AlertRuleKind::OrderStateTimeout)) {
            const AlertRule &rule = m_rules[i];
            if (o.state == rule.state)
                m_heaps[i].push(o.enteredAtMs[static_cast<std::size_t>(o.state)] + minutesMs(rule.threshold("minutes")),
                                slot, t.stateGen);
        }
    }
    ++t.etaGen;
    if (o.state == OrderState::Delivering && o.etaMs > 0) {
        for (int i : rulesOf(AlertRuleKind::OrderPastEta))
            m_heaps[i].push(o.etaMs + minutesMs(m_rules[i].threshold("grace_minutes")), slot, t.etaGen);
    }
    // The promise, not the ETA: a moved ETA pushes nothing back. One entry per order: the
    // miss, which pushes the escalation when it fires (a later event re-pushes the miss;
    // raising an open alert again changes nothing).
    ++t.promiseGen;
    if (hasPromise(o.promisedAtMs) && !isFinal(o.state)) {
        for (int i : rulesOf(AlertRuleKind::OrderPromiseMissed))
            m_heaps[i].push(o.promisedAtMs + minutesMs(m_rules[i].threshold("grace_minutes")), slot, t.promiseGen);
    }
}

void AlertEngine::popPromiseDeadlines(const Projections &projections, std::int64_t wallMs)
{
    for (int i : rulesOf(AlertRuleKind::OrderPromiseMissed)) {
        const AlertRule &rule = m_rules[i];
        const std::int64_t graceMs = minutesMs(rule.threshold("grace_minutes"));
        const std::int64_t escalateMs = minutesMs(rule.threshold("escalate_minutes", 30));
        m_heaps[i].popDue(wallMs, [&](const DeadlineHeap::Entry &e) {
            if (e.slot >= m_orders.size() || !m_orders[e.slot].used || m_orders[e.slot].promiseGen != e.generation)
                return;
            const OrderRecord *o = projections.findOrder(m_orderIds[e.slot]);
            if (!o || isFinal(o->state) || o->retiredAtMs != 0 || !hasPromise(o->promisedAtMs))
                return;
            const std::int64_t missed = o->promisedAtMs + graceMs;
            if (wallMs < missed)
                return;
            m_book.raise(rule, {AlertSubjectKind::Order, o->orderId, o->orderId, o->riderId, o->depot}, missed, wallMs,
                         alertMessage(AlertCode::PromiseMissed, wallMs - o->promisedAtMs));
            if (wallMs >= missed + escalateMs)
                m_book.escalate(rule, o->orderId, wallMs,
                                alertMessage(AlertCode::StillNotSigned, static_cast<int>((wallMs - o->promisedAtMs) / 60000)));
            else // popDue copied and popped the entry: pushing from here is safe
                m_heaps[i].push(missed + escalateMs, e.slot, e.generation);
        });
    }
}

void AlertEngine::onOrderEvent(const Event &event, const OrderRecord &o)
{
    const std::int64_t now = event.tsMs;
    const bool stateEntered = !keepsOrderState(event.kind); // an ETA, a refund or a message is no new state
    if (stateEntered) {
        for (int i : rulesOf(AlertRuleKind::OrderStateTimeout)) {
            if (o.state != m_rules[i].state)
                m_book.clear(m_rules[i], o.orderId, now, alertMessage(AlertCode::ClearedOrderMoved, toString(o.state)));
        }
    }
    for (int i : rulesOf(AlertRuleKind::OrderPastEta)) {
        const AlertRule &rule = m_rules[i];
        if (o.state != OrderState::Delivering)
            m_book.clear(rule, o.orderId, now, alertMessage(AlertCode::ClearedOrderIs, toString(o.state)));
        else if (o.etaMs + minutesMs(rule.threshold("grace_minutes")) > now)
            m_book.clear(rule, o.orderId, now, alertMessage(AlertCode::ClearedNewEta, o.etaMs));
    }
    // Signed or cancelled: the promise is no longer open (a cancelled order is not late;
    // docs/alerts.md). An ETA update clears nothing.
    if (isFinal(o.state)) {
        for (int i : rulesOf(AlertRuleKind::OrderPromiseMissed))
            m_book.clear(m_rules[i], o.orderId, now, alertMessage(AlertCode::ClearedOrderIs, toString(o.state)));
    }
    if (event.kind == EventKind::OrderSigned && hasPromise(o.promisedAtMs)) {
        for (int i : rulesOf(AlertRuleKind::OrderDeliveredLate)) {
            const std::int64_t late = lateByMs(o.promisedAtMs, now);
            if (late > 0 && late >= minutesMs(m_rules[i].threshold("minutes")))
                m_book.raise(m_rules[i], {AlertSubjectKind::Order, o.orderId, o.orderId, o.riderId, o.depot}, now, now,
                             alertMessage(AlertCode::DeliveredLate, late / 60000),
                             AlertBook::Raise::Occurrence);
        }
    }
    if (isFinal(o.state)) {
        releaseOrderSlot(o.orderId);
        return;
    }
    indexOrder(o, orderSlot(o.orderId), stateEntered);
}

void AlertEngine::indexRiderFix(const RiderRecord &r, std::uint32_t slot)
{
    RiderTrack &t = m_riders[slot];
    ++t.fixGen;
    if (r.fixAtMs > 0) {
        for (int i : rulesOf(AlertRuleKind::RiderFixStale))
            m_heaps[i].push(r.fixAtMs + static_cast<std::int64_t>(m_rules[i].threshold("seconds") * 1000), slot,
                            t.fixGen);
    }
    if (r.status != "delivering") {
        t.delivering = false;
        return;
    }
    if (!t.delivering) {
        t.delivering = true;
        t.anchorLat = r.lat;
        t.anchorLng = r.lng;
        t.anchorSinceMs = r.fixAtMs > 0 ? r.fixAtMs : r.updatedAtMs;
    }
    ++t.stillGen;
    for (int i : rulesOf(AlertRuleKind::RiderStationary))
        m_heaps[i].push(t.anchorSinceMs + minutesMs(m_rules[i].threshold("minutes")), slot, t.stillGen);
}

void AlertEngine::onRiderEvent(const Event &event, const RiderRecord &r)
{
    const std::int64_t now = event.tsMs;
    const std::uint32_t slot = riderSlot(r.riderId);
    RiderTrack &t = m_riders[slot];
    // Built only when a rule raises: most fixes raise nothing.
    const auto subject = [&r] { return AlertSubject{AlertSubjectKind::Rider, r.riderId, {}, r.riderId, r.depot}; };

    if (event.hasPosition) {
        ++t.fixGen;
        for (int i : rulesOf(AlertRuleKind::RiderFixStale)) {
            m_book.clear(m_rules[i], r.riderId, now, alertMessage(AlertCode::ClearedFreshFix));
            m_heaps[i].push(r.fixAtMs + static_cast<std::int64_t>(m_rules[i].threshold("seconds") * 1000), slot,
                            t.fixGen);
        }
        if (r.batteryPct >= 0) {
            for (int i : rulesOf(AlertRuleKind::RiderBatteryLow)) {
                if (r.batteryPct < m_rules[i].threshold("pct"))
                    m_book.raise(m_rules[i], subject(), now, now, alertMessage(AlertCode::BatteryLow, r.batteryPct));
                else
                    m_book.clearWith(m_rules[i], r.riderId, now,
                                     [&r] { return alertMessage(AlertCode::ClearedBattery, r.batteryPct); });
            }
        }
        if (m_options.zones.hasZone(r.depot)) {
            const bool inside = m_options.zones.inside(r.depot, r.lat, r.lng);
            for (int i : rulesOf(AlertRuleKind::RiderOutOfZone)) {
                if (inside)
                    m_book.clearWith(m_rules[i], r.riderId, now,
                                     [&r] { return alertMessage(AlertCode::ClearedBackInZone, r.depot); });
                else
                    m_book.raise(m_rules[i], subject(), now, now, alertMessage(AlertCode::OutOfZone, r.depot));
            }
        }
    }
    if (r.status == "offline") {
        for (int i : rulesOf(AlertRuleKind::RiderFixStale))
            m_book.clear(m_rules[i], r.riderId, now, alertMessage(AlertCode::ClearedRiderOffline));
    }

    const bool delivering = r.status == "delivering";
    if (!delivering) {
        if (t.delivering) {
            t.delivering = false;
            ++t.stillGen;
            for (int i : rulesOf(AlertRuleKind::RiderStationary))
                m_book.clear(m_rules[i], r.riderId, now, alertMessage(AlertCode::ClearedNotDelivering));
        }
        return;
    }
    for (int i : rulesOf(AlertRuleKind::RiderStationary)) {
        const AlertRule &rule = m_rules[i];
        const bool moved = !t.delivering || metersBetween(t.anchorLat, t.anchorLng, r.lat, r.lng) > rule.threshold("meters");
        if (!moved)
            continue;
        if (t.delivering)
            m_book.clear(rule, r.riderId, now, alertMessage(AlertCode::ClearedMovingAgain));
        t.anchorLat = r.lat;
        t.anchorLng = r.lng;
        t.anchorSinceMs = now;
        ++t.stillGen;
        t.delivering = true;
        m_heaps[i].push(now + minutesMs(rule.threshold("minutes")), slot, t.stillGen);
    }
    t.delivering = true;
}

void AlertEngine::onRiderReport(const Event &event)
{
    const auto *d = event.payloadAs<RiderReportPayload>();
    if (!d)
        return; // built without its data: nothing to report
    const std::string &kind = d->kind;
    std::string note = d->note;
    if (note.size() > 200)
        note.resize(200);
    const bool onOrder = !event.orderId.empty();
    const AlertSubject subject{onOrder ? AlertSubjectKind::Order : AlertSubjectKind::Rider,
                               onOrder ? event.orderId : event.riderId, event.orderId, event.riderId, event.depot};
    for (int i : rulesOf(AlertRuleKind::RiderReportedException))
        m_book.raise(m_rules[i], subject, event.tsMs, event.tsMs,
                     note.empty() ? alertMessage(AlertCode::RiderReport, event.riderId, kind)
                                  : alertMessage(AlertCode::RiderReportNote, event.riderId, kind, note),
                     AlertBook::Raise::Occurrence);
}

void AlertEngine::onInventory(const Event &event)
{
    const auto &rules = rulesOf(AlertRuleKind::StockBelowReorder);
    if (rules.empty())
        return;
    const auto *d = event.payloadAs<InventoryLevelPayload>();
    if (!d || !d->reorderPoint)
        return; // no reorder point: nothing to be below
    const double qty = d->qty;
    const double reorder = *d->reorderPoint;
    const std::string &sku = d->sku;
    // "depot/sku", and "@merchant" when the gateway says whose shelf it is: two merchants'
    // items of one SKU are two alerts, and the merchant desk lists only its own.
    const std::string key = event.depot + "/" + sku + (event.merchantId.empty() ? "" : "@" + event.merchantId);
    const AlertSubject subject{AlertSubjectKind::Sku, key, {}, {}, event.depot};
    for (int i : rules) {
        if (qty < reorder)
            m_book.raise(m_rules[i], subject, event.tsMs, event.tsMs,
                         alertMessage(AlertCode::StockBelowReorder, d->name, sku, qty, d->unit, reorder));
        else
            m_book.clear(m_rules[i], subject.key, event.tsMs, alertMessage(AlertCode::ClearedRestocked, qty));
    }
}

void AlertEngine::onSensor(const Event &event)
{
    const auto &rules = rulesOf(AlertRuleKind::SensorOutOfRange);
    if (rules.empty())
        return;
    const auto *d = event.payloadAs<SensorReadingPayload>();
    if (!d || (!d->min && !d->max))
        return; // a sensor without limits cannot be out of range
    const double value = d->value;
    const bool out = (d->min && value < *d->min) || (d->max && value > *d->max);
    const std::string &sensor = d->sensorId;
    const bool onVehicle = !d->vehicleId.empty();
    const std::string &where = onVehicle ? d->vehicleId : d->depot;
    const AlertSubject subject{AlertSubjectKind::Sensor, sensor, {}, {}, event.depot};
    for (int i : rules) {
        if (out)
            m_book.raise(m_rules[i], subject, event.tsMs, event.tsMs,
                         alertMessage(onVehicle ? AlertCode::SensorOutOfRangeVehicle : AlertCode::SensorOutOfRangeDepot,
                                      std::string(toString(d->kind)), value, d->unit, d->min.value_or(0.0),
                                      d->max.value_or(0.0), where));
        else
            m_book.clear(m_rules[i], sensor, event.tsMs, alertMessage(AlertCode::ClearedSensorInRange, value));
    }
}

} // namespace opsdeck::core
