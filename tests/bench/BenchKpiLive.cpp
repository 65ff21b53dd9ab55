// opsdeck-bench kpi, live part: the console as users run it (app::ConsoleAssembly with
// every feature, the window's GUI side attached) fed over real ZeroMQ sockets by a
// scripted gateway (protocol.md) publishing a synthetic delivery day at ~20k events/s,
// paced on the wall clock: order lifecycles (created, paid, stock checked, restocked,
// dispatched, exception, reassigned, signed, returned, claimed, closed, cancelled), rider
// status churn, cold-room sensors and gateway.stats. The console decodes, applies, logs
// (personal data sealed) and hands every event to every feature; the dashboard (offscreen)
// follows the KPI feature's service. gui_ms = p95 GUI-thread CPU per 1 s snapshot tick.
// Also printed: the KPI engine alone on one thread (component figure).
#include "../kpi/SyntheticKpiFeed.h"
#include "BenchConsole.h"
#include "BenchKpi.h"
#include "ScriptedGateway.h"
#include "app/features/kpi/KpiFeature.h"
#include "core/kpi/KpiEngine.h"
#include "core/pipeline/Projections.h"
#include "widgets/charts/KpiChart.h"
#include "widgets/kpi/KpiDashboardWidget.h"
#include "widgets/kpi/KpiTile.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTimer>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>
#include <thread>
#include <vector>

#include <pthread.h>

using namespace opsdeck;
using Clock = std::chrono::steady_clock;

namespace opsdeck::bench::kpi {

namespace {

// CPU time of the calling thread: the GUI's work, without the time the scheduler gave
// the console's other threads or other processes while the tick ran.
double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

std::int64_t wallNowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

constexpr double kWarmUpS = 15;

// The day, generated up front so the gateway thread only paces and publishes. Times are
// relative to the start of the run.
std::vector<core::Event> syntheticDay(double seconds)
{
    const double targetRate = 20000;
    kpitest::SyntheticKpiFeed::Options o;
    o.ordersPerMinPerDepot = targetRate * 60 / 4 / 7.0; // ~7 events per order incl. rider status
    o.ridersPerDepot = 400;
    o.startMs = 0;
    o.delayScale = 1.0 / 150; // lifecycles of ~15 s instead of ~40 min: steady state within the run
    kpitest::SyntheticKpiFeed gen(o);
    std::vector<core::Event> events;
    const auto spanMs = static_cast<std::int64_t>((seconds + kWarmUpS + 1) * 1000);
    for (;;) {
        core::Event e = gen.next();
        if (e.tsMs >= spanMs)
            break;
        events.push_back(std::move(e));
    }
    const auto steadyFrom = std::lower_bound(events.begin(), events.end(), static_cast<std::int64_t>(kWarmUpS * 1000),
                                             [](const core::Event &e, std::int64_t t) { return e.tsMs < t; });
    const auto steadyEvents = static_cast<double>(events.end() - steadyFrom);
    std::printf("  live stream: %zu events over %.0f s (%.0f events/s once lifecycles overlap, after %.0f s)\n",
                events.size(), static_cast<double>(spanMs) / 1000.0,
                steadyEvents * 1000.0 / (static_cast<double>(spanMs) - kWarmUpS * 1000), kWarmUpS);
    return events;
}

// Component figure: the engine alone, unpaced, on this thread: its ceiling.
double engineAloneEventsPerSec(const std::vector<core::Event> &events)
{
    core::Projections projections;
    core::KpiEngine engine({}, nullptr, nullptr);
    const auto t0 = Clock::now();
    const std::int64_t base = wallNowMs();
    engine.onTick(projections, base);
    for (const auto &src : events) {
        core::Event e = src;
        e.tsMs += base;
        const auto r = projections.apply(e);
        engine.onEvent(e, r.outcome == core::Projections::Outcome::Applied, projections);
    }
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    return static_cast<double>(events.size()) / s;
}

// The gateway's side, on its own thread (the feed socket's owner from start() on): each
// event when its time has come, times moved to the wall clock, and a heartbeat a second.
class PacedGateway final
{
public:
    PacedGateway(feed::test::ScriptedGateway &gateway, std::vector<core::Event> events,
                 const app::ConsoleRuntime &runtime)
        : m_gateway(gateway), m_events(std::move(events)), m_runtime(runtime)
    {
    }
    ~PacedGateway()
    {
        if (m_thread.joinable())
            m_thread.join();
    }

    void start() { m_thread = std::thread([this] { run(); }); }

    std::atomic<bool> steady{false};
    std::atomic<bool> done{false};
    std::atomic<std::int64_t> postedSteady{0};
    std::atomic<std::int64_t> loggedAtSteady{0};
    // Written before `steady` and `done` are set, read after `done`. Taken on this thread
    // while it still runs, so its own CPU is counted too.
    std::map<std::string, double> cpuAtSteady, cpuAtEnd;
    Clock::time_point steadyAt, endAt;

private:
    void run()
    {
        pthread_setname_np(pthread_self(), "bench-gateway");
        if (!m_gateway.waitForSubscriber(10000))
            std::fprintf(stderr, "bench: the console never subscribed\n");
        const std::int64_t base = wallNowMs();
        std::int64_t nextHeartbeat = 1000;
        std::size_t next = 0;
        while (next < m_events.size()) {
            const std::int64_t now = wallNowMs() - base;
            if (now >= kWarmUpS * 1000 && !steady) {
                loggedAtSteady = m_runtime.eventsPersisted();
                cpuAtSteady = cpuSecondsByThread();
                steadyAt = Clock::now();
                steady = true;
            }
            std::int64_t sent = 0;
            for (; next < m_events.size() && m_events[next].tsMs <= now; ++next, ++sent) {
                core::Event &e = m_events[next];
                e.promisedAtMs += e.promisedAtMs != 0 ? base : 0;
                e.etaMs += e.etaMs != 0 ? base : 0;
                publish(m_gateway, e);
            }
            if (steady)
                postedSteady += sent;
            if (now >= nextHeartbeat) {
                m_gateway.heartbeat();
                nextHeartbeat += 1000;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        cpuAtEnd = cpuSecondsByThread();
        endAt = Clock::now();
        done = true;
    }

    feed::test::ScriptedGateway &m_gateway;
    std::vector<core::Event> m_events;
    const app::ConsoleRuntime &m_runtime;
    std::thread m_thread;
};

struct TickTimes {
    std::vector<double> gui, apply, wall;
};

// The dashboard's work per snapshot tick, GUI-thread CPU, once the feed is steady.
void followTicks(sdk::KpiService &service, widgets::KpiDashboardWidget &dash, const std::atomic<bool> &steady,
                 TickTimes &times)
{
    QObject::connect(&service, &sdk::KpiService::snapshotChanged, &dash, [&](const sdk::KpiLiveSnapshot &s) {
        QElapsedTimer t;
        t.start();
        const double cpu0 = threadCpuMs();
        dash.applySnapshot(s);
        const double applied = threadCpuMs() - cpu0;
        // What the tick causes, and only that: chart scenes post their updates, widgets post
        // an UpdateRequest; deliver them now so the repaint of what changed is timed too.
        for (int i = 0; i < 3; ++i)
            QCoreApplication::sendPostedEvents();
        if (steady) {
            times.gui.push_back(threadCpuMs() - cpu0);
            times.wall.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
            times.apply.push_back(applied);
        }
    });
}

void showDashboard(widgets::KpiDashboardWidget &dash)
{
    dash.resize(1440, 900);
    dash.show();
    if (qEnvironmentVariableIsSet("KPI_BENCH_HIDE_CHARTS"))
        for (auto *c : dash.charts())
            c->hide();
    if (qEnvironmentVariableIsSet("KPI_BENCH_HIDE_TILES"))
        for (auto *t : dash.tiles())
            t->hide();
}

void summarise(TickTimes &times, LiveFigures &out)
{
    std::printf("  GUI thread CPU per tick: applySnapshot p50 %.2f / p95 %.2f ms; whole tick p50 %.2f ms\n",
                percentile(times.apply, 0.5), percentile(times.apply, 0.95), percentile(times.gui, 0.5));
    std::printf("  wall time per tick (includes waiting for a core on this loaded 2-core machine) p50 %.2f / p95 %.2f ms\n",
                percentile(times.wall, 0.5), percentile(times.wall, 0.95));
    // The first tick builds every chart series; steady state is what a manager watches.
    if (times.gui.size() > 2)
        times.gui.erase(times.gui.begin());
    out.ticks = static_cast<int>(times.gui.size());
    out.guiP95 = percentile(times.gui, 0.95);
    out.guiMax = times.gui.empty() ? 0 : *std::max_element(times.gui.begin(), times.gui.end());
}

} // namespace

LiveFigures runLive(double seconds)
{
    LiveFigures out;
    std::vector<core::Event> events = syntheticDay(seconds);
    out.engineAloneEventsPerSec = engineAloneEventsPerSec(events);

    QTemporaryDir dir;
    feed::test::ScriptedGateway gateway("gw-bench-kpi");
    // The context does not follow the core's deltas here: the tick below delivers every
    // posted event, so a delta queued meanwhile would be timed as dashboard work.
    BenchConsole console(gateway, {dir.filePath(QStringLiteral("live.db")), true, false});
    QString error;
    if (!console.start(&error) || !console.waitForStoreJobs(std::chrono::minutes(1))
        || !waitForJoin(console.runtime(), std::chrono::seconds(30))) {
        std::fprintf(stderr, "bench: the console did not start: %s\n", qPrintable(error));
        return out;
    }
    widgets::KpiDashboardWidget dash(nullptr, nullptr);
    showDashboard(dash);
    PacedGateway feed(gateway, std::move(events), console.runtime());
    TickTimes times;
    followTicks(console.feature<app::KpiFeature>()->host(), dash, feed.steady, times);

    feed.start();
    const auto t0 = Clock::now();
    // Sleep in the event loop between ticks (a processEvents() spin would steal a core
    // from the console's threads and inflate every timing on this 2-core machine).
    waitFor([&feed] { return feed.done.load(); }, std::chrono::hours(1));
    const double elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
    const std::int64_t logged = console.runtime().eventsPersisted() - feed.loggedAtSteady;
    printThreadCpu(feed.cpuAtSteady, feed.cpuAtEnd, std::chrono::duration<double>(feed.endAt - feed.steadyAt).count());
    waitFor([] { return false; }, std::chrono::milliseconds(1200)); // the last snapshots
    out.gaps = console.runtime().feedStats().gaps.load();
    out.rejected = console.runtime().feedStats().rejectedTotal();
    console.stop();
    const double steadySeconds = std::max(0.001, elapsed - kWarmUpS);
    out.eventsPerSec = static_cast<double>(feed.postedSteady) / steadySeconds;
    out.loggedPerSec = static_cast<double>(logged) / steadySeconds;
    summarise(times, out);
    return out;
}

} // namespace opsdeck::bench::kpi
