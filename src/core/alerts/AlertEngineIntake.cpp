// The intake half of AlertEngine: storm rules that need no history, judged on every
// gateway.stats at the time the gateway stamped it (never the console's clock), so a
// fresh install sees a storm in its first minutes and a replay judges it the same way.
#include "AlertEngine.h"

#include <algorithm>
#include <cmath>

namespace opsdeck::core {

namespace {
std::int64_t minutesMs(double minutes)
{
    return static_cast<std::int64_t>(minutes * 60000.0);
}

// A breaker's subject is its scope ("global", "depot:<id>", "merchant:<id>"); the depot
// is filled when the scope is one, so the queue's depot filter finds it.
AlertSubject scopeSubject(const std::string &scope, const std::string &reportedBy)
{
    const std::string depotPrefix = "depot:";
    std::string depot = scope.rfind(depotPrefix, 0) == 0 ? scope.substr(depotPrefix.size())
                                                          : (scope == "global" ? std::string() : reportedBy);
    return {AlertSubjectKind::Depot, scope, {}, {}, std::move(depot)};
}
} // namespace

void AlertEngine::onGatewayStats(const Event &event)
{
    const auto *stats = event.payloadAs<GatewayStatsPayload>();
    if (!stats || event.depot.empty())
        return;
    const bool rate = !rulesOf(AlertRuleKind::IntakeOverCapacity).empty();
    const bool acceptance = !rulesOf(AlertRuleKind::AcceptanceCollapse).empty();
    if (rate || acceptance) {
        // Kept as long as the longest window asks; late stats (out of order) are ignored.
        double keepMinutes = 0;
        for (int i : rulesOf(AlertRuleKind::IntakeOverCapacity))
            keepMinutes = std::max(keepMinutes, m_rules[i].threshold("window_minutes", 1));
        for (int i : rulesOf(AlertRuleKind::AcceptanceCollapse))
            keepMinutes = std::max(keepMinutes, m_rules[i].threshold("window_minutes"));
        auto &seconds = m_intake[event.depot];
        if (!seconds.empty() && event.tsMs < seconds.back().tsMs)
            return;
        seconds.push_back({event.tsMs, stats->offered, stats->accepted, stats->rateLimited, stats->breakerOpen});
        while (!seconds.empty() && seconds.front().tsMs <= event.tsMs - minutesMs(keepMinutes))
            seconds.pop_front();
        if (rate)
            judgeIntakeRate(event, *stats);
        if (acceptance)
            judgeAcceptance(event);
    }
    if (!rulesOf(AlertRuleKind::BreakerOpen).empty())
        judgeBreakers(event, *stats);
}

AlertEngine::IntakeSums AlertEngine::intakeSums(const std::string &depot, std::int64_t nowMs,
                                                std::int64_t windowMs) const
{
    IntakeSums sums;
    const auto it = m_intake.find(depot);
    if (it == m_intake.end())
        return sums;
    for (auto s = it->second.rbegin(); s != it->second.rend() && s->tsMs > nowMs - windowMs; ++s) {
        sums.offered += s->offered;
        sums.accepted += s->accepted;
        sums.rateLimited += s->rateLimited;
        sums.breakerOpen += s->breakerOpen;
    }
    return sums;
}

void AlertEngine::judgeIntakeRate(const Event &event, const GatewayStatsPayload &stats)
{
    // The depot's own rate limit is the capacity someone configured at the gateway; without
    // one, the rule's per_min (per depot: "per_min:<depot>", else "per_min").
    const std::string depotScope = "depot:" + event.depot;
    double limit = 0;
    for (const GatewayLimit &l : stats.limits)
        if (l.scope == depotScope)
            limit = l.perMin;
    for (int i : rulesOf(AlertRuleKind::IntakeOverCapacity)) {
        const AlertRule &rule = m_rules[i];
        const double windowMinutes = rule.threshold("window_minutes", 1);
        // A partial window (the console just joined) is divided by the whole window: it can
        // only underestimate, so joining never raises a storm that is not there.
        const double perMin = static_cast<double>(intakeSums(event.depot, event.tsMs, minutesMs(windowMinutes)).offered)
            / windowMinutes;
        const double capacity = limit > 0 ? limit : rule.threshold("per_min:" + event.depot, rule.threshold("per_min"));
        const double over = capacity * rule.threshold("ratio", 1);
        const auto rounded = static_cast<std::int64_t>(std::lround(perMin));
        const auto cap = static_cast<std::int64_t>(std::lround(capacity));
        if (perMin >= over) {
            const auto pct = static_cast<std::int64_t>(std::lround(perMin / capacity * 100));
            m_book.raise(rule, {AlertSubjectKind::Depot, event.depot, {}, {}, event.depot}, event.tsMs, event.tsMs,
                         alertMessage(limit > 0 ? AlertCode::IntakeOverRateLimit : AlertCode::IntakeOverCapacity, rounded,
                                      pct, cap));
        } else if (perMin < over * 0.9) {
            // Under 90 % of the threshold: a rate hovering at the line does not flap.
            m_book.clear(rule, event.depot, event.tsMs, alertMessage(AlertCode::ClearedIntakeRate, rounded, cap));
        }
    }
}

void AlertEngine::judgeAcceptance(const Event &event)
{
    for (int i : rulesOf(AlertRuleKind::AcceptanceCollapse)) {
        const AlertRule &rule = m_rules[i];
        const double windowMinutes = rule.threshold("window_minutes");
        const IntakeSums s = intakeSums(event.depot, event.tsMs, minutesMs(windowMinutes));
        const double share = s.offered > 0 ? static_cast<double>(s.accepted) / static_cast<double>(s.offered) : 1.0;
        // Truncated: 69.6 % must not read "70 %" under a 70 % threshold.
        const auto pct = static_cast<std::int64_t>(share * 100);
        if (s.offered >= rule.threshold("min_offered", 30) && share < rule.threshold("rate"))
            m_book.raise(rule, {AlertSubjectKind::Depot, event.depot, {}, {}, event.depot}, event.tsMs, event.tsMs,
                         alertMessage(AlertCode::AcceptanceCollapse, pct, s.offered,
                                      static_cast<std::int64_t>(std::lround(windowMinutes)), s.rateLimited,
                                      s.breakerOpen));
        else
            m_book.clear(rule, event.depot, event.tsMs, alertMessage(AlertCode::ClearedAcceptance, pct));
    }
}

void AlertEngine::judgeBreakers(const Event &event, const GatewayStatsPayload &stats)
{
    const std::int64_t now = event.tsMs;
    for (const GatewayBreaker &b : stats.breakers) {
        BreakerTrack &t = m_breakers[b.scope];
        t.reportedBy = event.depot;
        // half_open still turns away two offers of three: only closed ends a spell.
        const bool open = b.state != "closed";
        if (open && !t.open)
            t.openSinceMs = now;
        else if (!open && t.open)
            t.spells.emplace_back(t.openSinceMs, now);
        t.open = open;
        t.forced = b.mode == "forced_open";
        t.errorRate = b.errorRate;
    }
    for (auto it = m_breakers.begin(); it != m_breakers.end();) {
        BreakerTrack &t = it->second;
        const bool listed = std::any_of(stats.breakers.begin(), stats.breakers.end(),
                                        [&](const GatewayBreaker &b) { return b.scope == it->first; });
        if (!listed && t.reportedBy == event.depot && t.open) { // its depot lists it no more: gone, so closed
            t.spells.emplace_back(t.openSinceMs, now);
            t.open = false;
        }
        judgeBreakerTime(it->first, t, now);
        it = !t.open && t.spells.empty() ? m_breakers.erase(it) : std::next(it);
    }
}

void AlertEngine::judgeBreakerTime(const std::string &scope, BreakerTrack &t, std::int64_t now)
{
    std::int64_t keepMs = 0;
    for (int i : rulesOf(AlertRuleKind::BreakerOpen))
        keepMs = std::max(keepMs, minutesMs(m_rules[i].threshold("window_minutes", m_rules[i].threshold("minutes"))));
    while (!t.spells.empty() && t.spells.front().second <= now - keepMs)
        t.spells.pop_front();
    for (int i : rulesOf(AlertRuleKind::BreakerOpen)) {
        const AlertRule &rule = m_rules[i];
        const double windowMinutes = rule.threshold("window_minutes", rule.threshold("minutes"));
        const std::int64_t from = now - minutesMs(windowMinutes);
        const auto window = static_cast<std::int64_t>(std::lround(windowMinutes));
        // Time not closed within the window: a breaker that keeps tripping in a storm
        // (open, probe, open, a short close) is one outage, not a string of them.
        std::int64_t openMs = t.open ? now - std::max(t.openSinceMs, from) : 0;
        for (const auto &[opened, closedAt] : t.spells)
            openMs += std::max<std::int64_t>(0, closedAt - std::max(opened, from));
        const std::int64_t needMs = std::max<std::int64_t>(1, minutesMs(rule.threshold("minutes")));
        if (openMs >= needMs && (t.open || !t.spells.empty()))
            m_book.raise(rule, scopeSubject(scope, t.reportedBy), now - openMs, now,
                         t.forced ? alertMessage(AlertCode::BreakerForcedOpen, openMs, window)
                                  : alertMessage(AlertCode::BreakerOpen, openMs, window, t.errorRate * 100));
        else
            m_book.clear(rule, scope, now, alertMessage(AlertCode::ClearedBreakerClosed, window));
    }
}

} // namespace opsdeck::core
