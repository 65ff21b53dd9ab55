#include "KpiEngine.h"

#include "core/model/Sla.h"

#include <QLoggingCategory>

#include <algorithm>

namespace opsdeck::core {

Q_LOGGING_CATEGORY(lcKpi, "opsdeck.core.kpi")

namespace {

constexpr std::int64_t kMinuteMs = 60000;
constexpr std::int64_t kRing = 64;                 // > 61: the 1 h window plus the current minute
constexpr std::int64_t kFutureToleranceMs = 5 * kMinuteMs;
constexpr int kScopeBits = 20;

std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

} // namespace

struct KpiEngine::Scope {
    std::string key;
    std::array<KpiCounters, kRing> ring{};
    std::array<KpiCounters, 3> windows{};
    KpiCounters today;
    int onlineNow = 0;
};

struct KpiEngine::RiderTime {
    bool online = false;
    bool delivering = false;
    int depotScope = -1;
    int viewScope = -1; // the engine's view scope when the rider's depot is in sight
    std::int64_t sinceMs = 0;
};

KpiEngine::KpiEngine(Options options, SnapshotSink snapshotSink, HistorySink historySink)
    : m_options(options)
    , m_snapshotSink(std::move(snapshotSink))
    , m_historySink(std::move(historySink))
{
    scopeIndex("all");
    if (!m_options.view.everything())
        m_viewScope = scopeIndex("view");
}

KpiEngine::~KpiEngine() = default;

int KpiEngine::scopeIndex(std::string key)
{
    const auto it = m_scopeByKey.find(key);
    if (it != m_scopeByKey.end())
        return it->second;
    const int index = static_cast<int>(m_scopes.size());
    if (index >= (1 << kScopeBits) - 1)
        return 0; // absurd number of merchants: count them under "all" only
    auto scope = std::make_unique<Scope>();
    scope->key = key;
    m_scopes.push_back(std::move(scope));
    m_scopeByKey.emplace(std::move(key), index);
    return index;
}

int KpiEngine::scopeFor(std::unordered_map<std::string, int> &cache, const char *prefix, const std::string &value)
{
    if (value.empty())
        return -1;
    const auto it = cache.find(value);
    if (it != cache.end())
        return it->second;
    const int index = scopeIndex(std::string(prefix) + value);
    cache.emplace(value, index);
    return index;
}

std::int64_t KpiEngine::placeTs(std::int64_t tsMs) const
{
    // A clock far in the future would drag every window with it: place it at the wall clock.
    if (m_lastWallMs > 0 && tsMs > m_lastWallMs + kFutureToleranceMs)
        return std::max(m_nowMs, m_lastWallMs);
    return tsMs;
}

void KpiEngine::add(int scope, std::int64_t minute, const KpiDelta &delta)
{
    Scope &s = *m_scopes[static_cast<std::size_t>(scope)];
    const std::int64_t age = m_curMinute - minute;
    if (age >= 0 && age < kRing) {
        delta.applyTo(s.ring[static_cast<std::size_t>(minute % kRing)]);
        for (std::size_t w = 0; w < kKpiWindowMinutes.size(); ++w)
            if (age <= kKpiWindowMinutes[w])
                delta.applyTo(s.windows[w]);
    }
    if (minute >= m_dayStartMinute && age >= 0)
        delta.applyTo(s.today);
    if (scope != m_viewScope)
        delta.applyTo(m_pending[(minute << kScopeBits) | scope]);
}

void KpiEngine::addAll(const std::vector<int> &scopes, std::int64_t tsMs, const KpiDelta &delta)
{
    const std::int64_t minute = floorDiv(tsMs, kMinuteMs);
    for (int scope : scopes)
        if (scope >= 0)
            add(scope, minute, delta);
}

void KpiEngine::advanceTo(std::int64_t nowMs)
{
    // Until it has counted anything, the engine starts again at an earlier clock: the
    // console ran on the wall clock until the feed told its time, and a warm-starting
    // gateway's replay tells one hours before it.
    if (!m_started || (m_eventsSeen == 0 && nowMs < m_startMs)) {
        m_started = true;
        m_startMs = nowMs;
        m_nowMs = nowMs;
        m_curMinute = floorDiv(nowMs, kMinuteMs);
        const std::int64_t offset = m_options.utcOffsetMinutes;
        m_dayStartMinute = floorDiv(m_curMinute + offset, 1440) * 1440 - offset;
        return;
    }
    if (nowMs <= m_nowMs)
        return;
    const std::int64_t minute = floorDiv(nowMs, kMinuteMs);
    if (minute > m_curMinute) {
        rotateTo(minute);
        flushClosedMinutes(false);
    }
    m_nowMs = nowMs;
}

void KpiEngine::rotateTo(std::int64_t minute)
{
    if (minute - m_curMinute > kRing) {
        // A long silence: nothing in the ring is still inside any window.
        for (auto &[id, rider] : m_riders)
            accrueRider(rider, (m_curMinute + 1) * kMinuteMs);
        for (auto &scope : m_scopes) {
            for (auto &b : scope->ring)
                b.clear();
            for (auto &w : scope->windows)
                w.clear();
        }
        m_curMinute = minute - 1;
        for (auto &[id, rider] : m_riders)
            rider.sinceMs = m_curMinute * kMinuteMs; // offline stretches of the gap are not guessed
    }
    const std::int64_t offset = m_options.utcOffsetMinutes;
    while (m_curMinute < minute) {
        for (auto &[id, rider] : m_riders)
            accrueRider(rider, (m_curMinute + 1) * kMinuteMs);
        ++m_curMinute;
        for (auto &scope : m_scopes) {
            for (std::size_t w = 0; w < kKpiWindowMinutes.size(); ++w) {
                const std::int64_t leaving = m_curMinute - kKpiWindowMinutes[w] - 1;
                scope->windows[w].subtract(scope->ring[static_cast<std::size_t>((leaving % kRing + kRing) % kRing)]);
            }
            scope->ring[static_cast<std::size_t>(m_curMinute % kRing)].clear();
        }
        const std::int64_t dayStart = floorDiv(m_curMinute + offset, 1440) * 1440 - offset;
        if (dayStart != m_dayStartMinute) {
            m_dayStartMinute = dayStart;
            for (auto &scope : m_scopes)
                scope->today.clear();
        }
    }
}

void KpiEngine::accrueRider(RiderTime &rider, std::int64_t untilMs)
{
    if (untilMs <= rider.sinceMs)
        return;
    const std::int64_t duration = untilMs - rider.sinceMs;
    const std::int64_t minute = floorDiv(rider.sinceMs, kMinuteMs);
    rider.sinceMs = untilMs;
    if (!rider.online)
        return;
    m_scratch.assign({0, rider.depotScope, rider.viewScope});
    for (int scope : m_scratch) {
        if (scope < 0)
            continue;
        add(scope, minute, KpiDelta{KpiField::OnlineMs, duration, -1, -1});
        if (rider.delivering)
            add(scope, minute, KpiDelta{KpiField::DeliveringMs, duration, -1, -1});
    }
}

void KpiEngine::setRiderStatus(const std::string &riderId, const std::string &status, const std::string &depot,
                               std::int64_t atMs)
{
    auto [it, inserted] = m_riders.try_emplace(riderId);
    RiderTime &rider = it->second;
    if (inserted)
        rider.sinceMs = atMs;
    else
        accrueRider(rider, atMs);
    const bool online = !status.empty() && status != "offline";
    const int depotScope = scopeFor(m_depotScopes, "depot:", depot);
    auto adjust = [this](int scope, int by) {
        if (scope >= 0)
            m_scopes[static_cast<std::size_t>(scope)]->onlineNow += by;
    };
    if (!inserted && rider.online) {
        adjust(0, -1);
        adjust(rider.depotScope, -1);
        adjust(rider.viewScope, -1);
    }
    rider.online = online;
    rider.delivering = status == "delivering";
    rider.depotScope = depotScope;
    rider.viewScope = viewOfDepot(depot);
    if (online) {
        adjust(0, 1);
        adjust(rider.depotScope, 1);
        adjust(rider.viewScope, 1);
    }
}

void KpiEngine::onEvent(const Event &event, bool applied, const Projections &projections)
{
    // An illegal transition is an integrity problem, not a KPI. Sensor readings and
    // gateway.stats do not touch the projections, so they never count as applied.
    if (!applied && (isOrderEvent(event.kind) || event.kind == EventKind::RiderStatus))
        return;
    const std::int64_t ts = placeTs(event.tsMs);
    advanceTo(ts);
    ++m_eventsSeen;
    switch (event.kind) {
    case EventKind::RiderStatus:
        setRiderStatus(event.riderId, event.riderStatus, event.riderDepot.empty() ? event.depot : event.riderDepot,
                       std::max(ts, m_startMs));
        break;
    case EventKind::RiderPosition:
        if (m_riders.find(event.riderId) == m_riders.end()) {
            // First sight of a rider that has not changed status since we started.
            if (const RiderRecord *r = projections.findRider(event.riderId))
                setRiderStatus(r->riderId, r->status, r->depot.empty() ? event.depot : r->depot, std::max(ts, m_startMs));
        }
        break;
    case EventKind::SensorReading:
        onSensorReading(event);
        break;
    case EventKind::GatewayStats:
        onGatewayStats(event);
        break;
    default:
        if (isOrderEvent(event.kind))
            onOrderEvent(event, projections);
        break;
    }
}

void KpiEngine::onOrderEvent(const Event &event, const Projections &projections)
{
    const OrderRecord *order = projections.findOrder(event.orderId);
    if (!order)
        return;
    const std::int64_t ts = placeTs(event.tsMs);
    m_scratch.assign({0, scopeFor(m_depotScopes, "depot:", order->depot),
                      scopeFor(m_channelScopes, "channel:", order->channel),
                      scopeFor(m_merchantScopes, "merchant:", order->merchantId)});
    if (m_viewScope >= 0 && m_options.view.seesOrder(order->depot, order->merchantId))
        m_scratch.push_back(m_viewScope);
    const std::vector<int> scopes = m_scratch;
    auto count = [&](KpiField field) { addAll(scopes, ts, KpiDelta{field, 1, -1, -1}); };
    switch (event.kind) {
    case EventKind::OrderCreated:
        count(KpiField::Created);
        break;
    case EventKind::OrderPaid:
        count(KpiField::Paid);
        m_paidAtMs.try_emplace(event.orderId, event.tsMs);
        break;
    case EventKind::OrderStockChecked:
        count(KpiField::StockChecked);
        if (!event.stockOk)
            count(KpiField::OutOfStock);
        break;
    case EventKind::OrderDispatched: {
        const std::int64_t pickStart = order->enteredAtMs[static_cast<std::size_t>(OrderState::Picking)];
        addAll(scopes, ts,
               KpiDelta{KpiField::Dispatched, 1, -1, pickStart > 0 ? kpiHistBin(event.tsMs - pickStart) : -1});
        break;
    }
    case EventKind::OrderException:
        count(exceptionField(event.reason));
        break;
    case EventKind::OrderSigned: {
        std::int64_t paidAt = order->enteredAtMs[static_cast<std::size_t>(OrderState::Paid)];
        if (const auto it = m_paidAtMs.find(event.orderId); it != m_paidAtMs.end())
            paidAt = it->second;
        addAll(scopes, ts, KpiDelta{KpiField::Signed, 1, paidAt > 0 ? kpiHistBin(event.tsMs - paidAt) : -1, -1});
        if (hasPromise(order->promisedAtMs)) {
            count(KpiField::SignedPromised);
            if (lateByMs(order->promisedAtMs, event.tsMs) == 0)
                count(KpiField::SignedOnTime);
        }
        break;
    }
    case EventKind::OrderCancelled:
        count(KpiField::Cancelled);
        break;
    case EventKind::OrderReturnStarted:
        count(KpiField::Returned);
        break;
    case EventKind::OrderClaimOpened:
        count(KpiField::Claimed);
        break;
    default:
        break;
    }
    if (isFinal(order->state))
        m_paidAtMs.erase(event.orderId);
}

int KpiEngine::viewOfDepot(const std::string &depot) const
{
    return m_viewScope >= 0 && m_options.view.seesDepot(depot) ? m_viewScope : -1;
}

void KpiEngine::onSensorReading(const Event &event)
{
    // A cold-chain excursion needs both limits; other kinds and events without a typed
    // reading (built by hand) count nothing.
    const auto *reading = event.payloadAs<SensorReadingPayload>();
    if (!reading || reading->kind != SensorKind::Temperature || !reading->min || !reading->max)
        return;
    const bool outside = reading->value < *reading->min || reading->value > *reading->max;
    bool &wasOutside = m_sensorOutside[reading->sensorId];
    if (outside && !wasOutside) {
        m_scratch.assign({0, scopeFor(m_depotScopes, "depot:", event.depot), viewOfDepot(event.depot)});
        addAll(m_scratch, placeTs(event.tsMs), KpiDelta{KpiField::ColdExcursions, 1, -1, -1});
    }
    wasOutside = outside;
}

void KpiEngine::onGatewayStats(const Event &event)
{
    const auto *stats = event.payloadAs<GatewayStatsPayload>();
    if (!stats)
        return;
    m_scratch.assign({0, scopeFor(m_depotScopes, "depot:", event.depot), viewOfDepot(event.depot)});
    const std::vector<int> scopes = m_scratch;
    const std::int64_t ts = placeTs(event.tsMs);
    addAll(scopes, ts, KpiDelta{KpiField::Offered, stats->offered, -1, -1});
    addAll(scopes, ts, KpiDelta{KpiField::Accepted, stats->accepted, -1, -1});
    addAll(scopes, ts, KpiDelta{KpiField::RejectedRateLimited, stats->rateLimited, -1, -1});
    addAll(scopes, ts, KpiDelta{KpiField::RejectedBreaker, stats->breakerOpen, -1, -1});
}

void KpiEngine::onTick(const Projections &projections, std::int64_t wallMs)
{
    (void)projections;
    m_lastWallMs = wallMs;
    advanceTo(wallMs);
    const bool clockWentBack = wallMs < m_lastSnapshotWallMs; // the feed's clock replaced the wall's
    if (m_snapshotSink && (clockWentBack || wallMs - m_lastSnapshotWallMs >= m_options.snapshotIntervalMs)) {
        m_lastSnapshotWallMs = wallMs;
        m_snapshotSink(snapshot());
    }
}

double KpiEngine::spanMs(std::int64_t fromMs) const
{
    return static_cast<double>(std::max<std::int64_t>(1000, m_nowMs - std::max(fromMs, m_startMs)));
}

KpiSnapshot KpiEngine::snapshot() const
{
    KpiSnapshot snap;
    snap.atMs = m_nowMs;
    snap.eventsSeen = m_eventsSeen;
    // Rider time runs until now; the accrual happens at minute ends, so add the open part.
    std::vector<std::int64_t> openOnline(m_scopes.size(), 0), openDelivering(m_scopes.size(), 0);
    for (const auto &[id, rider] : m_riders) {
        if (!rider.online || m_nowMs <= rider.sinceMs)
            continue;
        const std::int64_t d = m_nowMs - rider.sinceMs;
        for (int scope : {0, rider.depotScope, rider.viewScope}) {
            if (scope < 0)
                continue;
            openOnline[static_cast<std::size_t>(scope)] += d;
            if (rider.delivering)
                openDelivering[static_cast<std::size_t>(scope)] += d;
        }
    }
    snap.scopes.reserve(m_scopes.size());
    // A cut view shows its own scope as "all", first, and only the scopes in sight.
    const std::size_t head = m_viewScope >= 0 ? static_cast<std::size_t>(m_viewScope) : 0;
    for (std::size_t k = 0; k < m_scopes.size(); ++k) {
        const std::size_t i = k == 0 ? head : (k == head ? 0 : k);
        const Scope &s = *m_scopes[i];
        if (k > 0 && (i == 0 || !m_options.view.seesScope(s.key)))
            continue;
        KpiScopeFigures sf;
        sf.scope = k == 0 ? std::string("all") : s.key;
        for (std::size_t w = 0; w < kKpiWindowCount; ++w) {
            KpiCounters c = w < 3 ? s.windows[w] : s.today;
            c[KpiField::OnlineMs] += openOnline[i];
            c[KpiField::DeliveringMs] += openDelivering[i];
            const std::int64_t from = w < 3 ? (m_curMinute - kKpiWindowMinutes[w]) * kMinuteMs : m_dayStartMinute * kMinuteMs;
            const bool ridersKnown = (k == 0 && m_options.view.seesRiders()) || s.key.rfind("depot:", 0) == 0;
            sf.windows[w] = computeKpiFigures(c, spanMs(from), ridersKnown ? s.onlineNow : -1);
        }
        snap.scopes.push_back(std::move(sf));
    }
    const Scope &all = *m_scopes[head];
    snap.deliveryLastHour = all.windows[2].delivery;
    snap.deliveryToday = all.today.delivery;
    // The current minute only once it holds 10 s: rates over a sliver of a minute jump about.
    const bool current = m_nowMs - std::max(m_curMinute * kMinuteMs, m_startMs) >= 10000;
    for (std::int64_t m = m_curMinute - (current ? 59 : 60); m <= m_curMinute - (current ? 0 : 1); ++m) {
        if (m * kMinuteMs + kMinuteMs <= m_startMs)
            continue;
        const KpiCounters &c = all.ring[static_cast<std::size_t>(m % kRing)];
        const double span = static_cast<double>(std::min(m_nowMs, (m + 1) * kMinuteMs) - std::max(m * kMinuteMs, m_startMs));
        snap.trend.push_back(KpiTrendPoint{m * kMinuteMs, computeKpiFigures(c, std::max(1000.0, span))});
    }
    return snap;
}

void KpiEngine::flushClosedMinutes(bool includeCurrent)
{
    if (m_pending.empty())
        return;
    std::vector<KpiHistoryRow> rows;
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        const std::int64_t minute = it->first >> kScopeBits;
        if (!includeCurrent && minute >= m_curMinute) {
            ++it;
            continue;
        }
        const int scope = static_cast<int>(it->first & ((1 << kScopeBits) - 1));
        if (!it->second.isZero())
            rows.push_back(KpiHistoryRow{m_scopes[static_cast<std::size_t>(scope)]->key, minute * kMinuteMs,
                                         std::move(it->second)});
        it = m_pending.erase(it);
    }
    if (!rows.empty() && m_historySink)
        m_historySink(std::move(rows));
}

void KpiEngine::flushHistory()
{
    for (auto &[id, rider] : m_riders)
        accrueRider(rider, m_nowMs);
    flushClosedMinutes(true);
}

} // namespace opsdeck::core
