// opsdeck-bench: figures against a baseline measured in the same run (docs/bench.md).
//   ingest [--seconds N] [--pipeline-only] [--features a,b|none] [--naive-sqlite-defaults]   BenchIngest.cpp
//   city [--riders N] [--seconds S] [--orders-per-min R] [--warmup W] [--dir PATH] [--raw]   BenchCity.cpp
//   store | board | map | alerts [--ticks N] | kpi [--seconds N] [--cache PATH]
#include "BenchAlerts.h"
#include "StoreWriteRate.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <cstdio>
#include <cstring>

using namespace opsdeck;

namespace {

// The store alone: EventStore::write on a real file with the mix of StoreWriteRate.h.
int storeOnly(int events)
{
    QTemporaryDir dir;
    const bench::StoreWriteRate r = bench::measureStoreWriteRate(dir.path(), events);
    std::printf("store: %d events in batches of 1000 (70%% positions, 25%% order events, 5%% sealed order.created)\n",
                events);
    std::printf("  component figure: EventStore::write alone on this thread, no console\n");
    std::printf("RESULT store rate=%.0f cpu_rate=%.0f us_per_event=%.2f\n", r.perWallSecond, r.perCpuSecond,
                r.perCpuSecond > 0 ? 1e6 / r.perCpuSecond : 0.0);
    return 0;
}

bool is(int argc, char **argv, const char *mode)
{
    return argc >= 2 && std::strcmp(argv[1], mode) == 0;
}

} // namespace

int runBoardBench(int argc, char **argv);  // BenchBoard.cpp
int runMapBench(int argc, char **argv);    // BenchMap.cpp
int runKpiBench(int argc, char **argv);    // BenchKpi.cpp
int runIngestBench(int argc, char **argv); // BenchIngest.cpp
int runCityBench(int argc, char **argv);   // BenchCity.cpp

int main(int argc, char **argv)
{
    // These need a QApplication, not the QCoreApplication below.
    if (is(argc, argv, "board"))
        return runBoardBench(argc, argv);
    if (is(argc, argv, "map"))
        return runMapBench(argc, argv);
    if (is(argc, argv, "kpi"))
        return runKpiBench(argc, argv);

    QCoreApplication app(argc, argv);
    if (is(argc, argv, "ingest"))
        return runIngestBench(argc, argv);
    if (is(argc, argv, "city"))
        return runCityBench(argc, argv);
    if (is(argc, argv, "alerts"))
        return bench::runAlertsBench(argc, argv);
    if (is(argc, argv, "store"))
        return storeOnly(200000);
    std::fprintf(stderr, "usage: opsdeck-bench ingest [--seconds N] [--pipeline-only] [--features a,b|none] "
                         "[--naive-sqlite-defaults]\n"
                         "     | city [--riders N] [--seconds S] [--orders-per-min R] [--warmup W] [--dir PATH] [--raw]\n"
                         "     | store | board | map | alerts [--ticks N] | kpi [--seconds N] [--cache PATH]\n");
    return 2;
}
