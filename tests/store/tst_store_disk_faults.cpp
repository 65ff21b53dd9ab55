// Disk faults (issue 15): a full disk or a read-only database never stops the console,
// what the store acknowledged is written once the disk is back, and a damaged file is
// found at open and moved aside, never deleted. SQLite's own fault injection (FaultVfs)
// plays the disk; the corrupt file is a real database with garbage over its pages.

#include "FaultVfs.h"
#include "StoreFixtures.h"

#include "store/db/CorruptFile.h"
#include "store/db/Sqlite.h"
#include "store/db/StoreError.h"
#include "store/db/StoreWorker.h"
#include "store/log/EventStore.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <atomic>
#include <future>
#include <thread>

using namespace opsdeck;
using namespace opsdeck::store;
using namespace opsdeck::store::test;

namespace {

std::unique_ptr<EventStore> openStore(const QString &path)
{
    auto store = std::make_unique<EventStore>();
    store->open(path);
    return store;
}

QString integrityCheck(const QString &path)
{
    sqlite3 *db = nullptr;
    sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt *stmt = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr);
    QString v;
    if (sqlite3_step(stmt) == SQLITE_ROW)
        v = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return v;
}

StoreWorker::Options fastRetries()
{
    StoreWorker::Options o;
    o.retryInitial = std::chrono::milliseconds(2);
    o.retryMax = std::chrono::milliseconds(10);
    o.maxQueuedEvents = 300; // a slow disk would hold the submitter back after 3 batches
    return o;
}

// A real database with `events` events, closed, then garbage written over every page
// after the first (the header stays valid, so SQLite opens it and meets the damage).
QString corruptDatabase(const QTemporaryDir &dir, bool overHeader)
{
    const QString path = dir.filePath("ops.db");
    {
        auto store = openStore(path);
        for (int i = 0; i < 10; ++i)
            store->write(positions(1 + i * 200, 200));
        store->database().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite))
        return {};
    const qint64 pageSize = 8192;
    QByteArray garbage(static_cast<int>(pageSize), '\0');
    for (int i = 0; i < garbage.size(); ++i)
        garbage[i] = static_cast<char>((i * 131 + 7) % 251);
    for (qint64 at = overHeader ? 0 : pageSize; at < file.size(); at += pageSize) {
        file.seek(at);
        file.write(garbage);
    }
    return path;
}

} // namespace

class TestStoreDiskFaults final : public QObject
{
    Q_OBJECT

private slots:
    void diskFullHoldsInMemoryThenWritesEverythingOnce();
    void readOnlyDatabaseHoldsInMemoryThenWritesEverythingOnce();
    void memoryCapDropsCountsAndAsksForOneResync();
    void unwritableAtStartRunsFromMemoryThenOpens_data();
    void unwritableAtStartRunsFromMemoryThenOpens();
    void damagedPagesAreFoundAtOpen();
    void garbageFileIsNotADatabase();
    void corruptFileIsMovedAsideWithItsKeyAndRebuilt();

private:
    void holdsThenWrites(FaultVfs::Fault fault, StoreWorker::DiskFault expected);
};

void TestStoreDiskFaults::holdsThenWrites(FaultVfs::Fault fault, StoreWorker::DiskFault expected)
{
    FaultVfs vfs;
    QTemporaryDir dir;
    const QString path = dir.filePath("ops.db");
    StoreWorker worker(openStore(path), fastRetries());
    worker.submit(positions(1, 100));
    QVERIFY(worker.waitUntilIdle(std::chrono::seconds(10)));

    vfs.set(fault);
    worker.submit(positions(101, 100));
    QTRY_VERIFY(worker.counters().diskFault == expected);
    QVERIFY(worker.counters().holding);

    // Ten more batches, far past maxQueuedEvents: none of them waits.
    std::atomic<int> submitted{0};
    std::thread submitter([&] {
        for (int i = 0; i < 10; ++i) {
            worker.submit(positions(201 + i * 100, 100));
            ++submitted;
        }
    });
    const auto cleanup = qScopeGuard([&] {
        vfs.set(FaultVfs::Fault::None); // a failing check must not leave the submitter stuck
        submitter.join();
    });
    QTRY_COMPARE(submitted.load(), 10);
    QCOMPARE(worker.counters().queuedEvents, 1100);
    QCOMPARE(worker.counters().submitWaits, 0);
    QCOMPARE(worker.counters().eventsWritten, 100);

    // Reads still answer while nothing can be written.
    std::promise<std::int64_t> count;
    QVERIFY(worker.post([&](EventStore &s) { count.set_value(s.database().queryInt("SELECT count(*) FROM events")); }));
    auto future = count.get_future();
    QVERIFY(future.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
    QCOMPARE(future.get(), 100);

    vfs.set(FaultVfs::Fault::None);
    QVERIFY(worker.waitUntilIdle(std::chrono::seconds(10)));
    const StoreWorker::Counters c = worker.counters();
    QVERIFY(c.diskFault == StoreWorker::DiskFault::None);
    QVERIFY(!c.holding);
    QCOMPARE(c.diskFaults, 1);
    QVERIFY(c.writeErrors >= 1);
    QCOMPARE(c.eventsWritten, 1200);
    QCOMPARE(c.eventsIgnored, 0);
    QCOMPARE(c.droppedBatches + c.capDroppedBatches, 0);
    QCOMPARE(c.queuedEvents, 0);
    worker.stop();

    // Every event once, totals counted once (a rolled-back retry adds nothing).
    QCOMPARE(scalar(path, "SELECT count(*) FROM events"), 1200);
    QCOMPARE(scalar(path, "SELECT count(DISTINCT key) FROM events"), 1200);
    const LoadedState s = openStore(path)->load();
    QCOMPARE(s.eventsLogged, 1200);
    QCOMPARE(s.eventsApplied, 1200);
    QCOMPARE(s.cursors.at(0).seq, 1200);
    QCOMPARE(s.batches, c.transactions);
    QCOMPARE(integrityCheck(path), QStringLiteral("ok"));
}

void TestStoreDiskFaults::diskFullHoldsInMemoryThenWritesEverythingOnce()
{
    holdsThenWrites(FaultVfs::Fault::Full, StoreWorker::DiskFault::Full);
}

void TestStoreDiskFaults::readOnlyDatabaseHoldsInMemoryThenWritesEverythingOnce()
{
    holdsThenWrites(FaultVfs::Fault::ReadOnly, StoreWorker::DiskFault::ReadOnly);
}

void TestStoreDiskFaults::memoryCapDropsCountsAndAsksForOneResync()
{
    FaultVfs vfs;
    QTemporaryDir dir;
    const QString path = dir.filePath("ops.db");
    std::atomic<int> resyncs{0};
    StoreWorker::Options options = fastRetries();
    options.maxHeldEvents = 500;
    options.resyncNeeded = [&resyncs] { ++resyncs; };
    StoreWorker worker(openStore(path), options);

    vfs.set(FaultVfs::Fault::Full);
    worker.submit(positions(1, 100));
    QTRY_VERIFY(worker.counters().holding);
    for (int i = 1; i < 10; ++i)
        worker.submit(positions(1 + i * 100, 100)); // 5 fit under the cap, 5 do not
    StoreWorker::Counters c = worker.counters();
    QVERIFY(c.capReached);
    QCOMPARE(c.queuedEvents, 500);
    QCOMPARE(c.capDroppedBatches, 5);
    QCOMPARE(c.capDroppedEvents, 500);
    QCOMPARE(resyncs.load(), 0);

    vfs.set(FaultVfs::Fault::None);
    QVERIFY(worker.waitUntilIdle(std::chrono::seconds(10)));
    QTRY_COMPARE(resyncs.load(), 1);
    c = worker.counters();
    QVERIFY(!c.capReached);
    QCOMPARE(c.resyncsRequested, 1);
    QCOMPARE(c.eventsWritten, 500);

    worker.submit(positions(1001, 100)); // writable again: nothing is dropped any more
    QVERIFY(worker.waitUntilIdle(std::chrono::seconds(10)));
    QCOMPARE(worker.counters().eventsWritten, 600);
    QCOMPARE(worker.counters().capDroppedBatches, 5);
    QCOMPARE(resyncs.load(), 1);
}

void TestStoreDiskFaults::unwritableAtStartRunsFromMemoryThenOpens_data()
{
    QTest::addColumn<int>("fault");
    QTest::addColumn<int>("expected");
    QTest::addColumn<int>("before"); // events already in the file
    // A new database where nothing can be written: its first page fails (READONLY).
    QTest::newRow("read-only") << int(FaultVfs::Fault::ReadOnly) << int(StoreWorker::DiskFault::ReadOnly) << 0;
    // An existing database that cannot even be opened: its events are replayed later.
    QTest::newRow("cannot open") << int(FaultVfs::Fault::CannotOpen) << int(StoreWorker::DiskFault::CannotOpen)
                                 << 100;
}

void TestStoreDiskFaults::unwritableAtStartRunsFromMemoryThenOpens()
{
    QFETCH(int, fault);
    QFETCH(int, expected);
    QFETCH(int, before);
    FaultVfs vfs;
    QTemporaryDir dir;
    const QString path = dir.filePath("ops.db");
    if (before > 0)
        openStore(path)->write(positions(1, before));
    vfs.set(static_cast<FaultVfs::Fault>(fault));
    int sqliteCode = 0;
    try {
        openStore(path);
        QFAIL("the database must not open for writing");
    } catch (const StoreError &e) {
        sqliteCode = e.sqliteCode();
    }
    QCOMPARE(int(StoreWorker::diskFaultOf(sqliteCode)), expected);

    std::atomic<int> opens{0};
    StoreWorker worker(
        [&path, &opens] {
            ++opens;
            return openStore(path);
        },
        StoreWorker::diskFaultOf(sqliteCode), fastRetries());
    QVERIFY(!worker.counters().storeOpen);
    QCOMPARE(int(worker.counters().diskFault), expected);
    // A feature's schema job waits for the open, ahead of every held batch.
    std::atomic<bool> jobRan{false};
    QVERIFY(worker.post([&jobRan](EventStore &s) { jobRan = s.isOpen(); }));
    for (int i = 0; i < 10; ++i) // the first half of the first batch replays what the file has
        worker.submit(positions(51 + i * 100, 100)); // past maxQueuedEvents: nothing waits
    QTRY_VERIFY(opens.load() >= 3);                  // retried on the store thread
    StoreWorker::Counters c = worker.counters();
    QVERIFY(!c.storeOpen);
    QVERIFY(c.holding);
    QCOMPARE(c.queuedEvents, 1000);
    QCOMPARE(c.submitWaits, 0);
    QVERIFY(!jobRan.load());

    vfs.set(FaultVfs::Fault::None);
    QVERIFY(worker.waitUntilIdle(std::chrono::seconds(10)));
    c = worker.counters();
    QVERIFY(c.storeOpen);
    QVERIFY(jobRan.load());
    QVERIFY(c.diskFault == StoreWorker::DiskFault::None);
    QVERIFY(!c.holding);
    QCOMPARE(c.eventsWritten, before > 0 ? 1050 - before : 1000);
    QCOMPARE(c.eventsIgnored, before - 50 > 0 ? before - 50 : 0);
    QCOMPARE(c.droppedBatches + c.capDroppedBatches, 0);
    worker.stop();

    // Every event once: those of the file and those held, no hole before seq 51 either.
    const std::int64_t total = before > 0 ? 1050 : 1000;
    QCOMPARE(scalar(path, "SELECT count(*) FROM events"), total);
    QCOMPARE(scalar(path, "SELECT count(DISTINCT id) FROM events"), total);
    QCOMPARE(openStore(path)->load().cursors.at(0).seq, 1050);
    QCOMPARE(integrityCheck(path), QStringLiteral("ok"));
}

void TestStoreDiskFaults::damagedPagesAreFoundAtOpen()
{
    QTemporaryDir dir;
    const QString path = corruptDatabase(dir, false);
    QVERIFY(!path.isEmpty());
    EventStore store;
    try {
        store.open(path);
        QFAIL("a damaged file must not open");
    } catch (const StoreError &e) {
        QCOMPARE(e.code(), StoreError::Code::Corrupt);
    }
    QVERIFY(!store.isOpen());
    QVERIFY(QFile::exists(path)); // found, not touched
}

void TestStoreDiskFaults::garbageFileIsNotADatabase()
{
    QTemporaryDir dir;
    const QString path = corruptDatabase(dir, true);
    EventStore store;
    try {
        store.open(path);
        QFAIL("garbage must not open");
    } catch (const StoreError &e) {
        QCOMPARE(e.code(), StoreError::Code::Corrupt);
        QCOMPARE(e.sqliteCode() & 0xff, SQLITE_NOTADB);
    }
}

void TestStoreDiskFaults::corruptFileIsMovedAsideWithItsKeyAndRebuilt()
{
    QTemporaryDir dir;
    const QString path = corruptDatabase(dir, false);
    const QByteArray damaged = readAll(path);
    const QByteArray key = readAll(path + ".key");
    QVERIFY(!key.isEmpty());
    const QDateTime at(QDate(2026, 12, 7), QTime(9, 30, 5), Qt::UTC);

    QString error;
    const auto moved = moveCorruptAside(path, path + ".key", at, &error);
    QVERIFY2(moved, qPrintable(error));
    QCOMPARE(moved->database, path + ".corrupt-20261207-093005");
    QVERIFY(!QFile::exists(path));
    QVERIFY(!QFile::exists(path + ".key"));
    QCOMPARE(readAll(moved->database), damaged); // kept byte for byte
    QCOMPARE(readAll(moved->database + ".key"), key);

    // The same second again: a second name, the first copy untouched.
    {
        auto fresh = openStore(path);
        fresh->write(positions(1, 10));
    }
    const auto again = moveCorruptAside(path, path + ".key", at, &error);
    QVERIFY(again);
    QCOMPARE(again->database, path + ".corrupt-20261207-093005-2");
    QCOMPARE(readAll(moved->database), damaged);

    // Rebuilt: a fresh file opens, with a fresh key.
    auto rebuilt = openStore(path);
    QCOMPARE(rebuilt->load().eventsLogged, 0);
    QVERIFY(readAll(path + ".key") != key);
    const QStringList left = QDir(dir.path()).entryList({"ops.db.corrupt-*"}, QDir::Files);
    QVERIFY(left.contains("ops.db.corrupt-20261207-093005"));
    QVERIFY(left.contains("ops.db.corrupt-20261207-093005.key"));
}

QTEST_GUILESS_MAIN(TestStoreDiskFaults)
#include "tst_store_disk_faults.moc"
