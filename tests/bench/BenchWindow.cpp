// opsdeck-bench console [--seconds S] [--riders N] [--raise DOCK (e.g. dispatcher/map)]
// The ops_manager window as `opsdeck --role ops_manager` shows it (app::WindowConsole: the
// one assembly, the role's plugins from the build's plugin dir, every dock shown, maximised
// on a 1920x1080 offscreen screen) fed by an in-process opsfeed (sim::Gateway, real time,
// storm scenario from its 20th second, N riders at 1 Hz, 600 orders/min) over real sockets.
// Measures (1) the busy time of each GUI event-loop iteration (TimedApplication) and
// (2) the time from a feed batch's first event leaving the SUB socket (FeedBatch::receivedNs,
// stamped on the feed thread) until the models the views read hold it: the board model's
// flush for a delta with orders, the map's rider store (filled as ridersChanged is
// emitted) for one with riders only.
#include "BenchWindow.h"

#include "BenchConsole.h"
#include "app/assembly/WindowConsole.h"
#include "app/runtime/ConsoleOptions.h"
#include "app/runtime/LoggingRules.h"
#include "app/shell/ConsoleContextAdapter.h"
#include "app/shell/MainWindow.h"
#include "sim/Gateway.h"
#include "widgets/board/BoardModel.h"

#include <QAbstractEventDispatcher>
#include <QDockWidget>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>
#include <optional>
#include <utility>

namespace opsdeck::bench {

namespace {

constexpr std::size_t kSlowKept = 12;

std::int64_t nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// This thread's CPU time: on a shared machine the wall time of an iteration also holds the
// time the scheduler gave the core to others; this is what the GUI's own work cost.
std::int64_t threadCpuNs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

double ms(std::int64_t ns)
{
    return static_cast<double>(ns) / 1e6;
}


} // namespace

TimedApplication::TimedApplication(int &argc, char **argv)
    : QApplication(argc, argv)
{
    connect(QAbstractEventDispatcher::instance(), &QAbstractEventDispatcher::awake, this,
            [this] { iterationStarted(); }, Qt::DirectConnection);
}

bool TimedApplication::notify(QObject *receiver, QEvent *event)
{
    if (m_measuring && event->type() == QEvent::Paint)
        ++m_paints;
    if (!m_measuring || m_depth > 0) {
        ++m_depth;
        const bool r = QApplication::notify(receiver, event);
        --m_depth;
        return r;
    }
    // Receiver and event may be gone afterwards: what describes them is taken now.
    const char *className = receiver->metaObject()->className();
    // A timer or a chart scene says little: its owner says whose work it is.
    const char *owner = receiver->parent() ? receiver->parent()->metaObject()->className() : "";
    const int type = static_cast<int>(event->type());
    ++m_depth;
    const std::int64_t start = nowNs();
    const std::int64_t cpuStart = threadCpuNs();
    const bool r = QApplication::notify(receiver, event);
    const std::int64_t took = nowNs() - start;
    m_busyCpuNs += threadCpuNs() - cpuStart;
    --m_depth;
    m_busyNs += took;
    ++m_iterationDeliveries;
    if (took > m_iterationTop.ns)
        m_iterationTop = {took, className, owner, type};
    const auto least =
        std::min_element(m_slow.begin(), m_slow.end(), [](const Slow &a, const Slow &b) { return a.ns < b.ns; });
    if (m_slow.size() < kSlowKept)
        m_slow.push_back({took, className, owner, type});
    else if (least->ns < took)
        *least = {took, className, owner, type};
    return r;
}

void TimedApplication::iterationStarted()
{
    if (m_measuring && m_busyNs > 0 && m_depth == 0) {
        m_iterations.push_back(m_busyNs);
        m_iterationsCpu.push_back(m_busyCpuNs);
        if (m_busyNs > kLongIterationNs || m_busyCpuNs > kLongIterationCpuNs)
            m_long.push_back({m_busyNs, m_busyCpuNs, m_iterationTop, m_iterationDeliveries});
    }
    if (m_depth == 0) {
        m_busyNs = m_busyCpuNs = 0;
        m_iterationTop = {};
        m_iterationDeliveries = 0;
    }
}

void TimedApplication::startMeasuring()
{
    m_iterations.clear();
    m_iterationsCpu.clear();
    m_slow.clear();
    m_long.clear();
    m_paints = 0;
    m_busyNs = m_busyCpuNs = 0;
    m_measuring = true;
}

void TimedApplication::stopMeasuring()
{
    iterationStarted();
    m_measuring = false;
}

QStringList TimedApplication::slowest() const
{
    std::vector<Slow> sorted = m_slow;
    std::sort(sorted.begin(), sorted.end(), [](const Slow &a, const Slow &b) { return a.ns > b.ns; });
    QStringList out;
    for (const Slow &s : sorted)
        out << QStringLiteral("%1 ms %2 (in %3) event %4")
                   .arg(ms(s.ns), 0, 'f', 1)
                   .arg(QLatin1String(s.className), QLatin1String(s.owner))
                   .arg(s.type);
    return out;
}

QStringList TimedApplication::longIterations(bool byCpu) const
{
    std::vector<LongIteration> sorted = m_long;
    std::sort(sorted.begin(), sorted.end(), [byCpu](const LongIteration &a, const LongIteration &b) {
        return byCpu ? a.cpuNs > b.cpuNs : a.ns > b.ns;
    });
    QStringList out;
    for (const LongIteration &l : sorted)
        out << QStringLiteral("%1 ms (CPU %2 ms, %3 deliveries): %4 ms %5 (in %6) event %7")
                   .arg(ms(l.ns), 0, 'f', 1)
                   .arg(ms(l.cpuNs), 0, 'f', 1)
                   .arg(l.deliveries)
                   .arg(ms(l.top.ns), 0, 'f', 1)
                   .arg(QLatin1String(l.top.className ? l.top.className : ""),
                        QLatin1String(l.top.owner ? l.top.owner : ""))
                   .arg(l.top.type);
    return out;
}

namespace {

int intArg(const QStringList &args, const QString &name, int fallback)
{
    const int at = args.indexOf(name);
    return at > 0 && at + 1 < args.size() ? args.at(at + 1).toInt() : fallback;
}

// p-quantile of `values` (copied, sorted); 0 when empty.
std::int64_t quantile(std::vector<std::int64_t> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto at = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(at, values.size() - 1)];
}

// Feed-to-model latency, one sample per feed batch weighted by its events. A delta is in
// when every rider of it is (ConsoleContextAdapter::deltaApplied: the map's rider store is
// filled as ridersChanged is emitted) and, when it has orders, the board model's flush
// after them has run. Each sample is also cut into the stages it went through (the core's
// FeedReceipt stamps, the delta's hand-over and delivery), weighted the same way.
class LatencyProbe final
{
public:
    enum Stage { FeedToCore, CoreApply, CoreToDelta, DeltaToGui, GuiApply, StageCount };
    static constexpr const char *kStageNames[StageCount] = {
        "socket -> core takes the batch (feed batching, core queue)", "core applies its pickup",
        "applied -> delta handed over (delta cadence, store hand-over)", "handed over -> GUI thread takes it",
        "GUI takes it -> models hold it (rider slices, board flush)"};

    explicit LatencyProbe(app::ConsoleContextAdapter &context, widgets::BoardModel *board)
        : m_context(context)
        , m_board(board)
        , m_completed(context.deltasBegun())
    {
        QObject::connect(&context, &sdk::ConsoleContext::ordersChanged, &context,
                         [this] { m_orderDeltas[m_context.deltasBegun()] = m_boardFlushes; });
        QObject::connect(&context, &app::ConsoleContextAdapter::deltaApplied, &context, [this] {
            const auto withOrders = m_orderDeltas.find(++m_completed);
            const bool boardBehind = m_board && withOrders != m_orderDeltas.end() && withOrders->second == m_boardFlushes;
            if (withOrders != m_orderDeltas.end())
                m_orderDeltas.erase(withOrders);
            const Hop hop{m_context.lastEmittedNs(), m_context.lastDeliveredNs()};
            if (boardBehind) {
                for (const auto &r : m_context.lastReceipts())
                    m_waiting.emplace_back(r, hop);
                m_waitingHops.push_back(hop);
            } else {
                const std::int64_t now = nowNs();
                for (const auto &r : m_context.lastReceipts())
                    resolve(r, hop, now);
                m_gui.push_back(hop.emittedNs > 0 ? now - hop.emittedNs : 0);
            }
        });
        if (board)
            QObject::connect(board, &widgets::BoardModel::batchApplied, &context, [this] {
                ++m_boardFlushes;
                const std::int64_t now = nowNs();
                for (const auto &[r, hop] : m_waiting)
                    resolve(r, hop, now);
                m_waiting.clear();
                for (const Hop &hop : m_waitingHops)
                    m_gui.push_back(hop.emittedNs > 0 ? now - hop.emittedNs : 0);
                m_waitingHops.clear();
            });
    }

    void clear()
    {
        m_samples.clear();
        for (auto &s : m_stages)
            s.clear();
        m_gui.clear();
    }
    // Per delta: from the core handing it over until the models hold it (the GUI's part), ns.
    const std::vector<std::int64_t> &guiPart() const { return m_gui; }
    // p-quantile over events, ns.
    std::int64_t quantile(double p) const { return weightedQuantile(m_samples, p); }
    std::int64_t stageQuantile(Stage stage, double p) const { return weightedQuantile(m_stages[stage], p); }
    std::int64_t events() const
    {
        std::int64_t n = 0;
        for (const auto &x : m_samples)
            n += x.second;
        return n;
    }

private:
    using Samples = std::vector<std::pair<std::int64_t, std::int64_t>>; // ns, events
    struct Hop {
        std::int64_t emittedNs = 0;
        std::int64_t deliveredNs = 0;
    };

    static std::int64_t weightedQuantile(Samples s, double p)
    {
        std::sort(s.begin(), s.end());
        std::int64_t total = 0;
        for (const auto &x : s)
            total += x.second;
        const auto want = static_cast<std::int64_t>(p * static_cast<double>(total));
        std::int64_t seen = 0;
        for (const auto &x : s) {
            seen += x.second;
            if (seen > want)
                return x.first;
        }
        return s.empty() ? 0 : s.back().first;
    }

    void resolve(const core::FeedReceipt &r, const Hop &hop, std::int64_t at)
    {
        if (r.receivedNs <= 0 || r.events <= 0)
            return;
        m_samples.emplace_back(at - r.receivedNs, r.events);
        if (r.takenNs <= 0 || r.appliedNs <= 0 || hop.emittedNs <= 0 || hop.deliveredNs <= 0)
            return;
        const std::int64_t marks[] = {r.receivedNs, r.takenNs, r.appliedNs, hop.emittedNs, hop.deliveredNs, at};
        for (int s = 0; s < StageCount; ++s)
            m_stages[s].emplace_back(marks[s + 1] - marks[s], r.events);
    }

    app::ConsoleContextAdapter &m_context;
    widgets::BoardModel *m_board = nullptr;
    qint64 m_completed = 0;
    std::int64_t m_boardFlushes = 0;
    std::map<qint64, std::int64_t> m_orderDeltas; // delta -> board flushes when its orders came
    std::vector<std::pair<core::FeedReceipt, Hop>> m_waiting;
    std::vector<Hop> m_waitingHops;
    std::vector<std::int64_t> m_gui;
    Samples m_samples;
    Samples m_stages[StageCount];
};

std::optional<app::ConsoleOptions> windowOptions(const sim::Gateway &gw, const QTemporaryDir &dir)
{
    const auto endpoint = [](const std::string &e) { return QString::fromStdString(e); };
    QString error, help;
    auto options = app::parseConsoleOptions(
        {QStringLiteral("opsdeck"), QStringLiteral("--role"), QStringLiteral("ops_manager"), QStringLiteral("--user"),
         QStringLiteral("bench"), QStringLiteral("--settings"), dir.filePath(QStringLiteral("bench.ini")),
         QStringLiteral("--db"), dir.filePath(QStringLiteral("bench.db")), QStringLiteral("--feed"),
         endpoint(gw.feedEndpoint()), QStringLiteral("--snapshot"), endpoint(gw.snapshotEndpoint()),
         QStringLiteral("--control"), endpoint(gw.controlEndpoint())},
        &error, &help);
    if (!options)
        std::fprintf(stderr, "bench console: %s\n", qPrintable(error));
    return options;
}

// Runs the event loop for `ms` milliseconds.
void runFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

// The 1920x1080 screen of tests/ui/tst_layout.cpp, for the offscreen platform.
void useHdScreen(const QTemporaryDir &dir)
{
    if (!qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        return;
    const QString file = dir.filePath(QStringLiteral("screen.json"));
    QFile json(file);
    if (!json.open(QIODevice::WriteOnly))
        return;
    json.write(R"({"windowFrameMargins": false, "screens": [{"name": "hd", "x": 0, "y": 0, "width": 1920, "height": 1080,
                  "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})");
    json.close();
    qputenv("QT_QPA_PLATFORM", QByteArray("offscreen:configfile=") + QFile::encodeName(file));
}

// Figures of the measured run; the RESULT line last.
void report(const TimedApplication &app, const LatencyProbe &latency, int seconds, std::int64_t received,
            const std::map<std::string, double> &cpuBefore, const std::map<std::string, double> &cpuAfter)
{
    const std::vector<std::int64_t> &it = app.iterations();
    const double p50 = ms(quantile(it, 0.5));
    const double p99 = ms(quantile(it, 0.99));
    const double worst = ms(quantile(it, 1.0));
    std::int64_t over16 = 0;
    for (std::int64_t ns : it)
        over16 += ns > 16'000'000 ? 1 : 0;
    std::printf("  feed: %lld messages received (%.0f/s)\n", static_cast<long long>(received),
                static_cast<double>(received) / seconds);
    std::printf("  GUI loop: %zu busy iterations, %lld paint events (%.1f/s); busy p50 %.2f ms, p99 %.2f ms, max "
                "%.2f ms; %lld over 16 ms\n",
                it.size(), static_cast<long long>(app.paints()), static_cast<double>(app.paints()) / seconds, p50, p99,
                worst, static_cast<long long>(over16));
    const std::vector<std::int64_t> &cpu = app.iterationsCpu();
    std::printf("  GUI thread CPU per busy iteration (its own work, without the time others had the core): p50 "
                "%.2f ms, p99 %.2f ms, max %.2f ms\n",
                ms(quantile(cpu, 0.5)), ms(quantile(cpu, 0.99)), ms(quantile(cpu, 1.0)));
    std::printf("  feed -> model latency over %lld events: p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
                static_cast<long long>(latency.events()), ms(latency.quantile(0.5)),
                ms(latency.quantile(0.99)), ms(latency.quantile(1.0)));
    std::printf("  of which core hand-over -> model (the GUI's part), per delta: p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
                ms(quantile(latency.guiPart(), 0.5)), ms(quantile(latency.guiPart(), 0.99)),
                ms(quantile(latency.guiPart(), 1.0)));
    std::printf("  the latency by stage, over events (p50 / p99 ms; the stages of one sample add up to it):\n");
    for (int s = 0; s < LatencyProbe::StageCount; ++s) {
        const auto stage = static_cast<LatencyProbe::Stage>(s);
        std::printf("    %-66s %7.1f / %7.1f\n", LatencyProbe::kStageNames[s], ms(latency.stageQuantile(stage, 0.5)),
                    ms(latency.stageQuantile(stage, 0.99)));
    }
    printThreadCpu(cpuBefore, cpuAfter, seconds);
    std::printf("  slowest deliveries on the GUI thread:\n");
    for (const QString &line : app.slowest())
        std::printf("    %s\n", qPrintable(line));
    const QStringList longOnes = app.longIterations(false);
    std::printf("  iterations over %.0f ms wall or %.0f ms CPU: %lld (wall, CPU, the delivery that took most of "
                "it); the slowest by wall:\n",
                ms(TimedApplication::kLongIterationNs), ms(TimedApplication::kLongIterationCpuNs),
                static_cast<long long>(longOnes.size()));
    for (const QString &line : longOnes.mid(0, 12))
        std::printf("    %s\n", qPrintable(line));
    std::printf("  the costliest by the GUI thread's CPU:\n");
    for (const QString &line : app.longIterations(true).mid(0, 8))
        std::printf("    %s\n", qPrintable(line));
    std::printf("RESULT console stall_p99_ms=%.1f stall_max_ms=%.1f latency_p99_ms=%.1f\n", p99, worst,
                ms(latency.quantile(0.99)));
}

} // namespace

} // namespace opsdeck::bench

using namespace opsdeck;

int runWindowBench(int argc, char **argv)
{
    QTemporaryDir dir;
    bench::useHdScreen(dir);
    // The plain Unix dispatcher announces every iteration with awake(), which the
    // iteration timing relies on (glib's does not always).
    if (qEnvironmentVariableIsEmpty("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    bench::TimedApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int seconds = std::max(1, bench::intArg(args, QStringLiteral("--seconds"), 60));
    const int riders = std::max(1, bench::intArg(args, QStringLiteral("--riders"), 20000));

    sim::GatewayOptions g;
    g.seed = 16;
    g.riders = riders;
    g.ordersPerMin = 600;
    g.scenario = sim::Scenario::Storm; // the storm begins 20 s (simulated, = wall) after start
    g.timeScale = 1.0;
    g.feedBind = "tcp://127.0.0.1:*";
    g.snapshotBind = "tcp://127.0.0.1:*";
    g.controlBind = "tcp://127.0.0.1:*";
    sim::Gateway gw(g);
    gw.start();

    const auto options = bench::windowOptions(gw, dir);
    if (!options)
        return 1;
    {
        QSettings settings(options->settingsPath, QSettings::IniFormat);
        app::installLoggingRules(settings); // quiet by default, as main() makes the console
    }
    app::WindowConsole console(*options);
    QString error;
    if (!console.start(&error)) {
        std::fprintf(stderr, "bench console: %s\n", qPrintable(error));
        return 1;
    }
    app::MainWindow &window = *console.window();
    window.show();
    // Every panel, whatever a saved layout says; --raise brings a tabbed one to the front
    // (the ops manager's default has the dispatcher's views as tabs behind the KPIs).
    const int raiseAt = args.indexOf(QStringLiteral("--raise"));
    for (QDockWidget *dock : window.docks()) {
        dock->setVisible(true);
        if (raiseAt > 0 && raiseAt + 1 < args.size() && dock->objectName() == args.at(raiseAt + 1))
            dock->raise();
    }
    int inFront = 0;
    auto *board = window.findChild<widgets::BoardModel *>();
    bench::LatencyProbe latency(console.context(), board);
    if (!bench::waitForJoin(console.assembly().runtime(), std::chrono::seconds(60))) {
        std::fprintf(stderr, "bench console: the feed did not join within 60 s\n");
        return 1;
    }
    bench::runFor(2000); // the join's full picture reaches the panels
    QStringList behind;
    for (QDockWidget *dock : window.docks()) {
        const bool front = dock->isVisible() && !dock->visibleRegion().isEmpty();
        inFront += front ? 1 : 0;
        if (!front)
            behind << dock->objectName();
    }
    std::printf("console: ops_manager window %dx%d, %lld docks (%d in front), %d riders at 1 Hz, 600 orders/min, "
                "storm from the gateway's 20th second, %d s\n",
                window.width(), window.height(), static_cast<long long>(window.docks().size()), inFront, riders,
                seconds);
    if (!behind.isEmpty())
        std::printf("  docks behind a tab: %s\n", qPrintable(behind.join(QStringLiteral(", "))));

    latency.clear();
    const auto cpuBefore = bench::cpuSecondsByThread();
    const std::int64_t receivedBefore = console.assembly().runtime().feedStats().received.load();
    app.startMeasuring();
    bench::runFor(seconds * 1000);
    app.stopMeasuring();
    const auto cpuAfter = bench::cpuSecondsByThread();
    const std::int64_t received = console.assembly().runtime().feedStats().received.load() - receivedBefore;

    bench::report(app, latency, seconds, received, cpuBefore, cpuAfter);
    std::fflush(stdout);
    window.close();
    console.shutdown();
    gw.stop();
    return 0;
}
