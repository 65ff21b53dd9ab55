// Alerts across a restart on one real SQLite file: the pipeline (engine on a real
// ConsoleCore thread, tables written through a real StoreWorker) reloads what was
// open, and re-detecting the same conditions adds nothing new. History is searchable.
#include "AlertFeed.h"

#include "app/features/alerts/AlertPipeline.h"
#include "core/pipeline/ConsoleCore.h"
#include "store/alerts/AlertStore.h"
#include "store/log/EventStore.h"
#include "store/db/Sqlite.h"
#include "store/db/StoreWorker.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>

using namespace alerttest;
using namespace opsdeck;

namespace {

// One console run: store thread, core thread with an injected clock, alert pipeline.
struct Run {
    Run(const QString &db, std::atomic<std::int64_t> &clock, const QString &rulesPath = {})
        : pipeline(app::AlertPipeline::Options{rulesPath, {}, {}})
    {
        auto es = std::make_unique<store::EventStore>();
        es->open(db);
        store::LoadedState loaded = es->load();
        Projections projections;
        projections.load(std::move(loaded.orders), std::move(loaded.riders));
        worker = std::make_unique<store::StoreWorker>(std::move(es));
        ConsoleCore::Options o;
        o.tickIntervalMs = 10;
        o.wallClockMs = [&clock] { return clock.load(); };
        store::StoreWorker *w = worker.get();
        core = std::make_unique<ConsoleCore>(std::move(projections),
                                             [w](StoreBatch &&b) { w->submit(std::move(b)); }, nullptr, o);
        pipeline.setListener([this](const AlertOutput &out) { changes += static_cast<int>(out.changes.size()); });
        pipeline.assemble(*core, *worker);
        core->start();
    }
    ~Run() { stop(); }
    void stop()
    {
        if (core)
            core->stop();
        if (worker)
            worker->stop();
    }
    void post(std::vector<Event> events)
    {
        FeedBatch b;
        b.events = std::move(events);
        core->post(std::move(b));
    }
    // Waits for `n` more alert changes to have been handed to the store, then for the store.
    bool waitForChanges(int atLeast)
    {
        const bool ok = QTest::qWaitFor([&] { return changes.load() >= atLeast; }, 5000);
        worker->waitUntilIdle(std::chrono::milliseconds(5000));
        // post() jobs run before the next write; one more empty job makes sure ours ran.
        std::promise<void> done;
        worker->post([&done](store::EventStore &) { done.set_value(); });
        done.get_future().wait_for(std::chrono::seconds(5));
        return ok;
    }

    app::AlertPipeline pipeline;
    std::unique_ptr<store::StoreWorker> worker;
    std::unique_ptr<ConsoleCore> core;
    std::atomic<int> changes{0};
};

std::int64_t count(const QString &db, const char *sql)
{
    store::EventStore s;
    s.open(db);
    return s.database().queryInt(sql);
}

} // namespace

class TestAlertStore final : public QObject
{
    Q_OBJECT

private slots:
    void restartDoesNotDuplicateAlerts()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath("console.db");
        std::atomic<std::int64_t> clock{kT0};
        {
            Run run(db, clock);
            QCOMPARE(run.pipeline.restoredAlerts().size(), std::size_t(0));
            run.post({created("o1", kT0), make(EventKind::OrderPaid, kT0, "o1"), created("o2", kT0),
                      make(EventKind::OrderPaid, kT0, "o2"), report("r1", "o2", kT0)});
            QVERIFY(run.waitForChanges(1)); // the report
            clock = kT0 + 11 * kMin;        // both orders now breach "paid, not picking"
            QVERIFY(run.waitForChanges(3));
        }
        QCOMPARE(count(db, "SELECT COUNT(*) FROM alert_records WHERE state <> 'resolved'"), std::int64_t(3));
        const std::int64_t changesBefore = count(db, "SELECT COUNT(*) FROM alert_changes");

        {
            Run run(db, clock);
            QCOMPARE(run.pipeline.restoredAlerts().size(), std::size_t(3));
            // The same conditions are found again (projections reloaded from the store) and
            // the same report repeats: folded into the reloaded alerts, no new rows.
            clock = kT0 + 12 * kMin;
            run.post({report("r1", "o2", kT0 + 12 * kMin)});
            QVERIFY(run.waitForChanges(1));
            clock = kT0 + 13 * kMin;
            QTest::qWait(100);
            run.stop();
            QCOMPARE(run.changes.load(), 1); // only "repeated"
        }
        QCOMPARE(count(db, "SELECT COUNT(*) FROM alert_records"), std::int64_t(3));
        QCOMPARE(count(db, "SELECT COUNT(*) FROM alert_records WHERE state <> 'resolved'"), std::int64_t(3));
        QCOMPARE(count(db, "SELECT count FROM alert_records WHERE rule_id = 'exception.rider_report'"), std::int64_t(2));
        QCOMPARE(count(db, "SELECT COUNT(*) FROM alert_changes"), changesBefore + 1);

        // Third run: o1 was picked meanwhile; its reloaded alert resolves itself and says so.
        {
            Run run(db, clock);
            run.post({stockChecked("o1", kT0 + 14 * kMin, true)});
            QVERIFY(run.waitForChanges(1));
        }
        QCOMPARE(count(db, "SELECT COUNT(*) FROM alert_records WHERE state <> 'resolved'"), std::int64_t(2));
        QCOMPARE(count(db, "SELECT COUNT(*) FROM alert_changes WHERE action = 'auto_resolved' AND by_user = 'system' "
                           "AND note LIKE '%PICKING%'"),
                 std::int64_t(1));
    }

    void databaseRefusesASecondOpenAlertForOneSubject()
    {
        QTemporaryDir dir;
        store::EventStore s;
        s.open(dir.filePath("x.db"));
        store::alertstore::ensureSchema(s.database());
        Alert a;
        a.id = 1;
        a.ruleId = "r";
        a.kind = "k";
        a.subject.key = "o1";
        a.roles = {"dispatcher"};
        AlertOutput out;
        out.changes.push_back({a, "raised", "system", kT0, {}});
        store::alertstore::write(s.database(), out);
        out.changes.front().alert.id = 2;
        QVERIFY_THROWS_EXCEPTION(std::exception, store::alertstore::write(s.database(), out));
        QCOMPARE(s.database().queryInt("SELECT COUNT(*) FROM alert_records"), std::int64_t(1)); // rolled back
    }

    void historyIsSearchable()
    {
        QTemporaryDir dir;
        store::EventStore s;
        s.open(dir.filePath("h.db"));
        store::alertstore::ensureSchema(s.database());
        Alert a;
        a.id = 7;
        a.ruleId = "exception.rider_report";
        a.kind = "rider_reported_exception";
        a.subject.key = "o-42";
        a.message = "rider r9 reported traffic_accident: scooter hit";
        a.roles = {"dispatcher"};
        AlertOutput out;
        out.changes.push_back({a, "raised", "system", kT0, {}});
        a.state = AlertState::Acknowledged;
        out.changes.push_back({a, "acknowledged", "alice", kT0 + 1000, {}});
        a.state = AlertState::Resolved;
        out.changes.push_back({a, "resolved", "alice", kT0 + 2000, "called the customer"});
        store::alertstore::write(s.database(), out);

        auto hits = store::alertstore::searchHistory(s.database(), "scooter", 10);
        QCOMPARE(hits.size(), std::size_t(3));
        QCOMPARE(hits.front().action, std::string("resolved")); // newest first
        hits = store::alertstore::searchHistory(s.database(), "alice custom", 10); // prefix words, all must match
        QCOMPARE(hits.size(), std::size_t(1));
        QCOMPARE(hits.front().note, std::string("called the customer"));
        QCOMPARE(hits.front().atMs, kT0 + 2000);
        // FTS syntax in user input is just text.
        QCOMPARE(store::alertstore::searchHistory(s.database(), "\"o-42 AND (", 10).size(), std::size_t(0));
        QCOMPARE(store::alertstore::searchHistory(s.database(), "o-42", 10).size(), std::size_t(3));
        QCOMPARE(store::alertstore::searchHistory(s.database(), {}, 2).size(), std::size_t(2));
    }

    void badOverrideFileKeepsTheGoodRules()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("rules.json");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"version":1,"rules":[
            {"id":"a","kind":"rider_battery_low","thresholds":{"pct":20},"severity":"warning","roles":["dispatcher"]},
            {"id":"b","kind":"rider_battery_low","thresholds":{"pct":200},"severity":"warning","roles":["dispatcher"]}]})");
        f.close();
        std::atomic<std::int64_t> clock{kT0};
        Run run(dir.filePath("c.db"), clock, path);
        QCOMPARE(run.pipeline.ruleSet().rules.size(), std::size_t(1));
        QCOMPARE(run.pipeline.ruleSet().errors.size(), std::size_t(1));
        QCOMPARE(run.pipeline.ruleSet().source, path);
        run.post({riderStatus("r1", "idle", kT0), riderPosition("r1", kT0, 39.92, 116.46, 18)});
        QVERIFY(run.waitForChanges(1)); // 18 % is low for rule "a" (20 %)
    }
};

QTEST_GUILESS_MAIN(TestAlertStore)
#include "tst_alert_store.moc"
