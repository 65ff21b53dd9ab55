// Rider store and layout: clustering never hides an alerted rider, every visible rider is
// either a marker or counted in exactly one cluster, hit-testing finds the right rider at
// every zoom level, and bad rows are counted instead of crashing or moving riders.
#include "widgets/map/RiderLayout.h"
#include "widgets/map/RiderStore.h"

#include <QRandomGenerator>
#include <QTest>

#include <set>

using namespace opsdeck;
using namespace opsdeck::widgets;

namespace {

sdk::RiderRow rider(const QString &id, double lat, double lng)
{
    sdk::RiderRow r;
    r.riderId = id;
    r.name = id;
    r.status = QStringLiteral("delivering");
    r.lat = lat;
    r.lng = lng;
    r.fixAtMs = 1000;
    return r;
}

MapViewport viewAt(double lat, double lng, double zoom)
{
    MapViewport vp;
    vp.center = mercator::project(lat, lng);
    vp.zoom = zoom;
    vp.width = 1200;
    vp.height = 800;
    return vp;
}

} // namespace

class TestRiderLayout final : public QObject
{
    Q_OBJECT
private slots:
    void clusteringKeepsAlertedRidersVisible()
    {
        RiderStore store;
        QList<sdk::RiderRow> rows;
        QRandomGenerator rng(1);
        // 2000 riders within ~300 m: at zoom 12 that is a handful of pixels, one cluster.
        for (int i = 0; i < 2000; ++i)
            rows.append(rider(QStringLiteral("R%1").arg(i), 39.90 + rng.generateDouble() * 0.003,
                              116.40 + rng.generateDouble() * 0.003));
        store.enqueue(rows);
        const QSet<QString> alerted{QStringLiteral("R7"), QStringLiteral("R1500"), QStringLiteral("R1999")};
        store.setAlerted(alerted);
        RiderLayout layout;
        layout.build(store, viewAt(39.9, 116.4, 12), {});
        QVERIFY(!layout.clusters().empty());
        std::set<QString> singles;
        for (int i : layout.singles())
            singles.insert(store.m_ids[static_cast<std::size_t>(i)]);
        for (const QString &id : alerted)
            QVERIFY2(singles.count(id) == 1, qPrintable(id + QStringLiteral(" hidden in a cluster")));
        int clustered = 0;
        for (const auto &c : layout.clusters()) {
            clustered += c.count;
            QVERIFY(!store.m_alerted[static_cast<std::size_t>(c.firstRider)]);
        }
        QCOMPARE(clustered + int(layout.singles().size()), 2000);
        QCOMPARE(layout.visibleRiders(), 2000);

        // An alerted rider can be picked even in the middle of the crowd.
        const int r1500 = store.indexOf(QStringLiteral("R1500"));
        const auto k = std::find(layout.singles().begin(), layout.singles().end(), r1500) - layout.singles().begin();
        QCOMPARE(layout.hitTest(layout.singlePositions()[static_cast<std::size_t>(k)], 2.0), r1500);

        // Clearing the alert folds the rider back into the cluster.
        store.setAlerted({});
        layout.build(store, viewAt(39.9, 116.4, 12), {});
        QVERIFY(layout.singles().empty());

        // The selected rider is never folded away either.
        RiderLayout::Options keep;
        keep.keepSingle = store.indexOf(QStringLiteral("R42"));
        layout.build(store, viewAt(39.9, 116.4, 12), keep);
        QCOMPARE(layout.singles().size(), std::size_t(1));
        QCOMPARE(layout.singles().front(), keep.keepSingle);
        int inClusters = 0;
        for (const auto &c : layout.clusters())
            inClusters += c.count;
        QCOMPARE(inClusters, 1999);
    }

    void clusterOffShowsEveryRider()
    {
        RiderStore store;
        QList<sdk::RiderRow> rows;
        for (int i = 0; i < 500; ++i)
            rows.append(rider(QStringLiteral("R%1").arg(i), 39.90 + i * 1e-5, 116.40));
        store.enqueue(rows);
        RiderLayout layout;
        RiderLayout::Options o;
        o.cluster = false;
        layout.build(store, viewAt(39.9, 116.4, 12), o);
        QCOMPARE(int(layout.singles().size()), 500);
        QVERIFY(layout.clusters().empty());
    }

    void hitTestAtEveryZoom()
    {
        RiderStore store;
        // Riders on a 5 x 5 grid 2 km apart, so none shares a cluster cell at any zoom.
        QList<sdk::RiderRow> rows;
        for (int y = 0; y < 5; ++y)
            for (int x = 0; x < 5; ++x)
                rows.append(rider(QStringLiteral("G%1%2").arg(x).arg(y), 39.90 + y * 0.018, 116.40 + x * 0.024));
        store.enqueue(rows);
        for (int zoom = 3; zoom <= 19; ++zoom) {
            for (const sdk::RiderRow &r : std::as_const(rows)) {
                // Centre the view on each rider in turn, with an offset, so every rider is
                // tested at every zoom wherever it is visible.
                const MapViewport vp = viewAt(r.lat + 0.0001, r.lng - 0.0001, zoom);
                RiderLayout layout;
                RiderLayout::Options o;
                o.cluster = zoom < 15;
                layout.build(store, vp, o);
                const QPointF at = vp.toScreen(mercator::project(r.lat, r.lng));
                const int expected = store.indexOf(r.riderId);
                const bool single = std::find(layout.singles().begin(), layout.singles().end(), expected)
                    != layout.singles().end();
                if (!single)
                    continue; // folded into a cluster at this zoom: the cluster is hit instead
                QCOMPARE(layout.hitTest(at + QPointF(3, -2), 8.0), expected);
                // Anywhere else: the nearest marker within the radius, or none (brute force).
                for (const QPointF probe : {at + QPointF(30, 30), at + QPointF(-9, 0), QPointF(600, 400), QPointF(3, 797)}) {
                    int nearest = -1;
                    double best = 8.0;
                    for (std::size_t k = 0; k < layout.singles().size(); ++k) {
                        const double d = QLineF(layout.singlePositions()[k], probe).length();
                        if (d <= best) {
                            best = d;
                            nearest = layout.singles()[k];
                        }
                    }
                    QCOMPARE(layout.hitTest(probe, 8.0), nearest);
                }
            }
        }
    }

    void hitTestPicksTheNearestOfNeighbours()
    {
        RiderStore store;
        store.enqueue({rider(QStringLiteral("A"), 39.9, 116.4), rider(QStringLiteral("B"), 39.9, 116.4001)});
        const MapViewport vp = viewAt(39.9, 116.4, 19); // 8.5 m apart: ~37 px at zoom 19
        RiderLayout layout;
        RiderLayout::Options o;
        o.cluster = false;
        layout.build(store, vp, o);
        const QPointF a = vp.toScreen(mercator::project(39.9, 116.4));
        const QPointF b = vp.toScreen(mercator::project(39.9, 116.4001));
        QVERIFY(QLineF(a, b).length() > 20);
        QCOMPARE(layout.hitTest(a + QPointF(4, 0), 12), store.indexOf(QStringLiteral("A")));
        QCOMPARE(layout.hitTest(b - QPointF(4, 0), 12), store.indexOf(QStringLiteral("B")));
    }

    void latestValueWinsAndBadRowsAreCounted()
    {
        RiderStore store;
        sdk::RiderRow first = rider(QStringLiteral("R1"), 39.9, 116.4);
        sdk::RiderRow second = rider(QStringLiteral("R1"), 39.95, 116.45);
        second.status = QStringLiteral("idle");
        store.enqueue({first, second});
        QCOMPARE(store.size(), 1);
        QCOMPARE(store.m_lat[0], 39.95);
        QCOMPARE(store.m_status[0], RiderStatus::Idle);
        QCOMPARE(store.takeChanged(), 2);
        QCOMPARE(store.takeChanged(), 0);

        sdk::RiderRow noId = rider(QString(), 39.9, 116.4);
        sdk::RiderRow nan = rider(QStringLiteral("R1"), std::nan(""), 116.4);
        sdk::RiderRow offGlobe = rider(QStringLiteral("R1"), 95.0, 200.0);
        sdk::RiderRow unknownStatus = rider(QStringLiteral("R2"), 39.9, 116.4);
        unknownStatus.status = QStringLiteral("teleporting");
        store.enqueue({noId, nan, offGlobe, unknownStatus});
        QCOMPARE(store.rejected(), 3);
        QCOMPARE(store.size(), 2);
        QCOMPARE(store.m_lat[0], 39.95); // kept at its last good fix
        QCOMPARE(store.m_status[1], RiderStatus::Unknown);
    }

    void trailsKeepTheWindow()
    {
        RiderStore store;
        store.setTrailWindow(60'000, 10'000);
        for (int s = 0; s <= 180; ++s) {
            sdk::RiderRow r = rider(QStringLiteral("T"), 39.9 + s * 1e-5, 116.4);
            r.fixAtMs = 1'000'000 + s * 1000;
            store.enqueue({r});
        }
        const auto &t = store.trail(0);
        QVERIFY(t.size() >= 6 && t.size() <= 8); // one point per 10 s over the last minute
        QVERIFY(1'180'000 - t.front().atMs <= 60'000);
    }
};

QTEST_APPLESS_MAIN(TestRiderLayout)
#include "tst_rider_layout.moc"
