// Issue 15, kill loop: `opsdeck --headless` is killed with SIGKILL at least 50 times on
// one database file while it ingests from a real gateway on tcp loopback, some kills
// during a resync and some during a purge, and restarted each time. After each restart
// (gateway paused, console caught up) the stored orders equal the gateway's truth, no
// event is in the log twice, the log is as long as its own counter says and never
// shorter than before the kill, and the file passes PRAGMA integrity_check.
//
// Kills are timed by what the console shows (events stored, its log's "snapshot
// requested"/"snapshot applied"/"prune started" lines), never by sleeps; the random
// part (seed printed, OPSDECK_KILL_SEED replays one) is which phase and which K.
#include "ConsoleProcess.h"
#include "KillFile.h"
#include "sim/Gateway.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <functional>
#include <optional>
#include <random>

using namespace opsdeck;
using killtest::ConsoleProcess;
using killtest::KillFile;

namespace {

enum class Phase { Ingest, StartupResync, StreamResync, Purge };

constexpr int kTimeoutMs = 20000;

sim::GatewayOptions gatewayOptions()
{
    sim::GatewayOptions g;
    g.seed = 15;
    g.riders = 30;
    g.ordersPerMin = 120;
    g.timeScale = 30; // orders walk their whole life in a few seconds
    g.feedBind = "tcp://127.0.0.1:*";
    g.snapshotBind = "tcp://127.0.0.1:*";
    g.controlBind = "tcp://127.0.0.1:*";
    return g;
}

std::uint64_t chooseSeed()
{
    bool ok = false;
    const auto fromEnv = qEnvironmentVariable("OPSDECK_KILL_SEED").toULongLong(&ok);
    return ok ? fromEnv : std::random_device{}();
}

int killCount()
{
    bool ok = false;
    const int n = qEnvironmentVariableIntValue("OPSDECK_KILLS", &ok);
    return ok && n > 0 ? n : 50;
}

// Every phase gets its share whatever the seed; the seed decides the order.
std::vector<Phase> plan(int kills, std::mt19937_64 &rng)
{
    std::vector<Phase> p;
    for (int i = 0; i < kills; ++i) {
        switch (i % 7) {
        case 0: case 3: case 5: p.push_back(Phase::Ingest); break;
        case 1: p.push_back(Phase::StartupResync); break;
        case 4: p.push_back(Phase::StreamResync); break;
        default: p.push_back(Phase::Purge); break;
        }
    }
    std::shuffle(p.begin(), p.end(), rng);
    return p;
}

const char *phaseName(Phase p)
{
    switch (p) {
    case Phase::Ingest: return "ingest";
    case Phase::StartupResync: return "resync on restart";
    case Phase::StreamResync: return "resync on a hole";
    case Phase::Purge: return "purge";
    }
    return "";
}

// Reads the file, or nothing while it does not exist yet or is locked past the timeout.
template <typename T>
std::optional<T> readFile(const QString &db, const std::function<T(KillFile &)> &read)
{
    try {
        KillFile f(db.toStdString());
        return read(f);
    } catch (const std::exception &) {
        return std::nullopt;
    }
}

} // namespace

class TestKillLoop final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void sigkillAtRandomMomentsThenResume();

private:
    QStringList consoleArgs() const;
    bool caughtUp();
    void startupDone(ConsoleProcess &console);
    void verifyAfterRestart(ConsoleProcess &console);
    void killAt(ConsoleProcess &console, Phase phase);
    void killDuringIngest(ConsoleProcess &console);
    void killOnLine(ConsoleProcess &console, const char *marker, int nth = 0);
    void tally(ConsoleProcess &console, Phase phase);
    std::int64_t resyncRows() const;

    QTemporaryDir m_dir;
    QString m_db;
    std::unique_ptr<sim::Gateway> m_gateway;
    std::uint64_t m_seed = 0;
    std::mt19937_64 m_rng;
    std::int64_t m_acknowledged = 0; // events the file held before the last kill
    std::int64_t m_resyncRowsAtArm = 0;
    std::map<std::int64_t, std::int64_t> m_streamEndsAtKill;
    std::map<std::string, int> m_hits;
    std::int64_t m_fixesAcknowledged = 0; // rider fixes the file held before the last kill (track store)
};

void TestKillLoop::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // OPSDECK_KILL_KEEP=1 keeps the file for a look after a failure.
    m_dir.setAutoRemove(qEnvironmentVariableIsEmpty("OPSDECK_KILL_KEEP"));
    m_db = m_dir.filePath(QStringLiteral("console.db"));
    m_seed = chooseSeed();
    m_rng.seed(m_seed);
    qInfo("kill loop seed %llu (replay with OPSDECK_KILL_SEED=%llu)", static_cast<unsigned long long>(m_seed),
          static_cast<unsigned long long>(m_seed));
    // The gateway's per-snapshot debug lines would bury the test's own output.
    QLoggingCategory::setFilterRules(QStringLiteral("opsdeck.sim.debug=false"));
    m_gateway = std::make_unique<sim::Gateway>(gatewayOptions());
    m_gateway->start();
    // Every depot has a seq before the first check, so "caught up" has something to reach.
    auto everyDepotStarted = [this] {
        const auto seqs = m_gateway->currentSeqs();
        return !seqs.empty() && std::all_of(seqs.begin(), seqs.end(), [](const auto &d) { return d.second > 0; });
    };
    QTRY_VERIFY_WITH_TIMEOUT(everyDepotStarted(), kTimeoutMs);
}

QStringList TestKillLoop::consoleArgs() const
{
    // A minute of position history at 30x is two seconds: the console prunes every
    // second, so purges happen throughout the run.
    return {QStringLiteral("--headless"),
            QStringLiteral("--feed"), QString::fromStdString(m_gateway->feedEndpoint()),
            QStringLiteral("--snapshot"), QString::fromStdString(m_gateway->snapshotEndpoint()),
            QStringLiteral("--control"), QString::fromStdString(m_gateway->controlEndpoint()),
            QStringLiteral("--db"), m_db,
            QStringLiteral("--position-retention"), QStringLiteral("60")};
}

// The file's cursors are the gateway's current seqs: every event published is committed.
bool TestKillLoop::caughtUp()
{
    const auto cursors = readFile<std::map<std::string, std::pair<std::string, std::int64_t>>>(
        m_db, [](KillFile &f) { return f.cursors(); });
    if (!cursors)
        return false;
    const std::string epoch = m_gateway->epoch();
    const auto seqs = m_gateway->currentSeqs();
    for (const auto &[depot, seq] : seqs) {
        const auto it = cursors->find(depot);
        if (it == cursors->end() || it->second.first != epoch || it->second.second != seq)
            return false;
    }
    return !seqs.empty();
}

// The restart's own resync is over (its snapshot applied).
void TestKillLoop::startupDone(ConsoleProcess &console)
{
    QVERIFY2(QTest::qWaitFor([&] { return console.count(killtest::kSnapshotApplied) > 0 || !console.running(); },
                             kTimeoutMs),
             "the restarted console never applied its startup snapshot");
    QVERIFY2(console.running(), console.lines().join('\n').constData());
}

void TestKillLoop::verifyAfterRestart(ConsoleProcess &console)
{
    startupDone(console);
    if (QTest::currentTestFailed())
        return;
    m_gateway->setPaused(true);
    QVERIFY2(QTest::qWaitFor([&] { return caughtUp(); }, kTimeoutMs), "the restarted console never caught up");
    KillFile f(m_db.toStdString());
    const auto truth = m_gateway->truthOrderStates();
    const auto stored = f.orderStates();
    int mismatches = 0;
    for (const auto &[id, state] : truth) {
        const auto it = stored.find(id);
        if (it == stored.end() || it->second != state) {
            if (++mismatches < 5)
                qWarning("order %s: truth %s, file %s", id.c_str(), state.c_str(),
                         it == stored.end() ? "missing" : it->second.c_str());
        }
    }
    QCOMPARE(mismatches, 0);
    QCOMPARE(stored.size(), truth.size());
    QCOMPARE(f.duplicateKeys(), 0);
    QCOMPARE(f.duplicateIds(), 0);
    const std::int64_t logged = f.eventsLogged();
    QCOMPARE(f.eventRows(), logged);
    QVERIFY2(logged >= m_acknowledged, "events committed before the kill are gone");
    QCOMPARE(QString::fromStdString(f.integrityCheck()), QStringLiteral("ok"));
    // The timeline index follows the log a tick later: what the file held at the kill
    // must be indexed once the restart opened its store.
    std::int64_t unindexed = -1;
    const bool indexed = QTest::qWaitFor(
        [&] {
            unindexed = readFile<std::int64_t>(m_db, [this](KillFile &k) {
                            return k.unindexedOrderEvents(m_streamEndsAtKill);
                        }).value_or(-1);
            return unindexed == 0;
        },
        kTimeoutMs);
    QVERIFY2(indexed, qPrintable(QStringLiteral("%1 order events logged before the kill are missing from the order "
                                                "timelines").arg(unindexed)));
    // Rider fixes commit with the log (the track store, docs/storage.md): none committed
    // before the kill is gone, and the restart stores new ones.
    const std::int64_t fixes = f.fixesStored();
    QVERIFY2(fixes >= m_fixesAcknowledged, "rider fixes committed before the kill are gone");
    QVERIFY(fixes == 0 || f.trackRows() > 0);
    m_gateway->setPaused(false);
}

std::int64_t TestKillLoop::resyncRows() const
{
    return readFile<std::int64_t>(m_db, [](KillFile &f) { return f.resyncRows(); }).value_or(0);
}

// Kill at the nth such line of this life (0: the next one from now).
void TestKillLoop::killOnLine(ConsoleProcess &console, const char *marker, int nth)
{
    m_resyncRowsAtArm = resyncRows();
    console.armKill(marker, nth > 0 ? nth : console.count(marker) + 1);
    QVERIFY2(console.waitForExit(kTimeoutMs), qPrintable(QStringLiteral("no '%1' line came").arg(QLatin1String(marker))));
    QVERIFY2(console.killed(), console.lines().join('\n').constData());
}

// Kill once the file holds K more events than at this moment.
void TestKillLoop::killDuringIngest(ConsoleProcess &console)
{
    const std::int64_t k = std::uniform_int_distribution<std::int64_t>(1, 2500)(m_rng);
    const std::int64_t base = readFile<std::int64_t>(m_db, [](KillFile &f) { return f.eventsLogged(); }).value_or(0);
    QVERIFY2(QTest::qWaitFor(
                 [&] {
                     const auto n = readFile<std::int64_t>(m_db, [](KillFile &f) { return f.eventsLogged(); });
                     return (n && *n >= base + k) || !console.running();
                 },
                 kTimeoutMs),
             "the console stopped storing events");
    QVERIFY2(console.running(), console.lines().join('\n').constData());
    console.killNow();
}

void TestKillLoop::killAt(ConsoleProcess &console, Phase phase)
{
    const bool early = std::bernoulli_distribution(0.5)(m_rng); // at the request, or once applied
    const char *resyncMarker = early ? killtest::kSnapshotRequested : killtest::kSnapshotApplied;
    switch (phase) {
    case Phase::StartupResync:
        killOnLine(console, resyncMarker, 1); // the restart's own resync
        return;
    case Phase::Ingest:
        verifyAfterRestart(console);
        if (!QTest::currentTestFailed())
            killDuringIngest(console);
        return;
    case Phase::StreamResync:
        verifyAfterRestart(console);
        if (QTest::currentTestFailed())
            return;
        // Holes in the feed: the console resyncs the depot mid-stream.
        m_gateway->setFaults({std::uniform_int_distribution<int>(30, 300)(m_rng), 0, true});
        killOnLine(console, resyncMarker);
        return;
    case Phase::Purge:
        verifyAfterRestart(console);
        if (!QTest::currentTestFailed())
            killOnLine(console, killtest::kPruneStarted);
        return;
    }
}

// Counts where the kill landed, from the lines the console wrote before it died and
// from whether the resync's row reached the file.
void TestKillLoop::tally(ConsoleProcess &console, Phase phase)
{
    const int trigger = console.triggerLine();
    const auto &lines = console.lines();
    auto after = [&](const char *marker) {
        for (auto i = trigger + 1; i < lines.size(); ++i)
            if (lines[i].contains(marker))
                return true;
        return false;
    };
    switch (phase) {
    case Phase::Ingest: ++m_hits["ingest"]; break;
    case Phase::StartupResync:
    case Phase::StreamResync:
        ++m_hits[phase == Phase::StartupResync ? "resync_on_restart" : "resync_on_hole"];
        if (lines[trigger].contains(killtest::kSnapshotRequested) && !after(killtest::kSnapshotApplied))
            ++m_hits["resync_died_before_snapshot_applied"];
        else if (resyncRows() == m_resyncRowsAtArm)
            ++m_hits["resync_died_before_snapshot_committed"];
        break;
    case Phase::Purge:
        ++m_hits["purge"];
        if (!after(killtest::kPruneDone))
            ++m_hits["purge_died_inside_prune"];
        break;
    }
}

void TestKillLoop::sigkillAtRandomMomentsThenResume()
{
    const QString exe = QCoreApplication::applicationDirPath() + QStringLiteral("/opsdeck");
    const std::vector<Phase> phases = plan(killCount(), m_rng);
    QElapsedTimer took;
    took.start();
    int kills = 0;
    for (const Phase phase : phases) {
        ConsoleProcess console(exe, consoleArgs());
        QVERIFY(console.started());
        killAt(console, phase);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(console.reap());
        m_gateway->setFaults({});
        m_acknowledged = std::max(
            m_acknowledged, readFile<std::int64_t>(m_db, [](KillFile &f) { return f.eventsLogged(); }).value_or(0));
        tally(console, phase);
        m_fixesAcknowledged = std::max(
            m_fixesAcknowledged, readFile<std::int64_t>(m_db, [](KillFile &f) { return f.fixesStored(); }).value_or(0));
        qInfo("kill %d (%s) after '%s'; the file holds %lld events", ++kills, phaseName(phase),
              console.triggerLine() >= 0 ? console.lines()[console.triggerLine()].left(60).constData() : "",
              static_cast<long long>(m_acknowledged));
        m_streamEndsAtKill =
            readFile<std::map<std::int64_t, std::int64_t>>(m_db, [](KillFile &f) { return f.streamEnds(); })
                .value_or(std::map<std::int64_t, std::int64_t>{});
    }
    // The last restart: caught up and equal to the truth, then a clean stop.
    ConsoleProcess last(exe, consoleArgs());
    QVERIFY(last.started());
    verifyAfterRestart(last);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(m_gateway->truthOrderStates().size() > 20, "the gateway produced too few orders to prove anything");
    QVERIFY(last.terminate());
    QVERIFY(last.standardOutput().contains("\"applied\""));
    // A clean stop leaves every logged order event in the timelines.
    QCOMPARE(readFile<std::int64_t>(m_db, [](KillFile &f) { return f.unindexedOrderEvents(); }).value_or(-1), 0);

    QString summary;
    for (const auto &[name, n] : m_hits)
        summary += QStringLiteral(" %1=%2").arg(QString::fromStdString(name)).arg(n);
    qInfo("KILLS %d in %lld ms, seed %llu:%s; file holds %lld events; %lld rider fixes stored",
          static_cast<int>(phases.size()), static_cast<long long>(took.elapsed()), static_cast<unsigned long long>(m_seed),
          qPrintable(summary), static_cast<long long>(m_acknowledged), static_cast<long long>(m_fixesAcknowledged));
}

QTEST_GUILESS_MAIN(TestKillLoop)
#include "tst_kill_loop.moc"
