// RecentIds on its own (issue 15): a window of the last N event ids, so an event
// delivered twice under a new seq is applied once, and memory stays bounded.
#include "feed/sync/RecentIds.h"

#include <QtTest>

#include <string>

using opsdeck::feed::RecentIds;

class TestRecentIds final : public QObject
{
    Q_OBJECT

private slots:
    void firstSightIsNewRepeatIsNot()
    {
        RecentIds ids(10);
        QVERIFY(ids.insert("a"));
        QVERIFY(ids.insert("b"));
        QVERIFY(!ids.insert("a"));
        QVERIFY(!ids.insert("b"));
        QCOMPARE(ids.size(), std::size_t(2));
    }

    void oldestIdLeavesTheWindowFirst()
    {
        RecentIds ids(3);
        QVERIFY(ids.insert("a"));
        QVERIFY(ids.insert("b"));
        QVERIFY(ids.insert("c"));
        QVERIFY(ids.insert("d")); // evicts a
        QCOMPARE(ids.size(), std::size_t(3));
        QVERIFY(!ids.insert("b"));
        QVERIFY(!ids.insert("c"));
        QVERIFY(!ids.insert("d"));
        QVERIFY(ids.insert("a")); // forgotten: new again (evicts b)
        QVERIFY(ids.insert("b"));
        QCOMPARE(ids.size(), std::size_t(3));
    }

    void repeatDoesNotRefreshOrEvict()
    {
        RecentIds ids(2);
        QVERIFY(ids.insert("a"));
        QVERIFY(ids.insert("b"));
        QVERIFY(!ids.insert("a")); // a repeat takes no slot
        QVERIFY(ids.insert("c")); // evicts a, the oldest inserted
        QVERIFY(!ids.insert("b"));
        QVERIFY(ids.insert("a"));
    }

    void zeroCapacityKeepsOne()
    {
        RecentIds ids(0);
        QVERIFY(ids.insert("a"));
        QVERIFY(!ids.insert("a"));
        QVERIFY(ids.insert("b"));
        QVERIFY(ids.insert("a"));
        QCOMPARE(ids.size(), std::size_t(1));
    }

    void bigWindowStaysBounded()
    {
        constexpr std::size_t kCap = 50000;
        RecentIds ids(kCap);
        for (std::size_t i = 0; i < 3 * kCap; ++i)
            QVERIFY(ids.insert("gw-1-D1-" + std::to_string(i)));
        QCOMPARE(ids.size(), kCap);
        QVERIFY(!ids.insert("gw-1-D1-" + std::to_string(3 * kCap - 1)));
        QVERIFY(!ids.insert("gw-1-D1-" + std::to_string(2 * kCap)));
        QVERIFY(ids.insert("gw-1-D1-" + std::to_string(2 * kCap - 1)));
    }
};

QTEST_GUILESS_MAIN(TestRecentIds)
#include "tst_recent_ids.moc"
