// EventStore against real SQLite files: round trip, replay, encryption at rest,
// key errors, the rejected cap, and a real SIGKILL in the middle of writing.

#include "StoreFixtures.h"

#include "store/log/EventStore.h"
#include "store/db/PersonalDataCipher.h"
#include "store/db/RowCodec.h"
#include "store/db/Schema.h"
#include "store/db/Sqlite.h"
#include "store/db/StoreError.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <algorithm>
#include <csignal>
#include <poll.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace opsdeck;
using namespace opsdeck::store;
using namespace opsdeck::store::test;

namespace {

core::StoreBatch fullBatch()
{
    core::StoreBatch b;
    b.events.push_back(makeCreated("gw1", "BJ-CY-01", 1, "o-1", "Zhang Wei", "13812341234", "Chaoyang Rd 88"));
    b.events.push_back(makePosition("gw1", "BJ-CY-01", 2));
    b.events.push_back(makeOrderEvent("gw1", "BJ-CY-01", 3, "o-1"));
    b.orders.push_back(makeOrder("o-1", "BJ-CY-01"));
    core::OrderRecord bare;
    bare.orderId = "o-2";
    bare.depot = "BJ-HD-02";
    bare.state = core::OrderState::Created;
    b.orders.push_back(bare);
    b.riders.push_back(makeRider("r-7", "BJ-CY-01"));
    b.cursors.push_back({"BJ-CY-01", "gw1", 3});
    b.cursors.push_back({"BJ-HD-02", "gw1", 99});
    core::Rejected rej;
    rej.reason = core::RejectReason::BadVersion;
    rej.detail = "v=2";
    rej.topic = "BJ-CY-01/order.created";
    rej.raw = R"({"v":2,"data":{"customer":{"phone":"13900001111"}}})";
    rej.size = static_cast<std::int64_t>(rej.raw.size());
    rej.atMs = kBaseMs;
    b.rejected.push_back(rej);
    b.alerts.push_back({kBaseMs, "illegal_transition", "BJ-CY-01", "gw1", 3, "o-1", "SIGNED -> PAID"});
    b.resyncs.push_back({kBaseMs, "BJ-CY-01", "gap", "gw1", 1, 10});
    b.applied = 3;
    b.duplicates = 1;
    return b;
}

} // namespace

class TestEventStore final : public QObject
{
    Q_OBJECT

private slots:
    void roundTripsAWholeBatch();
    void replayedEventsAreLoggedOnce();
    void personalDataIsEncryptedAtRest();
    void keyFileIsPrivateAndReused();
    void wrongKeyFailsCleanly();
    void missingKeyFailsCleanly();
    void newerSchemaIsRefused();
    void version1LogMovesToIntegerKeys();
    void version2OrdersGainAPriority();
    void personalBlobsWrittenBeforeTheNoteStillRead();
    void readOnlyOpenReadsAVersion2File();
    void rejectedTableIsCappedCountsStayExact();
    void failedWriteLeavesNothingBehind();
    void sigkillMidWriteKeepsProjectionsMatchingTheLog();
};

void TestEventStore::roundTripsAWholeBatch()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("ops.db");
    {
        EventStore store;
        store.open(path);
        const WriteResult r = store.write(fullBatch());
        QCOMPARE(r.eventsLogged, 3);
        QCOMPARE(r.eventsIgnored, 0);
    }
    EventStore store;
    store.open(path);
    const LoadedState s = store.load();

    QCOMPARE(s.orders.size(), std::size_t(2));
    const core::OrderRecord want = makeOrder("o-1", "BJ-CY-01");
    const core::OrderRecord &got = s.orders[0];
    QCOMPARE(got.orderId, want.orderId);
    QCOMPARE(got.depot, want.depot);
    QCOMPARE(got.merchantId, want.merchantId);
    QCOMPARE(got.channel, want.channel);
    QCOMPARE(got.riderId, want.riderId);
    QCOMPARE(got.customerName, want.customerName);
    QCOMPARE(got.customerPhone, want.customerPhone);
    QCOMPARE(got.addressText, want.addressText);
    QCOMPARE(got.customerNote, want.customerNote);
    QVERIFY(got.priority == core::OrderPriority::Urgent);
    QCOMPARE(scalar(path, "SELECT priority FROM orders WHERE order_id = 'o-1'"), 2);
    QCOMPARE(got.lastReason, want.lastReason);
    QVERIFY(got.state == want.state);
    QCOMPARE(got.lat, want.lat);
    QCOMPARE(got.lng, want.lng);
    QCOMPARE(got.amount, want.amount);
    QCOMPARE(got.etaMs, want.etaMs);
    QCOMPARE(got.promisedAtMs, want.promisedAtMs);
    QCOMPARE(got.createdAtMs, want.createdAtMs);
    QCOMPARE(got.updatedAtMs, want.updatedAtMs);
    QVERIFY(got.enteredAtMs == want.enteredAtMs);
    QCOMPARE(s.orders[1].orderId, std::string("o-2"));
    QVERIFY(s.orders[1].state == core::OrderState::Created);
    QVERIFY(s.orders[1].customerName.empty());
    QVERIFY(s.orders[1].customerNote.empty());
    QVERIFY(s.orders[1].priority == core::OrderPriority::Normal);

    QCOMPARE(s.riders.size(), std::size_t(1));
    const core::RiderRecord wantRider = makeRider("r-7", "BJ-CY-01");
    QCOMPARE(s.riders[0].riderId, wantRider.riderId);
    QCOMPARE(s.riders[0].name, wantRider.name);
    QCOMPARE(s.riders[0].status, wantRider.status);
    QCOMPARE(s.riders[0].batteryPct, wantRider.batteryPct);
    QCOMPARE(s.riders[0].capacity, wantRider.capacity);
    QCOMPARE(s.riders[0].headingDeg, wantRider.headingDeg);
    QCOMPARE(s.riders[0].fixAtMs, wantRider.fixAtMs);
    QCOMPARE(s.riders[0].updatedAtMs, wantRider.updatedAtMs);

    QCOMPARE(s.cursors.size(), std::size_t(2));
    QCOMPARE(s.cursors[0].depot, std::string("BJ-CY-01"));
    QCOMPARE(s.cursors[0].seq, 3);
    QCOMPARE(s.cursors[1].epoch, std::string("gw1"));
    QCOMPARE(s.cursors[1].seq, 99);

    QCOMPARE(s.rejectedByReason[static_cast<std::size_t>(core::RejectReason::BadVersion)], 1);
    QCOMPARE(s.rejectedTotal, 1);
    QCOMPARE(s.rejectedKept, 1);
    QCOMPARE(s.eventsLogged, 3);
    QCOMPARE(s.eventsApplied, 3);
    QCOMPARE(s.duplicates, 1);
    QCOMPARE(s.alerts, 1);
    QCOMPARE(s.resyncs, 1);
    QCOMPARE(s.batches, 1);

    std::vector<LoggedEvent> events;
    store.forEachEvent([&](const LoggedEvent &e) { events.push_back(e); });
    QCOMPARE(events.size(), std::size_t(3));
    const core::StoreBatch original = fullBatch();
    for (std::size_t i = 0; i < events.size(); ++i) {
        QCOMPARE(events[i].body, original.events[i].raw);
        QCOMPARE(events[i].seq, original.events[i].seq);
        QCOMPARE(events[i].id, original.events[i].id);
        QCOMPARE(events[i].tsMs, original.events[i].tsMs);
    }
    QCOMPARE(events[0].type, std::string("order.created"));
    QCOMPARE(events[0].orderId, std::string("o-1"));
    QCOMPARE(events[1].riderId, original.events[1].riderId);

    std::vector<core::Rejected> rejected;
    store.forEachRejected([&](const core::Rejected &r) { rejected.push_back(r); });
    QCOMPARE(rejected.size(), std::size_t(1));
    QCOMPARE(rejected[0].raw, original.rejected[0].raw);
    QVERIFY(rejected[0].reason == core::RejectReason::BadVersion);
    QCOMPARE(rejected[0].topic, original.rejected[0].topic);

    QCOMPARE(scalar(path, "SELECT count(*) FROM alerts WHERE kind = 'illegal_transition' AND order_id = 'o-1'"), 1);
    QCOMPARE(scalar(path, "SELECT records FROM resyncs WHERE reason = 'gap'"), 10);
    QCOMPARE(scalar(path, "SELECT json_extract(state_times, '$[6]') FROM orders WHERE order_id = 'o-1'"),
             kBaseMs + 60000);
    QCOMPARE(scalar(path, "PRAGMA user_version"), kSchemaVersion);
}

void TestEventStore::replayedEventsAreLoggedOnce()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("ops.db");
    EventStore store;
    store.open(path);
    QCOMPARE(store.write(fullBatch()).eventsLogged, 3);
    const WriteResult again = store.write(fullBatch());
    QCOMPARE(again.eventsLogged, 0);
    QCOMPARE(again.eventsIgnored, 3);
    QCOMPARE(scalar(path, "SELECT count(*) FROM events"), 3);
    const LoadedState s = store.load();
    QCOMPARE(s.eventsLogged, 3);
    QCOMPARE(s.orders.size(), std::size_t(2)); // upserts, not duplicates
    QCOMPARE(s.batches, 2);
}

// A database written by a build with the version 1 event log (WITHOUT ROWID, text key)
// keeps every event, and its key still deduplicates replays after the upgrade.
void TestEventStore::version1LogMovesToIntegerKeys()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("ops.db");
    {
        Database db(QFile::encodeName(path).toStdString(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        migrate(db, 1);
        db.exec("INSERT INTO events(epoch, depot, seq, id, ts_ms, type, rider_id, sealed, body) VALUES"
                "('gw1', 'BJ-CY-01', 1, 'e-1', 1, 'rider.position', 'r-1', 0, 'one'),"
                "('gw1', 'BJ-CY-01', 2, 'e-2', 2, 'rider.position', 'r-1', 0, 'two'),"
                "('gw0', 'BJ-HD-02', 7, 'e-7', 3, 'rider.position', 'r-2', 0, 'seven')");
        QCOMPARE(db.queryInt("PRAGMA user_version"), 1);
    }
    EventStore store;
    store.open(path);
    QCOMPARE(scalar(path, "PRAGMA user_version"), kSchemaVersion);
    std::vector<LoggedEvent> logged;
    store.forEachEvent([&](const LoggedEvent &e) { logged.push_back(e); });
    QCOMPARE(logged.size(), std::size_t(3));
    QCOMPARE(logged[0].epoch, std::string("gw0"));
    QCOMPARE(logged[0].body, std::string("seven"));
    QCOMPARE(logged[2].depot, std::string("BJ-CY-01"));
    QCOMPARE(logged[2].seq, 2);
    QCOMPARE(logged[2].body, std::string("two"));

    core::StoreBatch replay;
    replay.events.push_back(makePosition("gw1", "BJ-CY-01", 2)); // already logged before the upgrade
    replay.events.push_back(makePosition("gw1", "BJ-CY-01", 3)); // new
    replay.events.push_back(makePosition("gw2", "BJ-CY-01", 1)); // a new stream
    const WriteResult r = store.write(replay);
    QCOMPARE(r.eventsIgnored, 1);
    QCOMPARE(r.eventsLogged, 2);
    QCOMPARE(scalar(path, "SELECT count(*) FROM event_log WHERE epoch = 'gw1'"), 3);
    QCOMPARE(scalar(path, "SELECT count(*) FROM streams"), 3);
}

// A version 2 database (before the priority extension) keeps its orders; they read as
// Normal and a new write stores the priority.
void TestEventStore::version2OrdersGainAPriority()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("ops.db");
    {
        Database db(QFile::encodeName(path).toStdString(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        migrate(db, 2);
        db.exec("INSERT INTO orders(order_id, depot, state, merchant_id) VALUES('o-old', 'BJ-CY-01', 'PAID', 'm-1')");
        QCOMPARE(db.queryInt("PRAGMA user_version"), 2);
    }
    EventStore store;
    store.open(path);
    QCOMPARE(scalar(path, "PRAGMA user_version"), kSchemaVersion);
    LoadedState s = store.load();
    QCOMPARE(s.orders.size(), std::size_t(1));
    QCOMPARE(s.orders[0].orderId, std::string("o-old"));
    QVERIFY(s.orders[0].state == core::OrderState::Paid);
    QVERIFY(s.orders[0].priority == core::OrderPriority::Normal);

    core::StoreBatch b;
    core::OrderRecord high = makeOrder("o-new", "BJ-CY-01");
    high.priority = core::OrderPriority::High;
    b.orders.push_back(high);
    store.write(b);
    s = store.load();
    QCOMPARE(s.orders.size(), std::size_t(2));
    QVERIFY(s.orders[0].priority == core::OrderPriority::High); // "o-new" sorts first
    QCOMPARE(s.orders[0].customerNote, high.customerNote);
}

// The exporter opens read-only and never migrates: a file the previous build wrote
// (schema 2, no priority column) must still export its orders.
void TestEventStore::readOnlyOpenReadsAVersion2File()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("ops.db");
    {
        EventStore store;
        store.open(path);
        store.write(fullBatch());
    }
    {
        Database db(QFile::encodeName(path).toStdString(), SQLITE_OPEN_READWRITE);
        db.exec("ALTER TABLE orders DROP COLUMN priority");
        db.exec("PRAGMA user_version = 2");
    }
    EventStore::Options readOnly;
    readOnly.readOnly = true;
    EventStore store;
    store.open(path, readOnly);
    std::vector<core::OrderRecord> orders;
    store.forEachOrder([&](const core::OrderRecord &o) { orders.push_back(o); });
    QCOMPARE(orders.size(), std::size_t(2));
    QCOMPARE(orders[0].customerName, makeOrder("o-1", "BJ-CY-01").customerName);
    QVERIFY(orders[0].priority == core::OrderPriority::Normal);
    QCOMPARE(scalar(path, "PRAGMA user_version"), 2); // left as it was
}

// Layout 1 of the sealed personal fields had no note: such blobs, already on users'
// disks, must still open, and a truncated or overlong one must not.
void TestEventStore::personalBlobsWrittenBeforeTheNoteStillRead()
{
    const auto u32 = [](std::string &out, std::string_view s) {
        for (int shift = 0; shift < 32; shift += 8)
            out.push_back(static_cast<char>((s.size() >> shift) & 0xff));
        out.append(s);
    };
    std::string v1(1, '\x01');
    u32(v1, "张伟");
    u32(v1, "13812341234");
    u32(v1, "Chaoyang Rd 88");
    const auto old = unpackPersonal(v1);
    QVERIFY(old.has_value());
    QCOMPARE(old->name, std::string("张伟"));
    QCOMPARE(old->address, std::string("Chaoyang Rd 88"));
    QVERIFY(old->note.empty());

    QVERIFY(!unpackPersonal(v1.substr(0, v1.size() - 1)).has_value());
    QVERIFY(!unpackPersonal(v1 + "x").has_value());
    std::string v2 = v1;
    v2[0] = '\x02'; // claims a note it does not have
    QVERIFY(!unpackPersonal(v2).has_value());

    const PersonalFields now{"张伟", "13812341234", "Chaoyang Rd 88", "请放门卫室"};
    const auto back = unpackPersonal(packPersonal(now));
    QVERIFY(back.has_value());
    QCOMPARE(back->note, now.note);
}

void TestEventStore::personalDataIsEncryptedAtRest()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("ops.db");
    {
        EventStore store;
        store.open(path);
        store.write(fullBatch());
    }
    // Closing checkpoints the WAL into the db; read both anyway.
    const QByteArray bytes = readDbFiles(path);
    QVERIFY(!bytes.isEmpty());
    QVERIFY(!bytes.contains("Zhang Wei"));
    QVERIFY(!bytes.contains("13812341234"));
    QVERIFY(!bytes.contains("Chaoyang Rd 88"));
    QVERIFY(!bytes.contains("Gate code 4711"));
    QVERIFY(!bytes.contains("Ring twice")); // the note inside the sealed order.created body
    QVERIFY(!bytes.contains("13900001111")); // inside a rejected raw message
    QVERIFY(bytes.contains("rider.position")); // the plain log really is in this file
    QCOMPARE(scalar(path, "SELECT sealed FROM events WHERE seq = 1"), 1);
    QCOMPARE(scalar(path, "SELECT sealed FROM events WHERE seq = 2"), 0);

    EventStore store;
    store.open(path);
    const LoadedState s = store.load();
    QCOMPARE(s.orders[0].customerPhone, std::string("13812341234"));
}

void TestEventStore::keyFileIsPrivateAndReused()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("ops.db");
    {
        EventStore store;
        store.open(path);
    }
    const QString keyPath = PersonalDataCipher::keyPathFor(path);
    struct stat st {};
    QCOMPARE(::stat(QFile::encodeName(keyPath).constData(), &st), 0);
    QCOMPARE(st.st_mode & 0777, 0600u);
    QCOMPARE(st.st_size, off_t(32));
    const QByteArray key = readAll(keyPath);
    EventStore store;
    store.open(path);
    QCOMPARE(readAll(keyPath), key);
}

void TestEventStore::wrongKeyFailsCleanly()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("ops.db");
    {
        EventStore store;
        store.open(path);
        store.write(fullBatch());
    }
    const QString keyPath = PersonalDataCipher::keyPathFor(path);
    QFile::remove(keyPath);
    QFile other(dir.filePath("other.key"));
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.write(QByteArray(32, '\x5a'));
    other.close();
    QVERIFY(QFile::copy(other.fileName(), keyPath));

    EventStore store;
    try {
        store.open(path);
        QFAIL("opening with the wrong key must fail");
    } catch (const StoreError &error) {
        QVERIFY(error.code() == StoreError::Code::WrongKey);
        QVERIFY2(QByteArray(error.what()).contains("does not decrypt"), error.what());
    }
    QVERIFY(!store.isOpen());

    // A truncated key file is a different, equally clear error.
    QFile truncated(keyPath);
    QVERIFY(truncated.open(QIODevice::WriteOnly | QIODevice::Truncate));
    truncated.write("short");
    truncated.close();
    try {
        store.open(path);
        QFAIL("a 5-byte key must be refused");
    } catch (const StoreError &error) {
        QVERIFY(error.code() == StoreError::Code::BadKeyFile);
    }
}

void TestEventStore::missingKeyFailsCleanly()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("ops.db");
    {
        EventStore store;
        store.open(path);
        store.write(fullBatch());
    }
    QVERIFY(QFile::remove(PersonalDataCipher::keyPathFor(path)));
    EventStore store;
    try {
        store.open(path);
        QFAIL("a database with sealed data must not get a fresh key");
    } catch (const StoreError &error) {
        QVERIFY(error.code() == StoreError::Code::MissingKey);
    }
    QVERIFY(!QFile::exists(PersonalDataCipher::keyPathFor(path)));
}

void TestEventStore::newerSchemaIsRefused()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("ops.db");
    {
        EventStore store;
        store.open(path);
    }
    sqlite3 *db = nullptr;
    sqlite3_open(QFile::encodeName(path).constData(), &db);
    sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    EventStore store;
    try {
        store.open(path);
        QFAIL("a newer schema must be refused");
    } catch (const StoreError &error) {
        QVERIFY(error.code() == StoreError::Code::Schema);
    }
}

void TestEventStore::rejectedTableIsCappedCountsStayExact()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("ops.db");
    EventStore store;
    EventStore::Options options;
    options.rejectedKeep = 50;
    store.open(path, options);
    std::int64_t at = 0;
    for (int batch = 0; batch < 7; ++batch) {
        core::StoreBatch b;
        for (int i = 0; i < 30; ++i) {
            core::Rejected r;
            r.reason = (i % 3 == 0) ? core::RejectReason::Oversize : core::RejectReason::MalformedJson;
            r.raw = std::string(6000, 'z'); // over the raw cap: stored capped
            r.size = 70000;
            r.atMs = ++at;
            b.rejected.push_back(r);
        }
        store.write(b);
    }
    const LoadedState s = store.load();
    QCOMPARE(s.rejectedTotal, 210);
    QCOMPARE(s.rejectedByReason[static_cast<std::size_t>(core::RejectReason::Oversize)], 70);
    QCOMPARE(s.rejectedByReason[static_cast<std::size_t>(core::RejectReason::MalformedJson)], 140);
    QCOMPARE(s.rejectedKept, 50);
    std::vector<core::Rejected> kept;
    store.forEachRejected([&](const core::Rejected &r) { kept.push_back(r); });
    QCOMPARE(kept.size(), std::size_t(50));
    QCOMPARE(kept.front().atMs, 161); // the newest 50 of 210
    QCOMPARE(kept.back().atMs, 210);
    QCOMPARE(kept.front().raw.size(), core::kRejectedRawCap);
    QCOMPARE(kept.front().size, 70000);
}

void TestEventStore::failedWriteLeavesNothingBehind()
{
    // The in-process version of a crash: the batch fails at its last statement, after
    // its events, orders and cursor were written inside the transaction. Nothing of it
    // may survive, and the same connection must keep working.
    QTemporaryDir dir;
    const QString path = dir.filePath("ops.db");
    EventStore store;
    store.open(path);
    store.write(fullBatch());

    sqlite3 *db = nullptr;
    sqlite3_open(QFile::encodeName(path).constData(), &db);
    // Resyncs are written last in a batch: a trigger makes exactly that insert fail.
    sqlite3_exec(db, "CREATE TRIGGER fail_resync BEFORE INSERT ON resyncs WHEN NEW.reason = 'boom' "
                     "BEGIN SELECT RAISE(ABORT, 'injected failure'); END",
                 nullptr, nullptr, nullptr);
    sqlite3_close(db);

    core::StoreBatch b;
    for (int seq = 4; seq < 100; ++seq)
        b.events.push_back(makePosition("gw1", "BJ-CY-01", seq));
    b.events.push_back(makePosition("gw9", "BJ-FT-05", 1)); // a stream first seen in the failed batch
    b.orders.push_back(makeOrder("o-3", "BJ-CY-01"));
    b.cursors.push_back({"BJ-CY-01", "gw1", 99});
    b.resyncs.push_back({kBaseMs, "BJ-CY-01", "boom", "gw1", 1, 1});
    try {
        store.write(b);
        QFAIL("the injected failure must surface");
    } catch (const StoreError &error) {
        QVERIFY(error.code() == StoreError::Code::Sqlite);
    }
    const LoadedState s = store.load();
    QCOMPARE(s.eventsLogged, 3);
    QCOMPARE(s.orders.size(), std::size_t(2));
    QCOMPARE(s.cursors[0].seq, 3);
    QCOMPARE(scalar(path, "SELECT count(*) FROM events"), 3);
    QCOMPARE(scalar(path, "SELECT count(*) FROM streams WHERE epoch = 'gw9'"), 0);
    // And the connection is still usable, the rolled-back stream included.
    b.resyncs.clear();
    QCOMPARE(store.write(b).eventsLogged, 97);
    QCOMPARE(scalar(path, "SELECT count(*) FROM event_log WHERE epoch = 'gw9' AND depot = 'BJ-FT-05'"), 1);
}

void TestEventStore::sigkillMidWriteKeepsProjectionsMatchingTheLog()
{
    // A child process writes batches as fast as it can; each batch logs 200 events of
    // one depot, upserts one order per batch and moves the cursor to the last seq. We
    // kill it with SIGKILL at arbitrary moments (almost always inside a transaction)
    // and check the invariant: cursor == events logged == 200 * orders. The child says
    // on a pipe when each batch is committed; the kill comes after a different count
    // each round, so the moment varies by rounds, not by how busy the machine is.
    QTemporaryDir dir;
    const QString path = dir.filePath("ops.db");
    for (int round = 0; round < 3; ++round) {
        int committed[2] = {-1, -1};
        QCOMPARE(::pipe(committed), 0);
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            ::close(committed[0]);
            try {
                EventStore store;
                store.open(path);
                const LoadedState s = store.load();
                std::int64_t seq = s.cursors.empty() ? 0 : s.cursors[0].seq;
                for (;;) {
                    core::StoreBatch b;
                    for (int i = 0; i < 200; ++i)
                        b.events.push_back(makePosition("gw1", "BJ-CY-01", ++seq));
                    b.orders.push_back(makeOrder("o-" + std::to_string(seq), "BJ-CY-01"));
                    b.cursors.push_back({"BJ-CY-01", "gw1", seq});
                    b.applied = 200;
                    store.write(b);
                    const char one = 1;
                    if (::write(committed[1], &one, 1) != 1)
                        ::_exit(4);
                }
            } catch (...) {
                ::_exit(3);
            }
        }
        ::close(committed[1]);
        const int batchesBeforeKill = 2 + round * 7;
        int seen = 0;
        char buf[16];
        while (seen < batchesBeforeKill) {
            pollfd ready{committed[0], POLLIN, 0};
            if (::poll(&ready, 1, 30000) <= 0)
                break; // a child that stopped writing: the count check below fails
            const ssize_t n = ::read(committed[0], buf, std::min<std::size_t>(sizeof buf, batchesBeforeKill - seen));
            if (n <= 0)
                break; // the child died on its own: checked below
            seen += static_cast<int>(n);
        }
        QCOMPARE(::kill(child, SIGKILL), 0);
        ::close(committed[0]);
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);
        QVERIFY2(WIFSIGNALED(status), "the writer child died on its own");

        EventStore store;
        store.open(path);
        const LoadedState s = store.load();
        QCOMPARE(seen, batchesBeforeKill);
        QVERIFY(s.eventsLogged >= 200 * batchesBeforeKill);
        QCOMPARE(s.cursors.size(), std::size_t(1));
        QCOMPARE(s.cursors[0].seq, s.eventsLogged);
        QCOMPARE(scalar(path, "SELECT count(*) FROM events"), s.eventsLogged);
        QCOMPARE(scalar(path, "SELECT max(seq) FROM events"), s.cursors[0].seq);
        QCOMPARE(static_cast<std::int64_t>(s.orders.size()) * 200, s.eventsLogged);
        QCOMPARE(s.eventsApplied, s.eventsLogged);
        QCOMPARE(s.batches, static_cast<std::int64_t>(s.orders.size()));
    }
}

QTEST_GUILESS_MAIN(TestEventStore)
#include "tst_eventstore.moc"
