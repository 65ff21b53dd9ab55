#pragma once

namespace opsdeck::app {

// `opsdeck keygen [--out DIR] [--name NAME]`: writes a CURVE key pair, NAME.key (secret,
// 0600) and NAME.pub, and prints the public key. Never overwrites a key. 0 on success,
// 1 when it cannot write, 2 on bad usage.
int runKeygen(int argc, char **argv);

} // namespace opsdeck::app
