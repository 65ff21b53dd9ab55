// View → Theme in the real window (app::WindowConsole, the ops manager's plugins from
// the build's plugin dir, on a scripted gateway): Dark and Light change the palette of
// real widgets and the colours the board, the KPI tiles and the map paint; the choice is
// kept in the settings file and comes back after a restart; System follows the desktop
// (its palette, GTK_THEME) and a palette change the desktop sends later.
#include "ScriptedGateway.h"
#include "app/assembly/WindowConsole.h"
#include "app/runtime/ConsoleOptions.h"
#include "app/shell/MainWindow.h"
#include "app/shell/ThemeController.h"
#include "widgets/board/BoardColumnView.h"
#include "widgets/board/OrderKanbanBoard.h"
#include "widgets/common/ThemeColors.h"
#include "widgets/kpi/KpiTile.h"
#include "widgets/map/MapView.h"

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QStandardPaths>
#include <QTemporaryDir>
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

    QAction *action(const char *name) const { return window->findChild<QAction *>(QLatin1String(name)); }

    feed::test::ScriptedGateway gateway;
    std::optional<app::ConsoleOptions> options;
    std::unique_ptr<app::WindowConsole> console;
    app::MainWindow *window = nullptr;
};

bool dark(const QColor &c)
{
    return c.lightness() < 128;
}

// What the widget paints in the middle of its rectangle (a board lane with no cards, a
// KPI tile's card).
QColor paintedCentre(QWidget *widget)
{
    const QImage image = widget->grab().toImage();
    return image.pixelColor(image.width() / 2, image.height() / 2);
}

} // namespace

class TestTheme final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qunsetenv("GTK_THEME");
        QVERIFY(!dark(QApplication::palette().color(QPalette::Window))); // the offscreen platform is light
    }

    void themeMenuRepaintsRealWidgets()
    {
        Console console(m_dir.filePath(QStringLiteral("switch.ini")), QStringLiteral("ops_manager"));
        app::MainWindow &window = *console.window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *themeMenu = window.findChild<QMenu *>(QStringLiteral("themeMenu"));
        QVERIFY(themeMenu);
        QVERIFY(window.findChild<QMenu *>(QStringLiteral("viewMenu"))->actions().contains(themeMenu->menuAction()));
        QVERIFY(console.action("themeSystemAction")->isChecked());

        auto *board = window.findChild<widgets::OrderKanbanBoard *>();
        auto *lane = window.findChild<widgets::BoardColumnView *>(QStringLiteral("boardColumn_PAID"));
        auto *tile = window.findChild<widgets::KpiTile *>();
        auto *map = window.findChild<widgets::MapView *>();
        auto *table = window.findChild<QTableView *>();
        QVERIFY(board && lane && tile && map && table);
        QTRY_VERIFY(!dark(board->palette().color(QPalette::Window)));
        QTRY_VERIFY(!dark(paintedCentre(lane)));
        QTRY_VERIFY(!dark(paintedCentre(tile)));
        QTRY_VERIFY(!map->darkPalette());

        console.action("themeDarkAction")->trigger();
        QVERIFY(console.action("themeDarkAction")->isChecked());
        QVERIFY(!console.action("themeSystemAction")->isChecked());
        QVERIFY(window.theme().isDark());
        QTRY_VERIFY(dark(board->palette().color(QPalette::Window)));
        QTRY_VERIFY(dark(table->palette().color(QPalette::Base)));
        QTRY_VERIFY(!dark(table->palette().color(QPalette::Text)));
        QTRY_VERIFY(dark(window.statusBar()->palette().color(QPalette::Window)));
        QTRY_VERIFY(dark(paintedCentre(lane)));
        QTRY_VERIFY(dark(paintedCentre(tile)));
        QTRY_VERIFY(map->darkPalette()); // the map's own dark style goes with the theme

        console.action("themeLightAction")->trigger();
        QVERIFY(!window.theme().isDark());
        QTRY_VERIFY(!dark(board->palette().color(QPalette::Window)));
        QTRY_VERIFY(!dark(table->palette().color(QPalette::Base)));
        QTRY_VERIFY(!dark(paintedCentre(lane)));
        QTRY_VERIFY(!dark(paintedCentre(tile)));
        QTRY_VERIFY(!map->darkPalette());
    }

    void choiceSurvivesARestart()
    {
        const QString file = m_dir.filePath(QStringLiteral("restart.ini"));
        {
            Console console(file, QStringLiteral("dispatcher"));
            console.action("themeDarkAction")->trigger();
        }
        QCOMPARE(QSettings(file, QSettings::IniFormat).value(QStringLiteral("ui/theme")).toString(),
                 QStringLiteral("dark"));
        // Another session's System puts the desktop's palette back in between.
        { Console other(m_dir.filePath(QStringLiteral("other.ini")), QStringLiteral("dispatcher")); }
        QVERIFY(!dark(QApplication::palette().color(QPalette::Window)));

        Console again(file, QStringLiteral("dispatcher"));
        QVERIFY(again.action("themeDarkAction")->isChecked());
        QVERIFY(again.window->theme().isDark());
        QTRY_VERIFY(dark(again.window->findChild<widgets::OrderKanbanBoard *>()->palette().color(QPalette::Window)));
    }

    // The desktop asks for a dark GTK theme: System is dark from the start.
    void systemTakesTheDesktopsDarkTheme()
    {
        qputenv("GTK_THEME", "Adwaita:dark");
        Console console(m_dir.filePath(QStringLiteral("gtk.ini")), QStringLiteral("dispatcher"));
        qunsetenv("GTK_THEME");
        QVERIFY(console.action("themeSystemAction")->isChecked());
        QVERIFY(console.window->theme().isDark());
        QTRY_VERIFY(dark(console.window->findChild<widgets::OrderKanbanBoard *>()->palette().color(QPalette::Window)));
    }

    // A desktop that switches colours while the console runs sends a new application
    // palette (ApplicationPaletteChange): System follows, map included.
    void systemFollowsADesktopSwitch()
    {
        Console console(m_dir.filePath(QStringLiteral("switching.ini")), QStringLiteral("dispatcher"));
        app::ThemeController &theme = console.window->theme();
        auto *map = console.window->findChild<widgets::MapView *>();
        QVERIFY(!theme.isDark());
        QSignalSpy changed(&theme, &app::ThemeController::themeChanged);

        QApplication::setPalette(app::ThemeController::darkPalette()); // what the platform delivers
        QCOMPARE(changed.size(), 1);
        QVERIFY(theme.isDark());
        QTRY_VERIFY(map->darkPalette());
        QApplication::setPalette(QPalette()); // and back to the desktop's light one
        QCOMPARE(changed.size(), 2);
        QVERIFY(!theme.isDark());
        QTRY_VERIFY(!map->darkPalette());
    }

private:
    QTemporaryDir m_dir;
};

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // the console's keys and data under ~/.qttest
    TestTheme test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_theme.moc"
