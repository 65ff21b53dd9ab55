// opsdeck-bench retention [--seconds S (at most, default 60)] [--old N (default 300000)] [--alone]
// The event-log purge (store::EventRetention) under load, in the whole product: the opsfeed
// flood into app::ConsoleAssembly with every feature, on a database that already holds N
// events older than the retention. Phase A: the retention keeps everything (no purge).
// Phase B: after a warm-up the retention becomes 30 days (as the settings dialog sets it)
// and a pass purges the N old events while the flood goes on. Figures:
// the persisted rate of both phases (B measured only while the pass runs), their ratio,
// and the longest single purge step (a step holds the writer; the flood waits that long).
#include "StoreWriteRate.h"
#include "app/assembly/ConsoleAssembly.h"
#include "app/features/retention/RetentionFeature.h"
#include "sim/Gateway.h"
#include "store/board/OrderEventIndex.h"
#include "store/log/EventRetention.h"
#include "store/db/Sqlite.h"
#include "store/log/EventStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QThread>

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

using namespace opsdeck;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;

std::int64_t wallMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

struct Phase {
    double rate = 0;            // persisted events/s in the measured window
    double windowSeconds = 0;
    std::int64_t purged = 0;
    double longestStepMs = 0;
    std::int64_t steps = 0;
    double medianStepMs = 0;
    double p90StepMs = 0;
};

// N order events (the store bench's envelopes, 5% sealed order.created), 40 days old (the
// default retention is 30), with the board's timeline index built as the console builds it
// at its first start: the phases then measure the purge, not a first start's indexing.
// Rider fixes are not in the log any more (the track store), so none here.
void seedOldLog(const QString &path, std::int64_t events)
{
    store::EventStore log;
    log.open(path);
    std::int64_t seq = 0, orders = 0;
    const std::int64_t old = wallMs() - 40 * kDayMs;
    while (seq < events) {
        core::StoreBatch b = bench::storeBenchBatch(seq, orders, 5000);
        for (auto &e : b.events) {
            e.tsMs = old + e.seq;
            if (e.orderId.empty()) {
                e.kind = core::EventKind::OrderPaid;
                e.riderId.clear();
                e.orderId = "o-old-" + std::to_string(e.seq / 20);
            }
        }
        log.write(b);
    }
    store::OrderEventIndex index(log);
}

// The longest step and the purge rate with nothing else on the machine's store.
Phase purgeAlone(const QString &path)
{
    store::EventStore log;
    log.open(path);
    store::EventRetention retention;
    retention.beginPass(wallMs() - retention.retentionMs());
    const auto started = Clock::now();
    std::vector<double> stepMs;
    for (bool done = false; !done;) {
        const auto t = Clock::now();
        done = retention.step(log);
        stepMs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t).count());
    }
    if (qEnvironmentVariableIsSet("OPSDECK_BENCH_STEPS"))
        for (std::size_t i = 0; i < stepMs.size(); ++i)
            if (stepMs[i] > 50)
                std::printf("    step %zu took %.1f ms\n", i, stepMs[i]);
    std::sort(stepMs.begin(), stepMs.end());
    Phase p;
    p.medianStepMs = stepMs[stepMs.size() / 2];
    p.p90StepMs = stepMs[stepMs.size() * 9 / 10];
    p.windowSeconds = std::chrono::duration<double>(Clock::now() - started).count();
    const auto progress = retention.progress();
    p.purged = progress.removedTotal;
    p.steps = progress.steps;
    p.longestStepMs = progress.longestStepUs / 1000.0;
    p.rate = p.windowSeconds > 0 ? p.purged / p.windowSeconds : 0;
    return p;
}

void copyDatabase(const QString &from, const QString &to)
{
    for (const char *suffix : {"", ".key", "-wal", "-shm"})
        if (QFile::exists(from + QLatin1String(suffix)))
            QFile::copy(from + QLatin1String(suffix), to + QLatin1String(suffix));
}


// The flood into the assembled console on `dbPath`, keeping 365 days (nothing to purge).
// With `untilPurged`, after a warm-up the retention becomes 30 days and a pass starts; the
// window is that pass. Otherwise the window is `seconds` after the same warm-up.
Phase runPhase(const QString &dbPath, double seconds, bool untilPurged)
{
    sim::GatewayOptions g;
    g.seed = 42;
    g.riders = 2000;
    g.flood = true;
    g.feedBind = g.snapshotBind = g.controlBind = "tcp://127.0.0.1:*";
    sim::Gateway gw(g);
    gw.start();
    app::ConsoleAssembly::Options o;
    o.runtime.feed = gw.feedEndpoint();
    o.runtime.snapshot = gw.snapshotEndpoint();
    o.runtime.control = gw.controlEndpoint();
    o.runtime.dbPath = dbPath;
    o.features.eventRetentionMs = 365 * kDayMs;
    app::ConsoleAssembly console(o, nullptr);
    QString error;
    Phase p;
    if (!console.start(&error)) {
        std::fprintf(stderr, "bench: %s\n", qPrintable(error));
        return p;
    }
    auto *retention = console.feature<app::RetentionFeature>();
    app::ConsoleRuntime &runtime = console.runtime();
    Clock::time_point from;
    std::int64_t before = 0;
    const auto started = Clock::now(); // the console persists once its start-up jobs ran
    while (runtime.eventsPersisted() == 0 && Clock::now() - started < std::chrono::seconds(60))
        QThread::msleep(20);
    QThread::msleep(1000); // past the start-up jobs and the first tick, which starts a pass
    if (untilPurged) {
        // What the settings dialog does, then the pass the next tick would start (here at
        // once: the tick's interval is minutes at a 30-day retention).
        while (retention->retention().progress().running)
            QThread::msleep(5);
        retention->setEventRetentionMs(30 * kDayMs);
        from = Clock::now();
        before = runtime.eventsPersisted();
        retention->retention().start(*runtime.storeWorker(), runtime.clock()());
        const auto giveUp = Clock::now() + std::chrono::duration<double>(seconds);
        while (retention->retention().progress().running && Clock::now() < giveUp)
            QThread::msleep(10);
    } else {
        from = Clock::now();
        before = runtime.eventsPersisted();
        QThread::msleep(static_cast<unsigned long>(seconds * 1000));
    }
    const std::int64_t after = runtime.eventsPersisted();
    std::fprintf(stderr, "bench: persisted %lld -> %lld, received %lld\n", static_cast<long long>(before),
                 static_cast<long long>(after), static_cast<long long>(runtime.feedStats().received.load()));
    p.windowSeconds = std::chrono::duration<double>(Clock::now() - from).count();
    p.rate = p.windowSeconds > 0 ? (after - before) / p.windowSeconds : 0;
    const auto progress = retention->retention().progress();
    p.purged = progress.removedTotal;
    p.longestStepMs = progress.longestStepUs / 1000.0;
    p.steps = progress.steps;
    gw.stop();
    console.stop();
    return p;
}

// The naive purge for comparison: one DELETE by ts_ms over the whole log (a full scan, one
// transaction): the writer waits for all of it.
double naivePurgeMs(const QString &path, std::int64_t *removed)
{
    store::EventStore log;
    log.open(path);
    const std::string sql = "DELETE FROM events WHERE ts_ms < " + std::to_string(wallMs() - 30 * kDayMs);
    const auto t = Clock::now();
    log.database().exec(sql.c_str());
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t).count();
    *removed = sqlite3_changes(log.database().handle());
    return ms;
}

} // namespace

int runRetentionBench(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    double seconds = 60; // the purge pass is cut off after this long
    std::int64_t old = 300000;
    if (const int at = args.indexOf(QStringLiteral("--seconds")); at > 0 && at + 1 < args.size())
        seconds = std::max(1.0, args.at(at + 1).toDouble());
    if (const int at = args.indexOf(QStringLiteral("--old")); at > 0 && at + 1 < args.size())
        old = std::max<qlonglong>(1000, args.at(at + 1).toLongLong());
    QTemporaryDir dir;
    const QString seed = dir.filePath(QStringLiteral("seed.db"));
    seedOldLog(seed, old);
    copyDatabase(seed, dir.filePath(QStringLiteral("a.db")));
    copyDatabase(seed, dir.filePath(QStringLiteral("b.db")));
    copyDatabase(seed, dir.filePath(QStringLiteral("c.db")));
    copyDatabase(seed, dir.filePath(QStringLiteral("d.db")));
    std::printf("retention: opsfeed flood (seed 42, 2000 riders) into the whole console; the database holds %lld "
                "events 40 days old\n",
                static_cast<long long>(old));
    // B first: A then measures a window as long as B's purge took. --alone: C and D only.
    const bool alone = args.contains(QStringLiteral("--alone"));
    const Phase b = alone ? Phase{} : runPhase(dir.filePath(QStringLiteral("b.db")), seconds, true);
    const Phase a = alone ? Phase{} : runPhase(dir.filePath(QStringLiteral("a.db")), b.windowSeconds, false);
    std::printf("  A retention 365 days (nothing to purge) %10.0f events/s over %.1f s, %lld purged\n", a.rate,
                a.windowSeconds, static_cast<long long>(a.purged));
    std::printf("  B retention 30 days (purging)            %10.0f events/s over %.1f s while %lld events were purged "
                "in %lld steps\n",
                b.rate, b.windowSeconds, static_cast<long long>(b.purged), static_cast<long long>(b.steps));
    std::printf("  longest purge step under the flood %.1f ms\n", b.longestStepMs);
    const Phase c = purgeAlone(dir.filePath(QStringLiteral("c.db")));
    std::printf("  C purge alone (no console): %lld events in %lld steps, %.0f events/s, step median %.1f ms, "
                "p90 %.1f ms, longest %.1f ms\n",
                static_cast<long long>(c.purged), static_cast<long long>(c.steps), c.rate, c.medianStepMs,
                c.p90StepMs, c.longestStepMs);
    std::int64_t naiveRemoved = 0;
    const double naiveMs = naivePurgeMs(dir.filePath(QStringLiteral("d.db")), &naiveRemoved);
    std::printf("  D naive purge (one DELETE by ts_ms, full scan): %lld events in one statement of %.1f ms\n",
                static_cast<long long>(naiveRemoved), naiveMs);
    std::printf("RESULT retention purged=%lld longest_step_ms=%.1f idle_step_ms=%.1f rate_without=%.0f rate_with=%.0f "
                "ratio=%.2f\n",
                static_cast<long long>(b.purged), b.longestStepMs, c.longestStepMs, a.rate, b.rate,
                a.rate > 0 ? b.rate / a.rate : 0.0);
    return 0;
}
