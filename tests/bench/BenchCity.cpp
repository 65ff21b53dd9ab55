// opsdeck-bench city [--riders N] [--seconds S] [--orders-per-min R] [--warmup W] [--dir PATH] [--raw]
// A city in real time: opsfeed as its own process (build/ci/bin/opsfeed next to this
// one, so its CPU is not the console's) with N riders reporting every second, R orders a
// minute and a storm (20x campus orders, fraud bursts) over the middle third of the
// measured S seconds, into the product exactly as `opsdeck --headless --role
// ops_manager` assembles it, writing a real SQLite file. After W seconds of warm-up
// (join, the first second's announcement of every rider) it measures S seconds:
//   gaps          holes in the feed the console had to resync (since start)
//   lag_p99_ms    first event of a batch off the SUB socket -> its transaction committed
//   console_cores CPU seconds of this process's threads / wall seconds
//   rss_mb        peak resident set (VmHWM)
//   bytes_per_fix growth of the rider-position tables (+ the fixes' share of the event
//                 log while fixes are also logged there) / fixes ingested
//   bytes_per_event  growth of the whole database (pages) / events ingested
// --raw: a bare SUB loop instead of the console (what opsfeed and the transport carry).
#include "BenchCityProbes.h"
#include "BenchConsole.h"
#include "BenchIngest.h"
#include "store/db/StoreWorker.h"

#include <QCoreApplication>
#include <QDir>
#include <QTemporaryDir>

#include <zmq.hpp>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string_view>

using namespace opsdeck;
using Clock = std::chrono::steady_clock;

namespace {

struct CityOptions {
    int riders = 20000;
    double seconds = 60;
    double ordersPerMin = 600;
    double warmup = 10;
    bool raw = false; // a bare SUB loop instead of the console
};

struct Sample {
    Clock::time_point at;
    std::map<std::string, double> cpu;
    double opsfeedCpu = 0;
    std::int64_t received = 0;
    std::int64_t persisted = 0;
    std::int64_t gaps = 0;
    std::int64_t events = 0;
    std::int64_t fixes = 0;
    std::int64_t bytes = 0;
    std::int64_t fixBytes = 0;
};

Sample sample(const app::ConsoleRuntime &runtime, const bench::IngestCounter &counter, qint64 opsfeedPid)
{
    Sample s;
    s.at = Clock::now();
    s.cpu = bench::cpuSecondsByThread();
    s.opsfeedCpu = bench::processCpuSeconds(opsfeedPid);
    s.received = runtime.feedStats().received.load();
    s.persisted = runtime.eventsPersisted();
    s.gaps = runtime.feedStats().gaps.load();
    s.events = counter.events.load();
    s.fixes = counter.fixes.load();
    s.bytes = counter.bytes.load();
    s.fixBytes = counter.fixBytes.load();
    return s;
}

double totalCpu(const std::map<std::string, double> &cpu)
{
    double sum = 0;
    for (const auto &entry : cpu)
        sum += entry.second;
    return sum;
}

double secondsBetween(const Sample &a, const Sample &b)
{
    return std::chrono::duration<double>(b.at - a.at).count();
}

QStringList opsfeedArguments(const CityOptions &o, const std::vector<std::string> &endpoints)
{
    // The storm over the middle third of the measured window (opsfeed's time starts with
    // the process; the window after the warm-up).
    const double stormAt = o.warmup + o.seconds / 3;
    return {QStringLiteral("--seed"),       QStringLiteral("42"),
            QStringLiteral("--riders"),     QString::number(o.riders),
            QStringLiteral("--orders-per-min"), QString::number(o.ordersPerMin),
            QStringLiteral("--scenario"),   QStringLiteral("storm"),
            QStringLiteral("--storm-at"),   QString::number(stormAt),
            QStringLiteral("--storm-for"),  QString::number(o.seconds / 3),
            QStringLiteral("--time-scale"), QStringLiteral("1"),
            QStringLiteral("--cold"), // the storm's time counts from the start of the run
            QStringLiteral("--feed"),       QString::fromStdString(endpoints[0]),
            QStringLiteral("--snapshot"),   QString::fromStdString(endpoints[1]),
            QStringLiteral("--control"),    QString::fromStdString(endpoints[2])};
}

// Runs the GUI thread's loop until `at`, printing the rates every 10 s.
void runUntil(Clock::time_point at, const app::ConsoleRuntime &runtime, const bench::IngestCounter &counter,
              qint64 opsfeedPid)
{
    Sample last = sample(runtime, counter, opsfeedPid);
    while (Clock::now() < at) {
        const auto next = std::min(at, Clock::now() + std::chrono::seconds(10));
        bench::waitFor([next] { return Clock::now() >= next; }, std::chrono::seconds(11));
        const Sample now = sample(runtime, counter, opsfeedPid);
        const double dt = std::max(1e-3, secondsBetween(last, now));
        const store::StoreWorker::Counters store = runtime.storeWorker() ? runtime.storeWorker()->counters()
                                                                         : store::StoreWorker::Counters{};
        std::printf("  %5.0f events/s in, %5.0f fixes/s, %5.0f persisted/s, store queue %lld events, console %.2f "
                    "cores, opsfeed %.2f cores, rss %.0f MB\n",
                    static_cast<double>(now.events - last.events) / dt, static_cast<double>(now.fixes - last.fixes) / dt,
                    static_cast<double>(now.persisted - last.persisted) / dt, static_cast<long long>(store.queuedEvents),
                    (totalCpu(now.cpu) - totalCpu(last.cpu)) / dt, (now.opsfeedCpu - last.opsfeedCpu) / dt,
                    bench::rssMb());
        std::printf("    %s\n", bench::heapSummary().c_str());
        std::fflush(stdout);
        last = now;
    }
}

struct CityFigures {
    double consoleCores = 0;
    double opsfeedCores = 0;
    double usPerEvent = 0; // the console's CPU per event ingested in the window
    double bytesPerFix = 0;
    double bytesPerEvent = 0;
};

CityFigures figures(const Sample &t0, const Sample &t1, const Sample &end, const bench::DbSizes &before,
                    const bench::DbSizes &after)
{
    CityFigures f;
    const double wall = std::max(1e-3, secondsBetween(t0, t1));
    f.consoleCores = (totalCpu(t1.cpu) - totalCpu(t0.cpu)) / wall;
    f.opsfeedCores = (t1.opsfeedCpu - t0.opsfeedCpu) / wall;
    f.usPerEvent = (totalCpu(t1.cpu) - totalCpu(t0.cpu)) * 1e6
        / static_cast<double>(std::max<std::int64_t>(1, t1.events - t0.events));
    const auto events = static_cast<double>(std::max<std::int64_t>(1, end.events - t0.events));
    const auto fixes = static_cast<double>(std::max<std::int64_t>(1, end.fixes - t0.fixes));
    // While fixes are logged as events too, their share of the log's growth (by
    // envelope bytes) is theirs.
    const double fixShare = end.bytes > t0.bytes ? static_cast<double>(end.fixBytes - t0.fixBytes)
            / static_cast<double>(end.bytes - t0.bytes)
                                                 : 0.0;
    const auto logGrowth = static_cast<double>(after.events - before.events);
    f.bytesPerFix = (static_cast<double>(after.track - before.track) + logGrowth * fixShare) / fixes;
    f.bytesPerEvent = static_cast<double>(after.total - before.total) / events;
    std::printf("  database: +%.1f MB pages (+%.1f MB on disk), event log +%.1f MB (fixes' share %.0f%%), "
                "rider positions outside the log +%.1f MB; %lld events, %lld fixes\n",
                static_cast<double>(after.total - before.total) / 1e6,
                static_cast<double>(after.fileBytes - before.fileBytes) / 1e6, logGrowth / 1e6, fixShare * 100,
                static_cast<double>(after.track - before.track) / 1e6, static_cast<long long>(end.events - t0.events),
                static_cast<long long>(end.fixes - t0.fixes));
    return f;
}

CityOptions parseCity(const QStringList &args)
{
    CityOptions o;
    o.riders = static_cast<int>(bench::argNumber(args, QStringLiteral("--riders"), o.riders));
    o.seconds = std::max(3.0, bench::argNumber(args, QStringLiteral("--seconds"), o.seconds));
    o.ordersPerMin = bench::argNumber(args, QStringLiteral("--orders-per-min"), o.ordersPerMin);
    o.warmup = std::max(1.0, bench::argNumber(args, QStringLiteral("--warmup"), o.warmup));
    o.raw = args.contains(QStringLiteral("--raw"));
    return o;
}

// --raw: a bare SUB loop in the console's place. Can opsfeed (and the transport) carry
// the city in real time on its own? Counts holes in each depot's seq.
int rawCity(const CityOptions &o, const std::string &feed, const bench::OpsfeedProcess &opsfeed,
            Clock::time_point opsfeedStarted)
{
    zmq::context_t ctx(1);
    zmq::socket_t sub = bench::rawSubscriber(ctx, feed);
    const auto window = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.warmup));
    const auto windowStart = opsfeedStarted + window;
    const auto end = windowStart + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.seconds));
    std::map<std::string, std::int64_t, std::less<>> lastSeq;
    std::int64_t events = 0, holes = 0, events0 = -1;
    double cpu0 = 0;
    zmq::message_t topic, body;
    while (Clock::now() < end) {
        if (events0 < 0 && Clock::now() >= windowStart) {
            events0 = events;
            cpu0 = bench::processCpuSeconds(opsfeed.pid());
        }
        if (!sub.recv(topic) || !topic.more() || !sub.recv(body))
            continue;
        const std::string_view t(topic.data<char>(), topic.size());
        const std::string_view b(body.data<char>(), body.size());
        const auto at = b.find("\"seq\":");
        if (t == "$hb" || at == std::string_view::npos)
            continue;
        ++events;
        std::int64_t seq = 0;
        std::from_chars(b.data() + at + 6, b.data() + b.size(), seq);
        auto it = lastSeq.try_emplace(std::string(t.substr(0, t.find('/'))), 0).first;
        holes += it->second != 0 && seq != it->second + 1 ? 1 : 0;
        it->second = seq;
    }
    const double cores = (bench::processCpuSeconds(opsfeed.pid()) - cpu0) / o.seconds;
    std::printf("  raw SUB loop: %.0f events/s, opsfeed %.2f cores, fell behind %d times, %lld holes in the seqs; %s\n",
                static_cast<double>(events - std::max<std::int64_t>(0, events0)) / o.seconds, cores,
                opsfeed.fellBehindCount(), static_cast<long long>(holes), bench::machineLoad().c_str());
    std::printf("RESULT city_raw riders=%d seconds=%.0f events_per_s=%.0f opsfeed_cores=%.2f holes=%lld\n", o.riders,
                o.seconds, static_cast<double>(events - std::max<std::int64_t>(0, events0)) / o.seconds, cores,
                static_cast<long long>(holes));
    return 0;
}

} // namespace

int runCityBench(const QStringList &args)
{
    const CityOptions o = parseCity(args);
    QTemporaryDir temp;
    const qsizetype dirAt = args.indexOf(QStringLiteral("--dir"));
    const QString dir = dirAt > 0 && dirAt + 1 < args.size() ? args.at(dirAt + 1) : temp.path();
    QDir().mkpath(dir);
    const QString dbPath = QDir(dir).filePath(QStringLiteral("city.db"));
    std::printf("city: opsfeed process, %d riders at 1 Hz, %.0f orders/min, storm from %.0f s to %.0f s of %.0f s "
                "measured after %.0f s warm-up, real time; db %s; %s\n",
                o.riders, o.ordersPerMin, o.seconds / 3, 2 * o.seconds / 3, o.seconds, o.warmup, qPrintable(dbPath),
                bench::machineLoad().c_str());
    const auto endpoints = bench::freeLoopbackEndpoints(3);
    bench::OpsfeedProcess opsfeed;
    QString error;
    if (!opsfeed.start(opsfeedArguments(o, endpoints), QDir(dir).filePath(QStringLiteral("opsfeed.log")), &error)) {
        std::fprintf(stderr, "bench: %s\n", qPrintable(error));
        return 1;
    }
    const auto opsfeedStarted = Clock::now();
    if (o.raw)
        return rawCity(o, endpoints[0], opsfeed, opsfeedStarted);
    bench::LagRecorder lag;
    bench::IngestCounter counter;
    app::ConsoleAssembly::Options options = bench::productHeadless({endpoints[0], endpoints[1], endpoints[2]}, dbPath);
    options.runtime.storeCommitted = [&lag](std::int64_t firstNs, std::size_t events) { lag.record(firstNs, events); };
    app::ConsoleAssembly console(std::move(options), nullptr);
    app::ConsoleRuntime &runtime = console.runtime();
    runtime.addAssembleHook([&counter](core::ConsoleCore &core, store::StoreWorker &) { core.addObserver(&counter); });
    if (!console.start(&error)) {
        std::fprintf(stderr, "bench: %s\n", qPrintable(error));
        return 1;
    }
    if (!bench::waitForJoin(runtime, std::chrono::seconds(60)))
        std::fprintf(stderr, "bench: the console did not join the feed within 60 s\n");
    std::printf("  joined after %.1f s, rss %.0f MB; %s\n",
                std::chrono::duration<double>(Clock::now() - opsfeedStarted).count(), bench::rssMb(),
                bench::heapSummary().c_str());
    const auto windowStart = opsfeedStarted + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.warmup));
    bench::waitFor([windowStart] { return Clock::now() >= windowStart; }, std::chrono::seconds(3600));

    // Sizes first, counters after: events logged in between count against the bytes.
    const bench::DbSizes before = bench::measureDb(dbPath);
    lag.startAt(bench::steadyNowNs());
    const Sample t0 = sample(runtime, counter, opsfeed.pid());
    runUntil(t0.at + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.seconds)), runtime,
             counter, opsfeed.pid());
    const Sample t1 = sample(runtime, counter, opsfeed.pid());
    bench::printThreadCpu(t0.cpu, t1.cpu, secondsBetween(t0, t1));
    console.stop(); // writes everything received
    const Sample end = sample(runtime, counter, opsfeed.pid());
    opsfeed.stop();
    std::printf("  console stopped in %.1f s (flush)\n", secondsBetween(t1, end));
    const bench::DbSizes after = bench::measureDb(dbPath);
    if (!before.ok || !after.ok)
        std::fprintf(stderr, "bench: dbstat could not be read: sizes are page counts only\n");
    const CityFigures f = figures(t0, t1, end, before, after);
    // On a shared machine console_cores is capped by the share of the cores it got; the
    // CPU per event is not: what a city of N riders (N fixes/s and the orders) needs.
    std::printf("  console CPU %.2f us per event ingested (%.0f events/s in the window): 1 core = %.0f events/s\n",
                f.usPerEvent, static_cast<double>(t1.events - t0.events) / std::max(1e-3, secondsBetween(t0, t1)),
                f.usPerEvent > 0 ? 1e6 / f.usPerEvent : 0.0);
    std::printf("  opsfeed %.2f cores, fell behind %d times; lag p50 %.0f ms p99 %.0f ms max %.0f ms over %lld "
                "events; %s\n",
                f.opsfeedCores, opsfeed.fellBehindCount(), lag.percentileMs(50), lag.percentileMs(99),
                lag.percentileMs(100), static_cast<long long>(lag.events()), bench::machineLoad().c_str());
    std::printf("RESULT city riders=%d seconds=%.0f gaps=%lld lag_p99_ms=%.0f console_cores=%.2f rss_mb=%.0f "
                "bytes_per_fix=%.1f bytes_per_event=%.1f\n",
                o.riders, o.seconds, static_cast<long long>(end.gaps), lag.percentileMs(99), f.consoleCores,
                bench::peakRssMb(), f.bytesPerFix, f.bytesPerEvent);
    return 0;
}
