// What tst_kill_loop found: the board's order timeline index (board_order_events)
// commits in its own transaction a core tick after the event log, so a console killed in
// between left those events logged but off their orders' timelines for good. Reopening
// the index must pick up each stream's unindexed tail, and only order events.
#include "../store/StoreFixtures.h"
#include "store/board/OrderEventIndex.h"
#include "store/db/Sqlite.h"
#include "store/log/EventStore.h"
#include "store/map/PositionHistory.h"

#include <QElapsedTimer>
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

core::Event makeStatus(const std::string &epoch, const std::string &depot, std::int64_t seq, const std::string &rider,
                       const std::string &status)
{
    core::Event e = makePosition(epoch, depot, seq);
    e.kind = core::EventKind::RiderStatus;
    e.riderId = rider;
    e.raw = R"({"v":1,"epoch":")" + epoch + R"(","depot":")" + depot + R"(","seq":)" + std::to_string(seq) + R"(,"id":")"
        + e.id + R"(","ts":"2026-03-01T08:00:00.000Z","type":"rider.status","data":{"rider_id":")" + rider
        + R"(","status":")" + status + R"(","name":"Zhang"}})";
    return e;
}

// What the position recorder commits for a batch it saw: its fixes and its streams' seqs.
store::PositionBatch recorded(const std::vector<core::Event> &events)
{
    store::PositionBatch batch;
    for (const core::Event &e : events) {
        if (e.kind == core::EventKind::RiderPosition)
            batch.fixes.push_back({e.riderId, e.tsMs, 39.9, 116.4, 4.2, 87.5, 71.0, {}, {}});
        batch.seen.push_back({e.epoch, e.depot, e.seq});
    }
    return batch;
}

std::int64_t historyRows(store::EventStore &log)
{
    return log.database().queryInt("SELECT count(*) FROM rider_position_history");
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

    // The same for the position history (PositionRecorder, a tick after the log): the
    // fixes and statuses logged after the streams' recorded seqs are recorded at open,
    // once each, and nothing else.
    void reopenedPositionHistoryTakesTheFixesAKillLeftOut()
    {
        QTemporaryDir dir;
        store::EventStore log;
        log.open(dir.filePath(QStringLiteral("console.db")));
        store::Database &db = log.database();
        store::PositionHistory::ensureSchema(db);
        core::StoreBatch first;
        first.events = {makePosition("gw1", "BJ-CY-01", 1), makeOrderEvent("gw1", "BJ-CY-01", 2, "DD-1"),
                        makePosition("gw1", "BJ-HD-02", 1)};
        log.write(first);
        store::PositionHistory::record(db, recorded(first.events));
        QCOMPARE(historyRows(log), std::int64_t(2));

        // Logged, then killed before the recorder's transaction.
        core::StoreBatch killed;
        killed.events = {makePosition("gw1", "BJ-CY-01", 3), makeOrderEvent("gw1", "BJ-CY-01", 4, "DD-1"),
                         makeStatus("gw1", "BJ-CY-01", 5, "r-3", "offline"), makePosition("gw1", "BJ-CY-01", 6),
                         makePosition("gw1", "BJ-HD-02", 2), makePosition("gw2", "BJ-HD-02", 1)};
        log.write(killed);

        const auto caught = store::PositionHistory::catchUp(db);
        QCOMPARE(caught.fixes, std::int64_t(4)); // both depots' tails, and a new epoch's
        QCOMPARE(caught.statuses, std::int64_t(1));
        QCOMPARE(caught.unreadable, std::int64_t(0));
        QCOMPARE(historyRows(log), std::int64_t(6));
        const std::string fix6 = "SELECT count(*) FROM rider_position_history WHERE rider_id = 'r-6' AND ts_ms = "
            + std::to_string(killed.events[3].tsMs);
        QCOMPARE(db.queryInt(fix6.c_str()), std::int64_t(1));
        store::Statement status = db.prepare("SELECT status FROM rider_position_latest WHERE rider_id = 'r-3'");
        QVERIFY(status.step());
        QCOMPARE(status.columnText(0), std::string("offline"));
        bool found = false;
        for (const auto &f : store::PositionHistory::fleetAt(db, killed.events[3].tsMs))
            found = found || (f.riderId == "r-6" && f.tsMs == killed.events[3].tsMs);
        QVERIFY(found); // replay shows the caught-up fix
        // Opening again finds nothing left to add.
        QCOMPARE(store::PositionHistory::catchUp(db).fixes, std::int64_t(0));
        QCOMPARE(historyRows(log), std::int64_t(6));
    }

    // A history from before the streams' seqs were kept: taken as complete up to the
    // log's end, not walked again (that would store its fixes twice).
    void historyFromBeforeTheSeqsIsNotWalkedAgain()
    {
        QTemporaryDir dir;
        store::EventStore log;
        log.open(dir.filePath(QStringLiteral("console.db")));
        store::Database &db = log.database();
        store::PositionHistory::ensureSchema(db);
        core::StoreBatch batch;
        batch.events = {makePosition("gw1", "BJ-CY-01", 1), makePosition("gw1", "BJ-CY-01", 2),
                        makePosition("gw1", "BJ-HD-02", 1)};
        log.write(batch);
        store::PositionHistory::append(db, recorded(batch.events).fixes);
        db.exec("DROP TABLE rider_position_streams");
        QCOMPARE(store::PositionHistory::catchUp(db).fixes, std::int64_t(0));
        QCOMPARE(historyRows(log), std::int64_t(3));
        QCOMPARE(db.queryInt("SELECT seq FROM rider_position_streams WHERE depot = 'BJ-CY-01'"), std::int64_t(2));
    }

    // The walk at open reads only each stream's tail past its recorded seq: a long log
    // costs what the kill left out, not what the file holds.
    void positionCatchUpWalksOnlyTheTail()
    {
        QTemporaryDir dir;
        store::EventStore log;
        log.open(dir.filePath(QStringLiteral("console.db")));
        store::Database &db = log.database();
        store::PositionHistory::ensureSchema(db);
        const std::int64_t total = qEnvironmentVariableIntValue("OPSDECK_CATCHUP_EVENTS") > 0
                                       ? qEnvironmentVariableIntValue("OPSDECK_CATCHUP_EVENTS")
                                       : 20000;
        const std::int64_t lost = 600;
        for (std::int64_t seq = 1; seq <= total;) {
            core::StoreBatch batch;
            for (int i = 0; i < 5000 && seq <= total; ++i, ++seq)
                batch.events.push_back(makePosition("gw1", "BJ-CY-01", seq));
            log.write(batch);
        }
        store::PositionBatch upTo; // the recorder's last commit covered all but the lost tail
        upTo.seen.push_back({"gw1", "BJ-CY-01", total - lost});
        store::PositionHistory::record(db, upTo);
        QElapsedTimer took; // reported, never asserted
        took.start();
        const auto caught = store::PositionHistory::catchUp(db);
        qInfo("catch-up over a log of %lld events: %lld fixes in %lld ms", static_cast<long long>(total),
              static_cast<long long>(caught.fixes), static_cast<long long>(took.elapsed()));
        QCOMPARE(caught.fixes, lost);
        took.restart();
        QCOMPARE(store::PositionHistory::catchUp(db).fixes, std::int64_t(0));
        qInfo("catch-up with nothing left out: %lld ms", static_cast<long long>(took.elapsed()));
    }
};

QTEST_GUILESS_MAIN(TestKillIndex)
#include "tst_kill_index.moc"
