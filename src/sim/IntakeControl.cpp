#include "IntakeControl.h"

#include <algorithm>
#include <array>

namespace opsdeck::sim {

std::string_view toString(BreakerMode mode)
{
    switch (mode) {
    case BreakerMode::Auto: return "auto";
    case BreakerMode::ForcedOpen: return "forced_open";
    case BreakerMode::ForcedClosed: return "forced_closed";
    }
    return "auto";
}

std::string_view toString(BreakerState state)
{
    switch (state) {
    case BreakerState::Closed: return "closed";
    case BreakerState::Open: return "open";
    case BreakerState::HalfOpen: return "half_open";
    }
    return "closed";
}

std::optional<BreakerMode> breakerModeFromString(std::string_view text)
{
    if (text == "auto")
        return BreakerMode::Auto;
    if (text == "forced_open")
        return BreakerMode::ForcedOpen;
    if (text == "forced_closed")
        return BreakerMode::ForcedClosed;
    return std::nullopt;
}

void IntakeControl::Bucket::refill(std::int64_t nowMs)
{
    if (nowMs > lastMs)
        tokens = std::min(burst, tokens + perMin * static_cast<double>(nowMs - lastMs) / 60000.0);
    lastMs = nowMs;
}

double IntakeControl::Breaker::errorRate() const
{
    if (outcomes.empty())
        return 0.0;
    return static_cast<double>(std::count(outcomes.begin(), outcomes.end(), true)) / static_cast<double>(outcomes.size());
}

bool IntakeControl::Breaker::allows()
{
    if (mode == BreakerMode::ForcedOpen)
        return false;
    if (mode == BreakerMode::ForcedClosed)
        return true;
    switch (state) {
    case BreakerState::Closed: return true;
    case BreakerState::Open: return false;
    case BreakerState::HalfOpen: return (offersWhileHalfOpen++ % kProbeEvery) == 0;
    }
    return true;
}

void IntakeControl::Breaker::record(bool error, std::int64_t nowMs)
{
    outcomes.push_back(error);
    if (outcomes.size() > static_cast<std::size_t>(kWindow))
        outcomes.pop_front();
    if (mode != BreakerMode::Auto)
        return;
    if (state == BreakerState::HalfOpen) {
        if (error) {
            state = BreakerState::Open;
            openedAtMs = nowMs;
        } else if (++probeSuccesses >= kProbesToClose) {
            state = BreakerState::Closed;
            outcomes.clear(); // a fresh start: old errors must not reopen it at once
        }
    } else if (state == BreakerState::Closed && outcomes.size() >= static_cast<std::size_t>(kMinSamples)
               && errorRate() >= kOpenThreshold) {
        state = BreakerState::Open;
        openedAtMs = nowMs;
    }
}

void IntakeControl::setRateLimit(const std::string &scope, double perMin, double burst, std::int64_t nowMs)
{
    Bucket &b = m_buckets[scope];
    b.perMin = perMin;
    b.burst = std::max(1.0, burst);
    b.tokens = b.burst;
    b.lastMs = nowMs;
}

bool IntakeControl::clearRateLimit(const std::string &scope)
{
    return m_buckets.erase(scope) > 0;
}

void IntakeControl::setBreakerMode(const std::string &scope, BreakerMode mode, std::int64_t nowMs)
{
    Breaker &b = m_breakers[scope];
    b.mode = mode;
    if (mode == BreakerMode::ForcedOpen) {
        b.state = BreakerState::Open;
        b.openedAtMs = nowMs;
    } else if (mode == BreakerMode::ForcedClosed) {
        b.state = BreakerState::Closed;
    } else if (b.state == BreakerState::Open) {
        b.openedAtMs = nowMs; // back to auto: probe after a cooldown
    }
}

void IntakeControl::setDiversion(const std::string &from, const std::string &to, double share)
{
    m_diversions[from] = Diversion{from, to, std::clamp(share, 0.0, 1.0)};
}

bool IntakeControl::clearDiversion(const std::string &from)
{
    return m_diversions.erase(from) > 0;
}

std::optional<IntakeControl::Diversion> IntakeControl::diversionFrom(const std::string &from) const
{
    const auto it = m_diversions.find(from);
    if (it == m_diversions.end())
        return std::nullopt;
    return it->second;
}

void IntakeControl::ensureBreaker(const std::string &scope)
{
    m_breakers.try_emplace(scope);
}

Admission IntakeControl::admit(const std::string &depotScope, const std::string &merchantScope, std::int64_t nowMs)
{
    static const std::string kGlobal = "global";
    const std::array<const std::string *, 3> scopes = {&kGlobal, &depotScope, &merchantScope};
    for (const std::string *s : scopes) {
        const auto it = m_breakers.find(*s);
        if (it != m_breakers.end() && !it->second.allows())
            return Admission::BreakerOpen;
    }
    std::array<Bucket *, 3> buckets{};
    for (std::size_t i = 0; i < scopes.size(); ++i) {
        const auto it = m_buckets.find(*scopes[i]);
        if (it == m_buckets.end())
            continue;
        it->second.refill(nowMs);
        if (it->second.tokens < 1.0)
            return Admission::RateLimited;
        buckets[i] = &it->second;
    }
    for (Bucket *b : buckets)
        if (b)
            b->tokens -= 1.0;
    return Admission::Accepted;
}

void IntakeControl::recordOutcome(const std::string &depotScope, const std::string &merchantScope, bool error,
                                  std::int64_t nowMs)
{
    static const std::string kGlobal = "global";
    for (const std::string *s : {&kGlobal, &depotScope, &merchantScope}) {
        const auto it = m_breakers.find(*s);
        if (it != m_breakers.end())
            it->second.record(error, nowMs);
    }
}

void IntakeControl::tick(std::int64_t nowMs)
{
    for (auto &[scope, b] : m_breakers) {
        if (b.mode == BreakerMode::Auto && b.state == BreakerState::Open && nowMs - b.openedAtMs >= kCooldownMs) {
            b.state = BreakerState::HalfOpen;
            b.offersWhileHalfOpen = 0;
            b.probeSuccesses = 0;
        }
    }
}

namespace {
bool scopeRelevant(const std::string &scope, const std::string &depotScope, const std::vector<std::string> &merchants)
{
    return scope == "global" || scope == depotScope
        || std::find(merchants.begin(), merchants.end(), scope) != merchants.end();
}
} // namespace

std::vector<IntakeControl::Limit> IntakeControl::limitsFor(const std::string &depotScope,
                                                           const std::vector<std::string> &merchantScopes) const
{
    std::vector<Limit> out;
    for (const auto &[scope, b] : m_buckets)
        if (scopeRelevant(scope, depotScope, merchantScopes))
            out.push_back({scope, b.perMin, b.burst});
    return out;
}

std::vector<IntakeControl::BreakerView> IntakeControl::breakersFor(const std::string &depotScope,
                                                                   const std::vector<std::string> &merchantScopes) const
{
    std::vector<BreakerView> out;
    for (const auto &[scope, b] : m_breakers)
        if (scopeRelevant(scope, depotScope, merchantScopes))
            out.push_back({scope, b.state, b.mode, b.errorRate()});
    return out;
}

std::vector<IntakeControl::Diversion> IntakeControl::diversionsTouching(const std::string &depot) const
{
    std::vector<Diversion> out;
    for (const auto &[from, d] : m_diversions)
        if (d.from == depot || d.to == depot)
            out.push_back(d);
    return out;
}

} // namespace opsdeck::sim
