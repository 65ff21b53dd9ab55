#pragma once

#include "Relay.h"

#include <QStringList>

#include <csignal>

namespace opsdeck::relay {

// `opsfeed relay …`: arguments are the program name followed by the relay's options (the
// word "relay" taken out). Runs until one of stopSignals (blocked by the caller) or the
// duration; returns the process exit code (2 on bad usage).
int runRelayCli(const QStringList &arguments, const sigset_t &stopSignals);

// One --upstream value: "feed,snapshot,control" endpoints, or one tcp endpoint whose port
// P stands for P, P+1, P+2 (opsfeed's defaults). False when it is neither.
bool parseUpstream(const QString &value, Upstream &out);

} // namespace opsdeck::relay
