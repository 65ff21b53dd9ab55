// opsdeck-bench: figures against a baseline measured in the same run (docs/bench.md).
//   ingest [--seconds N] [--pipeline-only] [--features a,b|none] [--naive-sqlite-defaults]  BenchIngest.cpp
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

} // namespace

int runIngestBench(double seconds, const QStringList &args); // BenchIngest.cpp
int runCityBench(const QStringList &args);                   // BenchCity.cpp
int runBoardBench(int argc, char **argv); // BenchBoard.cpp
int runMapBench(int argc, char **argv);   // BenchMap.cpp
int runKpiBench(int argc, char **argv);   // BenchKpi.cpp
int runFloodBench(double seconds);        // BenchFlood.cpp
int runWindowBench(int argc, char **argv); // BenchWindow.cpp
int runTrackBench(int argc, char **argv); // BenchTrack.cpp: `opsdeck-bench track [--riders N] [--seconds S]`
int runRetentionBench(int argc, char **argv); // BenchRetention.cpp

int main(int argc, char **argv)
{
    // These need a QApplication, not the QCoreApplication below.
    if (argc >= 2 && std::strcmp(argv[1], "board") == 0)
        return runBoardBench(argc, argv);
    if (argc >= 2 && std::strcmp(argv[1], "map") == 0)
        return runMapBench(argc, argv);
    if (argc >= 2 && std::strcmp(argv[1], "kpi") == 0)
        return runKpiBench(argc, argv);
    if (argc >= 2 && std::strcmp(argv[1], "console") == 0)
        return runWindowBench(argc, argv);
    if (argc >= 2 && std::strcmp(argv[1], "track") == 0)
        return runTrackBench(argc, argv);
    if (argc >= 2 && std::strcmp(argv[1], "retention") == 0)
        return runRetentionBench(argc, argv);
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    double seconds = 5;
    const int at = args.indexOf(QStringLiteral("--seconds"));
    if (at > 0 && at + 1 < args.size())
        seconds = args.at(at + 1).toDouble();
    if (args.size() >= 2 && args.at(1) == QStringLiteral("flood"))
        return runFloodBench(at > 0 ? seconds : 60);
    if (args.size() >= 2 && args.at(1) == QStringLiteral("alerts"))
        return bench::runAlertsBench(argc, argv);
    if (args.size() >= 2 && args.at(1) == QStringLiteral("ingest"))
        return runIngestBench(seconds > 0 ? seconds : 5, args);
    if (args.size() >= 2 && args.at(1) == QStringLiteral("city"))
        return runCityBench(args);
    if (args.size() >= 2 && args.at(1) == QStringLiteral("store"))
        return storeOnly(200000);
    std::fprintf(stderr, "usage: opsdeck-bench ingest [--seconds N] [--pipeline-only] [--features a,b|none] | store | board | map | alerts [--ticks N] | kpi [--seconds N] [--cache PATH] | console [--seconds N] [--riders N] [--raise DOCK] | flood [--seconds N] | city [--riders N] [--seconds S] [--raw] | track [--riders N] [--seconds S] | retention\n");
    return 2;
}
