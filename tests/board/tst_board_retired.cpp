// Issue 15 on the dispatcher's board: orders a complete snapshot left out leave every
// column, the real search service (store thread, real SQLite file) still finds them and
// the board says they were retired by the gateway; an event of one brings its card back.
// The core, store, bridge and context are the real ones, assembled as in main.cpp; the
// feed's side is a FeedBatch carrying the SnapshotCover the StreamSync would produce.
#include "access/TestAccess.h"
#include "BoardEvents.h"
#include "BoardUiHelpers.h"
#include "app/features/board/BoardServices.h"
#include "app/runtime/ConsoleBridge.h"
#include "app/shell/ConsoleContextAdapter.h"
#include "core/pipeline/ConsoleCore.h"
#include "sdk/OrderSearch.h"
#include "store/db/StoreWorker.h"
#include "store/log/EventStore.h"
#include "widgets/board/BoardModel.h"
#include "widgets/board/RiderDropModel.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <memory>

using namespace opsdeck;
using boardtest::created;

namespace {
// The index is fed on the core's tick through the store thread: ask the service itself
// until it knows the order, so the board's own query below cannot race the feeding.
bool serviceFinds(sdk::OrderSearch *search, const QString &text, const QString &orderId)
{
    QSignalSpy spy(search, &sdk::OrderSearch::resultsReady);
    const quint64 ticket = search->search(text, 10);
    if (!spy.wait(5000))
        return false;
    for (const QList<QVariant> &args : spy)
        if (args.at(0).toULongLong() == ticket && args.at(2).toStringList().contains(orderId))
            return true;
    return false;
}
} // namespace

class TestBoardRetired final : public QObject
{
    Q_OBJECT
private slots:
    void retiredOrdersLeaveTheColumnsAndStaySearchable()
    {
        QTemporaryDir dir;
        auto eventStore = std::make_unique<store::EventStore>();
        eventStore->open(dir.filePath(QStringLiteral("console.db")));
        store::StoreWorker worker(std::move(eventStore));
        app::ConsoleBridge bridge;
        core::ConsoleCore::Options options;
        options.tickIntervalMs = 20;
        core::ConsoleCore core(
            core::Projections{}, [&worker](core::StoreBatch &&b) { worker.submit(std::move(b)); },
            [&bridge](core::ConsoleDelta &&d) { bridge.publish(std::move(d)); }, options);
        app::BoardServices services;
        services.assemble(core, worker);
        core.start();
        // Searching by a customer's name needs view_personal_data (unmasked): customer service's.
        app::ConsoleContextAdapter context({QStringLiteral("customer_service"), QStringLiteral("cs1"), false});
        context.attach(bridge);
        accesstest::TestAccess access("cs1", "customer_service");
        services.provideTo(context, worker, "tcp://127.0.0.1:9", {}, access.guard); // no action is taken
        widgets::BoardModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        connect(&context, &sdk::ConsoleContext::ordersChanged, &model, &widgets::BoardModel::enqueue);
        widgets::RiderDropModel riders;
        widgets::OrderKanbanBoard board(&model, &riders, nullptr, QStringLiteral("disp1"));
        board.setSearch(context.service<sdk::OrderSearch>());
        board.resize(1600, 800);
        board.show();
        // Stops the threads first however the test ends: the core observes `services`.
        const auto stopThreads = qScopeGuard([&] {
            core.stop();
            worker.stop();
        });
        QVERIFY(QTest::qWaitForWindowExposed(&board));

        core::FeedBatch batch;
        batch.events.push_back(created(1, "o-1", "张伟", "13812345678"));
        batch.events.push_back(created(2, "o-2", "王芳", "13700002222"));
        batch.events.push_back(created(3, "o-3", "李娜", "13500004444"));
        core.post(std::move(batch));
        QTRY_COMPARE(boardtest::shownCards(board), (QSet<QString>{"o-1", "o-2", "o-3"}));

        // A complete snapshot of the depot lists o-2 only.
        core::FeedBatch snapshot;
        snapshot.covers.push_back(core::SnapshotCover{"BJ-CY-01", "gw2", boardtest::kT0 + 60000, {"o-2"}});
        core.post(std::move(snapshot));
        QTRY_COMPARE(boardtest::shownCards(board), QSet<QString>{"o-2"});
        const int row = model.rowOf(QStringLiteral("o-1"));
        QVERIFY(row >= 0);
        QCOMPARE(model.card(row).row.state, QStringLiteral("RETIRED"));

        // Searched by the customer's name, it is found and marked as retired.
        auto *box = board.findChild<QLineEdit *>(QStringLiteral("searchEdit"));
        auto *message = board.findChild<QLabel *>(QStringLiteral("messageLabel"));
        QVERIFY(box && message);
        QTRY_VERIFY(serviceFinds(context.service<sdk::OrderSearch>(), QStringLiteral("张伟"), QStringLiteral("o-1")));
        box->setText(QStringLiteral("张伟"));
        QTRY_VERIFY2(message->text().contains(QLatin1String("Retired by gateway (no longer on the board): o-1")),
                     qPrintable(message->text()));
        QVERIFY(message->text().contains(QLatin1String("1 order")));
        QVERIFY(boardtest::shownCards(board).isEmpty());
        box->clear();

        // o-1 comes back in a later event: a card again, in its column.
        core::FeedBatch back;
        back.events.push_back(boardtest::orderEvent(core::EventKind::OrderPaid, 4, "o-1", R"(,"amount":42.5)"));
        core.post(std::move(back));
        QTRY_COMPARE(boardtest::shownCards(board), (QSet<QString>{"o-1", "o-2"}));
        QCOMPARE(model.card(model.rowOf(QStringLiteral("o-1"))).row.state, QStringLiteral("PAID"));
    }
};

QTEST_MAIN(TestBoardRetired)
#include "tst_board_retired.moc"
