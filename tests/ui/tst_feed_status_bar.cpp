// FeedStatusBar shows what a FeedStats and the core counters say, read on its timer.
#include "app/shell/FeedStatusBar.h"

#include <QLabel>
#include <QtTest>

using opsdeck::app::FeedStatusBar;
namespace core = opsdeck::core;

namespace {
QString text(const FeedStatusBar &bar, const char *name)
{
    auto *label = bar.findChild<QLabel *>(QLatin1String(name));
    return label ? label->text() : QStringLiteral("<missing %1>").arg(QLatin1String(name));
}
QString tip(const FeedStatusBar &bar, const char *name)
{
    auto *label = bar.findChild<QLabel *>(QLatin1String(name));
    return label ? label->toolTip() : QString();
}
} // namespace

class TestFeedStatusBar final : public QObject
{
    Q_OBJECT
private slots:
    void showsStateCountsAndSeqs()
    {
        core::FeedStats stats;
        core::CoreCounters counters;
        counters.applied = 1234;
        counters.illegal = 2;
        FeedStatusBar bar(stats, [&counters] { return counters; });
        QCOMPARE(text(bar, "feedState"), QStringLiteral("Connecting"));
        QCOMPARE(text(bar, "lastSeqs"), QStringLiteral("no depots yet"));

        stats.state = core::FeedState::Connected;
        stats.gaps = 3;
        stats.resyncs = 1;
        stats.rejected[static_cast<std::size_t>(core::RejectReason::MalformedJson)] = 4;
        stats.rejected[static_cast<std::size_t>(core::RejectReason::UnknownType)] = 1;
        stats.setLastSeq("BJ-CY-01", 1234);
        stats.setLastSeq("BJ-HD-02", 99);
        bar.refresh();
        QCOMPARE(text(bar, "feedState"), QStringLiteral("Connected"));
        QVERIFY(bar.findChild<QLabel *>("feedState")->styleSheet().contains("#1a7f37"));
        QCOMPARE(text(bar, "gaps"), QStringLiteral("Gaps 3"));
        QCOMPARE(text(bar, "resyncs"), QStringLiteral("Resyncs 1"));
        QCOMPARE(text(bar, "rejected"), QStringLiteral("Rejected 5"));
        QVERIFY(tip(bar, "rejected").contains(QStringLiteral("malformed JSON: 4")));
        QVERIFY(tip(bar, "rejected").contains(QStringLiteral("unknown event type: 1")));
        QVERIFY(!tip(bar, "rejected").contains(QStringLiteral("unreadable")));
        stats.extensionIgnored = 7; // applied, but their note / priority left out
        bar.refresh();
        QCOMPARE(text(bar, "rejected"), QStringLiteral("Rejected 5"));
        QVERIFY2(tip(bar, "rejected").contains(QStringLiteral("without an unreadable note or priority: 7")),
                 qPrintable(tip(bar, "rejected")));
        QCOMPARE(text(bar, "lastSeqs"), QStringLiteral("BJ-CY-01 #1234 · BJ-HD-02 #99"));
        QVERIFY(text(bar, "applied").startsWith(QStringLiteral("Applied 1")));
        QCOMPARE(text(bar, "integrity"), QStringLiteral("Integrity alerts 2"));

        stats.state = core::FeedState::Stale;
        bar.refresh();
        QCOMPARE(text(bar, "feedState"), QStringLiteral("Stale"));
        QVERIFY(bar.findChild<QLabel *>("feedState")->styleSheet().contains("#bf8700"));
    }

    // Issue 16: events shed at a queue bound, and the depots resyncing because of it.
    void showsSheddingUntilEveryDepotIsResynced()
    {
        core::FeedStats stats;
        FeedStatusBar bar(stats, [] { return core::CoreCounters{}; });
        auto *shed = bar.findChild<QLabel *>(QStringLiteral("shedding"));
        QVERIFY(shed);
        QVERIFY(shed->isHidden());

        stats.addShed("D1", core::ShedReason::QueueEvents, 12000);
        stats.addShed("D2", core::ShedReason::QueueBytes, 350);
        stats.addShed("D2", core::ShedReason::ResyncBuffer, 50);
        stats.setStale({"D1", "D2"});
        bar.refresh();
        QVERIFY(!shed->isHidden());
        QCOMPARE(shed->text(), QStringLiteral("Shedding: %1 events dropped, 2 depots resyncing")
                                   .arg(QLocale().toString(12400)));
        QVERIFY(tip(bar, "shedding").contains(QStringLiteral("D2: 350 at the queue bound, 50 while resyncing")));

        stats.setStale({});
        bar.refresh();
        QCOMPARE(shed->text(),
                 QStringLiteral("Shed: %1 events dropped, every depot resynced").arg(QLocale().toString(12400)));
    }

    void eventsPerSecondFromAcceptedDeltas()
    {
        core::FeedStats stats;
        FeedStatusBar bar(stats, {});
        qint64 nowMs = 1000;
        bar.setClock([&nowMs] { return nowMs; });
        stats.accepted = 0;
        bar.refresh();
        nowMs += 200;
        stats.accepted = 100;
        bar.refresh();
        QCOMPARE(bar.eventsPerSecond(), 500.0); // 100 events in 200 ms
        QCOMPARE(text(bar, "eventsPerSecond"), QStringLiteral("500 ev/s"));
    }

    void aBurstDoesNotDropTheRateToZeroOnTheNextTick()
    {
        core::FeedStats stats;
        FeedStatusBar bar(stats, {});
        qint64 nowMs = 0;
        bar.setClock([&nowMs] { return nowMs; });
        bar.refresh();
        nowMs += 200;
        stats.accepted = 500; // a burst, then a quiet tick
        bar.refresh();
        nowMs += 200;
        bar.refresh();
        // Averaged over the window (400 ms here): 1250/s, not the quiet tick's 0.
        QCOMPARE(bar.eventsPerSecond(), 1250.0);
        // The window is 5 s: a burst that old has left it, and quiet reads 0.
        nowMs += 5000;
        bar.refresh();
        nowMs += 5000;
        bar.refresh();
        QCOMPARE(bar.eventsPerSecond(), 0.0);
    }

    void timerRefreshesWithoutBeingAsked()
    {
        core::FeedStats stats;
        FeedStatusBar bar(stats, {});
        bar.setRefreshInterval(20);
        stats.state = core::FeedState::Resyncing;
        QTRY_COMPARE(text(bar, "feedState"), QStringLiteral("Resyncing"));
    }
};

QTEST_MAIN(TestFeedStatusBar)
#include "tst_feed_status_bar.moc"
