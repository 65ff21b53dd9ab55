// MapRecorders wired as main() and the headless runner wire it: declared before a real
// ConsoleRuntime, installed before start(), on the embedded in-process gateway (what the
// console runs without --feed). Rider positions and geofence crossings of the live feed
// end up in the real SQLite file, and the replay service reads the positions back.
// Without install() none of it exists: the recording is the recorders' doing.
#include "app/embedded/OpsfeedGateway.h"
#include "app/runtime/ConsoleRuntime.h"
#include "app/features/map/MapRecorders.h"
#include "app/features/map/RiderHistoryHost.h"
#include "core/geo/CityGeometry.h"
#include "store/log/EventStore.h"
#include "store/map/GeofenceLog.h"
#include "store/db/Sqlite.h"
#include "store/db/StoreWorker.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <set>

using namespace opsdeck;

namespace {

app::RuntimeOptions embedded(const QString &dbPath)
{
    app::RuntimeOptions o; // no feed endpoint: the runtime starts the embedded gateway
    o.embedded = app::opsfeedGateway();
    o.dbPath = dbPath;
    o.embeddedSeed = 5;
    o.embeddedRiders = 60;
    o.embeddedOrdersPerMin = 240;
    // 20 simulated seconds per second: riders reach depots and customers within seconds.
    o.embeddedTimeScale = 20;
    return o;
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
        app::ConsoleRuntime runtime(embedded(db), nullptr);
        recorders.install(runtime);
        QVERIFY(recorders.geofences()); // the built-in city loaded
        QString error;
        QVERIFY2(runtime.start(&error), qPrintable(error));
        QVERIFY(runtime.embedded());

        QTRY_VERIFY_WITH_TIMEOUT(recorders.positions().fixesPosted() >= 200, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(recorders.geofences()->crossingsRecorded() >= 3, 25000);
        runtime.stop(); // the store thread flushes every posted job
        const std::int64_t fixes = recorders.positions().fixesPosted();
        const std::int64_t crossings = recorders.geofences()->crossingsRecorded();

        store::Database file(db.toStdString(), SQLITE_OPEN_READONLY);
        QCOMPARE(file.queryInt("SELECT COUNT(*) FROM rider_position_history"), fixes);
        QVERIFY(file.queryInt("SELECT COUNT(DISTINCT rider_id) FROM rider_position_history") >= 10);
        QVERIFY(file.queryInt("SELECT COUNT(*) FROM rider_position_keyframe") > 0); // replay's starting points
        // Every stored fix is a position in the city, not a zero or a default.
        QCOMPARE(file.queryInt("SELECT COUNT(*) FROM rider_position_history WHERE lat BETWEEN 39 AND 41"
                               " AND lng BETWEEN 115.5 AND 117.5"),
                 fixes);

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
            riders = s.database().queryInt("SELECT COUNT(DISTINCT rider_id) FROM rider_position_history");
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
            app::ConsoleRuntime runtime(embedded(db), nullptr);
            QString error;
            QVERIFY2(runtime.start(&error), qPrintable(error));
            QTRY_VERIFY_WITH_TIMEOUT(runtime.coreCounters().applied >= 500, 20000); // positions among them
            runtime.stop();
        }
        store::Database file(db.toStdString(), SQLITE_OPEN_READONLY);
        QVERIFY(!file.hasTable("rider_position_history"));
        QVERIFY(!file.hasTable(store::GeofenceLog::kTable));
    }
};

QTEST_GUILESS_MAIN(TestMapRecorders)
#include "tst_map_recorders.moc"
