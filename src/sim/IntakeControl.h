#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace opsdeck::sim {

enum class BreakerMode : std::uint8_t { Auto, ForcedOpen, ForcedClosed };
enum class BreakerState : std::uint8_t { Closed, Open, HalfOpen };
enum class Admission : std::uint8_t { Accepted, RateLimited, BreakerOpen };

std::string_view toString(BreakerMode mode);
std::string_view toString(BreakerState state);
std::optional<BreakerMode> breakerModeFromString(std::string_view text);

// Admission control for new orders, in simulated time (no clocks inside):
//  - token buckets per scope ("global", "depot:<id>", "merchant:<id>"): per_min tokens
//    refill continuously, at most `burst` saved up;
//  - circuit breakers per scope: in auto mode a breaker opens when the simulated
//    downstream (payment) error rate over its last outcomes crosses a threshold,
//    lets probes through (half_open) after a cooldown and closes after enough
//    successful probes; forced_open rejects everything in scope, forced_closed never opens;
//  - diversions: a share of the new orders of one depot is created in another.
// Scopes live in std::maps so reports are in a stable order (determinism).
class IntakeControl final
{
public:
    struct Limit {
        std::string scope;
        double perMin = 0;
        double burst = 0;
    };
    struct BreakerView {
        std::string scope;
        BreakerState state = BreakerState::Closed;
        BreakerMode mode = BreakerMode::Auto;
        double errorRate = 0;
    };
    struct Diversion {
        std::string from;
        std::string to;
        double share = 0;
    };

    static constexpr int kWindow = 20;           // outcomes remembered per breaker
    static constexpr int kMinSamples = 10;       // before an auto breaker may open
    static constexpr double kOpenThreshold = 0.5;
    static constexpr std::int64_t kCooldownMs = 20000;
    static constexpr int kProbeEvery = 3;        // half_open admits one of every 3 offers
    static constexpr int kProbesToClose = 3;

    void setRateLimit(const std::string &scope, double perMin, double burst, std::int64_t nowMs);
    bool clearRateLimit(const std::string &scope);
    void setBreakerMode(const std::string &scope, BreakerMode mode, std::int64_t nowMs);
    void setDiversion(const std::string &from, const std::string &to, double share);
    bool clearDiversion(const std::string &from);
    std::optional<Diversion> diversionFrom(const std::string &from) const;

    // Breakers and buckets of the three scopes an order falls in. Tokens are only
    // taken when every bucket has one, so one full bucket does not drain the others.
    Admission admit(const std::string &depotScope, const std::string &merchantScope, std::int64_t nowMs);
    // The downstream result of an admitted order, feeding auto breakers.
    void recordOutcome(const std::string &depotScope, const std::string &merchantScope, bool error,
                       std::int64_t nowMs);
    // Moves open breakers to half_open once their cooldown has passed.
    void tick(std::int64_t nowMs);

    // For gateway.stats of one depot: global, that depot and the given merchants' scopes.
    std::vector<Limit> limitsFor(const std::string &depotScope, const std::vector<std::string> &merchantScopes) const;
    std::vector<BreakerView> breakersFor(const std::string &depotScope,
                                         const std::vector<std::string> &merchantScopes) const;
    std::vector<Diversion> diversionsTouching(const std::string &depot) const;

    void ensureBreaker(const std::string &scope); // an auto breaker that exists from the start

private:
    struct Bucket {
        double perMin = 0;
        double burst = 0;
        double tokens = 0;
        std::int64_t lastMs = 0;
        void refill(std::int64_t nowMs);
    };
    struct Breaker {
        BreakerMode mode = BreakerMode::Auto;
        BreakerState state = BreakerState::Closed;
        std::deque<bool> outcomes; // true = error
        std::int64_t openedAtMs = 0;
        int offersWhileHalfOpen = 0;
        int probeSuccesses = 0;
        double errorRate() const;
        bool allows();
        void record(bool error, std::int64_t nowMs);
    };

    std::map<std::string, Bucket> m_buckets;
    std::map<std::string, Breaker> m_breakers;
    std::map<std::string, Diversion> m_diversions;
};

} // namespace opsdeck::sim
