#include "core/pipeline/ConsoleCore.h"
#include "core/model/Masking.h"
#include "core/pipeline/Projections.h"

#include <QTest>

#include <atomic>
#include <condition_variable>
#include <thread>
#include <mutex>
#include <set>

using namespace opsdeck::core;

namespace {
Event ev(EventKind kind, const std::string &order, std::int64_t seq, std::int64_t ts = 1000)
{
    Event e;
    e.kind = kind;
    e.epoch = "gw1";
    e.depot = "BJ-CY-01";
    e.seq = seq;
    e.id = "e-" + std::to_string(seq);
    e.tsMs = ts;
    e.orderId = order;
    return e;
}
} // namespace

class TestProjections final : public QObject
{
    Q_OBJECT
private slots:
    void orderWalksTheMachine()
    {
        Projections p;
        auto created = ev(EventKind::OrderCreated, "o1", 1, 1000);
        created.merchantId = "m-7";
        created.channel = "fresh";
        created.customerName = "张伟";
        created.customerPhone = "13812341234";
        created.promisedAtMs = 5000;
        created.customerNote = "放门卫室";
        created.priority = OrderPriority::High;
        QVERIFY(p.apply(created).outcome == Projections::Outcome::Applied);
        QVERIFY(p.apply(ev(EventKind::OrderPaid, "o1", 2, 1100)).outcome == Projections::Outcome::Applied);
        auto stock = ev(EventKind::OrderStockChecked, "o1", 3, 1200);
        stock.stockOk = true;
        p.apply(stock);
        auto dispatched = ev(EventKind::OrderDispatched, "o1", 4, 1300);
        dispatched.riderId = "r-3";
        dispatched.etaMs = 4000;
        p.apply(dispatched);
        auto eta = ev(EventKind::OrderEtaUpdated, "o1", 5, 1400);
        eta.etaMs = 4500;
        p.apply(eta);

        const OrderRecord *o = p.findOrder("o1");
        QVERIFY(o);
        QVERIFY(o->state == OrderState::Delivering);
        QCOMPARE(o->riderId, std::string("r-3"));
        QCOMPARE(o->etaMs, 4500);
        QCOMPARE(o->merchantId, std::string("m-7"));
        QCOMPARE(o->customerNote, std::string("放门卫室"));
        QVERIFY(o->priority == OrderPriority::High);
        QCOMPARE(o->createdAtMs, 1000);
        QCOMPARE(o->updatedAtMs, 1400);
        QCOMPARE(o->enteredAtMs[size_t(OrderState::Paid)], 1100);
        QCOMPARE(o->enteredAtMs[size_t(OrderState::Picking)], 1200);
        QCOMPARE(o->enteredAtMs[size_t(OrderState::Delivering)], 1300);
        QCOMPARE(p.countsByState()[size_t(OrderState::Delivering)], 1);
        QCOMPARE(p.countsByState()[size_t(OrderState::Created)], 0);
    }

    void illegalIsReportedNotApplied()
    {
        Projections p;
        p.apply(ev(EventKind::OrderCreated, "o1", 1));
        const auto r = p.apply(ev(EventKind::OrderSigned, "o1", 2));
        QVERIFY(r.outcome == Projections::Outcome::Illegal);
        QVERIFY(r.alert.has_value());
        QCOMPARE(r.alert->kind, std::string("illegal_transition"));
        QCOMPARE(r.alert->seq, 2);
        QVERIFY(p.findOrder("o1")->state == OrderState::Created);

        const auto unknown = p.apply(ev(EventKind::OrderPaid, "ghost", 3));
        QVERIFY(unknown.outcome == Projections::Outcome::Illegal);
        QCOMPARE(unknown.alert->kind, std::string("unknown_order"));
        QVERIFY(!p.findOrder("ghost"));
    }

    void snapshotOverwrites()
    {
        Projections p;
        p.apply(ev(EventKind::OrderCreated, "o1", 1));
        auto snap = ev(EventKind::OrderSnapshot, "o1", 40, 9000);
        snap.snapshotState = OrderState::Signed;
        snap.riderId = "r-9";
        snap.createdAtMs = 1000;
        snap.customerNote = "到了打电话";
        snap.priority = OrderPriority::Urgent;
        QVERIFY(p.apply(snap).outcome == Projections::Outcome::Applied);
        QCOMPARE(p.findOrder("o1")->customerNote, std::string("到了打电话"));
        QVERIFY(p.findOrder("o1")->priority == OrderPriority::Urgent);
        QVERIFY(p.findOrder("o1")->state == OrderState::Signed);
        QCOMPARE(p.findOrder("o1")->riderId, std::string("r-9"));
        QCOMPARE(p.countsByState()[size_t(OrderState::Created)], 0);
        QCOMPARE(p.countsByState()[size_t(OrderState::Signed)], 1);
    }

    void ridersMergeStatusAndPosition()
    {
        Projections p;
        Event s;
        s.kind = EventKind::RiderStatus;
        s.depot = "BJ-CY-01";
        s.riderId = "r-1";
        s.riderName = "王强";
        s.riderStatus = "idle";
        s.capacity = 3;
        s.tsMs = 10;
        p.apply(s);
        Event pos;
        pos.kind = EventKind::RiderPosition;
        pos.depot = "BJ-CY-01";
        pos.riderId = "r-1";
        pos.lat = 39.9;
        pos.lng = 116.4;
        pos.hasPosition = true;
        pos.batteryPct = 80;
        pos.tsMs = 20;
        p.apply(pos);
        const RiderRecord *r = p.findRider("r-1");
        QVERIFY(r);
        QCOMPARE(r->name, std::string("王强"));
        QCOMPARE(r->status, std::string("idle"));
        QCOMPARE(r->lat, 39.9);
        QCOMPARE(r->fixAtMs, 20);
        QCOMPARE(r->capacity, 3);
    }

    void consumersSeeLatestValuesIndependently()
    {
        Projections p;
        p.apply(ev(EventKind::OrderCreated, "o1", 1));
        p.apply(ev(EventKind::OrderPaid, "o1", 2));
        p.apply(ev(EventKind::OrderCreated, "o2", 3));
        auto store = p.takeDirtyOrders(Projections::Consumer::Store);
        QCOMPARE(store.size(), 2u); // o1 once, at its latest value
        QVERIFY(p.takeDirtyOrders(Projections::Consumer::Store).empty());
        auto gui = p.takeDirtyOrders(Projections::Consumer::Gui);
        QCOMPARE(gui.size(), 2u);
        for (const auto &o : gui) {
            if (o.orderId == "o1")
                QVERIFY(o.state == OrderState::Paid);
        }
    }

    void coreLogsEverythingAndThrottlesTheGui()
    {
        std::mutex m;
        std::condition_variable cv;
        std::vector<StoreBatch> stored;
        std::vector<ConsoleDelta> deltas;
        ConsoleCore core(
            Projections{},
            [&](StoreBatch &&b) {
                std::lock_guard l(m);
                stored.push_back(std::move(b));
                cv.notify_all();
            },
            [&](ConsoleDelta &&d) {
                std::lock_guard l(m);
                deltas.push_back(std::move(d));
            },
            [] {
                ConsoleCore::Options o;
                o.maxDeltasPerSecond = 10;
                return o;
            }());
        core.start();
        std::int64_t seq = 0;
        for (int batch = 0; batch < 50; ++batch) {
            FeedBatch fb;
            const std::string id = "o" + std::to_string(batch);
            fb.events.push_back(ev(EventKind::OrderCreated, id, ++seq));
            fb.events.push_back(ev(EventKind::OrderPaid, id, ++seq));
            fb.events.push_back(ev(EventKind::OrderSigned, id, ++seq)); // illegal: kept, not applied
            fb.cursors.push_back({"BJ-CY-01", "gw1", seq});
            core.post(std::move(fb));
        }
        core.stop();
        std::int64_t events = 0, alerts = 0;
        std::int64_t lastCursor = 0;
        for (const auto &b : stored) {
            events += std::int64_t(b.events.size());
            alerts += std::int64_t(b.alerts.size());
            for (const auto &c : b.cursors)
                lastCursor = std::max(lastCursor, c.seq);
        }
        QCOMPARE(events, 150);
        QCOMPARE(alerts, 50);
        QCOMPARE(lastCursor, 150);
        const auto c = core.counters();
        QCOMPARE(c.applied, 100);
        QCOMPARE(c.illegal, 50);
        QCOMPARE(c.orders, 50);
        QCOMPARE(c.ordersByState[size_t(OrderState::Paid)], 50);
        // The GUI saw every order at least once, at its latest value, in few deltas.
        std::set<std::string> seen;
        for (const auto &d : deltas)
            for (const auto &o : d.orders)
                seen.insert(o.orderId);
        QCOMPARE(seen.size(), 50u);
        QVERIFY(deltas.size() <= 50);
        QCOMPARE(core.fullPicture().orders.size(), 50u);
    }

    void observersSeeEveryLiveEventAndTick()
    {
        struct Recorder final : CoreObserver {
            std::mutex m;
            std::vector<std::pair<std::string, bool>> events;
            std::vector<std::int64_t> ticks;
            OrderState seenState = OrderState::Unknown;
            void onEvent(const Event &e, bool applied, const Projections &p) override
            {
                std::lock_guard l(m);
                events.emplace_back(e.orderId, applied);
                if (const auto *o = p.findOrder(e.orderId))
                    seenState = o->state; // projections already include the event
            }
            void onTick(const Projections &, std::int64_t wallMs) override
            {
                std::lock_guard l(m);
                ticks.push_back(wallMs);
            }
        } recorder;
        ConsoleCore::Options options;
        options.tickIntervalMs = 20;
        options.wallClockMs = [] { return std::int64_t{424242}; };
        ConsoleCore core(Projections{}, {}, {}, options);
        core.addObserver(&recorder);
        core.start();
        FeedBatch fb;
        fb.events.push_back(ev(EventKind::OrderCreated, "o1", 1));
        fb.events.push_back(ev(EventKind::OrderPaid, "o1", 2));
        fb.events.push_back(ev(EventKind::OrderSigned, "o1", 3)); // illegal from PAID
        core.post(std::move(fb));
        QTRY_VERIFY_WITH_TIMEOUT(([&] { std::lock_guard l(recorder.m); return recorder.ticks.size() >= 2; }()), 5000);
        core.stop();
        std::lock_guard l(recorder.m);
        QCOMPARE(recorder.events.size(), std::size_t{3});
        QVERIFY(recorder.events[0].second && recorder.events[1].second);
        QVERIFY(!recorder.events[2].second);
        QVERIFY(recorder.seenState == OrderState::Paid);
        QCOMPARE(recorder.ticks.front(), std::int64_t{424242});
    }

    void postWaitsWhileTheCoreIsFullAndStopWaitingReleasesIt()
    {
        // A store sink that cannot take anything until released: the core stops draining
        // its queue, and the feed thread (here: a plain thread) must wait in post().
        std::mutex m;
        std::condition_variable cv;
        bool open = false;
        ConsoleCore::Options options;
        options.maxQueuedEvents = 50;
        std::atomic<int> stored{0};
        std::atomic<bool> sinkEntered{false};
        ConsoleCore core(
            Projections{},
            [&](StoreBatch &&b) {
                sinkEntered = true;
                std::unique_lock l(m);
                cv.wait(l, [&] { return open; });
                stored += static_cast<int>(b.events.size());
            },
            {}, options);
        core.start();
        auto batchOf20 = [](int first) {
            FeedBatch fb;
            for (int k = 0; k < 20; ++k)
                fb.events.push_back(ev(EventKind::RiderPosition, "", first + k));
            return fb;
        };
        core.post(batchOf20(1));
        QTRY_VERIFY(sinkEntered.load()); // the core is now stuck handing its first batch over
        std::atomic<int> posted{0};
        std::thread feed([&] {
            for (int i = 1; i < 10; ++i) {
                core.post(batchOf20(i * 20 + 1));
                ++posted;
            }
        });
        QTRY_VERIFY(core.counters().postWaits >= 1);
        QCOMPARE(posted.load(), 3); // 60 events queued behind the stuck one: the fourth post waits
        // Shutdown with the store still stuck: the feed thread must be joinable.
        core.stopWaiting();
        feed.join();
        QCOMPARE(posted.load(), 9);
        {
            std::lock_guard l(m);
            open = true;
        }
        cv.notify_all();
        core.stop();
        QCOMPARE(stored.load(), 200); // nothing lost on the way
    }

    void masking()
    {
        QCOMPARE(maskPhone("13812341234"), QString("138****1234"));
        QCOMPARE(maskPhone("123"), QString("***"));
        QCOMPARE(maskName(QString::fromUtf8("张伟")), QString::fromUtf8("张*"));
        QCOMPARE(maskName("Zhang Wei"), QString("Z********"));
        QCOMPARE(maskName(QString()), QString());
        QCOMPARE(maskAddress(QString::fromUtf8("朝阳区建国路88号3单元502")), QString::fromUtf8("朝阳区建国路****"));
    }
};

QTEST_GUILESS_MAIN(TestProjections)
#include "tst_projections.moc"
