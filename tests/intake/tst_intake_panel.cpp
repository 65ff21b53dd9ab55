// The intake panel, offscreen with real widgets: its models under QAbstractItemModelTester,
// the chart interface, and the ops_manager plugin's panel driving a real gateway through
// the console's IntakeService (commands pending → confirmed, reason required, read-only
// roles). Saves the screenshot for docs/intake.md.
#include "IntakeFixture.h"

#include "app/runtime/ConsoleBridge.h"
#include "app/shell/ConsoleContextAdapter.h"
#include "app/shell/MainWindow.h"
#include "app/shell/PluginHost.h"
#include "app/shell/Translations.h"
#include "sdk/CodeLabels.h"
#include "app/features/intake/IntakeServiceHost.h"
#include "widgets/intake/ControlCommandsModel.h"
#include "widgets/intake/IntakeControlPanel.h"
#include "widgets/intake/IntakePolicyModels.h"
#include "widgets/charts/TimeSeriesChart.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTableView>
#include <QtTest>

#include <algorithm>
#include <map>

using namespace opsdeck;
using State = sdk::ControlStatus::State;

namespace {

sdk::DepotIntakeRow depot(const QString &id, QList<sdk::IntakeLimitRow> limits, QList<sdk::IntakeBreakerRow> breakers = {},
                          QList<sdk::IntakeDiversionRow> diversions = {})
{
    sdk::DepotIntakeRow d;
    d.depot = id;
    d.tsMs = 1000;
    d.offered = 10;
    d.accepted = 8;
    d.rateLimited = 2;
    d.limits = std::move(limits);
    d.breakers = std::move(breakers);
    d.diversions = std::move(diversions);
    return d;
}

template<typename T>
T *child(QWidget *w, const char *name)
{
    T *c = w->findChild<T *>(QString::fromLatin1(name));
    if (!c)
        qFatal("no child %s", name);
    return c;
}

} // namespace

class TestIntakePanel final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        qRegisterMetaType<sdk::ControlStatus>();
        qRegisterMetaType<QList<sdk::DepotIntakeRow>>();
    }

    void policyModelsKeepTheirContract()
    {
        widgets::IntakeLimitsModel limits;
        widgets::IntakeBreakersModel breakers;
        widgets::IntakeDiversionsModel diversions;
        QAbstractItemModelTester t1(&limits, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(&breakers, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t3(&diversions, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&limits, &QAbstractItemModel::modelReset);
        QSignalSpy changes(&limits, &QAbstractItemModel::dataChanged);

        // A global limit reported by two depots is one row; rows sorted by scope.
        const QList<sdk::DepotIntakeRow> first = {
            depot(QStringLiteral("BJ-CY-01"), {{QStringLiteral("global"), 500, 50}, {QStringLiteral("depot:BJ-CY-01"), 50, 10}},
                  {{QStringLiteral("depot:BJ-CY-01"), QStringLiteral("open"), QStringLiteral("auto"), 0.6}},
                  {{QStringLiteral("BJ-CY-01"), QStringLiteral("BJ-DC-03"), 0.3}}),
            depot(QStringLiteral("BJ-DC-03"), {{QStringLiteral("global"), 500, 50}}, {},
                  {{QStringLiteral("BJ-CY-01"), QStringLiteral("BJ-DC-03"), 0.3}})};
        limits.setDepots(first);
        breakers.setDepots(first);
        diversions.setDepots(first);
        QCOMPARE(limits.rowCount(), 2);
        // Scopes in words, the code kept for the form.
        QCOMPARE(limits.index(0, 0).data().toString(), QStringLiteral("Depot BJ-CY-01 (Chaoyang)"));
        QCOMPARE(limits.index(0, 0).data(widgets::IntakeLimitsModel::ScopeRole).toString(), QStringLiteral("depot:BJ-CY-01"));
        QCOMPARE(limits.index(1, 0).data().toString(), QStringLiteral("Whole city"));
        QCOMPARE(limits.index(1, widgets::IntakeLimitsModel::PerMinColumn).data().toString(), QLocale().toString(500.0, 'f', 1));
        QCOMPARE(breakers.index(0, widgets::IntakeBreakersModel::StateColumn).data().toString(), QStringLiteral("Open"));
        QCOMPARE(breakers.index(0, widgets::IntakeBreakersModel::ErrorRateColumn).data().toString(), QStringLiteral("60%"));
        QCOMPARE(diversions.rowCount(), 1);
        QCOMPARE(resets.size(), 1);

        // Same scopes, new values: one dataChanged over the rows, no reset.
        auto second = first;
        second[0].limits[1].perMin = 40;
        limits.setDepots(second);
        QCOMPARE(resets.size(), 1);
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes.at(0).at(0).toModelIndex().row(), 0);
        QCOMPARE(changes.at(0).at(1).toModelIndex().row(), 1);
        QCOMPARE(limits.index(0, widgets::IntakeLimitsModel::PerMinColumn).data().toString(), QLocale().toString(40.0, 'f', 1));

        // A limit cleared: one reset.
        second[0].limits.removeLast();
        limits.setDepots(second);
        QCOMPARE(resets.size(), 2);
        QCOMPARE(limits.rowCount(), 1);
        limits.setDepots({});
        breakers.setDepots({});
        diversions.setDepots({});
        QCOMPARE(limits.rowCount() + breakers.rowCount() + diversions.rowCount(), 0);
    }

    void commandsModelUpdatesRowsInPlace()
    {
        widgets::ControlCommandsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setMaxRows(3);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        sdk::ControlStatus s;
        s.commandId = QStringLiteral("c-1");
        s.cmd = QStringLiteral("set_rate_limit");
        s.args = {{QStringLiteral("scope"), QStringLiteral("depot:BJ-CY-01")}, {QStringLiteral("per_min"), 50.0}};
        s.origin = QStringLiteral("console");
        model.update(s);
        QCOMPARE(model.index(0, widgets::ControlCommandsModel::StateColumn).data().toString(), QStringLiteral("pending"));
        s.state = State::Refused;
        s.error = QStringLiteral("forbidden");
        s.message = QStringLiteral("role viewer may not set_rate_limit");
        model.update(s);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(changed.size(), 1);
        QVERIFY(model.index(0, widgets::ControlCommandsModel::StateColumn).data().toString().contains(QLatin1String("may not")));
        QCOMPARE(model.index(0, widgets::ControlCommandsModel::CommandColumn).data().toString(),
                 QStringLiteral("limit Depot BJ-CY-01 (Chaoyang) to 50/min"));
        for (int i = 2; i <= 5; ++i) {
            s.commandId = QStringLiteral("c-%1").arg(i);
            model.update(s);
        }
        QCOMPARE(model.rowCount(), 3); // bounded
        QCOMPARE(model.index(0, 0).data(widgets::ControlCommandsModel::CommandIdRole).toString(), QStringLiteral("c-5"));
    }

    void chartKeepsItsWindow()
    {
        std::unique_ptr<widgets::TimeSeriesChart> chart(widgets::createTimeSeriesChart());
        chart->setSeries({QStringLiteral("a"), QStringLiteral("b")}, {Qt::red});
        chart->setSpanMs(10000);
        for (qint64 t = 1000; t <= 30000; t += 1000)
            chart->append(t, {double(t / 1000), 1.0});
        QCOMPARE(chart->seriesCount(), 2);
        QCOMPARE(chart->pointCount(), 11); // 20 s .. 30 s
        chart->append(30000, {99.0, 99.0}); // time does not go back: ignored
        QCOMPARE(chart->lastValue(0), 30.0);
        chart->clear();
        QCOMPARE(chart->pointCount(), 0);
        QVERIFY(std::isnan(chart->lastValue(0)));
    }

    void panelDrivesTheGatewayThroughTheService()
    {
        auto g = test::IntakeFixture::gatewayOptions();
        g.scenario = sim::Scenario::Storm;
        test::IntakeFixture f;
        QVERIFY(f.start(g));
        f.keepStepping();
        app::IntakeServiceHost::Options o;
        o.refreshMs = 250;
        // The console's clock, shared by the panel (through the context) and the service, as
        // main() shares the feed's: "for 30 minutes" is judged on it, not on the wall's.
        // Held at the feed's time when the test starts, so the docs' picture agrees.
        const qint64 nowMs = f.gateway->simTimeMs();
        o.clockMs = [nowMs] { return nowMs; };
        app::IntakeServiceHost service(f.gateway->controlEndpoint(), {}, f.board, *f.audit,
                                       {QStringLiteral("mei"), QStringLiteral("ops_manager")}, o);
        QSignalSpy playbooksLoaded(&service, &sdk::IntakeService::playbooksChanged);
        service.loadPlaybookFile(QStringLiteral(OPSDECK_SOURCE_DIR "/resources/intake/playbooks.json"));
        QTRY_COMPARE(playbooksLoaded.size(), 1);
        QCOMPARE(service.playbooks().size(), 2);

        // The console as main() assembles it: context with the service, plugins, window.
        app::ConsoleBridge bridge;
        app::ConsoleContextAdapter context({QStringLiteral("ops_manager"), QStringLiteral("mei"), true});
        context.setClock(o.clockMs);
        context.provide<sdk::IntakeService>(&service);
        app::PluginHost host({QStringLiteral(OPSDECK_PLUGIN_DIR)});
        host.setRole(QStringLiteral("ops_manager"));
        host.loadPlugins(&context);
        QSettings settings(f.dir.filePath(QStringLiteral("ui.ini")), QSettings::IniFormat);
        app::MainWindow window(host, context, settings);
        QDockWidget *dock = window.dock(QStringLiteral("ops_manager/intake"));
        QVERIFY(dock);
        auto *panel = dock->widget()->findChild<widgets::IntakeControlPanel *>(); // inside a scroll area
        QVERIFY(panel);
        window.resize(1400, 900);
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(service.currentIntake().size() == 3, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(panel->chart()->pointCount() >= 2, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(panel->breakersModel()->rowCount() >= 4, 5000); // global + three depots

        // No reason: nothing is sent, the user is told why.
        child<QComboBox>(panel, "limitScopeCombo")->setCurrentText(QStringLiteral("depot:BJ-CY-01"));
        child<QDoubleSpinBox>(panel, "perMinSpin")->setValue(50);
        child<QSpinBox>(panel, "burstSpin")->setValue(10);
        QTest::mouseClick(child<QPushButton>(panel, "setLimitButton"), Qt::LeftButton);
        QVERIFY(panel->feedback().contains(QLatin1String("reason")));
        QCOMPARE(panel->commandsModel()->rowCount(), 0);

        // With a reason: pending at once, then confirmed once gateway.stats shows it.
        QTest::keyClicks(child<QLineEdit>(panel, "reasonEdit"), QStringLiteral("campus storm"));
        QTest::mouseClick(child<QPushButton>(panel, "setLimitButton"), Qt::LeftButton);
        QCOMPARE(panel->commandsModel()->rowCount(), 1);
        QCOMPARE(panel->commandsModel()->index(0, 0).data(widgets::ControlCommandsModel::StateRole).toInt(), int(State::Pending));
        QTRY_COMPARE_WITH_TIMEOUT(panel->commandsModel()->index(0, 0).data(widgets::ControlCommandsModel::StateRole).toInt(),
                                  int(State::Confirmed), 8000);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->limitsModel()->match(panel->limitsModel()->index(0, 0), widgets::IntakeLimitsModel::ScopeRole,
                                                              QStringLiteral("depot:BJ-CY-01")).isEmpty(), 5000);

        // A breaker for 30 minutes: it arms a reset timer.
        child<QComboBox>(panel, "breakerScopeCombo")->setCurrentText(QStringLiteral("depot:BJ-HD-02"));
        auto *mode = child<QComboBox>(panel, "breakerModeCombo");
        mode->setCurrentIndex(mode->findData(QStringLiteral("forced_closed")));
        child<QComboBox>(panel, "durationCombo")->setCurrentIndex(1);
        QCOMPARE(panel->expiryForNextCommand(), nowMs + 30 * 60000);
        QTest::mouseClick(child<QPushButton>(panel, "setBreakerButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(panel->commandsModel()->index(0, 0).data(widgets::ControlCommandsModel::StateRole).toInt(),
                                  int(State::Confirmed), 8000);
        QCOMPARE(service.armedTimers().size(), std::size_t(1));
        child<QComboBox>(panel, "durationCombo")->setCurrentIndex(0);

        // The storm playbook in one click: its diversion shows up.
        auto *playbook = child<QComboBox>(panel, "playbookCombo");
        playbook->setCurrentText(QStringLiteral("Campus lunch storm"));
        QTest::mouseClick(child<QPushButton>(panel, "applyPlaybookButton"), Qt::LeftButton);
        QVERIFY(!child<QPushButton>(panel, "applyPlaybookButton")->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(panel->diversionsModel()->rowCount(), 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(child<QPushButton>(panel, "revertPlaybookButton")->isEnabled(), 5000);
        QVERIFY(service.waitForIdle(10000));
        QTRY_COMPARE_WITH_TIMEOUT(panel->commandsModel()->index(0, 0).data(widgets::ControlCommandsModel::StateRole).toInt(),
                                  int(State::Confirmed), 8000);

        // Let the chart fill, show the limited depot, and keep the picture for the docs.
        child<QComboBox>(panel, "depotCombo")->setCurrentIndex(child<QComboBox>(panel, "depotCombo")->findData(QStringLiteral("BJ-CY-01")));
        panel->chart()->setSpanMs(2 * 60000);
        dock->setFloating(true);
        dock->resize(1000, 820);
        // The chart spans two minutes of the feed's time: one simulated second at a time,
        // each taken in by the panel, fills it whatever the pace of the machine.
        f.stopStepping();
        QSignalSpy intake(&service, &sdk::IntakeService::intakeChanged);
        for (int i = 0; i < 60 && panel->chart()->pointCount() < 10; ++i) {
            intake.clear();
            QVERIFY(f.stepOneSecond());
            QTRY_VERIFY_WITH_TIMEOUT(!intake.isEmpty(), 5000); // perhaps already while stepping
        }
        QVERIFY(panel->chart()->pointCount() >= 10);
        f.keepStepping();
        QDir().mkpath(QStringLiteral(OPSDECK_SCREENSHOT_DIR));
        QVERIFY(panel->grab().save(QStringLiteral(OPSDECK_SCREENSHOT_DIR "/intake.png")));

        const auto newestState = [panel] {
            return panel->commandsModel()->index(0, 0).data(widgets::ControlCommandsModel::StateRole).toInt();
        };
        // Revert the playbook in one click: its diversion goes.
        QTest::mouseClick(child<QPushButton>(panel, "revertPlaybookButton"), Qt::LeftButton);
        QVERIFY(service.waitForIdle(10000));
        QTRY_COMPARE_WITH_TIMEOUT(panel->diversionsModel()->rowCount(), 0, 10000);
        // A diversion by hand, then stopped.
        auto *from = child<QComboBox>(panel, "divertFromCombo");
        auto *to = child<QComboBox>(panel, "divertToCombo");
        from->setCurrentIndex(from->findData(QStringLiteral("BJ-CY-01")));
        to->setCurrentIndex(to->findData(QStringLiteral("BJ-HD-02")));
        QCOMPARE(to->currentText(), QStringLiteral("Depot BJ-HD-02 (Haidian)"));
        child<QSpinBox>(panel, "shareSpin")->setValue(40);
        QTest::mouseClick(child<QPushButton>(panel, "divertButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(newestState(), int(State::Confirmed), 8000);
        QTRY_COMPARE_WITH_TIMEOUT(panel->diversionsModel()->rowCount(), 1, 10000);
        QTest::mouseClick(child<QPushButton>(panel, "clearDivertButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(newestState(), int(State::Confirmed), 8000);
        QTRY_COMPARE_WITH_TIMEOUT(panel->diversionsModel()->rowCount(), 0, 10000);
        // And the limit set at the start cleared.
        child<QComboBox>(panel, "limitScopeCombo")->setCurrentText(QStringLiteral("depot:BJ-CY-01"));
        QTest::mouseClick(child<QPushButton>(panel, "clearLimitButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(newestState(), int(State::Confirmed), 8000);
        QTRY_VERIFY_WITH_TIMEOUT(panel->limitsModel()->match(panel->limitsModel()->index(0, 0), widgets::IntakeLimitsModel::ScopeRole,
                                                             QStringLiteral("depot:BJ-CY-01")).isEmpty(), 5000);
        host.shutdown();
    }

    // A gateway that does not answer: the row turns "unconfirmed" (3 attempts of 1 s),
    // and the panel says so; the command is in the audit with that state.
    void unansweredCommandShowsUnconfirmed()
    {
        test::IntakeFixture f;
        QVERIFY(f.start(test::IntakeFixture::gatewayOptions()));
        app::IntakeServiceHost service("tcp://127.0.0.1:9", {}, f.board, *f.audit,
                                       {QStringLiteral("wang"), QStringLiteral("ops_manager")}, {});
        widgets::IntakeControlPanel panel(&service);
        child<QComboBox>(&panel, "limitScopeCombo")->setCurrentText(QStringLiteral("global"));
        QTest::keyClicks(child<QLineEdit>(&panel, "reasonEdit"), QStringLiteral("storm"));
        QTest::mouseClick(child<QPushButton>(&panel, "setLimitButton"), Qt::LeftButton);
        QCOMPARE(panel.commandsModel()->rowCount(), 1);
        QCOMPARE(panel.commandsModel()->index(0, 0).data(widgets::ControlCommandsModel::StateRole).toInt(), int(State::Pending));
        QTRY_COMPARE_WITH_TIMEOUT(panel.commandsModel()->index(0, 0).data(widgets::ControlCommandsModel::StateRole).toInt(),
                                  int(State::Unconfirmed), 10000);
        QVERIFY(service.waitForIdle(5000));
    }

    void readOnlyRoleCannotChangeIntake()
    {
        test::IntakeFixture f;
        QVERIFY(f.start(test::IntakeFixture::gatewayOptions()));
        app::IntakeServiceHost service(f.gateway->controlEndpoint(), {}, f.board, *f.audit,
                                       {QStringLiteral("cs"), QStringLiteral("customer_service")}, {});
        widgets::IntakeControlPanel panel(&service);
        for (const char *name : {"setLimitButton", "clearLimitButton", "setBreakerButton", "divertButton", "clearDivertButton"})
            QVERIFY2(!child<QPushButton>(&panel, name)->isEnabled(), name);
        QVERIFY(panel.feedback().contains(QLatin1String("not change")));

        widgets::IntakeControlPanel noService(nullptr);
        QVERIFY(!noService.isEnabled());
    }

    // Issue 14: the duration chosen in the form applies to a playbook, and a playbook
    // applied "Permanent" does not silently make a 1-hour limit permanent: that control
    // keeps the hour's end, and the panel says so. Clocks injected, so nothing is due.
    void playbookTakesTheChosenDuration()
    {
        test::IntakeFixture f;
        QVERIFY(f.start(test::IntakeFixture::gatewayOptions()));
        f.keepStepping();
        QVERIFY(f.waitForStats());
        const qint64 start = QDateTime(QDate(2026, 12, 7), QTime(11, 40)).toMSecsSinceEpoch();
        app::IntakeServiceHost::Options o;
        o.clockMs = [start] { return start; };
        app::IntakeServiceHost service(f.gateway->controlEndpoint(), {}, f.board, *f.audit,
                                       {QStringLiteral("mei"), QStringLiteral("ops_manager")}, o);
        service.loadPlaybooks(R"({"playbooks":[
            {"name":"Campus","controls":[{"cmd":"set_rate_limit","scope":"depot:BJ-CY-01","per_min":50,"burst":10},
                                         {"cmd":"set_rate_limit","scope":"depot:BJ-DC-03","per_min":30,"burst":3}]},
            {"name":"Lunch","controls":[{"cmd":"divert","from":"BJ-HD-02","to":"BJ-DC-03","share":0.2}]}]})");
        widgets::IntakeControlPanel panel(&service);
        panel.setClock([start] { return start; });
        auto *duration = child<QComboBox>(&panel, "durationCombo");
        auto *playbook = child<QComboBox>(&panel, "playbookCombo");
        QTest::keyClicks(child<QLineEdit>(&panel, "reasonEdit"), QStringLiteral("lunch storm"));
        const auto settled = [&service](int n) {
            const auto recent = service.recentCommands();
            return recent.size() == n && std::all_of(recent.begin(), recent.end(), [](const sdk::ControlStatus &s) {
                       return s.state == State::Confirmed;
                   });
        };

        // "For 30 minutes", then the playbook: its control ends in 30 minutes.
        duration->setCurrentIndex(duration->findText(QStringLiteral("For 30 minutes")));
        playbook->setCurrentText(QStringLiteral("Lunch"));
        QTest::mouseClick(child<QPushButton>(&panel, "applyPlaybookButton"), Qt::LeftButton);
        QVERIFY(service.waitForIdle(10000));
        QTRY_VERIFY_WITH_TIMEOUT(settled(1), 8000);
        QCOMPARE(service.recentCommands().front().expiresAtMs, start + 30 * 60000);

        // A limit "for 1 hour" by hand; then a playbook "Permanent" on the same scope.
        duration->setCurrentIndex(duration->findText(QStringLiteral("For 1 hour")));
        child<QComboBox>(&panel, "limitScopeCombo")->setCurrentText(QStringLiteral("depot:BJ-CY-01"));
        child<QDoubleSpinBox>(&panel, "perMinSpin")->setValue(80);
        QTest::mouseClick(child<QPushButton>(&panel, "setLimitButton"), Qt::LeftButton);
        QVERIFY(service.waitForIdle(10000));
        QTRY_VERIFY_WITH_TIMEOUT(settled(2), 8000);
        duration->setCurrentIndex(duration->findText(QStringLiteral("Permanent")));
        playbook->setCurrentText(QStringLiteral("Campus"));
        QTest::mouseClick(child<QPushButton>(&panel, "applyPlaybookButton"), Qt::LeftButton);
        QVERIFY2(panel.feedback().contains(QLatin1String("depot:BJ-CY-01"))
                     && panel.feedback().contains(QLatin1String("12:40")),
                 qPrintable(panel.feedback()));
        QVERIFY(service.waitForIdle(10000));
        QTRY_VERIFY_WITH_TIMEOUT(settled(4), 8000);
        std::map<QString, qint64> ends; // scope -> end of the playbook's control
        for (const auto &s : service.recentCommands())
            if (s.origin == QLatin1String("playbook") && s.cmd == QLatin1String("set_rate_limit"))
                ends[s.args.value(QStringLiteral("scope")).toString()] = s.expiresAtMs;
        QCOMPARE(ends[QStringLiteral("depot:BJ-CY-01")], start + 3600000); // kept the hour's end
        QCOMPARE(ends[QStringLiteral("depot:BJ-DC-03")], qint64(0));        // permanent, as chosen
        // Still said once the controls have reported.
        QVERIFY2(panel.feedback().contains(QLatin1String("depot:BJ-CY-01")), qPrintable(panel.feedback()));
    }
    // Last: the Chinese translators stay installed for the rest of the process. The
    // shipped playbooks read in Chinese (name and text) in a zh_CN console, and the
    // one picked by its Chinese name is the one applied.
    void shippedPlaybooksReadInChinese()
    {
        QFile shipped(QStringLiteral(OPSDECK_SOURCE_DIR "/resources/intake/playbooks.json"));
        QVERIFY(shipped.open(QIODevice::ReadOnly));
        app::installTranslations(*qApp, QStringLiteral("zh_CN"));
        QCOMPARE(sdk::catalogueLanguage(), QStringLiteral("zh_CN"));
        test::IntakeFixture f;
        QVERIFY(f.start(test::IntakeFixture::gatewayOptions()));
        f.keepStepping();
        app::IntakeServiceHost service(f.gateway->controlEndpoint(), {}, f.board, *f.audit,
                                       {QStringLiteral("mei"), QStringLiteral("ops_manager")}, {});
        QVERIFY(service.loadPlaybooks(shipped.readAll()).isEmpty());
        widgets::IntakeControlPanel panel(&service);
        auto *playbook = child<QComboBox>(&panel, "playbookCombo");
        QCOMPARE(playbook->count(), 2);
        const auto chinese = [](const QString &text) {
            return std::any_of(text.begin(), text.end(), [](QChar c) { return c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff; });
        };
        for (int i = 0; i < playbook->count(); ++i) {
            QVERIFY2(chinese(playbook->itemText(i)), qPrintable(playbook->itemText(i)));
            playbook->setCurrentIndex(i);
            const QString text = child<QLabel>(&panel, "playbookDescription")->text();
            QVERIFY2(chinese(text), qPrintable(text));
        }
        QCOMPARE(service.playbookTitle(QStringLiteral("Payment outage")), QStringLiteral("支付故障"));

        playbook->setCurrentIndex(playbook->findText(QStringLiteral("支付故障")));
        QTest::keyClicks(child<QLineEdit>(&panel, "reasonEdit"), QStringLiteral("payments down"));
        QTest::mouseClick(child<QPushButton>(&panel, "applyPlaybookButton"), Qt::LeftButton);
        QVERIFY(service.playbookApplied(QStringLiteral("Payment outage")));
        QVERIFY(!service.playbookApplied(QStringLiteral("Campus lunch storm")));
        QVERIFY(service.waitForIdle(10000));
    }
};

QTEST_MAIN(TestIntakePanel)
#include "tst_intake_panel.moc"
