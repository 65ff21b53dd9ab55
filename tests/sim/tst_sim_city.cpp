#include <City.h>
#include <RoadGraph.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <set>
#include <stdexcept>

using namespace opsdeck::sim;

class TestSimCity final : public QObject
{
    Q_OBJECT
private slots:
    void builtInBeijingLoads()
    {
        const auto city = City::load();
        QVERIFY(city->depots().size() >= 5);
        QVERIFY(city->graph().nodeCount() > 2000);
        QVERIFY(city->graph().axisAligned());
        for (const Depot &d : city->depots()) {
            QVERIFY2(d.position.lat > 39.7 && d.position.lat < 40.1 && d.position.lng > 116.1 && d.position.lng < 116.6,
                     d.id.c_str());
            QVERIFY2(pointInPolygon(d.position, d.zone), d.id.c_str());
            QVERIFY(!d.district.empty());
            std::set<std::string> channels;
            for (const Merchant &m : city->merchants())
                if (m.depot == d.id) {
                    channels.insert(m.channel);
                    QVERIFY(pointInPolygon(m.position, d.zone));
                }
            QCOMPARE(channels, (std::set<std::string>{"campus", "errand", "fresh"}));
            QVERIFY(city->streetNodesInZone(d).size() > 100);
        }
        QCOMPARE(city->depots()[0].id, std::string("BJ-CY-01"));
    }

    void roadGraphIsConnected()
    {
        const auto city = City::load();
        QCOMPARE(city->graph().reachableCount(city->depots()[0].node), city->graph().nodeCount());
    }

    void shortestPathsFollowEdges()
    {
        const auto city = City::load();
        const RoadGraph &g = city->graph();
        PathFinder finder(g);
        std::vector<int> path;
        const auto &depots = city->depots();
        for (std::size_t i = 0; i < depots.size(); ++i) {
            const Depot &a = depots[i], &b = depots[(i + 1) % depots.size()];
            const double len = finder.shortestPath(a.node, b.node, path);
            QVERIFY(len > 0);
            QCOMPARE(path.front(), a.node);
            QCOMPARE(path.back(), b.node);
            double sum = 0;
            for (std::size_t k = 1; k < path.size(); ++k) {
                bool adjacent = false;
                for (const RoadEdge &e : g.edges(path[k - 1]))
                    adjacent = adjacent || e.to == path[k];
                QVERIFY(adjacent);
                sum += distanceMetres(g.node(path[k - 1]), g.node(path[k]));
            }
            QVERIFY(std::abs(sum - len) < 1.0);
            // Manhattan is a lower bound on an axis-aligned grid; a good route is near it.
            const double manhattan = std::abs(dxMetres(a.position, b.position)) + std::abs(dyMetres(a.position, b.position));
            QVERIFY(len >= manhattan * 0.99);
            QVERIFY(len <= manhattan * 1.6);
        }
    }

    void overrideFileAndErrors()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tiny.geojson"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"type":"FeatureCollection","features":[
 {"type":"Feature","geometry":{"type":"LineString","coordinates":[[116.40,39.90],[116.41,39.90],[116.41,39.91]]},
  "properties":{"kind":"road","class":"street","name":"测试路"}},
 {"type":"Feature","geometry":{"type":"Point","coordinates":[116.40,39.90]},"properties":{"kind":"depot","id":"T-1","name":"测试站"}},
 {"type":"Feature","geometry":{"type":"Point","coordinates":[116.405,39.905]},"properties":{"kind":"merchant","id":"M-T-1","channel":"fresh","name":"店"}}
]})");
        f.close();
        const auto city = City::load(path);
        QCOMPARE(city->graph().nodeCount(), 3);
        QCOMPARE(city->depots().size(), std::size_t{1});
        QCOMPARE(city->merchants().front().depot, std::string("T-1")); // assigned by zone
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, City::load(dir.filePath(QStringLiteral("missing.geojson"))));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, City::fromGeoJson("not json", QStringLiteral("x")));
    }
};

QTEST_GUILESS_MAIN(TestSimCity)
#include "tst_sim_city.moc"
