#include "AxisTicks.h"

#include <QDateTime>

#include <algorithm>
#include <array>
#include <cmath>

namespace opsdeck::widgets {

namespace {

constexpr qint64 kSecond = 1000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;

// Local-time alignment: 06:00, not 06:00 UTC shown as 14:00.
qint64 offsetMs(qint64 ms)
{
    return static_cast<qint64>(QDateTime::fromMSecsSinceEpoch(ms).offsetFromUtc()) * kSecond;
}

qint64 floorTo(qint64 ms, qint64 step)
{
    const qint64 local = ms + offsetMs(ms);
    const qint64 floored = local - (((local % step) + step) % step);
    return floored - offsetMs(ms);
}

int decimalsOf(double step)
{
    for (int d = 0; d < 6; ++d) {
        const double scaled = step * std::pow(10.0, d);
        if (std::fabs(scaled - std::round(scaled)) < 1e-6 * std::max(1.0, scaled))
            return d;
    }
    return 6;
}

} // namespace

ValueTicks valueTicks(double top, bool integers, int maxIntervals)
{
    maxIntervals = std::max(1, maxIntervals);
    if (!(top > 0) || !std::isfinite(top))
        top = integers ? static_cast<double>(maxIntervals) : 1.0;
    // The smallest round step that covers `top` in at most maxIntervals steps.
    double mag = std::pow(10.0, std::floor(std::log10(top / maxIntervals)));
    ValueTicks t;
    for (int guard = 0; guard < 4; ++guard, mag *= 10) {
        for (double m : {1.0, 2.0, 2.5, 5.0}) {
            const double step = m * mag;
            if (integers && (step < 1 || std::fabs(step - std::round(step)) > 1e-9))
                continue;
            const double intervals = std::ceil(top / step - 1e-9);
            if (intervals <= maxIntervals) {
                t.step = step;
                t.max = std::max(1.0, intervals) * step;
                t.decimals = decimalsOf(step);
                return t;
            }
        }
    }
    t.step = top;
    t.max = top;
    t.decimals = decimalsOf(top);
    return t;
}

TimeTicks timeTicks(qint64 fromMs, qint64 toMs, int maxIntervals, qint64 minStepMs)
{
    static constexpr std::array<qint64, 21> steps = {
        kSecond,     2 * kSecond,  5 * kSecond,  10 * kSecond, 15 * kSecond, 30 * kSecond, kMinute,
        2 * kMinute, 5 * kMinute,  10 * kMinute, 15 * kMinute, 30 * kMinute, kHour,        2 * kHour,
        3 * kHour,   6 * kHour,    12 * kHour,   kDay,         2 * kDay,     7 * kDay,     30 * kDay};
    maxIntervals = std::max(1, maxIntervals);
    toMs = std::max(toMs, fromMs);
    TimeTicks t;
    for (const qint64 step : steps) {
        if (step < minStepMs && step != steps.back())
            continue;
        t.stepMs = step;
        t.fromMs = floorTo(fromMs, step);
        t.toMs = floorTo(toMs, step);
        if (t.toMs < toMs || t.toMs == t.fromMs)
            t.toMs += step;
        if ((t.toMs - t.fromMs) / step <= maxIntervals)
            break;
    }
    t.count = static_cast<int>((t.toMs - t.fromMs) / t.stepMs) + 1;
    if (t.stepMs < kMinute)
        t.format = QStringLiteral("HH:mm:ss");
    else if (t.stepMs >= kDay)
        t.format = QStringLiteral("MM-dd");
    else if (t.toMs - t.fromMs >= kDay)
        t.format = QStringLiteral("MM-dd HH:mm"); // "00:00" would come back at the end of a day
    else
        t.format = QStringLiteral("HH:mm");
    return t;
}

int intervalsThatFit(double pixels, double labelPixels, int atMost)
{
    const double per = std::max(1.0, labelPixels * 1.6);
    return std::clamp(static_cast<int>(pixels / per), 1, std::max(1, atMost));
}

} // namespace opsdeck::widgets
