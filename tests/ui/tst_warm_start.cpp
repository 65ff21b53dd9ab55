// The warm start as a user meets it: the real window (app::WindowConsole, the plugins of
// the build) on the embedded opsfeed, started from a command line with a seed and no
// --cold. The gateway plays the first two hours of the day on its own thread before it
// serves, so the console's first snapshot already holds orders in every working state:
// "every non-final column has orders" is a condition the first screen meets, not a race
// with a live simulation.
#include "app/assembly/WindowConsole.h"
#include "app/embedded/OpsfeedGateway.h"
#include "app/runtime/ConsoleOptions.h"
#include "app/shell/MainWindow.h"
#include "widgets/board/BoardColumnModel.h"
#include "widgets/board/OrderKanbanBoard.h"

#include <QApplication>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace opsdeck;

namespace {

const QStringList kWorkingStates = {QStringLiteral("CREATED"),      QStringLiteral("PAID"),
                                    QStringLiteral("HELD"),         QStringLiteral("OUT_OF_STOCK"),
                                    QStringLiteral("PICKING"),      QStringLiteral("DELIVERING"),
                                    QStringLiteral("EXCEPTION"),    QStringLiteral("RETURNING"),
                                    QStringLiteral("CLAIMING")};

std::unique_ptr<app::WindowConsole> startConsole(const QTemporaryDir &dir, QStringList extra)
{
    QString error;
    QString help;
    QStringList args{QStringLiteral("opsdeck"),     QStringLiteral("--settings"), dir.filePath(QStringLiteral("s.ini")),
                     QStringLiteral("--role"),      QStringLiteral("dispatcher"), QStringLiteral("--user"),
                     QStringLiteral("wang.f"),      QStringLiteral("--db"),       dir.filePath(QStringLiteral("ops.db")),
                     QStringLiteral("--seed"),      QStringLiteral("5")};
    args += extra;
    auto options = app::parseConsoleOptions(args, &error, &help);
    if (!options)
        qFatal("options: %s", qPrintable(error));
    options->runtime.embedded = app::opsfeedGateway(); // as main.cpp: no --feed, opsfeed in-process
    auto console = std::make_unique<app::WindowConsole>(*options, QStringList{QStringLiteral(OPSDECK_PLUGIN_DIR)});
    if (!console->start(&error))
        qFatal("start: %s", qPrintable(error));
    return console;
}

// The working columns that have no card yet.
QStringList emptyColumns(const widgets::OrderKanbanBoard &board)
{
    QStringList empty;
    for (const QString &state : kWorkingStates) {
        const widgets::BoardColumnModel *column = board.columnModel(state);
        if (!column || column->rowCount() == 0)
            empty << state;
    }
    return empty;
}

} // namespace

class TestWarmStart final : public QObject
{
    Q_OBJECT
private slots:
    void firstScreenHasOrdersInEveryWorkingColumn()
    {
        QTemporaryDir dir;
        auto console = startConsole(dir, {});
        console->window()->show();
        auto *board = console->window()->findChild<widgets::OrderKanbanBoard *>();
        QVERIFY(board);
        QTRY_VERIFY2_WITH_TIMEOUT(emptyColumns(*board).isEmpty(),
                                  qPrintable(QStringLiteral("empty: ") + emptyColumns(*board).join(QLatin1Char(' '))),
                                  5000);
        console->shutdown();
    }
};

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    TestWarmStart test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_warm_start.moc"
