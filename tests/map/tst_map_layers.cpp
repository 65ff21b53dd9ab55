// The map's layers as a dispatcher sees them, read back from the real MapView's pixels
// offscreen: the heatmap lights up where open orders are and nowhere else; the selected
// order's route stays on the road graph beside the rider's trail; trail settings change
// what is kept and drawn; a burst of rows costs one repaint. Each check compares two
// renderings that may differ only by the feature under test.
#include "MapFixtures.h"
#include "widgets/map/MapPalette.h"
#include "widgets/map/MapPanel.h"
#include "widgets/map/MapView.h"
#include "widgets/map/RiderStore.h"

#include <QApplication>
#include <QMouseEvent>
#include <QTest>
#include <QToolButton>

#include <cmath>
#include <limits>

using namespace opsdeck;
using namespace opsdeck::widgets;
using maptest::kNowMs;

namespace {

// The largest difference between two renderings within `r` pixels of p: a 1.5 px line
// drawn at an angle covers a given pixel only partly.
int differenceAround(const QImage &a, const QImage &b, QPoint p, int r = 1)
{
    int best = 0;
    for (int dy = -r; dy <= r; ++dy)
        for (int dx = -r; dx <= r; ++dx)
            if (a.rect().contains(p + QPoint(dx, dy)))
                best = std::max(best, maptest::colourDistance(a.pixel(p + QPoint(dx, dy)), b.pixel(p + QPoint(dx, dy))));
    return best;
}

QImage drawn(QWidget &w)
{
    return w.grab().toImage().convertToFormat(QImage::Format_RGB32);
}

double pointToSegment(QPointF p, QPointF a, QPointF b)
{
    const QPointF d = b - a;
    const double len2 = QPointF::dotProduct(d, d);
    const double t = len2 > 0 ? std::clamp(QPointF::dotProduct(p - a, d) / len2, 0.0, 1.0) : 0.0;
    const QPointF off = p - (a + d * t);
    return std::hypot(off.x(), off.y());
}

double pointToPolyline(QPointF p, const QPolygonF &line)
{
    double best = std::numeric_limits<double>::max();
    for (int k = 1; k < line.size(); ++k)
        best = std::min(best, pointToSegment(p, line[k - 1], line[k]));
    return line.size() == 1 ? QLineF(p, line.first()).length() : best;
}

// The point `fraction` of the way along a polyline, by length.
QPointF along(const QPolygonF &line, double fraction)
{
    double total = 0;
    for (int k = 1; k < line.size(); ++k)
        total += QLineF(line[k - 1], line[k]).length();
    double left = fraction * total;
    for (int k = 1; k < line.size(); ++k) {
        const double len = QLineF(line[k - 1], line[k]).length();
        if (left <= len && len > 0)
            return line[k - 1] + (line[k] - line[k - 1]) * (left / len);
        left -= len;
    }
    return line.last();
}

sdk::RiderRow fixAt(const QString &id, QPointF world, qint64 atMs)
{
    const QGeoCoordinate c = mercator::unproject(world);
    sdk::RiderRow r;
    r.riderId = id;
    r.status = QStringLiteral("delivering");
    r.lat = c.latitude();
    r.lng = c.longitude();
    r.fixAtMs = atMs;
    return r;
}

class PaintCounter final : public QObject
{
public:
    int m_paints = 0;
    bool eventFilter(QObject *, QEvent *e) override
    {
        m_paints += e->type() == QEvent::Paint;
        return false;
    }
};

} // namespace

class TestMapLayers final : public QObject
{
    Q_OBJECT
private:
    std::shared_ptr<const CityBaseMap> m_map;
    QGeoCoordinate m_depot;
    std::vector<std::pair<QPointF, QPointF>> m_edges; // every road segment = graph edge, world units

    void show(MapView &view, QSize size)
    {
        view.resize(size);
        view.setBaseMap(m_map);
        view.setClock([] { return kNowMs; });
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
    }

    double metresPerWorldUnit() const
    {
        return mercator::kEarthCircumferenceM * std::cos(m_depot.latitude() * mercator::kPi / 180.0);
    }

    // Both ends of the leg p-q within a metre of one and the same road segment: the leg
    // runs along a road (between two nodes, it is a road edge).
    bool alongOneRoad(QPointF p, QPointF q) const
    {
        const double tol = 1.0 / metresPerWorldUnit();
        for (const auto &[a, b] : m_edges)
            if (pointToSegment(p, a, b) <= tol && pointToSegment(q, a, b) <= tol)
                return true;
        return false;
    }

    // Away from what the view paints on top of the layers: the status key (top left), the
    // scale bar and status line (along the bottom), the depots' label plates.
    bool clearOfOverlays(QPointF p, const MapView &view) const
    {
        if (p.x() < 2 || p.y() < 2 || p.x() >= view.width() - 2 || p.y() >= view.height() - 40)
            return false;
        if (p.x() < 140 && p.y() < 140)
            return false;
        for (const auto &d : m_map->depots()) {
            const QPointF at = view.viewport().toScreen(d.world);
            if (QRectF(at.x() - 14, at.y() - 16, 240, 32).contains(p))
                return false;
        }
        return true;
    }

    // The point of the road network nearest to `world`.
    QPointF onRoad(QPointF world) const
    {
        QPointF best;
        double bestD = std::numeric_limits<double>::max();
        for (const auto &[a, b] : m_edges) {
            const QPointF d = b - a;
            const double len2 = QPointF::dotProduct(d, d);
            const double t = len2 > 0 ? std::clamp(QPointF::dotProduct(world - a, d) / len2, 0.0, 1.0) : 0.0;
            const QPointF p = a + d * t;
            if (const double dist = QLineF(p, world).length(); dist < bestD) {
                bestD = dist;
                best = p;
            }
        }
        return best;
    }

    QString offRoadLeg(const QPolygonF &route) const
    {
        for (int k = 1; k < route.size(); ++k)
            if (!alongOneRoad(route[k - 1], route[k]))
                return QStringLiteral("leg %1 of %2 (%3 m long) leaves the roads")
                    .arg(k)
                    .arg(route.size() - 1)
                    .arg(QLineF(route[k - 1], route[k]).length() * metresPerWorldUnit(), 0, 'f', 1);
        return {};
    }

private slots:
    void initTestCase()
    {
        m_map = CityBaseMap::builtIn();
        QVERIFY(m_map);
        m_depot = m_map->depots().front().coordinate;
        for (const auto &road : m_map->roads())
            for (int k = 1; k < road.world.size(); ++k)
                m_edges.emplace_back(road.world[k - 1], road.world[k]);
    }

    // Open orders heat the map around themselves only; orders that reach a final state
    // leave the heat; with no open orders the button changes nothing.
    void heatmapShowsOpenOrdersOnly()
    {
        MapPanel panel;
        panel.resize(1000, 700);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        MapView *map = panel.mapView();
        map->setClock([] { return kNowMs; });
        auto *heat = panel.findChild<QToolButton *>(QStringLiteral("heatmapButton"));
        QVERIFY(heat && !heat->isChecked());
        map->setZoom(14);
        map->setCenter(m_depot);
        const auto heatChanges = [&] {
            const QImage off = drawn(*map);
            heat->click();
            const QImage on = drawn(*map);
            heat->click();
            QList<QPoint> changed;
            for (int y = 0; y < on.height(); ++y)
                for (int x = 0; x < on.width(); ++x)
                    if (maptest::colourDistance(on.pixel(x, y), off.pixel(x, y)) > 12)
                        changed.append(QPoint(x, y));
            return changed;
        };
        QVERIFY(heatChanges().isEmpty()); // no orders at all

        const QSize size = map->size();
        const auto ordersAround = [&](QPointF screen, const QString &prefix, const QString &state) {
            QList<sdk::OrderRow> rows;
            for (int i = 0; i < 6; ++i) {
                const QPointF at = screen + QPointF((i % 3 - 1) * 6.0, (i / 3) * 6.0);
                rows.append(maptest::orderFor(prefix + QString::number(i), QString(), map->viewport().coordinateAt(at), state));
            }
            return rows;
        };
        const QPointF a(size.width() * 0.3, size.height() * 0.5), b(size.width() * 0.75, size.height() * 0.4);
        map->enqueueOrders(ordersAround(b, QStringLiteral("B-"), QStringLiteral("PAID")));
        map->flushPending();
        QVERIFY(!heatChanges().isEmpty());
        map->enqueueOrders(ordersAround(b, QStringLiteral("B-"), QStringLiteral("SIGNED")));
        map->flushPending();
        QVERIFY(heatChanges().isEmpty()); // delivered: no longer open, no longer heat

        const QList<sdk::OrderRow> open = ordersAround(a, QStringLiteral("A-"), QStringLiteral("DELIVERING"));
        map->enqueueOrders(open);
        map->flushPending();
        const QList<QPoint> changed = heatChanges();
        QVERIFY2(changed.size() > 400, qPrintable(QString::number(changed.size())));
        QList<QPointF> at;
        for (const sdk::OrderRow &o : open)
            at.append(map->viewport().toScreen(mercator::project(o.lat, o.lng)));
        // The 7x7-cell blur of 8 px cells, drawn scaled: nothing beyond 40 px of an order.
        for (const QPoint &p : changed) {
            double nearest = 1e9;
            for (const QPointF &o : std::as_const(at))
                nearest = std::min(nearest, std::max(std::abs(p.x() - o.x()), std::abs(p.y() - o.y())));
            QVERIFY2(nearest <= 40, qPrintable(QStringLiteral("heat at %1,%2, %3 px from the nearest order")
                                                   .arg(p.x())
                                                   .arg(p.y())
                                                   .arg(nearest)));
        }
        for (const QPointF &o : std::as_const(at)) // and every order is under the heat
            QVERIFY(changed.contains(o.toPoint()));
    }

    // An order just beyond the left edge warms the view's edge as far in as the same order
    // just beyond the right edge (cells are floored: -10 px is the cell left of -8).
    void heatmapIsPlacedAlikeAtBothEdges()
    {
        MapView view;
        show(view, QSize(800, 600)); // a whole number of 8 px heat cells across
        view.setZoom(14);
        view.setCenter(m_depot);
        const auto heatReach = [&](QPointF at) {
            const QGeoCoordinate where = view.viewport().coordinateAt(at);
            view.enqueueOrders({maptest::orderFor(QStringLiteral("E-1"), QString(), where, QStringLiteral("PAID"))});
            view.flushPending();
            view.setLayerVisible(MapView::Layer::Heatmap, false);
            const QImage off = drawn(view);
            view.setLayerVisible(MapView::Layer::Heatmap, true);
            const QImage on = drawn(view);
            int inner = -1, outer = 800; // heated columns of the order's row, from the nearer edge
            const int y = int(at.y());
            for (int x = 0; x < 800; ++x)
                if (maptest::colourDistance(on.pixel(x, y), off.pixel(x, y)) > 12) {
                    const int fromEdge = at.x() < 0 ? x : 799 - x;
                    inner = std::max(inner, fromEdge);
                    outer = std::min(outer, fromEdge);
                }
            view.enqueueOrders({maptest::orderFor(QStringLiteral("E-1"), QString(), m_depot, QStringLiteral("SIGNED"))});
            view.flushPending();
            return std::pair{outer, inner};
        };
        const auto [leftOuter, left] = heatReach(QPointF(-10, 300));
        const auto [rightOuter, right] = heatReach(QPointF(810, 300));
        QCOMPARE(leftOuter, 0);
        QCOMPARE(rightOuter, 0);
        QVERIFY2(left > 4 && std::abs(left - right) <= 3,
                 qPrintable(QStringLiteral("heat reaches %1 px in from the left, %2 px from the right").arg(left).arg(right)));
    }

    // Routes between points on the roads never leave them: from mid-block on every long
    // segment (where a node of a neighbouring street can be nearer than either end).
    void routesStayOnTheRoadGraph()
    {
        int routes = 0;
        for (const auto &road : m_map->roads()) {
            for (int k = 1; k < road.world.size(); ++k) {
                const QPointF a = road.world[k - 1], b = road.world[k];
                if (QLineF(a, b).length() * metresPerWorldUnit() < 150)
                    continue;
                // To the middle of the next segment (or of the first, which may be this one).
                const QPointF to = k + 1 < road.world.size() ? (road.world[k] + road.world[k + 1]) / 2
                                                             : (road.world[0] + road.world[1]) / 2;
                for (double t : {0.3, 0.5, 0.7}) {
                    const QPolygonF route = m_map->route(mercator::unproject(a + (b - a) * t), mercator::unproject(to));
                    QVERIFY(route.size() >= 2);
                    const QString bad = offRoadLeg(route);
                    QVERIFY2(bad.isEmpty(), qPrintable(QStringLiteral("%1, t %2: %3").arg(road.name).arg(t).arg(bad)));
                    ++routes;
                }
            }
        }
        QVERIFY(routes > 1000);
    }

    // A rider on a road with five minutes of trail; clicking its order's pin draws the
    // route along the roads, and the trail stays drawn beside it.
    void selectedRouteFollowsRoadsBesideTheTrail()
    {
        MapView view;
        show(view, QSize(900, 700));
        // The trail: five minutes along the roads to a point on a road; the order's door is
        // on a road too, so every vertex of the route must be.
        const QPointF here = onRoad(mercator::project(m_depot.latitude() + 0.004, m_depot.longitude() - 0.001));
        const QGeoCoordinate dest =
            mercator::unproject(onRoad(mercator::project(m_depot.latitude() - 0.006, m_depot.longitude() + 0.009)));
        const QPolygonF came = m_map->route(QGeoCoordinate(m_depot.latitude() + 0.012, m_depot.longitude() - 0.014),
                                            mercator::unproject(here));
        QVERIFY(came.size() > 3);
        QVERIFY(QLineF(came.last(), here).length() * metresPerWorldUnit() < 0.01);
        for (int s = 0; s <= 30; ++s)
            view.enqueueRiders({fixAt(QStringLiteral("R1"), along(came, s / 30.0), kNowMs - (30 - s) * 10000)});
        view.enqueueOrders({maptest::orderFor(QStringLiteral("O-1"), QStringLiteral("R1"), dest)});
        view.flushPending();
        view.setZoom(15);
        view.setCenter(QGeoCoordinate(m_depot.latitude(), m_depot.longitude() - 0.002));
        const auto click = [&view](QPointF at) {
            QMouseEvent press(QEvent::MouseButtonPress, at, view.mapToGlobal(at), Qt::LeftButton, Qt::LeftButton, Qt::NoModifier);
            QMouseEvent release(QEvent::MouseButtonRelease, at, view.mapToGlobal(at), Qt::LeftButton, Qt::NoButton, Qt::NoModifier);
            QApplication::sendEvent(&view, &press);
            QApplication::sendEvent(&view, &release);
        };
        click(view.screenPositionOf(QStringLiteral("R1")));
        QCOMPARE(view.selectedRider(), QStringLiteral("R1"));
        const QPointF pin = view.viewport().toScreen(mercator::project(dest));
        const QImage noRoute = drawn(view);
        click(pin + QPointF(0, -12)); // the pin's head
        QCOMPARE(view.selectedOrder(), QStringLiteral("O-1"));

        const QPolygonF route = view.selectedRoute();
        QVERIFY(route.size() >= 4);
        QVERIFY(QLineF(route.first(), here).length() * metresPerWorldUnit() < 1.0);
        QVERIFY(QLineF(route.last(), mercator::project(dest)).length() * metresPerWorldUnit() < 1.0);
        const QString bad = offRoadLeg(route);
        QVERIFY2(bad.isEmpty(), qPrintable(bad));

        const QImage both = drawn(view);
        view.setLayerVisible(MapView::Layer::Trails, false);
        const QImage noTrail = drawn(view);
        view.setLayerVisible(MapView::Layer::Trails, true);
        QPolygonF routePx, trailPx;
        for (const QPointF &w : route)
            routePx.append(view.viewport().toScreen(w));
        for (int s = 0; s <= 30; ++s)
            trailPx.append(view.viewport().toScreen(along(came, s / 30.0)));
        const QPointF rider = view.screenPositionOf(QStringLiteral("R1"));
        const auto closerTo = [](QRgb px, const QColor &want, const QColor &other) {
            return maptest::colourDistance(px, want.rgb()) < maptest::colourDistance(px, other.rgb());
        };
        const MapPalette &pal = MapPalette::light();
        int routeSamples = 0, trailSamples = 0;
        for (int k = 1; k < routePx.size(); ++k) {
            const QPointF m = (routePx[k - 1] + routePx[k]) / 2;
            if (!clearOfOverlays(m, view) || pointToPolyline(m, trailPx) < 10 || QLineF(m, rider).length() < 16
                || QLineF(m, pin).length() < 28)
                continue;
            QVERIFY(maptest::colourDistance(both.pixel(m.toPoint()), noRoute.pixel(m.toPoint())) > 40);
            QVERIFY(closerTo(both.pixel(m.toPoint()), pal.route, pal.trail));
            ++routeSamples;
        }
        for (int k = 1; k < trailPx.size(); ++k) {
            const QPointF m = (trailPx[k - 1] + trailPx[k]) / 2;
            if (!clearOfOverlays(m, view) || pointToPolyline(m, routePx) < 10 || QLineF(m, rider).length() < 16)
                continue;
            QVERIFY(maptest::colourDistance(both.pixel(m.toPoint()), noTrail.pixel(m.toPoint())) > 40);
            QVERIFY(closerTo(both.pixel(m.toPoint()), pal.trail, pal.route));
            ++trailSamples;
        }
        QVERIFY2(routeSamples >= 3 && trailSamples >= 3,
                 qPrintable(QStringLiteral("%1 route, %2 trail samples").arg(routeSamples).arg(trailSamples)));
    }

    // The trail keeps the last N minutes before the rider's newest fix; shortening N drops
    // the older points at once, in the store and on screen.
    void shorterTrailMinutesDropTheOlderTrail()
    {
        const QPolygonF road = m_map->route(QGeoCoordinate(m_depot.latitude() + 0.010, m_depot.longitude() - 0.012),
                                            QGeoCoordinate(m_depot.latitude() - 0.004, m_depot.longitude() + 0.010));
        QList<sdk::RiderRow> fixes; // ten minutes, one fix every 10 s
        for (int s = 0; s <= 60; ++s)
            fixes.append(fixAt(QStringLiteral("R1"), along(road, s / 60.0), kNowMs - (60 - s) * 10000));

        RiderStore store;
        store.setTrailWindow(10 * 60000);
        store.enqueue(fixes);
        QCOMPARE(int(store.trail(0).size()), 61);
        store.setTrailWindow(2 * 60000);
        QCOMPARE(int(store.trail(0).size()), 13);
        QCOMPARE(store.trail(0).front().atMs, kNowMs - 120000);
        QCOMPARE(store.trail(0).back().atMs, kNowMs);

        MapView view;
        show(view, QSize(900, 700));
        view.enqueueRiders(fixes);
        view.flushPending();
        view.setZoom(14.2);
        view.setCenter(mercator::unproject(along(road, 0.5)));
        view.selectRider(QStringLiteral("R1"));
        view.setLayerVisible(MapView::Layer::Trails, false);
        const QImage none = drawn(view);
        view.setLayerVisible(MapView::Layer::Trails, true);
        const QImage tenMinutes = drawn(view);
        view.setTrailMinutes(2);
        QCOMPARE(view.trailMinutes(), 2);
        const QImage twoMinutes = drawn(view);
        const QPointF rider = view.screenPositionOf(QStringLiteral("R1"));
        int old = 0, recent = 0;
        for (int s = 1; s <= 60; ++s) { // the middle of the trail's line from fix s-1 to fix s
            const QPoint p = view.viewport().toScreen((along(road, (s - 1) / 60.0) + along(road, s / 60.0)) / 2).toPoint();
            if (!clearOfOverlays(p, view) || QLineF(p, rider).length() < 16)
                continue;
            QVERIFY(maptest::colourDistance(tenMinutes.pixel(p), none.pixel(p)) > 40); // the whole ten minutes drawn
            if (s <= 45) { // older than two and a half minutes: gone
                QVERIFY2(twoMinutes.pixel(p) == none.pixel(p),
                         qPrintable(QStringLiteral("old trail still drawn at %1 s").arg(s * 10)));
                ++old;
            } else if (s > 50) {
                QVERIFY(maptest::colourDistance(twoMinutes.pixel(p), none.pixel(p)) > 40);
                ++recent;
            }
        }
        QVERIFY(old >= 20 && recent >= 3);
    }

    // "All riders" adds the trails of riders nobody selected.
    void allRidersTrailsDrawUnselectedRiders()
    {
        MapView view;
        show(view, QSize(900, 700));
        const QPolygonF r1 = m_map->route(QGeoCoordinate(m_depot.latitude() + 0.008, m_depot.longitude() - 0.010),
                                          QGeoCoordinate(m_depot.latitude() + 0.008, m_depot.longitude() + 0.006));
        const QPolygonF r2 = m_map->route(QGeoCoordinate(m_depot.latitude() - 0.006, m_depot.longitude() - 0.010),
                                          QGeoCoordinate(m_depot.latitude() - 0.006, m_depot.longitude() + 0.006));
        for (int s = 0; s <= 30; ++s) {
            view.enqueueRiders({fixAt(QStringLiteral("R1"), along(r1, s / 30.0), kNowMs - (30 - s) * 10000),
                                fixAt(QStringLiteral("R2"), along(r2, s / 30.0), kNowMs - (30 - s) * 10000)});
        }
        view.flushPending();
        view.setZoom(14.5);
        view.setCenter(QGeoCoordinate(m_depot.latitude() + 0.001, m_depot.longitude() - 0.002));
        view.selectRider(QStringLiteral("R1"));
        QVERIFY(!view.trailsForAllRiders());
        const QImage selectedOnly = drawn(view);
        view.setTrailsForAllRiders(true);
        const QImage all = drawn(view);
        view.setLayerVisible(MapView::Layer::Trails, false);
        const QImage none = drawn(view);
        int r2Samples = 0;
        const auto chord = [&view](const QPolygonF &path, int s) { // middle of the line from fix s to s+1
            return view.viewport().toScreen((along(path, s / 30.0) + along(path, (s + 1) / 30.0)) / 2).toPoint();
        };
        for (int s = 0; s < 28; ++s) {
            const QPoint p2 = chord(r2, s), p1 = chord(r1, s);
            if (clearOfOverlays(p2, view)) {
                QCOMPARE(differenceAround(selectedOnly, none, p2), 0); // off: R2 has no trail
                QVERIFY(differenceAround(all, none, p2) > 40); // on: it has
                ++r2Samples;
            }
            if (clearOfOverlays(p1, view)) // the selected one keeps its own
                QVERIFY(maptest::colourDistance(selectedOnly.pixel(p1), none.pixel(p1)) > 40);
        }
        QVERIFY(r2Samples >= 10);
    }

    // A burst of rows in one event-loop turn is one repaint, showing the newest value.
    void burstOfRowsIsOneRepaint()
    {
        MapView view;
        show(view, QSize(600, 400));
        view.setZoom(15);
        view.setCenter(m_depot);
        // The first show's paints done now: a repaint clears what is dirty, and the update
        // requests still queued then find nothing to paint.
        view.repaint();
        QCoreApplication::sendPostedEvents();
        PaintCounter counter;
        view.installEventFilter(&counter);
        const QPointF c = view.viewport().toWorld(QPointF(300, 200));
        for (int i = 0; i < 500; ++i) {
            const QString id = QStringLiteral("R%1").arg(i % 50);
            view.enqueueRiders({fixAt(id, c + QPointF(i * 1e-7, 0), kNowMs - 500 + i)});
        }
        QCOMPARE(counter.m_paints, 0); // taking rows in never paints
        QTRY_COMPARE(counter.m_paints, 1);
        // Nothing else is pending: no repaint tick to come, and the queued events delivered
        // bring no second paint.
        QVERIFY(!view.repaintScheduled());
        QCoreApplication::sendPostedEvents();
        QCOMPARE(counter.m_paints, 1);
        QCOMPARE(view.riderCount(), 50);
        for (int r = 0; r < 50; ++r) { // each rider at its last row (i = 450 + r)
            const QPointF want = view.viewport().toScreen(c + QPointF((450 + r) * 1e-7, 0));
            QVERIFY(QLineF(view.screenPositionOf(QStringLiteral("R%1").arg(r)), want).length() < 0.01);
        }
        view.removeEventFilter(&counter);
    }
};

QTEST_MAIN(TestMapLayers)
#include "tst_map_layers.moc"
