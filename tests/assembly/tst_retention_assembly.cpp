// Event-log retention in the console as assembled (issue 16): a console restarted with a
// shorter retention purges, by its feed clock (the gateway's heartbeat, not the wall
// clock), exactly the logged events older than the retention; what is newer stays, and no
// order timeline points at a purged row. The headless stats report the purge.
#include "ScriptedGateway.h"
#include "app/assembly/ConsoleAssembly.h"
#include "app/cli/HeadlessRunner.h"
#include "app/features/retention/RetentionFeature.h"
#include "sim/City.h"
#include "sim/Simulation.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <set>

using namespace opsdeck;

namespace {

constexpr std::int64_t kStartMs = 1796630400000; // 2026-12-07 08:00:00 UTC
constexpr std::int64_t kRetentionMs = 120 * 1000;

std::int64_t scalar(const QString &path, const std::string &sql)
{
    sqlite3 *db = nullptr;
    sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt *st = nullptr;
    std::int64_t v = -1;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

app::ConsoleOptions optionsOn(const feed::test::ScriptedGateway &gw, const QString &db, int tickMs)
{
    app::ConsoleOptions o;
    o.runtime.feed = gw.feedEndpoint();
    o.runtime.snapshot = gw.snapshotEndpoint();
    o.runtime.control = gw.controlEndpoint();
    o.runtime.dbPath = db;
    o.runtime.clockMs = [] { return kStartMs; }; // until the feed tells its time
    o.runtime.tickIntervalMs = tickMs;
    return o;
}

} // namespace

class TstRetentionAssembly final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void restartWithAShorterRetentionPurgesByFeedTime()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("shift.db"));
        // Four minutes of a seeded city, logged by a console keeping the default 30 days.
        sim::SimulationOptions so;
        so.seed = 11;
        so.riders = 24;
        so.ordersPerMin = 120;
        so.depots = 2;
        so.startMs = kStartMs;
        sim::Simulation simulation(sim::City::load(), so);
        std::vector<sim::WireMessage> messages;
        for (int i = 0; i < 240; ++i)
            simulation.step(1000, messages);
        {
            feed::test::ScriptedGateway gw(simulation.epoch());
            for (const auto &[depot, seq] : simulation.seqs())
                gw.lose(depot, 0);
            app::ConsoleAssembly console(app::headlessAssembly(optionsOn(gw, db, 3600 * 1000)), nullptr);
            QString error;
            QVERIFY2(console.start(&error), qPrintable(error));
            QVERIFY(gw.waitForSubscriber(10000));
            // In slices the console has applied before the next: the PUB queue never overflows.
            for (std::size_t at = 0; at < messages.size(); at += 400) {
                const std::size_t end = std::min(messages.size(), at + 400);
                for (std::size_t i = at; i < end; ++i)
                    gw.publishFrames({messages[i].topic, messages[i].envelope});
                QVERIFY(QTest::qWaitFor(
                    [&] { return console.runtime().eventsPersisted() >= static_cast<std::int64_t>(end); }, 30000));
            }
            QCOMPARE(console.runtime().feedStats().gaps.load(), std::int64_t(0));
            console.stop();
        }
        const std::int64_t newest = scalar(db, "SELECT max(ts_ms) FROM events");
        const std::int64_t cutoff = newest - kRetentionMs;
        const std::string older = "SELECT count(*) FROM events WHERE ts_ms < " + std::to_string(cutoff);
        const std::string newer = "SELECT count(*) FROM events WHERE ts_ms >= " + std::to_string(cutoff);
        const std::int64_t toPurge = scalar(db, older), toKeep = scalar(db, newer);
        QVERIFY(toPurge > 100);
        QVERIFY(toKeep > 100);
        QVERIFY(scalar(db, "SELECT count(*) FROM board_order_events") > 0);

        // Restarted with 2 minutes, under a gateway whose clock says "the newest event".
        feed::test::ScriptedGateway gw("gw-after-restart");
        gw.setTimeMs(newest);
        app::ConsoleOptions options = optionsOn(gw, db, 20);
        options.eventRetentionMs = kRetentionMs;
        app::ConsoleAssembly console(app::headlessAssembly(options), nullptr);
        QString error;
        QVERIFY2(console.start(&error), qPrintable(error));
        auto *retention = console.feature<app::RetentionFeature>();
        QVERIFY(retention);
        QVERIFY(gw.waitForSubscriber(10000));
        gw.heartbeat();
        QTRY_VERIFY_WITH_TIMEOUT(retention->retention().progress().passes >= 1
                                     && !retention->retention().progress().running,
                                 20000);
        const QJsonObject stats = retention->statsJson();
        console.stop();

        QCOMPARE(scalar(db, older), std::int64_t(0));
        QCOMPARE(scalar(db, newer), toKeep);
        QCOMPARE(static_cast<std::int64_t>(stats.value(QStringLiteral("events_purged")).toInteger()), toPurge);
        QCOMPARE(retention->retention().progress().cutoffMs, cutoff);
        QCOMPARE(scalar(db, "SELECT count(*) FROM board_order_events k JOIN streams s ON s.epoch = k.epoch AND "
                            "s.depot = k.depot LEFT JOIN events e ON e.key = (s.id << 40) | k.seq WHERE e.key IS NULL"),
                 std::int64_t(0));
    }
};

QTEST_MAIN(TstRetentionAssembly)
#include "tst_retention_assembly.moc"
