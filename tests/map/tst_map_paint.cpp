// What the map paints, read back from its pixels offscreen: a moving rider's arrow
// points along its heading and a stationary rider has none; names appear only when
// zoomed in; the scale bar's distance and length follow the projection at each zoom;
// both palettes keep roads, zone outlines and text readable.
// Each check renders the real view twice, with and without the feature, and compares.
#include "MapFixtures.h"
#include "widgets/map/MapPalette.h"
#include "widgets/map/MapView.h"
#include "widgets/map/RiderSprites.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <map>
#include <optional>

using namespace opsdeck;
using namespace opsdeck::widgets;
using maptest::kNowMs;

namespace {

bool differs(QRgb a, QRgb b)
{
    return std::abs(qRed(a) - qRed(b)) + std::abs(qGreen(a) - qGreen(b)) + std::abs(qBlue(a) - qBlue(b)) > 24;
}

// Where two renderings of the same view differ: the pixels, relative to `origin`.
QList<QPointF> changedPixels(const QImage &a, const QImage &b, QPointF origin)
{
    QList<QPointF> out;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x)
            if (differs(a.pixel(x, y), b.pixel(x, y)))
                out.append(QPointF(x + 0.5, y + 0.5) - origin);
    return out;
}

// Compass bearing (clockwise from north) of the centroid of `pts`, and its distance.
std::pair<double, double> bearingOfCentroid(const QList<QPointF> &pts)
{
    QPointF sum;
    for (const QPointF &p : pts)
        sum += p;
    const QPointF c = sum / std::max<qsizetype>(1, pts.size());
    const double bearing = std::fmod(std::atan2(c.x(), -c.y()) * 180.0 / M_PI + 360.0, 360.0);
    return {bearing, std::hypot(c.x(), c.y())};
}

double angleBetween(double a, double b)
{
    const double d = std::fmod(std::abs(a - b), 360.0);
    return std::min(d, 360.0 - d);
}

// WCAG 2 relative luminance and contrast ratio.
double channel(int c)
{
    const double v = c / 255.0;
    return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
}

double luminance(const QColor &c)
{
    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// What a translucent palette colour looks like once painted over `ground`.
QColor over(const QColor &fg, const QColor &ground)
{
    const double a = fg.alphaF();
    const auto mix = [a](int f, int g) { return int(std::lround(f * a + g * (1.0 - a))); };
    return QColor(mix(fg.red(), ground.red()), mix(fg.green(), ground.green()), mix(fg.blue(), ground.blue()));
}

QColor mostCommonColour(const QImage &img)
{
    std::map<QRgb, int> counts;
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x)
            ++counts[img.pixel(x, y) | 0xff000000u];
    return QColor::fromRgb(std::max_element(counts.begin(), counts.end(), [](auto &a, auto &b) {
                               return a.second < b.second;
                           })->first);
}

} // namespace

class TestMapPaint final : public QObject
{
    Q_OBJECT
private:
    std::shared_ptr<const CityBaseMap> m_map;
    QGeoCoordinate m_at; // open ground near a depot, away from its label

    sdk::RiderRow rider(double speedMps, double headingDeg, const QString &name = QStringLiteral("Li Wei")) const
    {
        sdk::RiderRow r;
        r.riderId = QStringLiteral("R1");
        r.name = name;
        r.status = QStringLiteral("delivering");
        r.lat = m_at.latitude();
        r.lng = m_at.longitude();
        r.speedMps = speedMps;
        r.headingDeg = headingDeg;
        r.fixAtMs = kNowMs - 1000;
        return r;
    }

    // A fresh view showing only `row`, centred on it; `marker` gets the sprite's centre.
    QImage render(const sdk::RiderRow &row, double zoom, QPointF *marker = nullptr)
    {
        MapView view;
        view.resize(400, 300);
        view.setBaseMap(m_map);
        view.setClock([] { return kNowMs; });
        view.show();
        if (!QTest::qWaitForWindowExposed(&view))
            return {};
        view.enqueueRiders({row});
        view.flushPending();
        view.setZoom(zoom);
        view.setCenter(m_at);
        if (marker) {
            // Sprites are blitted at whole pixels: the centre is where paintRiders puts it.
            const QPointF at = view.screenPositionOf(row.riderId);
            *marker = QPointF(int(at.x()), int(at.y()));
        }
        return view.grab().toImage().convertToFormat(QImage::Format_RGB32);
    }

private slots:
    void initTestCase()
    {
        m_map = CityBaseMap::builtIn();
        QVERIFY(m_map);
        const QGeoCoordinate depot = m_map->depots().front().coordinate;
        m_at = QGeoCoordinate(depot.latitude() + 0.01, depot.longitude());
    }

    // The sprite for a heading, whatever form the heading comes in: the wire allows
    // -360..360 (west as -90), and a plugin's row may carry NaN.
    void spritesNormaliseHeadings()
    {
        RiderSprites sprites;
        for (int s = 0; s < kRiderStatusCount; ++s) {
            const auto st = static_cast<RiderStatus>(s);
            const QImage still = sprites.marker(st, false, std::nullopt).copy();
            const QImage north = sprites.marker(st, false, 0.0).copy();
            const QImage west = sprites.marker(st, false, 270.0).copy();
            QVERIFY(north != still);
            QVERIFY(west != north);
            QCOMPARE(sprites.marker(st, false, -90.0), west);
            QCOMPARE(sprites.marker(st, false, 630.0), west);
            QCOMPARE(sprites.marker(st, false, 360.0), north);
            QCOMPARE(sprites.marker(st, false, -360.0), north);
            QCOMPARE(sprites.marker(st, false, 359.0), north); // nearest 15-degree step
            QCOMPARE(sprites.marker(st, false, std::numeric_limits<double>::quiet_NaN()), still);
            QCOMPARE(sprites.marker(st, false, std::numeric_limits<double>::infinity()), still);
            QCOMPARE(sprites.marker(st, true, std::numeric_limits<double>::quiet_NaN()),
                     sprites.marker(st, true, std::nullopt));
        }
    }

    void movingRiderPointsAlongItsHeading_data()
    {
        QTest::addColumn<double>("heading");
        QTest::addColumn<double>("expected"); // compass bearing the arrow must point to
        QTest::newRow("north") << 0.0 << 0.0;
        QTest::newRow("east") << 90.0 << 90.0;
        QTest::newRow("south-east") << 135.0 << 135.0;
        QTest::newRow("south") << 180.0 << 180.0;
        QTest::newRow("west") << 270.0 << 270.0;
        QTest::newRow("west as -90") << -90.0 << 270.0;
        QTest::newRow("north-east as -315") << -315.0 << 45.0;
    }

    void movingRiderPointsAlongItsHeading()
    {
        QFETCH(double, heading);
        QFETCH(double, expected);
        QPointF c;
        const QImage still = render(rider(0.0, heading), 17, &c);
        const QImage moving = render(rider(5.0, heading), 17);
        QVERIFY(!still.isNull() && !moving.isNull());
        const QList<QPointF> arrow = changedPixels(still, moving, c);
        QVERIFY2(arrow.size() >= 8, qPrintable(QStringLiteral("%1 pixels changed").arg(arrow.size())));
        for (const QPointF &p : arrow) // the arrow is part of the marker, nothing else moved
            QVERIFY2(std::hypot(p.x(), p.y()) <= RiderSprites::kMarkerPx / 2.0 + 1.5,
                     qPrintable(QStringLiteral("changed pixel at %1,%2").arg(p.x()).arg(p.y())));
        const auto [bearing, distance] = bearingOfCentroid(arrow);
        QVERIFY2(distance > 3.0, qPrintable(QStringLiteral("centroid %1 px from the centre").arg(distance)));
        QVERIFY2(angleBetween(bearing, expected) < 12.0,
                 qPrintable(QStringLiteral("arrow points to %1, expected %2").arg(bearing).arg(expected)));
    }

    // Below 0.5 m/s a heading is GPS noise: the rider is drawn exactly as a parked one.
    void slowOrStoppedRiderHasNoArrow()
    {
        const QImage parked = render(rider(0.0, 0.0), 17);
        QVERIFY(!parked.isNull());
        QCOMPARE(render(rider(0.4, 90.0), 17), parked);
        QCOMPARE(render(rider(0.0, 200.0), 17), parked);
        QVERIFY(render(rider(0.6, 90.0), 17) != parked);
        // A NaN heading from a plugin's row on a moving rider: drawn, without an arrow.
        QCOMPARE(render(rider(5.0, std::numeric_limits<double>::quiet_NaN()), 17), parked);
    }

    void namesOnlyWhenZoomedIn()
    {
        // Same rider, two names: the pictures can only differ where a name is written.
        QPointF c;
        const QImage farA = render(rider(0.0, 0.0, QStringLiteral("Bo")), 15.5, &c);
        const QImage farB = render(rider(0.0, 0.0, QStringLiteral("Zhang Xiaoming")), 15.5);
        QVERIFY(!farA.isNull());
        QCOMPARE(farA, farB);

        const QImage nearA = render(rider(0.0, 0.0, QStringLiteral("Bo")), 16.5, &c);
        const QImage nearB = render(rider(0.0, 0.0, QStringLiteral("Zhang Xiaoming")), 16.5);
        const QList<QPointF> label = changedPixels(nearA, nearB, c);
        QVERIFY2(label.size() > 40, qPrintable(QStringLiteral("%1 pixels changed").arg(label.size())));
        for (const QPointF &p : label) // to the right of the marker, on its line
            QVERIFY2(p.x() > RiderSprites::kMarkerPx / 2.0 && p.y() > -14 && p.y() < 10,
                     qPrintable(QStringLiteral("changed pixel at %1,%2").arg(p.x()).arg(p.y())));
        // The long name reaches well past where the short one ends.
        double rightmost = 0;
        for (const QPointF &p : label)
            rightmost = std::max(rightmost, p.x());
        QVERIFY(rightmost > 60);

        // Without a name the id is written instead.
        sdk::RiderRow anonymous = rider(0.0, 0.0, QString());
        sdk::RiderRow otherId = anonymous;
        otherId.riderId = QStringLiteral("R1-LONGER-ID");
        QVERIFY(render(anonymous, 16.5) != render(otherId, 16.5));
    }

    void scaleBarFollowsTheProjection_data()
    {
        QTest::addColumn<double>("zoom");
        QTest::addColumn<QString>("label");
        // Beijing, latitude 40: about 15 km per pixel at zoom 3, 0.9 m at zoom 17.
        QTest::newRow("3") << 3.0 << QStringLiteral("1000 km");
        QTest::newRow("7") << 7.0 << QStringLiteral("100 km");
        QTest::newRow("12") << 12.0 << QStringLiteral("2 km");
        QTest::newRow("14") << 14.0 << QStringLiteral("500 m");
        QTest::newRow("17") << 17.0 << QStringLiteral("100 m");
        QTest::newRow("19") << 19.0 << QStringLiteral("20 m");
    }

    void scaleBarFollowsTheProjection()
    {
        QFETCH(double, zoom);
        QFETCH(QString, label);
        MapView view;
        view.resize(400, 300);
        view.setBaseMap(m_map);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setZoom(zoom);
        view.setCenter(m_at);
        const MapView::ScaleBar bar = view.scaleBar();
        QCOMPARE(bar.label, label);
        // The largest 1-2-5 distance that fits in 120 pixels at the centre's latitude.
        const double mpp = mercator::metresPerPixel(view.center().latitude(), zoom);
        QVERIFY(bar.metres <= 120 * mpp);
        const double mag = std::pow(10.0, std::floor(std::log10(bar.metres)));
        const double step = bar.metres / mag;
        QVERIFY(qFuzzyCompare(step, 1.0) || qFuzzyCompare(step, 2.0) || qFuzzyCompare(step, 5.0));
        const double next = qFuzzyCompare(step, 2.0) ? 2.5 * bar.metres : 2.0 * bar.metres;
        QVERIFY(next > 120 * mpp);
        QVERIFY(std::abs(bar.pixels - bar.metres / mpp) < 1e-6);

        // The painted bar: a line 7 px above the bottom of its box, starting 20 px from the
        // left edge, as long as the distance it stands for.
        const QImage img = view.grab().toImage().convertToFormat(QImage::Format_RGB32);
        const int row = view.height() - 18;
        const QRgb boxColour = img.pixel(15, row);
        QVERIFY(!differs(boxColour, MapPalette::light().panel.rgb()));
        int length = 0;
        while (20 + length < img.width() && differs(img.pixel(20 + length, row), boxColour))
            ++length;
        QVERIFY2(std::abs(length - bar.pixels) <= 2.0,
                 qPrintable(QStringLiteral("painted %1 px, expected %2").arg(length).arg(bar.pixels)));
        // Its label is written above the line.
        int ink = 0;
        for (int y = view.height() - 33; y < view.height() - 21; ++y)
            for (int x = 20; x < 20 + int(bar.pixels); ++x)
                ink += differs(img.pixel(x, y), boxColour);
        QVERIFY(ink > 10);
    }

    // Palette colours against the ground they are painted on (bare, and tinted by a zone):
    // text at WCAG AA (4.5:1); zone outlines, ring roads, arterials and the trail and route
    // overlays at WCAG's 3:1 for graphics. Streets are the quietest layer on purpose (the
    // road hierarchy; docs/map.md gives their ratios): they only have to differ from the
    // ground. Then the rendering: each palette's ground is its own, and a road stands out.
    void palettesKeepRoadsZonesAndTextReadable()
    {
        const MapPalette &light = MapPalette::light(), &dark = MapPalette::dark();
        QVERIFY(contrast(light.background, dark.background) > 10);
        for (const MapPalette *pal : {&light, &dark}) {
            const char *name = pal == &light ? "light" : "dark";
            for (const QColor &ground : {pal->background, over(pal->zoneFill, pal->background)}) {
                const QString where = QStringLiteral("%1 palette on %2").arg(QLatin1String(name), ground.name());
                const auto atLeast = [&](double ratio, double bar, const char *what) {
                    QVERIFY2(ratio >= bar, qPrintable(QStringLiteral("%1: %2 %3:1 < %4:1")
                                                          .arg(where, QLatin1String(what))
                                                          .arg(ratio, 0, 'f', 2)
                                                          .arg(bar)));
                };
                const QColor halo = over(pal->labelHalo, ground);
                atLeast(contrast(pal->roadLabel, halo), 4.5, "road name on its halo");
                atLeast(contrast(pal->roadLabel, ground), 4.5, "road name");
                atLeast(contrast(pal->depotLabel, halo), 4.5, "depot label on its plate");
                atLeast(contrast(pal->panelText, over(pal->panel, ground)), 4.5, "panel text");
                atLeast(contrast(pal->clusterText, over(pal->cluster, ground)), 4.5, "cluster count");
                atLeast(contrast(over(pal->zoneEdge, ground), ground), 3.0, "zone outline");
                // A road reads by whichever of its fill and its casing stands out more.
                atLeast(std::max(contrast(pal->ringRoad, ground), contrast(pal->ringCasing, ground)), 3.0, "ring road");
                const double arterial = std::max(contrast(pal->arterial, ground), contrast(pal->arterialCasing, ground));
                atLeast(arterial, 3.0, "arterial");
                atLeast(contrast(pal->street, ground), 1.1, "street");
                QVERIFY(contrast(pal->street, ground) < arterial); // the hierarchy reads
                atLeast(contrast(over(pal->trail, ground), ground), 3.0, "trail");
                atLeast(contrast(over(pal->route, halo), halo), 3.0, "route on its halo");
            }
        }

        // An arterial crossing the view's centre, at street zoom, both palettes.
        const auto art = std::find_if(m_map->roads().begin(), m_map->roads().end(), [](const auto &r) {
            return r.roadClass == CityBaseMap::RoadClass::Arterial;
        });
        QVERIFY(art != m_map->roads().end());
        int k = 1; // its longest segment: mid-block, away from crossings
        for (int j = 2; j < art->world.size(); ++j)
            if (QLineF(art->world[j - 1], art->world[j]).length() > QLineF(art->world[k - 1], art->world[k]).length())
                k = j;
        const QPointF mid = (art->world[k - 1] + art->world[k]) / 2;
        const QLineF dir(art->world[k - 1], art->world[k]);
        const QPointF normal = QLineF(QPointF(), QPointF(-dir.dy(), dir.dx())).unitVector().p2();
        QImage shots[2];
        for (int d = 0; d < 2; ++d) {
            const MapPalette &pal = d ? dark : light;
            MapView view;
            view.resize(400, 300);
            view.setBaseMap(m_map);
            view.show();
            QVERIFY(QTest::qWaitForWindowExposed(&view));
            view.setDarkPalette(d == 1);
            view.setLayerVisible(MapView::Layer::Zones, false);
            view.setZoom(14.5); // below 15: no road name written across the middle
            view.setCenter(mercator::unproject(mid));
            shots[d] = view.grab().toImage().convertToFormat(QImage::Format_RGB32);
            const QColor ground = mostCommonColour(shots[d]);
            QCOMPARE(ground.rgb(), pal.background.rgb()); // the palette asked for, not the other
            // Across the road: the strongest pixel stands out from the ground. Antialiasing
            // spreads the 0.8 px casing over two pixels, so the picture gets a lower bar
            // than the colours themselves (a road painted in the ground colour gives 1:1).
            const QPointF c = view.viewport().toScreen(mid);
            double strongest = 0;
            for (int t = -8; t <= 8; ++t) {
                const QPointF p = c + normal * t;
                strongest = std::max(strongest, contrast(shots[d].pixelColor(p.toPoint()), ground));
            }
            qInfo("%s palette: strongest road pixel %.2f:1 against the ground", d ? "dark" : "light", strongest);
            QVERIFY2(strongest >= 1.5, qPrintable(QStringLiteral("%1: road at %2:1").arg(d ? "dark" : "light").arg(strongest)));
            // and the road's middle is painted in the palette's arterial colour
            QVERIFY(!differs(shots[d].pixel(c.toPoint()), pal.arterial.rgb()));
        }
        QVERIFY(shots[0] != shots[1]);
    }
};

QTEST_MAIN(TestMapPaint)
#include "tst_map_paint.moc"
