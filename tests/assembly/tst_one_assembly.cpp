// One console, assembled once: the headless console and the window, fed the same
// deterministic stream (a seeded simulation stepped by the test, replayed through a
// scripted gateway), write the same tables with the same row counts; an order logged by
// the headless console has its timeline in the window later.
#include "ScriptedGateway.h"
#include "app/assembly/ConsoleAssembly.h"
#include "app/assembly/WindowConsole.h"
#include "app/cli/HeadlessRunner.h"
#include "app/features/ConsoleFeatures.h"
#include "app/shell/ConsoleContextAdapter.h"
#include "app/shell/MainWindow.h"
#include "sdk/OrderHistory.h"
#include "sim/City.h"
#include "sim/Simulation.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <map>
#include <set>

using namespace opsdeck;

namespace {

// 2026-12-07 08:00:00 UTC: the stream's start; the consoles' clock stays here, so no
// time-driven rule depends on how the test's threads were scheduled.
constexpr std::int64_t kStartMs = 1796630400000;

struct Stream {
    std::string epoch;
    std::set<std::string> depots;
    std::vector<sim::WireMessage> messages;
};

Stream simulatedStream(int seconds)
{
    sim::SimulationOptions o;
    o.seed = 11;
    o.riders = 24;
    o.ordersPerMin = 120;
    o.depots = 2;
    o.startMs = kStartMs;
    sim::Simulation simulation(sim::City::load(), o);
    Stream s;
    s.epoch = simulation.epoch();
    for (int i = 0; i < seconds; ++i)
        simulation.step(1000, s.messages);
    for (const auto &[depot, seq] : simulation.seqs())
        s.depots.insert(depot);
    return s;
}

std::map<std::string, std::int64_t> tableCounts(const QString &path)
{
    std::map<std::string, std::int64_t> counts;
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return counts;
    }
    std::vector<std::string> names;
    sqlite3_stmt *st = nullptr;
    // FTS5 keeps its index in shadow tables whose row counts follow the transactions'
    // sizes, not the data: the virtual table's own count is compared instead.
    sqlite3_prepare_v2(db,
                       "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND "
                       "NOT EXISTS (SELECT 1 FROM sqlite_master v WHERE v.sql LIKE 'CREATE VIRTUAL TABLE%' AND "
                       "sqlite_master.name LIKE v.name || '\\_%' ESCAPE '\\') ORDER BY name",
                       -1, &st, nullptr);
    while (sqlite3_step(st) == SQLITE_ROW)
        names.emplace_back(reinterpret_cast<const char *>(sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    // The track store's tail, blocks and repack state also follow the transactions
    // (one tail row per write); its fixes are compared by their count instead.
    std::erase_if(names, [](const std::string &n) { return n == "track_tail" || n == "track_blocks" || n == "track_state"; });
    names.emplace_back("fixes_stored");
    for (const auto &name : names) {
        const std::string sql = name == "fixes_stored" ? "SELECT value FROM totals WHERE key = 'fixes_stored'"
                                                       : "SELECT count(*) FROM \"" + name + "\"";
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
            counts[name] = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return counts;
}

std::string firstOrderWithEvents(const QString &path, std::int64_t *events)
{
    sqlite3 *db = nullptr;
    sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt *st = nullptr;
    std::string id;
    sqlite3_prepare_v2(db,
                       "SELECT order_id, count(*) AS n FROM board_order_events GROUP BY order_id "
                       "ORDER BY n DESC, order_id LIMIT 1",
                       -1, &st, nullptr);
    if (sqlite3_step(st) == SQLITE_ROW) {
        id = reinterpret_cast<const char *>(sqlite3_column_text(st, 0));
        *events = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return id;
}

app::RuntimeOptions runtimeOn(const feed::test::ScriptedGateway &gw, const QString &db)
{
    app::RuntimeOptions o;
    o.feed = gw.feedEndpoint();
    o.snapshot = gw.snapshotEndpoint();
    o.control = gw.controlEndpoint();
    o.dbPath = db;
    o.clockMs = [] { return kStartMs; };
    // No tick during the replay, one when stopping: what the observers write depends on
    // the events alone, not on how fast this machine replayed them.
    o.tickIntervalMs = 3600 * 1000;
    return o;
}

// Publishes the stream in slices and waits for the console to have applied each slice
// before the next, so the PUB socket's queue never overflows: every frame arrives.
bool replay(feed::test::ScriptedGateway &gw, const Stream &stream, const app::ConsoleRuntime &runtime)
{
    if (!gw.waitForSubscriber(10000))
        return false;
    const std::size_t slice = 400;
    for (std::size_t at = 0; at < stream.messages.size(); at += slice) {
        const std::size_t end = std::min(stream.messages.size(), at + slice);
        for (std::size_t i = at; i < end; ++i)
            gw.publishFrames({stream.messages[i].topic, stream.messages[i].envelope});
        const auto want = static_cast<std::int64_t>(end);
        if (!QTest::qWaitFor([&] { return runtime.eventsPersisted() >= want; }, 30000))
            return false;
    }
    return runtime.feedStats().gaps.load() == 0 && runtime.feedStats().rejectedTotal() == 0;
}

std::unique_ptr<feed::test::ScriptedGateway> gatewayFor(const Stream &stream)
{
    auto gw = std::make_unique<feed::test::ScriptedGateway>(stream.epoch);
    for (const auto &depot : stream.depots)
        gw->lose(depot, 0); // every depot at seq 0 in the snapshot: the stream starts at 1
    return gw;
}

} // namespace

class TstOneAssembly final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // no user's alert rules or settings
        QVERIFY(m_dir.isValid());
        m_stream = simulatedStream(240);
        QVERIFY(m_stream.messages.size() > 2000);
    }

    void headlessAndWindowWriteTheSameTables()
    {
        const QString headlessDb = m_dir.filePath(QStringLiteral("headless.db"));
        const QString windowDb = m_dir.filePath(QStringLiteral("window.db"));
        {
            auto gw = gatewayFor(m_stream);
            app::ConsoleOptions options;
            options.runtime = runtimeOn(*gw, headlessDb);
            app::ConsoleAssembly console(app::headlessAssembly(options), nullptr);
            QString error;
            QVERIFY2(console.start(&error), qPrintable(error));
            QVERIFY(replay(*gw, m_stream, console.runtime()));
            console.stop();
        }
        {
            auto gw = gatewayFor(m_stream);
            app::ConsoleOptions options;
            options.runtime = runtimeOn(*gw, windowDb);
            options.settingsPath = m_dir.filePath(QStringLiteral("window.ini"));
            options.user = QStringLiteral("wang");
            app::WindowConsole console(options);
            QString error;
            QVERIFY2(console.start(&error), qPrintable(error));
            console.window()->resize(1920, 1080);
            console.window()->show();
            QVERIFY(QTest::qWaitForWindowExposed(console.window()));
            QVERIFY(replay(*gw, m_stream, console.assembly().runtime()));
            console.shutdown();
        }
        const auto headless = tableCounts(headlessDb);
        const auto window = tableCounts(windowDb);
        QVERIFY(!headless.empty());
        for (const auto &[name, n] : headless)
            qInfo("%s: headless %lld, window %lld", name.c_str(), static_cast<long long>(n),
                  static_cast<long long>(window.count(name) ? window.at(name) : -1));
        std::set<std::string> headlessTables, windowTables;
        for (const auto &[name, n] : headless)
            headlessTables.insert(name);
        for (const auto &[name, n] : window)
            windowTables.insert(name);
        for (const auto &name : windowTables)
            QVERIFY2(headlessTables.count(name), ("headless lacks table " + name).c_str());
        for (const auto &name : headlessTables)
            QVERIFY2(windowTables.count(name), ("window lacks table " + name).c_str());
        // Each feature's tables are there and hold the same rows.
        for (const char *table : {"events", "orders", "riders", "board_order_events", "control_audit",
                                  "alert_records", "track_riders", "geofence_events"})
            QVERIFY2(headless.count(table), table);
        // Rider fixes are in the track store, everything else in the log (docs/storage.md).
        QCOMPARE(headless.at("events") + headless.at("fixes_stored"), static_cast<std::int64_t>(m_stream.messages.size()));
        // The final second's records reach the store too (a last observer tick on stop).
        for (const char *table : {"board_order_events", "track_riders", "fixes_stored", "kpi_minute"})
            QVERIFY2(headless.at(table) > 0, table);
        for (const auto &[name, n] : headless)
            QVERIFY2(window.at(name) == n, (name + ": headless " + std::to_string(n) + ", window "
                                            + std::to_string(window.at(name))).c_str());
    }

    void headlessLoggedOrderHasItsTimelineInTheWindow()
    {
        const QString headlessDb = m_dir.filePath(QStringLiteral("headless.db"));
        std::int64_t stored = 0;
        const std::string orderId = firstOrderWithEvents(headlessDb, &stored);
        QVERIFY(!orderId.empty());
        QVERIFY(stored >= 2);

        auto gw = gatewayFor(m_stream); // a quiet gateway: the window reads what is stored
        app::ConsoleOptions options;
        options.runtime = runtimeOn(*gw, headlessDb);
        options.settingsPath = m_dir.filePath(QStringLiteral("timeline.ini"));
        app::WindowConsole console(options);
        QString error;
        QVERIFY2(console.start(&error), qPrintable(error));
        auto *history = console.context().service<sdk::OrderHistory>();
        QVERIFY(history);
        QSignalSpy ready(history, &sdk::OrderHistory::detailReady);
        history->requestDetail(QString::fromStdString(orderId));
        QVERIFY(ready.wait(10000));
        const auto detail = ready.takeFirst().at(0).value<sdk::OrderDetail>();
        QCOMPARE(detail.orderId, QString::fromStdString(orderId));
        QCOMPARE(static_cast<std::int64_t>(detail.timeline.size()), stored);
        console.shutdown();
    }

    void everyModeUsesTheOneList()
    {
        const auto names = app::consoleFeatureNames();
        for (const char *feature : {"board", "intake", "alerts", "map", "kpi", "selection"})
            QVERIFY2(std::find(names.begin(), names.end(), feature) != names.end(), feature);
        app::ConsoleOptions options;
        options.runtime.feed = "tcp://127.0.0.1:1";
        const auto headless = app::headlessAssembly(options);
        QVERIFY(headless.onlyFeatures.empty()); // every feature
        QVERIFY(!headless.features.withGui);
    }

private:
    QTemporaryDir m_dir;
    Stream m_stream;
};

QTEST_MAIN(TstOneAssembly)
#include "tst_one_assembly.moc"
