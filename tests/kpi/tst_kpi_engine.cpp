// Every KPI formula of docs/kpi.md against the hand-computed worked example.
#include "ScriptedKpiFeed.h"
#include "core/kpi/KpiEngine.h"
#include "core/pipeline/Projections.h"

#include <QTest>

#include <cmath>

using namespace opsdeck::core;
using namespace kpitest;

namespace {

struct Run {
    Projections projections;
    std::vector<KpiHistoryRow> history;
    std::vector<KpiSnapshot> snapshots;
    KpiEngine engine{KpiEngine::Options{},
                     [this](KpiSnapshot &&s) { snapshots.push_back(std::move(s)); },
                     [this](std::vector<KpiHistoryRow> &&rows) {
                         for (auto &r : rows)
                             history.push_back(std::move(r));
                     }};
    int illegal = 0;

    void feed(const std::vector<Event> &events)
    {
        for (const Event &e : events) {
            // A live console's clock follows the feed: the core ticks every second.
            engine.onTick(projections, std::max(e.tsMs, engine.nowMs()));
            const auto result = projections.apply(e);
            if (result.outcome == Projections::Outcome::Illegal)
                ++illegal;
            engine.onEvent(e, result.outcome == Projections::Outcome::Applied, projections);
        }
    }
};

const KpiScopeFigures *scope(const KpiSnapshot &s, const std::string &key)
{
    for (const auto &sf : s.scopes)
        if (sf.scope == key)
            return &sf;
    return nullptr;
}

const KpiFigures &win(const KpiSnapshot &s, const std::string &key, KpiWindow w)
{
    const KpiScopeFigures *sf = scope(s, key);
    if (!sf)
        qFatal("no scope %s", key.c_str());
    return sf->windows[static_cast<std::size_t>(w)];
}

std::int64_t count(const KpiFigures &f, KpiField field)
{
    return f.counts[static_cast<std::size_t>(field)];
}

bool near(double a, double b, double eps = 1e-9)
{
    return std::fabs(a - b) <= eps;
}

} // namespace

class TestKpiEngine final : public QObject
{
    Q_OBJECT
private slots:
    void histogramQuantileInterpolatesInsideBins()
    {
        KpiHistogram h{};
        QVERIFY(std::isnan(histogramQuantileMs(h, 0.5)));
        h[30] = 1; // 15 min
        h[40] = 1; // 20 min
        h[50] = 1; // 25 min
        QCOMPARE(histogramQuantileMs(h, 0.5), 1215000.0); // rank 1.5: half-way into bin 40
        QCOMPARE(histogramQuantileMs(h, 0.9), 1521000.0); // rank 2.7: 0.7 into bin 50
        QCOMPARE(kpiHistBin(-5), -1);
        QCOMPARE(kpiHistBin(999 * kMin), kKpiHistBins - 1); // overflow bin
    }

    void workedExampleTodayWindow()
    {
        Run run;
        run.engine.onTick(run.projections, kT0); // the console starts at 08:00
        const auto events = workedExample();
        QCOMPARE(static_cast<int>(events.size()), 42);
        run.feed(events);
        QCOMPARE(run.illegal, 0);
        const KpiSnapshot s = run.engine.snapshot();
        QCOMPARE(s.atMs, kWorkedExampleEnd);
        const KpiFigures &t = win(s, "all", KpiWindow::Today);
        QCOMPARE(t.spanMs, 1515000.0);
        QCOMPARE(count(t, KpiField::Created), 6);
        QVERIFY(near(t.ordersPerMin, 6 / 25.25));
        QCOMPARE(t.fulfilmentRate, 0.5);                 // 3 / (3 + 1 + 1 + 1)
        QVERIFY(near(t.onTimeRate, 2.0 / 3.0));          // o1, o6 of o1, o2, o6
        QCOMPARE(t.deliveryP50Ms, 1215000.0);            // 15, 20, 25 min
        QCOMPARE(t.deliveryP90Ms, 1521000.0);
        QCOMPARE(t.pickP50Ms, 82500.0);                  // 20, 60, 60, 120, 180 s
        QCOMPARE(t.pickP90Ms, 195000.0);
        QVERIFY(near(t.outOfStockRate, 1.0 / 6.0));
        QCOMPARE(t.exceptionRate, 0.4);                  // 2 of 5 dispatched
        QCOMPARE(t.exceptionRateByReason[2], 0.2);       // damaged
        QCOMPARE(t.exceptionRateByReason[1], 0.2);       // customer_rejected
        QCOMPARE(t.exceptionRateByReason[0], 0.0);
        QCOMPARE(t.lossRate, 0.25);                      // 1 claim of 3 signed + 1 claimed
        QCOMPARE(count(t, KpiField::ColdExcursions), 1);
        QCOMPARE(count(t, KpiField::OnlineMs), 1755000); // r1 1515 s + r2 240 s
        QCOMPARE(count(t, KpiField::DeliveringMs), 600000);
        QVERIFY(near(t.utilisation, 600.0 / 1755.0));
        QCOMPARE(t.activeRidersNow, 1);
        QCOMPARE(t.offered, 15);
        QCOMPARE(t.accepted, 13);
        QCOMPARE(t.rejected, 2);
    }

    void workedExampleRollingWindowsExpire()
    {
        Run run;
        run.engine.onTick(run.projections, kT0);
        run.feed(workedExample());
        const KpiSnapshot s = run.engine.snapshot();
        // 15 min: minutes 10..25 -> only the three signatures, no creations.
        const KpiFigures &q = win(s, "all", KpiWindow::FifteenMinutes);
        QCOMPARE(q.spanMs, 915000.0);
        QCOMPARE(count(q, KpiField::Created), 0);
        QCOMPARE(q.ordersPerMin, 0.0);
        QCOMPARE(count(q, KpiField::Signed), 3);
        QCOMPARE(q.fulfilmentRate, 1.0);
        QCOMPARE(count(q, KpiField::OnlineMs), 915000);   // r1 only (r2 went offline at 5 min)
        QCOMPARE(count(q, KpiField::DeliveringMs), 120000); // r1 delivering 10..12 min
        QVERIFY(near(q.utilisation, 120.0 / 915.0));
        // 1 min: minute 24 and the partial 25 -> o2's late signature.
        const KpiFigures &m = win(s, "all", KpiWindow::OneMinute);
        QCOMPARE(m.spanMs, 75000.0);
        QCOMPARE(count(m, KpiField::Signed), 1);
        QCOMPARE(m.onTimeRate, 0.0);
        // 1 h reaches before the start: same as today.
        QCOMPARE(count(win(s, "all", KpiWindow::OneHour), KpiField::Created), 6);

        // Three quiet hours later the hour is empty, today still holds the morning.
        run.engine.advanceTo(kT0 + 3 * 60 * kMin);
        const KpiSnapshot later = run.engine.snapshot();
        QCOMPARE(count(win(later, "all", KpiWindow::OneHour), KpiField::Created), 0);
        QCOMPARE(count(win(later, "all", KpiWindow::FifteenMinutes), KpiField::Signed), 0);
        QCOMPARE(count(win(later, "all", KpiWindow::Today), KpiField::Created), 6);
        // After midnight, today starts again.
        run.engine.advanceTo(kT0 + 16 * 60 * kMin + 30 * kMin);
        QCOMPARE(count(win(run.engine.snapshot(), "all", KpiWindow::Today), KpiField::Created), 0);
    }

    void workedExamplePerScope()
    {
        Run run;
        run.engine.onTick(run.projections, kT0);
        run.feed(workedExample());
        const KpiSnapshot s = run.engine.snapshot();
        QCOMPARE(s.scopes.front().scope, std::string("all"));
        const KpiFigures &d1 = win(s, "depot:BJ-CY-01", KpiWindow::Today);
        QCOMPARE(count(d1, KpiField::Created), 3);
        QVERIFY(near(d1.fulfilmentRate, 2.0 / 3.0));
        QVERIFY(near(d1.lossRate, 1.0 / 3.0)); // o4's claim of o1, o2 signed + o4: never above 100 %
        QCOMPARE(d1.activeRidersNow, 1);
        QCOMPARE(d1.offered, 15);
        const KpiFigures &d2 = win(s, "depot:BJ-HD-02", KpiWindow::Today);
        QVERIFY(near(d2.fulfilmentRate, 1.0 / 3.0));
        QVERIFY(near(d2.outOfStockRate, 1.0 / 3.0));
        QCOMPARE(d2.activeRidersNow, 0);
        QCOMPARE(count(d2, KpiField::OnlineMs), 0);
        QVERIFY(std::isnan(d2.utilisation)); // no rider time: a dash, not 0 %
        QCOMPARE(count(win(s, "merchant:m1", KpiWindow::Today), KpiField::Created), 3);
        QCOMPARE(count(win(s, "channel:campus", KpiWindow::Today), KpiField::Signed), 1);
        QCOMPARE(win(s, "channel:campus", KpiWindow::Today).activeRidersNow, -1); // riders have no channel
        // Trend: one point per minute since the start, summing to the day.
        QCOMPARE(static_cast<int>(s.trend.size()), 26); // minutes 0..25 (25 holds 15 s)
        std::int64_t created = 0;
        for (const auto &p : s.trend)
            created += count(p.figures, KpiField::Created);
        QCOMPARE(created, 6);
        QCOMPARE(count(s.trend.front().figures, KpiField::Created), 5);
        QCOMPARE(static_cast<int>(histogramTotal(s.deliveryToday)), 3);
    }

    void historyRowsAddUpToTheDay()
    {
        Run run;
        run.engine.onTick(run.projections, kT0);
        run.feed(workedExample());
        // Closed minutes were handed over as the clock moved; the current one at flush.
        QVERIFY(!run.history.empty());
        run.engine.flushHistory();
        KpiCounters sum;
        std::int64_t minute0Created = 0;
        for (const auto &row : run.history) {
            if (row.scope != "all")
                continue;
            sum.add(row.counters);
            if (row.minuteMs == kT0)
                minute0Created += row.counters[KpiField::Created];
        }
        QCOMPARE(sum[KpiField::Created], 6);
        QCOMPARE(sum[KpiField::Signed], 3);
        QCOMPARE(sum[KpiField::OnlineMs], 1755000);
        QCOMPARE(minute0Created, 5);
        QCOMPARE(static_cast<int>(histogramTotal(sum.delivery)), 3);
        const KpiFigures f = computeKpiFigures(sum, 1515000.0);
        QCOMPARE(f.deliveryP50Ms, 1215000.0);
    }

    void snapshotsAtMostOncePerInterval()
    {
        Run run;
        for (int i = 0; i < 10; ++i)
            run.engine.onTick(run.projections, kT0 + i * 250); // four ticks a second
        QCOMPARE(static_cast<int>(run.snapshots.size()), 3);   // at 0, 1000, 2000 ms
    }

    void badInputIsNotCounted()
    {
        Run run;
        run.engine.onTick(run.projections, kT0);
        run.feed(workedExample());
        const auto before = win(run.engine.snapshot(), "all", KpiWindow::Today).counts;
        // An illegal second signature (kept by the store, not applied) counts nothing.
        ScriptedKpiFeed f;
        f.step("BJ-CY-01", "o1", "order.signed", kWorkedExampleEnd + kSec);
        f.step("BJ-CY-01", "nope", "order.signed", kWorkedExampleEnd + kSec); // unknown order
        run.feed(f.takeSorted());
        QCOMPARE(run.illegal, 2);
        // Sensor readings and gateway.stats without their typed data (built by hand, never
        // by the decoder) count nothing, whatever their raw bytes say: the engine reads
        // only what the decoder checked.
        Event garbage;
        garbage.kind = EventKind::SensorReading;
        garbage.depot = "BJ-CY-01";
        garbage.tsMs = kWorkedExampleEnd + 2 * kSec;
        garbage.raw = "{not json";
        run.engine.onEvent(garbage, true, run.projections);
        garbage.kind = EventKind::GatewayStats;
        garbage.raw = R"({"data":{"offered":"many","accepted":-4,"rejected":[]}})";
        run.engine.onEvent(garbage, true, run.projections);
        garbage.raw = R"({"v":1,"type":"gateway.stats","data":{"window_s":1,"offered":50,"accepted":50}})";
        run.engine.onEvent(garbage, true, run.projections);
        // And the decoder refuses such bodies before any observer sees them.
        ScriptedKpiFeed refused;
        refused.add("BJ-CY-01", "gateway.stats", kWorkedExampleEnd + 2 * kSec,
                    QStringLiteral(R"({"window_s":1,"offered":"many","accepted":-4,"rejected":[]})"));
        refused.add("BJ-CY-01", "sensor.reading", kWorkedExampleEnd + 2 * kSec,
                    QStringLiteral(R"({"sensor_id":"S-1","kind":"temperature","value":"cold","min":0,"max":8})"));
        QCOMPARE(refused.rejected(), 2);
        const auto after = win(run.engine.snapshot(), "all", KpiWindow::Today).counts;
        QCOMPARE(after[static_cast<std::size_t>(KpiField::Signed)], before[static_cast<std::size_t>(KpiField::Signed)]);
        QCOMPARE(after[static_cast<std::size_t>(KpiField::Offered)], before[static_cast<std::size_t>(KpiField::Offered)]);
        QCOMPARE(after[static_cast<std::size_t>(KpiField::ColdExcursions)], 1);
    }

    void lateEventLandsInItsMinute()
    {
        Run run;
        run.engine.onTick(run.projections, kT0);
        ScriptedKpiFeed f;
        f.order("BJ-CY-01", "a", "fresh", "m1", kT0 + 20 * kMin, kT0 + 60 * kMin);
        f.order("BJ-CY-01", "b", "fresh", "m1", kT0 + 3 * kMin, kT0 + 60 * kMin); // 17 minutes late
        std::vector<Event> events = f.takeSorted();
        std::swap(events[0], events[1]);
        run.feed(events);
        const KpiSnapshot s = run.engine.snapshot();
        QCOMPARE(count(win(s, "all", KpiWindow::FifteenMinutes), KpiField::Created), 1); // b is older than 15 min
        QCOMPARE(count(win(s, "all", KpiWindow::OneHour), KpiField::Created), 2);
        run.engine.flushHistory();
        bool minute3 = false;
        for (const auto &row : run.history)
            minute3 |= row.scope == "all" && row.minuteMs == kT0 + 3 * kMin && row.counters[KpiField::Created] == 1;
        QVERIFY(minute3);
    }
};

QTEST_GUILESS_MAIN(TestKpiEngine)
#include "tst_kpi_engine.moc"
