// The board widget offscreen with real widgets: columns and counts, collapsible done
// columns, keyboard shortcut refused with its reason, filters and saved views per user
// (QSettings file), and the screenshot docs/screenshots/board.png.
#include "BoardFixtures.h"
#include "app/ControlOrderActions.h"
#include "widgets/BoardActionController.h"
#include "widgets/BoardColumnModel.h"
#include "widgets/BoardColumnView.h"
#include "widgets/BoardModel.h"
#include "widgets/OrderKanbanBoard.h"
#include "widgets/RiderDropModel.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include <random>

using namespace opsdeck;
using boardtest::kNow;

namespace {

const char *const kNames[] = {"张伟", "王芳", "李娜", "刘洋", "陈杰", "杨敏", "赵磊", "黄静"};

// A realistic afternoon: a few hundred orders over every state, some late, a suspicious
// burst on hold, exceptions with reasons. Names and phones masked as a dispatcher sees them.
QList<sdk::OrderRow> afternoon()
{
    std::mt19937 rng(4);
    const QStringList states = sdk::orderStates();
    const int weights[] = {14, 18, 5, 4, 22, 40, 6, 3, 2, 30, 8, 6};
    const char *const exceptions[] = {"traffic_accident", "customer_rejected", "damaged", "address_invalid"};
    QList<sdk::OrderRow> rows;
    int n = 1;
    for (int s = 0; s < states.size(); ++s) {
        for (int i = 0; i < weights[s]; ++i, ++n) {
            sdk::OrderRow o = boardtest::order(n, states.at(s), kNow - static_cast<qint64>(rng() % 2400000));
            o.orderId = QStringLiteral("BJ%1").arg(26112200000 + n * 37);
            o.merchantId = QStringLiteral("m-%1").arg(100 + rng() % 40);
            o.customerName = QString::fromUtf8(kNames[rng() % 8]).left(1) + QStringLiteral("*");
            o.customerPhone = QStringLiteral("1%1****%2").arg(35 + rng() % 5).arg(1000 + rng() % 9000);
            o.promisedAtMs = kNow + static_cast<qint64>(rng() % 3000000) - 900000;
            if (states.at(s) == QLatin1String("DELIVERING") || states.at(s) == QLatin1String("EXCEPTION"))
                o.riderId = QStringLiteral("r-%1").arg(10 + rng() % 30);
            if (states.at(s) == QLatin1String("HELD"))
                o.lastReason = i % 2 ? QStringLiteral("suspicious_burst") : QStringLiteral("address_check");
            if (states.at(s) == QLatin1String("EXCEPTION"))
                o.lastReason = QString::fromLatin1(exceptions[rng() % 4]);
            if (states.at(s) == QLatin1String("OUT_OF_STOCK"))
                o.lastReason = QStringLiteral("short: veg-001");
            if (sdk::isFinalState(states.at(s)))
                o.stateSinceMs = kNow - static_cast<qint64>(rng() % 3600000);
            rows << o;
        }
    }
    return rows;
}

QList<sdk::RiderRow> riders()
{
    QList<sdk::RiderRow> out;
    const char *const status[] = {"idle", "delivering", "to_pickup", "break", "offline"};
    for (int i = 10; i < 34; ++i)
        out << sdk::RiderRow{QStringLiteral("r-%1").arg(i), QString::fromUtf8(kNames[i % 8]).left(1) + QStringLiteral("师傅"),
                             QStringLiteral("BJ-CY-01"), QString::fromLatin1(status[i % 5])};
    return out;
}

} // namespace

class TestBoardWidget final : public QObject
{
    Q_OBJECT
private slots:
    void boardShowsCountsActsAndSavesViews()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("opsdeck.ini")), QSettings::IniFormat);
        widgets::BoardModel model;
        model.setClock([] { return kNow; });
        model.reset(afternoon());
        widgets::RiderDropModel riderModel;
        riderModel.update(riders());
        widgets::OrderKanbanBoard board(&model, &riderModel, &settings, QStringLiteral("disp1"));
        // Refusals happen before anything is sent, so no gateway is needed here.
        app::ControlOrderActions actions("tcp://127.0.0.1:9", {}, {QStringLiteral("disp1"), QStringLiteral("dispatcher")});
        widgets::BoardActionController controller(&model, &actions, &board);
        board.setActionController(&controller);
        board.resize(1920, 900);
        board.show();
        QVERIFY(QTest::qWaitForWindowExposed(&board));

        QCOMPARE(board.columnModel(QStringLiteral("DELIVERING"))->rowCount(), 40);
        QCOMPARE(board.columnModel(QStringLiteral("HELD"))->rowCount(), 5);
        QVERIFY(board.columnView(QStringLiteral("SIGNED"))->findChild<QLabel *>()->text().contains(QLatin1String("30")));

        // Pending, confirmed and refused marks, as the screenshot should show them.
        const auto *delivering = board.columnModel(QStringLiteral("DELIVERING"));
        model.markPending(delivering->order(0).orderId, QStringLiteral("DELIVERING"), QStringLiteral("r-99"));
        model.setMark(delivering->order(1).orderId, widgets::BoardModel::Mark::Unconfirmed, tr("no answer in 3 s"));
        model.flush();

        // Ctrl+H on a delivering card: refused at once, the reason on the message bar.
        QListView *list = board.columnView(QStringLiteral("DELIVERING"))->listView();
        list->setFocus();
        list->selectionModel()->select(list->model()->index(2, 0), QItemSelectionModel::ClearAndSelect);
        QCOMPARE(board.selectedOrderIds().size(), 1);
        QTest::keyClick(list, Qt::Key_H, Qt::ControlModifier);
        auto *message = board.findChild<QLabel *>(QStringLiteral("messageLabel"));
        QVERIFY(message->isVisible());
        QVERIFY2(message->text().contains(QLatin1String("DELIVERING")) && message->text().contains(QLatin1String("HELD")),
                 qPrintable(message->text()));

        // Done columns collapse.
        auto *closed = board.columnView(QStringLiteral("CLOSED"));
        closed->setCollapsed(true);
        QVERIFY(closed->listView()->isHidden());

        // Screenshot for docs (before the filters below change the picture).
        QTest::qWait(50);
        const QString shot = QStringLiteral(OPSDECK_SCREENSHOT_DIR "/board.png");
        QDir().mkpath(QFileInfo(shot).path());
        QVERIFY(board.grab().save(shot));
        closed->setCollapsed(false);

        // Filters and a saved view for this user, read back by a new board.
        widgets::BoardFilter filter;
        filter.channel = QStringLiteral("fresh");
        filter.hiddenStates = QStringList{QStringLiteral("CREATED")};
        board.setFilter(filter);
        QVERIFY(board.columnView(QStringLiteral("CREATED"))->isHidden());
        for (int row = 0; row < delivering->rowCount(); ++row)
            QCOMPARE(delivering->order(row).channel, QStringLiteral("fresh"));
        board.saveView(QStringLiteral("fresh only"));
        QCOMPARE(board.savedViews(), QStringList{QStringLiteral("fresh only")});

        widgets::OrderKanbanBoard other(&model, &riderModel, &settings, QStringLiteral("disp2"));
        QVERIFY(other.savedViews().isEmpty()); // views are per user
        widgets::OrderKanbanBoard same(&model, &riderModel, &settings, QStringLiteral("disp1"));
        QVERIFY(same.loadView(QStringLiteral("fresh only")));
        QCOMPARE(same.filter().channel, QStringLiteral("fresh"));
        QCOMPARE(same.filter().hiddenStates, QStringList{QStringLiteral("CREATED")});
        QVERIFY(!same.loadView(QStringLiteral("no such view")));

        // Without a search service the board still finds order ids locally.
        same.setFilter({});
        same.setSearchText(delivering->order(3).orderId);
        QCOMPARE(same.columnModel(QStringLiteral("DELIVERING"))->rowCount(), 1);
    }
};

QTEST_MAIN(TestBoardWidget)
#include "tst_board_widget.moc"
