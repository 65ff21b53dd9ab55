#pragma once

// The SLA rule: how an order stands against its promised time (docs/board.md "SLA ramp",
// docs/kpi.md on-time rate, docs/alerts.md sla.delivered_late). One definition for the
// board's card colours and "late only" filter (widgets), the KPI on-time rate and the
// delivered-late alert (core).
//
// Header-only, constexpr and free of any dependency but <cstdint>, on purpose: widgets
// link only the SDK, never opsdeck_core (a view library must not pull in the domain),
// so they get this one header through the header-only CMake target `opsdeck_sla`
// (src/core/CMakeLists.txt) and no other part of core. Keep it that way: anything that
// needs a .cpp or a core type does not belong here.

#include <cstdint>

namespace opsdeck::core {

// Less than this much time to the promise and the order is at risk.
inline constexpr std::int64_t kSlaAtRiskMs = 10 * 60 * 1000;

enum class SlaLevel {
    None,   // no promise (or, for a live card, a final order: no ramp)
    OnTime, // now <= promised - 10 min
    AtRisk, // promised - 10 min < now <= promised
    Late,   // now > promised
};

constexpr bool hasPromise(std::int64_t promisedAtMs)
{
    return promisedAtMs > 0;
}

// How late something that happens at atMs is against the promise: 0 when on time, and
// when there is no promise. Due exactly now is not late.
constexpr std::int64_t lateByMs(std::int64_t promisedAtMs, std::int64_t atMs)
{
    return hasPromise(promisedAtMs) && atMs > promisedAtMs ? atMs - promisedAtMs : 0;
}

// Where a promise stands at atMs. Exactly 10 min left is still on time ("10 min left"
// never shows amber).
constexpr SlaLevel slaLevelAt(std::int64_t promisedAtMs, std::int64_t atMs)
{
    if (!hasPromise(promisedAtMs))
        return SlaLevel::None;
    if (lateByMs(promisedAtMs, atMs) > 0)
        return SlaLevel::Late;
    if (promisedAtMs - atMs < kSlaAtRiskMs)
        return SlaLevel::AtRisk;
    return SlaLevel::OnTime;
}

// What an order shows now: the level of its promise while it is open, None once final
// (a delivered order is judged once, at delivery, by lateByMs).
constexpr SlaLevel liveSlaLevel(std::int64_t promisedAtMs, bool orderIsFinal, std::int64_t nowMs)
{
    return orderIsFinal ? SlaLevel::None : slaLevelAt(promisedAtMs, nowMs);
}

} // namespace opsdeck::core
