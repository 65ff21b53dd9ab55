#pragma once

#include "KpiCounters.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace opsdeck::core {

// The rolling windows of the live KPIs. Minute-aligned: a window of N minutes holds the
// N complete minutes before the current one plus the current, partial minute; its span
// (the denominator of per-minute rates) is the time it really covers.
enum class KpiWindow : std::uint8_t { OneMinute = 0, FifteenMinutes, OneHour, Today };
inline constexpr int kKpiWindowCount = 4;
inline constexpr std::array<int, 3> kKpiWindowMinutes = {1, 15, 60};

// Scope keys: "all", "depot:<id>", "channel:<fresh|campus|errand>", "merchant:<id>".
struct KpiScopeFigures {
    std::string scope;
    std::array<KpiFigures, kKpiWindowCount> windows;
};

struct KpiTrendPoint {
    std::int64_t minuteMs = 0; // start of the minute
    KpiFigures figures;        // of that one minute (span: the part of it seen)
};

// What the engine hands to the GUI, at most once per snapshot interval.
struct KpiSnapshot {
    std::int64_t atMs = 0;
    std::vector<KpiScopeFigures> scopes;      // "all" first, then depots, channels, merchants
    std::vector<KpiTrendPoint> trend;         // scope "all", one point per minute of the last hour (the current one once it holds 10 s)
    KpiHistogram deliveryLastHour{};          // scope "all", the 1 h window
    KpiHistogram deliveryToday{};
    std::int64_t eventsSeen = 0;
};

// One minute of one scope for the history tables (added to what is already stored:
// late events produce a second, additive row for the same minute).
struct KpiHistoryRow {
    std::string scope;
    std::int64_t minuteMs = 0;
    KpiCounters counters;
};

} // namespace opsdeck::core
