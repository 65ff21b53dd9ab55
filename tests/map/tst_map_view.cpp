// MapView driven like a user would, offscreen: pan with keys and drag, zoom with +/- and
// the wheel about the cursor, fit to a depot, hover a rider and read its card, click to
// select, follow, pick an order and get its road route, toggle layers. Also writes the
// screenshots for docs/map.md.
#include "MapFixtures.h"
#include "widgets/map/MapPalette.h"
#include "widgets/map/MapView.h"

#include <QApplication>
#include <QDir>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>

using namespace opsdeck;
using namespace opsdeck::widgets;
using maptest::kNowMs;

namespace {

void mouse(QWidget &w, QEvent::Type type, QPointF pos, Qt::MouseButtons buttons)
{
    const Qt::MouseButton button = type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton;
    QMouseEvent e(type, pos, w.mapToGlobal(pos), button, buttons, Qt::NoModifier);
    QApplication::sendEvent(&w, &e);
}

void wheel(QWidget &w, QPointF pos, int angle)
{
    QWheelEvent e(pos, w.mapToGlobal(pos), QPoint(), QPoint(0, angle), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase,
                  false);
    QApplication::sendEvent(&w, &e);
}

void saveScreenshot(QWidget &widget, const QString &name)
{
    QDir().mkpath(QStringLiteral(OPSDECK_SCREENSHOT_DIR));
    const QString path = QStringLiteral(OPSDECK_SCREENSHOT_DIR "/") + name;
    QVERIFY(widget.grab().save(path));
    qInfo("screenshot: %s", qPrintable(path));
}

} // namespace

class TestMapView final : public QObject
{
    Q_OBJECT
private:
    std::shared_ptr<const CityBaseMap> m_map;
    QList<sdk::RiderRow> m_riders;

    void setUp(MapView &view)
    {
        view.resize(1100, 720);
        view.setBaseMap(m_map);
        view.setClock([] { return kNowMs; });
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.enqueueRiders(m_riders);
        const QGeoCoordinate depot = m_map->depots().front().coordinate;
        view.enqueueOrders({maptest::orderFor(QStringLiteral("O-1"), QStringLiteral("R0001"),
                                              QGeoCoordinate(depot.latitude() + 0.006, depot.longitude() + 0.008)),
                            maptest::orderFor(QStringLiteral("O-2"), QStringLiteral("R0001"),
                                              QGeoCoordinate(depot.latitude() - 0.004, depot.longitude() + 0.011)),
                            maptest::orderFor(QStringLiteral("O-3"), QStringLiteral("R0002"), depot),
                            maptest::orderFor(QStringLiteral("O-4"), QStringLiteral("R0001"), depot,
                                              QStringLiteral("SIGNED"))});
        view.flushPending();
    }

private slots:
    void initTestCase()
    {
        m_map = CityBaseMap::builtIn();
        QVERIFY(m_map);
        QCOMPARE(int(m_map->depots().size()), 5);
        QVERIFY(m_map->roads().size() > 100);
        QVERIFY(m_map->nodeCount() > 1000);
        m_riders = maptest::ridersOnRoads(*m_map, 1200);
    }

    void badGeoJsonIsReportedNotFatal()
    {
        QString error;
        QVERIFY(!CityBaseMap::fromGeoJson("{not json", &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!CityBaseMap::fromGeoJson(R"({"features":[]})", &error));
        // One good road plus garbage: the good part loads, the rest is counted.
        const auto partial = CityBaseMap::fromGeoJson(
            R"({"features":[{"properties":{"kind":"road","class":"street"},"geometry":{"coordinates":[[116.4,39.9],[116.41,39.9]]}},
                            {"properties":{"kind":"road"},"geometry":{"coordinates":[["x",1]]}},
                            {"properties":{"kind":"depot"},"geometry":{"coordinates":"nowhere"}},
                            {"properties":{"kind":"volcano"}}]})");
        QVERIFY(partial);
        QCOMPARE(int(partial->roads().size()), 1);
        QCOMPARE(partial->skippedFeatures(), 3);
    }

    void panAndZoom()
    {
        MapView view;
        setUp(view);
        QCOMPARE(view.riderCount(), 1200);
        // Fit to city puts the whole city on screen.
        const QRectF city = m_map->worldBounds();
        QVERIFY(QRectF(0, 0, view.width(), view.height()).contains(view.viewport().toScreen(city.topLeft())));
        QVERIFY(QRectF(0, 0, view.width(), view.height()).contains(view.viewport().toScreen(city.bottomRight())));

        const QGeoCoordinate c0 = view.center();
        QTest::keyClick(&view, Qt::Key_Left);
        QVERIFY(view.center().longitude() < c0.longitude());
        QTest::keyClick(&view, Qt::Key_Up);
        QVERIFY(view.center().latitude() > c0.latitude());

        // Dragging the map left moves the view east by exactly the dragged distance.
        const QGeoCoordinate c1 = view.center();
        const QPointF start(600, 400), end(450, 400);
        const QGeoCoordinate under = view.viewport().coordinateAt(start);
        mouse(view, QEvent::MouseButtonPress, start, Qt::LeftButton);
        mouse(view, QEvent::MouseMove, QPointF(520, 400), Qt::LeftButton);
        mouse(view, QEvent::MouseMove, end, Qt::LeftButton);
        mouse(view, QEvent::MouseButtonRelease, end, Qt::NoButton);
        QVERIFY(view.center().longitude() > c1.longitude());
        QVERIFY(view.viewport().coordinateAt(end).distanceTo(under) < 1.0);
        QVERIFY(view.selectedRider().isEmpty()); // a drag is not a click

        const double z0 = view.zoom();
        QTest::keyClick(&view, Qt::Key_Plus);
        QCOMPARE(view.zoom(), z0 + 1);
        QTest::keyClick(&view, Qt::Key_Minus);
        QCOMPARE(view.zoom(), z0);

        // The wheel zooms about the cursor: the ground under it stays under it.
        const QPointF cursor(250, 180);
        const QGeoCoordinate ground = view.viewport().coordinateAt(cursor);
        wheel(view, cursor, 240);
        QCOMPARE(view.zoom(), z0 + 1);
        QVERIFY(view.viewport().coordinateAt(cursor).distanceTo(ground) < 0.5);

        // Zoom is bounded to 3..19.
        for (int i = 0; i < 40; ++i)
            QTest::keyClick(&view, Qt::Key_Plus);
        QCOMPARE(view.zoom(), MapView::kMaxZoom);
        for (int i = 0; i < 40; ++i)
            wheel(view, cursor, -120);
        QCOMPARE(view.zoom(), MapView::kMinZoom);

        // Fit to depot frames the depot's zone.
        view.fitToDepot(QStringLiteral("BJ-HD-02"));
        const auto &zone = *std::find_if(m_map->zones().begin(), m_map->zones().end(),
                                         [](const auto &z) { return z.depotId == QLatin1String("BJ-HD-02"); });
        for (const QPointF &w : zone.world)
            QVERIFY(QRectF(0, 0, view.width(), view.height()).contains(view.viewport().toScreen(w)));
        QVERIFY(view.zoom() > 13);

        // The cursor readout shows the coordinate under the mouse.
        mouse(view, QEvent::MouseMove, QPointF(300, 300), Qt::NoButton);
        QVERIFY(view.cursorCoordinate().distanceTo(view.viewport().coordinateAt(QPointF(300, 300))) < 0.01);
        QVERIFY(view.cursorText().contains(QStringLiteral("° N")));
    }

    void hoverSelectFollow()
    {
        MapView view;
        setUp(view);
        QSignalSpy selected(&view, &MapView::riderSelected);
        const sdk::RiderRow &r1 = m_riders[1];
        view.setCenter(QGeoCoordinate(r1.lat, r1.lng));
        view.setZoom(17);
        const QPointF at = view.screenPositionOf(QStringLiteral("R0001"));
        QVERIFY(QRectF(0, 0, view.width(), view.height()).contains(at));
        mouse(view, QEvent::MouseMove, at + QPointF(2, 1), Qt::NoButton);
        QCOMPARE(view.hoveredRider(), QStringLiteral("R0001"));
        const QStringList card = view.hoverCardLines();
        QCOMPARE(card.size(), 6);
        QCOMPARE(card[0], QStringLiteral("Rider 1 (R0001)"));
        QVERIFY(card[1].startsWith(QStringLiteral("Status: ")));
        QCOMPARE(card[2], QStringLiteral("Orders: O-1, O-2")); // O-4 is signed: not current
        QCOMPARE(card[3], QStringLiteral("Speed: %1 km/h").arg(r1.speedMps * 3.6, 0, 'f', 1));
        QCOMPARE(card[4], QStringLiteral("Battery: %1 %").arg(r1.batteryPct, 0, 'f', 0));
        QCOMPARE(card[5], QStringLiteral("Last fix: %1 s ago").arg((kNowMs - r1.fixAtMs) / 1000));
        view.repaint(); // the card is painted without trouble

        // Click selects; clicking empty ground clears the selection.
        mouse(view, QEvent::MouseButtonPress, at, Qt::LeftButton);
        mouse(view, QEvent::MouseButtonRelease, at, Qt::NoButton);
        QCOMPARE(view.selectedRider(), QStringLiteral("R0001"));
        QCOMPARE(selected.count(), 1);
        QCOMPARE(selected.last().at(0).toString(), QStringLiteral("R0001"));

        // Follow: the view re-centres on each new fix; panning by hand ends following.
        view.setFollowSelected(true);
        sdk::RiderRow moved = r1;
        moved.lat += 0.002;
        moved.lng += 0.003;
        moved.fixAtMs = kNowMs;
        view.enqueueRiders({moved});
        view.flushPending();
        QVERIFY(view.center().distanceTo(QGeoCoordinate(moved.lat, moved.lng)) < 0.01);
        QTest::keyClick(&view, Qt::Key_Right);
        QVERIFY(!view.followSelected());

        // The selected order's route runs along the roads to its destination.
        QCOMPARE(view.ordersOfRider(QStringLiteral("R0001")), (QStringList{QStringLiteral("O-1"), QStringLiteral("O-2")}));
        view.selectOrder(QStringLiteral("O-1"));
        const QPolygonF route = view.selectedRoute();
        QVERIFY(route.size() >= 3);
        const QGeoCoordinate depot = m_map->depots().front().coordinate;
        QVERIFY(mercator::unproject(route.last()).distanceTo(QGeoCoordinate(depot.latitude() + 0.006, depot.longitude() + 0.008)) < 0.01);
        QVERIFY(mercator::unproject(route.first()).distanceTo(QGeoCoordinate(moved.lat, moved.lng)) < 0.01);
        // An order that becomes final drops out, and with it the route.
        view.enqueueOrders({maptest::orderFor(QStringLiteral("O-1"), QStringLiteral("R0001"), depot, QStringLiteral("SIGNED"))});
        view.flushPending();
        QVERIFY(view.selectedOrder().isEmpty());
        QVERIFY(view.selectedRoute().isEmpty());

        // With the riders layer off nothing can be hovered or clicked.
        view.setCenter(QGeoCoordinate(moved.lat, moved.lng));
        view.setLayerVisible(MapView::Layer::Riders, false);
        QVERIFY(view.riderAt(view.screenPositionOf(QStringLiteral("R0001"))).isEmpty());
        view.setLayerVisible(MapView::Layer::Riders, true);
        QCOMPARE(view.riderAt(view.screenPositionOf(QStringLiteral("R0001"))), QStringLiteral("R0001"));

        const QPointF empty(5, 5);
        QVERIFY(view.riderAt(empty).isEmpty());
        mouse(view, QEvent::MouseButtonPress, empty, Qt::LeftButton);
        mouse(view, QEvent::MouseButtonRelease, empty, Qt::NoButton);
        QVERIFY(view.selectedRider().isEmpty());
    }

    void staleAndAlertedInTheCard()
    {
        MapView view;
        setUp(view);
        // R0000 has a fix 5 minutes old (i % 23 == 0 in the fixture).
        const sdk::RiderRow &r0 = m_riders[0];
        view.setCenter(QGeoCoordinate(r0.lat, r0.lng));
        view.setZoom(17);
        mouse(view, QEvent::MouseMove, view.screenPositionOf(QStringLiteral("R0000")), Qt::NoButton);
        QCOMPARE(view.hoverCardLines().value(5), QStringLiteral("Last fix: 5 min ago (stale)"));
        view.setAlertedRiders({QStringLiteral("R0000")});
        view.setZoom(10); // everything clusters at this zoom, except the alerted rider
        QCOMPARE(view.riderAt(view.screenPositionOf(QStringLiteral("R0000"))), QStringLiteral("R0000"));
        QVERIFY(!view.riderLayout().clusters().empty());

        // The selected rider stays its own marker when zoomed out, and rejoins its
        // cluster once deselected.
        const QString watched = m_riders[5].riderId;
        QVERIFY(view.riderAt(view.screenPositionOf(watched)) != watched);
        view.selectRider(watched);
        QCOMPARE(view.riderAt(view.screenPositionOf(watched)), watched);
        view.selectRider({});
        QVERIFY(view.riderAt(view.screenPositionOf(watched)) != watched);
    }

    // What a marker looks like: the colour of its status, for each of the five statuses
    // the wire knows, and grey once its fix is stale whatever the status.
    void markersAreColouredByStatusAndGreyWhenStale()
    {
        MapView view;
        view.resize(800, 600);
        view.setBaseMap(m_map);
        view.setClock([] { return kNowMs; });
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QGeoCoordinate depot = m_map->depots().front().coordinate;
        struct Marker {
            const char *id, *status;
            RiderStatus drawnAs;
            qint64 ageMs;
        };
        const Marker markers[] = {{"M-idle", "idle", RiderStatus::Idle, 1000},
                                  {"M-pickup", "to_pickup", RiderStatus::ToPickup, 1000},
                                  {"M-deliver", "delivering", RiderStatus::Delivering, 1000},
                                  {"M-break", "break", RiderStatus::Break, 1000},
                                  {"M-offline", "offline", RiderStatus::Offline, 1000},
                                  {"M-stale", "delivering", RiderStatus::Delivering, 5 * 60000}};
        QList<sdk::RiderRow> rows;
        for (int k = 0; k < 6; ++k) { // 130 m apart in a row: 140 px at zoom 17
            sdk::RiderRow r;
            r.riderId = QString::fromLatin1(markers[k].id);
            r.status = QString::fromLatin1(markers[k].status);
            r.lat = depot.latitude() + 0.01;
            r.lng = depot.longitude() + k * 0.0015;
            r.fixAtMs = kNowMs - markers[k].ageMs;
            rows.append(r);
        }
        view.enqueueRiders(rows);
        view.flushPending();
        view.setZoom(17);
        view.setCenter(QGeoCoordinate(depot.latitude() + 0.01, depot.longitude() + 0.00375));
        const QImage image = view.grab().toImage();
        // Within 3 px of the centre a marker is all fill (the white rim starts at 4.4 px).
        const auto near = [&image](QPointF at, const QColor &want) {
            for (int dy = -3; dy <= 3; ++dy)
                for (int dx = -3; dx <= 3; ++dx) {
                    const QColor c = image.pixelColor(int(at.x()) + dx, int(at.y()) + dy);
                    if (std::abs(c.red() - want.red()) + std::abs(c.green() - want.green()) + std::abs(c.blue() - want.blue()) < 40)
                        return true;
                }
            return false;
        };
        const RiderStatus all[] = {RiderStatus::Idle, RiderStatus::ToPickup, RiderStatus::Delivering, RiderStatus::Break,
                                   RiderStatus::Offline};
        for (const Marker &m : markers) {
            const QPointF at = view.screenPositionOf(QString::fromLatin1(m.id));
            QVERIFY(QRectF(20, 150, 760, 300).contains(at)); // on screen, clear of the status key
            const bool stale = m.ageMs > 60000;
            const QColor want = stale ? widgets::MapPalette::staleColor() : widgets::MapPalette::statusColor(m.drawnAs);
            QVERIFY2(near(at, want), m.id);
            for (RiderStatus other : all) // no other status's colour in the marker
                if (stale || other != m.drawnAs)
                    QVERIFY2(!near(at, widgets::MapPalette::statusColor(other)), m.id);
            if (!stale)
                QVERIFY2(!near(at, widgets::MapPalette::staleColor()), m.id);
        }
    }

    void badRowsAreCountedAndShown()
    {
        MapView view;
        setUp(view);
        sdk::RiderRow noId = m_riders[3];
        noId.riderId.clear();
        sdk::RiderRow nan = m_riders[3];
        nan.lat = std::nan("");
        nan.fixAtMs = kNowMs;
        sdk::OrderRow noOrderId = maptest::orderFor(QString(), QStringLiteral("R0003"), QGeoCoordinate(39.9, 116.4));
        const QPointF before = view.screenPositionOf(QStringLiteral("R0003"));
        view.enqueueRiders({noId, nan});
        view.enqueueOrders({noOrderId});
        view.flushPending();
        QCOMPARE(view.rejectedRows(), 3);
        QCOMPARE(view.riderCount(), 1200);
        QCOMPARE(view.screenPositionOf(QStringLiteral("R0003")), before); // kept at its last good fix
        view.repaint();
    }

    void screenshots()
    {
        MapView view;
        setUp(view);
        // A rider that has been riding for ten minutes: feed its trail fix by fix.
        const CityBaseMap::Place &depot = m_map->depots().front();
        const QGeoCoordinate startAt(depot.coordinate.latitude() + 0.008, depot.coordinate.longitude() - 0.012);
        const QGeoCoordinate here(depot.coordinate.latitude() + 0.0045, depot.coordinate.longitude() + 0.0005);
        const QPolygonF path = m_map->route(startAt, here);
        QVERIFY(path.size() > 2);
        sdk::RiderRow r;
        r.riderId = QStringLiteral("R9001");
        r.name = QStringLiteral("Li Wei");
        r.status = QStringLiteral("delivering");
        r.speedMps = 5.2;
        r.batteryPct = 64;
        for (int k = 0; k < path.size(); ++k) {
            const QGeoCoordinate c = mercator::unproject(path[k]);
            r.lat = c.latitude();
            r.lng = c.longitude();
            r.fixAtMs = kNowMs - 4000 - (path.size() - 1 - k) * 12000;
            if (k + 1 < path.size())
                r.headingDeg = c.azimuthTo(mercator::unproject(path[k + 1]));
            view.enqueueRiders({r});
        }
        view.enqueueOrders({maptest::orderFor(QStringLiteral("O-7"), QStringLiteral("R9001"),
                                              QGeoCoordinate(depot.coordinate.latitude() - 0.0035, depot.coordinate.longitude() + 0.0125)),
                            maptest::orderFor(QStringLiteral("O-8"), QStringLiteral("R9001"),
                                              QGeoCoordinate(depot.coordinate.latitude() + 0.0075, depot.coordinate.longitude() + 0.0105))});
        view.flushPending();
        view.selectRider(QStringLiteral("R9001"));
        view.selectOrder(QStringLiteral("O-7"));
        QVERIFY(view.selectedRoute().size() > 2);
        view.setZoom(14.6);
        view.setCenter(QGeoCoordinate(depot.coordinate.latitude() + 0.0015, depot.coordinate.longitude() + 0.001));
        // Two riders on screen with open alerts (red rings).
        QSet<QString> alerted;
        for (const sdk::RiderRow &x : std::as_const(m_riders)) {
            const QPointF at = view.screenPositionOf(x.riderId);
            if (alerted.size() < 2 && at.x() > 700 && at.y() > 420 && at.x() < 1000 && at.y() < 650)
                alerted.insert(x.riderId);
        }
        view.setAlertedRiders(alerted);
        mouse(view, QEvent::MouseMove, view.screenPositionOf(QStringLiteral("R9001")), Qt::NoButton);
        QCOMPARE(view.hoveredRider(), QStringLiteral("R9001"));
        saveScreenshot(view, QStringLiteral("map.png"));

        view.setDarkPalette(true);
        view.setLayerVisible(MapView::Layer::Heatmap, true);
        QList<sdk::OrderRow> open;
        for (int i = 0; i < 600; ++i) {
            const sdk::RiderRow &x = m_riders[i];
            open.append(maptest::orderFor(QStringLiteral("H-%1").arg(i), QString(),
                                          QGeoCoordinate(x.lat + 0.001, x.lng - 0.001), QStringLiteral("PAID")));
        }
        view.enqueueOrders(open);
        view.flushPending();
        view.fitToCity();
        mouse(view, QEvent::MouseMove, QPointF(-1, -1), Qt::NoButton);
        saveScreenshot(view, QStringLiteral("map-dark.png"));
    }
};

QTEST_MAIN(TestMapView)
#include "tst_map_view.moc"
