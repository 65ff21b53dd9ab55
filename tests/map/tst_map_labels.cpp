// What sits on top of what on the map (issue 14), read back from the real view offscreen:
// the selected rider and its ring are drawn over depot plates, cluster bubbles and other
// riders' names at city zoom and at street zoom, and carry their own label; depot and
// rider labels never overlap (priority selected > alerted > depots > others); the hover
// card stays whole inside the view at every edge and corner; following shows a banner.
#include "MapFixtures.h"
#include "widgets/map/MapPalette.h"
#include "widgets/map/MapView.h"

#include <QApplication>
#include <QMouseEvent>
#include <QTest>

#include <cmath>

using namespace opsdeck;
using namespace opsdeck::widgets;
using maptest::kNowMs;

namespace {

bool near(QRgb a, const QColor &b, int tolerance)
{
    return maptest::colourDistance(a, b.rgb()) < tolerance;
}

QImage shot(MapView &view)
{
    return view.grab().toImage().convertToFormat(QImage::Format_RGB32);
}

void hover(QWidget &w, QPointF pos)
{
    QMouseEvent e(QEvent::MouseMove, pos, w.mapToGlobal(pos), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &e);
}

sdk::RiderRow rider(const QString &id, const QGeoCoordinate &at, const char *status = "delivering")
{
    sdk::RiderRow r;
    r.riderId = id;
    r.name = QStringLiteral("Name of ") + id;
    r.status = QString::fromLatin1(status);
    r.lat = at.latitude();
    r.lng = at.longitude();
    r.batteryPct = 64;
    r.fixAtMs = kNowMs - 1000;
    return r;
}

QString str(const QRectF &r)
{
    return QStringLiteral("%1,%2 %3x%4").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
}

// Samples of the selection ring (radius 13) that show the ring's colour, of 16.
int ringSamples(const QImage &img, QPointF c)
{
    int n = 0;
    for (int k = 0; k < 16; ++k) {
        const double a = k * M_PI / 8;
        const QPoint p = (c + QPointF(std::cos(a), std::sin(a)) * 13 - QPointF(0.5, 0.5)).toPoint();
        n += near(img.pixel(p), MapPalette::light().panelText, 60);
    }
    return n;
}

bool centreIs(const QImage &img, QPointF c, const QColor &colour)
{
    for (int dy = -2; dy <= 2; ++dy)
        for (int dx = -2; dx <= 2; ++dx)
            if (!near(img.pixel(int(c.x()) + dx, int(c.y()) + dy), colour, 40))
                return false;
    return true;
}

} // namespace

class TestMapLabels final : public QObject
{
    Q_OBJECT
private:
    std::shared_ptr<const CityBaseMap> m_map;

    void setUp(MapView &view, QSize size = QSize(640, 440))
    {
        view.resize(size);
        view.setBaseMap(m_map);
        view.setClock([] { return kNowMs; });
        view.setLayerVisible(MapView::Layer::Trails, false);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
    }

    // No two labels overlap, each is inside the view.
    static void checkNoOverlap(const MapView &view)
    {
        const auto &labels = view.labels();
        const QRectF inside(0, 0, view.width(), view.height());
        for (std::size_t a = 0; a < labels.size(); ++a) {
            QVERIFY2(inside.contains(labels[a].rect), qPrintable(labels[a].id + QLatin1Char(' ') + str(labels[a].rect)));
            for (std::size_t b = a + 1; b < labels.size(); ++b)
                QVERIFY2(!labels[a].rect.intersects(labels[b].rect),
                         qPrintable(QStringLiteral("%1 %2 overlaps %3 %4")
                                        .arg(labels[a].id, str(labels[a].rect), labels[b].id, str(labels[b].rect))));
        }
    }

    static const MapLabel *labelOf(const MapView &view, const QString &id)
    {
        for (const MapLabel &l : view.labels())
            if (l.id == id)
                return &l;
        return nullptr;
    }

private slots:
    void initTestCase()
    {
        m_map = CityBaseMap::builtIn();
        QVERIFY(m_map && m_map->depots().size() >= 2);
    }

    // City zoom: the selected rider sits under a depot's plate in the middle of a crowd.
    // It is never folded into the crowd's bubble, its marker and whole ring are drawn
    // over the bubble and the plate, and its name is shown (and no other label on it).
    void selectedRiderOnTopAtCityZoom()
    {
        MapView view;
        setUp(view);
        const CityBaseMap::Place &depot = m_map->depots().front();
        view.setZoom(12.5);
        view.setCenter(depot.coordinate);
        const QPointF pin = view.viewport().toScreen(depot.world);
        const QGeoCoordinate under = view.viewport().coordinateAt(pin + QPointF(45, 0)); // the plate's default place
        QList<sdk::RiderRow> rows;
        for (int k = 0; k < 12; ++k)
            rows.append(rider(QStringLiteral("C%1").arg(k), under, "delivering"));
        rows.append(rider(QStringLiteral("S1"), under, "idle"));
        view.enqueueRiders(rows);
        view.flushPending();
        view.selectRider(QStringLiteral("S1"));
        QCOMPARE(view.riderLayout().clusters().size(), std::size_t(1));
        QCOMPARE(view.riderLayout().clusters()[0].count, 12);
        const QImage img = shot(view);
        const QPointF c = view.screenPositionOf(QStringLiteral("S1"));
        QVERIFY2(centreIs(img, c, MapPalette::statusColor(RiderStatus::Idle)),
                 qPrintable(QColor(img.pixel(c.toPoint())).name()));
        QCOMPARE(ringSamples(img, c), 16);
        const MapLabel *own = labelOf(view, QStringLiteral("S1"));
        QVERIFY(own && own->kind == MapLabel::Kind::SelectedRider && own->text == QStringLiteral("Name of S1"));
        QVERIFY(!own->rect.intersects(QRectF(c - QPointF(15, 15), QSizeF(30, 30))));
        int ink = 0; // the name is drawn where its label says
        for (int y = int(own->rect.top()); y < int(own->rect.bottom()); ++y)
            for (int x = int(own->rect.left()); x < int(own->rect.right()); ++x)
                ink += near(img.pixel(x, y), MapPalette::light().panelText, 90);
        QVERIFY2(ink > 20, qPrintable(QString::number(ink)));
        // The depot keeps a plate, beside its pin but off the selected rider.
        const MapLabel *plate = labelOf(view, depot.id);
        QVERIFY(plate && plate->kind == MapLabel::Kind::Depot);
        QVERIFY(!plate->rect.intersects(QRectF(c - QPointF(15, 15), QSizeF(30, 30))));
        checkNoOverlap(view);
    }

    // Street zoom: a neighbour's name that would cover the selected rider goes elsewhere
    // (or is left out); the selected rider is drawn over everything with its ring.
    void selectedRiderOverNeighboursNames()
    {
        MapView view;
        setUp(view);
        const QGeoCoordinate at = m_map->depots().front().coordinate;
        view.setZoom(16.5);
        view.setCenter(QGeoCoordinate(at.latitude() + 0.004, at.longitude()));
        const QPointF mid(view.width() / 2.0, view.height() / 2.0);
        QList<sdk::RiderRow> rows;
        rows.append(rider(QStringLiteral("S1"), view.viewport().coordinateAt(mid), "idle"));
        // Neighbours whose names (right of their markers) run across S1.
        for (int k = 1; k <= 4; ++k)
            rows.append(rider(QStringLiteral("N%1").arg(k), view.viewport().coordinateAt(mid - QPointF(20 * k, 0))));
        view.enqueueRiders(rows);
        view.flushPending();
        view.selectRider(QStringLiteral("S1"));
        const QImage img = shot(view);
        const QPointF c = view.screenPositionOf(QStringLiteral("S1"));
        QVERIFY(centreIs(img, c, MapPalette::statusColor(RiderStatus::Idle)));
        QCOMPARE(ringSamples(img, c), 16);
        const QRectF ring(c - QPointF(15, 15), QSizeF(30, 30));
        for (const MapLabel &l : view.labels())
            QVERIFY2(!l.rect.intersects(ring), qPrintable(l.id + QLatin1Char(' ') + str(l.rect)));
        QVERIFY(labelOf(view, QStringLiteral("S1")));
        checkNoOverlap(view);
    }

    // A crowd at street zoom round a depot, two of them alerted: no two labels overlap;
    // the selected and the alerted riders and the depot all keep theirs, and where
    // labels compete, a lower priority one gives way.
    void labelsNeverOverlap()
    {
        MapView view;
        setUp(view);
        const CityBaseMap::Place &depot = m_map->depots().front();
        view.setZoom(16.5);
        view.setCenter(depot.coordinate);
        const QPointF pin = view.viewport().toScreen(depot.world);
        QList<sdk::RiderRow> rows;
        for (int y = -3; y <= 3; ++y)
            for (int x = -4; x <= 4; ++x)
                rows.append(rider(QStringLiteral("G%1_%2").arg(x + 4).arg(y + 3),
                                  view.viewport().coordinateAt(pin + QPointF(x * 24 + 7, y * 14 + 3))));
        view.enqueueRiders(rows);
        view.flushPending();
        view.setAlertedRiders({QStringLiteral("G5_3"), QStringLiteral("G1_5")});
        view.selectRider(QStringLiteral("G4_4"));
        shot(view);
        checkNoOverlap(view);
        QVERIFY(labelOf(view, QStringLiteral("G4_4")));
        QVERIFY(labelOf(view, QStringLiteral("G5_3")) && labelOf(view, QStringLiteral("G1_5")));
        QCOMPARE(labelOf(view, QStringLiteral("G5_3"))->kind, MapLabel::Kind::AlertedRider);
        QVERIFY(labelOf(view, depot.id));
        int riderLabels = 0;
        for (const MapLabel &l : view.labels())
            riderLabels += l.kind == MapLabel::Kind::Rider;
        // Crowded: some names give way, many are still shown.
        QVERIFY2(riderLabels > 5 && riderLabels < int(rows.size()) - 3, qPrintable(QString::number(riderLabels)));

        // Nothing selected or alerted: the depot has its plate in its usual place, right
        // of the pin, and the riders' names give way to it.
        view.selectRider({});
        view.setAlertedRiders({});
        shot(view);
        checkNoOverlap(view);
        const MapLabel *plate = labelOf(view, depot.id);
        QVERIFY(plate);
        QVERIFY2(std::abs(plate->rect.left() - (pin.x() + 12)) < 0.5, qPrintable(str(plate->rect)));
    }

    // The hover card is whole inside the view next to every edge and corner, on the
    // rider's right and below it by default, flipped left and up where there is no room.
    void hoverCardStaysInside()
    {
        MapView view;
        setUp(view);
        const QGeoCoordinate at = m_map->depots().front().coordinate;
        view.setZoom(15);
        view.setCenter(QGeoCoordinate(at.latitude() + 0.02, at.longitude()));
        const QList<QPointF> spots{{6, 4}, {320, 3}, {634, 4}, {636, 220}, {634, 436}, {320, 437}, {5, 436}, {3, 220}, {320, 220}};
        QList<sdk::RiderRow> rows;
        for (int k = 0; k < spots.size(); ++k)
            rows.append(rider(QStringLiteral("H%1").arg(k), view.viewport().coordinateAt(spots[k])));
        view.enqueueRiders(rows);
        view.flushPending();
        const QRectF inside(0, 0, view.width(), view.height());
        for (int k = 0; k < spots.size(); ++k) {
            const QString id = QStringLiteral("H%1").arg(k);
            const QPointF pos = view.screenPositionOf(id);
            hover(view, pos);
            QCOMPARE(view.hoveredRider(), id);
            const QRectF card = view.hoverCardRect();
            QVERIFY2(inside.contains(card.adjusted(-1, -1, 1, 1)), qPrintable(id + QLatin1Char(' ') + str(card)));
            // What is painted is the card: just inside each of its four corners, its panel.
            const QImage img = shot(view);
            for (const QPointF &corner : {card.topLeft() + QPointF(5, 5), card.topRight() + QPointF(-5, 5),
                                          card.bottomLeft() + QPointF(5, -5), card.bottomRight() + QPointF(-5, -5)})
                QVERIFY2(near(img.pixel(corner.toPoint()), Qt::white, 40),
                         qPrintable(QStringLiteral("%1 card %2: %3 at %4,%5")
                                        .arg(id, str(card), QColor(img.pixel(corner.toPoint())).name())
                                        .arg(corner.x())
                                        .arg(corner.y())));
            if (k == 8) { // open ground: right of and below the rider, as before
                QVERIFY(card.left() > pos.x() && card.top() >= pos.y() - 12);
            }
            if (k == 4) { // bottom right corner: flipped left and up
                QVERIFY2(card.right() < pos.x() && card.bottom() < pos.y() + 12, qPrintable(str(card)));
            }
        }
    }

    // Following the selected rider says so on the map (the view moves by itself); when
    // following ends the banner goes.
    void followingShowsABanner()
    {
        MapView view;
        setUp(view);
        const QGeoCoordinate at = m_map->depots().front().coordinate;
        view.setZoom(15);
        view.setCenter(QGeoCoordinate(at.latitude() + 0.02, at.longitude()));
        view.enqueueRiders({rider(QStringLiteral("F1"), view.center())});
        view.flushPending();
        view.selectRider(QStringLiteral("F1"));
        view.setFollowBanner(true); // as the Live map panel has it (tst_map_panel)
        view.setZoom(15);
        view.setFollowSelected(true); // centred exactly on the rider, as following keeps it
        view.setFollowSelected(false);
        const QImage still = shot(view);
        view.setFollowSelected(true);
        const QImage following = shot(view);
        QRect changed;
        for (int y = 0; y < following.height() - 40; ++y)
            for (int x = 0; x < following.width(); ++x)
                if (maptest::colourDistance(following.pixel(x, y), still.pixel(x, y)) > 24)
                    changed |= QRect(x, y, 1, 1);
        QVERIFY2(changed.top() >= 8 && changed.bottom() <= 37 && changed.width() > 120
                     && std::abs(changed.center().x() - view.width() / 2) <= 2,
                 qPrintable(str(changed)));
        view.fitToDepot(m_map->depots().front().id); // a chosen view ends following
        QVERIFY(!view.followSelected());
        view.setZoom(15);
        view.setFollowSelected(true);
        view.setFollowSelected(false);
        QCOMPARE(shot(view), still);
    }
};

QTEST_MAIN(TestMapLabels)
#include "tst_map_labels.moc"
