// Issue 15, the user's symptom end to end: a console file from a first gateway run, then a
// second gateway (another seed and epoch tag, as when the embedded opsfeed starts again)
// whose snapshot no longer lists the first run's open orders. Real sim::Gateway on tcp
// loopback, the real feed/core/store threads, the shipped alert rules, a SQLite file.
// Deterministic: the first gateway is paused before its state is compared, the second
// is paused as soon as it runs, and the clock before the feed speaks is injected.
#include "app/features/alerts/AlertPipeline.h"
#include "app/runtime/ConsoleRuntime.h"
#include "app/shell/ConsoleContextAdapter.h"
#include "core/model/OrderState.h"
#include "sim/Gateway.h"
#include "store/db/Sqlite.h"
#include "store/log/EventStore.h"

#include <QTemporaryDir>
#include <QTest>

#include <QFile>

#include <algorithm>
#include <map>
#include <mutex>
#include <set>

using namespace opsdeck;

namespace {

constexpr std::int64_t kStartA = 1795312800000; // 2026-11-22T02:00:00Z
constexpr std::int64_t kHour = 3600000;

sim::GatewayOptions gatewayOptions(std::uint64_t seed, const char *tag, std::int64_t startMs)
{
    sim::GatewayOptions g;
    g.seed = seed;
    g.epochTag = tag;
    g.riders = 40;
    g.ordersPerMin = 300;
    g.timeScale = 30; // orders reach DELIVERING within seconds
    g.startMs = startMs;
    g.feedBind = "tcp://127.0.0.1:*";
    g.snapshotBind = "tcp://127.0.0.1:*";
    g.controlBind = "tcp://127.0.0.1:*";
    return g;
}

// The shipped past-ETA rule, and a minute-fraction "too long in state" for the open
// states of delivery: the first run's open orders carry open alerts into the second.
constexpr const char *kRules = R"({"version":1,"rules":[
  {"id":"sla.delivering_past_eta","kind":"order_past_eta","thresholds":{"grace_minutes":0},"severity":"major","debounce_s":0,"roles":["dispatcher"]},
  {"id":"e2e.picking","kind":"order_state_timeout","state":"PICKING","thresholds":{"minutes":0.02},"severity":"warning","debounce_s":0,"roles":["dispatcher"]},
  {"id":"e2e.delivering","kind":"order_state_timeout","state":"DELIVERING","thresholds":{"minutes":0.02},"severity":"warning","debounce_s":0,"roles":["dispatcher"]}]})";

// One console run on `db` against `gw`, with the alert pipeline as in main().
struct Console {
    app::ConsoleRuntime runtime;
    app::AlertPipeline alerts;
    std::mutex mutex;
    std::set<std::string> openAlerts; // rule id + '/' + subject, as the engine reports them

    Console(const sim::Gateway &gw, const QString &db, std::int64_t clockMs, const QString &rules)
        : runtime(options(gw, db, clockMs), nullptr)
        , alerts(pipelineOptions(runtime, rules))
    {
        alerts.setListener([this](const core::AlertOutput &out) {
            std::lock_guard lock(mutex);
            for (const auto &c : out.changes) {
                const std::string key = c.alert.ruleId + "/" + c.alert.subject.key;
                if (c.action == "raised")
                    openAlerts.insert(key);
                else if (c.alert.state == core::AlertState::Resolved)
                    openAlerts.erase(key);
            }
        });
        runtime.addAssembleHook([this](core::ConsoleCore &core, store::StoreWorker &store) { alerts.assemble(core, store); });
    }
    ~Console() { runtime.stop(); } // before the engine goes: it observes the core thread
    static app::AlertPipeline::Options pipelineOptions(app::ConsoleRuntime &runtime, const QString &rules)
    {
        app::AlertPipeline::Options o = app::alertPipelineOptions(runtime);
        o.rulesOverridePath = rules;
        return o;
    }
    std::size_t openOf(const std::string &rule)
    {
        std::lock_guard lock(mutex);
        return static_cast<std::size_t>(std::count_if(openAlerts.begin(), openAlerts.end(), [&](const std::string &k) {
            return k.rfind(rule + "/", 0) == 0;
        }));
    }
    static app::RuntimeOptions options(const sim::Gateway &gw, const QString &db, std::int64_t clockMs)
    {
        app::RuntimeOptions o;
        o.feed = gw.feedEndpoint();
        o.snapshot = gw.snapshotEndpoint();
        o.control = gw.controlEndpoint();
        o.dbPath = db;
        o.clockMs = [clockMs] { return clockMs; };
        return o;
    }
    std::map<std::string, core::OrderRecord> orders() const
    {
        std::map<std::string, core::OrderRecord> out;
        for (auto &o : runtime.fullPicture().orders)
            out.emplace(o.orderId, o);
        return out;
    }
};

bool matchesTruth(const Console &console, const std::map<std::string, std::string> &truth)
{
    const auto orders = console.orders();
    for (const auto &[id, state] : truth) {
        const auto it = orders.find(id);
        if (it == orders.end() || core::toString(it->second.state) != state)
            return false;
    }
    return true;
}

std::int64_t count(store::Database &db, const std::string &sql)
{
    return db.queryInt(sql.c_str());
}

} // namespace

class TestRetireEndToEnd final : public QObject
{
    Q_OBJECT

private slots:
    void secondGatewayRetiresTheFirstRunsOpenOrders()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath("console.db");
        const QString rules = dir.filePath("rules.json");
        QFile f(rules);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kRules);
        f.close();

        // First run: let orders reach delivery, pause, wait until the console holds the truth.
        std::set<std::string> open;
        std::string tagA;
        int delivering = 0;
        {
            sim::Gateway gw(gatewayOptions(7, "gwA", kStartA));
            gw.start();
            Console console(gw, db, kStartA, rules);
            QString error;
            QVERIFY2(console.runtime.start(&error), qPrintable(error));
            QTRY_VERIFY_WITH_TIMEOUT(console.openOf("e2e.delivering") >= 5, 20000);
            gw.setPaused(true);
            const auto truth = gw.truthOrderStates();
            QTRY_VERIFY_WITH_TIMEOUT(matchesTruth(console, truth), 10000);
            for (const auto &[id, state] : truth) {
                const auto s = core::orderStateFromString(state);
                if (s && !core::isFinal(*s))
                    open.insert(id);
                delivering += state == "DELIVERING";
            }
            tagA = truth.begin()->first.substr(0, 12);
            console.runtime.stop();
        }
        QVERIFY(!open.empty());
        QVERIFY(delivering > 0);
        std::string openList;
        for (const auto &id : open)
            openList += (openList.empty() ? "'" : ",'") + id + "'";
        const std::string openAlertsOfOpen =
            "SELECT count(*) FROM alert_records WHERE state <> 'resolved' AND subject IN (" + openList + ")";
        std::int64_t carried = 0; // alerts on those orders the second run restores as open
        {
            store::EventStore file;
            file.open(db);
            carried = count(file.database(), openAlertsOfOpen);
            QVERIFY(carried > 0); // the symptom: open orders of a gone gateway with open alerts
            file.database().exec(("CREATE TABLE carried AS SELECT id FROM alert_records WHERE state <> 'resolved' "
                                  "AND subject IN (" + openList + ")").c_str());
        }

        // Second run, hours later on the feed's clock: every delivering order of the first
        // run is far past its ETA, the symptom's "delivering past ETA" alerts.
        sim::Gateway gw(gatewayOptions(8, "gwB", kStartA + 3 * kHour));
        gw.start();
        gw.setPaused(true);
        {
            Console console(gw, db, kStartA, rules);
            QString error;
            QVERIFY2(console.runtime.start(&error), qPrintable(error));
            QTRY_COMPARE_WITH_TIMEOUT(console.runtime.coreCounters().retired, std::int64_t(open.size()), 10000);

            // No open view lists them: not counted by state, rows final as "RETIRED".
            const core::CoreCounters c = console.runtime.coreCounters();
            std::int64_t byState = 0;
            for (auto n : c.ordersByState)
                byState += n;
            QCOMPARE(byState + c.retired, c.orders);
            for (const auto &[id, o] : console.orders()) {
                if (!open.count(id))
                    continue;
                QVERIFY(o.retiredAtMs != 0);
                const sdk::OrderRow row = app::ConsoleContextAdapter::toRow(o, true);
                QCOMPARE(row.state, QStringLiteral("RETIRED"));
                QVERIFY(sdk::isFinalState(row.state));
            }
            console.runtime.stop(); // the core's last tick: the alert rules have seen the retirement
        }
        gw.stop();

        store::EventStore file;
        file.open(db);
        auto &sql = file.database();
        const std::string ofA = "substr(subject, 1, 12) = '" + tagA + "'";
        QCOMPARE(count(sql, "SELECT count(*) FROM orders WHERE retired_at_ms IS NOT NULL"), std::int64_t(open.size()));
        QCOMPARE(count(sql, "SELECT count(*) FROM orders WHERE substr(order_id, 1, 12) = '" + tagA
                                + "' AND state NOT IN ('SIGNED','CLOSED','CANCELLED') AND retired_at_ms IS NULL"),
                 std::int64_t(0));
        // Not one alert of the first run's orders is open; those that were resolve saying why.
        QCOMPARE(count(sql, "SELECT count(*) FROM alert_records WHERE state <> 'resolved' AND " + ofA), std::int64_t(0));
        const std::int64_t retiredNotes =
            count(sql, "SELECT count(*) FROM alert_changes WHERE note_code = 'cleared.order_retired' AND " + ofA);
        const std::int64_t pastEta = count(
            sql, "SELECT count(*) FROM alert_records WHERE rule_id = 'sla.delivering_past_eta' AND " + ofA);
        qInfo() << "first run:" << open.size() << "open orders," << delivering << "delivering," << carried
                << "open alerts on them; second run:" << retiredNotes << "alerts resolved as retired," << pastEta
                << "past-ETA alerts ever raised on them";
        QCOMPARE(count(sql, "SELECT count(*) FROM alert_records WHERE id IN (SELECT id FROM carried) "
                            "AND note_code = 'cleared.order_retired'"),
                 carried);
    }
};

QTEST_GUILESS_MAIN(TestRetireEndToEnd)
#include "tst_retire_e2e.moc"
