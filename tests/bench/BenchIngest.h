#pragma once

// The product the ingest, city (and flood) benches measure, and what they share: the
// console exactly as `opsdeck --headless --role ops_manager` assembles it (the command
// line parsed by the console's own parser, app::headlessAssembly over it: every feature
// of the one list, no GUI), the flood every ingest phase takes, process figures.
#include "app/assembly/ConsoleAssembly.h"
#include "sim/Gateway.h"

#include <QString>
#include <QStringList>

#include <zmq.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace opsdeck::bench {

struct GatewayEndpoints {
    std::string feed;
    std::string snapshot;
    std::string control;
};

// `opsdeck --headless --role ops_manager --feed ... --db dbPath`'s assembly. `only`
// narrows the features for profiling (empty: every one, as the product runs; {"none"}:
// the bare pipeline). Logging as the product's defaults (warnings only).
app::ConsoleAssembly::Options productHeadless(const GatewayEndpoints &gateway, const QString &dbPath,
                                              const std::vector<std::string> &only = {});

// The flood of `opsdeck-bench ingest`: opsfeed's simulation (seed 42, 2000 riders)
// stepping as fast as it can, in this process, on ephemeral loopback ports.
sim::GatewayOptions ingestFloodOptions();

// Plain Qt build of the same ingest (BenchIngestNaive.cpp): QJsonDocument per envelope,
// prepared QSqlQuery inserts in 1000-event transactions into a SQLite file at dbPath, a
// QStandardItemModel row per order. The file in WAL with synchronous=NORMAL, as the
// product's; `sqliteDefaults`: as Qt opens it (rollback journal, synchronous=FULL).
struct NaiveRun {
    double rate = 0;           // events committed per second
    std::int64_t committed = 0;
    double cpuSeconds = 0;     // the naive loop's own thread
};
NaiveRun naiveIngest(const sim::GatewayOptions &flood, double seconds, const QString &dbPath, bool sqliteDefaults);

// A SUB socket on `feed` that takes everything, as the baselines read it: no console, a
// million-message queue (a baseline must not drop), 100 ms receive timeout.
zmq::socket_t rawSubscriber(zmq::context_t &context, const std::string &feed);

// CPU seconds this thread has used.
double threadCpuSeconds();

// Peak resident set of this process (VmHWM), MB.
double peakRssMb();
// Current resident set (VmRSS), MB.
double rssMb();
// "load average 1.23 0.98 0.77 on 2 cores": quoted with every figure.
std::string machineLoad();

// `--name value` from the command line, or `fallback`.
double argNumber(const QStringList &args, const QString &name, double fallback);

} // namespace opsdeck::bench
