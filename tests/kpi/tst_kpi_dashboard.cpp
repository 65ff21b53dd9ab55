// The dashboard: tiles and colours from the worked example, a tile click, charts on a live
// feed (opsfeed gateway in-process, real sockets), CSV and PDF reports from a real SQLite
// file (pdftotext reads the PDF back), the daily report, and the screenshot.
#include "KpiFixtures.h"
#include "KpiHistoryFixture.h"
#include "app/runtime/ConsoleRuntime.h"
#include "sim/Gateway.h"
#include "support/ConsoleReceived.h"
#include "store/log/EventStore.h"
#include "store/kpi/KpiHistoryStore.h"
#include "store/db/Sqlite.h"
#include "store/db/StoreWorker.h"
#include "sdk/SelectionService.h"
#include "widgets/board/BoardFilter.h"
#include "widgets/charts/KpiChart.h"
#include "widgets/kpi/KpiDashboardWidget.h"
#include "widgets/kpi/KpiPanels.h"
#include "widgets/kpi/KpiReportScheduler.h"
#include "widgets/kpi/KpiTile.h"

#include <QAbstractSeries>
#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QApplication>
#include <QChartView>
#include <QDir>
#include <QFile>
#include <QLineSeries>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace opsdeck;
using namespace kpitest;
using widgets::KpiDashboardWidget;

namespace {

int linePoints(widgets::KpiChart *chart)
{
    int points = 0;
    for (auto *view : chart->findChildren<QChartView *>())
        for (auto *series : view->chart()->series())
            if (auto *line = qobject_cast<QLineSeries *>(series))
                points += static_cast<int>(line->count());
    return points;
}

// Sum of the delivery-time histogram as drawn (the step outline counts each bar twice).
double histogramDrawn(widgets::KpiChart *chart)
{
    double sum = 0;
    for (auto *view : chart->findChildren<QChartView *>())
        for (auto *series : view->chart()->series())
            if (auto *area = qobject_cast<QAreaSeries *>(series))
                for (const QPointF &p : area->upperSeries()->points())
                    sum += p.y();
    return sum / 2;
}

// A host's context with no orders or riders, for the panels' wiring (services provided
// per test).
class OpsManagerContext final : public sdk::ConsoleContext
{
public:
    QList<sdk::OrderRow> currentOrders() const override { return {}; }
    QList<sdk::RiderRow> currentRiders() const override { return {}; }
    QString role() const override { return QStringLiteral("ops_manager"); }
    QString userName() const override { return QStringLiteral("test"); }
    bool maskPersonalData() const override { return true; }
};

QString pdfText(const QString &pdf)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
    if (!p.waitForFinished(20000))
        return {};
    return QString::fromUtf8(p.readAllStandardOutput());
}

} // namespace

class TestKpiDashboard final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("OpsDeckTest"));
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
    }

    void tilesShowTheWorkedExample()
    {
        app::KpiServiceHost host;
        KpiDashboardWidget dash(&host, nullptr);
        dash.resize(1200, 760);
        dash.setRange(KpiDashboardWidget::Range::Today);
        EngineRun run;
        runWorkedExample(run);
        dash.applySnapshot(run.sdkSnapshot());
        QCOMPARE(dash.tile("fulfilment")->valueText(), QStringLiteral("50.0 %"));
        QCOMPARE(dash.tile("fulfilment")->grade(), widgets::KpiGrade::Bad); // target 95 %
        QCOMPARE(dash.tile("on_time")->valueText(), QStringLiteral("66.7 %"));
        QCOMPARE(dash.tile("out_of_stock")->valueText(), QStringLiteral("16.7 %"));
        QCOMPARE(dash.tile("exceptions")->valueText(), QStringLiteral("40.0 %"));
        QCOMPARE(dash.tile("loss")->valueText(), QStringLiteral("25.00 %")); // 1 claim of 3 signed + 1 claimed
        QCOMPARE(dash.tile("loss")->detailText(), QStringLiteral("1 claimed"));
        QCOMPARE(dash.tile("delivery")->valueText(), QStringLiteral("25.4 min")); // p90, the figure with a target
        QCOMPARE(dash.tile("delivery")->detailText(), QStringLiteral("p50 20.3 min"));
        QCOMPARE(dash.tile("pick")->valueText(), QStringLiteral("1.4 min")); // 82.5 s
        // A head count and a rate are two figures: "1 · 34 %" read as one number.
        QCOMPARE(dash.tile("riders")->valueText(), QStringLiteral("1"));
        QCOMPARE(dash.tile("riders")->detailText(), QStringLiteral("34 % utilised"));
        QCOMPARE(dash.tile("intake")->valueText(), QStringLiteral("86.7 %")); // 13 of 15
        QCOMPARE(dash.tile("intake")->detailText(), QStringLiteral("13 of 15 accepted"));
        QCOMPARE(dash.tile("intake")->trendText(), QStringLiteral("2 rejected"));
        QCOMPARE(dash.tile("orders")->detailText(), QStringLiteral("6 orders"));
        QCOMPARE(dash.tile("fulfilment")->detailText(), QStringLiteral("3 of 6 delivered"));
        // Three signatures are too few to colour the on-time rate.
        QCOMPARE(dash.tile("on_time")->grade(), widgets::KpiGrade::Unknown);
        QCOMPARE(dash.tile("on_time")->trendText(), QStringLiteral("too few to judge"));
        // One depot: the tiles follow the picker.
        dash.setScope(QStringLiteral("depot:BJ-HD-02"));
        QCOMPARE(dash.tile("fulfilment")->valueText(), QStringLiteral("33.3 %"));
        // Live: 15-minute window against the hour, with a trend arrow.
        dash.setScope(QStringLiteral("all"));
        dash.setRange(KpiDashboardWidget::Range::Live);
        QCOMPARE(dash.tile("fulfilment")->valueText(), QStringLiteral("100.0 %"));
        QCOMPARE(dash.tile("fulfilment")->trendText(), QStringLiteral("+50.0 pts vs last hour"));
        QVERIFY(linePoints(dash.charts()[0]) > 0);
    }

    void clickingATileAsksForItsOrders()
    {
        app::KpiServiceHost host;
        KpiDashboardWidget dash(&host, nullptr);
        dash.resize(1200, 760);
        dash.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dash));
        EngineRun run;
        runWorkedExample(run);
        dash.applySnapshot(run.sdkSnapshot());
        dash.setScope(QStringLiteral("depot:BJ-CY-01"));
        QSignalSpy spy(&dash, &KpiDashboardWidget::showOrdersRequested);
        QTest::mouseClick(dash.tile("exceptions"), Qt::LeftButton);
        QCOMPARE(spy.count(), 1);
        auto f = spy.at(0).at(0).value<widgets::KpiOrderFilter>();
        QCOMPARE(f.kpi, QStringLiteral("exceptions"));
        QCOMPARE(f.states, QStringList{QStringLiteral("EXCEPTION")});
        QCOMPARE(f.depot, QStringLiteral("BJ-CY-01"));
        dash.tile("on_time")->setFocus();
        QTest::keyClick(dash.tile("on_time"), Qt::Key_Space);
        QCOMPARE(spy.count(), 2);
        f = spy.at(1).at(0).value<widgets::KpiOrderFilter>();
        QVERIFY(f.lateOnly);
        QVERIFY(f.fromMs > 0);
    }

    // The histogram and the bars are redrawn every 5 ticks (on different ticks), and at
    // once when the range or depot changes.
    void slowChartsFollowWithinFiveTicksAndAtOnceOnARangeChange()
    {
        app::KpiServiceHost host;
        KpiDashboardWidget dash(&host, nullptr);
        dash.resize(1200, 760);
        dash.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dash));
        EngineRun run;
        runWorkedExample(run);
        sdk::KpiLiveSnapshot s = run.sdkSnapshot();
        s.deliveryHistogramLastHour = QList<double>(180, 0.0);
        s.deliveryHistogramToday = QList<double>(180, 0.0);
        dash.applySnapshot(s); // first tick: everything drawn
        QCOMPARE(histogramDrawn(dash.charts()[2]), 0.0);

        s.deliveryHistogramLastHour[40] = 120; // 20 min
        int ticks = 0;
        while (histogramDrawn(dash.charts()[2]) != 120.0 && ticks < 10) {
            dash.applySnapshot(s);
            ++ticks;
        }
        QCOMPARE(histogramDrawn(dash.charts()[2]), 120.0);
        QVERIFY2(ticks <= 5, qPrintable(QString::number(ticks)));
        s.deliveryHistogramLastHour[42] = 60;
        dash.applySnapshot(s); // the tick after a redraw does not lay the histogram out again
        QCOMPARE(histogramDrawn(dash.charts()[2]), 120.0);

        s.deliveryHistogramToday[10] = 7;
        s.deliveryHistogramToday[20] = 9;
        dash.setRange(KpiDashboardWidget::Range::Today); // at once, not within 5 s
        QCOMPARE(histogramDrawn(dash.charts()[2]), 0.0); // today's bins of the snapshot it holds
        dash.applySnapshot(s);
        dash.setRange(KpiDashboardWidget::Range::Live);
        QCOMPARE(histogramDrawn(dash.charts()[2]), 180.0); // switching back redraws with the newest figures
        dash.setRange(KpiDashboardWidget::Range::Today);
        QCOMPARE(histogramDrawn(dash.charts()[2]), 16.0);
    }

    void chartsUpdateOnALiveFeed()
    {
        sim::GatewayOptions g;
        g.seed = 11;
        g.riders = 60;
        g.ordersPerMin = 600;
        g.feedBind = g.snapshotBind = g.controlBind = "tcp://127.0.0.1:*";
        sim::Gateway gateway(g);
        // Paused and stepped (issue 15): the feed carries the same simulated seconds
        // whatever the machine's load, each received before the next; every check waits
        // for what the dashboard shows of them.
        gateway.setPaused(true);
        gateway.start();
        app::RuntimeOptions o;
        o.feed = gateway.feedEndpoint();
        o.snapshot = gateway.snapshotEndpoint();
        o.control = gateway.controlEndpoint();
        o.dbPath = m_dir.filePath(QStringLiteral("live.db"));
        o.tickIntervalMs = 20; // the engine looks at the feed's time soon after each step
        app::KpiServiceHost host;
        app::ConsoleRuntime runtime(o, nullptr);
        runtime.addAssembleHook(host.assembleHook());
        runtime.addBeforeStoreStopHook([&host] { host.engine()->flushHistory(); }); // as main() does
        QString error;
        QVERIFY2(runtime.start(&error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(gateway.step(0) >= 0 && runtime.feedStats().heartbeats.load() > 0, 10000); // subscribed
        const auto received = [&] { return test::consoleReceivedEverySeq(runtime, gateway); };
        // Simulated seconds one at a time until `shown` (at most ten minutes of them).
        QSignalSpy spy(&host, &sdk::KpiService::snapshotChanged);
        const auto stepUntil = [&](const auto &shown) {
            for (int i = 0; i < 600 && !shown(); ++i) {
                if (gateway.step(1000) < 0 || !QTest::qWaitFor(received, 10000))
                    return false;
            }
            return QTest::qWaitFor(shown, 2000); // the last second's snapshot on its way
        };
        {
            KpiDashboardWidget dash(&host, nullptr);
            dash.resize(1200, 760);
            QVERIFY(stepUntil([&] { return spy.count() >= 1 && host.latest().scopes.size() > 1; }));
            const int first = dash.snapshotsApplied();
            QVERIFY(stepUntil([&] { return dash.snapshotsApplied() >= first + 2; }));
            auto liveOrders = [&host] {
                const auto latest = host.latest();
                return latest.scopes.isEmpty() ? 0
                                               : latest.scopes.front().windows[static_cast<int>(sdk::KpiWindowId::FifteenMinutes)].orders;
            };
            QVERIFY(stepUntil([&] { return liveOrders() > 0; }));
            const int before = linePoints(dash.charts()[0]);
            const QString ordersText = dash.tile("orders")->valueText();
            QVERIFY(stepUntil([&] { return dash.tile("orders")->valueText() != ordersText || linePoints(dash.charts()[0]) != before; }));
            QVERIFY(dash.tile("orders")->valueText() != QStringLiteral("—"));
            // The order-flow line gets its first point once the engine's minute holds 10 s.
            QVERIFY(stepUntil([&] { return linePoints(dash.charts()[0]) > 0; }));
            const int points = linePoints(dash.charts()[0]);
            const QString ordersNow = dash.tile("orders")->valueText();
            QVERIFY(stepUntil([&] { return linePoints(dash.charts()[0]) != points || dash.tile("orders")->valueText() != ordersNow; }));
            // Depots of the feed appear in the picker and on the bars.
            QVERIFY(host.latest().scopes.size() >= 3);
        }
        const qint64 openMinute = gateway.simTimeMs() / 60000 * 60000;
        runtime.stop();
        gateway.stop();
        // The minute that was still open at shutdown is in the history too.
        store::Database db(o.dbPath.toStdString(), SQLITE_OPEN_READONLY);
        const std::int64_t newest = db.queryInt("SELECT max(bucket_ms) FROM kpi_minute WHERE scope = 'all'");
        QVERIFY2(newest >= openMinute, qPrintable(QStringLiteral("%1 < %2").arg(newest).arg(openMinute)));
    }

    void reportsHoldTheFigures()
    {
        auto worker = workedExampleStore(m_dir.filePath(QStringLiteral("report.db")));
        app::KpiServiceHost host;
        host.attachStore(*worker);
        KpiDashboardWidget dash(&host, nullptr);
        dash.setClock([] { return QDateTime::fromMSecsSinceEpoch(kT0 + 2 * 3600000); });
        dash.setRange(KpiDashboardWidget::Range::Today);
        QSignalSpy written(&dash, &KpiDashboardWidget::reportWritten);
        QSignalSpy failed(&dash, &KpiDashboardWidget::reportFailed);
        const QString csv = m_dir.filePath(QStringLiteral("day.csv"));
        const QString pdf = m_dir.filePath(QStringLiteral("day.pdf"));
        dash.exportReport(csv, KpiDashboardWidget::ReportFormat::Csv);
        dash.exportReport(pdf, KpiDashboardWidget::ReportFormat::Pdf);
        QTRY_COMPARE_WITH_TIMEOUT(written.count() + failed.count(), 2, 20000);
        QCOMPARE(failed.count(), 0);

        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(lines.size() >= 4); // header, total, two depots, hours
        const QStringList header = lines[0].split(QLatin1Char(','));
        const QStringList total = lines[1].split(QLatin1Char(','));
        QCOMPARE(total[header.indexOf(QStringLiteral("orders"))], QStringLiteral("6"));
        QCOMPARE(total[header.indexOf(QStringLiteral("fulfilment_rate"))], QStringLiteral("0.5000"));
        QCOMPARE(total[header.indexOf(QStringLiteral("on_time_rate"))], QStringLiteral("0.6667"));
        QCOMPARE(total[header.indexOf(QStringLiteral("delivery_p50_min"))], QStringLiteral("20.25"));
        QCOMPARE(total[header.indexOf(QStringLiteral("offered"))], QStringLiteral("15"));
        QVERIFY(lines[2].startsWith(QStringLiteral("depot,depot:BJ-CY-01,")));

        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QSKIP("pdftotext (poppler-utils) is not installed: the PDF's text cannot be checked");
        QString text = pdfText(pdf);
        text.replace(QChar(0xFB01), QStringLiteral("fi")); // the "fi" ligature of the PDF font
        QVERIFY2(text.contains(QStringLiteral("OpsDeck KPI report")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("2026-11-22")));
        QVERIFY2(text.contains(QStringLiteral("Fulfilment rate")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("50.0 %")));     // all depots
        QVERIFY(text.contains(QStringLiteral("66.7 %")));     // on time, and BJ-CY-01's fulfilment
        QVERIFY(text.contains(QStringLiteral("33.3 %")));     // BJ-HD-02's fulfilment
        QVERIFY(text.contains(QStringLiteral("BJ-HD-02")));
        QVERIFY(text.contains(QStringLiteral("86.7 %")));     // intake acceptance
        worker->stop();
    }

    // Last 7 days: tiles and line charts from the history tables, the bars per depot and
    // the histogram too; the week's report covers the seven days and each depot.
    void lastSevenDaysFromHistory()
    {
        auto worker = workedExampleStore(m_dir.filePath(QStringLiteral("week.db")));
        app::KpiServiceHost host;
        host.attachStore(*worker);
        KpiDashboardWidget dash(&host, nullptr);
        dash.resize(1440, 900);
        dash.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dash));
        // Three days after the worked example: it is inside the week, not today.
        dash.setClock([] { return QDateTime::fromMSecsSinceEpoch(kT0).addDays(3); });
        QSignalSpy shown(&dash, &KpiDashboardWidget::historyShown);
        dash.setRange(KpiDashboardWidget::Range::LastSevenDays);
        QVERIFY(shown.wait(10000));
        QCOMPARE(dash.tile("fulfilment")->valueText(), QStringLiteral("50.0 %"));
        QCOMPARE(dash.tile("on_time")->valueText(), QStringLiteral("66.7 %"));
        QCOMPARE(dash.tile("intake")->valueText(), QStringLiteral("86.7 %"));
        QVERIFY(linePoints(dash.charts()[0]) > 0);
        // Bars per depot: fulfilment of BJ-CY-01 and BJ-HD-02 (66.7 % and 33.3 %).
        QMap<QString, double> fulfilment;
        for (auto *view : dash.charts()[3]->findChildren<QChartView *>())
            for (auto *series : view->chart()->series())
                if (auto *bars = qobject_cast<QBarSeries *>(series)) {
                    auto *axis = qobject_cast<QBarCategoryAxis *>(view->chart()->axes(Qt::Horizontal).value(0));
                    QVERIFY(axis);
                    const QBarSet *set = bars->barSets().value(0);
                    QVERIFY(set);
                    for (int i = 0; i < axis->count(); ++i)
                        fulfilment.insert(axis->at(i), set->at(i));
                }
        QCOMPARE(fulfilment.size(), 2);
        QVERIFY(std::fabs(fulfilment.value(QStringLiteral("BJ-CY-01")) - 66.67) < 0.1);
        QVERIFY(std::fabs(fulfilment.value(QStringLiteral("BJ-HD-02")) - 33.33) < 0.1);
        QVERIFY(histogramDrawn(dash.charts()[2]) > 0);
        // The chart scenes lay themselves out in posted events: deliver them, no waiting.
        for (int i = 0; i < 3; ++i) {
            QCoreApplication::sendPostedEvents();
            QCoreApplication::processEvents();
        }
        const QString shot = QStringLiteral(OPSDECK_SOURCE_DIR "/docs/screenshots/kpi-week.png");
        QVERIFY(dash.grab().save(shot));

        QSignalSpy written(&dash, &KpiDashboardWidget::reportWritten);
        const QString csv = m_dir.filePath(QStringLiteral("week.csv"));
        dash.exportReport(csv, KpiDashboardWidget::ReportFormat::Csv);
        QTRY_COMPARE_WITH_TIMEOUT(written.count(), 1, 20000);
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        const QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        const QStringList header = lines[0].split(QLatin1Char(','));
        const QStringList total = lines[1].split(QLatin1Char(','));
        QCOMPARE(total[header.indexOf(QStringLiteral("orders"))], QStringLiteral("6"));
        QVERIFY(text.contains(QStringLiteral("depot,depot:BJ-HD-02,")));
        worker->stop();
    }

    // A tile's click reaches the board through the shared selection with the figure's
    // states, depot, reason and range; the board then holds exactly the orders behind it.
    void tileClickNarrowsTheBoardToTheOrdersBehindIt()
    {
        QWidget parent;
        OpsManagerContext context;
        app::KpiServiceHost host;
        sdk::SelectionService selection;
        context.provide<sdk::KpiService>(&host);
        context.provide<sdk::SelectionService>(&selection);
        const auto panels = widgets::createKpiPanels(&context, &parent);
        auto *dash = panels.front().widget->findChild<KpiDashboardWidget *>();
        QVERIFY(dash);
        const QDateTime now = QDateTime::fromMSecsSinceEpoch(kT0 + 3600000);
        dash->setClock([now] { return now; });
        dash->setScope(QStringLiteral("depot:BJ-CY-01"));
        QSignalSpy requested(&selection, &sdk::SelectionService::ordersRequested);
        QTest::mouseClick(dash->tile("loss"), Qt::LeftButton);
        QCOMPARE(requested.count(), 1);
        const widgets::BoardFilter filter = widgets::BoardFilter::fromRequest(requested.first().at(0).toMap());
        QCOMPARE(filter.depot, QStringLiteral("BJ-CY-01"));
        QCOMPARE(filter.reason, QStringLiteral("damaged"));
        QCOMPARE(filter.sinceMs, now.toMSecsSinceEpoch() - 15 * 60000); // live: the 15-minute window
        QVERIFY(filter.hiddenStates.contains(QStringLiteral("SIGNED")));
        auto row = [&](const char *id, const char *state, const char *reason, qint64 since) {
            sdk::OrderRow r;
            r.orderId = QString::fromLatin1(id);
            r.depot = QStringLiteral("BJ-CY-01");
            r.state = QString::fromLatin1(state);
            r.lastReason = QString::fromLatin1(reason);
            r.stateSinceMs = since;
            return r;
        };
        const qint64 t = now.toMSecsSinceEpoch();
        QVERIFY(filter.accepts(row("a", "EXCEPTION", "damaged", t - 60000), t));
        QVERIFY(!filter.accepts(row("b", "EXCEPTION", "traffic_accident", t - 60000), t)); // another reason
        QVERIFY(!filter.accepts(row("c", "EXCEPTION", "damaged", t - 3600000), t));        // before the window
        sdk::OrderRow other = row("d", "EXCEPTION", "damaged", t - 60000);
        other.depot = QStringLiteral("BJ-HD-02");
        QVERIFY(!filter.accepts(other, t)); // another depot
    }

    void dailyReportOncePerDay()
    {
        auto worker = workedExampleStore(m_dir.filePath(QStringLiteral("daily.db")));
        app::KpiServiceHost host;
        host.attachStore(*worker);
        QSettings settings(m_dir.filePath(QStringLiteral("daily.ini")), QSettings::IniFormat);
        QDateTime now = QDateTime::fromMSecsSinceEpoch(kT0).addDays(1);
        now.setTime(QTime(0, 5));
        widgets::KpiReportScheduler scheduler(&host, &settings, [&now] { return now; });
        const QString folder = m_dir.filePath(QStringLiteral("reports"));
        scheduler.setFolder(folder);
        scheduler.setTimeOfDay(QTime(0, 10));
        QVERIFY(!scheduler.checkNow()); // 00:05: not yet
        now.setTime(QTime(0, 15));
        QSignalSpy written(&scheduler, &widgets::KpiReportScheduler::reportWritten);
        QSignalSpy failed(&scheduler, &widgets::KpiReportScheduler::reportFailed);
        QVERIFY(scheduler.checkNow());
        QTRY_COMPARE_WITH_TIMEOUT(written.count() + failed.count(), 1, 20000);
        QCOMPARE(failed.count(), 0);
        QVERIFY(QFile::exists(QDir(folder).filePath(QStringLiteral("opsdeck-kpi-2026-11-22.csv"))));
        QVERIFY(QFile::exists(QDir(folder).filePath(QStringLiteral("opsdeck-kpi-2026-11-22.pdf"))));
        QCOMPARE(scheduler.lastDay(), QDate(2026, 11, 22));
        QVERIFY(!scheduler.checkNow()); // never twice
        now = now.addDays(1);
        QVERIFY(scheduler.checkNow()); // the next day's report is due
        QTRY_COMPARE_WITH_TIMEOUT(written.count(), 2, 20000);
        // An unwritable folder is reported, and the day stays due.
        scheduler.setFolder(QStringLiteral("/proc/opsdeck-no-such-dir"));
        now = now.addDays(1);
        QVERIFY(scheduler.checkNow());
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 20000);
        QVERIFY(scheduler.lastDay() < now.date().addDays(-1));
        worker->stop();
    }

    void panelsWithoutAService()
    {
        QWidget parent;
        OpsManagerContext context;
        const auto panels = widgets::createKpiPanels(&context, &parent);
        QCOMPARE(panels.size(), 1);
        QCOMPARE(panels.front().id, QStringLiteral("kpi_dashboard"));
        auto *dash = panels.front().widget->findChild<KpiDashboardWidget *>(); // inside a scroll area
        QVERIFY(dash);
        QSignalSpy failed(dash, &KpiDashboardWidget::reportFailed);
        dash->exportReport(m_dir.filePath(QStringLiteral("x.csv")), KpiDashboardWidget::ReportFormat::Csv);
        QCOMPARE(failed.count(), 1);
    }

    void screenshot()
    {
        app::KpiServiceHost host;
        KpiDashboardWidget dash(&host, nullptr);
        dash.resize(1440, 900);
        // Two hours of a four-depot day, then the live view at 10:00.
        const std::int64_t start = kT0;
        EngineRun run;
        runSynthetic(run, start, 120);
        dash.applySnapshot(run.sdkSnapshot());
        dash.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dash));
        QVERIFY(dash.tile("orders")->valueText() != QStringLiteral("—"));
        const QString out = QStringLiteral(OPSDECK_SOURCE_DIR "/docs/screenshots/kpi.png");
        QVERIFY(dash.grab().save(out));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestKpiDashboard)
#include "tst_kpi_dashboard.moc"
