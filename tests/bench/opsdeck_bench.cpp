// opsdeck-bench: figures against a baseline measured in the same run.
//   opsdeck-bench ingest [--seconds N] [--pipeline-only (for profiling: no baseline)]
//                        [--features a,b (profiling: only these; "none" for the bare pipeline)]
// floods a local opsfeed into the console as users run it (app::ConsoleAssembly: feed →
// core → store with every feature of the one list, real sockets, real SQLite file) and,
// on the same flood, the bare pipeline without features and a bare ZeroMQ receive loop.
#include "BenchAlerts.h"
#include "BenchConsole.h"
#include "app/assembly/ConsoleAssembly.h"
#include "app/features/ConsoleFeatures.h"
#include "StoreWriteRate.h"
#include "sim/Gateway.h"

#include <QCoreApplication>
#include <QTemporaryDir>
#include <QThread>

#include <zmq.hpp>

#include <chrono>
#include <cstdio>
#include <cstring>

#include <string>

using namespace opsdeck;
using Clock = std::chrono::steady_clock;

namespace {

sim::GatewayOptions floodOptions()
{
    sim::GatewayOptions g;
    g.seed = 42;
    g.riders = 2000;
    g.flood = true;
    g.feedBind = "tcp://127.0.0.1:*";
    g.snapshotBind = "tcp://127.0.0.1:*";
    g.controlBind = "tcp://127.0.0.1:*";
    return g;
}

// Baseline: everything the console does not do — just take messages off a SUB socket.
double rawReceiveRate(double seconds)
{
    sim::Gateway gw(floodOptions());
    gw.start();
    zmq::context_t ctx(1);
    zmq::socket_t sub(ctx, zmq::socket_type::sub);
    sub.set(zmq::sockopt::linger, 0);
    sub.set(zmq::sockopt::rcvhwm, 1000000);
    sub.set(zmq::sockopt::subscribe, "");
    sub.set(zmq::sockopt::rcvtimeo, 100);
    sub.connect(gw.feedEndpoint());
    QThread::msleep(300); // let the subscription reach the PUB
    std::int64_t events = 0;
    const auto start = Clock::now();
    const auto end = start + std::chrono::duration<double>(seconds);
    zmq::message_t topic, body;
    while (Clock::now() < end) {
        if (!sub.recv(topic))
            continue;
        if (topic.more())
            (void)sub.recv(body);
        if (topic.size() != 3 || std::memcmp(topic.data(), "$hb", 3) != 0)
            ++events;
    }
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    sub.close();
    gw.stop();
    return events / elapsed;
}

// `only`: the features assembled (empty: every one, as the console runs; {"none"}: the
// bare pipeline).
double pipelineRate(double seconds, std::int64_t *persisted, std::int64_t *gaps, const std::vector<std::string> &only)
{
    QTemporaryDir dir;
    sim::Gateway gw(floodOptions());
    gw.start();
    app::RuntimeOptions o;
    o.feed = gw.feedEndpoint();
    o.snapshot = gw.snapshotEndpoint();
    o.control = gw.controlEndpoint();
    o.dbPath = dir.filePath("bench.db");
    app::ConsoleAssembly::Options assemblyOptions;
    assemblyOptions.runtime = o;
    assemblyOptions.onlyFeatures = only;
    app::ConsoleAssembly console(assemblyOptions, nullptr);
    app::ConsoleRuntime &runtime = console.runtime();
    QString error;
    if (!console.start(&error)) {
        std::fprintf(stderr, "bench: %s\n", qPrintable(error));
        return 0;
    }
    QThread::msleep(300);
    const std::int64_t before = runtime.eventsPersisted();
    const std::int64_t receivedBefore = runtime.feedStats().received.load();
    const auto cpuBefore = bench::cpuSecondsByThread();
    const auto start = Clock::now();
    QThread::msleep(static_cast<unsigned long>(seconds * 1000));
    const std::int64_t after = runtime.eventsPersisted();
    const std::int64_t received = runtime.feedStats().received.load() - receivedBefore;
    const auto cpuAfter = bench::cpuSecondsByThread();
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    if (after > before) {
        // The store thread's cost is per persisted event, the others' per received one
        // (when the writer lags they differ).
        std::printf("  CPU us/event by thread (received %lld, persisted %lld):", static_cast<long long>(received),
                    static_cast<long long>(after - before));
        for (const auto &[name, used] : cpuAfter) {
            const double spent = used - (cpuBefore.count(name) ? cpuBefore.at(name) : 0.0);
            const double per = name.find("store") != std::string::npos ? after - before : std::max<std::int64_t>(1, received);
            if (spent * 1e6 / per >= 0.05)
                std::printf(" %s=%.2f", name.c_str(), spent * 1e6 / per);
        }
        std::printf("\n");
    }
    *gaps = runtime.feedStats().gaps.load();
    gw.stop();
    console.stop();
    *persisted = after - before;
    return *persisted / elapsed;
}

int ingest(double seconds, bool pipelineOnly, const std::vector<std::string> &only)
{
    std::printf("ingest: flood from opsfeed (seed 42, 2000 riders) for %.1f s per phase, 2-core machine\n", seconds);
    const double raw = pipelineOnly ? 0.0 : rawReceiveRate(seconds);
    std::printf("  raw ZeroMQ receive loop      %12.0f events/s\n", raw);
    std::int64_t barePersisted = 0, bareGaps = 0;
    const double bare = pipelineOnly ? 0.0 : pipelineRate(seconds, &barePersisted, &bareGaps, {"none"});
    std::printf("  bare pipeline, no features   %12.0f events/s (%lld events)\n", bare,
                static_cast<long long>(barePersisted));
    std::int64_t persisted = 0, gaps = 0;
    const double rate = pipelineRate(seconds, &persisted, &gaps, only);
    std::string names;
    for (const auto &n : only.empty() ? app::consoleFeatureNames() : only)
        names += (names.empty() ? "" : ",") + n;
    std::printf("  console (%s) %12.0f events/s (%lld events, %lld gaps resynced)\n", names.c_str(), rate,
                static_cast<long long>(persisted), static_cast<long long>(gaps));
    std::printf("RESULT ingest rate=%.0f bare=%.0f raw=%.0f ratio=%.2f\n", rate, bare, raw, raw > 0 ? rate / raw : 0.0);
    return 0;
}

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

int runBoardBench(int argc, char **argv); // BenchBoard.cpp
int runMapBench(int argc, char **argv);   // BenchMap.cpp
int runKpiBench(int argc, char **argv);   // BenchKpi.cpp
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
    if (argc >= 2 && std::strcmp(argv[1], "retention") == 0)
        return runRetentionBench(argc, argv);
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    double seconds = 5;
    const int at = args.indexOf(QStringLiteral("--seconds"));
    if (at > 0 && at + 1 < args.size())
        seconds = args.at(at + 1).toDouble();
    if (args.size() >= 2 && args.at(1) == QStringLiteral("alerts"))
        return bench::runAlertsBench(argc, argv);
    if (args.size() >= 2 && args.at(1) == QStringLiteral("ingest")) {
        std::vector<std::string> only;
        if (const int f = args.indexOf(QStringLiteral("--features")); f > 0 && f + 1 < args.size())
            for (const QString &name : args.at(f + 1).split(QLatin1Char(','), Qt::SkipEmptyParts))
                only.push_back(name.toStdString());
        return ingest(seconds > 0 ? seconds : 5, args.contains(QStringLiteral("--pipeline-only")), only);
    }
    if (args.size() >= 2 && args.at(1) == QStringLiteral("store"))
        return storeOnly(200000);
    std::fprintf(stderr, "usage: opsdeck-bench ingest [--seconds N] [--pipeline-only] [--features a,b|none] | store | board | map | alerts [--ticks N] | kpi [--seconds N] [--cache PATH]\n");
    return 2;
}
