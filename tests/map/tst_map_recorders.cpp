// MapRecorders wired as main() and the headless runner wire it: declared before a real
// ConsoleRuntime, installed before start(), on the embedded in-process gateway (what the
// console runs without --feed). Rider positions and geofence crossings of the live feed
// end up in the real SQLite file, and the replay service reads the positions back.
// Without install() none of it exists: the recording is the recorders' doing. The
// embedded gateway is opsfeed as app/embedded builds it, paused and stepped (issue 15):
// the feed carries the same simulated seconds whatever the machine's load.
#include "app/runtime/ConsoleRuntime.h"
#include "app/runtime/EmbeddedGateway.h"
#include "app/features/map/MapRecorders.h"
#include "app/features/map/RiderHistoryHost.h"
#include "core/geo/CityGeometry.h"
#include "store/log/EventStore.h"
#include "store/map/GeofenceLog.h"
#include "store/db/Sqlite.h"
#include "store/db/StoreWorker.h"
#include "store/track/TrackStore.h"
#include "sim/Gateway.h"
#include "support/ConsoleReceived.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <set>

using namespace opsdeck;

namespace {

// opsfeed in-process, as app::opsfeedGateway() makes it, but paused from the start; the
// test reaches it through `gateway` to step it.
class SteppedOpsfeed final : public app::EmbeddedGateway
{
public:
    explicit SteppedOpsfeed(const sim::GatewayOptions &options) : m_gateway(options) { m_gateway.setPaused(true); }
    void start() override { m_gateway.start(); }
    void stop() override { m_gateway.stop(); }
    std::string feedEndpoint() const override { return m_gateway.feedEndpoint(); }
    std::string snapshotEndpoint() const override { return m_gateway.snapshotEndpoint(); }
    std::string controlEndpoint() const override { return m_gateway.controlEndpoint(); }
    sim::Gateway &gateway() { return m_gateway; }

private:
    sim::Gateway m_gateway;
};

app::RuntimeOptions embedded(const QString &dbPath, SteppedOpsfeed **gateway)
{
    app::RuntimeOptions o; // no feed endpoint: the runtime starts the embedded gateway
    o.embedded = [gateway](const app::RuntimeOptions &r) -> std::unique_ptr<app::EmbeddedGateway> {
        sim::GatewayOptions g;
        g.seed = r.embeddedSeed;
        g.riders = r.embeddedRiders;
        g.ordersPerMin = r.embeddedOrdersPerMin;
        g.feedBind = g.snapshotBind = g.controlBind = "tcp://127.0.0.1:*";
        auto made = std::make_unique<SteppedOpsfeed>(g);
        *gateway = made.get();
        return made;
    };
    o.dbPath = dbPath;
    o.embeddedSeed = 5;
    o.embeddedRiders = 60;
    o.embeddedOrdersPerMin = 240;
    return o;
}

// Steps the embedded gateway a simulated second at a time, each received by the
// console, until `done` (at most an hour of them).
template <typename Done>
bool stepUntil(const app::ConsoleRuntime &runtime, sim::Gateway &gateway, Done done)
{
    const auto received = [&] { return test::consoleReceivedEverySeq(runtime, gateway); };
    // Subscribed once a heartbeat is in (step(0) sends one at once).
    if (!QTest::qWaitFor([&] { return gateway.step(0) >= 0 && runtime.feedStats().heartbeats.load() > 0; }, 10000))
        return false;
    for (int i = 0; i < 3600 && !done(); ++i) {
        if (gateway.step(1000) < 0 || !QTest::qWaitFor(received, 10000))
            return false;
    }
    return QTest::qWaitFor(done, 10000); // the core thread may still be on the last second
}

} // namespace

class TestMapRecorders final : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void recordsPositionsAndCrossingsOfTheLiveFeed()
    {
        const QString db = m_dir.filePath(QStringLiteral("recorded.db"));
        app::MapRecorders recorders; // outlives the runtime, as in main()
        SteppedOpsfeed *gateway = nullptr;
        app::ConsoleRuntime runtime(embedded(db, &gateway), nullptr);
        recorders.install(runtime);
        QVERIFY(recorders.geofences()); // the built-in city loaded
        QString error;
        QVERIFY2(runtime.start(&error), qPrintable(error));
        QVERIFY(runtime.embedded() && gateway);

        QVERIFY(stepUntil(runtime, gateway->gateway(), [&] {
            return recorders.positions().fixesSeen() >= 200 && recorders.geofences()->crossingsRecorded() >= 3;
        }));
        runtime.stop(); // the store thread flushes every posted job
        const std::int64_t fixes = recorders.positions().fixesSeen();
        const std::int64_t crossings = recorders.geofences()->crossingsRecorded();

        // Every fix the core applied is in the track store (written with the event log,
        // not by the recorder), none in the log.
        {
            store::EventStore es;
            es.open(db);
            std::int64_t stored = 0;
            for (const auto &f : es.tracks().fleetAt(INT64_MAX))
                stored += static_cast<std::int64_t>(es.tracks().trail(f.riderId, 0, INT64_MAX).size());
            QCOMPARE(stored, fixes);
            QVERIFY(es.tracks().riderCount() >= 10);
            // Every stored fix is a position in the city, not a zero or a default.
            for (const auto &f : es.tracks().fleetAt(INT64_MAX))
                QVERIFY(f.lat > 39 && f.lat < 41 && f.lng > 115.5 && f.lng < 117.5);
        }
        store::Database file(db.toStdString(), SQLITE_OPEN_READONLY);
        QCOMPARE(file.queryInt("SELECT COUNT(*) FROM events WHERE type = 'rider.position'"), 0);

        QCOMPARE(file.queryInt("SELECT COUNT(*) FROM geofence_events"), crossings);
        const auto city = core::geo::CityGeometry::builtIn();
        QVERIFY(city);
        std::set<std::string> places;
        for (const auto &d : city->depots())
            places.insert(d.id);
        store::Statement st = file.prepare("SELECT kind, place, rider_id, order_id FROM geofence_events");
        int atCustomers = 0;
        while (st.step()) {
            const std::string kind = st.columnText(0);
            QVERIFY2(kind == "zone_entered" || kind == "zone_exited" || kind == "arrived_depot" || kind == "left_depot"
                         || kind == "arrived_customer",
                     kind.c_str());
            QVERIFY2(places.count(st.columnText(1)) == 1, st.columnText(1).c_str());
            QVERIFY(!st.columnText(2).empty());
            if (kind == "arrived_customer") {
                QVERIFY(!st.columnText(3).empty()); // the order whose customer it was
                ++atCustomers;
            }
        }
        qInfo("%lld fixes, %lld crossings (%d at customers)", static_cast<long long>(fixes),
              static_cast<long long>(crossings), atCustomers);
    }

    // What the recorders wrote is what the map's replay shows.
    void replayReadsWhatWasRecorded()
    {
        const QString db = m_dir.filePath(QStringLiteral("recorded.db"));
        QVERIFY(QFile::exists(db));
        auto es = std::make_unique<store::EventStore>();
        es->open(db);
        store::StoreWorker worker(std::move(es));
        std::int64_t riders = 0;
        worker.post([&](store::EventStore &s) {
            riders = s.tracks().riderCount();
        });
        QVERIFY(worker.waitUntilIdle(std::chrono::seconds(10)));

        app::RiderHistoryHost host(&worker);
        QSignalSpy range(&host, &sdk::RiderHistoryService::rangeKnown);
        host.requestRange();
        QVERIFY(range.wait(10000));
        const qint64 from = range.last().at(0).toLongLong(), to = range.last().at(1).toLongLong();
        QVERIFY(from > 0 && to > from);

        QSignalSpy fleet(&host, &sdk::RiderHistoryService::fleetAt);
        host.requestFleetAt(to);
        QVERIFY(fleet.wait(10000));
        const auto rows = fleet.last().at(1).value<QList<sdk::RiderRow>>();
        QCOMPARE(rows.size(), int(riders));
        for (const sdk::RiderRow &r : rows) {
            QVERIFY(!r.riderId.isEmpty());
            QVERIFY(r.fixAtMs >= from && r.fixAtMs <= to);
            QVERIFY(r.lat > 39 && r.lat < 41);
        }
        worker.stop();
    }

    void withoutInstallNothingIsRecorded()
    {
        const QString db = m_dir.filePath(QStringLiteral("unrecorded.db"));
        {
            SteppedOpsfeed *gateway = nullptr;
            app::ConsoleRuntime runtime(embedded(db, &gateway), nullptr);
            QString error;
            QVERIFY2(runtime.start(&error), qPrintable(error));
            QVERIFY(gateway);
            // Positions among them.
            QVERIFY(stepUntil(runtime, gateway->gateway(), [&] { return runtime.coreCounters().applied >= 500; }));
            runtime.stop();
        }
        store::Database file(db.toStdString(), SQLITE_OPEN_READONLY);
        QVERIFY(!file.hasTable("rider_position_history")); // the old recorder's table is gone for good
        QVERIFY(!file.hasTable(store::GeofenceLog::kTable));
    }
};

QTEST_GUILESS_MAIN(TestMapRecorders)
#include "tst_map_recorders.moc"
