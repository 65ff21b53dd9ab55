// The whole console pipeline against opsfeed over real tcp loopback and a real SQLite
// file: what the console stores must equal the gateway's truth, whatever the wire does.
// The gateway is paused and stepped (issue 15): each case publishes the same simulated
// minutes whatever the machine's load, and every wait ends on what the console holds.
#include "app/runtime/ConsoleRuntime.h"
#include "core/model/OrderState.h"
#include "sim/Gateway.h"
#include "store/db/Sqlite.h"
#include "store/log/EventStore.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <set>

using namespace opsdeck;

namespace {

sim::GatewayOptions gatewayOptions(std::uint64_t seed)
{
    sim::GatewayOptions g;
    g.seed = seed;
    g.riders = 40;
    g.ordersPerMin = 120;
    g.feedBind = "tcp://127.0.0.1:*";
    g.snapshotBind = "tcp://127.0.0.1:*";
    g.controlBind = "tcp://127.0.0.1:*";
    return g;
}

app::RuntimeOptions runtimeOptions(const sim::Gateway &gw, const QString &db)
{
    app::RuntimeOptions o;
    o.feed = gw.feedEndpoint();
    o.snapshot = gw.snapshotEndpoint();
    o.control = gw.controlEndpoint();
    o.dbPath = db;
    return o;
}

// True once the console has applied every seq the gateway published.
bool caughtUp(const core::FeedStats &stats, const sim::Gateway &gw)
{
    const auto seqs = gw.currentSeqs();
    const auto seen = stats.lastSeqs();
    for (const auto &[depot, seq] : seqs) {
        bool found = false;
        for (const auto &[d, s] : seen)
            found = found || (d == depot && s == seq);
        if (!found)
            return false;
    }
    return !seqs.empty();
}

// Steps the paused gateway `seconds` simulated seconds, a second at a time: the feed
// then carries a stream, not one burst.
bool stepSeconds(sim::Gateway &gw, int seconds)
{
    for (int i = 0; i < seconds; ++i) {
        if (gw.step(1000) < 0)
            return false;
    }
    return true;
}

// What a console in another process has committed, read beside it (false while the file
// is busy or not created yet): events logged, or whether its cursors are the gateway's
// current seqs.
std::int64_t committedEvents(const QString &db)
{
    try {
        store::Database d(db.toStdString(), SQLITE_OPEN_READONLY);
        return d.queryInt("SELECT COUNT(*) FROM events");
    } catch (...) {
        return 0;
    }
}

bool committedUpTo(const QString &db, const sim::Gateway &gw)
{
    try {
        store::Database d(db.toStdString(), SQLITE_OPEN_READONLY);
        store::Statement cursors = d.prepare("SELECT depot, seq FROM cursors WHERE epoch = ?");
        const std::string epoch = gw.epoch();
        cursors.bindText(1, epoch);
        std::map<std::string, std::int64_t> stored;
        while (cursors.step())
            stored[cursors.columnText(0)] = cursors.columnInt(1);
        for (const auto &[depot, seq] : gw.currentSeqs()) {
            if (seq > 0 && stored[depot] != seq)
                return false;
        }
        return true;
    } catch (...) {
        return false;
    }
}

std::map<std::string, std::string> storedStates(const QString &db)
{
    store::EventStore s;
    s.open(db);
    std::map<std::string, std::string> out;
    for (const auto &o : s.load().orders)
        out[o.orderId] = std::string(core::toString(o.state));
    return out;
}

// What the console logged of one order, to tell a lost event from a misapplied one.
void printLoggedEvents(const QString &db, const std::string &orderId)
{
    store::EventStore s;
    s.open(db);
    s.forEachEvent([&](const store::LoggedEvent &e) {
        if (e.orderId == orderId)
            qWarning("  logged %s %s seq %lld %s", e.depot.c_str(), e.type.c_str(), static_cast<long long>(e.seq),
                     e.id.c_str());
    });
}

void compareWithTruth(const QString &db, const std::map<std::string, std::string> &truth)
{
    const std::map<std::string, std::string> stored = storedStates(db);
    QVERIFY2(truth.size() > 20, "the gateway produced too few orders to prove anything");
    int mismatches = 0;
    for (const auto &[id, state] : truth) {
        const auto it = stored.find(id);
        if (it == stored.end() || it->second != state) {
            if (++mismatches < 5) {
                qWarning("order %s: truth %s, console %s", id.c_str(), state.c_str(),
                         it == stored.end() ? "missing" : it->second.c_str());
                printLoggedEvents(db, id);
            }
        }
    }
    QCOMPARE(mismatches, 0);
    QCOMPARE(stored.size(), truth.size());
}

void expectNoEventTwice(const QString &db)
{
    store::EventStore s;
    s.open(db);
    std::set<std::string> ids;
    std::int64_t rows = 0;
    s.forEachEvent([&](const store::LoggedEvent &e) {
        ++rows;
        ids.insert(e.id);
    });
    QVERIFY(rows > 0);
    QCOMPARE(static_cast<std::int64_t>(ids.size()), rows);
}

} // namespace

class TestEndToEnd final : public QObject
{
    Q_OBJECT
private slots:
    void convergesToTruth_data()
    {
        QTest::addColumn<int>("dropEveryN");
        QTest::addColumn<int>("duplicateEveryN");
        QTest::addColumn<bool>("restartMidway");
        QTest::newRow("clean") << 0 << 0 << false;
        QTest::newRow("duplicates") << 0 << 7 << false;
        QTest::newRow("holes") << 211 << 0 << false;
        QTest::newRow("new epoch") << 0 << 0 << true;
    }
    void convergesToTruth()
    {
        QFETCH(int, dropEveryN);
        QFETCH(int, duplicateEveryN);
        QFETCH(bool, restartMidway);
        QTemporaryDir dir;
        const QString db = dir.filePath("console.db");
        sim::Gateway gw(gatewayOptions(11));
        gw.setPaused(true);
        gw.start();
        gw.setFaults({dropEveryN, duplicateEveryN, true});
        app::ConsoleRuntime runtime(runtimeOptions(gw, db), nullptr);
        QString error;
        QVERIFY2(runtime.start(&error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(gw.step(0) >= 0 && runtime.feedStats().heartbeats.load() > 0, 10000); // subscribed
        QVERIFY(stepSeconds(gw, 75));
        if (restartMidway) {
            gw.restart();
            QVERIFY(stepSeconds(gw, 45));
        }
        // Stop injecting faults for the tail so the last messages are not lost for good:
        // a lost tail is found by the heartbeat and resynced.
        gw.setFaults({});
        QTRY_VERIFY_WITH_TIMEOUT(caughtUp(runtime.feedStats(), gw), 15000);
        runtime.stop();
        const auto &stats = runtime.feedStats();
        if (duplicateEveryN)
            QVERIFY(stats.duplicates.load() > 0);
        if (dropEveryN)
            QVERIFY(stats.gaps.load() > 0 && stats.resyncs.load() > 1);
        if (restartMidway)
            QVERIFY(stats.resyncs.load() > 1);
        QCOMPARE(stats.rejectedTotal(), 0);
        compareWithTruth(db, gw.truthOrderStates());
        expectNoEventTwice(db);
        gw.stop();
    }

    void sigkillMidStreamThenRestart()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath("console.db");
        sim::Gateway gw(gatewayOptions(23));
        gw.setPaused(true);
        gw.start();
        const QString exe = QCoreApplication::applicationDirPath() + "/opsdeck";
        const QStringList args = {"--headless",
                                  "--feed", QString::fromStdString(gw.feedEndpoint()),
                                  "--snapshot", QString::fromStdString(gw.snapshotEndpoint()),
                                  "--control", QString::fromStdString(gw.controlEndpoint()),
                                  "--db", db};
        QProcess first;
        first.start(exe, args);
        QVERIFY(first.waitForStarted());
        // Mid-stream: the gateway steps a second at a time while the console ingests, and
        // the console is killed once it has committed a few hundred events.
        QVERIFY(QTest::qWaitFor([&] { return gw.step(1000) >= 0 && committedEvents(db) >= 300; }, 30000));
        first.kill(); // SIGKILL: no flush, no clean close
        QVERIFY(first.waitForFinished(5000));

        QProcess second;
        second.start(exe, args);
        QVERIFY(second.waitForStarted());
        const std::int64_t before = committedEvents(db);
        QVERIFY(QTest::qWaitFor([&] { return gw.step(1000) >= 0 && committedEvents(db) > before + 300; }, 30000));
        // No more steps: heartbeats reveal any lost tail, the console resyncs and commits
        // up to the gateway's last seq.
        QVERIFY(QTest::qWaitFor([&] { return committedUpTo(db, gw); }, 20000));
        second.terminate(); // SIGTERM: clean stop prints the stats line
        QVERIFY(second.waitForFinished(10000));
        QCOMPARE(second.exitStatus(), QProcess::NormalExit);
        QCOMPARE(second.exitCode(), 0);
        const QByteArray out = second.readAllStandardOutput();
        QVERIFY2(out.contains("\"applied\""), out.constData());

        compareWithTruth(db, gw.truthOrderStates());
        expectNoEventTwice(db);
        gw.stop();
    }
};

QTEST_GUILESS_MAIN(TestEndToEnd)
#include "tst_end_to_end.moc"
