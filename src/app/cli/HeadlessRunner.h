#pragma once

#include "app/assembly/ConsoleAssembly.h"
#include "app/runtime/ConsoleOptions.h"

#include <QObject>

class QCoreApplication;

namespace opsdeck::app {

// --headless exit status when the database is corrupt and --rebuild-corrupt was not given.
inline constexpr int kExitCorruptDatabase = 3;

// --headless: ingest and persist with no window until --duration ends or SIGINT/SIGTERM,
// then print one JSON line of stats on stdout.
int runHeadless(QCoreApplication &app, const ConsoleOptions &options);

// The headless console's assembly: every feature of the one list, without GUI parts, so
// its database gets every table the window writes.
ConsoleAssembly::Options headlessAssembly(const ConsoleOptions &options);

} // namespace opsdeck::app
