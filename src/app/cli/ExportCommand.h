#pragma once

namespace opsdeck::app {

// `opsdeck export orders|events|rejected --db PATH --format csv|jsonl [--with-personal-data]`
// Writes to stdout. Returns the process exit status (0 ok, 1 failed, 2 bad usage).
int runExport(int argc, char **argv);

} // namespace opsdeck::app
