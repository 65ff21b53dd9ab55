#pragma once

#include "AlertBook.h"
#include "AlertRules.h"
#include "AlertZones.h"
#include "core/pipeline/CoreObserver.h"
#include "core/pipeline/FeedStats.h"
#include "DeadlineHeap.h"

#include <QByteArray>

#include <array>
#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace opsdeck::core {

// The alert rule engine: a CoreObserver on the core thread. Event-driven rules are
// judged in onEvent; time-driven ones ("not picking within 10 minutes") are indexed
// by deadline heaps fed from onEvent, so a tick only touches what is due, never every
// order (see docs/alerts.md). Users' commands and new rules are posted from any
// thread and applied at the next tick; every change leaves through the sink (store
// and GUI) once per tick.
class AlertEngine final : public CoreObserver
{
public:
    using Sink = std::function<void(AlertOutput &&)>; // called on the core thread
    struct Options {
        AlertZones zones;
        std::function<std::int64_t()> resyncCount; // total resyncs so far (FeedStats::resyncs)
        std::function<std::vector<FeedDegradation>()> feedDegraded; // FeedStats::degraded
        // The installation's secret for burst subjects (a keyed hash of the phone or
        // address): without it a subject could be confirmed by hashing a guessed phone
        // number. Empty: a random key for this engine only (tests, the benchmark).
        std::string burstKey;
    };

    AlertEngine(std::vector<AlertRule> rules, Sink sink, Options options);
    AlertEngine(std::vector<AlertRule> rules, Sink sink);

    // Before the core starts: the installation's burst key (see Options::burstKey), once
    // the store that holds it has opened. Empty keeps the current key.
    void setBurstKey(const std::string &key);
    // A burst subject: "account:" / "address:" and the first 12 hex digits of
    // HMAC-SHA256(burst key, value). Stable for one key, unrelated across keys.
    std::string burstSubject(bool byAccount, const std::string &value) const;

    // Before the core starts: open alerts and storm history from the store.
    void restore(std::vector<Alert> open, std::int64_t maxKnownId, std::vector<StormSample> storm);

    // Thread-safe; applied at the next tick.
    void post(AlertCommand command);
    void replaceRules(std::vector<AlertRule> rules);

    void onEvent(const Event &event, bool applied, const Projections &projections) override;
    void onTick(const Projections &projections, std::int64_t wallMs) override;

    // Hands what changed since the last flush to the sink (onTick does it every tick).
    void flush();

    // Core thread (or after the core stopped): for tests and the benchmark.
    const AlertBook &book() const { return m_book; }
    const std::vector<AlertRule> &rules() const { return m_rules; }
    std::size_t indexedEntries() const;

private:
    struct OrderTrack {
        std::uint32_t stateGen = 0; // bumped when the order enters a state
        std::uint32_t etaGen = 0;   // bumped when its ETA or state changes
        std::uint32_t promiseGen = 0; // bumped on every event of the order (sla.promise_missed)
        bool used = false;
    };
    struct RiderTrack {
        std::uint32_t fixGen = 0;
        std::uint32_t stillGen = 0;
        bool delivering = false;
        double anchorLat = 0.0;
        double anchorLng = 0.0;
        std::int64_t anchorSinceMs = 0;
    };
    struct BurstWindow {
        // Per key, the orders in the window, oldest first: the alert names them, since
        // its subject (a hash) names nobody a person can look up.
        std::unordered_map<std::string, std::deque<std::string>> orders;
        std::deque<std::pair<std::int64_t, std::string>> arrivals;
    };
    struct DepotChecks {
        std::deque<std::pair<std::int64_t, bool>> checks;
        int failed = 0;
    };
    struct IntakeSecond { // one gateway.stats of a depot
        std::int64_t tsMs = 0;
        std::int64_t offered = 0;
        std::int64_t accepted = 0;
        std::int64_t rateLimited = 0;
        std::int64_t breakerOpen = 0;
    };
    struct IntakeSums {
        std::int64_t offered = 0;
        std::int64_t accepted = 0;
        std::int64_t rateLimited = 0;
        std::int64_t breakerOpen = 0;
    };
    struct BreakerTrack {
        std::string reportedBy;  // the depot whose stats listed it last
        bool open = false;       // not closed at the last stats
        std::int64_t openSinceMs = 0;
        std::deque<std::pair<std::int64_t, std::int64_t>> spells; // earlier [opened, closed) spells
        bool forced = false;     // forced_open by an operator
        double errorRate = 0.0;
    };

    void indexRules();
    const std::vector<int> &rulesOf(AlertRuleKind kind) const { return m_byKind[static_cast<std::size_t>(kind)]; }
    std::uint32_t orderSlot(const std::string &orderId);
    void releaseOrderSlot(const std::string &orderId);
    std::uint32_t riderSlot(const std::string &riderId);

    // onEvent parts (AlertEngineEvents.cpp)
    void onOrderEvent(const Event &event, const OrderRecord &order);
    void onRiderEvent(const Event &event, const RiderRecord &rider);
    void onRiderReport(const Event &event);
    void onInventory(const Event &event);
    void onSensor(const Event &event);
    void indexOrder(const OrderRecord &order, std::uint32_t slot, bool stateEntered);
    void indexRiderFix(const RiderRecord &rider, std::uint32_t slot);
    void popPromiseDeadlines(const Projections &projections, std::int64_t wallMs);

    // onTick parts
    void applyPosted(const Projections &projections, std::int64_t wallMs);
    void reindex(const Projections &projections, std::int64_t wallMs);
    void popDeadlines(const Projections &projections, std::int64_t wallMs);
    void clearRetired(const std::string &orderId, std::int64_t wallMs);
    // Window rules (AlertEngineWindows.cpp)
    void countCreated(const Event &event);
    void countStockCheck(const Event &event);
    void evaluateStorms(std::int64_t wallMs);
    void evaluateBursts(std::int64_t wallMs);
    void evaluateStockRates(std::int64_t wallMs);
    void evaluateResyncs(std::int64_t wallMs);
    void evaluateFeedDegraded(std::int64_t wallMs);
    // Intake rules (AlertEngineIntake.cpp): judged on each gateway.stats at its own time.
    void onGatewayStats(const Event &event);
    IntakeSums intakeSums(const std::string &depot, std::int64_t nowMs, std::int64_t windowMs) const;
    void judgeIntakeRate(const Event &event, const GatewayStatsPayload &stats);
    void judgeAcceptance(const Event &event);
    void judgeBreakers(const Event &event, const GatewayStatsPayload &stats);
    void judgeBreakerTime(const std::string &scope, BreakerTrack &track, std::int64_t nowMs);

    std::vector<AlertRule> m_rules;
    std::array<std::vector<int>, kAlertRuleKindCount> m_byKind;
    Sink m_sink;
    Options m_options;
    QByteArray m_burstKey;
    AlertBook m_book;

    std::vector<DeadlineHeap> m_heaps; // per rule index; used by time-driven kinds
    std::unordered_map<std::string, std::uint32_t> m_orderSlots;
    std::vector<std::string> m_orderIds;
    std::vector<OrderTrack> m_orders;
    std::vector<std::uint32_t> m_freeOrderSlots;
    std::unordered_map<std::string, std::uint32_t> m_riderSlots;
    std::vector<std::string> m_riderIds;
    std::vector<RiderTrack> m_riders;
    std::size_t m_expectOrders = 0;
    bool m_indexed = false;

    std::unordered_map<std::string, std::map<std::int64_t, int>> m_createdPerMinute; // depot -> minute -> count
    std::unordered_map<std::string, std::int64_t> m_stormEvaluatedMinute;           // depot -> last minute judged
    std::map<std::pair<std::string, int>, StormSample> m_stormHistory;
    std::vector<StormSample> m_stormChanged;
    std::vector<BurstWindow> m_bursts; // per rule index
    std::unordered_map<std::string, DepotChecks> m_stockChecks;
    std::deque<std::int64_t> m_resyncTimes;
    std::unordered_map<std::string, std::deque<IntakeSecond>> m_intake; // depot -> its recent gateway.stats
    std::map<std::string, BreakerTrack> m_breakers;                     // scope -> its recent open spells
    struct DegradedAlert {
        std::int64_t failures = 0;
        std::int64_t updatedMs = 0;
    };
    std::map<std::string, DegradedAlert> m_degradedAlerts; // depot -> what its open alert says
    std::int64_t m_resyncsSeen = -1;
    std::int64_t m_resyncsIndexed = 0; // a resync may change orders without live events
    std::uint64_t m_retirementsIndexed = 0; // Projections::retirements() at the last reindex

    std::int64_t m_lastWallMs = 0;
    std::atomic<bool> m_posts{false}; // something waits in m_posted / m_postedRules
    std::mutex m_postMutex;
    std::vector<AlertCommand> m_posted;
    std::vector<AlertRule> m_postedRules;
    bool m_rulesPosted = false;
};

} // namespace opsdeck::core
