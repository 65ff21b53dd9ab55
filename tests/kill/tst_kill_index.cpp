// What tst_kill_loop found: the board's order timeline index (board_order_events)
// commits in its own transaction a core tick after the event log, so a console killed in
// between left those events logged but off their orders' timelines for good. Reopening
// the index must pick up each stream's unindexed tail, and only order events. (Rider
// fixes no longer need such a catch-up: they commit with the log, tests/store/tst_track_store.)
#include "../store/StoreFixtures.h"
#include "store/board/OrderEventIndex.h"
#include "store/db/Sqlite.h"
#include "store/log/EventStore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace opsdeck;
using store::test::makeCreated;
using store::test::makeOrderEvent;
using store::test::makePosition;

namespace {

std::vector<std::int64_t> timelineSeqs(store::OrderEventIndex &index, const std::string &orderId)
{
    std::vector<std::int64_t> seqs;
    for (const auto &e : index.eventsOf(orderId))
        seqs.push_back(e.seq);
    return seqs;
}

} // namespace

class TestKillIndex final : public QObject
{
    Q_OBJECT
private slots:
    void reopenedIndexTakesTheTailAKillLeftOut()
    {
        QTemporaryDir dir;
        store::EventStore log;
        log.open(dir.filePath(QStringLiteral("console.db")));
        core::StoreBatch first;
        first.events = {makeCreated("gw1", "BJ-CY-01", 1, "DD-1", "Wang", "13800001111", "Road 1"),
                        makeOrderEvent("gw1", "BJ-CY-01", 2, "DD-1"), makePosition("gw1", "BJ-CY-01", 3),
                        makeCreated("gw1", "BJ-HD-02", 1, "DD-2", "Li", "13800002222", "Road 2")};
        log.write(first);
        {
            store::OrderEventIndex index(log); // indexes the log it finds
            QCOMPARE(timelineSeqs(index, "DD-1"), (std::vector<std::int64_t>{1, 2}));
        }
        // Logged, then killed before the index's own transaction: nothing was added.
        core::StoreBatch killed;
        killed.events = {makeOrderEvent("gw1", "BJ-CY-01", 4, "DD-1"), makePosition("gw1", "BJ-CY-01", 5),
                         makeOrderEvent("gw1", "BJ-CY-01", 6, "DD-1"), makeOrderEvent("gw1", "BJ-HD-02", 2, "DD-2"),
                         makeOrderEvent("gw2", "BJ-HD-02", 1, "DD-2")};
        log.write(killed);

        store::OrderEventIndex reopened(log);
        QCOMPARE(timelineSeqs(reopened, "DD-1"), (std::vector<std::int64_t>{1, 2, 4, 6}));
        QCOMPARE(reopened.eventsOf("DD-2").size(), std::size_t(3)); // both depots' tails, and a new epoch's
        QCOMPARE(log.database().queryInt("SELECT count(*) FROM board_order_events"), std::int64_t(7));
        // Opening again finds nothing left to add.
        store::OrderEventIndex again(log);
        QCOMPARE(log.database().queryInt("SELECT count(*) FROM board_order_events"), std::int64_t(7));
    }
};

QTEST_GUILESS_MAIN(TestKillIndex)
#include "tst_kill_index.moc"
