#pragma once

namespace opsdeck::app {

// `opsdeck key rotate --db FILE [--key-dir DIR]`: replaces the database's personal-data
// key, re-sealing every sealed value in small committed steps (store::KeyRotation).
// Run it while the console is stopped; after a crash, run it again to finish.
// Returns the process exit status (0 done, 1 failed, 2 bad usage).
int runKey(int argc, char **argv);

} // namespace opsdeck::app
