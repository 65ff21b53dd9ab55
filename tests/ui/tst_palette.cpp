// The command palette (Ctrl+K) in the real window (app::WindowConsole, the dispatcher's
// plugin) on a paused, pre-rolled opsfeed: half an hour of a seeded day is in the first
// snapshot and nothing moves after it, so the orders and riders the test looks for stay
// put. The palette finds an order by id and Enter selects it on the board; it finds a
// rider and an action the same way. Its models run under QAbstractItemModelTester.
#include "app/assembly/WindowConsole.h"
#include "app/runtime/ConsoleOptions.h"
#include "app/runtime/EmbeddedGateway.h"
#include "app/shell/ConsoleContextAdapter.h"
#include "app/shell/MainWindow.h"
#include "app/shell/palette/CommandPalette.h"
#include "app/shell/palette/PaletteModel.h"
#include "sdk/Rows.h"
#include "sdk/SelectionService.h"
#include "sim/Gateway.h"
#include "widgets/board/OrderKanbanBoard.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLineEdit>
#include <QListView>
#include <QPointer>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <memory>

using namespace opsdeck;

namespace {

// opsfeed in-process as app::opsfeedGateway() makes it, pre-rolled and then paused.
class PausedOpsfeed final : public app::EmbeddedGateway
{
public:
    explicit PausedOpsfeed(const sim::GatewayOptions &options) : m_gateway(options) { m_gateway.setPaused(true); }
    void start() override { m_gateway.start(); }
    void stop() override { m_gateway.stop(); }
    std::string feedEndpoint() const override { return m_gateway.feedEndpoint(); }
    std::string snapshotEndpoint() const override { return m_gateway.snapshotEndpoint(); }
    std::string controlEndpoint() const override { return m_gateway.controlEndpoint(); }

private:
    sim::Gateway m_gateway;
};

std::unique_ptr<app::WindowConsole> startConsole(const QTemporaryDir &dir)
{
    QString error;
    QString help;
    auto options = app::parseConsoleOptions(
        {QStringLiteral("opsdeck"), QStringLiteral("--settings"), dir.filePath(QStringLiteral("s.ini")),
         QStringLiteral("--role"), QStringLiteral("dispatcher"), QStringLiteral("--user"), QStringLiteral("wang.f"),
         QStringLiteral("--db"), dir.filePath(QStringLiteral("ops.db"))},
        &error, &help);
    if (!options)
        qFatal("options: %s", qPrintable(error));
    options->runtime.embedded = [](const app::RuntimeOptions &) -> std::unique_ptr<app::EmbeddedGateway> {
        sim::GatewayOptions g;
        g.seed = 9;
        g.riders = 30;
        g.ordersPerMin = 30;
        g.prerollMs = 30 * 60000;
        g.feedBind = g.snapshotBind = g.controlBind = "tcp://127.0.0.1:*";
        return std::make_unique<PausedOpsfeed>(g);
    };
    auto console = std::make_unique<app::WindowConsole>(*options, QStringList{QStringLiteral(OPSDECK_PLUGIN_DIR)});
    if (!console->start(&error))
        qFatal("start: %s", qPrintable(error));
    return console;
}

} // namespace

class TestPalette final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_console = startConsole(m_dir);
        app::MainWindow *window = m_console->window();
        window->show();
        QApplication::setActiveWindow(window);
        QVERIFY(QTest::qWaitForWindowActive(window));
        QTRY_VERIFY_WITH_TIMEOUT(m_console->context().currentOrders().size() > 10, 20000);
        QTRY_VERIFY(!m_console->context().currentRiders().isEmpty());
        m_board = window->findChild<widgets::OrderKanbanBoard *>();
        QVERIFY(m_board);
    }

    void cleanupTestCase() { m_console->shutdown(); }

    void findsAnOrderByIdAndSelectsIt()
    {
        // An order on the board's working columns, the same one every run.
        QStringList ids;
        for (const sdk::OrderRow &o : m_console->context().currentOrders())
            if (o.state == QLatin1String("DELIVERING"))
                ids << o.orderId;
        QVERIFY(!ids.isEmpty());
        std::sort(ids.begin(), ids.end());
        const QString id = ids.first();
        QVERIFY(!m_board->selectedOrderIds().contains(id));

        QPointer<app::CommandPalette> palette = open();
        QVERIFY(palette);
        QTest::keyClicks(palette->filterEdit(), id);
        QCOMPARE(palette->results()->rowCount(), 1); // the id is unique
        const QModelIndex first = palette->results()->index(0, 0);
        QCOMPARE(first.data(app::PaletteModel::KeyRole).toString(), id);
        QCOMPARE(first.data(app::PaletteModel::KindRole).toInt(), int(app::PaletteModel::Kind::Order));
        QVERIFY(first.data().toString().contains(id));

        QTest::keyClick(palette->filterEdit(), Qt::Key_Return);
        QTRY_VERIFY(!palette || !palette->isVisible());
        QCOMPARE(m_console->context().service<sdk::SelectionService>()->selectedOrder(), id);
        QTRY_COMPARE(m_board->selectedOrderIds(), QStringList{id});
    }

    void findsARiderByIdAndSelectsIt()
    {
        const QString id = m_console->context().currentRiders().first().riderId;
        QPointer<app::CommandPalette> palette = open();
        QVERIFY(palette);
        QTest::keyClicks(palette->filterEdit(), id.toLower()); // case does not matter
        QVERIFY(palette->results()->rowCount() >= 1);
        const QModelIndex first = palette->results()->index(0, 0);
        QCOMPARE(first.data(app::PaletteModel::KeyRole).toString(), id);
        QCOMPARE(first.data(app::PaletteModel::KindRole).toInt(), int(app::PaletteModel::Kind::Rider));
        QTest::keyClick(palette->filterEdit(), Qt::Key_Return);
        QTRY_COMPARE(m_console->context().service<sdk::SelectionService>()->selectedRider(), id);
    }

    void findsAnActionAndRunsIt()
    {
        QPointer<app::CommandPalette> palette = open();
        QVERIFY(palette);
        // Every menu action is there, the palette's own excepted.
        QStringList titles;
        for (int row = 0; row < palette->results()->rowCount(); ++row)
            if (palette->results()->index(row, 0).data(app::PaletteModel::KindRole).toInt()
                == int(app::PaletteModel::Kind::Action))
                titles << palette->results()->index(row, 0).data(Qt::ToolTipRole).toString();
        QVERIFY2(titles.contains(QStringLiteral("Help › Keyboard shortcuts")), qPrintable(titles.join(u", ")));
        QVERIFY(titles.contains(QStringLiteral("View › Reset layout")));
        QVERIFY(!titles.contains(QStringLiteral("View › Command palette")));

        // Down moves the choice while the typing stays in the line; Enter runs it.
        QTest::keyClicks(palette->filterEdit(), QStringLiteral("keyboard short"));
        QCOMPARE(palette->results()->rowCount(), 1);
        QTest::keyClick(palette->filterEdit(), Qt::Key_Down);
        QVERIFY(palette->filterEdit()->hasFocus());
        QTest::keyClick(palette->filterEdit(), Qt::Key_Return);
        QDialog *shortcuts = nullptr;
        QTRY_VERIFY((shortcuts = m_console->window()->findChild<QDialog *>(QStringLiteral("ShortcutsDialog"))));
        QTRY_VERIFY(shortcuts->isVisible());
        shortcuts->close();
    }

    void nothingFoundIsAnEmptyList()
    {
        QPointer<app::CommandPalette> palette = open();
        QVERIFY(palette);
        QTest::keyClicks(palette->filterEdit(), QStringLiteral("no such thing zzz"));
        QCOMPARE(palette->results()->rowCount(), 0);
        QTest::keyClick(palette->filterEdit(), Qt::Key_Return); // nothing to run: stays open
        QVERIFY(palette->isVisible());
        QTest::keyClick(palette->filterEdit(), Qt::Key_Escape);
        QTRY_VERIFY(!palette || !palette->isVisible());
    }

private:
    // Ctrl+K on the window, as the user opens it; the models under the tester.
    app::CommandPalette *open()
    {
        app::MainWindow *window = m_console->window();
        QApplication::setActiveWindow(window);
        QTest::keyClick(window, Qt::Key_K, Qt::ControlModifier);
        app::CommandPalette *palette = nullptr;
        const auto found = [&] {
            for (auto *p : window->findChildren<app::CommandPalette *>())
                if (p->isVisible())
                    palette = p;
            return palette != nullptr;
        };
        if (!QTest::qWaitFor(found, 5000))
            return nullptr;
        new QAbstractItemModelTester(palette->results(), QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     palette);
        new QAbstractItemModelTester(palette->results()->sourceModel(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest, palette);
        // The typing goes to the line from the start.
        return QTest::qWaitFor([&] { return palette->filterEdit()->hasFocus(); }, 2000) ? palette : nullptr;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<app::WindowConsole> m_console;
    widgets::OrderKanbanBoard *m_board = nullptr;
};

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    TestPalette test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_palette.moc"
