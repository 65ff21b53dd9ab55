// The warm start's pre-roll (GatewayOptions::prerollMs): the gateway plays the first two
// hours of the day on its own thread before it serves, and does so deterministically, so
// one seed gives one first screen. Both gateways start paused: after the pre-roll nothing
// moves, and the test reads the world exactly as a joining console's snapshot would.
#include "sim/Gateway.h"
#include "sim/Simulation.h"

#include <QtTest>

#include <set>

using namespace opsdeck::sim;

namespace {

constexpr std::int64_t kStartMs = 1796637600000; // 2026-12-07T10:00:00Z
constexpr std::int64_t kTwoHoursMs = 2LL * 3600 * 1000;

GatewayOptions warmOptions(std::int64_t prerollMs, std::int64_t startMs = kStartMs)
{
    GatewayOptions o;
    o.seed = 11;
    o.riders = 60;
    o.ordersPerMin = 40;
    o.startMs = startMs;
    o.prerollMs = prerollMs;
    o.feedBind = "tcp://127.0.0.1:*";
    o.snapshotBind = "tcp://127.0.0.1:*";
    o.controlBind = "tcp://127.0.0.1:*";
    return o;
}

} // namespace

class TestWarmPreroll final : public QObject
{
    Q_OBJECT
private slots:
    void samePrerollForOneSeed()
    {
        // The second console was started 17 s later in the same minute: the day starts on
        // the minute, so both see one world.
        Gateway a(warmOptions(kTwoHoursMs));
        Gateway b(warmOptions(kTwoHoursMs, kStartMs + 17000));
        a.setPaused(true);
        b.setPaused(true);
        a.start();
        b.start();
        QTRY_VERIFY_WITH_TIMEOUT(a.prerollWallMs() >= 0 && b.prerollWallMs() >= 0, 60000);
        qInfo("pre-roll of 2 h, 60 riders, 40 orders/min: %lld ms and %lld ms (two at once)",
              static_cast<long long>(a.prerollWallMs()), static_cast<long long>(b.prerollWallMs()));

        // The day ends where a cold start would begin (the minute's start).
        QCOMPARE(a.simTimeMs(), kStartMs);
        QCOMPARE(b.simTimeMs(), kStartMs);
        const auto states = a.truthOrderStates();
        QVERIFY(states == b.truthOrderStates());
        QVERIFY(a.currentSeqs() == b.currentSeqs());
        QCOMPARE(a.epoch(), b.epoch());

        // Every working state of the board has orders on the first screen.
        std::set<std::string> seen;
        for (const auto &entry : states)
            seen.insert(entry.second);
        for (const char *state : {"CREATED", "PAID", "HELD", "OUT_OF_STOCK", "PICKING", "DELIVERING", "EXCEPTION",
                                  "RETURNING", "CLAIMING"})
            QVERIFY2(seen.count(state) == 1, state);
    }

    // Silence changes nothing but the text: the same seqs, event ids spent and orders as a
    // step that writes every message, so the gateway continues the very stream it skipped.
    void silentStepPlaysTheSameWorld()
    {
        const auto city = City::load({});
        SimulationOptions so;
        so.seed = 11;
        so.riders = 60;
        so.ordersPerMin = 40;
        so.startMs = kStartMs;
        Simulation silent(city, so);
        Simulation loud(city, so);
        std::vector<WireMessage> out;
        silent.setSilent(true);
        for (int minute = 0; minute < 30; ++minute) {
            silent.step(60000, out);
            QVERIFY(out.empty());
            loud.step(60000, out);
            out.clear();
        }
        silent.setSilent(false);
        QCOMPARE(silent.generatedEvents(), loud.generatedEvents());
        QVERIFY(silent.seqs() == loud.seqs());
        QVERIFY(silent.truthOrderStates() == loud.truthOrderStates());
        std::vector<std::string> a, b;
        std::string endA, endB;
        silent.snapshot({}, a, endA);
        loud.snapshot({}, b, endB);
        QVERIFY(a == b);
        QCOMPARE(endA, endB);
        // And the next second's messages are the same bytes.
        std::vector<WireMessage> nextA, nextB;
        silent.step(1000, nextA);
        loud.step(1000, nextB);
        QCOMPARE(nextA.size(), nextB.size());
        for (std::size_t i = 0; i < nextA.size(); ++i)
            QCOMPARE(nextA[i].envelope, nextB[i].envelope);
    }

    void coldStartIsToday()
    {
        Gateway cold(warmOptions(0));
        cold.setPaused(true);
        cold.start();
        QCOMPARE(cold.prerollWallMs(), std::int64_t(-1)); // no pre-roll at all
        QCOMPARE(cold.simTimeMs(), kStartMs);
        QVERIFY(cold.truthOrderStates().empty());
        for (const auto &entry : cold.currentSeqs())
            QCOMPARE(entry.second, std::int64_t(0));
    }
};

QTEST_GUILESS_MAIN(TestWarmPreroll)
#include "tst_warm_preroll.moc"
