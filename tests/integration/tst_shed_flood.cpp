// Issue 16, bounded memory: a gateway that publishes more than the console's queues may
// hold while the store is stuck. The console sheds (counted by depot and reason), marks
// the depots stale, resyncs them from the snapshot and ends with every order equal to the
// gateway's truth. Real sim::Gateway on tcp loopback (paused, advanced with step()), the
// real feed/core/store threads and SQLite file; tiny bounds injected through the options;
// the store thread held by a job the test releases; the resync policy's clock injected.
#include "app/runtime/ConsoleRuntime.h"
#include "core/model/OrderState.h"
#include "sim/Gateway.h"
#include "store/db/StoreWorker.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>

using namespace opsdeck;

namespace {

constexpr std::int64_t kStart = 1795312800000; // 2026-11-22T02:00:00Z

sim::GatewayOptions gatewayOptions()
{
    sim::GatewayOptions g;
    g.seed = 16;
    g.riders = 40;
    g.ordersPerMin = 600;
    g.startMs = kStart;
    g.feedBind = "tcp://127.0.0.1:*";
    g.snapshotBind = "tcp://127.0.0.1:*";
    g.controlBind = "tcp://127.0.0.1:*";
    return g;
}

// Blocks the store thread until released: the store "falls behind" exactly while the
// test says so.
struct StoreHold {
    std::mutex mutex;
    std::condition_variable released;
    bool release = false;
    std::atomic<bool> holding{false};

    void hold(store::StoreWorker &worker)
    {
        worker.post([this](store::EventStore &) {
            holding = true;
            std::unique_lock lock(mutex);
            released.wait(lock, [this] { return release; });
        });
    }
    void letGo()
    {
        {
            std::lock_guard lock(mutex);
            release = true;
        }
        released.notify_all();
    }
};

int differing(const app::ConsoleRuntime &runtime, const std::map<std::string, std::string> &truth)
{
    std::map<std::string, core::OrderState> held;
    for (const auto &o : runtime.fullPicture().orders)
        held.emplace(o.orderId, o.state);
    int n = 0;
    for (const auto &[id, state] : truth) {
        const auto it = held.find(id);
        if (it == held.end() || core::toString(it->second) != state)
            ++n;
    }
    return n;
}

} // namespace

class TestShedFlood final : public QObject
{
    Q_OBJECT

private slots:
    void shedDepotsResyncToTheGatewaysTruth()
    {
        QTemporaryDir dir;
        sim::Gateway gw(gatewayOptions());
        gw.start();
        gw.setPaused(true);

        std::atomic<std::int64_t> syncMs{1000};
        app::RuntimeOptions o;
        o.feed = gw.feedEndpoint();
        o.snapshot = gw.snapshotEndpoint();
        o.control = gw.controlEndpoint();
        o.dbPath = dir.filePath("console.db");
        o.clockMs = [] { return kStart; };
        o.coreMaxQueuedEvents = 40;
        o.storeMaxQueuedEvents = 20;
        o.feedTuning.syncClockMs = [&syncMs] { return syncMs.load(); };
        app::ConsoleRuntime runtime(o, nullptr);
        QString error;
        QVERIFY2(runtime.start(&error), qPrintable(error));
        const core::FeedStats &stats = runtime.feedStats();
        QTRY_VERIFY_WITH_TIMEOUT(stats.resyncs.load() >= 1, 10000); // joined

        StoreHold hold;
        hold.hold(*runtime.storeWorker());
        QTRY_VERIFY_WITH_TIMEOUT(hold.holding.load(), 10000);
        for (int i = 0; i < 12; ++i) // two minutes of a busy city: thousands of events
            QVERIFY(gw.step(10000) > 0);

        QTRY_VERIFY_WITH_TIMEOUT(stats.shedEvents.load() > 0 && stats.staleDepots.load() > 0, 10000);
        const QJsonObject shed = runtime.statsJson().value(QStringLiteral("shed")).toObject();
        QVERIFY(shed.value(QStringLiteral("events")).toInteger() > 0);
        QVERIFY(shed.value(QStringLiteral("by_reason")).toObject().value(QStringLiteral("queue_events")).toInteger()
                > 0);
        QVERIFY(!shed.value(QStringLiteral("by_depot")).toObject().isEmpty());
        QVERIFY(!shed.value(QStringLiteral("stale_depots")).toArray().isEmpty());

        // The store catches up; the backed-off resyncs fall due on the sync clock.
        // Each look moves that clock on by a second, so a depot shed again while its
        // replay drains still gets its next (backed-off) snapshot.
        hold.letGo();
        const auto truth = gw.truthOrderStates();
        QVERIFY(!truth.empty());
        const auto settled = [&] {
            syncMs += 1000;
            return stats.staleDepots.load() == 0 && differing(runtime, truth) == 0;
        };
        QTRY_VERIFY_WITH_TIMEOUT(settled(), 20000);
        QVERIFY(runtime.statsJson()
                    .value(QStringLiteral("shed"))
                    .toObject()
                    .value(QStringLiteral("stale_depots"))
                    .toArray()
                    .isEmpty());
        runtime.stop();
        gw.stop();
    }
};

QTEST_GUILESS_MAIN(TestShedFlood)
#include "tst_shed_flood.moc"
