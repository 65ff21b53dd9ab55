// opsdeck-bench ingest [--seconds N] [--pipeline-only] [--features a,b|none] [--naive-sqlite-defaults]
// Floods opsfeed's simulation into three consumers, one after the other, each for N
// seconds: a bare ZeroMQ receive loop (raw), a plain Qt build of the same ingest (naive,
// BenchIngestNaive.cpp) and the product: the console exactly as `opsdeck --headless
// --role ops_manager` assembles it (every feature, real sockets, real SQLite file).
// rate = events the product committed to its store per second.
#include "BenchConsole.h"
#include "BenchIngest.h"
#include "app/cli/HeadlessRunner.h"
#include "app/features/ConsoleFeatures.h"
#include "app/runtime/LoggingRules.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>

#include <zmq.hpp>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <thread>

using namespace opsdeck;
using Clock = std::chrono::steady_clock;

namespace opsdeck::bench {

app::ConsoleAssembly::Options productHeadless(const GatewayEndpoints &gateway, const QString &dbPath,
                                              const std::vector<std::string> &only)
{
    const QStringList line = {QStringLiteral("opsdeck"),          QStringLiteral("--headless"),
                              QStringLiteral("--role"),           QStringLiteral("ops_manager"),
                              QStringLiteral("--user"),           QStringLiteral("bench"),
                              QStringLiteral("--feed"),           QString::fromStdString(gateway.feed),
                              QStringLiteral("--snapshot"),       QString::fromStdString(gateway.snapshot),
                              QStringLiteral("--control"),        QString::fromStdString(gateway.control),
                              QStringLiteral("--db"),             dbPath,
                              QStringLiteral("--settings"),       dbPath + QStringLiteral(".ini")};
    QString error;
    const auto options = app::parseConsoleOptions(line, &error, nullptr);
    if (!options)
        qFatal("bench: the console's command line was refused: %s", qPrintable(error));
    app::installLoggingRules(QSettings(options->settingsPath, QSettings::IniFormat));
    app::ConsoleAssembly::Options o = app::headlessAssembly(*options);
    o.onlyFeatures = only;
    return o;
}

zmq::socket_t rawSubscriber(zmq::context_t &context, const std::string &feed)
{
    zmq::socket_t sub(context, zmq::socket_type::sub);
    sub.set(zmq::sockopt::linger, 0);
    sub.set(zmq::sockopt::rcvhwm, 1000000);
    sub.set(zmq::sockopt::subscribe, "");
    sub.set(zmq::sockopt::rcvtimeo, 100);
    sub.connect(feed);
    return sub;
}

sim::GatewayOptions ingestFloodOptions()
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

namespace {

double statusMb(const char *key)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(key))
            return line.mid(static_cast<qsizetype>(std::strlen(key))).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return 0;
}

} // namespace

double peakRssMb()
{
    return statusMb("VmHWM:");
}

double rssMb()
{
    return statusMb("VmRSS:");
}

std::string machineLoad()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    const QList<QByteArray> parts = f.open(QIODevice::ReadOnly) ? f.readAll().split(' ') : QList<QByteArray>{};
    char line[128];
    std::snprintf(line, sizeof line, "load average %s %s %s on %u cores", parts.value(0).constData(),
                  parts.value(1).constData(), parts.value(2).constData(), std::thread::hardware_concurrency());
    return line;
}

double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double argNumber(const QStringList &args, const QString &name, double fallback)
{
    const qsizetype at = args.indexOf(name);
    bool ok = false;
    const double value = at > 0 && at + 1 < args.size() ? args.at(at + 1).toDouble(&ok) : 0.0;
    return ok ? value : fallback;
}

} // namespace opsdeck::bench

namespace {

// Baseline: everything the console does not do — just take messages off a SUB socket.
double rawReceiveRate(double seconds)
{
    sim::Gateway gw(bench::ingestFloodOptions());
    gw.start();
    zmq::context_t ctx(1);
    zmq::socket_t sub = bench::rawSubscriber(ctx, gw.feedEndpoint());
    std::this_thread::sleep_for(std::chrono::milliseconds(300)); // let the subscription reach the PUB
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
    return static_cast<double>(events) / elapsed;
}

// The store thread's cost is per persisted event, the others' per received one (when
// the writer lags they differ). Returns the sum over every thread but the in-process
// gateway's (its ZeroMQ I/O thread shares the console's name: counted): the console's
// CPU per event end to end, in us.
double printCpuPerEvent(const std::map<std::string, double> &before, const std::map<std::string, double> &after,
                        std::int64_t received, std::int64_t persisted)
{
    double console = 0;
    std::printf("  CPU us/event by thread (received %lld, persisted %lld):", static_cast<long long>(received),
                static_cast<long long>(persisted));
    for (const auto &[name, used] : after) {
        const double spent = used - (before.count(name) ? before.at(name) : 0.0);
        const auto per = static_cast<double>(std::max<std::int64_t>(
            1, name.find("store") != std::string::npos ? persisted : received));
        if (name != "opsfeed-gw")
            console += spent * 1e6 / per;
        if (spent * 1e6 / per >= 0.05)
            std::printf(" %s=%.2f", name.c_str(), spent * 1e6 / per);
    }
    std::printf("\n");
    return console;
}

struct ProductRun {
    double rate = 0;
    std::int64_t persisted = 0;
    std::int64_t gaps = 0;
    double usPerEvent = 0; // the console's threads, end to end
};

// The product on the flood: events committed to its store per second once it joined.
ProductRun productRate(double seconds, const std::vector<std::string> &only)
{
    QTemporaryDir dir;
    sim::Gateway gw(bench::ingestFloodOptions());
    gw.start();
    const bench::GatewayEndpoints endpoints{gw.feedEndpoint(), gw.snapshotEndpoint(), gw.controlEndpoint()};
    app::ConsoleAssembly console(bench::productHeadless(endpoints, dir.filePath(QStringLiteral("bench.db")), only),
                                 nullptr);
    app::ConsoleRuntime &runtime = console.runtime();
    QString error;
    if (!console.start(&error)) {
        std::fprintf(stderr, "bench: %s\n", qPrintable(error));
        return {};
    }
    if (!bench::waitForJoin(runtime, std::chrono::seconds(30)))
        std::fprintf(stderr, "bench: the console did not join the feed within 30 s\n");
    const std::int64_t before = runtime.eventsPersisted();
    const std::int64_t receivedBefore = runtime.feedStats().received.load();
    const auto cpuBefore = bench::cpuSecondsByThread();
    const auto start = Clock::now();
    const auto end = start + std::chrono::duration<double>(seconds);
    bench::waitFor([&] { return Clock::now() >= end; }, std::chrono::milliseconds(static_cast<int>(seconds * 1000) + 1000));
    ProductRun run;
    run.persisted = runtime.eventsPersisted() - before;
    const std::int64_t received = runtime.feedStats().received.load() - receivedBefore;
    const auto cpuAfter = bench::cpuSecondsByThread();
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    run.usPerEvent = printCpuPerEvent(cpuBefore, cpuAfter, received, run.persisted);
    run.gaps = runtime.feedStats().gaps.load();
    gw.stop();
    console.stop();
    run.rate = static_cast<double>(run.persisted) / elapsed;
    return run;
}

} // namespace

int runIngestBench(double seconds, const QStringList &args)
{
    const bool productOnly = args.contains(QStringLiteral("--pipeline-only"));
    std::vector<std::string> only;
    if (const qsizetype f = args.indexOf(QStringLiteral("--features")); f > 0 && f + 1 < args.size())
        for (const QString &name : args.at(f + 1).split(QLatin1Char(','), Qt::SkipEmptyParts))
            only.push_back(name.toStdString());
    std::printf("ingest: opsfeed flood (seed 42, 2000 riders, in-process) for %.1f s per phase; %s\n", seconds,
                bench::machineLoad().c_str());
    const double raw = productOnly ? 0.0 : rawReceiveRate(seconds);
    std::printf("  raw ZeroMQ receive loop        %10.0f events/s\n", raw);
    double naive = 0;
    double naiveUs = 0;
    if (!productOnly) {
        QTemporaryDir dir;
        const bool defaults = args.contains(QStringLiteral("--naive-sqlite-defaults"));
        const bench::NaiveRun run =
            bench::naiveIngest(bench::ingestFloodOptions(), seconds, dir.filePath(QStringLiteral("naive.db")), defaults);
        naive = run.rate;
        naiveUs = run.committed > 0 ? run.cpuSeconds * 1e6 / static_cast<double>(run.committed) : 0.0;
        std::printf("  naive plain Qt ingest          %10.0f events/s (%lld committed, %.2f us CPU each%s)\n", naive,
                    static_cast<long long>(run.committed), naiveUs,
                    defaults ? "; SQLite as Qt opens it" : "; WAL, synchronous=NORMAL as the product");
    }
    const ProductRun product = productRate(seconds, only);
    std::string names;
    for (const auto &n : only.empty() ? app::consoleFeatureNames() : only)
        names += (names.empty() ? "" : ",") + n;
    std::printf("  product, ops_manager headless  %10.0f events/s (%lld persisted, %lld gaps resynced; features %s)\n",
                product.rate, static_cast<long long>(product.persisted), static_cast<long long>(product.gaps),
                names.c_str());
    const double productUs = product.usPerEvent;
    // On a shared machine the rates follow the share of the cores each phase got; CPU
    // per committed event does not (but hides what parallel threads gain).
    std::printf("  CPU per event: product %.2f us (its threads, store per committed, others per received event), "
                "naive %.2f us: naive/product %.2f\n",
                productUs, naiveUs, productUs > 0 ? naiveUs / productUs : 0.0);
    std::printf("  peak RSS %.0f MB; %s\n", bench::peakRssMb(), bench::machineLoad().c_str());
    std::printf("RESULT ingest rate=%.0f raw=%.0f naive=%.0f ratio=%.2f naive_ratio=%.2f\n", product.rate, raw, naive,
                raw > 0 ? product.rate / raw : 0.0, naive > 0 ? product.rate / naive : 0.0);
    return 0;
}
