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
        : pipeline(app::AlertPipeline::Options{rulesPath, {}, {}, {}})
    {
        auto es = std::make_unique<store::EventStore>();
        es->open(db);
        store::LoadedState loaded = es->load();
        Projections projections;
        projections.load(std::move(loaded.orders), std::move(loaded.riders));
        worker = std::make_unique<store::StoreWorker>(std::move(es));
        ConsoleCore::Options o;
        o.tickIntervalMs = 10;
        o.wallClockMs = [this, &clock] {
            ++clockReads; // once per tick: lets a test wait for ticks instead of for time
            return clock.load();
        };
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

    // A whole tick has run on whatever the clock said before this call once the count
    // has moved on by two (the engine hands its changes over inside the tick).
    bool waitForTicks(int ticks)
    {
        const int from = clockReads.load();
        return QTest::qWaitFor([&] { return clockReads.load() >= from + ticks + 1; }, 5000);
    }

    std::atomic<int> clockReads{0};
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

        // Messages are stored as code and arguments (and as English for search).
        QCOMPARE(count(db, "SELECT COUNT(*) FROM alert_records WHERE rule_id = 'sla.paid_not_picking' "
                           "AND message_code = 'order.state_timeout' AND message_args = '[\"PAID\",660000,10]' "
                           "AND message = 'in PAID for 11 min (limit 10 min)'"),
                 std::int64_t(2));
        {
            Run run(db, clock);
            QCOMPARE(run.pipeline.restoredAlerts().size(), std::size_t(3));
            // Restored alerts keep their code and arguments, so the views word them again.
            for (const Alert &a : run.pipeline.restoredAlerts()) {
                if (a.ruleId == "sla.paid_not_picking")
                    QVERIFY(a.message == alertMessage(AlertCode::StateTimeout, "PAID", 11 * kMin, 10));
                else
                    QVERIFY(a.message == alertMessage(AlertCode::RiderReportNote, "r1", "traffic_accident", "scooter hit"));
            }
            // The same conditions are found again (projections reloaded from the store) and
            // the same report repeats: folded into the reloaded alerts, no new rows.
            clock = kT0 + 12 * kMin;
            run.post({report("r1", "o2", kT0 + 12 * kMin)});
            QVERIFY(run.waitForChanges(1));
            clock = kT0 + 13 * kMin;
            QVERIFY(run.waitForTicks(3)); // three ticks at 13 min find nothing new
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
                           "AND note LIKE '%PICKING%' AND note_code LIKE 'cleared.order_%' AND note_args = '[\"PICKING\"]'"),
                 std::int64_t(1));
    }

    // A database from before message codes: its tables gain the code columns, and its
    // rows (English text only) load with that text, are found by search and keep working.
    void oldRowsWithoutCodesStillShow()
    {
        QTemporaryDir dir;
        store::EventStore s;
        s.open(dir.filePath("old.db"));
        s.database().exec(R"sql(
CREATE TABLE alert_records (
    id INTEGER PRIMARY KEY, rule_id TEXT NOT NULL, kind TEXT NOT NULL, subject_kind TEXT NOT NULL, subject TEXT NOT NULL,
    order_id TEXT, rider_id TEXT, depot TEXT, severity TEXT NOT NULL, base_severity TEXT NOT NULL, escalated INTEGER NOT NULL,
    state TEXT NOT NULL, count INTEGER NOT NULL, first_at INTEGER NOT NULL, last_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL, snoozed_until INTEGER NOT NULL, message TEXT NOT NULL, roles TEXT NOT NULL,
    acknowledged_by TEXT, assignee TEXT, resolved_by TEXT, note TEXT);
CREATE TABLE alert_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT, alert_id INTEGER NOT NULL, at_ms INTEGER NOT NULL, action TEXT NOT NULL,
    by_user TEXT NOT NULL, state TEXT NOT NULL, severity TEXT NOT NULL, rule_id TEXT NOT NULL, subject TEXT NOT NULL,
    message TEXT NOT NULL, note TEXT NOT NULL);
CREATE VIRTUAL TABLE alert_changes_fts USING fts5(
    rule_id, subject, message, action, by_user, note, content='alert_changes', content_rowid='id');
INSERT INTO alert_records VALUES (5, 'sla.paid_not_picking', 'order_state_timeout', 'order', 'o-9', 'o-9', NULL, 'BJ-CY-01',
    'warning', 'warning', 0, 'acknowledged', 1, 1000, 1000, 2000, 0, 'in PAID for 12 min (limit 10 min)', 'dispatcher,merchant',
    'alice', NULL, NULL, NULL);
INSERT INTO alert_changes (alert_id, at_ms, action, by_user, state, severity, rule_id, subject, message, note)
    VALUES (5, 2000, 'acknowledged', 'alice', 'acknowledged', 'warning', 'sla.paid_not_picking', 'o-9',
            'in PAID for 12 min (limit 10 min)', '');
INSERT INTO alert_changes_fts (rowid, rule_id, subject, message, action, by_user, note)
    VALUES (last_insert_rowid(), 'sla.paid_not_picking', 'o-9', 'in PAID for 12 min (limit 10 min)', 'acknowledged', 'alice', '');
)sql");
        store::alertstore::ensureSchema(s.database());
        store::alertstore::ensureSchema(s.database()); // twice: the migration is idempotent
        QCOMPARE(s.database().queryInt("SELECT COUNT(*) FROM pragma_table_info('alert_changes') WHERE name LIKE '%_code'"),
                 std::int64_t(2));

        store::alertstore::Loaded loaded = store::alertstore::load(s.database());
        QCOMPARE(loaded.open.size(), std::size_t(1));
        const Alert &old = loaded.open.front();
        QVERIFY(old.message == AlertMessage::text("in PAID for 12 min (limit 10 min)"));
        QVERIFY(old.note.isEmpty());
        QCOMPARE(old.acknowledgedBy, std::string("alice"));

        // It lives on: resolved with a system note (a code), stored next to the old rows.
        Alert resolved = old;
        resolved.state = AlertState::Resolved;
        resolved.note = alertMessage(AlertCode::ClearedOrderMoved, "PICKING");
        AlertOutput out;
        out.changes.push_back({resolved, "auto_resolved", "system", 3000, resolved.note});
        store::alertstore::write(s.database(), out);
        auto hits = store::alertstore::searchHistory(s.database(), "PAID limit", 10);
        QCOMPARE(hits.size(), std::size_t(2));
        QVERIFY(hits.front().note == alertMessage(AlertCode::ClearedOrderMoved, "PICKING"));
        QVERIFY(hits.back().message == AlertMessage::text("in PAID for 12 min (limit 10 min)"));
        QVERIFY(hits.back().note.isEmpty());
        QCOMPARE(store::alertstore::searchHistory(s.database(), "condition cleared PICKING", 10).size(), std::size_t(1));
        QCOMPARE(s.database().queryInt("SELECT COUNT(*) FROM alert_records WHERE id = 5 AND message_code IS NULL "
                                       "AND note_code = 'cleared.order_moved' AND state = 'resolved'"),
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
        a.message = alertMessage(AlertCode::RiderReportNote, "r9", "traffic_accident", "scooter hit");
        a.roles = {"dispatcher"};
        AlertOutput out;
        out.changes.push_back({a, "raised", "system", kT0, {}});
        a.state = AlertState::Acknowledged;
        out.changes.push_back({a, "acknowledged", "alice", kT0 + 1000, {}});
        a.state = AlertState::Resolved;
        out.changes.push_back({a, "resolved", "alice", kT0 + 2000, AlertMessage::text("called the customer")});
        store::alertstore::write(s.database(), out);

        auto hits = store::alertstore::searchHistory(s.database(), "scooter", 10);
        QCOMPARE(hits.size(), std::size_t(3));
        QCOMPARE(hits.front().action, std::string("resolved")); // newest first
        hits = store::alertstore::searchHistory(s.database(), "alice custom", 10); // prefix words, all must match
        QCOMPARE(hits.size(), std::size_t(1));
        QCOMPARE(formatEnglish(hits.front().note), std::string("called the customer"));
        QVERIFY(hits.front().message == a.message); // code and arguments come back
        QCOMPARE(hits.front().atMs, kT0 + 2000);
        // FTS syntax in user input is just text.
        QCOMPARE(store::alertstore::searchHistory(s.database(), "\"o-42 AND (", 10).size(), std::size_t(0));
        QCOMPARE(store::alertstore::searchHistory(s.database(), "o-42", 10).size(), std::size_t(3));
        QCOMPARE(store::alertstore::searchHistory(s.database(), {}, 2).size(), std::size_t(2));

        // Arguments are searchable through the English text: a burst alert's subject is a
        // hashed account, the order id only one of its arguments.
        Alert burst;
        burst.id = 8;
        burst.ruleId = "storm.burst_account";
        burst.kind = "suspicious_burst";
        burst.subject.key = "account:0123456789ab";
        burst.message = alertMessage(AlertCode::BurstAccount, 5, 10, "o-77");
        burst.roles = {"customer_service"};
        AlertOutput more;
        more.changes.push_back({burst, "raised", "system", kT0 + 3000, {}});
        store::alertstore::write(s.database(), more);
        hits = store::alertstore::searchHistory(s.database(), "o-77", 10);
        QCOMPARE(hits.size(), std::size_t(1));
        QVERIFY(hits.front().message == burst.message);
        QCOMPARE(store::alertstore::searchHistory(s.database(), "orders within account", 10).size(), std::size_t(1));
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
