// Web Mercator: projection round-trips, the fast table projection against the exact one,
// viewport mapping, and ground resolution against the published EPSG:3857 figures.
#include "widgets/map/MapProjection.h"

#include <QTest>

using namespace opsdeck::widgets;

class TestMapProjection final : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip_data()
    {
        QTest::addColumn<double>("lat");
        QTest::addColumn<double>("lng");
        QTest::newRow("beijing") << 39.9042 << 116.4074;
        QTest::newRow("equator/meridian") << 0.0 << 0.0;
        QTest::newRow("south-west") << -33.8688 << -70.6693;
        QTest::newRow("near edge") << 84.9 << 179.9;
        QTest::newRow("dateline west") << -60.0 << -179.999;
    }
    void roundTrip()
    {
        QFETCH(double, lat);
        QFETCH(double, lng);
        const QPointF w = mercator::project(lat, lng);
        QVERIFY(w.x() >= 0 && w.x() <= 1 && w.y() >= 0 && w.y() <= 1);
        const QGeoCoordinate back = mercator::unproject(w);
        QVERIFY2(std::abs(back.latitude() - lat) < 1e-9, qPrintable(QString::number(back.latitude(), 'f', 12)));
        QVERIFY(std::abs(back.longitude() - lng) < 1e-9);
        // The table projection used for rider fixes agrees to a few millimetres.
        const QPointF fast = mercator::projectFast(lat, lng);
        QVERIFY2(std::abs(fast.y() - w.y()) < 1e-9, qPrintable(QString::number(fast.y() - w.y(), 'g', 3)));
        QCOMPARE(fast.x(), w.x());
    }

    void knownValues()
    {
        QCOMPARE(mercator::project(0, 0), QPointF(0.5, 0.5));
        // Tile (z=10) of Beijing's Tiananmen as any XYZ server numbers it: x=843, y=388.
        const QPointF w = mercator::project(39.9042, 116.4074);
        QCOMPARE(int(w.x() * 1024), 843);
        QCOMPARE(int(w.y() * 1024), 388);
        // Ground resolution at the equator, zoom 0: 156543.03 m per pixel.
        QVERIFY(std::abs(mercator::metresPerPixel(0, 0) - 156543.03) < 0.01);
        QVERIFY(std::abs(mercator::metresPerPixel(60, 1) - 156543.03 / 4) < 0.01); // cos 60 = 1/2, zoom 1 halves
        // Latitudes beyond the square world are clamped, not turned into NaN.
        QVERIFY(std::isfinite(mercator::project(90, 0).y()));
        QVERIFY(std::isfinite(mercator::projectFast(-90, 0).y()));
    }

    void viewportRoundTrip()
    {
        MapViewport vp;
        vp.center = mercator::project(39.9, 116.4);
        vp.width = 1000;
        vp.height = 700;
        for (double z : {3.0, 9.5, 12.0, 16.0, 19.0}) {
            vp.zoom = z;
            QCOMPARE(vp.toScreen(vp.center), QPointF(500, 350));
            for (QPointF s : {QPointF(0, 0), QPointF(999, 1), QPointF(123.5, 654.25)}) {
                const QPointF back = vp.toScreen(vp.toWorld(s));
                QVERIFY(std::abs(back.x() - s.x()) < 1e-6 && std::abs(back.y() - s.y()) < 1e-6);
            }
            // One zoom level doubles the distance between two points on screen.
            const QPointF a = vp.toScreen(mercator::project(39.91, 116.41));
            vp.zoom = z + 1;
            const QPointF b = vp.toScreen(mercator::project(39.91, 116.41));
            QVERIFY(std::abs(QLineF(QPointF(500, 350), b).length() - 2 * QLineF(QPointF(500, 350), a).length()) < 1e-6);
        }
    }
};

QTEST_APPLESS_MAIN(TestMapProjection)
#include "tst_map_projection.moc"
