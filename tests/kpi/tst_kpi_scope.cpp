// KPI figures cut to the viewer's scope (issue 17): a merchant user and a depot-scoped
// user see their own orders as "all", live (the engine) and in the history of a real
// SQLite file (the service, which the dashboard and the daily report ask), and nothing
// that mixes in other merchants or depots. Figures are counted by hand below.
#include "ScriptedKpiFeed.h"
#include "app/features/kpi/KpiServiceHost.h"
#include "core/kpi/KpiEngine.h"
#include "core/pipeline/Projections.h"
#include "store/db/StoreWorker.h"
#include "store/kpi/KpiHistoryStore.h"
#include "store/log/EventStore.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

Q_DECLARE_METATYPE(opsdeck::core::access::Principal)

using namespace opsdeck;
using namespace opsdeck::core;
using namespace kpitest;

namespace {

// Seven orders, two merchants, three depots:
//   a1 D1 m1 signed   a2 D1 m2 cancelled
//   a3 D2 m1 signed   a4 D2 m1 cancelled   a5 D2 m2 signed
//   a6 D3 m2 signed   a7 D3 m2 created only
// and one rider online in D1 and one in D2.
std::vector<Event> twoMerchants()
{
    ScriptedKpiFeed f;
    const std::int64_t t = kT0;
    int n = 0;
    auto order = [&](const std::string &d, const std::string &id, const std::string &m, const char *end) {
        const std::int64_t s = t + (n++) * kSec;
        f.order(d, id, "fresh", m, s, s + 30 * kMin);
        if (std::string(end) == "created")
            return;
        f.paid(d, id, s + 10 * kSec);
        f.stock(d, id, s + 20 * kSec, true);
        if (std::string(end) == "cancelled") {
            f.step(d, id, "order.cancelled", s + 30 * kSec, QStringLiteral(R"("reason":"customer")"));
            return;
        }
        f.dispatched(d, id, s + 60 * kSec);
        f.step(d, id, "order.signed", s + 10 * kMin);
    };
    order("D1", "a1", "m1", "signed");
    order("D1", "a2", "m2", "cancelled");
    order("D2", "a3", "m1", "signed");
    order("D2", "a4", "m1", "cancelled");
    order("D2", "a5", "m2", "signed");
    order("D3", "a6", "m2", "signed");
    order("D3", "a7", "m2", "created");
    f.riderStatus("D1", "r1", "idle", t);
    f.riderStatus("D2", "r2", "idle", t);
    return f.takeSorted();
}

access::Principal who(const char *role, std::vector<std::string> depots, const char *merchant)
{
    return access::Principal{"u", role, std::move(depots), merchant, false};
}

struct Run {
    KpiSnapshot snapshot;
    std::vector<KpiHistoryRow> rows;
};

Run runEngine(const KpiView &view)
{
    Projections projections;
    Run run;
    KpiEngine::Options options;
    options.view = view;
    KpiEngine engine(options, nullptr, [&run](std::vector<KpiHistoryRow> &&r) {
        for (auto &row : r)
            run.rows.push_back(std::move(row));
    });
    engine.onTick(projections, kT0);
    for (const Event &e : twoMerchants()) {
        engine.onTick(projections, std::max(e.tsMs, engine.nowMs()));
        const auto result = projections.apply(e);
        engine.onEvent(e, result.outcome == Projections::Outcome::Applied, projections);
    }
    engine.onTick(projections, kT0 + 20 * kMin);
    run.snapshot = engine.snapshot();
    engine.flushHistory();
    return run;
}

QStringList scopeKeys(const sdk::KpiLiveSnapshot &s)
{
    QStringList keys;
    for (const auto &scope : s.scopes)
        keys << scope.scope;
    return keys;
}

constexpr int kToday = static_cast<int>(sdk::KpiWindowId::Today);

} // namespace

class TestKpiScope final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void liveFiguresAreTheViewersOwn_data()
    {
        QTest::addColumn<access::Principal>("viewer");
        QTest::addColumn<QStringList>("scopes");
        QTest::addColumn<qint64>("created");
        QTest::addColumn<qint64>("signedOrders");
        QTest::addColumn<qint64>("cancelled");
        QTest::addColumn<int>("ridersNow");
        QTest::newRow("merchant m1") << who("merchant", {}, "m1") << QStringList{"all", "merchant:m1"} << 3LL << 2LL
                                     << 1LL << -1;
        QTest::newRow("merchant m2") << who("merchant", {}, "m2") << QStringList{"all", "merchant:m2"} << 4LL << 2LL
                                     << 1LL << -1;
        QTest::newRow("dispatcher D1+D3") << who("dispatcher", {"D1", "D3"}, "")
                                          << QStringList{"all", "depot:D1", "depot:D3"} << 4LL << 2LL << 1LL << 1;
        QTest::newRow("merchant m1 in D2") << who("merchant", {"D2"}, "m1") << QStringList{"all"} << 2LL << 1LL
                                           << 1LL << -1;
        QTest::newRow("merchant without merchant") << who("merchant", {}, "") << QStringList{"all"} << 0LL << 0LL
                                                   << 0LL << -1;
        QTest::newRow("ops_manager: everything")
            << who("ops_manager", {}, "")
            << QStringList{"all", "depot:D1", "channel:fresh", "merchant:m1", "depot:D2", "merchant:m2", "depot:D3"}
            << 7LL << 4LL << 2LL << 2;
    }
    void liveFiguresAreTheViewersOwn()
    {
        QFETCH(access::Principal, viewer);
        const Run run = runEngine(KpiView(viewer));
        const sdk::KpiLiveSnapshot live = app::KpiServiceHost::toSdk(run.snapshot);
        QFETCH(QStringList, scopes);
        QCOMPARE(scopeKeys(live), scopes);
        const sdk::KpiValues &today = live.scopes.front().windows[kToday];
        QTEST(today.orders, "created");
        QTEST(today.signedOrders, "signedOrders");
        QTEST(today.cancelled, "cancelled");
        QTEST(today.activeRidersNow, "ridersNow");
        // The trend is the viewer's too.
        qint64 trendCreated = 0;
        for (const auto &point : live.trend)
            trendCreated += point.orders;
        QTEST(trendCreated, "created");
        // What the engine writes to the shared history is never cut.
        std::int64_t allCreated = 0;
        for (const auto &row : run.rows) {
            QVERIFY2(row.scope != "view", "the viewer's scope went to the history");
            if (row.scope == "all")
                allCreated += row.counters[KpiField::Created];
        }
        QCOMPARE(allCreated, 7);
    }

    void historyIsTheViewersOwn_data()
    {
        QTest::addColumn<access::Principal>("viewer");
        QTest::addColumn<QString>("scope");
        QTest::addColumn<qint64>("created");
        QTest::addColumn<qint64>("signedOrders");
        QTest::addColumn<QStringList>("depots");
        QTest::addColumn<bool>("error");
        const QStringList none;
        QTest::newRow("merchant m1") << who("merchant", {}, "m1") << "all" << 3LL << 2LL << none << false;
        QTest::newRow("merchant m1 asks for D1") << who("merchant", {}, "m1") << "depot:D1" << 0LL << 0LL << none << false;
        QTest::newRow("merchant m2 asks for m1") << who("merchant", {}, "m2") << "merchant:m1" << 0LL << 0LL << none << false;
        QTest::newRow("dispatcher D1+D3") << who("dispatcher", {"D1", "D3"}, "") << "all" << 4LL << 2LL
                                          << QStringList{"depot:D1", "depot:D3"} << false;
        QTest::newRow("dispatcher D1+D3 asks for D2") << who("dispatcher", {"D1", "D3"}, "") << "depot:D2" << 0LL << 0LL
                                                      << QStringList{"depot:D1", "depot:D3"} << false;
        QTest::newRow("merchant m1 in D2: not kept") << who("merchant", {"D2"}, "m1") << "all" << 0LL << 0LL << none << true;
        QTest::newRow("admin") << who("admin", {}, "") << "all" << 7LL << 4LL
                               << QStringList{"depot:D1", "depot:D2", "depot:D3"} << false;
    }
    void historyIsTheViewersOwn()
    {
        QFETCH(access::Principal, viewer);
        QFETCH(QString, scope);
        const QString path = m_dir.filePath(QStringLiteral("history-%1.db").arg(++m_files));
        {
            // Written by an unscoped console (as every console writes the shared file).
            store::EventStore es;
            es.open(path);
            store::KpiHistoryStore::prepare(es.database());
            store::KpiHistoryStore::write(es.database(), runEngine(KpiView()).rows);
        }
        auto es = std::make_unique<store::EventStore>();
        es->open(path);
        store::StoreWorker worker(std::move(es));
        KpiEngine::Options options;
        options.view = KpiView(viewer);
        app::KpiServiceHost host(options);
        host.attachStore(worker);
        QSignalSpy spy(&host, &sdk::KpiService::historyReady);
        sdk::KpiHistoryQuery q;
        q.fromMs = kT0 - 3600000;
        q.toMs = kT0 + 24 * 3600000LL;
        q.scope = scope;
        host.requestHistory(q);
        QVERIFY(spy.wait(5000));
        const auto result = spy.at(0).at(1).value<sdk::KpiHistoryResult>();
        worker.stop();
        QFETCH(bool, error);
        QCOMPARE(!result.error.isEmpty(), error);
        QTEST(result.total.orders, "created");
        QTEST(result.total.signedOrders, "signedOrders");
        qint64 seriesCreated = 0;
        for (const auto &hour : result.series)
            seriesCreated += hour.orders;
        QTEST(seriesCreated, "created");
        QStringList depots;
        for (const auto &d : result.depots)
            depots << d.scope;
        QTEST(depots, "depots");
    }

private:
    QTemporaryDir m_dir;
    int m_files = 0;
};

QTEST_GUILESS_MAIN(TestKpiScope)
#include "tst_kpi_scope.moc"
