#pragma once

namespace opsdeck::app {

// `opsdeck ctl --control ENDPOINT CMD key=value ... --reason TEXT
//               --user U --db PATH [--feed ENDPOINT] [--timeout-ms N]`
// Sends one control command through the same command layer as the console (permission
// check, audit when --db is given, id kept across retries) and prints the gateway's
// reply as JSON (or the console's own refusal, with "local":true).
// Exit status: 0 the gateway said ok, 1 refused (by the gateway or locally: bad
// arguments, missing reason), 2 no answer, 3 not signed in (nothing
// sent: --user with OPSDECK_PASSWORD or the prompt, against the users of --db), 4 the
// signed-in user's role or scope lacks the command's permission (core::access::AccessPolicy:
// set_intake_controls, reassign, hold_release, cancel; nothing sent, the refusal audited on
// the chain of --db), 64 bad usage.
int runCtl(int argc, char **argv);

} // namespace opsdeck::app
