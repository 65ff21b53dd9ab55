#pragma once

#include "widgets/WidgetsExport.h"

#include <QString>
#include <QtGlobal>

class QLocale;

namespace opsdeck::widgets {

// A moment as the map's replay shows it: local time with seconds in the locale's form
// ("07:16:10", "7:16:10 AM", no zone name), preceded by the locale's short date when it
// is not on the same local day as `nowMs`. The replay banner and the replay bar both
// use it, so they agree with each other and with the console's local times.
OPSDECK_WIDGETS_EXPORT QString mapTimeText(qint64 atMs, qint64 nowMs, const QLocale &locale);
OPSDECK_WIDGETS_EXPORT QString mapTimeText(qint64 atMs, qint64 nowMs);

} // namespace opsdeck::widgets
