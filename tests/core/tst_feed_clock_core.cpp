// core::FeedClock, the console's one clock (docs/protocol.md "The feed's clock"): the
// fallback until the feed speaks, then the newest heartbeat; events only while the epoch
// sends no heartbeats; never back within an epoch, anywhere in a new one.
#include "core/pipeline/FeedClock.h"

#include <QtTest>

using opsdeck::core::FeedClock;

class TestFeedClockCore final : public QObject
{
    Q_OBJECT
private slots:
    void fallbackUntilTheFeedSpeaks()
    {
        std::int64_t local = 1000;
        FeedClock clock([&local] { return local; });
        QVERIFY(!clock.heard());
        QCOMPARE(clock.nowMs(), std::int64_t{1000});
        local = 2000;
        QCOMPARE(clock.nowMs(), std::int64_t{2000});
        clock.observeEvent("e1", 50'000);
        QVERIFY(clock.heard());
        local = 3000; // the test's clock no longer matters
        QCOMPARE(clock.nowMs(), std::int64_t{50'000});
    }

    void heartbeatsRuleOnceTheyCome()
    {
        FeedClock clock([] { return std::int64_t{1}; });
        clock.observeEvent("e1", 10'000);
        clock.observeEvent("e1", 9'000); // an older event of another depot: no step back
        QCOMPARE(clock.nowMs(), std::int64_t{10'000});
        clock.observeHeartbeat("e1", 30'000);
        QCOMPARE(clock.nowMs(), std::int64_t{30'000});
        // A wild event time no longer moves the clock: the heartbeats do.
        clock.observeEvent("e1", 9'000'000'000'000);
        QCOMPARE(clock.nowMs(), std::int64_t{30'000});
        clock.observeHeartbeat("e1", 50'000);
        clock.observeHeartbeat("e1", 40'000);
        QCOMPARE(clock.nowMs(), std::int64_t{50'000});
    }

    void aNewEpochStartsWhereItStarts()
    {
        FeedClock clock([] { return std::int64_t{1}; });
        clock.observeHeartbeat("e1", 500'000);
        clock.observeHeartbeat("e2", 100'000); // the gateway restarted its simulated day
        QCOMPARE(clock.nowMs(), std::int64_t{100'000});
        clock.observeEvent("e2", 120'000); // e2 has sent a heartbeat: events do not move it
        QCOMPARE(clock.nowMs(), std::int64_t{100'000});
        clock.observeEvent("e3", 70'000); // an epoch without heartbeats (yet): its events do
        QCOMPARE(clock.nowMs(), std::int64_t{70'000});
        clock.observeEvent("e3", 0); // no time: ignored
        QCOMPARE(clock.nowMs(), std::int64_t{70'000});
    }
};

QTEST_GUILESS_MAIN(TestFeedClockCore)
#include "tst_feed_clock_core.moc"
