// The one city geometry (src/core/geo): the shipped city loads with everything the
// simulator, the map, geofences and alert zones rely on; point in polygon on edges, in
// holes and outside; routes run along road edges; bad GeoJSON is reported, never fatal.
#include "core/alerts/AlertZones.h"
#include "core/geo/CityGeometry.h"

#include <QTemporaryDir>
#include <QTest>

#include <limits>
#include <random>

using namespace opsdeck::core;
using namespace opsdeck::core::geo;

namespace {

// A point `north` and `east` metres from p.
LatLng offset(LatLng p, double north, double east)
{
    return {p.lat + north / kMetresPerDegLat, p.lng + east / kMetresPerDegLng};
}

// Both ends of the leg p-q within 5 cm of one and the same road edge: the leg runs along it.
bool alongOneEdge(const RoadGraph &g, LatLng p, LatLng q)
{
    for (int a = 0; a < g.nodeCount(); ++a)
        for (const RoadEdge &e : g.edges(a))
            if (e.to > a && distanceToSegmentMetres(p, g.node(a), g.node(e.to)) < 0.05
                && distanceToSegmentMetres(q, g.node(a), g.node(e.to)) < 0.05)
                return true;
    return false;
}

// One road feature as gen_city.py writes it.
QByteArray road(const char *coords, const char *cls = "street")
{
    return QByteArray(R"({"type":"Feature","geometry":{"type":"LineString","coordinates":)") + coords
        + R"(},"properties":{"kind":"road","class":")" + cls + R"(","name":"测试路"}})";
}

} // namespace

class TestCityGeometry final : public QObject
{
    Q_OBJECT
private slots:
    void shippedCityLoadsOnce()
    {
        const auto city = CityGeometry::builtIn();
        QVERIFY(city);
        QCOMPARE(CityGeometry::builtIn().get(), city.get()); // parsed once, shared
        QCOMPARE(city->skippedFeatures(), 0);
        QCOMPARE(city->roads().size(), std::size_t{149});
        QCOMPARE(city->zones().size(), std::size_t{5});
        QCOMPARE(city->depots().size(), std::size_t{5});
        QCOMPARE(city->merchants().size(), std::size_t{45});
        const RoadGraph &g = city->graph();
        QCOMPARE(g.nodeCount(), 4682); // the simulator's node numbering depends on it
        QVERIFY(g.axisAligned());
        QCOMPARE(g.reachableCount(0), g.nodeCount());
        for (const Depot &d : city->depots()) {
            QVERIFY2(d.zoneDrawn && !d.zoneName.empty(), d.id.c_str());
            QVERIFY2(pointInPolygon(d.position, d.zone), d.id.c_str());
            QCOMPARE(city->depotWhoseZoneContains(d.position), &d);
            QCOMPARE(city->findDepot(d.id), &d);
            QVERIFY(distanceMetres(d.position, g.node(d.node)) < 150);
            double metres = -1;
            QCOMPARE(city->nearestDepot(offset(d.position, 30, 0), &metres), &d);
            QVERIFY(std::abs(metres - 30) < 0.01);
        }
        QCOMPARE(city->depots().front().id, std::string("BJ-CY-01"));
        for (const Merchant &m : city->merchants()) {
            const Depot *d = city->findDepot(m.depot);
            QVERIFY2(d && pointInPolygon(m.position, d->zone), m.id.c_str());
            QVERIFY(m.node >= 0);
        }
        for (const Road &r : city->roads())
            QVERIFY(r.points.size() >= 2);
        QVERIFY(!city->findDepot("BJ-XX-99"));
    }

    // The half-open rule: west and south edges in, east and north edges out, so two zones
    // sharing an edge never both claim a point on it; holes are outside.
    void pointInPolygonAtEdgesHolesAndOutside()
    {
        const LatLng o{39.9, 116.4};
        const auto at = [o](double north, double east) { return LatLng{o.lat + north, o.lng + east}; };
        const Polygon square{{at(0, 0), at(0, 1), at(1, 1), at(1, 0)}, {{at(0.4, 0.4), at(0.4, 0.6), at(0.6, 0.6), at(0.6, 0.4)}}};
        QVERIFY(pointInPolygon(at(0.2, 0.2), square));
        QVERIFY(!pointInPolygon(at(0.5, 0.5), square)); // in the hole
        QVERIFY(pointInPolygon(at(0.5, 0.3), square));  // beside the hole
        QVERIFY(!pointInPolygon(at(1.5, 0.5), square));
        QVERIFY(!pointInPolygon(at(0.5, -0.1), square));
        QVERIFY(!pointInPolygon(at(-1e-9, 0.5), square));
        QVERIFY(pointInPolygon(at(0.5, 0.0), square));  // west edge
        QVERIFY(pointInPolygon(at(0.0, 0.5), square));  // south edge
        QVERIFY(!pointInPolygon(at(0.5, 1.0), square)); // east edge
        QVERIFY(!pointInPolygon(at(1.0, 0.5), square)); // north edge
        QVERIFY(pointInPolygon(at(0.0, 0.0), square));  // south-west corner
        QVERIFY(!pointInPolygon(at(1.0, 1.0), square)); // north-east corner
        // The hole's edges follow the same rule from the other side.
        QVERIFY(!pointInPolygon(at(0.5, 0.4), square));
        QVERIFY(pointInPolygon(at(0.5, 0.6), square));

        // Neighbours sharing an edge (and a slanted one): a point on it is in exactly one.
        const Polygon west{{at(0, 0), at(0, 1), at(1, 1.2), at(1, 0)}, {}};
        const Polygon east{{at(0, 1), at(0, 2), at(1, 2), at(1, 1.2)}, {}};
        for (double t : {0.0, 0.25, 0.5, 0.75}) {
            const LatLng p = at(t, 1 + 0.2 * t);
            QVERIFY2(pointInPolygon(p, west) != pointInPolygon(p, east), qPrintable(QString::number(t)));
        }
        // Closed rings (first vertex repeated) answer the same; fewer than three vertices contain nothing.
        const std::vector<LatLng> closed{at(0, 0), at(0, 1), at(1, 1), at(1, 0), at(0, 0)};
        QVERIFY(pointInPolygon(at(0.5, 0.5), closed));
        QVERIFY(!pointInPolygon(at(0.5, 1.5), closed));
        QVERIFY(!pointInPolygon(at(0, 0), std::vector<LatLng>{at(0, 0), at(1, 1)}));
        QVERIFY(!pointInPolygon(at(0, 0), Polygon{}));
        // A concave ring (an L): the notch is outside.
        const std::vector<LatLng> ell{at(0, 0), at(0, 2), at(1, 2), at(1, 1), at(2, 1), at(2, 0)};
        QVERIFY(pointInPolygon(at(1.5, 0.5), ell));
        QVERIFY(!pointInPolygon(at(1.5, 1.5), ell));
    }

    // A zone with a hole read from GeoJSON: geofences and alert zones both leave the hole out.
    void holesFromGeoJsonReachGeofencesAndAlertZones()
    {
        const QByteArray json = R"({"type":"FeatureCollection","features":[)" + road("[[116.40,39.90],[116.42,39.90]]") + R"(,
 {"type":"Feature","geometry":{"type":"Polygon","coordinates":[
   [[116.39,39.89],[116.43,39.89],[116.43,39.93],[116.39,39.93],[116.39,39.89]],
   [[116.40,39.905],[116.41,39.905],[116.41,39.915],[116.40,39.915],[116.40,39.905]]]},
  "properties":{"kind":"zone","depot":"T-1","name":"测试区"}},
 {"type":"Feature","geometry":{"type":"Point","coordinates":[116.40,39.90]},"properties":{"kind":"depot","id":"T-1","name":"测试站"}}
]})";
        const auto city = CityGeometry::fromGeoJson(json);
        QVERIFY(city);
        QCOMPARE(city->zones().front().area.holes.size(), std::size_t{1});
        const LatLng inHole{39.91, 116.405}, inZone{39.92, 116.42};
        QVERIFY(!city->depotWhoseZoneContains(inHole));
        QCOMPARE(city->depotWhoseZoneContains(inZone), &city->depots().front());
        AlertZones zones;
        QCOMPARE(zones.load(*city), 1);
        QVERIFY(!zones.inside("T-1", inHole.lat, inHole.lng));
        QVERIFY(zones.inside("T-1", inZone.lat, inZone.lng));
        QVERIFY(zones.inside("T-9", inHole.lat, inHole.lng)); // no zone: nothing to leave
    }

    // Alert zones and geofences read the same zones of the shipped city and agree everywhere.
    void alertZonesAgreeWithTheCity()
    {
        const auto city = CityGeometry::builtIn();
        AlertZones zones;
        QCOMPARE(zones.load(*city), 5);
        std::mt19937_64 rng(5);
        std::uniform_real_distribution<double> lat(39.80, 40.02), lng(116.25, 116.55);
        int inside = 0;
        for (int i = 0; i < 4000; ++i) {
            const LatLng p{lat(rng), lng(rng)};
            for (const Depot &d : city->depots()) {
                QCOMPARE(zones.inside(d.id, p.lat, p.lng), pointInPolygon(p, d.zone));
                inside += pointInPolygon(p, d.zone);
            }
        }
        QVERIFY(inside > 50);
    }

    void nearestNodeIsTheNearest()
    {
        const auto city = CityGeometry::builtIn();
        const RoadGraph &g = city->graph();
        std::mt19937_64 rng(9);
        std::uniform_real_distribution<double> lat(39.78, 40.05), lng(116.2, 116.6);
        for (int i = 0; i < 300; ++i) {
            const LatLng p{lat(rng), lng(rng)};
            double best = std::numeric_limits<double>::max();
            for (int n = 0; n < g.nodeCount(); ++n)
                best = std::min(best, distanceMetres(p, g.node(n)));
            QCOMPARE(distanceMetres(p, g.node(city->nearestNode(p))), best);
        }
    }

    // Found by fuzz_city_geojson: one road far from the others (a typo in a city file) sized
    // the node index by the whole bounding box, past int (billions of cells).
    void farOffRoadKeepsTheIndexBounded()
    {
        const QByteArray json = R"({"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"kind":"road","class":"street","name":"a"},
             "geometry":{"type":"LineString","coordinates":[[116.40,39.92],[116.41,39.92]]}},
            {"type":"Feature","properties":{"kind":"road","class":"street","name":"b"},
             "geometry":{"type":"LineString","coordinates":[[-170.0,-60.0],[-169.99,-60.0]]}}]})";
        QString error;
        const auto city = CityGeometry::fromGeoJson(json, &error);
        QVERIFY2(city, qPrintable(error));
        const RoadGraph &g = city->graph();
        QCOMPARE(g.nodeCount(), 4);
        for (const LatLng p : {LatLng{39.921, 116.401}, LatLng{-60.001, -169.991}, LatLng{0.0, 0.0}}) {
            double best = std::numeric_limits<double>::max();
            for (int n = 0; n < g.nodeCount(); ++n)
                best = std::min(best, distanceMetres(p, g.node(n)));
            QCOMPARE(distanceMetres(p, g.node(city->nearestNode(p))), best);
        }
    }

    // Found by fuzz_city_geojson (a hang): a depot beside a long, thin road grid (one road
    // across 32 degrees) walked every cell of ever larger squares, cols^3 steps.
    void depotBesideALongRoadFindsItsNode()
    {
        const QByteArray json = R"({"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"kind":"road","class":"street","name":"a"},
             "geometry":{"type":"LineString","coordinates":[[148.40,39.92],[116.41,39.92]]}},
            {"type":"Feature","properties":{"kind":"depot","id":"BJ-CY-01","name":"d"},
             "geometry":{"type":"Point","coordinates":[115.40,39.92]}}]})";
        const auto city = CityGeometry::fromGeoJson(json);
        QVERIFY(city);
        QCOMPARE(city->depots().size(), std::size_t(1));
        const LatLng west = city->graph().node(city->depots().front().node);
        QCOMPARE(west.lng, 116.41);
        QCOMPARE(city->graph().node(city->nearestNode({39.0, 150.0})).lng, 148.40);
    }

    // Routes between points anywhere: they start and end at the points asked for, meet the
    // road at its nearest point, and every leg in between runs along one road edge.
    void routesRunAlongRoadEdges()
    {
        const auto city = CityGeometry::builtIn();
        const RoadGraph &g = city->graph();
        PathFinder finder(g);
        std::vector<int> path;
        std::mt19937_64 rng(3);
        for (int i = 0; i < 60; ++i) {
            const int a = static_cast<int>(rng() % static_cast<std::uint64_t>(g.nodeCount()));
            const int b = static_cast<int>(rng() % static_cast<std::uint64_t>(g.nodeCount()));
            const LatLng from = offset(g.node(a), 37, -12), to = offset(g.node(b), -8, 21);
            const Route r = city->route(from, to);
            QVERIFY(r.found());
            QCOMPARE(r.points.front(), from);
            QCOMPARE(r.points.back(), to);
            QVERIFY(std::abs(distanceMetres(r.points[1], from) - g.snapToRoad(from).offsetM) < 0.05);
            double along = 0;
            for (std::size_t k = 2; k + 1 < r.points.size(); ++k) {
                QVERIFY2(alongOneEdge(g, r.points[k - 1], r.points[k]), qPrintable(QStringLiteral("route %1 leg %2").arg(i).arg(k)));
                along += distanceMetres(r.points[k - 1], r.points[k]);
            }
            QVERIFY(std::abs(along - r.metres) < 0.5);
            // Never longer than going via the nearest nodes with the node-to-node search.
            const RoadPoint s = g.snapToRoad(from), t = g.snapToRoad(to);
            const double viaNodes = finder.shortestPath(s.a, t.a, path);
            QVERIFY(r.metres <= viaNodes + distanceMetres(s.position, g.node(s.a)) + distanceMetres(t.position, g.node(t.a)) + 0.5);
        }
    }

    // From mid-block the route follows the block to one of its ends, not to the nearest node
    // (which can belong to a parallel street); along one edge it goes straight.
    void routeFromMidBlockStaysOnItsBlock()
    {
        const auto city = CityGeometry::builtIn();
        const RoadGraph &g = city->graph();
        int checked = 0;
        for (int a = 0; a < g.nodeCount() && checked < 200; ++a) {
            for (const RoadEdge &e : g.edges(a)) {
                if (e.to < a || e.lengthM < 150)
                    continue;
                const LatLng mid = interpolate(g.node(a), g.node(e.to), 0.5);
                const Route r = city->route(mid, g.node(0));
                QVERIFY(r.points.size() >= 2);
                QVERIFY(distanceMetres(r.points.front(), mid) < 1e-6);
                const LatLng first = r.points[1];
                QVERIFY(first == g.node(a) || first == g.node(e.to) || r.points.size() == 2);
                const Route along = city->route(mid, interpolate(g.node(a), g.node(e.to), 0.9));
                QCOMPARE(along.points.size(), std::size_t{2});
                QVERIFY(std::abs(along.metres - 0.4 * e.lengthM) < 0.05);
                ++checked;
            }
        }
        QVERIFY(checked > 100);
    }

    void unreachableRoadsGiveNoRoute()
    {
        const QByteArray json = R"({"features":[)" + road("[[116.40,39.90],[116.41,39.90]]") + ","
            + road("[[116.50,39.95],[116.51,39.95]]") + "]}";
        const auto city = CityGeometry::fromGeoJson(json);
        QVERIFY(city);
        const Route r = city->route({39.9, 116.401}, {39.95, 116.505});
        QVERIFY(!r.found());
        QVERIFY(r.metres < 0);
        QVERIFY(city->route({39.9, 116.401}, {39.9, 116.409}).found());
    }

    void badGeoJsonIsReportedNotFatal()
    {
        QString error;
        QVERIFY(!CityGeometry::fromGeoJson("{not json", &error));
        QVERIFY(error.contains(QLatin1String("not JSON")));
        QVERIFY(!CityGeometry::fromGeoJson("[1,2]", &error));
        QVERIFY(!error.isEmpty());
        error.clear();
        QVERIFY(!CityGeometry::fromGeoJson(R"({"features":[]})", &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!CityGeometry::fromGeoJson(""));

        // One good road, a depot and a merchant among garbage: the good part loads, the rest is counted.
        const QByteArray partial = R"({"features":[)" + road("[[116.40,39.90],[116.41,39.90],[116.41,39.91]]") + R"(,
            {"properties":{"kind":"road"},"geometry":{"coordinates":[["x",1],[116.4,95.0]]}},
            {"properties":{"kind":"depot"},"geometry":{"coordinates":"nowhere"}},
            {"properties":{"kind":"zone","depot":"T-1"},"geometry":{"coordinates":[[[116.4,39.9],[116.5,39.9]]]}},
            {"properties":{"kind":"volcano"}},
            "not a feature",
            {"properties":{"kind":"depot","id":"T-1"},"geometry":{"coordinates":[116.40,39.90]}},
            {"properties":{"kind":"merchant","id":"M-1"},"geometry":{"coordinates":[116.405,39.905]}}]})";
        const auto city = CityGeometry::fromGeoJson(partial, &error);
        QVERIFY(city);
        QCOMPARE(city->skippedFeatures(), 5);
        QCOMPARE(city->roads().size(), std::size_t{1});
        QCOMPARE(city->graph().nodeCount(), 3);
        QVERIFY(city->zones().empty());
        // No zone drawn for the depot: a stand-in square around it, which places the merchant.
        const Depot &depot = city->depots().front();
        QVERIFY(!depot.zoneDrawn);
        QVERIFY(pointInPolygon(depot.position, depot.zone));
        QCOMPARE(city->merchants().front().depot, std::string("T-1"));

        QTemporaryDir dir;
        const QString missing = dir.filePath(QStringLiteral("missing.geojson"));
        QVERIFY(!CityGeometry::load(missing, &error));
        QVERIFY(error.contains(missing));
    }
};

QTEST_GUILESS_MAIN(TestCityGeometry)
#include "tst_city_geometry.moc"
