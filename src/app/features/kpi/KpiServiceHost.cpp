#include "KpiServiceHost.h"

#include "store/log/EventStore.h"
#include "store/kpi/KpiHistoryStore.h"
#include "store/db/StoreWorker.h"

#include <QDateTime>
#include <QElapsedTimer>

#include <algorithm>
#include <map>

namespace opsdeck::app {

Q_LOGGING_CATEGORY(lcKpiHost, "opsdeck.app.kpi")

namespace {

QList<double> toList(const core::KpiHistogram &hist)
{
    QList<double> out;
    out.reserve(core::kKpiHistBins);
    for (auto v : hist)
        out.append(v);
    return out;
}

double minutes(double ms)
{
    return ms / 60000.0;
}

// The sum of `scopes` (empty: nothing in sight), and the depots the view sees.
store::KpiHistoryStore::Result queryScopes(store::EventStore &s, const sdk::KpiHistoryQuery &query,
                                           const std::vector<std::string> &scopes, const core::KpiView &view)
{
    store::KpiHistoryStore::Result sum =
        store::KpiHistoryStore::query(s.database(), query.fromMs, query.toMs, scopes.empty() ? "all" : scopes.front());
    if (scopes.empty()) {
        sum.total = {};
        sum.series.clear();
    }
    for (std::size_t i = 1; i < scopes.size(); ++i) {
        const auto more = store::KpiHistoryStore::query(s.database(), query.fromMs, query.toMs, scopes[i]);
        sum.total.add(more.total);
        std::map<std::int64_t, core::KpiCounters> hours;
        for (auto &bucket : sum.series)
            hours[bucket.startMs] = std::move(bucket.counters);
        for (const auto &bucket : more.series)
            hours[bucket.startMs].add(bucket.counters);
        sum.series.clear();
        for (auto &[start, counters] : hours)
            sum.series.push_back({start, std::move(counters)});
    }
    std::erase_if(sum.depots, [&view](const auto &d) { return !view.seesScope(d.first); });
    return sum;
}

void fillHistory(sdk::KpiHistoryResult &result, const store::KpiHistoryStore::Result &raw)
{
    const sdk::KpiHistoryQuery &query = result.query;
    // Averages per minute are over the time observed (a report at 06:10 of a console
    // started at 06:00 covers ten minutes, not the whole day), and so are the hours.
    const bool seen = raw.observedToMs > raw.observedFromMs;
    const qint64 from = seen ? raw.observedFromMs : query.fromMs;
    const qint64 to = seen ? raw.observedToMs : query.toMs;
    const double span = static_cast<double>(to - from);
    result.total = KpiServiceHost::toValues(core::computeKpiFigures(raw.total, span), from, to);
    for (const auto &bucket : raw.series) {
        const qint64 a = std::max<qint64>(bucket.startMs, from);
        const qint64 b = std::max(a, std::min<qint64>(bucket.startMs + 3600000, to));
        result.series.append(
            KpiServiceHost::toValues(core::computeKpiFigures(bucket.counters, static_cast<double>(b - a)), a, b));
    }
    for (const auto &[scope, counters] : raw.depots)
        result.depots.append(sdk::KpiScopeValues{
            QString::fromStdString(scope), {KpiServiceHost::toValues(core::computeKpiFigures(counters, span), from, to)}});
    result.deliveryHistogram = toList(raw.total.delivery);
    result.histogramBinSeconds = static_cast<int>(core::kKpiHistBinMs / 1000);
}

} // namespace

core::KpiEngine::Options KpiServiceHost::localOptions()
{
    core::KpiEngine::Options o;
    o.utcOffsetMinutes = QDateTime::currentDateTime().offsetFromUtc() / 60;
    return o;
}

KpiServiceHost::KpiServiceHost(core::KpiEngine::Options options, QObject *parent)
    : sdk::KpiService(parent), m_options(options)
{
}

KpiServiceHost::~KpiServiceHost() = default;

ConsoleRuntime::AssembleHook KpiServiceHost::assembleHook()
{
    return [this](core::ConsoleCore &core, store::StoreWorker &store) { attach(core, store); };
}

void KpiServiceHost::attachStore(store::StoreWorker &store)
{
    m_store = &store;
    store.post([](store::EventStore &s) { store::KpiHistoryStore::prepare(s.database()); });
}

void KpiServiceHost::attach(core::ConsoleCore &core, store::StoreWorker &store)
{
    attachStore(store);
    store::StoreWorker *worker = &store;
    m_engine = std::make_unique<core::KpiEngine>(
        m_options,
        [this](core::KpiSnapshot &&snapshot) {
            // Converted here, on the core thread: the GUI only draws.
            sdk::KpiLiveSnapshot converted = toSdk(snapshot);
            QMetaObject::invokeMethod(
                this,
                [this, converted = std::move(converted)] {
                    m_latest = converted;
                    emit snapshotChanged(m_latest);
                },
                Qt::QueuedConnection);
        },
        [this, worker](std::vector<core::KpiHistoryRow> &&rows) {
            auto shared = std::make_shared<std::vector<core::KpiHistoryRow>>(std::move(rows));
            worker->post([this, shared](store::EventStore &s) {
                store::KpiHistoryStore::write(s.database(), *shared);
                m_rowsWritten += static_cast<std::int64_t>(shared->size());
            });
        });
    core.addObserver(m_engine.get());
}

sdk::KpiLiveSnapshot KpiServiceHost::latest() const
{
    return m_latest;
}

quint64 KpiServiceHost::requestHistory(const sdk::KpiHistoryQuery &query)
{
    const quint64 id = m_nextRequest++;
    auto answer = [this, id](sdk::KpiHistoryResult result) {
        QMetaObject::invokeMethod(
            this, [this, id, result = std::move(result)] { emit historyReady(id, result); }, Qt::QueuedConnection);
    };
    if (!m_store) {
        sdk::KpiHistoryResult result;
        result.query = query;
        result.error = tr("KPI history is not available (no store).");
        answer(std::move(result));
        return id;
    }
    // The viewer's own rows only: the scopes in sight, summed (counters add up).
    const std::optional<std::vector<std::string>> scopes = m_options.view.historyScopes(query.scope.toStdString());
    if (!scopes) {
        sdk::KpiHistoryResult result;
        result.query = query;
        result.error = tr("KPI history is kept per merchant and per depot, not for a merchant within some depots.");
        answer(std::move(result));
        return id;
    }
    const core::KpiView view = m_options.view;
    const bool posted = m_store->post([query, answer, view, scopes = *scopes](store::EventStore &s) {
        sdk::KpiHistoryResult result;
        result.query = query;
        QElapsedTimer timer;
        timer.start();
        try {
            const auto raw = queryScopes(s, query, scopes, view);
            fillHistory(result, raw);
        } catch (const std::exception &e) {
            result.error = QString::fromUtf8(e.what());
            qCWarning(lcKpiHost) << "history query failed:" << e.what();
        }
        result.queryMs = timer.nsecsElapsed() / 1e6;
        answer(std::move(result));
    });
    if (!posted) {
        sdk::KpiHistoryResult result;
        result.query = query;
        result.error = tr("KPI history is not available (the store has stopped).");
        answer(std::move(result));
    }
    return id;
}

sdk::KpiValues KpiServiceHost::toValues(const core::KpiFigures &f, qint64 fromMs, qint64 toMs)
{
    using F = core::KpiField;
    auto n = [&f](F field) { return static_cast<qint64>(f.counts[static_cast<std::size_t>(field)]); };
    sdk::KpiValues v;
    v.fromMs = fromMs;
    v.toMs = toMs;
    v.ordersPerMin = f.ordersPerMin;
    v.fulfilmentRate = f.fulfilmentRate;
    v.onTimeRate = f.onTimeRate;
    v.deliveryP50Min = minutes(f.deliveryP50Ms);
    v.deliveryP90Min = minutes(f.deliveryP90Ms);
    v.pickP50Min = minutes(f.pickP50Ms);
    v.pickP90Min = minutes(f.pickP90Ms);
    v.outOfStockRate = f.outOfStockRate;
    v.exceptionRate = f.exceptionRate;
    for (int r = 0; r < core::kKpiExceptionReasons; ++r)
        v.exceptionRateByReason.append({QString::fromLatin1(core::exceptionReasonName(r)),
                                        f.exceptionRateByReason[static_cast<std::size_t>(r)]});
    v.lossRate = f.lossRate;
    v.utilisation = f.utilisation;
    v.avgOnlineRiders = f.avgOnlineRiders;
    v.activeRidersNow = f.activeRidersNow;
    v.orders = n(F::Created);
    v.dispatched = n(F::Dispatched);
    v.signedOrders = n(F::Signed);
    v.cancelled = n(F::Cancelled);
    v.returned = n(F::Returned);
    v.claimed = n(F::Claimed);
    v.outOfStock = n(F::OutOfStock);
    v.coldExcursions = n(F::ColdExcursions);
    v.offered = f.offered;
    v.accepted = f.accepted;
    v.rejected = f.rejected;
    return v;
}

sdk::KpiLiveSnapshot KpiServiceHost::toSdk(const core::KpiSnapshot &s)
{
    sdk::KpiLiveSnapshot out;
    out.atMs = s.atMs;
    out.eventsSeen = s.eventsSeen;
    out.scopes.reserve(static_cast<qsizetype>(s.scopes.size()));
    for (const auto &scope : s.scopes) {
        sdk::KpiScopeValues sv;
        sv.scope = QString::fromStdString(scope.scope);
        for (const auto &w : scope.windows)
            sv.windows.append(toValues(w, s.atMs - static_cast<qint64>(w.spanMs), s.atMs));
        out.scopes.append(std::move(sv));
    }
    for (const auto &p : s.trend)
        out.trend.append(toValues(p.figures, p.minuteMs, p.minuteMs + static_cast<qint64>(p.figures.spanMs)));
    out.deliveryHistogramLastHour = toList(s.deliveryLastHour);
    out.deliveryHistogramToday = toList(s.deliveryToday);
    out.histogramBinSeconds = static_cast<int>(core::kKpiHistBinMs / 1000);
    return out;
}

} // namespace opsdeck::app
