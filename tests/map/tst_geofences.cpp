// Geofences from positions on the real city: zone entry and exit, arrival at and
// departure from a depot (with hysteresis), arrival at the customer of an order being
// delivered; recorded through the store thread into a real SQLite file and read back
// as the rider's and the order's timeline.
#include "app/features/map/GeofenceRecorder.h"
#include "app/features/board/StoreOrderHistory.h"
#include "core/geo/CityGeometry.h"
#include "core/model/Event.h"
#include "core/pipeline/Projections.h"
#include "store/log/EventStore.h"
#include "store/map/GeofenceLog.h"
#include "store/db/Sqlite.h"
#include "store/db/StoreWorker.h"

#include <QTemporaryDir>
#include <QTest>

using namespace opsdeck;

namespace {

constexpr std::int64_t kT0 = 1'790'000'000'000;

core::Event fix(double lat, double lng, int second)
{
    core::Event e;
    e.kind = core::EventKind::RiderPosition;
    e.riderId = "R1";
    e.lat = lat;
    e.lng = lng;
    e.hasPosition = true;
    e.tsMs = kT0 + second * 1000LL;
    return e;
}

core::Event orderEvent(core::EventKind kind, int second)
{
    core::Event e;
    e.kind = kind;
    e.orderId = "O-1";
    e.depot = "BJ-CY-01";
    e.tsMs = kT0 + second * 1000LL;
    return e;
}

// A point `metres` east of p (the grid city's streets run east-west).
core::geo::LatLng east(core::geo::LatLng p, double metres)
{
    return {p.lat, p.lng + metres / core::geo::kMetresPerDegLng};
}

} // namespace

class TestGeofences final : public QObject
{
    Q_OBJECT
private slots:
    void crossingsBecomeTimelineEntries()
    {
        const auto city = core::geo::CityGeometry::builtIn();
        QVERIFY(city);
        const core::geo::Depot &cy = *std::find_if(city->depots().begin(), city->depots().end(),
                                             [](const core::geo::Depot &d) { return d.id == "BJ-CY-01"; });
        QTemporaryDir dir;
        auto es = std::make_unique<store::EventStore>();
        es->open(dir.filePath(QStringLiteral("ops.db")));
        store::StoreWorker worker(std::move(es));
        app::GeofenceRecorder geo(city);
        geo.setStore(worker);
        core::Projections projections;

        // Find a point outside every zone, west of the depot on its latitude.
        core::geo::LatLng outside = cy.position;
        while (core::geo::pointInPolygon(outside, cy.zone))
            outside = east(outside, -200);
        outside = east(outside, -300);
        for (const core::geo::Depot &d : city->depots())
            QVERIFY(!core::geo::pointInPolygon(outside, d.zone));
        const core::geo::LatLng customer = east(cy.position, 900);
        QVERIFY(core::geo::pointInPolygon(customer, cy.zone));

        int t = 0;
        auto feed = [&](core::geo::LatLng p) { geo.onEvent(fix(p.lat, p.lng, ++t), true, projections); };
        feed(outside);                                      // first fix: state only
        feed(east(cy.position, -400));                      // into the zone
        feed(east(cy.position, -30));                       // at the depot
        feed(east(cy.position, 70));                        // jitter: still at the depot
        feed(east(cy.position, 150));                       // away
        // The order is dispatched to R1 with its customer 900 m east of the depot.
        core::Event created = orderEvent(core::EventKind::OrderCreated, ++t);
        created.lat = customer.lat;
        created.lng = customer.lng;
        core::Event dispatched = orderEvent(core::EventKind::OrderDispatched, t + 3);
        dispatched.riderId = "R1";
        for (core::Event e : {created, orderEvent(core::EventKind::OrderPaid, t + 1),
                              orderEvent(core::EventKind::OrderStockChecked, t + 2), dispatched}) {
            const bool applied = projections.apply(e).outcome == core::Projections::Outcome::Applied;
            QVERIFY(applied);
            geo.onEvent(e, applied, projections);
        }
        t += 4;
        feed(east(customer, -120));                         // not there yet
        feed(east(customer, -20));                          // at the door
        feed(east(customer, 10));                           // still there: recorded once
        geo.onTick(projections, kT0 + t * 1000LL);
        feed(outside);                                      // out of the zone
        geo.onEvent(fix(std::nan(""), 0, ++t), false, projections); // not applied: ignored
        geo.onTick(projections, kT0 + t * 1000LL);
        QCOMPARE(geo.crossingsRecorded(), 5);

        std::vector<store::GeofenceEntry> rider, order;
        worker.post([&](store::EventStore &s) {
            rider = store::GeofenceLog::forRider(s.database(), "R1");
            order = store::GeofenceLog::forOrder(s.database(), "O-1");
        });
        QVERIFY(worker.waitUntilIdle(std::chrono::seconds(5)));
        std::vector<std::string> kinds;
        for (const auto &e : rider)
            kinds.push_back(e.kind + ":" + e.place);
        const std::vector<std::string> expected{"zone_entered:BJ-CY-01", "arrived_depot:BJ-CY-01", "left_depot:BJ-CY-01",
                                                "arrived_customer:BJ-CY-01", "zone_exited:BJ-CY-01"};
        QCOMPARE(kinds.size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i)
            QCOMPARE(QString::fromStdString(kinds[i]), QString::fromStdString(expected[i]));
        QCOMPARE(rider[0].tsMs, kT0 + 2000);
        QCOMPARE(int(order.size()), 1);
        QCOMPARE(QString::fromStdString(order[0].kind), QStringLiteral("arrived_customer"));
        QCOMPARE(QString::fromStdString(order[0].riderId), QStringLiteral("R1"));
        worker.stop();
    }

    // The order's timeline holds its own arrival at the customer and the depot arrivals
    // and departures of whoever carried it, while they carried it; nothing of other riders
    // or of other times.
    void orderTimelineHoldsItsRidersCrossings()
    {
        auto logged = [](std::int64_t second, const char *type, const char *rider) {
            store::LoggedEvent e;
            e.tsMs = kT0 + second * 1000;
            e.type = type;
            e.orderId = "O-7";
            e.riderId = rider;
            e.body = "{}";
            return e;
        };
        const std::vector<store::LoggedEvent> events{
            logged(1, "order.created", ""),     logged(2, "order.paid", ""),
            logged(10, "order.dispatched", "R1"), logged(40, "order.reassigned", "R2"),
            logged(90, "order.signed", ""),
        };
        const auto spans = app::StoreOrderHistory::riderSpans(events);
        QCOMPARE(int(spans.size()), 2);
        QCOMPARE(QString::fromStdString(spans[0].riderId), QStringLiteral("R1"));
        QCOMPARE(spans[0].toMs, kT0 + 40'000);
        QCOMPARE(spans[1].toMs, kT0 + 90'000);

        QTemporaryDir dir;
        store::EventStore es;
        es.open(dir.filePath(QStringLiteral("ops.db")));
        QVERIFY(!es.database().hasTable(store::GeofenceLog::kTable));
        store::GeofenceLog::ensureSchema(es.database());
        QVERIFY(es.database().hasTable(store::GeofenceLog::kTable));
        auto at = [](std::int64_t second, const char *rider, const char *kind, const char *order = "") {
            return store::GeofenceEntry{kT0 + second * 1000, rider, order, kind, "BJ-CY-01"};
        };
        store::GeofenceLog::append(es.database(), {
            at(5, "R1", "arrived_depot"),          // before the dispatch: not this order's
            at(20, "R1", "arrived_depot"),         // R1 picks it up
            at(25, "R1", "left_depot"),
            at(30, "R1", "zone_exited"),           // zones are the rider's, not the order's
            at(50, "R1", "arrived_depot"),         // after the reassignment: R1's own trip
            at(55, "R2", "arrived_depot"),
            at(60, "R2", "left_depot"),
            at(70, "R3", "arrived_depot"),         // another rider
            at(80, "R2", "arrived_customer", "O-7"),
            at(85, "R2", "arrived_customer", "O-8"),
        });
        const auto crossings = store::GeofenceLog::forOrderTimeline(es.database(), "O-7", spans);
        QStringList seen;
        for (const auto &c : crossings)
            seen << QStringLiteral("%1 %2 %3").arg((c.tsMs - kT0) / 1000).arg(QString::fromStdString(c.riderId),
                                                                            QString::fromStdString(c.kind));
        QCOMPARE(seen, (QStringList{"20 R1 arrived_depot", "25 R1 left_depot", "55 R2 arrived_depot",
                                    "60 R2 left_depot", "80 R2 arrived_customer"}));

        sdk::OrderDetail detail = app::StoreOrderHistory::buildDetail(QStringLiteral("O-7"), events, true);
        app::StoreOrderHistory::addGeofences(detail, crossings);
        QStringList types;
        for (const auto &entry : detail.timeline)
            types << entry.type;
        QCOMPARE(types, (QStringList{"order.created", "order.paid", "order.dispatched", "geofence.arrived_depot",
                                     "geofence.left_depot", "order.reassigned", "geofence.arrived_depot",
                                     "geofence.left_depot", "geofence.arrived_customer", "order.signed"}));
        QCOMPARE(detail.timeline[3].who, QStringLiteral("R1"));
        QVERIFY(detail.timeline[3].what.contains(QStringLiteral("BJ-CY-01")));
    }
};

QTEST_GUILESS_MAIN(TestGeofences)
#include "tst_geofences.moc"
