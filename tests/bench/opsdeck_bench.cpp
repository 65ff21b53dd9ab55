// opsdeck-bench: figures against a baseline measured in the same run.
//   opsdeck-bench ingest [--seconds N]
// floods a local opsfeed into the console pipeline (feed → core → store, real sockets,
// real SQLite file) and, on the same flood, a bare ZeroMQ receive loop.
#include "app/ConsoleRuntime.h"
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

double pipelineRate(double seconds, std::int64_t *persisted, std::int64_t *gaps)
{
    QTemporaryDir dir;
    sim::Gateway gw(floodOptions());
    gw.start();
    app::RuntimeOptions o;
    o.feed = gw.feedEndpoint();
    o.snapshot = gw.snapshotEndpoint();
    o.control = gw.controlEndpoint();
    o.dbPath = dir.filePath("bench.db");
    app::ConsoleRuntime runtime(o, nullptr);
    QString error;
    if (!runtime.start(&error)) {
        std::fprintf(stderr, "bench: %s\n", qPrintable(error));
        return 0;
    }
    QThread::msleep(300);
    const std::int64_t before = runtime.eventsPersisted();
    const auto start = Clock::now();
    QThread::msleep(static_cast<unsigned long>(seconds * 1000));
    const std::int64_t after = runtime.eventsPersisted();
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    *gaps = runtime.feedStats().gaps.load();
    gw.stop();
    runtime.stop();
    *persisted = after - before;
    return *persisted / elapsed;
}

int ingest(double seconds)
{
    std::printf("ingest: flood from opsfeed (seed 42, 2000 riders) for %.1f s per phase, 2-core machine\n", seconds);
    const double raw = rawReceiveRate(seconds);
    std::printf("  raw ZeroMQ receive loop      %12.0f events/s\n", raw);
    std::int64_t persisted = 0, gaps = 0;
    const double rate = pipelineRate(seconds, &persisted, &gaps);
    std::printf("  console, persisted in SQLite %12.0f events/s (%lld events, %lld gaps resynced)\n", rate,
                static_cast<long long>(persisted), static_cast<long long>(gaps));
    std::printf("RESULT ingest rate=%.0f raw=%.0f ratio=%.2f\n", rate, raw, raw > 0 ? rate / raw : 0.0);
    return 0;
}

} // namespace

int runKpiBench(int argc, char **argv); // BenchKpi.cpp

int main(int argc, char **argv)
{
    if (argc >= 2 && std::strcmp(argv[1], "kpi") == 0) return runKpiBench(argc, argv); // needs a QApplication
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    double seconds = 5;
    const int at = args.indexOf(QStringLiteral("--seconds"));
    if (at > 0 && at + 1 < args.size())
        seconds = args.at(at + 1).toDouble();
    if (args.size() >= 2 && args.at(1) == QStringLiteral("ingest"))
        return ingest(seconds > 0 ? seconds : 5);
    std::fprintf(stderr, "usage: opsdeck-bench ingest [--seconds N] | kpi [--seconds N] [--cache PATH]\n");
    return 2;
}
