// KPI history in a real SQLite file: the engine's minute rows, the hour roll-up, ragged
// range edges, additive late rows, and the service's asynchronous query.
#include "ScriptedKpiFeed.h"
#include "app/features/kpi/KpiServiceHost.h"
#include "core/kpi/KpiEngine.h"
#include "core/pipeline/Projections.h"
#include "store/log/EventStore.h"
#include "store/kpi/KpiHistoryStore.h"
#include "store/db/Sqlite.h"
#include "store/db/StoreWorker.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace opsdeck;
using namespace opsdeck::core;
using namespace kpitest;

namespace {

std::vector<KpiHistoryRow> workedExampleRows()
{
    Projections projections;
    std::vector<KpiHistoryRow> rows;
    KpiEngine engine({}, nullptr, [&rows](std::vector<KpiHistoryRow> &&r) {
        for (auto &row : r)
            rows.push_back(std::move(row));
    });
    engine.onTick(projections, kT0);
    for (const Event &e : workedExample()) {
        engine.onTick(projections, std::max(e.tsMs, engine.nowMs()));
        const auto result = projections.apply(e);
        engine.onEvent(e, result.outcome == Projections::Outcome::Applied, projections);
    }
    engine.flushHistory();
    return rows;
}

} // namespace

class TestKpiHistory final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void hourRowsMatchTheDay()
    {
        store::EventStore es;
        es.open(m_dir.filePath("history.db"));
        store::KpiHistoryStore::prepare(es.database());
        store::KpiHistoryStore::write(es.database(), workedExampleRows());
        // 08:00..09:00 is a whole hour: the hour table answers.
        const auto r = store::KpiHistoryStore::query(es.database(), kT0, kT0 + 3600000, "all");
        QCOMPARE(r.total[KpiField::Created], 6);
        QCOMPARE(r.total[KpiField::Signed], 3);
        QCOMPARE(r.total[KpiField::OnlineMs], 1755000);
        QCOMPARE(static_cast<int>(r.series.size()), 1);
        QCOMPARE(r.series.front().startMs, kT0);
        const KpiFigures f = computeKpiFigures(r.total, 1515000.0);
        QCOMPARE(f.fulfilmentRate, 0.5);
        QCOMPARE(f.deliveryP50Ms, 1215000.0);
        QCOMPARE(f.pickP90Ms, 195000.0);
        QCOMPARE(static_cast<int>(r.depots.size()), 2);
        QCOMPARE(r.depots[0].first, std::string("depot:BJ-CY-01"));
        QCOMPARE(r.depots[0].second[KpiField::Created], 3);
        QCOMPARE(r.depots[1].second[KpiField::Cancelled], 1);
        // Another scope's key that merely starts with "all" is not mixed in.
        QCOMPARE(store::KpiHistoryStore::query(es.database(), kT0, kT0 + 3600000, "depot:BJ-HD-02").total[KpiField::Created], 3);
    }

    void raggedEdgesComeFromMinutes()
    {
        store::EventStore es;
        es.open(m_dir.filePath("ragged.db"));
        store::KpiHistoryStore::prepare(es.database());
        store::KpiHistoryStore::write(es.database(), workedExampleRows());
        // 07:30..08:01 holds only minute 0 (five creations); 08:01..10:00 the sixth.
        auto a = store::KpiHistoryStore::query(es.database(), kT0 - 30 * kMin, kT0 + kMin, "all");
        QCOMPARE(a.total[KpiField::Created], 5);
        auto b = store::KpiHistoryStore::query(es.database(), kT0 + kMin, kT0 + 2 * 3600000, "all");
        QCOMPARE(b.total[KpiField::Created], 1);
        QCOMPARE(b.total[KpiField::Signed], 3);
        QCOMPARE(store::KpiHistoryStore::query(es.database(), kT0, kT0, "all").total[KpiField::Created], 0);
    }

    void lateRowsAddToStoredRows()
    {
        store::EventStore es;
        es.open(m_dir.filePath("late.db"));
        store::KpiHistoryStore::prepare(es.database());
        KpiHistoryRow row{"all", kT0, {}};
        row.counters[KpiField::Signed] = 2;
        row.counters.delivery[10] = 2;
        store::KpiHistoryStore::write(es.database(), {row});
        row.counters[KpiField::Signed] = 1;
        row.counters.delivery = {};
        row.counters.delivery[20] = 1;
        store::KpiHistoryStore::write(es.database(), {row});
        const auto r = store::KpiHistoryStore::query(es.database(), kT0, kT0 + 3600000, "all");
        QCOMPARE(r.total[KpiField::Signed], 3);
        QCOMPARE(r.total.delivery[10], 2u);
        QCOMPARE(r.total.delivery[20], 1u);
        QCOMPARE(es.database().queryInt("SELECT count(*) FROM kpi_minute"), 1);
    }

    void corruptHistogramIsRefusedNotCrashing()
    {
        core::KpiHistogram h{};
        const char bad[] = {char(250), 1, 0, 0, 0}; // bin out of range
        QVERIFY(!store::KpiHistoryStore::decodeHistogram(bad, 5, h));
        QVERIFY(!store::KpiHistoryStore::decodeHistogram(bad, 3, h)); // truncated
        h[7] = 9;
        const std::string blob = store::KpiHistoryStore::encodeHistogram(h);
        core::KpiHistogram back{};
        QVERIFY(store::KpiHistoryStore::decodeHistogram(blob.data(), static_cast<int>(blob.size()), back));
        QCOMPARE(back[7], 9u);
    }

    void serviceAnswersAsynchronously()
    {
        const QString path = m_dir.filePath("service.db");
        {
            store::EventStore es;
            es.open(path);
            store::KpiHistoryStore::prepare(es.database());
            store::KpiHistoryStore::write(es.database(), workedExampleRows());
        }
        auto es = std::make_unique<store::EventStore>();
        es->open(path);
        store::StoreWorker worker(std::move(es));
        app::KpiServiceHost host;
        host.attachStore(worker);
        QSignalSpy spy(&host, &sdk::KpiService::historyReady);
        sdk::KpiHistoryQuery q;
        q.fromMs = kT0 - 6 * 24 * 3600000LL;
        q.toMs = kT0 + 24 * 3600000LL;
        const quint64 id = host.requestHistory(q);
        QVERIFY(spy.wait(5000));
        QCOMPARE(spy.at(0).at(0).toULongLong(), id);
        const auto result = spy.at(0).at(1).value<sdk::KpiHistoryResult>();
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QCOMPARE(result.total.orders, 6);
        QCOMPARE(result.total.fulfilmentRate, 0.5);
        QCOMPARE(result.total.deliveryP50Min, 20.25);
        QCOMPARE(result.series.size(), 1);
        QCOMPARE(result.depots.size(), 2);
        QCOMPARE(result.depots[0].windows.front().signedOrders, 2);
        worker.stop();
        // After the store stopped the service still answers, with an error.
        host.requestHistory(q);
        QVERIFY(spy.wait(2000));
        QVERIFY(!spy.at(1).at(1).value<sdk::KpiHistoryResult>().error.isEmpty());
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestKpiHistory)
#include "tst_kpi_history.moc"
