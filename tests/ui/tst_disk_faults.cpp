// Disk faults as the user meets them (issue 15): the status bar says the console runs
// from memory and clears once the disk is back; a corrupt database stops the start
// until the user (dialog) or --rebuild-corrupt agrees to move it aside, and the board is
// rebuilt from the gateway's snapshot; events dropped at the memory cap are restored by
// a resync. A scripted gateway publishes exactly what the test decides; SQLite's own
// fault injection (FaultVfs) plays the disk.

#include "../store/FaultVfs.h"
#include "../store/StoreFixtures.h"
#include "ScriptedGateway.h"

#include "app/runtime/ConsoleRuntime.h"
#include "app/shell/CorruptDatabaseDialog.h"
#include "app/shell/StoreStatusLabel.h"
#include "core/model/Event.h"
#include "store/db/StoreWorker.h"
#include "store/log/EventStore.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <atomic>

using namespace opsdeck;
using opsdeck::store::test::scalar;
using opsdeck::feed::test::ScriptedGateway;
using opsdeck::store::test::FaultVfs;

namespace {

constexpr const char *kDepot = "BJ-CY-01";

core::StoreBatch positions(std::int64_t firstSeq, int count)
{
    core::StoreBatch b;
    for (int i = 0; i < count; ++i) {
        core::Event e;
        e.kind = core::EventKind::RiderPosition;
        e.epoch = "gw1";
        e.depot = kDepot;
        e.seq = firstSeq + i;
        e.id = "e-" + std::to_string(e.seq);
        e.tsMs = 1796630400000 + e.seq;
        e.riderId = "r-1";
        e.raw = R"({"v":1,"type":"rider.position"})";
        b.events.push_back(std::move(e));
    }
    b.applied = count;
    return b;
}

// A real console database, then garbage over every page but the header's.
void corrupt(const QString &path)
{
    {
        store::EventStore s;
        s.open(path);
        s.write(positions(1, 2000));
    }
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QByteArray garbage(8192, '\0');
    for (int i = 0; i < garbage.size(); ++i)
        garbage[i] = static_cast<char>((i * 131 + 7) % 251);
    for (qint64 at = 8192; at < file.size(); at += 8192) {
        file.seek(at);
        file.write(garbage);
    }
}

app::RuntimeOptions runtimeOptions(const ScriptedGateway &gw, const QString &dbPath)
{
    app::RuntimeOptions o;
    o.feed = gw.feedEndpoint();
    o.snapshot = gw.snapshotEndpoint();
    o.control = gw.controlEndpoint();
    o.dbPath = dbPath;
    o.clockMs = [] { return std::int64_t{1796630400000}; };
    o.storeRetryMaxMs = 10;
    return o;
}

QJsonObject storeStats(const app::ConsoleRuntime &runtime)
{
    return runtime.statsJson().value(QStringLiteral("store")).toObject();
}

} // namespace

class TestDiskFaults final : public QObject
{
    Q_OBJECT

private slots:
    void statusBarSaysTheConsoleRunsFromMemoryAndClears_data();
    void statusBarSaysTheConsoleRunsFromMemoryAndClears();
    void dialogOffersToMoveAsideOrQuit();
    void corruptDatabaseStopsTheStartUntilRebuildIsAsked();
    void eventsDroppedAtTheCapAreRestoredByAResync();
    void unwritableDatabaseAtStartRunsFromMemoryThenWrites_data();
    void unwritableDatabaseAtStartRunsFromMemoryThenWrites();
};

void TestDiskFaults::statusBarSaysTheConsoleRunsFromMemoryAndClears_data()
{
    QTest::addColumn<int>("fault");
    QTest::addColumn<QString>("text");
    QTest::newRow("disk full") << int(FaultVfs::Fault::Full) << QStringLiteral("Disk full: holding %1 events in memory");
    QTest::newRow("read-only") << int(FaultVfs::Fault::ReadOnly)
                               << QStringLiteral("Database read-only: holding %1 events in memory");
}

void TestDiskFaults::statusBarSaysTheConsoleRunsFromMemoryAndClears()
{
    QFETCH(int, fault);
    QFETCH(QString, text);
    FaultVfs vfs;
    QTemporaryDir dir;
    auto eventStore = std::make_unique<store::EventStore>();
    eventStore->open(dir.filePath("ops.db"));
    store::StoreWorker::Options options;
    options.retryInitial = std::chrono::milliseconds(2);
    options.retryMax = std::chrono::milliseconds(10);
    store::StoreWorker worker(std::move(eventStore), options);

    QStatusBar bar;
    auto *label = new app::StoreStatusLabel([&worker] { return worker.counters(); });
    label->setRefreshInterval(5);
    bar.addPermanentWidget(label);
    bar.show();
    QVERIFY(QTest::qWaitForWindowExposed(&bar));
    label->refresh();
    QVERIFY(!label->isVisible()); // nothing to say while the disk is fine

    vfs.set(static_cast<FaultVfs::Fault>(fault));
    worker.submit(positions(1, 600));
    worker.submit(positions(601, 634));
    QTRY_COMPARE(label->text(), text.arg(QLocale().toString(1234)));
    QVERIFY(label->isVisible());
    QVERIFY(label->toolTip().contains(QStringLiteral("keeps running from memory")));

    vfs.set(FaultVfs::Fault::None);
    QTRY_VERIFY(!label->isVisible());
    QVERIFY(worker.waitUntilIdle(std::chrono::seconds(10)));
    QCOMPARE(worker.counters().eventsWritten, 1234);
}

void TestDiskFaults::dialogOffersToMoveAsideOrQuit()
{
    const QString path = QStringLiteral("/var/lib/opsdeck/ops.db");
    for (const char *button : {"rebuildButton", "quitButton"}) {
        app::CorruptDatabaseDialog dialog(path, QStringLiteral("database disk image is malformed"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.findChild<QLabel *>("pathLabel")->text().contains(path));
        QCOMPARE(dialog.findChild<QPlainTextEdit *>("problemText")->toPlainText(),
                 QStringLiteral("database disk image is malformed"));
        const QString offer = dialog.findChild<QLabel *>("offerLabel")->text();
        QVERIFY(offer.contains(path + ".corrupt-"));
        QVERIFY(offer.contains(QStringLiteral("nothing is deleted")));
        auto *rebuild = dialog.findChild<QPushButton *>("rebuildButton");
        QVERIFY(rebuild->isDefault());
        QTest::mouseClick(dialog.findChild<QPushButton *>(button), Qt::LeftButton);
        QCOMPARE(dialog.result(), qstrcmp(button, "rebuildButton") == 0 ? QDialog::Accepted : QDialog::Rejected);
        QVERIFY(!dialog.isVisible());
    }
}

void TestDiskFaults::corruptDatabaseStopsTheStartUntilRebuildIsAsked()
{
    ScriptedGateway gw;
    gw.setOrder(kDepot, "o-1", "CREATED");
    gw.setOrder(kDepot, "o-2", "PAID");
    QTemporaryDir dir;
    const QString path = dir.filePath("ops.db");
    corrupt(path);
    const QByteArray damaged = [&] {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();

    {
        app::ConsoleRuntime refused(runtimeOptions(gw, path), [](core::ConsoleDelta &&) {});
        QString error;
        QVERIFY(!refused.start(&error));
        QVERIFY(refused.corruptDatabase());
        QVERIFY2(error.contains(QStringLiteral("malformed")) || error.contains(QStringLiteral("integrity")),
                 qPrintable(error));
    }
    QCOMPARE(QDir(dir.path()).entryList({"ops.db.corrupt-*"}, QDir::Files).size(), 0); // nothing touched

    app::RuntimeOptions options = runtimeOptions(gw, path);
    options.rebuildCorrupt = true;
    app::ConsoleRuntime runtime(options, [](core::ConsoleDelta &&) {});
    QString error;
    QVERIFY2(runtime.start(&error), qPrintable(error));
    QVERIFY(!runtime.corruptDatabase());
    const QString moved = runtime.movedAsideTo();
    QVERIFY(moved.startsWith(path + ".corrupt-"));
    QFile kept(moved);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), damaged);
    QVERIFY(QFile::exists(moved + ".key"));
    QCOMPARE(storeStats(runtime).value("corrupt_moved_to").toString(), moved);

    QTRY_COMPARE(runtime.coreCounters().orders, 2); // rebuilt from the gateway's snapshot
    QVERIFY(runtime.storeWorker()->waitUntilIdle(std::chrono::seconds(10)));
    runtime.stop();
    QCOMPARE(scalar(path, "SELECT count(*) FROM orders"), 2);
}

void TestDiskFaults::eventsDroppedAtTheCapAreRestoredByAResync()
{
    FaultVfs vfs;
    ScriptedGateway gw;
    gw.setOrder(kDepot, "o-0", "CREATED");
    QTemporaryDir dir;
    const QString path = dir.filePath("ops.db");
    app::RuntimeOptions options = runtimeOptions(gw, path);
    options.storeMaxHeldEvents = 3;
    app::ConsoleRuntime runtime(options, [](core::ConsoleDelta &&) {});
    QString error;
    QVERIFY2(runtime.start(&error), qPrintable(error));
    QTRY_COMPARE(runtime.coreCounters().orders, 1);
    QVERIFY(gw.waitForSubscriber(5000));
    QVERIFY(runtime.storeWorker()->waitUntilIdle(std::chrono::seconds(10)));
    QCOMPARE(gw.snapshotRequests(), 1); // the join

    vfs.set(FaultVfs::Fault::Full);
    gw.setOrder(kDepot, "o-1", "CREATED");
    gw.publish(kDepot, "order.created", ScriptedGateway::orderCreatedData("o-1"));
    QTRY_COMPARE(storeStats(runtime).value("disk_fault").toString(), QStringLiteral("disk_full"));
    for (int i = 2; i <= 9; ++i) {
        const std::string id = "o-" + std::to_string(i);
        gw.setOrder(kDepot, id, "CREATED");
        gw.publish(kDepot, "order.created", ScriptedGateway::orderCreatedData(id));
        QTRY_COMPARE(runtime.coreCounters().orders, i + 1); // the console keeps applying
    }
    QVERIFY(storeStats(runtime).value("dropped_at_cap").toInt() >= 1);
    QCOMPARE(storeStats(runtime).value("held_events").toInt(), 3);

    vfs.set(FaultVfs::Fault::None);
    QTRY_COMPARE(storeStats(runtime).value("resyncs_after_drop").toInt(), 1);
    QTRY_COMPARE(gw.snapshotRequests(), 2);
    QTRY_COMPARE(scalar(path, "SELECT count(*) FROM orders"), 10);
    QCOMPARE(storeStats(runtime).value("disk_fault").toString(), QStringLiteral("none"));
    runtime.stop();
    QCOMPARE(scalar(path, "SELECT count(*) FROM orders"), 10);
}

void TestDiskFaults::unwritableDatabaseAtStartRunsFromMemoryThenWrites_data()
{
    QTest::addColumn<int>("fault");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("text");
    QTest::newRow("read-only") << int(FaultVfs::Fault::ReadOnly) << QStringLiteral("read_only")
                               << QStringLiteral("Database read-only: holding %1 events in memory");
    QTest::newRow("cannot open") << int(FaultVfs::Fault::CannotOpen) << QStringLiteral("cannot_open")
                                 << QStringLiteral("Database cannot be opened: holding %1 events in memory");
}

// A database that cannot be written from the start (read-only file, directory or
// filesystem; or not even readable) used to stop the start. Now the console runs from
// memory, says so, and writes everything once the database opens.
void TestDiskFaults::unwritableDatabaseAtStartRunsFromMemoryThenWrites()
{
    QFETCH(int, fault);
    QFETCH(QString, name);
    QFETCH(QString, text);
    FaultVfs vfs;
    ScriptedGateway gw;
    gw.setOrder(kDepot, "o-1", "CREATED");
    gw.setOrder(kDepot, "o-2", "PAID");
    QTemporaryDir dir;
    const QString path = dir.filePath("ops.db");
    vfs.set(static_cast<FaultVfs::Fault>(fault));
    std::atomic<int> deltas{0};
    app::ConsoleRuntime runtime(runtimeOptions(gw, path), [&deltas](core::ConsoleDelta &&) { ++deltas; });
    QString error;
    QVERIFY2(runtime.start(&error), qPrintable(error));
    QTRY_COMPARE(runtime.coreCounters().orders, 2); // the board fills from the gateway's snapshot
    QTRY_VERIFY(deltas.load() > 0);
    QVERIFY(gw.waitForSubscriber(5000));
    for (int i = 3; i <= 5; ++i) {
        const std::string id = "o-" + std::to_string(i);
        gw.setOrder(kDepot, id, "CREATED");
        gw.publish(kDepot, "order.created", ScriptedGateway::orderCreatedData(id));
    }
    QTRY_COMPARE(runtime.coreCounters().orders, 5);
    store::StoreWorker *worker = runtime.storeWorker();
    QTRY_VERIFY(worker->counters().queuedEvents >= 3);
    QCOMPARE(storeStats(runtime).value("disk_fault").toString(), name); // what --headless prints
    QCOMPARE(storeStats(runtime).value("open").toBool(), false);
    QVERIFY(storeStats(runtime).value("held_events").toInt() >= 3);

    QStatusBar bar;
    auto *label = new app::StoreStatusLabel([worker] { return worker->counters(); });
    label->setRefreshInterval(5);
    bar.addPermanentWidget(label);
    bar.show();
    QVERIFY(QTest::qWaitForWindowExposed(&bar));
    label->refresh();
    QCOMPARE(label->text(), text.arg(QLocale().toString(worker->counters().queuedEvents)));
    QVERIFY(label->isVisible());

    vfs.set(FaultVfs::Fault::None);
    QTRY_VERIFY(!label->isVisible());
    QVERIFY(worker->waitUntilIdle(std::chrono::seconds(10)));
    QCOMPARE(storeStats(runtime).value("open").toBool(), true);
    QCOMPARE(storeStats(runtime).value("disk_fault").toString(), QStringLiteral("none"));
    const std::int64_t written = worker->counters().eventsWritten;
    runtime.stop();
    QCOMPARE(scalar(path, "SELECT count(*) FROM orders"), 5);
    QCOMPARE(scalar(path, "SELECT count(*) FROM events"), written); // nothing lost, nothing twice
    QCOMPARE(scalar(path, "SELECT count(DISTINCT id) FROM events"), written);
    QCOMPARE(scalar(path, "SELECT count(*) FROM events WHERE order_id IN ('o-3', 'o-4', 'o-5')"), 3);
    QCOMPARE(scalar(path, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
}

QTEST_MAIN(TestDiskFaults)
#include "tst_disk_faults.moc"
