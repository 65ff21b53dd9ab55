#pragma once

namespace opsdeck::bench {

// opsdeck-bench alerts [--ticks N]; last line: RESULT alerts orders=… riders=… tick_ms=…
int runAlertsBench(int argc, char **argv);

} // namespace opsdeck::bench
