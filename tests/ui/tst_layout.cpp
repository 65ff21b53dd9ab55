// The default layout of each role on a 1920x1080 screen, in the real window
// (app::WindowConsole, the plugins from the build's plugin dir) on a scripted gateway:
// the window fills the screen, the board is the central area with every working column
// in view (no sideways scrolling, the done columns as narrow strips), nothing over the
// board, room for several cards a column, the ops manager's intake form and KPI tiles
// whole on screen; and View → Reset layout brings all of it back after docks were
// moved, floated and closed. The offscreen screen is 1920x1080 (main() below).
#include "ScriptedGateway.h"
#include "app/assembly/WindowConsole.h"
#include "app/runtime/ConsoleOptions.h"
#include "app/shell/MainWindow.h"
#include "sdk/Rows.h"
#include "widgets/board/BoardColumnView.h"
#include "widgets/board/OrderCardDelegate.h"
#include "widgets/board/OrderKanbanBoard.h"
#include "widgets/intake/IntakeControlPanel.h"
#include "widgets/kpi/KpiDashboardWidget.h"

#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include <memory>

using namespace opsdeck;

namespace {

struct Console {
    Console(const QString &settingsFile, const QString &role)
    {
        QString error;
        QString help;
        const auto endpoint = [](const std::string &e) { return QString::fromStdString(e); };
        options = app::parseConsoleOptions(
            {QStringLiteral("opsdeck"), QStringLiteral("--settings"), settingsFile, QStringLiteral("--role"), role,
             QStringLiteral("--user"), QStringLiteral("wang.f"), QStringLiteral("--feed"),
             endpoint(gateway.feedEndpoint()), QStringLiteral("--snapshot"), endpoint(gateway.snapshotEndpoint()),
             QStringLiteral("--control"), endpoint(gateway.controlEndpoint()), QStringLiteral("--db"),
             settingsFile + QStringLiteral(".db")},
            &error, &help);
        if (!options)
            qFatal("options: %s", qPrintable(error));
        console = std::make_unique<app::WindowConsole>(*options, QStringList{QStringLiteral(OPSDECK_PLUGIN_DIR)});
        if (!console->start(&error))
            qFatal("start: %s", qPrintable(error));
        window = console->window();
    }
    ~Console() { console->shutdown(); }

    feed::test::ScriptedGateway gateway;
    std::optional<app::ConsoleOptions> options;
    std::unique_ptr<app::WindowConsole> console;
    app::MainWindow *window = nullptr;
};

QRect inWindow(const QWidget *widget, const QWidget *window)
{
    return {widget->mapTo(window, QPoint(0, 0)), widget->size()};
}

QString describe(const QRect &r)
{
    return QStringLiteral("%1,%2 %3x%4").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
}

// Where each dock is: area, shown, floating, geometry; the central one included.
struct DockPlace {
    Qt::DockWidgetArea area;
    bool visible;
    bool floating;
    QRect geometry;
    bool operator==(const DockPlace &) const = default;
};

// In front: a tabbed dock behind another is moved out of sight, not hidden.
bool shown(const QWidget *widget)
{
    return widget->isVisible() && !widget->visibleRegion().isEmpty();
}

QMap<QString, DockPlace> places(const app::MainWindow &window)
{
    QMap<QString, DockPlace> map;
    for (QDockWidget *dock : window.docks())
        map.insert(dock->objectName(), {window.dockWidgetArea(dock), dock->isVisible(), dock->isFloating(),
                                        shown(dock) ? dock->geometry() : QRect()}); // a tab behind: no place
    return map;
}

} // namespace

class TestLayout final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCOMPARE(QGuiApplication::primaryScreen()->geometry().size(), QSize(1920, 1080));
    }

    void defaultLayoutFitsTheScreen_data() { addRoles(); }
    void defaultLayoutFitsTheScreen()
    {
        QFETCH(QString, role);
        Console console(m_dir.filePath(role + QStringLiteral(".ini")), role);
        showWindow(*console.window);
        if (QTest::currentTestFailed())
            return;
        checkLayout(*console.window, role);
    }

    void resetLayoutRestoresTheDefault_data() { addRoles(); }
    void resetLayoutRestoresTheDefault()
    {
        QFETCH(QString, role);
        Console console(m_dir.filePath(role + QStringLiteral("-reset.ini")), role);
        app::MainWindow &window = *console.window;
        showWindow(window);
        if (QTest::currentTestFailed())
            return;
        const QMap<QString, DockPlace> before = places(window);

        // A user's afternoon: one dock floated, one moved to the left beside the board,
        // one closed, one separator dragged.
        QList<QDockWidget *> movable;
        for (QDockWidget *dock : window.docks())
            if (dock != window.centralWidget())
                movable << dock;
        QVERIFY(movable.size() >= 2);
        movable.at(0)->setFloating(true);
        window.addDockWidget(Qt::LeftDockWidgetArea, movable.at(1));
        if (movable.size() > 2)
            movable.at(2)->close();
        window.resizeDocks({movable.at(1)}, {900}, Qt::Horizontal);
        QTRY_VERIFY(places(window) != before);

        auto *reset = window.findChild<QAction *>(QStringLiteral("resetLayoutAction"));
        QVERIFY(reset);
        QVERIFY(window.findChild<QMenu *>(QStringLiteral("viewMenu"))->actions().contains(reset));
        reset->trigger();
        QTRY_COMPARE(places(window).keys(), before.keys());
        for (const QString &key : before.keys()) {
            QTRY_VERIFY2(places(window).value(key) == before.value(key),
                         qPrintable(key + QStringLiteral(": ") + describe(places(window).value(key).geometry)
                                    + QStringLiteral(" instead of ") + describe(before.value(key).geometry)));
        }
        checkLayout(window, role);
    }

    // Each role keeps its own layout in the one settings file: a dock the dispatcher moved
    // stays moved for the dispatcher after a restart, the ops manager on the same machine
    // still gets the ops manager's default, and Reset layout (saved on close) brings the
    // dispatcher's default back for the next session too.
    void eachRoleKeepsItsOwnLayout()
    {
        const QString file = m_dir.filePath(QStringLiteral("roles.ini"));
        const QString mapKey = QStringLiteral("dispatcher/map");
        {
            Console console(file, QStringLiteral("dispatcher"));
            showWindow(*console.window);
            QDockWidget *map = console.window->dock(mapKey);
            QCOMPARE(console.window->dockWidgetArea(map), Qt::BottomDockWidgetArea);
            console.window->addDockWidget(Qt::LeftDockWidgetArea, map);
            QVERIFY(console.window->close());
        }
        {
            Console ops(file, QStringLiteral("ops_manager"));
            showWindow(*ops.window);
            QCOMPARE(ops.window->dockWidgetArea(ops.window->dock(mapKey)), Qt::BottomDockWidgetArea);
            QVERIFY(ops.window->close());
        }
        {
            Console again(file, QStringLiteral("dispatcher"));
            showWindow(*again.window);
            QCOMPARE(again.window->dockWidgetArea(again.window->dock(mapKey)), Qt::LeftDockWidgetArea);
            again.window->findChild<QAction *>(QStringLiteral("resetLayoutAction"))->trigger();
            QCOMPARE(again.window->dockWidgetArea(again.window->dock(mapKey)), Qt::BottomDockWidgetArea);
            QVERIFY(again.window->close());
        }
        Console reset(file, QStringLiteral("dispatcher"));
        QCOMPARE(reset.window->dockWidgetArea(reset.window->dock(mapKey)), Qt::BottomDockWidgetArea);
    }

    // A done column the user opened stays open in the next session (per user, in the
    // console's settings); the others stay strips.
    void doneColumnsKeepTheUsersChoice()
    {
        const QString file = m_dir.filePath(QStringLiteral("done.ini"));
        {
            Console console(file, QStringLiteral("dispatcher"));
            showWindow(*console.window);
            auto *board = console.window->findChild<widgets::OrderKanbanBoard *>();
            widgets::BoardColumnView *signedColumn = board->columnView(QStringLiteral("SIGNED"));
            QVERIFY(signedColumn->isCollapsed());
            auto *toggle = signedColumn->findChild<QToolButton *>();
            QVERIFY(toggle && toggle->isVisible());
            QTest::mouseClick(toggle, Qt::LeftButton);
            QVERIFY(!signedColumn->isCollapsed());
            QTRY_VERIFY(signedColumn->width() > widgets::BoardColumnView::kCollapsedWidth);
        }
        Console again(file, QStringLiteral("dispatcher"));
        auto *board = again.window->findChild<widgets::OrderKanbanBoard *>();
        QVERIFY(!board->columnView(QStringLiteral("SIGNED"))->isCollapsed());
        QVERIFY(board->columnView(QStringLiteral("CLOSED"))->isCollapsed());
        QVERIFY(board->columnView(QStringLiteral("CANCELLED"))->isCollapsed());
    }

private:
    static void addRoles()
    {
        QTest::addColumn<QString>("role");
        for (const char *role : {"dispatcher", "customer_service", "ops_manager", "merchant"})
            QTest::newRow(role) << QString::fromLatin1(role);
    }

    void showWindow(app::MainWindow &window)
    {
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // Maximised: the whole available screen.
        QTRY_COMPARE(window.geometry(), QGuiApplication::primaryScreen()->availableGeometry());
        QVERIFY(window.isMaximized());
    }

    void checkLayout(app::MainWindow &window, const QString &role)
    {
        auto *board = window.findChild<widgets::OrderKanbanBoard *>();
        QVERIFY(board);
        QVERIFY2(window.centralWidget() && window.centralWidget()->isAncestorOf(board), "the board is the central area");
        const QRect boardRect = inWindow(board, &window);
        QVERIFY2(window.rect().contains(boardRect), qPrintable(describe(boardRect)));
        auto *scroll = board->findChild<QScrollArea *>(QStringLiteral("columnsScroll"));
        QVERIFY(scroll);
        const QRect viewport = inWindow(scroll->viewport(), &window);
        QVERIFY2(!scroll->horizontalScrollBar()->isVisible(), "no sideways scrolling");
        auto *riders = board->findChild<QWidget *>(QStringLiteral("ridersPanel"));
        QVERIFY(riders);
        const QRect ridersRect = riders->isVisible() ? inWindow(riders, &window) : QRect();

        for (const QString &state : sdk::orderStates()) {
            widgets::BoardColumnView *column = board->columnView(state);
            QVERIFY2(column && column->isVisible(), qPrintable(state));
            const QRect columnRect = inWindow(column, &window);
            QVERIFY2(!columnRect.intersects(ridersRect), qPrintable(state + QStringLiteral(" under the riders")));
            if (sdk::isFinalState(state)) {
                QVERIFY2(column->isCollapsed(), qPrintable(state)); // a narrow strip with its count
                QVERIFY2(column->width() <= widgets::BoardColumnView::kCollapsedWidth, qPrintable(state));
                continue;
            }
            auto *header = column->findChild<QLabel *>();
            QVERIFY(header);
            const QRect headerRect = inWindow(header, &window);
            QVERIFY2(viewport.contains(headerRect),
                     qPrintable(state + QStringLiteral(" header at ") + describe(headerRect)
                                + QStringLiteral(", board viewport ") + describe(viewport)));
            QVERIFY2(viewport.contains(columnRect), qPrintable(state));
            // Several cards a column, not a strip of one and a half.
            const int cards = column->listView()->viewport()->height() / widgets::OrderCardDelegate::kCardHeight;
            QVERIFY2(cards >= (role == QLatin1String("ops_manager") ? 3 : 4),
                     qPrintable(QStringLiteral("%1: %2 cards").arg(state).arg(cards)));
        }
        // Nothing over the board: no dock shown on top of it or floating across it.
        for (QDockWidget *dock : window.docks()) {
            if (dock == window.centralWidget() || !dock->isVisible())
                continue;
            const QRect dockRect = dock->isFloating()
                ? QRect(window.mapFromGlobal(dock->mapToGlobal(QPoint(0, 0))), dock->size())
                : dock->geometry();
            QVERIFY2(!dockRect.intersects(boardRect),
                     qPrintable(dock->objectName() + QStringLiteral(" over the board: ") + describe(dockRect)));
        }
        if (role == QLatin1String("ops_manager")) {
            checkWhole(window, window.findChild<widgets::IntakeControlPanel *>(), "intakeScroll");
            checkWhole(window, window.findChild<widgets::KpiDashboardWidget *>(), "kpiDashboardScroll");
        }
    }

    // A panel in front (not a hidden tab), inside the window, not clipped, no scroll bar.
    void checkWhole(const app::MainWindow &window, QWidget *panel, const char *scrollName)
    {
        QVERIFY2(panel, scrollName);
        QVERIFY2(panel->isVisible(), scrollName);
        const QRect rect = inWindow(panel, &window);
        QVERIFY2(window.rect().contains(rect), qPrintable(describe(rect)));
        for (const QWidget *w = panel; w != &window; w = w->parentWidget()) {
            const QRect inParent(panel->mapTo(w->parentWidget(), QPoint(0, 0)), panel->size());
            QVERIFY2(w->parentWidget()->rect().contains(inParent),
                     qPrintable(QStringLiteral("%1 cut by %2").arg(QLatin1String(scrollName),
                                                                  QLatin1String(w->parentWidget()->metaObject()->className()))));
        }
        auto *scroll = window.findChild<QScrollArea *>(QLatin1String(scrollName));
        QVERIFY2(scroll, scrollName);
        QVERIFY2(!scroll->verticalScrollBar()->isVisible() && !scroll->horizontalScrollBar()->isVisible(),
                 qPrintable(QStringLiteral("%1 needs %2x%3, has %4").arg(QLatin1String(scrollName))
                                .arg(panel->minimumSizeHint().width()).arg(panel->minimumSizeHint().height())
                                .arg(describe(scroll->viewport()->rect()))));
        QVERIFY(panel->height() >= panel->minimumSizeHint().height());
        QVERIFY(panel->width() >= panel->minimumSizeHint().width());
    }

    QTemporaryDir m_dir;
};

// A 1920x1080 screen on the offscreen platform, before the application reads it.
int main(int argc, char **argv)
{
    QTemporaryDir config;
    const QString file = config.filePath(QStringLiteral("screen.json"));
    QFile json(file);
    if (!json.open(QIODevice::WriteOnly))
        return 1;
    json.write(R"({"windowFrameMargins": false, "screens": [{"name": "hd", "x": 0, "y": 0, "width": 1920, "height": 1080,
                  "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})");
    json.close();
    qputenv("QT_QPA_PLATFORM", QByteArray("offscreen:configfile=") + QFile::encodeName(file));
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    TestLayout test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_layout.moc"
