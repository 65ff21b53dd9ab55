#pragma once

namespace opsdeck::app {

// `opsdeck key rotate --db FILE --user U [--key-dir DIR]`: replaces the database's personal-data
// key, re-sealing every sealed value in small committed steps (store::KeyRotation).
// Run it while the console is stopped; after a crash, run it again to finish.
// Needs a sign-in (--user, OPSDECK_PASSWORD or the prompt) with erase_personal_data or
// manage_users. Returns the process exit status (0 done, 1 failed, 2 bad usage, 3 not
// signed in, 4 refused by the permission table; sign-in, refusal and rotation audited).
int runKey(int argc, char **argv);

} // namespace opsdeck::app
