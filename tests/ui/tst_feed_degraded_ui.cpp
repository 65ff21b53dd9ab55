// Issue 21 in the window: a depot whose resyncs back off is marked "feed degraded" in
// the status bar and on the map, and the status bar says so when it reads cleanly again.
#include "app/features/map/FeedHealthHost.h"
#include "app/shell/FeedStatusBar.h"
#include "widgets/map/CityBaseMap.h"
#include "widgets/map/MapView.h"

#include <QLabel>
#include <QSignalSpy>
#include <QtTest>

using opsdeck::app::FeedHealthHost;
using opsdeck::app::FeedStatusBar;
using opsdeck::widgets::CityBaseMap;
using opsdeck::widgets::MapLabel;
using opsdeck::widgets::MapView;
namespace core = opsdeck::core;

namespace {

core::FeedDegradation degradedPaid(const std::string &depot)
{
    core::FeedDegradation d;
    d.depot = depot;
    d.eventType = "order.paid";
    d.reason = "wrong_type";
    d.failures = 1200;
    d.holes = 1200;
    d.backoffMs = 30000;
    return d;
}

} // namespace

class TestFeedDegradedUi final : public QObject
{
    Q_OBJECT
private slots:
    void statusBarMarksDegradedDepotAndSaysWhenClean()
    {
        core::FeedStats stats;
        FeedStatusBar bar(stats, {});
        auto *label = bar.findChild<QLabel *>(QStringLiteral("feedDegraded"));
        QVERIFY(label);
        QVERIFY(label->isHidden());

        stats.setDegraded({degradedPaid("BJ-CY-01")});
        bar.refresh();
        QVERIFY(!label->isHidden());
        QCOMPARE(label->text(), QStringLiteral("Feed degraded: BJ-CY-01"));
        QVERIFY2(label->toolTip().contains(QStringLiteral("order.paid frames keep failing (wrong_type), 1,200 so far")),
                 qPrintable(label->toolTip()));
        QVERIFY(label->toolTip().contains(QStringLiteral("within 30 s")));

        stats.setDegraded({});
        bar.refresh();
        QVERIFY(label->isHidden());
        QCOMPARE(bar.currentMessage(), QStringLiteral("Feed reads cleanly again: BJ-CY-01"));
    }

    void mapLabelsTheDegradedDepot()
    {
        const auto city = CityBaseMap::builtIn();
        QVERIFY(city && !city->depots().empty());
        const QString depot = city->depots().front().id;

        core::FeedStats stats;
        FeedHealthHost health(stats, 3600000); // polled by hand below
        MapView view;
        view.resize(800, 600);
        view.setBaseMap(city);
        view.setClock([] { return qint64(1795860000000); });
        connect(&health, &FeedHealthHost::degradedDepotsChanged, &view, &MapView::setDegradedDepots);
        view.fitToDepot(depot);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        const auto labelOf = [&view, &depot]() -> QString {
            (void)view.grab(); // one paint places the labels
            for (const MapLabel &l : view.labels())
                if (l.kind == MapLabel::Kind::Depot && l.id == depot)
                    return l.text;
            return {};
        };
        QVERIFY(!labelOf().isEmpty());
        QVERIFY(!labelOf().contains(QStringLiteral("feed degraded")));

        QSignalSpy changed(&health, &FeedHealthHost::degradedDepotsChanged);
        stats.setDegraded({degradedPaid(depot.toStdString())});
        health.poll();
        QCOMPARE(changed.count(), 1);
        QVERIFY2(labelOf().endsWith(QStringLiteral(" · feed degraded")), qPrintable(labelOf()));

        stats.setDegraded({});
        health.poll();
        QCOMPARE(changed.count(), 2);
        QVERIFY(!labelOf().contains(QStringLiteral("feed degraded")));
    }
};

QTEST_MAIN(TestFeedDegradedUi)
#include "tst_feed_degraded_ui.moc"
