#pragma once

#include "widgets/WidgetsExport.h"

#include <QString>
#include <QtGlobal>

namespace opsdeck::widgets {

// Ticks of a value axis from 0: every label distinct and round (0, 20, 40 … or 0, 0.5,
// 1 …). `integers`: the data are counts, so the step is a whole number.
struct ValueTicks {
    double max = 1;
    double step = 1;
    int decimals = 0; // enough to tell every label apart, no more
    int intervals() const { return static_cast<int>(max / step + 0.5); }
};
OPSDECK_WIDGETS_EXPORT ValueTicks valueTicks(double top, bool integers, int maxIntervals = 5);

// Ticks of a time axis: the range widened to whole steps (1 s … 1 day, in local time), so
// each tick sits on a round time and no two read the same. Format follows the step and
// the span ("HH:mm:ss", "HH:mm", "MM-dd HH:mm", "MM-dd").
struct TimeTicks {
    qint64 fromMs = 0;
    qint64 toMs = 0;
    qint64 stepMs = 60000;
    int count = 2; // ticks, both ends included
    QString format;
};
// minStepMs: no finer ticks (data per minute: 60000).
OPSDECK_WIDGETS_EXPORT TimeTicks timeTicks(qint64 fromMs, qint64 toMs, int maxIntervals, qint64 minStepMs = 1000);

// How many intervals fit `pixels` when a label is `labelPixels` wide (with room between).
OPSDECK_WIDGETS_EXPORT int intervalsThatFit(double pixels, double labelPixels, int atMost = 12);

} // namespace opsdeck::widgets
