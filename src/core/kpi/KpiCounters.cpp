#include "KpiCounters.h"

#include <algorithm>

namespace opsdeck::core {

namespace {

constexpr std::array<std::string_view, kKpiFieldCount> kFieldNames = {
    "created",        "paid",         "dispatched",     "signed",          "signed_promised",
    "signed_on_time", "cancelled",    "returned",       "claimed",         "stock_checked",
    "out_of_stock",   "exc_traffic_accident", "exc_customer_rejected", "exc_damaged", "exc_delayed",
    "exc_address_invalid", "exc_other", "cold_excursions", "online_ms",    "delivering_ms",
    "offered",        "accepted",     "rejected_rate_limited", "rejected_breaker_open",
};

constexpr std::array<std::string_view, kKpiExceptionReasons> kReasons = {
    "traffic_accident", "customer_rejected", "damaged", "delayed", "address_invalid", "other",
};

double ratio(std::int64_t num, std::int64_t den)
{
    return den > 0 ? static_cast<double>(num) / static_cast<double>(den) : NAN;
}

} // namespace

std::string_view kpiFieldName(KpiField field)
{
    const auto i = static_cast<std::size_t>(field);
    return i < kFieldNames.size() ? kFieldNames[i] : std::string_view{};
}

KpiField exceptionField(std::string_view reason)
{
    for (std::size_t i = 0; i < kReasons.size(); ++i)
        if (kReasons[i] == reason)
            return static_cast<KpiField>(static_cast<int>(KpiField::ExcTrafficAccident) + static_cast<int>(i));
    return KpiField::ExcOther;
}

std::string_view exceptionReasonName(int index)
{
    return index >= 0 && index < kKpiExceptionReasons ? kReasons[static_cast<std::size_t>(index)] : std::string_view{};
}

int kpiHistBin(std::int64_t durationMs)
{
    if (durationMs < 0)
        return -1;
    return static_cast<int>(std::min<std::int64_t>(durationMs / kKpiHistBinMs, kKpiHistBins - 1));
}

std::uint64_t histogramTotal(const KpiHistogram &hist)
{
    std::uint64_t total = 0;
    for (auto v : hist)
        total += v;
    return total;
}

double histogramQuantileMs(const KpiHistogram &hist, double q)
{
    const std::uint64_t total = histogramTotal(hist);
    if (total == 0)
        return NAN;
    // Rank of the quantile among `total` samples spread evenly inside their bins.
    const double rank = std::clamp(q, 0.0, 1.0) * static_cast<double>(total);
    double seen = 0;
    for (int i = 0; i < kKpiHistBins; ++i) {
        const double inBin = hist[static_cast<std::size_t>(i)];
        if (inBin > 0 && seen + inBin >= rank) {
            const double within = (rank - seen) / inBin;
            return (i + within) * static_cast<double>(kKpiHistBinMs);
        }
        seen += inBin;
    }
    return static_cast<double>(kKpiHistBins * kKpiHistBinMs);
}

void KpiCounters::add(const KpiCounters &other)
{
    for (std::size_t i = 0; i < n.size(); ++i)
        n[i] += other.n[i];
    for (std::size_t i = 0; i < delivery.size(); ++i) {
        delivery[i] += other.delivery[i];
        pick[i] += other.pick[i];
    }
}

void KpiCounters::subtract(const KpiCounters &other)
{
    for (std::size_t i = 0; i < n.size(); ++i)
        n[i] -= other.n[i];
    for (std::size_t i = 0; i < delivery.size(); ++i) {
        delivery[i] -= other.delivery[i];
        pick[i] -= other.pick[i];
    }
}

bool KpiCounters::isZero() const
{
    return std::all_of(n.begin(), n.end(), [](auto v) { return v == 0; })
        && std::all_of(delivery.begin(), delivery.end(), [](auto v) { return v == 0; })
        && std::all_of(pick.begin(), pick.end(), [](auto v) { return v == 0; });
}

KpiFigures computeKpiFigures(const KpiCounters &c, double spanMs, int activeRidersNow)
{
    using F = KpiField;
    KpiFigures f;
    f.spanMs = spanMs;
    f.counts = c.n;
    if (spanMs > 0) {
        f.ordersPerMin = c[F::Created] / (spanMs / 60000.0);
        f.avgOnlineRiders = c[F::OnlineMs] / spanMs;
    }
    f.fulfilmentRate = ratio(c[F::Signed], c[F::Signed] + c[F::Cancelled] + c[F::Returned] + c[F::Claimed]);
    f.onTimeRate = ratio(c[F::SignedOnTime], c[F::SignedPromised]);
    f.deliveryP50Ms = histogramQuantileMs(c.delivery, 0.5);
    f.deliveryP90Ms = histogramQuantileMs(c.delivery, 0.9);
    f.pickP50Ms = histogramQuantileMs(c.pick, 0.5);
    f.pickP90Ms = histogramQuantileMs(c.pick, 0.9);
    f.outOfStockRate = ratio(c[F::OutOfStock], c[F::StockChecked]);
    std::int64_t exceptions = 0;
    for (int r = 0; r < kKpiExceptionReasons; ++r) {
        const auto field = static_cast<F>(static_cast<int>(F::ExcTrafficAccident) + r);
        exceptions += c[field];
        f.exceptionRateByReason[static_cast<std::size_t>(r)] = ratio(c[field], c[F::Dispatched]);
    }
    f.exceptionRate = ratio(exceptions, c[F::Dispatched]);
    // Orders lost on the way over orders that reached an end of the delivery. A claim is
    // opened once per order (EXCEPTION -> CLAIMING), so it counts each lost order once: the
    // damage exception before it and cold-chain excursions (readings of a box, not orders)
    // would count one order twice or things that are not orders, and over `signed` alone
    // the lost orders are not in the denominator: that made 200 %.
    f.lossRate = ratio(c[F::Claimed], c[F::Signed] + c[F::Claimed]);
    f.utilisation = ratio(c[F::DeliveringMs], c[F::OnlineMs]);
    f.activeRidersNow = activeRidersNow;
    f.offered = c[F::Offered];
    f.accepted = c[F::Accepted];
    f.rejected = c[F::RejectedRateLimited] + c[F::RejectedBreaker];
    return f;
}

} // namespace opsdeck::core
