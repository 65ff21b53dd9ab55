#pragma once

#include "app/runtime/ConsoleOptions.h"

#include <QObject>

class QCoreApplication;

namespace opsdeck::app {

// --headless: ingest and persist with no window until --duration ends or SIGINT/SIGTERM,
// then print one JSON line of stats on stdout.
int runHeadless(QCoreApplication &app, const ConsoleOptions &options);

} // namespace opsdeck::app
