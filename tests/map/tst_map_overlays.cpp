// The map's overlays read back from the real view's pixels offscreen, each rendered with
// and without the feature: cluster bubbles (where the layout puts them, showing its
// count), the alert ring and the selection ring (an alerted rider stays visible at a
// clustering zoom), the hover card next to the cursor (six lines of text, gone on leave),
// the replay banner, the depot pins and label plates (on top of the riders) and the
// merchant squares.
#include "MapFixtures.h"
#include "core/geo/CityGeometry.h"
#include "widgets/map/MapPalette.h"
#include "widgets/map/MapView.h"
#include "widgets/map/RiderSprites.h"

#include <QApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMouseEvent>
#include <QPainter>
#include <QTest>

#include <cmath>
#include <functional>

using namespace opsdeck;
using namespace opsdeck::widgets;
using maptest::kNowMs;

namespace {

bool near(QRgb a, const QColor &b, int tolerance = 40)
{
    return maptest::colourDistance(a, b.rgb()) < tolerance;
}

// A translucent colour as it looks once painted over `ground`.
QColor over(const QColor &fg, const QColor &ground)
{
    const double a = fg.alphaF();
    const auto mix = [a](int f, int g) { return int(std::lround(f * a + g * (1.0 - a))); };
    return QColor(mix(fg.red(), ground.red()), mix(fg.green(), ground.green()), mix(fg.blue(), ground.blue()));
}

QImage shot(MapView &view)
{
    return view.grab().toImage().convertToFormat(QImage::Format_RGB32);
}

// Pixels that differ between two renderings, outside `ignore` (the legend and the status
// line, whose counts and cursor readout follow the data).
struct Diff {
    QList<QPoint> points;
    QRect box;
};

Diff diff(const QImage &a, const QImage &b, const QList<QRect> &ignore = {})
{
    Diff d;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x) {
            const QPoint p(x, y);
            if (maptest::colourDistance(a.pixel(p), b.pixel(p)) <= 24)
                continue;
            if (std::any_of(ignore.begin(), ignore.end(), [p](const QRect &r) { return r.contains(p); }))
                continue;
            d.points.append(p);
            d.box |= QRect(p, QSize(1, 1));
        }
    return d;
}

QString str(const QRect &r)
{
    return QStringLiteral("%1,%2 %3x%4").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
}

void hover(QWidget &w, QPointF pos)
{
    QMouseEvent e(QEvent::MouseMove, pos, w.mapToGlobal(pos), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &e);
}

// The built-in city without its features of one kind ("depot", "merchant").
std::shared_ptr<const CityBaseMap> cityWithout(const QString &kind)
{
    QFile f(core::geo::CityGeometry::builtInPath());
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QJsonObject doc = QJsonDocument::fromJson(f.readAll()).object();
    QJsonArray kept;
    for (const QJsonValue &v : doc.value(QLatin1String("features")).toArray())
        if (v.toObject().value(QLatin1String("properties")).toObject().value(QLatin1String("kind")).toString() != kind)
            kept.append(v);
    doc.insert(QStringLiteral("features"), kept);
    return CityBaseMap::fromGeoJson(QJsonDocument(doc).toJson());
}

} // namespace

class TestMapOverlays final : public QObject
{
    Q_OBJECT
private:
    std::shared_ptr<const CityBaseMap> m_map;
    QGeoCoordinate m_at; // open ground 2.2 km north of a depot, away from its pin and plate

    void setUp(MapView &view, std::shared_ptr<const CityBaseMap> map = {})
    {
        view.resize(640, 440);
        view.setBaseMap(map ? std::move(map) : m_map);
        view.setClock([] { return kNowMs; });
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
    }

    static sdk::RiderRow rider(const QString &id, const QGeoCoordinate &at, const char *status = "delivering")
    {
        sdk::RiderRow r;
        r.riderId = id;
        r.name = QStringLiteral("Name of ") + id;
        r.status = QString::fromLatin1(status);
        r.lat = at.latitude();
        r.lng = at.longitude();
        r.speedMps = 0;
        r.batteryPct = 64;
        r.fixAtMs = kNowMs - 1000;
        return r;
    }

    static QList<sdk::RiderRow> crowd(int from, int to, const QGeoCoordinate &at)
    {
        QList<sdk::RiderRow> rows;
        for (int k = from; k < to; ++k)
            rows.append(rider(QStringLiteral("C%1").arg(k, 2, 10, QLatin1Char('0')), at));
        return rows;
    }

    static QList<QRect> chrome(const MapView &view)
    {
        return {QRect(0, 0, 220, 150), QRect(0, view.height() - 40, view.width(), 40)};
    }

private slots:
    void initTestCase()
    {
        m_map = CityBaseMap::builtIn();
        QVERIFY(m_map);
        const QGeoCoordinate depot = m_map->depots().front().coordinate;
        m_at = QGeoCoordinate(depot.latitude() + 0.02, depot.longitude());
    }

    // A bubble is drawn where RiderLayout puts the cluster, as the sprite of the layout's
    // count; adding riders (9 -> 12) changes the bubble and nothing else on the map.
    void clusterBubbleShowsTheLayoutsCount()
    {
        MapView view;
        setUp(view);
        view.setZoom(12);
        view.setCenter(m_at);
        view.enqueueRiders(crowd(0, 9, m_at));
        view.flushPending();
        const auto bubbleFor = [&](int count) {
            const RiderLayout &layout = view.riderLayout();
            [&] {
                QCOMPARE(layout.clusters().size(), std::size_t(1));
                QCOMPARE(layout.clusters()[0].count, count);
                QVERIFY(layout.singles().empty());
            }();
            return layout.clusters().empty() ? QPointF() : layout.clusters()[0].pos;
        };
        const QPointF c = bubbleFor(9);
        QVERIFY(QLineF(c, view.screenPositionOf(QStringLiteral("C00"))).length() < 0.5);
        const QImage nine = shot(view);
        view.setLayerVisible(MapView::Layer::Riders, false);
        const QImage ground = shot(view);
        view.setLayerVisible(MapView::Layer::Riders, true);

        // The ground with a count's sprite pasted where paintRiders puts it, and how far
        // the drawn square is from that.
        RiderSprites sprites;
        const auto mismatch = [&](const QImage &drawn, int count) {
            const QImage &sprite = sprites.cluster(count, MapPalette::light());
            const QSize sz = sprite.size();
            const QPoint tl(int(c.x() - sz.width() / 2.0), int(c.y() - sz.height() / 2.0));
            QImage expected = ground.copy();
            QPainter p(&expected);
            p.drawImage(tl, sprite);
            p.end();
            int worst = 0;
            for (int y = tl.y(); y < tl.y() + sz.height(); ++y)
                for (int x = tl.x(); x < tl.x() + sz.width(); ++x)
                    worst = std::max(worst, maptest::colourDistance(drawn.pixel(x, y), expected.pixel(x, y)));
            return worst;
        };
        QVERIFY2(mismatch(nine, 9) <= 6, qPrintable(QString::number(mismatch(nine, 9))));
        QVERIFY(mismatch(nine, 12) > 100); // the comparison tells counts apart

        view.enqueueRiders(crowd(9, 12, m_at));
        view.flushPending();
        QVERIFY(QLineF(bubbleFor(12), c).length() < 0.5);
        const QImage twelve = shot(view);
        QVERIFY(mismatch(twelve, 12) <= 6);
        QVERIFY(mismatch(twelve, 9) > 100);
        const Diff d = diff(nine, twelve, chrome(view));
        const double r = RiderSprites::clusterDiameter(12) / 2.0;
        QVERIFY2(d.points.size() > 10, qPrintable(QString::number(d.points.size())));
        QVERIFY2(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r).contains(QRectF(d.box)), qPrintable(str(d.box)));
    }

    // The count is written in the bubble: its ink (the cluster text colour inside the
    // disc) widens with each digit, and two counts of the same width differ.
    void bubbleSpritesCarryTheirCount()
    {
        RiderSprites sprites;
        const MapPalette &pal = MapPalette::light();
        const auto ink = [&](int count, QImage *out = nullptr) {
            QImage img = sprites.cluster(count, pal).convertToFormat(QImage::Format_RGB32);
            const double c = img.width() / 2.0, inner = RiderSprites::clusterDiameter(count) / 2.0 - 2.5;
            int left = img.width(), right = -1;
            for (int y = 0; y < img.height(); ++y)
                for (int x = 0; x < img.width(); ++x) {
                    const bool isInk = std::hypot(x + 0.5 - c, y + 0.5 - c) < inner && near(img.pixel(x, y), pal.clusterText, 120);
                    if (isInk) {
                        left = std::min(left, x);
                        right = std::max(right, x);
                    } else {
                        img.setPixel(x, y, 0);
                    }
                }
            if (out)
                *out = img;
            return right - left + 1;
        };
        const int w9 = ink(9), w12 = ink(12), w123 = ink(123), w4321 = ink(4321);
        QVERIFY2(w9 >= 4 && w9 < w12 && w12 < w123 && w123 < w4321,
                 qPrintable(QStringLiteral("ink widths %1 %2 %3 %4").arg(w9).arg(w12).arg(w123).arg(w4321)));
        QImage a, b;
        ink(12, &a);
        ink(47, &b);
        QVERIFY(a != b);
    }

    void alertAndSelectionRings()
    {
        MapView view;
        setUp(view);
        view.setLayerVisible(MapView::Layer::Trails, false);
        view.setZoom(15);
        view.setCenter(m_at);
        view.enqueueRiders({rider(QStringLiteral("R1"), m_at, "idle")});
        view.flushPending();
        const QPointF c = view.screenPositionOf(QStringLiteral("R1"));
        const QImage plain = shot(view);

        // Changes only in a disc around the marker, the marker itself still on top, and
        // a ring of `colour` at `radius` all the way round.
        const auto ringAround = [&](const QImage &img, double radius, const QColor &colour) {
            // The selected rider's name is shown beside its ring (tst_map_labels).
            QList<QRect> name;
            for (const MapLabel &l : view.labels())
                if (l.kind == MapLabel::Kind::SelectedRider)
                    name.append(l.rect.toAlignedRect());
            const Diff d = diff(plain, img, name);
            QVERIFY(d.points.size() > 100);
            for (const QPoint &p : d.points) // the alert halo reaches 14 px, the selection ring 14.25 px
                QVERIFY2(QLineF(c, QPointF(p) + QPointF(0.5, 0.5)).length() <= 15.5,
                         qPrintable(QStringLiteral("changed pixel at %1,%2").arg(p.x()).arg(p.y())));
            for (int dy = -2; dy <= 2; ++dy)
                for (int dx = -2; dx <= 2; ++dx)
                    QCOMPARE(img.pixel(int(c.x()) + dx, int(c.y()) + dy), plain.pixel(int(c.x()) + dx, int(c.y()) + dy));
            for (int k = 0; k < 16; ++k) {
                const double a = k * M_PI / 8;
                const QPoint p = (c + QPointF(std::cos(a), std::sin(a)) * radius - QPointF(0.5, 0.5)).toPoint();
                QVERIFY2(near(img.pixel(p), colour, 60),
                         qPrintable(QStringLiteral("%1 at %2,%3, want %4").arg(QColor(img.pixel(p)).name()).arg(p.x()).arg(p.y()).arg(colour.name())));
            }
        };
        view.setAlertedRiders({QStringLiteral("R1")});
        const QImage alerted = shot(view);
        ringAround(alerted, 10, MapPalette::alertColor());
        view.setAlertedRiders({});
        QCOMPARE(shot(view), plain);

        view.selectRider(QStringLiteral("R1"));
        const QImage selected = shot(view);
        ringAround(selected, 13, MapPalette::light().panelText);
        QVERIFY(!near(selected.pixel((c + QPointF(10, 0)).toPoint()), MapPalette::alertColor(), 120));
        view.setAlertedRiders({QStringLiteral("R1")}); // both rings, the alert one inside
        const QImage both = shot(view);
        ringAround(both, 10, MapPalette::alertColor());
        ringAround(both, 13, MapPalette::light().panelText);
        view.setAlertedRiders({});
        view.selectRider({});
        QCOMPARE(shot(view), plain);
    }

    // At a clustering zoom an alerted rider leaves its crowd's bubble: its own marker
    // (its status colour) with the red ring is drawn over the bubble.
    void alertedRiderStaysVisibleInACluster()
    {
        MapView view;
        setUp(view);
        view.setZoom(12);
        view.setCenter(m_at);
        QList<sdk::RiderRow> rows = crowd(0, 11, m_at);
        rows.append(rider(QStringLiteral("A1"), m_at, "idle"));
        view.enqueueRiders(rows);
        view.flushPending();
        QCOMPARE(view.riderLayout().clusters().size(), std::size_t(1));
        QCOMPARE(view.riderLayout().clusters()[0].count, 12);
        const QPointF c = view.screenPositionOf(QStringLiteral("A1"));
        const QColor idle = MapPalette::statusColor(RiderStatus::Idle);
        const auto countNear = [&](const QImage &img, double radius, const QColor &colour) {
            int n = 0;
            for (int k = 0; k < 16; ++k) {
                const double a = k * M_PI / 8;
                n += near(img.pixel((c + QPointF(std::cos(a), std::sin(a)) * radius - QPointF(0.5, 0.5)).toPoint()), colour, 60);
            }
            return n;
        };
        const auto centreHas = [&](const QImage &img, const QColor &colour) {
            for (int dy = -2; dy <= 2; ++dy)
                for (int dx = -2; dx <= 2; ++dx)
                    if (!near(img.pixel(int(c.x()) + dx, int(c.y()) + dy), colour))
                        return false;
            return true;
        };
        const QImage hidden = shot(view);
        QVERIFY(!centreHas(hidden, idle));
        QCOMPARE(countNear(hidden, 10, MapPalette::alertColor()), 0);

        view.setAlertedRiders({QStringLiteral("A1")});
        QCOMPARE(view.riderLayout().clusters()[0].count, 11);
        const QImage shown = shot(view);
        QVERIFY(centreHas(shown, idle));
        QCOMPARE(countNear(shown, 10, MapPalette::alertColor()), 16);
        int bubble = 0; // the bubble is still there around it
        for (int k = 0; k < 16; ++k) {
            const double a = k * M_PI / 8;
            const QPoint p = (c + QPointF(std::cos(a), std::sin(a)) * 15.5 - QPointF(0.5, 0.5)).toPoint();
            bubble += maptest::colourDistance(shown.pixel(p), hidden.pixel(p)) <= 24 && qGray(shown.pixel(p)) < 110;
        }
        QVERIFY2(bubble >= 12, qPrintable(QString::number(bubble)));
    }

    // Hovering a rider paints a card (panel, status strip, one text line per card line)
    // right of the cursor, or left of it at the right edge; leaving takes it away.
    void hoverCardIsPaintedNextToTheCursor()
    {
        MapView view;
        setUp(view);
        view.setZoom(15);
        view.setCenter(m_at);
        const QGeoCoordinate east = view.viewport().coordinateAt(QPointF(view.width() - 40, view.height() / 2.0 - 60));
        view.enqueueRiders({rider(QStringLiteral("R1"), m_at), rider(QStringLiteral("R2"), east, "idle")});
        view.flushPending();
        const QImage before = shot(view);
        const QList<QRect> statusLine{QRect(0, view.height() - 40, view.width(), 40)};

        const auto cardOf = [&](const QString &id, const QColor &status) {
            const QPointF at = view.screenPositionOf(id);
            hover(view, at);
            [&] { QCOMPARE(view.hoveredRider(), id); }();
            const QImage img = shot(view);
            const QRect box = diff(before, img, statusLine).box;
            // The card's text lines: bands of rows holding dark ink.
            // A gap of up to two rows is inside a line (between a line and its descenders).
            int bands = 0, lastInk = -100;
            for (int y = box.top(); y <= box.bottom(); ++y) {
                int ink = 0;
                for (int x = box.left() + 8; x < box.right() - 2; ++x)
                    ink += near(img.pixel(x, y), MapPalette::light().panelText, 90);
                if (ink == 0)
                    continue;
                if (y - lastInk > 3)
                    ++bands;
                lastInk = y;
            }
            [&] { QCOMPARE(bands, int(view.hoverCardLines().size())); }();
            bool strip = false;
            for (int x = box.left(); x < box.left() + 4; ++x)
                strip = strip || near(img.pixel(x, box.center().y()), status);
            [&] { QVERIFY(strip); }();
            return std::pair{at, box};
        };

        const auto [at, box] = cardOf(QStringLiteral("R1"), MapPalette::statusColor(RiderStatus::Delivering));
        QVERIFY2(box.left() >= at.x() + 14 && box.left() <= at.x() + 18 && box.top() >= at.y() - 12
                     && box.top() <= at.y() - 8 && box.width() >= 100 && box.height() >= 6 * 13,
                 qPrintable(QStringLiteral("card %1, cursor %2,%3").arg(str(box)).arg(at.x()).arg(at.y())));

        const auto [atEdge, flipped] = cardOf(QStringLiteral("R2"), MapPalette::statusColor(RiderStatus::Idle));
        QVERIFY2(flipped.right() <= atEdge.x() - 14 && flipped.right() >= atEdge.x() - 18 && flipped.width() >= 100,
                 qPrintable(QStringLiteral("card %1, cursor %2,%3").arg(str(flipped)).arg(atEdge.x()).arg(atEdge.y())));

        QEvent leave(QEvent::Leave);
        QApplication::sendEvent(&view, &leave);
        QVERIFY(view.hoveredRider().isEmpty());
        QCOMPARE(shot(view), before);
    }

    // The same fleet, live and replayed at the same moment: only the amber banner at the
    // top differs; its text follows the replayed time; back to live it is gone.
    void replayBannerWhileReplaying()
    {
        MapView view;
        setUp(view);
        view.setZoom(15);
        view.setCenter(m_at);
        QList<sdk::RiderRow> rows;
        for (int k = 0; k < 5; ++k)
            rows.append(rider(QStringLiteral("R%1").arg(k), QGeoCoordinate(m_at.latitude() + 0.001 * k, m_at.longitude())));
        view.enqueueRiders(rows);
        view.flushPending();
        const QImage live = shot(view);

        view.showFleetAt(rows, kNowMs);
        const QImage replay = shot(view);
        const Diff banner = diff(live, replay);
        QVERIFY2(banner.box.top() >= 8 && banner.box.bottom() <= 37 && banner.box.width() >= 150
                     && std::abs(banner.box.center().x() - view.width() / 2) <= 2,
                 qPrintable(str(banner.box)));
        int amber = 0, white = 0;
        const QColor banner0 = QColor(0xb4, 0x53, 0x09, 235);
        for (const QPoint &p : banner.points) {
            amber += near(replay.pixel(p), over(banner0, QColor(live.pixel(p))), 30);
            white += near(replay.pixel(p), Qt::white, 60);
        }
        QVERIFY2(amber > banner.points.size() / 2 && white > 40,
                 qPrintable(QStringLiteral("%1 amber, %2 white of %3").arg(amber).arg(white).arg(banner.points.size())));

        view.showFleetAt(rows, kNowMs + 2000); // another moment: another text, same place
        const Diff text = diff(replay, shot(view));
        QVERIFY(!text.points.isEmpty());
        QVERIFY2(text.box.top() >= 8 && text.box.bottom() <= 37, qPrintable(str(text.box)));

        view.leaveReplay();
        QCOMPARE(shot(view), live);
    }

    // Depot pins and their label plates, from the city with and without its depots; the
    // plate stays readable over a cluster of riders under it.
    void depotPinsAndPlates()
    {
        const auto noDepots = cityWithout(QStringLiteral("depot"));
        QVERIFY(noDepots && noDepots->depots().empty() && !noDepots->roads().empty());
        const CityBaseMap::Place &depot = m_map->depots().front();
        MapView with, without;
        setUp(with);
        setUp(without, noDepots);
        for (MapView *v : {&with, &without}) {
            v->setZoom(13);
            v->setCenter(depot.coordinate);
        }
        const QPointF s = with.viewport().toScreen(depot.world);
        const MapPalette &pal = MapPalette::light();
        const QImage a = shot(with), b = shot(without);
        const Diff d = diff(a, b);
        // The pin: a depot-coloured rounded square round a white house.
        QVERIFY(near(a.pixel((s + QPointF(-6, -6)).toPoint()), pal.depot, 60));
        QVERIFY(near(a.pixel((s + QPointF(6, 6)).toPoint()), pal.depot, 60));
        QVERIFY(near(a.pixel((s + QPointF(0, 3)).toPoint()), Qt::white, 30));
        // The plate to its right, holding the name in the depot label colour.
        QFont f = with.font();
        f.setPixelSize(12);
        f.setBold(true);
        const QFontMetricsF fm(f);
        const auto plateOf = [&](const CityBaseMap::Place &d) {
            const QPointF at = with.viewport().toScreen(d.world);
            return QRectF(at.x() + 12, at.y() - fm.height() / 2 - 2,
                          fm.horizontalAdvance(QStringLiteral("%1 · %2").arg(d.name, d.id)) + 10, fm.height() + 4);
        };
        const QRectF plate = plateOf(depot);
        int ink = 0, changedInPlate = 0;
        for (const QPoint &p : d.points) {
            changedInPlate += plate.contains(p);
            ink += plate.adjusted(2, 2, -2, -2).contains(p) && near(a.pixel(p), pal.depotLabel, 90);
        }
        QVERIFY2(ink > 30, qPrintable(QString::number(ink)));
        QVERIFY(changedInPlate > plate.width() * plate.height() / 4);
        // Nothing changed but the depots' pins and plates (another depot is on screen).
        QList<QRectF> footprints;
        for (const auto &dp : m_map->depots()) {
            const QPointF at = with.viewport().toScreen(dp.world);
            footprints.append(QRectF(at - QPointF(11, 11), at + QPointF(11, 11)).united(plateOf(dp)).adjusted(-2, -2, 2, 2));
        }
        for (const QPoint &p : d.points)
            QVERIFY2(std::any_of(footprints.begin(), footprints.end(), [p](const QRectF &r) { return r.contains(p); }),
                     qPrintable(QStringLiteral("changed pixel at %1,%2").arg(p.x()).arg(p.y())));

        // A crowd of riders under the plate: the plate is drawn over their bubble.
        const QGeoCoordinate under = with.viewport().coordinateAt(plate.center());
        for (MapView *v : {&with, &without}) {
            v->enqueueRiders(crowd(0, 30, under));
            v->flushPending();
            QVERIFY(!v->riderLayout().clusters().empty());
        }
        const QImage a2 = shot(with), b2 = shot(without);
        int throughPlate = 0, throughGround = 0;
        const QRect inner = plate.adjusted(3, 3, -3, -3).toRect();
        for (int y = inner.top(); y <= inner.bottom(); ++y)
            for (int x = inner.left(); x <= inner.right(); ++x) {
                throughPlate = std::max(throughPlate, maptest::colourDistance(a.pixel(x, y), a2.pixel(x, y)));
                throughGround = std::max(throughGround, maptest::colourDistance(b.pixel(x, y), b2.pixel(x, y)));
            }
        QVERIFY2(throughGround > 300 && throughPlate < 100,
                 qPrintable(QStringLiteral("bubble under the plate changes it by %1, the bare ground by %2").arg(throughPlate).arg(throughGround)));
    }

    // Merchants: small squares from zoom 14, at their places, nowhere else.
    void merchantSquaresFromZoom14()
    {
        const auto noMerchants = cityWithout(QStringLiteral("merchant"));
        QVERIFY(noMerchants && noMerchants->merchants().empty() && !m_map->merchants().empty());
        const CityBaseMap::Place &merchant = m_map->merchants().front();
        MapView with, without;
        setUp(with);
        setUp(without, noMerchants);
        const auto both = [&](double zoom) {
            for (MapView *v : {&with, &without}) {
                v->setZoom(zoom);
                v->setCenter(merchant.coordinate);
            }
        };
        both(13.9);
        QCOMPARE(shot(with), shot(without));
        both(15);
        const QImage a = shot(with), b = shot(without);
        const Diff d = diff(a, b);
        std::vector<QPointF> onScreen;
        for (const auto &m : m_map->merchants()) {
            const QPointF s = with.viewport().toScreen(m.world);
            if (QRectF(0, 0, with.width(), with.height()).adjusted(-6, -6, 6, 6).contains(s))
                onScreen.push_back(s);
        }
        QVERIFY(!onScreen.empty());
        for (const QPoint &p : d.points) {
            const bool nearOne = std::any_of(onScreen.begin(), onScreen.end(), [p](QPointF s) {
                return std::abs(p.x() + 0.5 - s.x()) <= 5 && std::abs(p.y() + 0.5 - s.y()) <= 5;
            });
            QVERIFY2(nearOne, qPrintable(QStringLiteral("changed pixel at %1,%2").arg(p.x()).arg(p.y())));
        }
        // Each merchant clear of the depots' pins and plates, the legend and the bottom
        // bars is drawn: a square of the merchant colour.
        int drawn = 0;
        for (const QPointF &s : onScreen) {
            const QRectF sq(s.x() - 4, s.y() - 4, 8, 8);
            if (!QRectF(14, 160, with.width() - 28, with.height() - 214).contains(sq))
                continue;
            if (std::any_of(m_map->depots().begin(), m_map->depots().end(), [&](const auto &dp) {
                    const QPointF ds = with.viewport().toScreen(dp.world);
                    return QRectF(ds.x() - 14, ds.y() - 16, 340, 32).intersects(sq);
                }))
                continue;
            int changed = 0;
            for (const QPoint &p : d.points)
                changed += sq.contains(QPointF(p) + QPointF(0.5, 0.5));
            QVERIFY2(changed >= 20, qPrintable(QStringLiteral("%1 pixels at %2,%3").arg(changed).arg(s.x()).arg(s.y())));
            QVERIFY(near(a.pixel(s.toPoint()), MapPalette::light().merchant, 60));
            ++drawn;
        }
        QVERIFY(drawn >= 1);
    }
};

QTEST_MAIN(TestMapOverlays)
#include "tst_map_overlays.moc"
