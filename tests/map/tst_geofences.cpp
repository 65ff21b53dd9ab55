// Geofences from positions on the real city: zone entry and exit, arrival at and
// departure from a depot (with hysteresis), arrival at the customer of an order being
// delivered; recorded through the store thread into a real SQLite file and read back
// as the rider's and the order's timeline.
#include "app/GeofenceRecorder.h"
#include "core/Event.h"
#include "core/Projections.h"
#include "sim/City.h"
#include "store/EventStore.h"
#include "store/GeofenceLog.h"
#include "store/StoreWorker.h"

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
sim::LatLng east(sim::LatLng p, double metres)
{
    return {p.lat, p.lng + metres / sim::kMetresPerDegLng};
}

} // namespace

class TestGeofences final : public QObject
{
    Q_OBJECT
private slots:
    void crossingsBecomeTimelineEntries()
    {
        const auto city = sim::City::load();
        const sim::Depot &cy = *std::find_if(city->depots().begin(), city->depots().end(),
                                             [](const sim::Depot &d) { return d.id == "BJ-CY-01"; });
        QTemporaryDir dir;
        auto es = std::make_unique<store::EventStore>();
        es->open(dir.filePath(QStringLiteral("ops.db")));
        store::StoreWorker worker(std::move(es));
        app::GeofenceRecorder geo(city);
        geo.setStore(worker);
        core::Projections projections;

        // Find a point outside every zone, west of the depot on its latitude.
        sim::LatLng outside = cy.position;
        while (sim::pointInPolygon(outside, cy.zone))
            outside = east(outside, -200);
        outside = east(outside, -300);
        for (const sim::Depot &d : city->depots())
            QVERIFY(!sim::pointInPolygon(outside, d.zone));
        const sim::LatLng customer = east(cy.position, 900);
        QVERIFY(sim::pointInPolygon(customer, cy.zone));

        int t = 0;
        auto feed = [&](sim::LatLng p) { geo.onEvent(fix(p.lat, p.lng, ++t), true, projections); };
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
};

QTEST_GUILESS_MAIN(TestGeofences)
#include "tst_geofences.moc"
