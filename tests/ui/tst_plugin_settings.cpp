// Plugins keep what they remember in the console's settings (sdk::ConsoleContext::
// settings(): the file given with --settings), never in a QSettings of their own. The
// real dispatcher, merchant and ops manager plugins, loaded from the build's plugin dir,
// write the saved board view, the chosen merchant and the report folder into that file
// next to the window layout, and the default location stays untouched. QStandardPaths'
// test mode moves the default location away from the user's real configuration.
#include "ScriptedGateway.h"
#include "app/assembly/WindowConsole.h"
#include "app/runtime/ConsoleOptions.h"
#include "app/shell/ConsoleContextAdapter.h"
#include "app/shell/MainWindow.h"
#include "app/shell/PluginHost.h"
#include "sdk/ConsoleContext.h"
#include "widgets/board/OrderKanbanBoard.h"
#include "widgets/kpi/KpiDashboardWidget.h"
#include "widgets/kpi/KpiReportScheduler.h"
#include "widgets/merchant/MerchantOrdersPanel.h"

#include <QApplication>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace opsdeck;

namespace {

// The window as main() builds it (app::WindowConsole) from a command line naming the
// settings file, on a scripted gateway: the options, the settings file, the context that
// hands it to the plugins, and the plugins of the console's plugin dir.
struct Console {
    Console(const QString &settingsFile, const QString &role, const QString &user)
    {
        QString error;
        QString help;
        const auto endpoint = [](const std::string &e) { return QString::fromStdString(e); };
        options = app::parseConsoleOptions(
            {QStringLiteral("opsdeck"), QStringLiteral("--settings"), settingsFile, QStringLiteral("--role"), role,
             QStringLiteral("--user"), user, QStringLiteral("--feed"), endpoint(gateway.feedEndpoint()),
             QStringLiteral("--snapshot"), endpoint(gateway.snapshotEndpoint()), QStringLiteral("--control"),
             endpoint(gateway.controlEndpoint()), QStringLiteral("--db"), settingsFile + QStringLiteral(".db")},
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
    app::MainWindow *window = nullptr; // holds every plugin's panels
};

} // namespace

class TestPluginSettings final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        // Before the first QSettings: QSettings reads its default path once per process.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("OpsDeckPluginSettingsTest"));
        QCoreApplication::setApplicationName(QStringLiteral("OpsDeck"));
        QVERIFY(m_dir.isValid());
        m_defaultFile = QSettings().fileName();
        const QString testConfig = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
        QVERIFY2(testConfig.contains(QLatin1String(".qttest")), qPrintable(testConfig));
        QVERIFY2(m_defaultFile.startsWith(testConfig), qPrintable(m_defaultFile));
    }

    // Each test starts with no default file, so one that writes there fails alone.
    void init() { QFile::remove(m_defaultFile); }
    void cleanupTestCase() { QFile::remove(m_defaultFile); }

    void dispatcherBoardViewAndLayoutLandInTheSettingsFile()
    {
        const QString file = m_dir.filePath(QStringLiteral("dispatcher.ini"));
        {
            Console console(file, QStringLiteral("dispatcher"), QStringLiteral("li.na"));
            auto *board = console.window->findChild<widgets::OrderKanbanBoard *>();
            QVERIFY(board);
            widgets::BoardFilter late;
            late.rider = QStringLiteral("R-7");
            late.lateOnly = true;
            board->setFilter(late);
            board->saveView(QStringLiteral("mine"));
            QCOMPARE(board->savedViews(), QStringList{QStringLiteral("mine")});
            console.window->saveLayout();
        }
        const QSettings written(file, QSettings::IniFormat);
        QVERIFY(written.value(QStringLiteral("board/views/li.na/mine")).toMap().size() > 0);
        QVERIFY(written.contains(QStringLiteral("mainWindow/dispatcher/state")));
        QVERIFY2(!QFile::exists(m_defaultFile), qPrintable(m_defaultFile));

        // A second console on the same file finds the view again.
        Console again(file, QStringLiteral("dispatcher"), QStringLiteral("li.na"));
        auto *board = again.window->findChild<widgets::OrderKanbanBoard *>();
        QVERIFY(board);
        QVERIFY(board->loadView(QStringLiteral("mine")));
        QCOMPARE(board->filter().rider, QStringLiteral("R-7"));
        QVERIFY(board->filter().lateOnly);
    }

    // The merchant desk shows the signed-in merchant (sign-in's Principal, --merchant for
    // the demo desk); a merchant id an earlier build saved in the settings file must not
    // choose another merchant's orders, and nothing merchant-specific is written back.
    void savedMerchantChoiceDoesNotWidenTheScope()
    {
        const QString file = m_dir.filePath(QStringLiteral("merchant.ini"));
        {
            QSettings earlier(file, QSettings::IniFormat);
            earlier.setValue(QStringLiteral("merchant/chen.m/id"), QStringLiteral("M-CY-02"));
        }
        {
            Console console(file, QStringLiteral("merchant"), QStringLiteral("chen.m"));
            auto *panel = console.window->findChild<widgets::MerchantOrdersPanel *>();
            QVERIFY(panel);
            QVERIFY(panel->merchant().isEmpty()); // no merchant signed in: no merchant's orders
        }
        const QSettings written(file, QSettings::IniFormat);
        QCOMPARE(written.value(QStringLiteral("merchant/chen.m/id")).toString(), QStringLiteral("M-CY-02"));
        QVERIFY(!QFile::exists(m_defaultFile));
    }

    void dailyReportFolderLandsInTheSettingsFile()
    {
        const QString file = m_dir.filePath(QStringLiteral("ops.ini"));
        const QString reports = m_dir.filePath(QStringLiteral("reports"));
        {
            Console console(file, QStringLiteral("ops_manager"), QStringLiteral("wang"));
            auto *dashboard = console.window->findChild<widgets::KpiDashboardWidget *>();
            QVERIFY(dashboard);
            dashboard->scheduler()->setFolder(reports);
        }
        const QSettings written(file, QSettings::IniFormat);
        QCOMPARE(written.value(QStringLiteral("kpi/report/folder")).toString(), reports);
        QVERIFY(!QFile::exists(m_defaultFile));
    }

    // A host without settings (a test host): panels remember nothing, and still never
    // fall back to a QSettings of their own.
    void withoutSettingsNothingIsRememberedAnywhere()
    {
        QSettings layout(m_dir.filePath(QStringLiteral("layout-only.ini")), QSettings::IniFormat);
        app::ConsoleContextAdapter context({QStringLiteral("dispatcher"), QStringLiteral("li.na"), true});
        QCOMPARE(context.settings(), nullptr);
        app::PluginHost host({QStringLiteral(OPSDECK_PLUGIN_DIR)});
        host.setRole(QStringLiteral("dispatcher"));
        host.loadPlugins(&context);
        app::MainWindow window(host, context, layout);
        auto *board = window.findChild<widgets::OrderKanbanBoard *>();
        QVERIFY(board);
        board->saveView(QStringLiteral("mine"));
        QVERIFY(board->savedViews().isEmpty());
        host.shutdown();
        QVERIFY(!QFile::exists(m_defaultFile));
        QVERIFY(!layout.contains(QStringLiteral("board/views/li.na/mine")));
    }

    // The context does not own the settings: when the host deletes them, plugins see null
    // rather than a dangling pointer.
    void contextFollowsTheHostsSettingsObject()
    {
        app::ConsoleContextAdapter context({QStringLiteral("dispatcher"), QStringLiteral("li.na"), true});
        auto settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("gone.ini")), QSettings::IniFormat);
        context.setSettings(settings.get());
        QCOMPARE(context.settings(), settings.get());
        settings.reset();
        QCOMPARE(context.settings(), nullptr);
    }

private:
    QTemporaryDir m_dir;
    QString m_defaultFile;
};

QTEST_MAIN(TestPluginSettings)
#include "tst_plugin_settings.moc"
