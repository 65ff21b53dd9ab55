#pragma once

#include "core/pipeline/CoreObserver.h"
#include "KpiCounters.h"
#include "KpiSnapshot.h"
#include "KpiView.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace opsdeck::core {

// The live KPIs of docs/kpi.md, on the core thread. Every event lands in a per-minute
// bucket of each scope it belongs to (all, its depot, channel, merchant) and in running
// sums per window; when a minute closes, the bucket leaving each window is subtracted.
// So an event costs O(1) and a snapshot O(scopes x histogram bins), whatever the rate.
// Closed minutes go to the history sink (the store thread writes them).
class KpiEngine final : public CoreObserver
{
public:
    struct Options {
        int snapshotIntervalMs = 1000;
        int utcOffsetMinutes = 0; // where "today" starts: local midnight of the depots
        // Who looks: a scoped viewer's own orders are counted once more in a "view" scope
        // that the snapshot shows as "all" (never written to history: the file is shared).
        KpiView view;
    };
    using SnapshotSink = std::function<void(KpiSnapshot &&)>;            // core thread
    using HistorySink = std::function<void(std::vector<KpiHistoryRow> &&)>; // core thread

    KpiEngine(Options options, SnapshotSink snapshotSink, HistorySink historySink);
    ~KpiEngine() override;
    KpiEngine(const KpiEngine &) = delete;
    KpiEngine &operator=(const KpiEngine &) = delete;

    void onEvent(const Event &event, bool applied, const Projections &projections) override;
    void onTick(const Projections &projections, std::int64_t wallMs) override;

    // Moves the clock (windows expire, closed minutes go to history) without an event.
    void advanceTo(std::int64_t nowMs);
    KpiSnapshot snapshot() const;
    // Hands every pending history row over, the current minute too (at shutdown).
    void flushHistory();

    std::int64_t eventsSeen() const { return m_eventsSeen; }
    std::int64_t nowMs() const { return m_nowMs; }

private:
    struct Scope;
    struct RiderTime;
    int scopeIndex(std::string key);
    int scopeFor(std::unordered_map<std::string, int> &cache, const char *prefix, const std::string &value);
    void add(int scope, std::int64_t minute, const KpiDelta &delta);
    void addAll(const std::vector<int> &scopes, std::int64_t tsMs, const KpiDelta &delta);
    void rotateTo(std::int64_t minute);
    void accrueRider(RiderTime &rider, std::int64_t untilMs);
    void setRiderStatus(const std::string &riderId, const std::string &status, const std::string &depot,
                        std::int64_t atMs);
    void onOrderEvent(const Event &event, const Projections &projections);
    int viewOfDepot(const std::string &depot) const; // m_viewScope when in sight, else -1
    void onSensorReading(const Event &event);
    void onGatewayStats(const Event &event);
    void flushClosedMinutes(bool includeCurrent);
    double spanMs(std::int64_t fromMs) const;
    std::int64_t placeTs(std::int64_t tsMs) const;

    Options m_options;
    SnapshotSink m_snapshotSink;
    HistorySink m_historySink;

    std::vector<std::unique_ptr<Scope>> m_scopes;
    std::unordered_map<std::string, int> m_scopeByKey;
    std::unordered_map<std::string, int> m_depotScopes, m_channelScopes, m_merchantScopes;
    std::unordered_map<std::int64_t, KpiCounters> m_pending; // (minute << 20 | scope) -> not yet written
    std::unordered_map<std::string, std::int64_t> m_paidAtMs; // first payment of open orders
    std::unordered_map<std::string, bool> m_sensorOutside;
    std::unordered_map<std::string, RiderTime> m_riders;
    std::vector<int> m_scratch;
    int m_viewScope = -1; // the viewer's "all" when the view is cut; -1: the view is everything

    std::int64_t m_startMs = 0;      // first time the engine saw (spans never reach before it)
    std::int64_t m_nowMs = 0;
    std::int64_t m_curMinute = 0;
    std::int64_t m_dayStartMinute = 0;
    std::int64_t m_lastWallMs = 0;
    std::int64_t m_lastSnapshotWallMs = 0;
    std::int64_t m_eventsSeen = 0;
    bool m_started = false;
};

} // namespace opsdeck::core
