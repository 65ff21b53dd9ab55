// A warm-starting gateway replays the last two hours of its day to the console that
// joined: the feed's clock then starts hours before the wall clock the console ran on
// until the first heartbeat. The KPI engine, which has counted nothing yet, starts again
// at the feed's time, so the replayed events fill its windows and history; once it has
// counted, an earlier clock changes nothing (the clock never goes back).
#include "ScriptedKpiFeed.h"
#include "core/kpi/KpiEngine.h"
#include "core/pipeline/Projections.h"

#include <QTest>

using namespace opsdeck::core;
using namespace kpitest;

namespace {

struct Run {
    Projections projections;
    std::vector<KpiHistoryRow> history;
    std::vector<KpiSnapshot> snapshots;
    KpiEngine engine{KpiEngine::Options{}, [this](KpiSnapshot &&s) { snapshots.push_back(std::move(s)); },
                     [this](std::vector<KpiHistoryRow> &&rows) {
                         for (auto &r : rows)
                             history.push_back(std::move(r));
                     }};

    void feed(const std::vector<Event> &events)
    {
        for (const Event &e : events) {
            engine.onTick(projections, std::max(e.tsMs, engine.nowMs()));
            const auto result = projections.apply(e);
            engine.onEvent(e, result.outcome == Projections::Outcome::Applied, projections);
        }
    }
};

std::int64_t created(const KpiSnapshot &s)
{
    for (const auto &sf : s.scopes)
        if (sf.scope == "all")
            return sf.windows[static_cast<std::size_t>(KpiWindow::Today)]
                .counts[static_cast<std::size_t>(KpiField::Created)];
    return -1;
}

} // namespace

class TestWarmKpi final : public QObject
{
    Q_OBJECT
private slots:
    void feedClockBehindTheWallRestartsAnEmptyEngine()
    {
        Run run;
        run.engine.onTick(run.projections, kT0 + 120 * kMin); // the wall clock, 10:00
        QCOMPARE(run.snapshots.size(), std::size_t(1));
        run.engine.onTick(run.projections, kT0); // the replay's first heartbeat: 08:00
        QCOMPARE(run.snapshots.size(), std::size_t(2)); // at once, not two hours later
        QCOMPARE(run.engine.nowMs(), kT0);

        run.feed(workedExample());
        const KpiSnapshot s = run.engine.snapshot();
        QCOMPARE(s.atMs, kWorkedExampleEnd);
        QCOMPARE(created(s), std::int64_t(6)); // every order of the worked example counted
        run.engine.flushHistory();
        QVERIFY(!run.history.empty());
        for (const KpiHistoryRow &row : run.history)
            QVERIFY(row.minuteMs >= kT0 && row.minuteMs < kWorkedExampleEnd); // minutes of the replay
    }

    void onceCountingAnEarlierClockChangesNothing()
    {
        Run run;
        run.engine.onTick(run.projections, kT0);
        run.feed(workedExample());
        const std::int64_t before = created(run.engine.snapshot());
        run.engine.onTick(run.projections, kT0 - 60 * kMin);
        QCOMPARE(run.engine.nowMs(), kWorkedExampleEnd);
        QCOMPARE(created(run.engine.snapshot()), before);
    }
};

QTEST_GUILESS_MAIN(TestWarmKpi)
#include "tst_warm_kpi.moc"
