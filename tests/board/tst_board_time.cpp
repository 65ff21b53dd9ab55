// Issue 14, "late work is hard to find": the "At risk" filter, columns sorted by time
// left (kept with saved views), and the order detail that ticks on the console's clock,
// says "delivered N min early/late" once signed, shows the address as the role sees
// it, the rider's name and "arrives in N min", and raises its dock when a card is
// clicked while another tab covers it. Clocks are the test's: no wall clock, no waits.
#include "BoardFixtures.h"
#include "widgets/board/BoardColumnModel.h"
#include "widgets/board/BoardFilter.h"
#include "widgets/board/BoardModel.h"
#include "widgets/board/OrderDetailPanel.h"
#include "widgets/board/OrderKanbanBoard.h"
#include "widgets/board/RiderDropModel.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QDockWidget>
#include <QMainWindow>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <memory>

using namespace opsdeck;
using boardtest::kNow;
using boardtest::order;
using widgets::BoardColumnModel;
using widgets::BoardFilter;
using widgets::BoardModel;

namespace {

constexpr auto kFatal = QAbstractItemModelTester::FailureReportingMode::Fatal;
constexpr qint64 kMin = 60'000;

QStringList ids(const BoardColumnModel &column)
{
    QStringList out;
    for (int row = 0; row < column.rowCount(); ++row)
        out << column.order(row).orderId;
    return out;
}

sdk::OrderRow promised(int n, const QString &state, qint64 promisedAtMs)
{
    sdk::OrderRow o = order(n, state);
    o.promisedAtMs = promisedAtMs;
    return o;
}

} // namespace

class TestBoardTime final : public QObject
{
    Q_OBJECT
private slots:
    void atRiskFilterFollowsTheClock()
    {
        qint64 now = kNow;
        BoardModel model;
        model.setClock([&now] { return now; });
        QAbstractItemModelTester t1(&model, kFatal);
        model.reset({promised(1, "CREATED", kNow + 30 * kMin), promised(2, "CREATED", kNow + 5 * kMin),
                     promised(3, "CREATED", kNow - kMin), promised(4, "SIGNED", kNow + 5 * kMin)});
        BoardColumnModel created(&model, QStringLiteral("CREATED"));
        QAbstractItemModelTester t2(&created, kFatal);
        BoardFilter atRisk;
        atRisk.atRiskOnly = true;
        created.setFilter(atRisk);
        QCOMPARE(ids(created), QStringList{"o-0002"});
        // With "late only" too: either.
        BoardFilter both = atRisk;
        both.lateOnly = true;
        created.setFilter(both);
        QCOMPARE(ids(created), (QStringList{"o-0002", "o-0003"}));
        // 25 minutes later the first is at risk and the second late: the filter says so.
        now = kNow + 25 * kMin;
        created.setFilter(atRisk);
        QCOMPARE(ids(created), QStringList{"o-0001"});
        // A final order is never at risk.
        QVERIFY(!atRisk.accepts(model.card(model.rowOf("o-0004")).row, kNow));
        QVERIFY(atRisk.dependsOnClock());
        QVERIFY(!BoardFilter{}.dependsOnClock());
    }

    void sortByTimeLeftKeepsArrivalsInPlace()
    {
        BoardModel model;
        model.setClock([] { return kNow; });
        QAbstractItemModelTester t1(&model, kFatal);
        // Entered in the order 1, 2, 3; promised 3, 1, 2; 4 has no promise.
        model.reset({promised(1, "PAID", kNow + 20 * kMin), promised(2, "PAID", kNow + 40 * kMin),
                     promised(3, "PAID", kNow + 10 * kMin), promised(4, "PAID", 0)});
        BoardColumnModel paid(&model, QStringLiteral("PAID"));
        QAbstractItemModelTester t2(&paid, kFatal);
        QCOMPARE(ids(paid), (QStringList{"o-0001", "o-0002", "o-0003", "o-0004"}));
        BoardFilter sorted;
        sorted.sortByTimeLeft = true;
        paid.setFilter(sorted);
        QCOMPARE(ids(paid), (QStringList{"o-0003", "o-0001", "o-0002", "o-0004"}));

        // Arrivals join at their place with one insert each, not at the bottom.
        QSignalSpy inserted(&paid, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&paid, &QAbstractItemModel::modelReset);
        model.enqueue({promised(5, "PAID", kNow + 15 * kMin), promised(6, "PAID", kNow + 5 * kMin)});
        model.flush();
        QCOMPARE(ids(paid), (QStringList{"o-0006", "o-0003", "o-0005", "o-0001", "o-0002", "o-0004"}));
        QCOMPARE(inserted.count(), 2);
        QCOMPARE(reset.count(), 0);
        // One leaves (moved on), one arrives: still in order.
        sdk::OrderRow moved = promised(3, "PICKING", kNow + 10 * kMin);
        model.enqueue({moved, promised(7, "PAID", kNow + 30 * kMin)});
        model.flush();
        QCOMPARE(ids(paid), (QStringList{"o-0006", "o-0005", "o-0001", "o-0007", "o-0002", "o-0004"}));
        QCOMPARE(paid.totalCount(), 6);

        // Kept with a saved view.
        const BoardFilter back = BoardFilter::fromMap(sorted.toMap());
        QVERIFY(back.sortByTimeLeft);
        BoardFilter risky;
        risky.atRiskOnly = true;
        QVERIFY(BoardFilter::fromMap(risky.toMap()).atRiskOnly);
    }

    void boardBarHasAtRiskAndSortKeptInViews()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("views.ini")), QSettings::IniFormat);
        BoardModel model;
        model.setClock([] { return kNow; });
        model.reset({promised(1, "CREATED", kNow + 30 * kMin), promised(2, "CREATED", kNow + 5 * kMin)});
        widgets::RiderDropModel riders;
        widgets::OrderKanbanBoard board(&model, &riders, &settings, QStringLiteral("li"));
        auto *atRisk = board.findChild<QCheckBox *>(QStringLiteral("atRiskCheck"));
        auto *sort = board.findChild<QCheckBox *>(QStringLiteral("sortTimeLeftCheck"));
        QVERIFY(atRisk && sort);
        sort->setChecked(true);
        QVERIFY(board.filter().sortByTimeLeft);
        QCOMPARE(ids(*board.columnModel(QStringLiteral("CREATED"))), (QStringList{"o-0002", "o-0001"}));
        atRisk->setChecked(true);
        QCOMPARE(ids(*board.columnModel(QStringLiteral("CREATED"))), QStringList{"o-0002"});
        QVERIFY(board.filter().atRiskOnly);
    }

    void detailTicksOnTheClockAndStopsOnceSigned()
    {
        std::atomic<qint64> now{kNow};
        BoardModel model;
        model.setClock([&now] { return now.load(); });
        QAbstractItemModelTester t1(&model, kFatal);
        sdk::OrderRow o = promised(1, "DELIVERING", kNow + 38 * kMin);
        o.address = QStringLiteral("朝阳区***");          // masked for this role, as the rows come
        o.etaMs = kNow + 12 * kMin;
        o.riderId = QStringLiteral("r-7");
        model.reset({o});
        widgets::OrderDetailPanel detail(&model, nullptr);
        sdk::RiderRow rider;
        rider.riderId = QStringLiteral("r-7");
        rider.name = QStringLiteral("Wang Lei");
        detail.updateRiders({rider});
        detail.showOrder(o.orderId);
        QVERIFY2(detail.summaryText().contains(QStringLiteral("38 min left")), qPrintable(detail.summaryText()));
        QVERIFY(detail.summaryText().contains(QStringLiteral("arrives in 12 min")));
        QVERIFY(detail.summaryText().contains(QStringLiteral("朝阳区***")));
        QVERIFY(detail.summaryText().contains(QStringLiteral("Wang Lei")));

        // The console's clock moves on (no event): the detail ticks.
        now = kNow + 3 * kMin;
        QTRY_VERIFY2(detail.summaryText().contains(QStringLiteral("35 min left")), qPrintable(detail.summaryText()));
        QVERIFY(detail.summaryText().contains(QStringLiteral("arrives in 9 min")));

        // Signed 4 minutes after the promise: judged once, and it stops ticking.
        o.state = QStringLiteral("SIGNED");
        o.stateSinceMs = kNow + 42 * kMin;
        now = kNow + 42 * kMin;
        model.enqueue({o});
        model.flush();
        QTRY_VERIFY2(detail.summaryText().contains(QStringLiteral("delivered 4 min late")),
                     qPrintable(detail.summaryText()));
        QVERIFY(!detail.summaryText().contains(QStringLiteral("arrives in")));
        now = kNow + 90 * kMin;
        QTRY_VERIFY(detail.summaryText().contains(QStringLiteral("delivered 4 min late")));
        o.stateSinceMs = kNow + 30 * kMin;
        QCOMPARE(widgets::OrderDetailPanel::promiseText(o, now), QStringLiteral("delivered 8 min early"));
    }

    void cardClickRaisesTheDetailsDock()
    {
        BoardModel model;
        model.setClock([] { return kNow; });
        model.reset({promised(1, "CREATED", kNow + 30 * kMin)});
        QMainWindow window;
        auto *detailDock = new QDockWidget(QStringLiteral("Order detail"), &window);
        auto *otherDock = new QDockWidget(QStringLiteral("Live orders"), &window);
        auto *detail = new widgets::OrderDetailPanel(&model, nullptr, detailDock);
        detailDock->setWidget(detail);
        otherDock->setWidget(new QWidget(otherDock));
        window.addDockWidget(Qt::RightDockWidgetArea, detailDock);
        window.addDockWidget(Qt::RightDockWidgetArea, otherDock);
        window.tabifyDockWidget(detailDock, otherDock);
        window.resize(1000, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        otherDock->raise(); // another tab covers the detail
        QTRY_VERIFY(detail->visibleRegion().isEmpty());
        detail->showOrder(QStringLiteral("o-0001"));
        QTRY_VERIFY(!detail->visibleRegion().isEmpty());
    }
};

QTEST_MAIN(TestBoardTime)
#include "tst_board_time.moc"
