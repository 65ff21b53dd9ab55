// Issue 16, less work per event: the store gets each rider at most once a second of feed
// time (latest record), status changes at once, and every rider's final record when the
// core stops. Projections directly (one take per feed step, deterministic) and the real
// ConsoleCore thread for the stop.
#include "core/pipeline/ConsoleCore.h"
#include "core/pipeline/Projections.h"

#include <QTest>

#include <map>
#include <mutex>

using namespace opsdeck;
using namespace opsdeck::core;

namespace {

constexpr std::int64_t kT0 = 1795312800000;
constexpr int kRiders = 3;

Event fix(int rider, std::int64_t tsMs, std::int64_t seq)
{
    Event e;
    e.kind = EventKind::RiderPosition;
    e.epoch = "gw1";
    e.depot = "BJ-CY-01";
    e.seq = seq;
    e.id = "e-" + std::to_string(seq);
    e.tsMs = tsMs;
    e.riderId = "r-" + std::to_string(rider);
    e.hasPosition = true;
    e.lat = 39.9 + static_cast<double>(tsMs - kT0) * 1e-7;
    e.lng = 116.4 + rider * 1e-3;
    return e;
}

} // namespace

class TestRiderCoalesce final : public QObject
{
    Q_OBJECT

private slots:
    void storeGetsEachRiderOnceASecondOfFeedTime()
    {
        Projections p;
        std::map<std::string, std::vector<RiderRecord>> written;
        std::int64_t seq = 0;
        // 5 s of feed time, a fix every 100 ms per rider, the store taking after each step.
        for (std::int64_t t = 0; t < 5000; t += 100) {
            for (int r = 0; r < kRiders; ++r)
                p.apply(fix(r, kT0 + t, ++seq));
            for (auto &rec : p.takeDirtyRiders(Projections::Consumer::Store))
                written[rec.riderId].push_back(rec);
        }
        QCOMPARE(written.size(), std::size_t(kRiders));
        for (const auto &[id, recs] : written) {
            QCOMPARE(recs.size(), std::size_t(5)); // t = 0 (new), 1000, 2000, 3000, 4000
            for (std::size_t i = 1; i < recs.size(); ++i)
                QVERIFY(recs[i].updatedAtMs - recs[i - 1].updatedAtMs >= Projections::kRiderStoreIntervalMs);
        }
        // A status change does not wait for the second to pass.
        Event status = fix(1, kT0 + 4950, ++seq);
        status.kind = EventKind::RiderStatus;
        status.hasPosition = false;
        status.riderStatus = "offline";
        p.apply(status);
        const auto now = p.takeDirtyRiders(Projections::Consumer::Store);
        QCOMPARE(now.size(), std::size_t(1));
        QCOMPARE(now[0].status, std::string("offline"));
        // Stopping takes what still waits: the rows end exact.
        const auto rest = p.takeDirtyRiders(Projections::Consumer::Store, true);
        QCOMPARE(rest.size(), std::size_t(kRiders - 1));
        for (const auto &rec : rest)
            QCOMPARE(rec.fixAtMs, kT0 + 4900);
        QVERIFY(p.takeDirtyRiders(Projections::Consumer::Store, true).empty());
        // The GUI still sees every change.
        QCOMPARE(p.takeDirtyRiders(Projections::Consumer::Gui).size(), std::size_t(kRiders));
    }

    void finalPositionIsExactAfterStop()
    {
        std::mutex mutex;
        std::map<std::string, RiderRecord> rows; // what the store would hold
        int riderWrites = 0;
        ConsoleCore core(
            Projections{},
            [&](StoreBatch &&b) {
                std::lock_guard lock(mutex);
                for (auto &r : b.riders) {
                    ++riderWrites;
                    rows[r.riderId] = r;
                }
            },
            nullptr);
        core.start();
        std::int64_t seq = 0;
        for (std::int64_t t = 0; t < 3050; t += 50) {
            FeedBatch b;
            for (int r = 0; r < kRiders; ++r)
                b.events.push_back(fix(r, kT0 + t, ++seq));
            core.post(std::move(b));
        }
        core.stop();
        std::lock_guard lock(mutex);
        QCOMPARE(rows.size(), std::size_t(kRiders));
        for (const auto &[id, r] : rows) {
            QCOMPARE(r.fixAtMs, kT0 + 3000);
            QCOMPARE(r.lat, 39.9 + 3000 * 1e-7);
        }
        // 61 fixes per rider over 3 s of feed time: at most 4 writes each, and the last one.
        QVERIFY2(riderWrites <= kRiders * 5, qPrintable(QString::number(riderWrites)));
    }
};

QTEST_GUILESS_MAIN(TestRiderCoalesce)
#include "tst_rider_coalesce.moc"
