// End to end: a real in-process opsfeed gateway over tcp loopback, the real console
// pipeline (feed thread, core thread, store thread, SQLite file) with the alert
// pipeline joined through ConsoleRuntime::addAssembleHook, as in main(). Rules with
// short thresholds make alerts fire, and resolve themselves once the orders move on.
// The gateway is paused and stepped: a simulated minute makes orders wait past the
// thresholds, the next one moves them on, whatever the machine's load.
#include "app/features/alerts/AlertPipeline.h"
#include "app/runtime/ConsoleRuntime.h"
#include "sim/Gateway.h"
#include "store/log/EventStore.h"
#include "store/db/Sqlite.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <mutex>

using namespace opsdeck;

class TestAlertEndToEnd final : public QObject
{
    Q_OBJECT

private slots:
    void alertsFireAndClearOnALiveFeed()
    {
        QTemporaryDir dir;
        const QString rules = dir.filePath("rules.json");
        QFile f(rules);
        QVERIFY(f.open(QIODevice::WriteOnly));
        // 1.2 s in PAID / PICKING is long; the simulator then moves the order on, so each
        // alert also resolves itself.
        f.write(R"({"version":1,"rules":[
          {"id":"e2e.paid","kind":"order_state_timeout","state":"PAID","thresholds":{"minutes":0.02},"severity":"warning","roles":["dispatcher"]},
          {"id":"e2e.picking","kind":"order_state_timeout","state":"PICKING","thresholds":{"minutes":0.02},"severity":"warning","roles":["dispatcher"]},
          {"id":"e2e.bad","kind":"no_such_kind","severity":"warning","roles":["dispatcher"]}]})");
        f.close();

        sim::GatewayOptions g;
        g.seed = 7;
        g.riders = 40;
        g.ordersPerMin = 300;
        g.startMs = 1796000000000LL; // a fixed afternoon: the console judges time by the feed's
        g.feedBind = "tcp://127.0.0.1:*";
        g.snapshotBind = "tcp://127.0.0.1:*";
        g.controlBind = "tcp://127.0.0.1:*";
        sim::Gateway gw(g);
        gw.setPaused(true); // simulated time passes only in step()
        gw.start();

        app::RuntimeOptions o;
        o.feed = gw.feedEndpoint();
        o.snapshot = gw.snapshotEndpoint();
        o.control = gw.controlEndpoint();
        o.dbPath = dir.filePath("console.db");
        o.tickIntervalMs = 100; // the rules look soon after each step
        app::ConsoleRuntime runtime(o, nullptr);
        app::AlertPipeline::Options options = app::alertPipelineOptions(runtime);
        options.rulesOverridePath = rules;
        app::AlertPipeline alerts(options);
        QCOMPARE(alerts.ruleSet().rules.size(), std::size_t(2));
        QCOMPARE(alerts.ruleSet().errors.size(), std::size_t(1)); // reported, the rest loaded

        std::mutex mutex;
        std::map<std::string, int> raised, resolved;
        alerts.setListener([&](const core::AlertOutput &out) {
            std::lock_guard lock(mutex);
            for (const auto &c : out.changes) {
                if (c.action == "raised")
                    ++raised[c.alert.ruleId];
                if (c.action == "auto_resolved")
                    ++resolved[c.alert.ruleId];
            }
        });
        runtime.addAssembleHook([&alerts](core::ConsoleCore &core, store::StoreWorker &store) { alerts.assemble(core, store); });
        QString error;
        QVERIFY2(runtime.start(&error), qPrintable(error));
        const auto count = [&](const std::map<std::string, int> &counts, const std::string &rule) {
            std::lock_guard lock(mutex);
            const auto it = counts.find(rule);
            return it == counts.end() ? 0 : it->second;
        };
        // The subscription is live once a heartbeat (step(0) sends one at once) is in: the
        // steps arrive on the feed.
        QTRY_VERIFY_WITH_TIMEOUT(gw.step(0) >= 0 && runtime.feedStats().heartbeats.load() > 0, 10000);
        // A simulated minute: orders are paid and picked, and wait past 1.2 s by its end.
        QVERIFY(gw.step(60000) > 0);
        const bool fired = QTest::qWaitFor([&] { return count(raised, "e2e.paid") > 0 && count(raised, "e2e.picking") > 0; }, 10000);
        // Another minute moves them on: the alerts resolve themselves.
        QVERIFY(gw.step(60000) > 0);
        const bool cleared = fired && QTest::qWaitFor([&] {
            return count(resolved, "e2e.paid") > 0 && count(resolved, "e2e.picking") > 0;
        }, 10000);
        {
            std::lock_guard lock(mutex);
            for (auto &[rule, n] : raised)
                qInfo() << rule.c_str() << "raised" << n << "resolved" << resolved[rule];
        }
        runtime.stop();
        gw.stop();
        QVERIFY(fired);
        QVERIFY(cleared);

        store::EventStore s;
        s.open(o.dbPath);
        auto &db = s.database();
        QVERIFY(db.queryInt("SELECT COUNT(*) FROM alert_records") > 0);
        QVERIFY(db.queryInt("SELECT COUNT(*) FROM alert_changes WHERE action = 'auto_resolved' AND by_user = 'system' "
                            "AND note LIKE 'condition cleared: order moved to %'") > 0);
        // Never two open alerts for one (rule, subject).
        QCOMPARE(db.queryInt("SELECT COUNT(*) FROM (SELECT rule_id, subject FROM alert_records WHERE state <> 'resolved' "
                             "GROUP BY 1, 2 HAVING COUNT(*) > 1)"),
                 std::int64_t(0));
    }
};

QTEST_GUILESS_MAIN(TestAlertEndToEnd)
#include "tst_alert_e2e.moc"
