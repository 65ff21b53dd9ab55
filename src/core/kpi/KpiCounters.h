#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <string_view>

namespace opsdeck::core {

// Additive counters of one scope over one span of time (a minute bucket, a rolling
// window, a day, an hour row in the history tables). Everything the KPI formulas need
// is a sum, so windows are built by adding buckets and expired by subtracting them.
enum class KpiField : std::uint8_t {
    Created,
    Paid,
    Dispatched,
    Signed,
    SignedPromised,   // signed orders that carried a promised_at
    SignedOnTime,     // ... and were signed at or before it
    Cancelled,
    Returned,         // order.return_started
    Claimed,          // order.claim_opened
    StockChecked,
    OutOfStock,
    ExcTrafficAccident,
    ExcCustomerRejected,
    ExcDamaged,
    ExcDelayed,
    ExcAddressInvalid,
    ExcOther,
    ColdExcursions,   // temperature readings leaving [min, max] (counted once per excursion)
    OnlineMs,         // rider time in any status but offline
    DeliveringMs,     // rider time in status delivering
    Offered,          // gateway.stats
    Accepted,
    RejectedRateLimited,
    RejectedBreaker,
    Count
};

inline constexpr int kKpiFieldCount = static_cast<int>(KpiField::Count);
inline constexpr int kKpiExceptionReasons = 6;
// Column names in the history tables and the CSV export (stable: stored on disk).
std::string_view kpiFieldName(KpiField field);
// order.exception reason -> ExcTrafficAccident..ExcOther.
KpiField exceptionField(std::string_view reason);
std::string_view exceptionReasonName(int index); // 0..5, wire spelling

// Durations are kept in a fixed-bucket histogram: 30 s bins from 0 to 2 h, the last bin
// holding everything longer. Quantiles interpolate linearly inside a bin, so they are
// exact to within one bin (30 s), which is finer than anyone reads a delivery time.
inline constexpr int kKpiHistBins = 240;
inline constexpr std::int64_t kKpiHistBinMs = 30000;
using KpiHistogram = std::array<std::uint32_t, kKpiHistBins>;
int kpiHistBin(std::int64_t durationMs);
// q in [0, 1]; NaN when empty. Returns milliseconds.
double histogramQuantileMs(const KpiHistogram &hist, double q);
std::uint64_t histogramTotal(const KpiHistogram &hist);

struct KpiCounters {
    std::array<std::int64_t, kKpiFieldCount> n{};
    KpiHistogram delivery{}; // paid -> signed
    KpiHistogram pick{};     // picking entered -> dispatched

    std::int64_t &operator[](KpiField f) { return n[static_cast<std::size_t>(f)]; }
    std::int64_t operator[](KpiField f) const { return n[static_cast<std::size_t>(f)]; }
    void add(const KpiCounters &other);
    void subtract(const KpiCounters &other);
    void clear() { *this = KpiCounters{}; }
    bool isZero() const;
};

// One event's contribution: at most one counter and one histogram sample.
struct KpiDelta {
    KpiField field = KpiField::Count; // Count = none
    std::int64_t amount = 1;
    int deliveryBin = -1;
    int pickBin = -1;
    void applyTo(KpiCounters &c) const
    {
        if (field != KpiField::Count)
            c[field] += amount;
        if (deliveryBin >= 0)
            ++c.delivery[static_cast<std::size_t>(deliveryBin)];
        if (pickBin >= 0)
            ++c.pick[static_cast<std::size_t>(pickBin)];
    }
};

// The KPIs of docs/kpi.md, computed from counters over `spanMs` of time. Rates are
// fractions in [0, 1]; NaN means "no denominator" (shown as a dash, never as 0 %).
struct KpiFigures {
    double spanMs = 0;
    double ordersPerMin = NAN;
    double fulfilmentRate = NAN;
    double onTimeRate = NAN;
    double deliveryP50Ms = NAN;
    double deliveryP90Ms = NAN;
    double pickP50Ms = NAN;
    double pickP90Ms = NAN;
    double outOfStockRate = NAN;
    double exceptionRate = NAN;
    std::array<double, kKpiExceptionReasons> exceptionRateByReason{NAN, NAN, NAN, NAN, NAN, NAN};
    double lossRate = NAN;
    double utilisation = NAN;
    double avgOnlineRiders = NAN; // online rider-time over the span
    int activeRidersNow = -1;     // gauge: riders not offline now (-1: not known, e.g. history)
    std::int64_t offered = 0;
    std::int64_t accepted = 0;
    std::int64_t rejected = 0;
    std::array<std::int64_t, kKpiFieldCount> counts{};
};

KpiFigures computeKpiFigures(const KpiCounters &c, double spanMs, int activeRidersNow = -1);

} // namespace opsdeck::core
