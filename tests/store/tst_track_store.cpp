// Issue 16: the compact track store of rider fixes, on real SQLite files. Fixes go
// through the real write path (EventStore::write, same transaction as the log and the
// cursors), old files (v2, v4 built with the old schema SQL, with fixes in the event
// log and the old position history) migrate, retention purges only what is older than
// the setting, and the fleet replayed at any T is exactly what was stored for T.
#include "StoreFixtures.h"

#include "store/db/Schema.h"
#include "store/db/Sqlite.h"
#include "store/log/EventStore.h"
#include "store/track/TrackStore.h"

#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace opsdeck;
using namespace opsdeck::store;
using namespace opsdeck::store::test;

namespace {

constexpr int kRiders = 4;

std::string riderName(int rider)
{
    return "r-" + std::to_string(rider);
}

// What rider `rider` reported at `second`: values with more digits than the store keeps.
struct Raw {
    std::int64_t t;
    double lat, lng, speed, heading, battery;
};

Raw raw(int rider, int second)
{
    return {kBaseMs + second * 1000LL + rider * 7,
            39.9 + rider * 0.01 + second * 1.23456789e-5,
            116.4 - rider * 0.02 + second * 2.3456789e-5 + (second % 7) * 1e-7,
            4.0 + rider + (second % 5) * 0.013,
            std::fmod(85.0 + second * 3.33, 360.0),
            90.0 - second * 0.011};
}

core::Event fixEvent(int rider, int second, std::int64_t seq)
{
    const Raw r = raw(rider, second);
    core::Event e = makePosition("gw1", "BJ-CY-01", seq);
    e.riderId = riderName(rider);
    e.tsMs = r.t;
    e.lat = r.lat;
    e.lng = r.lng;
    e.speedMps = r.speed;
    e.headingDeg = r.heading;
    e.batteryPct = r.battery;
    e.hasPosition = true;
    return e;
}

// The stored fix: the report quantised (1e-6 degree, 0.01 m/s, 0.1 degree, 0.1 %).
PositionFix stored(int rider, int second)
{
    const Raw r = raw(rider, second);
    PositionFix f = toFix(quantise(r.t, r.lat, r.lng, r.speed, r.heading, r.battery));
    f.riderId = riderName(rider);
    return f;
}

bool same(const PositionFix &a, const PositionFix &b)
{
    return a.riderId == b.riderId && a.tsMs == b.tsMs && a.lat == b.lat && a.lng == b.lng && a.speedMps == b.speedMps
        && a.headingDeg == b.headingDeg && a.batteryPct == b.batteryPct;
}

// The protocol.md envelope of that fix, as an older build logged it.
std::string envelope(int rider, int second, std::int64_t seq)
{
    const Raw r = raw(rider, second);
    char data[400];
    std::snprintf(data, sizeof data,
                  R"({"rider_id":"%s","lat":%.9f,"lng":%.9f,"speed_mps":%.4f,"heading_deg":%.4f,"accuracy_m":5,"battery_pct":%.4f})",
                  riderName(rider).c_str(), r.lat, r.lng, r.speed, r.heading, r.battery);
    return R"({"v":1,"epoch":"gw1","depot":"BJ-CY-01","seq":)" + std::to_string(seq) + R"(,"id":"e-)"
        + std::to_string(seq) + R"(","ts":")" + isoTs(r.t) + R"(","type":"rider.position","data":)" + data + "}";
}

// Every rider reports once a second from `from` to `to` (inclusive), one write() a second.
void writeSeconds(EventStore &store, int from, int to, std::int64_t &seq)
{
    for (int s = from; s <= to; ++s) {
        core::StoreBatch b;
        for (int r = 0; r < kRiders; ++r)
            b.events.push_back(fixEvent(r, s, ++seq));
        b.cursors.push_back({"BJ-CY-01", "gw1", seq});
        b.applied = kRiders;
        store.write(b);
    }
}

void purgeAll(TrackStore &tracks, std::int64_t beforeMs)
{
    while (!tracks.purgeStep(beforeMs, 1).done) {
    }
}

// fleetAt(T) equals each rider's stored fix of second `second` (the newest by T).
void checkFleet(TrackStore &tracks, std::int64_t atMs, int second, int riders = kRiders)
{
    std::map<std::string, PositionFix> fleet;
    for (const PositionFix &f : tracks.fleetAt(atMs))
        fleet[f.riderId] = f;
    QCOMPARE(int(fleet.size()), riders);
    for (int r = 0; r < riders; ++r) {
        const PositionFix want = stored(r, second);
        QVERIFY2(same(fleet[riderName(r)], want), qPrintable(QStringLiteral("rider %1 at second %2").arg(r).arg(second)));
        QVERIFY(std::abs(want.lat - raw(r, second).lat) <= 0.5e-6 + 1e-12);
    }
}

void checkTrail(TrackStore &tracks, int rider, int from, int to)
{
    const auto trail = tracks.trail(riderName(rider), kBaseMs + from * 1000LL, kBaseMs + to * 1000LL + 999);
    QCOMPARE(int(trail.size()), to - from + 1);
    for (int s = from; s <= to; ++s)
        QVERIFY2(same(trail[std::size_t(s - from)], stored(rider, s)), qPrintable(QString::number(s)));
}

// An older file: `version` built with the old schema SQL, fixes 0..9 s of every rider in
// its event log, and (v4) 10..19 s in the old recorder's rider_position_history.
void buildOldFile(const QString &path, int version)
{
    Database db(QFile::encodeName(path).toStdString(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    migrate(db, version);
    db.exec("INSERT INTO streams(id, epoch, depot) VALUES(1, 'gw1', 'BJ-CY-01')");
    Statement ins = db.prepare("INSERT INTO events(key, seq, id, ts_ms, type, rider_id, order_id, sealed, body)"
                               " VALUES((1 << 40) | ?1, ?1, ?2, ?3, ?4, ?5, ?6, 0, ?7)");
    std::int64_t seq = 0;
    for (int s = 0; s < 10; ++s)
        for (int r = 0; r < kRiders; ++r) {
            ++seq;
            ins.bind(1, seq).bindText(2, "e-" + std::to_string(seq)).bind(3, raw(r, s).t).bindText(4, "rider.position")
                .bindText(5, riderName(r)).bindNull(6).bindText(7, envelope(r, s, seq)).run();
        }
    ++seq; // an order event stays in the log
    ins.bind(1, seq).bindText(2, "e-order").bind(3, kBaseMs).bindText(4, "order.paid").bindNull(5).bindText(6, "o-1")
        .bindText(7, "{}").run();
    db.exec(("INSERT INTO totals(key, value) VALUES('events_logged', " + std::to_string(seq) + ")").c_str());
    db.exec(("INSERT INTO cursors(depot, epoch, seq) VALUES('BJ-CY-01', 'gw1', " + std::to_string(seq) + ")").c_str());
    if (version >= 4) {
        db.exec("CREATE TABLE rider_position_history (ts_ms INTEGER NOT NULL, rider_id TEXT NOT NULL, lat REAL,"
                " lng REAL, speed REAL, heading REAL, battery REAL)");
        Statement h = db.prepare("INSERT INTO rider_position_history VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        for (int s = 10; s < 20; ++s)
            for (int r = 0; r < kRiders; ++r) {
                const Raw x = raw(r, s);
                h.bind(1, x.t).bindText(2, riderName(r)).bind(3, x.lat).bind(4, x.lng).bind(5, x.speed)
                    .bind(6, x.heading).bind(7, x.battery).run();
            }
    }
}

} // namespace

class TestTrackStore final : public QObject
{
    Q_OBJECT
private slots:
    void fleetReplayedAfterMigrationAndRetention();
    void retentionPurgesOnlyWhatIsOlder();
    void version2FileOpensAndMigrates();
    void aKillMidRepackLosesNoFix();
    void aRolledBackWriteLeavesNoTrace();
};

void TestTrackStore::fleetReplayedAfterMigrationAndRetention()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("ops.db");
    buildOldFile(path, 4);
    std::int64_t seq = 100;
    {
        EventStore store;
        store.open(path);
        QCOMPARE(scalar(path, "PRAGMA user_version"), 5);
        QCOMPARE(scalar(path, "SELECT count(*) FROM events WHERE type = 'rider.position'"), 0);
        QCOMPARE(scalar(path, "SELECT count(*) FROM event_log"), 1); // the order event, view intact
        QCOMPARE(scalar(path, "SELECT value FROM totals WHERE key = 'events_logged'"), 1);
        QCOMPARE(scalar(path, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'rider_position%'"), 0);
        checkFleet(store.tracks(), kBaseMs + 9500, 9);  // from the old log
        checkFleet(store.tracks(), kBaseMs + 19500, 19); // from the old history
        writeSeconds(store, 20, 199, seq);               // three generations repacked into blocks
        QCOMPARE(scalar(path, "SELECT count(*) FROM events"), 1); // fixes are not in the log
        QCOMPARE(scalar(path, "SELECT value FROM totals WHERE key = 'fixes_stored'"), 200 * kRiders);
        QVERIFY(scalar(path, "SELECT count(*) FROM track_blocks") >= 3 * kRiders);
        purgeAll(store.tracks(), kBaseMs + 65000);
        for (int second : {65, 70, 95, 130, 150, 198, 199}) {
            checkFleet(store.tracks(), kBaseMs + second * 1000LL + 500, second);
            if (QTest::currentTestFailed())
                return;
        }
        QVERIFY(store.tracks().fleetAt(kBaseMs + 15000).empty()); // purged: 0..19 s were older than the cut
        checkTrail(store.tracks(), 1, 100, 160);
        const auto range = store.tracks().timeRange();
        QVERIFY(range.first <= kBaseMs + 65000 && range.first >= kBaseMs + 20000);
        QCOMPARE(range.second, raw(kRiders - 1, 199).t);
    }
    // A restart reads the same from the file (blocks and the tail of the open generation).
    EventStore again;
    again.open(path);
    checkFleet(again.tracks(), kBaseMs + 199500, 199);
    checkFleet(again.tracks(), kBaseMs + 130500, 130);
    checkTrail(again.tracks(), 2, 120, 199);
}

void TestTrackStore::retentionPurgesOnlyWhatIsOlder()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("ops.db");
    EventStore store;
    store.open(path);
    std::int64_t seq = 0;
    writeSeconds(store, 0, 299, seq);
    const std::int64_t cut = kBaseMs + 150000;
    purgeAll(store.tracks(), cut);
    QCOMPARE(scalar(path, "SELECT count(*) FROM track_blocks WHERE t_end < 1795342650123"), 0);
    for (int r = 0; r < kRiders; ++r) {
        const auto kept = store.tracks().trail(riderName(r), 0, kBaseMs + 400000);
        // Everything at or after the cut is still there, fix for fix...
        int newer = 0;
        for (const PositionFix &f : kept)
            newer += f.tsMs >= cut ? 1 : 0;
        QCOMPARE(newer, 150);
        checkTrail(store.tracks(), r, 150, 299);
        // ...and what goes is only older: at most one block (a minute) straddles the cut.
        QVERIFY(kept.front().tsMs >= cut - 60000);
        QVERIFY(kept.front().tsMs < cut);
    }
    checkFleet(store.tracks(), cut - 1, 149); // the fix just before the cut is in the straddling block
    // A second sweep with the same cut deletes nothing more.
    std::int64_t blocks = 0;
    for (TrackStore::PurgeStep step; !step.done;) {
        step = store.tracks().purgeStep(cut, 2);
        blocks += step.blocks;
    }
    QCOMPARE(blocks, 0);
}

void TestTrackStore::version2FileOpensAndMigrates()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("ops.db");
    buildOldFile(path, 2);
    EventStore store;
    store.open(path);
    QCOMPARE(scalar(path, "PRAGMA user_version"), kSchemaVersion);
    QCOMPARE(scalar(path, "SELECT count(*) FROM events"), 1);
    QCOMPARE(store.load().eventsLogged, 1);
    for (int s = 0; s < 10; ++s)
        checkFleet(store.tracks(), kBaseMs + s * 1000LL + 999, s);
    checkTrail(store.tracks(), 3, 0, 9);
    QCOMPARE(store.tracks().timeRange(), std::make_pair(raw(0, 0).t, raw(kRiders - 1, 9).t));
}

// The store dies (no close, no further write) while a generation is half moved to
// blocks: the next open finishes the move from the tail, every fix exactly once.
void TestTrackStore::aKillMidRepackLosesNoFix()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("ops.db");
    {
        EventStore store; // the schema
        store.open(path);
    }
    Database db(QFile::encodeName(path).toStdString(), SQLITE_OPEN_READWRITE);
    TrackStore::Options slow;
    slow.ridersPerPart = 1;
    auto killed = std::make_unique<TrackStore>();
    killed->open(db, slow);
    for (int s = 0; s <= 62; ++s) { // sealed at 60 s; two of four riders moved by 62 s
        Transaction tx(db);
        killed->begin();
        for (int r = 0; r < kRiders; ++r)
            QVERIFY(killed->take(fixEvent(r, s, s * kRiders + r + 1)));
        killed->flush();
        tx.commit();
        killed->committed();
    }
    QCOMPARE(db.queryInt("SELECT value FROM track_state WHERE key = 'flush_next'"), 3);
    killed.reset();
    TrackStore reopened;
    reopened.open(db);
    QCOMPARE(db.queryInt("SELECT value FROM track_state WHERE key = 'flush_next'"), 0);
    for (int r = 0; r < kRiders; ++r)
        checkTrail(reopened, r, 0, 62);
    checkFleet(reopened, kBaseMs + 62999, 62);
    checkFleet(reopened, kBaseMs + 30500, 30);
}

void TestTrackStore::aRolledBackWriteLeavesNoTrace()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("ops.db");
    {
        EventStore store;
        store.open(path);
    }
    Database db(QFile::encodeName(path).toStdString(), SQLITE_OPEN_READWRITE);
    TrackStore tracks;
    tracks.open(db);
    for (int s = 0; s < 3; ++s) {
        Transaction tx(db);
        tracks.begin();
        for (int r = 0; r < kRiders; ++r)
            tracks.take(fixEvent(r, s, s * kRiders + r + 1));
        tracks.flush();
        if (s != 1) { // second 1 rolls back (a write that failed)
            tx.commit();
            tracks.committed();
        }
    }
    const auto trail = tracks.trail(riderName(0), 0, kBaseMs + 10000);
    QCOMPARE(trail.size(), std::size_t(2));
    QVERIFY(same(trail[0], stored(0, 0)));
    QVERIFY(same(trail[1], stored(0, 2)));
    TrackStore reopened;
    reopened.open(db);
    checkFleet(reopened, kBaseMs + 9000, 2);
    QCOMPARE(reopened.trail(riderName(3), 0, kBaseMs + 10000).size(), std::size_t(2));
}

QTEST_GUILESS_MAIN(TestTrackStore)
#include "tst_track_store.moc"
