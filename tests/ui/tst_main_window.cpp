// The console frame end to end: the real dispatcher plugin loaded from the build plugin
// dir, fed synthetic ConsoleDeltas through a real ConsoleBridge; the dispatcher's map,
// board and order detail on screen, a card activated on the board shown in the detail
// and selected on the maps; dock layout saved and restored through a temporary settings
// file; status bar; screenshots for the docs.
#include "app/runtime/ConsoleBridge.h"
#include "app/shell/ConsoleContextAdapter.h"
#include "app/shell/FeedStatusBar.h"
#include "app/shell/MainWindow.h"
#include "app/shell/PluginHost.h"
#include "app/shell/PluginsDialog.h"
#include "app/shell/Translations.h"
#include "sdk/SelectionService.h"
#include "widgets/board/BoardColumnModel.h"
#include "widgets/board/BoardColumnView.h"
#include "widgets/map/MapPanel.h"
#include "widgets/map/MapView.h"
#include "widgets/orders/OrderBoardWidget.h"

#include <QLineEdit>
#include "widgets/board/OrderDetailPanel.h"
#include "widgets/board/OrderKanbanBoard.h"
#include "widgets/orders/StateCountsView.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QDialogButtonBox>
#include <QMessageBox>
#include <QLabel>
#include <QPushButton>
#include <QListView>
#include <QMenuBar>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace opsdeck;

namespace {

core::OrderRecord record(int n, core::OrderState state, std::int64_t nowMs)
{
    static const char *depots[] = {"BJ-CY-01", "BJ-HD-02", "SH-PD-01"};
    static const char *channels[] = {"fresh", "campus", "errand"};
    static const char *names[] = {"张伟", "李娜", "王芳", "Zhang Wei", "刘洋", "陈静"};
    core::OrderRecord o;
    o.orderId = "o-" + std::to_string(100200 + n);
    o.depot = depots[n % 3];
    o.channel = channels[n % 3];
    o.merchantId = "m-" + std::to_string(300 + n % 11);
    o.customerName = names[n % 6];
    o.customerPhone = "1381234" + std::to_string(1000 + n);
    o.addressText = "朝阳区建国路" + std::to_string(n) + "号";
    o.state = state;
    if (state >= core::OrderState::Delivering)
        o.riderId = "r-" + std::to_string(40 + n % 23);
    o.createdAtMs = nowMs - 600'000 - n * 13'000;
    o.promisedAtMs = o.createdAtMs + (n % 5 == 0 ? 500'000 : 2'400'000);
    o.etaMs = state >= core::OrderState::Delivering ? nowMs + 300'000 + n * 7'000 : 0;
    o.updatedAtMs = nowMs - n * 4'000;
    o.enteredAtMs[static_cast<std::size_t>(state)] = o.updatedAtMs;
    return o;
}

// The console's clock in these tests (2026-11-22 10:15 UTC): rows and "in state" ages
// are judged against it, never against the wall clock.
constexpr std::int64_t kNowMs = 1795342500000;

core::ConsoleDelta sampleDelta(int count)
{
    const std::int64_t now = kNowMs;
    static const core::OrderState states[] = {
        core::OrderState::Created,   core::OrderState::Paid,      core::OrderState::Picking,
        core::OrderState::Delivering, core::OrderState::Delivering, core::OrderState::Exception,
        core::OrderState::Held,      core::OrderState::Signed,    core::OrderState::OutOfStock,
        core::OrderState::Delivering, core::OrderState::Cancelled, core::OrderState::Returning,
    };
    core::ConsoleDelta delta;
    for (int i = 0; i < count; ++i)
        delta.orders.push_back(record(i, states[i % 12], now));
    delta.applied = count * 3;
    return delta;
}

// Everything main() would assemble, minus the feed threads and the store's services
// (a host may offer no selection service either: the plugin must not need it).
struct Console {
    explicit Console(QSettings &settings, bool withSelection = true)
        : context({QStringLiteral("dispatcher"), QStringLiteral("li.na"), true})
        , host({QStringLiteral(OPSDECK_PLUGIN_DIR)})
    {
        context.attach(bridge);
        context.setClock([] { return kNowMs; }); // as main() does with the feed's clock
        context.setSettings(&settings); // as main() does: the panels' settings are the window's
        if (withSelection)
            context.provide(&selection); // before the plugins, as main() does
        host.setRole(QStringLiteral("dispatcher")); // as main() does: only this role's plugins
        host.loadPlugins(&context);
        window = std::make_unique<app::MainWindow>(host, context, settings);
        statusBar = new app::FeedStatusBar(stats, [this] { return counters; });
        statusBar->setClock([this] { return statusClockMs; });
        window->setStatusBar(statusBar);
    }
    widgets::OrderBoardWidget *board() const
    {
        auto *dock = window->dock(QStringLiteral("dispatcher/orders"));
        return dock ? qobject_cast<widgets::OrderBoardWidget *>(dock->widget()) : nullptr;
    }
    QAbstractItemModel *table() const { return board()->tableView()->model(); }
    int rowOf(const QString &orderId) const
    {
        for (int r = 0; r < table()->rowCount(); ++r) {
            if (table()->index(r, 0).data().toString() == orderId)
                return r;
        }
        return -1;
    }

    app::ConsoleBridge bridge;
    sdk::SelectionService selection;
    app::ConsoleContextAdapter context;
    app::PluginHost host;
    core::FeedStats stats;
    core::CoreCounters counters;
    qint64 statusClockMs = 0; // the status bar's monotonic clock (events per second)
    std::unique_ptr<app::MainWindow> window;
    app::FeedStatusBar *statusBar = nullptr;
};

void saveScreenshot(QWidget &widget, const QString &name)
{
    QDir().mkpath(QStringLiteral(OPSDECK_SCREENSHOT_DIR));
    const QString path = QStringLiteral(OPSDECK_SCREENSHOT_DIR "/") + name;
    QVERIFY(widget.grab().save(path));
    qInfo("screenshot: %s", qPrintable(path));
}

} // namespace

class TestMainWindow final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QApplication::setApplicationVersion(QStringLiteral("0.1.0"));
        QVERIFY(m_dir.isValid());
    }

    void dispatcherPanelShowsOrdersAndFollowsStateChanges()
    {
        QSettings settings(m_dir.filePath("orders.ini"), QSettings::IniFormat);
        Console console(settings);
        QCOMPARE(console.host.plugins().size(), 1);
        QVERIFY(console.board());
        QVERIFY(console.window->dock(QStringLiteral("dispatcher/states")));
        console.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(console.window.get()));

        console.bridge.publish(sampleDelta(24));
        QTRY_COMPARE(console.table()->rowCount(), 24);
        const int row = console.rowOf(QStringLiteral("o-100201"));
        QVERIFY(row >= 0);
        QCOMPARE(console.table()->index(row, 1).data().toString(), QStringLiteral("Paid"));
        // Personal data arrives masked for a dispatcher.
        QVERIFY(console.table()->index(row, 5).data().toString().contains(QStringLiteral("138****")));

        // The order moves on: same row, new state; one new order appears.
        core::ConsoleDelta next;
        const auto now = kNowMs;
        next.orders = {record(1, core::OrderState::Picking, now), record(99, core::OrderState::Created, now)};
        console.bridge.publish(std::move(next));
        QTRY_COMPARE(console.table()->rowCount(), 25);
        const int moved = console.rowOf(QStringLiteral("o-100201"));
        QVERIFY(moved >= 0);
        QTRY_COMPARE(console.table()->index(moved, 1).data().toString(), QStringLiteral("Picking"));

        auto *counts = qobject_cast<widgets::StateCountsView *>(
            console.window->dock(QStringLiteral("dispatcher/states"))->widget());
        QVERIFY(counts);
        QTRY_COMPARE(counts->count(QStringLiteral("PICKING")), 3);

        // The state filter hides finished orders.
        console.board()->setStateFilter(QStringLiteral("active"));
        QTRY_VERIFY(console.table()->rowCount() < 25);
        QCOMPARE(console.rowOf(QStringLiteral("o-100207")), -1); // SIGNED
    }

    // Issue 14: an order selected elsewhere (an alert, the map) is selected and scrolled
    // to in the Live orders table; the table's filter stays the user's.
    void ordersTableSelectsWithoutNarrowing()
    {
        QSettings settings(m_dir.filePath("select.ini"), QSettings::IniFormat);
        Console console(settings);
        console.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(console.window.get()));
        console.bridge.publish(sampleDelta(24));
        QTRY_COMPARE(console.table()->rowCount(), 24);
        console.selection.selectOrder(QStringLiteral("o-100205"));
        QTRY_COMPARE(console.table()->rowCount(), 24); // nothing filtered away
        QVERIFY(console.board()->findChild<QLineEdit *>(QStringLiteral("filterEdit"))->text().isEmpty());
        const QModelIndex current = console.board()->tableView()->currentIndex();
        QVERIFY(current.isValid());
        QCOMPARE(console.table()->index(current.row(), 0).data().toString(), QStringLiteral("o-100205"));
        QVERIFY(console.board()->tableView()->selectionModel()->isRowSelected(current.row(), {}));
    }

    void dispatcherDeskActivatesAnOrderEverywhere_data()
    {
        QTest::addColumn<bool>("withSelection");
        QTest::newRow("as main() assembles it") << true;
        QTest::newRow("host without a selection service") << false;
    }

    // The dispatcher plugin really puts the live map, the board and the order detail on
    // screen (their docks shown, in front of any tab they share); a card double-clicked
    // on the board is shown in the detail and selected on the live map and on the
    // detail's own map; a click on another card moves all three to it.
    void dispatcherDeskActivatesAnOrderEverywhere()
    {
        QFETCH(bool, withSelection);
        QSettings settings(m_dir.filePath(withSelection ? QStringLiteral("desk.ini") : QStringLiteral("bare.ini")),
                           QSettings::IniFormat);
        Console console(settings, withSelection);
        console.window->resize(1600, 1000);
        console.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(console.window.get()));
        QDockWidget *mapDock = console.window->dock(QStringLiteral("dispatcher/map"));
        QDockWidget *boardDock = console.window->dock(QStringLiteral("dispatcher/board"));
        QDockWidget *detailDock = console.window->dock(QStringLiteral("dispatcher/detail"));
        QVERIFY(mapDock && boardDock && detailDock);
        auto *mapPanel = qobject_cast<widgets::MapPanel *>(mapDock->widget());
        auto *board = boardDock->widget()->findChild<widgets::OrderKanbanBoard *>();
        auto *detail = qobject_cast<widgets::OrderDetailPanel *>(detailDock->widget());
        QVERIFY(mapPanel && board && detail && detail->trajectoryMap());
        for (QWidget *shown : {static_cast<QWidget *>(mapPanel->mapView()), static_cast<QWidget *>(board),
                               static_cast<QWidget *>(detail)}) {
            QVERIFY2(shown->isVisible(), shown->metaObject()->className()); // not a hidden tab
            QVERIFY2(shown->width() > 100 && shown->height() > 100, shown->metaObject()->className());
        }

        console.bridge.publish(sampleDelta(24));
        const QString delivering = QStringLiteral("o-100203"); // record(3): DELIVERING, rider r-43
        const QString created = QStringLiteral("o-100200");    // record(0): CREATED, no rider yet
        QTRY_VERIFY(board->columnModel(QStringLiteral("DELIVERING"))->rowOfOrder(delivering) >= 0);
        QVERIFY(board->columnModel(QStringLiteral("CREATED"))->rowOfOrder(created) >= 0);
        // The maps apply rows on their own repaint tick (a user cannot click sooner).
        QTRY_VERIFY(mapPanel->mapView()->ordersOfRider(QStringLiteral("r-43")).contains(delivering));
        QTRY_VERIFY(detail->trajectoryMap()->ordersOfRider(QStringLiteral("r-43")).contains(delivering));
        QSignalSpy activated(board, &widgets::OrderKanbanBoard::orderActivated);
        auto *title = detail->findChild<QLabel *>(QStringLiteral("titleLabel"));
        auto *summary = detail->findChild<QLabel *>(QStringLiteral("summaryLabel"));
        QVERIFY(title && summary);

        const QPoint card = cardCentre(*board, QStringLiteral("DELIVERING"), delivering);
        QListView *deliveringList = board->columnView(QStringLiteral("DELIVERING"))->listView();
        QSignalSpy doubleClicked(deliveringList, &QAbstractItemView::doubleClicked);
        doubleClick(deliveringList->viewport(), card);
        QCOMPARE(doubleClicked.size(), 1); // a real double-click reached the card
        QVERIFY(!activated.isEmpty());
        QCOMPARE(activated.last().at(0).toString(), delivering);
        QCOMPARE(detail->orderId(), delivering);
        QVERIFY2(title->text().contains(delivering), qPrintable(title->text()));
        QVERIFY2(summary->text().contains(QLatin1String("r-43")), qPrintable(summary->text()));
        QCOMPARE(mapPanel->mapView()->selectedOrder(), delivering);
        QCOMPARE(detail->trajectoryMap()->selectedOrder(), delivering);
        QCOMPARE(detail->trajectoryMap()->selectedRider(), QStringLiteral("r-43"));
        QVERIFY(detail->trajectoryMap()->isVisible());

        const QPoint other = cardCentre(*board, QStringLiteral("CREATED"), created);
        QTest::mouseClick(board->columnView(QStringLiteral("CREATED"))->listView()->viewport(), Qt::LeftButton, {}, other);
        QCOMPARE(activated.last().at(0).toString(), created);
        QCOMPARE(detail->orderId(), created);
        QVERIFY2(title->text().contains(created), qPrintable(title->text()));
        QCOMPARE(mapPanel->mapView()->selectedOrder(), created);
        QCOMPARE(detail->trajectoryMap()->selectedOrder(), created);
        QVERIFY(detail->trajectoryMap()->isHidden()); // no rider to follow yet
    }

    void layoutIsSavedOnCloseAndRestored()
    {
        const QString file = m_dir.filePath("layout.ini");
        {
            QSettings settings(file, QSettings::IniFormat);
            Console console(settings);
            QSignalSpy closing(console.window.get(), &app::MainWindow::closing);
            console.window->show();
            QVERIFY(QTest::qWaitForWindowExposed(console.window.get()));
            auto *states = console.window->dock(QStringLiteral("dispatcher/states"));
            QCOMPARE(console.window->dockWidgetArea(states), Qt::BottomDockWidgetArea); // the role's default
            console.window->addDockWidget(Qt::LeftDockWidgetArea, states);
            auto *orders = console.window->dock(QStringLiteral("dispatcher/orders"));
            orders->hide();
            QVERIFY(console.window->close());
            QCOMPARE(closing.size(), 1);
        }
        QSettings settings(file, QSettings::IniFormat);
        QVERIFY(settings.contains(QStringLiteral("mainWindow/dispatcher/state")));
        Console again(settings);
        again.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(again.window.get()));
        QCOMPARE(again.window->dockWidgetArea(again.window->dock(QStringLiteral("dispatcher/states"))),
                 Qt::LeftDockWidgetArea);
        QVERIFY(again.window->dock(QStringLiteral("dispatcher/orders"))->isHidden());
        // The View menu brings it back.
        QAction *toggle = again.window->dock(QStringLiteral("dispatcher/orders"))->toggleViewAction();
        QVERIFY(again.window->findChild<QMenu *>(QStringLiteral("viewMenu"))->actions().contains(toggle));
        toggle->trigger();
        QVERIFY(again.window->dock(QStringLiteral("dispatcher/orders"))->isVisible());
    }

    void statusBarShowsFeedStats()
    {
        QSettings settings(m_dir.filePath("status.ini"), QSettings::IniFormat);
        Console console(settings);
        console.stats.state = core::FeedState::Stale;
        console.stats.rejected[static_cast<std::size_t>(core::RejectReason::MissingField)] = 7;
        console.statusBar->refresh();
        auto label = [&](const char *name) { return console.statusBar->findChild<QLabel *>(name)->text(); };
        QCOMPARE(label("feedState"), QStringLiteral("Stale"));
        QCOMPARE(label("rejected"), QStringLiteral("Rejected 7"));
        console.stats.state = core::FeedState::Connected;
        QTRY_COMPARE(label("feedState"), QStringLiteral("Connected")); // the 500 ms timer
    }

    void pluginsDialogListsPlugins()
    {
        QSettings settings(m_dir.filePath("dialog.ini"), QSettings::IniFormat);
        Console console(settings);
        app::PluginsDialog dialog(console.host);
        // The dispatcher, plus other roles' plugins listed as "not for this role".
        QCOMPARE(console.host.plugins().size(), 1);
        QCOMPARE(dialog.loadedCount(), int(1 + console.host.skippedForRole().size()));
        QCOMPARE(dialog.problemCount(), 0);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        saveScreenshot(dialog, QStringLiteral("plugins-dialog.png"));
    }

    void screenshot()
    {
        QSettings settings(m_dir.filePath("shot.ini"), QSettings::IniFormat);
        Console console(settings);
        fillForScreenshot(console);
        saveScreenshot(*console.window, QStringLiteral("mainwindow.png"));
    }

    // Last: translators stay installed for the rest of the process.
    void chineseTranslation()
    {
        app::installTranslations(*qApp, QStringLiteral("zh_CN"));
        QCOMPARE(QCoreApplication::translate("opsdeck::widgets::OrderTableModel", "Order"), QStringLiteral("订单"));
        // Texts translated through an explicit context (not a class's tr()) are in the
        // catalogue under that context: lupdate once filed them under the namespace.
        QCOMPARE(QCoreApplication::translate("KpiCharts", "Order flow"), QStringLiteral("订单流量"));
        QCOMPARE(QCoreApplication::translate("KpiReport", "Orders"), QStringLiteral("订单"));
        QCOMPARE(QCoreApplication::translate("AlertMessages", "battery at %1 %"), QStringLiteral("电量 %1 %"));
        // Qt's own catalogue (qt6-translations-l10n): standard dialog buttons in Chinese too.
        QDialogButtonBox buttons(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Save);
        QCOMPARE(buttons.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("取消"));
        QCOMPARE(buttons.button(QDialogButtonBox::Save)->text(), QStringLiteral("保存"));
        QCOMPARE(buttons.button(QDialogButtonBox::Ok)->text(), QStringLiteral("确定"));
        QMessageBox question(QMessageBox::Question, QStringLiteral("?"), QStringLiteral("?"),
                             QMessageBox::Yes | QMessageBox::No | QMessageBox::Cancel);
        QCOMPARE(question.button(QMessageBox::Cancel)->text(), QStringLiteral("取消"));
        QCOMPARE(question.button(QMessageBox::Yes)->text(), QStringLiteral("是(&Y)"));
        QSettings settings(m_dir.filePath("zh.ini"), QSettings::IniFormat);
        Console console(settings);
        QCOMPARE(console.window->dock(QStringLiteral("dispatcher/orders"))->windowTitle(), QStringLiteral("实时订单"));
        fillForScreenshot(console);
        QCOMPARE(console.statusBar->findChild<QLabel *>("feedState")->text(), QStringLiteral("已连接"));
        saveScreenshot(*console.window, QStringLiteral("mainwindow_zh_CN.png"));
    }

private:
    // What the window system delivers for a double-click: QTest::mouseDClick alone sends
    // only the second press (a QEvent::MouseButtonDblClick).
    static void doubleClick(QWidget *widget, const QPoint &pos)
    {
        QTest::mousePress(widget, Qt::LeftButton, {}, pos);
        QTest::mouseRelease(widget, Qt::LeftButton, {}, pos);
        QTest::mouseDClick(widget, Qt::LeftButton, {}, pos);
        QTest::mouseRelease(widget, Qt::LeftButton, {}, pos);
    }

    // Where an order's card is in its column's list, scrolled into view.
    static QPoint cardCentre(const widgets::OrderKanbanBoard &board, const QString &state, const QString &orderId)
    {
        widgets::BoardColumnView *column = board.columnView(state);
        const QModelIndex index = column->model()->index(column->model()->rowOfOrder(orderId));
        column->listView()->scrollTo(index);
        return column->listView()->visualRect(index).center();
    }

    void fillForScreenshot(Console &console)
    {
        console.window->resize(1280, 800);
        console.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(console.window.get()));
        console.bridge.publish(sampleDelta(60));
        QTRY_COMPARE(console.table()->rowCount(), 60);
        console.stats.state = core::FeedState::Connected;
        console.stats.accepted = 40'000;
        console.statusBar->refresh(); // baseline for events per second
        console.statusClockMs += 200;
        console.stats.accepted = 40'000 + 240; // 1,200 ev/s
        console.stats.gaps = 1;
        console.stats.resyncs = 2;
        console.stats.rejected[static_cast<std::size_t>(core::RejectReason::MalformedJson)] = 3;
        console.stats.setLastSeq("BJ-CY-01", 18234);
        console.stats.setLastSeq("BJ-HD-02", 9981);
        console.stats.setLastSeq("SH-PD-01", 12007);
        console.counters.applied = 40123;
        console.counters.orders = 60;
        console.statusBar->refresh();
        QApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest); // the status bar's new texts laid out
    }

    QTemporaryDir m_dir;
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
