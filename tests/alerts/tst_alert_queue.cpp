// The alert queue: model under QAbstractItemModelTester, and keyboard triage on real
// widgets driven with QTest against the real service, engine (ConsoleCore thread with
// an injected clock) and store (a real SQLite file). Also takes docs' screenshot.
#include "AlertFeed.h"

#include "app/features/alerts/AlertPipeline.h"
#include "app/features/alerts/AlertServiceHost.h"
#include "app/shell/ConsoleContextAdapter.h"
#include "app/shell/MainWindow.h"
#include "app/shell/PluginHost.h"
#include "core/pipeline/ConsoleCore.h"
#include "store/log/EventStore.h"
#include "store/db/StoreWorker.h"
#include "app/shell/Translations.h"
#include "widgets/alerts/AlertMessageText.h"
#include "widgets/alerts/AlertNotifier.h"
#include "widgets/alerts/AlertQueueModel.h"
#include "widgets/alerts/AlertQueueWidget.h"
#include "widgets/alerts/AlertRulesDialog.h"
#include "sdk/SelectionService.h"
#include "widgets/orders/OrderBoardWidget.h"
#include "widgets/board/OrderKanbanBoard.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDockWidget>
#include <QSettings>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>

using namespace alerttest;
using namespace opsdeck;
using widgets::AlertQueueModel;

namespace {

sdk::AlertRow row(qint64 id, int severity, qint64 firstAt, const QString &state = QStringLiteral("new"),
                  QStringList roles = {QStringLiteral("dispatcher")})
{
    sdk::AlertRow r;
    r.id = id;
    r.ruleId = QStringLiteral("rule.%1").arg(id);
    r.subject = QStringLiteral("o%1").arg(id);
    r.orderId = r.subject;
    r.severity = severity;
    r.state = state;
    r.firstAtMs = firstAt;
    r.roles = std::move(roles);
    return r;
}

QList<qint64> ids(const AlertQueueModel &m)
{
    QList<qint64> out;
    for (int i = 0; i < m.rowCount(); ++i)
        out.push_back(m.index(i, 0).data(AlertQueueModel::IdRole).toLongLong());
    return out;
}

// The console's alert side, assembled as main() does it, minus the feed.
struct Console {
    explicit Console(const QString &db, app::AlertPipeline::Options options = {})
        : pipeline(std::move(options))
        , service(pipeline, QStringLiteral("alice"), [this] { return clock.load(); })
    {
        auto es = std::make_unique<store::EventStore>();
        es->open(db);
        worker = std::make_unique<store::StoreWorker>(std::move(es));
        ConsoleCore::Options o;
        o.tickIntervalMs = 10;
        o.wallClockMs = [this] { return clock.load(); };
        core = std::make_unique<ConsoleCore>(Projections{}, [this](StoreBatch &&b) { worker->submit(std::move(b)); },
                                             nullptr, o);
        pipeline.assemble(*core, *worker);
        service.loadRestored();
        core->start();
    }
    ~Console()
    {
        core->stop();
        worker->stop();
    }
    void post(std::vector<Event> events)
    {
        FeedBatch b;
        b.events = std::move(events);
        core->post(std::move(b));
    }

    std::atomic<std::int64_t> clock{kT0};
    app::AlertPipeline pipeline;
    app::AlertServiceHost service;
    std::unique_ptr<store::StoreWorker> worker;
    std::unique_ptr<ConsoleCore> core;
};

std::vector<Event> paidOrders(std::initializer_list<const char *> ids, std::int64_t at)
{
    std::vector<Event> out;
    for (const char *id : ids) {
        out.push_back(created(id, at));
        out.push_back(make(EventKind::OrderPaid, at, id));
    }
    return out;
}

} // namespace

class TestAlertQueue final : public QObject
{
    Q_OBJECT

private slots:
    void modelSortsFiltersAndCounts()
    {
        qint64 now = kT0 + 30 * kMin;
        AlertQueueModel model(QStringLiteral("dispatcher"), [&now] { return now; });
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy critical(&model, &AlertQueueModel::criticalArrived);

        model.reset({row(1, sdk::AlertRow::Warning, kT0), row(2, sdk::AlertRow::Critical, kT0 + kMin),
                     row(3, sdk::AlertRow::Warning, kT0 - kMin), row(4, sdk::AlertRow::Major, kT0),
                     row(5, sdk::AlertRow::Critical, kT0, QStringLiteral("new"), {QStringLiteral("merchant")}),
                     row(6, sdk::AlertRow::Info, kT0, QStringLiteral("snoozed"))});
        QCOMPARE(ids(model), (QList<qint64>{2, 4, 3, 1})); // severity first, then oldest
        QCOMPARE(model.countBySeverity(sdk::AlertRow::Critical), 1);
        QCOMPARE(model.countBySeverity(sdk::AlertRow::Warning), 2);
        QCOMPARE(model.snoozedCount(), 1);
        QCOMPARE(model.index(0, AlertQueueModel::AgeColumn).data().toString(), QStringLiteral("29 min"));
        QCOMPARE(critical.count(), 0); // reset is the picture, not news

        // One batch: 1 escalates to critical, 4 resolves, 7 arrives, 6 wakes up.
        sdk::AlertRow escalated = row(1, sdk::AlertRow::Critical, kT0);
        escalated.escalated = true;
        escalated.roles << QStringLiteral("ops_manager");
        sdk::AlertRow resolved = row(4, sdk::AlertRow::Major, kT0, QStringLiteral("resolved"));
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.applyChanges({escalated, resolved, row(7, sdk::AlertRow::Info, kT0 + 2 * kMin),
                            row(6, sdk::AlertRow::Info, kT0)});
        QCOMPARE(resets.count(), 1); // one reset per batch, not one signal per row
        QCOMPARE(ids(model), (QList<qint64>{1, 2, 3, 6, 7}));
        QVERIFY(model.index(0, AlertQueueModel::SeverityColumn).data().toString().contains(QStringLiteral("↑")));
        QCOMPARE(critical.count(), 1);
        QCOMPARE(critical.first().first().value<QList<sdk::AlertRow>>().front().id, qint64(1));
        // The same critical again is not news.
        model.applyChanges({escalated});
        QCOMPARE(critical.count(), 1);
        // An alert escalated into another role's queue appears there.
        AlertQueueModel manager(QStringLiteral("ops_manager"));
        QAbstractItemModelTester managerTester(&manager, QAbstractItemModelTester::FailureReportingMode::QtTest);
        manager.applyChanges({escalated, resolved});
        QCOMPARE(ids(manager), (QList<qint64>{1}));
        now += 60 * kMin;
        QSignalSpy dataChanged(&model, &QAbstractItemModel::dataChanged);
        model.refreshAges();
        QCOMPARE(dataChanged.count(), 1);
        QCOMPARE(dataChanged.first().at(0).toModelIndex().row(), 0);
        QCOMPARE(dataChanged.first().at(1).toModelIndex().row(), model.rowCount() - 1);
        QCOMPARE(model.index(1, AlertQueueModel::AgeColumn).data().toString(), QStringLiteral("1 h 29 min"));
        model.reset({});
        QCOMPARE(model.rowCount(), 0);
    }

    void keyboardTriageOnRealWidgets()
    {
        QTemporaryDir dir;
        Console console(dir.filePath("console.db"));
        widgets::AlertQueueWidget queue(&console.service, QStringLiteral("dispatcher"));
        queue.notifier()->setSoundEnabled(false);
        queue.resize(1000, 330);
        queue.show();
        QVERIFY(QTest::qWaitForWindowExposed(&queue));
        QSignalSpy selection(&queue, &widgets::AlertQueueWidget::selectionRequested);
        QSignalSpy serviceSelection(&console.service, &sdk::AlertService::selectionRequested);

        console.post(paidOrders({"o1", "o2", "o3"}, kT0));
        Event ex = make(EventKind::OrderException, kT0 + kMin, "o4");
        console.post(paidOrders({"o4"}, kT0));
        console.post({stockChecked("o4", kT0, true), dispatched("o4", kT0, "r1", kT0 + 40 * kMin), ex,
                      riderStatus("r2", "idle", kT0 + 10 * kMin), riderPosition("r2", kT0 + 10 * kMin, 39.92, 116.46, 9),
                      report("r3", "o5", kT0 + 10 * kMin)});
        console.clock = kT0 + 10 * kMin + 1000;
        QTRY_COMPARE_WITH_TIMEOUT(queue.model()->rowCount(), 6, 5000);
        // Critical (exception unhandled) first, then the rider report (major), then warnings.
        QCOMPARE(queue.model()->alertAt(0).ruleId, QStringLiteral("sla.exception_unhandled"));
        QCOMPARE(queue.model()->alertAt(1).ruleId, QStringLiteral("exception.rider_report"));
        // Worded from its code and arguments (no translator installed yet: English).
        QCOMPARE(queue.model()->alertAt(1).messageCode, QStringLiteral("rider.report_note"));
        QCOMPARE(queue.model()->index(1, AlertQueueModel::MessageColumn).data().toString(),
                 QStringLiteral("rider r3 reported Traffic accident: scooter hit"));
        // The rule by its name from the rules in force, not its id.
        QCOMPARE(queue.model()->index(1, AlertQueueModel::RuleColumn).data().toString(),
                 QStringLiteral("Rider reported a problem"));
        QCOMPARE(queue.notifier()->announced(), 1);
        QVERIFY(queue.findChild<QLabel *>(QStringLiteral("criticalBadge"))->text().endsWith(QStringLiteral(" 1")));

        QTableView *table = queue.tableView();
        table->setFocus();
        // On a busy machine the alerts may arrive over two ticks; the cursor then stays on
        // the first one it landed on (by design), which need not be the top row.
        table->setCurrentIndex(queue.model()->index(0, 0));
        // The screenshot of docs/alerts.md: the queue as the dispatcher first sees it.
        QApplication::processEvents();
        const QString shots = QStringLiteral(OPSDECK_SCREENSHOT_DIR);
        QDir().mkpath(shots);
        QVERIFY(queue.grab().save(shots + QStringLiteral("/alerts.png")));
        QCOMPARE(table->currentIndex().row(), 0);
        QTest::keyClick(table, Qt::Key_J);
        QTest::keyClick(table, Qt::Key_J);
        QCOMPARE(table->currentIndex().row(), 2);
        QTest::keyClick(table, Qt::Key_K);
        QCOMPARE(table->currentIndex().row(), 1);
        QTest::keyClick(table, Qt::Key_J); // row 2: a warning
        const qint64 acked = queue.currentAlertId();
        QTest::keyClick(table, Qt::Key_A);
        QTRY_COMPARE_WITH_TIMEOUT(queue.model()->alertAt(queue.model()->rowOf(acked)).state, QStringLiteral("acknowledged"),
                                  5000);
        QCOMPARE(queue.model()->alertAt(queue.model()->rowOf(acked)).acknowledgedBy, QStringLiteral("alice"));
        QCOMPARE(queue.currentAlertId(), acked); // the cursor stays on the alert across the update

        queue.assignCurrent(QStringLiteral("wang.wei"));
        QTRY_COMPARE_WITH_TIMEOUT(queue.model()->alertAt(queue.model()->rowOf(acked)).state, QStringLiteral("assigned"), 5000);
        QCOMPARE(queue.model()->alertAt(queue.model()->rowOf(acked)).assignee, QStringLiteral("wang.wei"));

        QTest::keyClick(table, Qt::Key_J);
        const qint64 snoozed = queue.currentAlertId();
        QTest::keyClick(table, Qt::Key_S);
        QTRY_COMPARE_WITH_TIMEOUT(queue.model()->rowOf(snoozed), -1, 5000);
        QCOMPARE(queue.model()->snoozedCount(), 1);

        QTest::keyClick(table, Qt::Key_K);
        const qint64 resolved = queue.currentAlertId();
        QTest::keyClick(table, Qt::Key_R);
        QTRY_COMPARE_WITH_TIMEOUT(queue.model()->rowOf(resolved), -1, 5000);
        QCOMPARE(queue.model()->rowCount(), 4);

        // Enter on the exception alert selects its order on every view.
        table->setCurrentIndex(queue.model()->index(0, 0));
        QTest::keyClick(table, Qt::Key_Return);
        QCOMPARE(selection.count(), 1);
        QCOMPARE(selection.first().at(0).toString(), QStringLiteral("o4"));
        QCOMPARE(serviceSelection.count(), 1);
        // A click does the same.
        const QRect rect = table->visualRect(queue.model()->index(1, AlertQueueModel::SubjectColumn));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(selection.count(), 2);
        QCOMPARE(selection.last().at(0).toString(), QStringLiteral("o5"));
        QCOMPARE(selection.last().at(1).toString(), QStringLiteral("r3"));

        // Snooze expiry brings the alert back.
        console.clock = kT0 + 10 * kMin + 1000 + 15 * kMin + 1000;
        QTRY_VERIFY_WITH_TIMEOUT(queue.model()->rowOf(snoozed) >= 0, 5000);

        // History search goes to the store thread and comes back.
        auto *history = queue.findChild<QLineEdit *>(QStringLiteral("historyEdit"));
        history->setText(QStringLiteral("alice"));
        QTest::keyClick(history, Qt::Key_Return);
        auto *list = queue.findChild<QListWidget *>(QStringLiteral("historyList"));
        QTRY_COMPARE_WITH_TIMEOUT(list->count(), 4, 5000); // acknowledged, assigned, snoozed, resolved by alice
        // The assignment's note comes back from the store as a code and is worded here.
        QStringList lines;
        for (int i = 0; i < list->count(); ++i)
            lines.push_back(list->item(i)->text());
        const QStringList assigned = lines.filter(QStringLiteral(" assigned by alice: "));
        QCOMPARE(assigned.size(), 1);
        QVERIFY2(assigned.front().endsWith(QStringLiteral(" to wang.wei")), qPrintable(assigned.front()));

    }

    void dispatcherPluginShowsItsQueueAndFollowsSelection()
    {
        QTemporaryDir dir;
        Console console(dir.filePath("console.db"));
        app::ConsoleContextAdapter context({QStringLiteral("dispatcher"), QStringLiteral("li.na"), true});
        context.provide<sdk::AlertService>(&console.service);
        app::PluginHost host({QStringLiteral(OPSDECK_PLUGIN_DIR)});
        host.loadPlugins(&context);
        QSettings settings(dir.filePath("settings.ini"), QSettings::IniFormat);
        app::MainWindow window(host, context, settings);
        QDockWidget *dock = window.dock(QStringLiteral("dispatcher/alerts"));
        QVERIFY(dock);
        auto *queue = qobject_cast<widgets::AlertQueueWidget *>(dock->widget());
        QVERIFY(queue);
        QCOMPARE(queue->model()->role(), QStringLiteral("dispatcher"));
        queue->notifier()->setSoundEnabled(false);

        console.post(paidOrders({"o9"}, kT0));
        console.clock = kT0 + 11 * kMin;
        QTRY_COMPARE_WITH_TIMEOUT(queue->model()->rowCount(), 1, 5000);
        queue->tableView()->setCurrentIndex(queue->model()->index(0, 0));
        queue->selectCurrent();
        auto *board = qobject_cast<widgets::OrderBoardWidget *>(window.dock(QStringLiteral("dispatcher/orders"))->widget());
        QVERIFY(board);
        // Selected and in view, not filtered (issue 14: a selection never narrows a view).
        QVERIFY(board->findChild<QLineEdit *>(QStringLiteral("filterEdit"))->text().isEmpty());
        // (This host feeds the table no orders: selecting a listed row is
        // tst_one_assembly-scale work, checked in ordersTableSelectsWithoutNarrowing.)
        host.shutdown();
    }

    // With the console's shared selection (as main() provides it): a clicked alert
    // selects its order for every view; the Kanban board keeps its filters and search as
    // the user left them (issue 14: it used to search for it; it selects the card, see
    // tst_board_behaviour), and a rider selected elsewhere does not narrow it either.
    void alertClickSelectsThroughTheSharedSelection()
    {
        QTemporaryDir dir;
        Console console(dir.filePath("console.db"));
        app::ConsoleContextAdapter context({QStringLiteral("dispatcher"), QStringLiteral("li.na"), true});
        sdk::SelectionService selection;
        context.provide<sdk::AlertService>(&console.service);
        context.provide<sdk::SelectionService>(&selection);
        app::PluginHost host({QStringLiteral(OPSDECK_PLUGIN_DIR)});
        host.setRole(QStringLiteral("dispatcher"));
        host.loadPlugins(&context);
        QSettings settings(dir.filePath("settings.ini"), QSettings::IniFormat);
        app::MainWindow window(host, context, settings);
        auto *queue = qobject_cast<widgets::AlertQueueWidget *>(window.dock(QStringLiteral("dispatcher/alerts"))->widget());
        QVERIFY(queue);
        queue->notifier()->setSoundEnabled(false);
        QSignalSpy selected(&selection, &sdk::SelectionService::orderSelected);

        console.post(paidOrders({"o7"}, kT0));
        console.clock = kT0 + 11 * kMin;
        QTRY_COMPARE_WITH_TIMEOUT(queue->model()->rowCount(), 1, 5000);
        queue->tableView()->setCurrentIndex(queue->model()->index(0, 0));
        queue->selectCurrent();
        QCOMPARE(selection.selectedOrder(), QStringLiteral("o7"));
        QCOMPARE(selected.count(), 1);
        auto *kanban = window.dock(QStringLiteral("dispatcher/board"))->widget()->findChild<widgets::OrderKanbanBoard *>();
        QVERIFY(kanban);
        QCOMPARE(kanban->findChild<QLineEdit *>(QStringLiteral("searchEdit"))->text(), QString());
        selection.selectRider(QStringLiteral("r-1"));
        QVERIFY(kanban->filter().rider.isEmpty());
        QVERIFY(!kanban->filter().orderIds);
        host.shutdown();
    }

    // Every role's plugin shows that role's queue.
    void eachRolesPluginShowsItsQueue()
    {
        QTemporaryDir dir;
        Console console(dir.filePath("console.db"));
        const QList<QPair<QString, QString>> roles{{QStringLiteral("customer_service"), QStringLiteral("dispatcher/alerts")},
                                                   {QStringLiteral("ops_manager"), QStringLiteral("dispatcher/alerts")},
                                                   {QStringLiteral("merchant"), QStringLiteral("merchant/alerts")}};
        for (const auto &[role, dockName] : roles) {
            app::ConsoleContextAdapter context({role, QStringLiteral("u"), true});
            context.provide<sdk::AlertService>(&console.service);
            app::PluginHost host({QStringLiteral(OPSDECK_PLUGIN_DIR)});
            host.setRole(role);
            host.loadPlugins(&context);
            QSettings settings(dir.filePath(role + QStringLiteral(".ini")), QSettings::IniFormat);
            app::MainWindow window(host, context, settings);
            QDockWidget *dock = window.dock(dockName);
            QVERIFY2(dock, qPrintable(role));
            auto *queue = qobject_cast<widgets::AlertQueueWidget *>(dock->widget());
            QVERIFY2(queue, qPrintable(role));
            QCOMPARE(queue->model()->role(), role);
            host.shutdown();
        }
    }

    void rulesEditorValidatesAndApplies()
    {
        QTemporaryDir dir;
        Console console(dir.filePath("console.db"));
        widgets::AlertRulesDialog dialog(&console.service);
        QVERIFY(dialog.canSave()); // the rules in force are valid
        auto *editor = dialog.findChild<QPlainTextEdit *>(QStringLiteral("editor"));
        editor->setPlainText(QStringLiteral("{\"rules\":[{\"id\":\"x\",\"kind\":\"nope\"}]"));
        dialog.validate();
        QVERIFY(!dialog.canSave());
        QCOMPARE(dialog.problems().size(), 1);
        QVERIFY(dialog.problems().front().startsWith(QStringLiteral("File: not JSON")));
        dialog.setText(QStringLiteral(R"({"version":1,"rules":[
            {"id":"low","kind":"rider_battery_low","thresholds":{"pct":50},"severity":"critical","roles":["dispatcher"]},
            {"id":"bad","kind":"rider_battery_low","thresholds":{"pct":50},"severity":"urgent","roles":["dispatcher"]}]})"));
        QVERIFY(!dialog.canSave());
        QCOMPARE(dialog.problems(), QStringList{QStringLiteral("Rule 2 (bad): severity must be one of info, warning, major, critical")});
        dialog.accept();
        QVERIFY(dialog.result() != QDialog::Accepted);
        dialog.setText(QStringLiteral(R"({"version":1,"rules":[
            {"id":"low","kind":"rider_battery_low","thresholds":{"pct":50},"severity":"critical","roles":["dispatcher"]}]})"));
        QVERIFY(dialog.canSave());
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        // The engine runs on the new rules: 40 % is now low.
        QSignalSpy changed(&console.service, &sdk::AlertService::alertsChanged);
        console.post({riderStatus("r1", "idle", kT0), riderPosition("r1", kT0, 39.92, 116.46, 40)});
        QTRY_VERIFY_WITH_TIMEOUT(!console.service.currentAlerts().isEmpty(), 5000);
        QCOMPARE(console.service.currentAlerts().front().ruleId, QStringLiteral("low"));
    }

    // Rules saved from the editor go to the installation's override file (written on the
    // store thread), and a console started later runs on them; a broken override file is
    // not used (the built-in rules are) and says why.
    void savedRulesOverrideTheShippedOnes()
    {
        QTemporaryDir dir;
        const QString overridePath = dir.filePath(QStringLiteral("config/alerts/rules.json"));
        const QString rules = QStringLiteral(R"({"version":1,"rules":[
            {"id":"low","kind":"rider_battery_low","thresholds":{"pct":50},"severity":"critical","roles":["dispatcher"]}]})");
        {
            app::AlertPipeline::Options o;
            o.rulesOverridePath = overridePath;
            Console console(dir.filePath("first.db"), o);
            QVERIFY(console.pipeline.ruleSet().rules.size() > 1); // no override yet: the shipped rules
            widgets::AlertRulesDialog dialog(&console.service);
            dialog.setText(rules);
            QVERIFY(dialog.canSave());
            dialog.accept();
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
            QVERIFY(console.worker->waitUntilIdle(std::chrono::seconds(5)));
            QFile saved(overridePath);
            QVERIFY(saved.open(QIODevice::ReadOnly));
            QCOMPARE(QString::fromUtf8(saved.readAll()), rules);
        }
        app::AlertPipeline::Options o;
        o.rulesOverridePath = overridePath;
        Console again(dir.filePath("second.db"), o);
        QCOMPARE(again.pipeline.ruleSet().rules.size(), std::size_t(1));
        QCOMPARE(again.pipeline.ruleSet().rules.front().id, std::string("low"));

        QFile broken(overridePath);
        QVERIFY(broken.open(QIODevice::WriteOnly | QIODevice::Truncate));
        broken.write("{\"rules\": [");
        broken.close();
        Console third(dir.filePath("third.db"), o);
        QVERIFY(!third.pipeline.ruleSet().errors.empty());
        QVERIFY(third.pipeline.ruleSet().rules.size() > 1); // the shipped rules run meanwhile
    }

    // Last (translators stay installed): the queue words the core's message codes in
    // Chinese, and shows a user's free-text note as it was typed.
    void alertTextsInTheUsersLanguage()
    {
        app::installTranslations(*qApp, QStringLiteral("zh_CN"));
        const auto shown = [](const AlertMessage &message) {
            Alert a;
            a.message = message;
            return widgets::alertMessageText(app::AlertServiceHost::toRow(a));
        };
        QCOMPARE(shown(alertMessage(AlertCode::BatteryLow, 12.0)), QStringLiteral("电量 12.0 %"));
        QCOMPARE(shown(alertMessage(AlertCode::FixStale, 3 * kMin)), QStringLiteral("最后一次定位在 3 分钟前"));
        QCOMPARE(shown(alertMessage(AlertCode::ClearedRestocked, 40.0)), QStringLiteral("条件已解除：已补货至 40.0"));
        QCOMPARE(shown(AlertMessage::text("called the customer, all fine")), QStringLiteral("called the customer, all fine"));
    }
};

QTEST_MAIN(TestAlertQueue)
#include "tst_alert_queue.moc"
