// Position history for replay, on a real SQLite file through the real store thread:
// rider.position events collected by PositionRecorder (as on the core thread), written
// by StoreWorker jobs, read back by the host's RiderHistoryService; "the fleet at T" is
// exactly what was stored for T, and MapView shows it. The latest table keeps one row per
// rider, its newest fix; the history keeps every fix in arrival order.
#include "MapFixtures.h"
#include "app/shell/ConsoleContextAdapter.h"
#include "app/features/map/PositionRecorder.h"
#include "app/features/map/RiderHistoryHost.h"
#include "core/model/Event.h"
#include "store/log/EventStore.h"
#include "store/map/PositionHistory.h"
#include "store/db/Sqlite.h"
#include "store/db/StoreWorker.h"
#include "widgets/map/MapPanel.h"
#include "widgets/map/MapView.h"

#include <QComboBox>
#include <QPointer>
#include <QSlider>
#include <QToolButton>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace opsdeck;

namespace {

std::string riderId(int rider)
{
    return QStringLiteral("R%1").arg(rider).toStdString();
}

constexpr qint64 kT0 = 1'790'000'000'000;

double latOf(int rider, int second) { return 39.90 + rider * 0.01 + second * 1e-4; }
double lngOf(int rider, int second) { return 116.40 + rider * 0.01 - second * 5e-5; }

core::Event position(int rider, int second)
{
    core::Event e;
    e.kind = core::EventKind::RiderPosition;
    e.riderId = riderId(rider);
    e.tsMs = kT0 + second * 1000LL;
    e.lat = latOf(rider, second);
    e.lng = lngOf(rider, second);
    e.hasPosition = true;
    e.speedMps = 4.0 + rider;
    e.headingDeg = 90;
    e.batteryPct = 80 - second / 10.0;
    return e;
}

core::Event status(int rider, const char *st)
{
    core::Event e;
    e.kind = core::EventKind::RiderStatus;
    e.riderId = riderId(rider);
    e.riderName = QStringLiteral("Rider %1").arg(rider).toStdString();
    e.riderStatus = st;
    e.tsMs = kT0;
    return e;
}

} // namespace

// Counts the ticks of the replay bar's play timer (the panel's repeating 250 ms QTimer,
// the only one in these tests) by watching every object's timer events.
class PlayTicks final : public QObject
{
public:
    int count = 0;
    bool otherTimer = false; // a second timer matched: the count would mean nothing

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Timer)
            if (auto *t = qobject_cast<QTimer *>(watched); t && t->interval() == 250 && !t->isSingleShot()) {
                if (m_timer && m_timer != t)
                    otherTimer = true;
                m_timer = t;
                ++count;
            }
        return false;
    }

public:
    // The play timer once it ticked: stopped means no tick is to come.
    QPointer<QTimer> timer() const { return m_timer; }

private:
    QPointer<QTimer> m_timer;
};

class TestPositionHistory final : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<store::StoreWorker> m_worker;
    app::PositionRecorder m_recorder{app::PositionRecorder::Options{10000, 24LL * 3600 * 1000}};
    core::Projections m_projections;

    QList<sdk::RiderRow> fleetAt(app::RiderHistoryHost &host, qint64 at)
    {
        QSignalSpy spy(&host, &sdk::RiderHistoryService::fleetAt);
        host.requestFleetAt(at);
        if (!spy.wait(5000))
            return {};
        [&] { QCOMPARE(spy.last().at(0).toLongLong(), at); }();
        return spy.last().at(1).value<QList<sdk::RiderRow>>();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto es = std::make_unique<store::EventStore>();
        es->open(m_dir.filePath(QStringLiteral("ops.db")));
        m_worker = std::make_unique<store::StoreWorker>(std::move(es));
        m_recorder.setStore(*m_worker);
        // Three riders report once a second for 60 s; the core ticks every 5 s.
        m_recorder.onEvent(status(0, "delivering"), true, m_projections);
        m_recorder.onEvent(status(1, "idle"), true, m_projections);
        m_recorder.onEvent(status(2, "to_pickup"), true, m_projections);
        for (int s = 0; s <= 60; ++s) {
            for (int r = 0; r < 3; ++r)
                if (!(r == 2 && s < 20)) // rider 2 starts reporting at 20 s
                    m_recorder.onEvent(position(r, s), true, m_projections);
            if (s == 45) // a late fix from 30 s arrives after the 45 s one
                m_recorder.onEvent(position(1, 30), true, m_projections);
            if (s % 5 == 4)
                m_recorder.onTick(m_projections, kT0 + s * 1000LL);
        }
        core::Event rejected = position(0, 61);
        m_recorder.onEvent(rejected, false, m_projections); // not applied: not recorded
        m_recorder.onTick(m_projections, kT0 + 61000);
        QVERIFY(m_worker->waitUntilIdle(std::chrono::seconds(10)));
        QCOMPARE(m_recorder.fixesPosted(), 61 * 3 - 20 + 1);
        QCOMPARE(m_worker->counters().jobErrors, 0);
    }

    void historyIsAppendOnlyWithoutSecondaryIndex()
    {
        // Read the schema through the store thread, as any feature would.
        std::vector<std::string> indexes;
        std::int64_t rows = 0;
        m_worker->post([&](store::EventStore &s) {
            store::Statement st = s.database().prepare(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'rider_position_history'");
            while (st.step())
                indexes.push_back(st.columnText(0));
            rows = s.database().queryInt("SELECT COUNT(*) FROM rider_position_history");
        });
        QVERIFY(m_worker->waitUntilIdle(std::chrono::seconds(5)));
        QVERIFY(indexes.empty());
        QCOMPARE(rows, 61 * 3 - 20 + 1);
    }

    void replayAtTShowsWhatWasStoredForT()
    {
        app::RiderHistoryHost host(m_worker.get());
        for (int second : {3, 9, 10, 17, 23, 37, 44, 52, 60}) {
            const qint64 at = kT0 + second * 1000LL + 400; // between two fixes
            const QList<sdk::RiderRow> fleet = fleetAt(host, at);
            QCOMPARE(fleet.size(), second >= 20 ? 3 : 2);
            for (const sdk::RiderRow &r : fleet) {
                const int rider = r.riderId.mid(1).toInt();
                QCOMPARE(r.fixAtMs, kT0 + second * 1000LL);
                QCOMPARE(r.lat, latOf(rider, second));
                QCOMPARE(r.lng, lngOf(rider, second));
                QCOMPARE(r.speedMps, 4.0 + rider);
                QCOMPARE(r.name, QStringLiteral("Rider %1").arg(rider));
                QCOMPARE(r.status, QString::fromLatin1(rider == 0 ? "delivering" : rider == 1 ? "idle" : "to_pickup"));
            }
        }
        // Before the first fix: nobody. The late 30 s fix never overrides a newer one.
        QVERIFY(fleetAt(host, kT0 - 1).isEmpty());
        const QList<sdk::RiderRow> at46 = fleetAt(host, kT0 + 46000);
        for (const sdk::RiderRow &r : at46)
            QCOMPARE(r.fixAtMs, kT0 + 46000);

        QSignalSpy range(&host, &sdk::RiderHistoryService::rangeKnown);
        host.requestRange();
        QVERIFY(range.wait(5000));
        QCOMPARE(range.last().at(0).toLongLong(), kT0);
        QCOMPARE(range.last().at(1).toLongLong(), kT0 + 60000);
    }

    void draggingCollapsesRequests()
    {
        app::RiderHistoryHost host(m_worker.get());
        QSignalSpy spy(&host, &sdk::RiderHistoryService::fleetAt);
        for (int s = 1; s <= 30; ++s)
            host.requestFleetAt(kT0 + s * 1000LL);
        QTRY_COMPARE(spy.count() > 0 && spy.last().at(0).toLongLong() == kT0 + 30000, true);
        // Any other query would have been posted by now: once the store thread is idle and
        // its answers are delivered (twice: an answer may start the next query), all came.
        for (int round = 0; round < 2; ++round) {
            QVERIFY(m_worker->waitUntilIdle(std::chrono::seconds(5)));
            QCoreApplication::sendPostedEvents();
        }
        QVERIFY(spy.count() <= 2); // the first, then only the newest
        QCOMPARE(spy.last().at(0).toLongLong(), kT0 + 30000);
    }

    void mapViewShowsTheReplayedFleet()
    {
        app::RiderHistoryHost host(m_worker.get());
        widgets::MapView view;
        view.resize(800, 600);
        view.setBaseMap(widgets::CityBaseMap::builtIn());
        view.setClock([] { return kT0 + 120000; });
        sdk::RiderRow live;
        live.riderId = QStringLiteral("R0");
        live.status = QStringLiteral("idle");
        live.lat = 39.8;
        live.lng = 116.3;
        live.fixAtMs = kT0 + 120000;
        view.enqueueRiders({live});
        view.flushPending();
        view.setZoom(15);
        view.setCenter(QGeoCoordinate(latOf(0, 30), lngOf(0, 30)));

        const qint64 at = kT0 + 30000;
        view.showFleetAt(fleetAt(host, at), at);
        QVERIFY(view.inReplay());
        QCOMPARE(view.riderCount(), 3);
        const QPointF expected = view.viewport().toScreen(widgets::mercator::project(latOf(0, 30), lngOf(0, 30)));
        QVERIFY(QLineF(view.screenPositionOf(QStringLiteral("R0")), expected).length() < 0.01);
        QCOMPARE(view.riderAt(expected), QStringLiteral("R0"));
        // Live rows keep coming during the replay but do not disturb it.
        live.lat = 39.85;
        view.enqueueRiders({live});
        view.flushPending();
        QVERIFY(QLineF(view.screenPositionOf(QStringLiteral("R0")), expected).length() < 0.01);
        view.leaveReplay();
        QCOMPARE(view.riderCount(), 1);
        QVERIFY(QLineF(view.screenPositionOf(QStringLiteral("R0")),
                       view.viewport().toScreen(widgets::mercator::project(39.85, 116.3))).length() < 0.01);
    }

    // Each speed of the replay bar, from 25 s into the stored minute. The play timer ticks
    // every 250 ms and each tick moves speed x 250 ms of history: counted ticks give the
    // exact slider position, whatever the machine's load (a loaded machine delivers fewer
    // ticks, never a different step).
    void replayBarDrivesTheMap_data()
    {
        QTest::addColumn<int>("speed");
        QTest::addColumn<int>("target"); // seconds of history to play before pausing
        // At least two ticks each (20x: three).
        QTest::newRow("1x") << 1 << 26;
        QTest::newRow("2x") << 2 << 26;
        QTest::newRow("5x") << 5 << 27;
        QTest::newRow("10x") << 10 << 30;
        QTest::newRow("20x") << 20 << 40;
    }

    void replayBarDrivesTheMap()
    {
        QFETCH(int, speed);
        QFETCH(int, target);
        // The panel as the dispatcher plugin builds it, on a context that offers the
        // host's history service.
        app::ConsoleContextAdapter context({QStringLiteral("dispatcher"), QStringLiteral("li"), true});
        app::RiderHistoryHost host(m_worker.get());
        context.provide<sdk::RiderHistoryService>(&host);
        widgets::MapPanel panel;
        panel.resize(900, 600);
        panel.attach(&context);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto *bar = panel.findChild<QWidget *>(QStringLiteral("replayBar"));
        auto *replay = panel.findChild<QToolButton *>(QStringLiteral("replayButton"));
        auto *play = panel.findChild<QToolButton *>(QStringLiteral("playButton"));
        auto *slider = panel.findChild<QSlider *>(QStringLiteral("timeSlider"));
        auto *speedCombo = panel.findChild<QComboBox *>(QStringLiteral("speedCombo"));
        QVERIFY(bar && replay && play && slider && speedCombo);
        QVERIFY(bar->isVisible());
        widgets::MapView *map = panel.mapView();

        replay->click();
        QTRY_VERIFY(slider->isEnabled());
        QCOMPARE(slider->maximum(), 60); // seconds of stored history
        QTRY_VERIFY(map->inReplay());
        QTRY_COMPARE(map->replayAtMs(), kT0 + 60000);
        slider->setValue(25);
        QTRY_COMPARE(map->replayAtMs(), kT0 + 25000);
        QCOMPARE(map->riderCount(), 3);
        map->setZoom(16);
        map->setCenter(QGeoCoordinate(latOf(1, 25), lngOf(1, 25)));
        const QPointF at = map->viewport().toScreen(widgets::mercator::project(latOf(1, 25), lngOf(1, 25)));
        QCOMPARE(map->riderAt(at), QStringLiteral("R1"));

        speedCombo->setCurrentIndex(speedCombo->findData(speed));
        QVERIFY(speedCombo->currentIndex() >= 0);
        QCOMPARE(speedCombo->currentText(), QStringLiteral("%1×").arg(speed));
        if (speed == 20) { // auto-follow through the replay
            map->selectRider(QStringLiteral("R1"));
            map->setFollowSelected(true);
        }
        PlayTicks ticks;
        qApp->installEventFilter(&ticks);
        play->click();
        QTRY_VERIFY_WITH_TIMEOUT(slider->value() >= target, 10000 + 3000 * (target - 25) / speed);
        play->click(); // a second click pauses
        qApp->removeEventFilter(&ticks);
        QVERIFY(!play->isChecked());
        const int moved = slider->value() - 25;
        QTRY_COMPARE(map->replayAtMs(), kT0 + slider->value() * 1000LL);
        QVERIFY(ticks.count > 0 && !ticks.otherTimer);
        QCOMPARE(moved, (25000 + ticks.count * 250 * speed) / 1000 - 25);
        // Paused: the play timer is stopped, so no tick is to come, and what is queued
        // moves nothing.
        QVERIFY(ticks.timer() && !ticks.timer()->isActive());
        QCoreApplication::sendPostedEvents();
        QCOMPARE(slider->value(), 25 + moved);

        if (speed == 20) {
            // The selected rider stays in the centre through the replay...
            QTRY_VERIFY(map->center().distanceTo(QGeoCoordinate(latOf(1, int((map->replayAtMs() - kT0) / 1000)),
                                                                lngOf(1, int((map->replayAtMs() - kT0) / 1000)))) < 1.0);
            play->click(); // ...and playing on stops at the end of the history
            QTRY_VERIFY_WITH_TIMEOUT(!play->isChecked(), 8000);
            QCOMPARE(slider->value(), 60);
            QTRY_COMPARE(map->replayAtMs(), kT0 + 60000);
        }

        replay->click();
        QVERIFY(!map->inReplay());
        QCOMPARE(map->riderCount(), 0); // the live fleet of this context is empty
    }

    // rider_position_latest holds one row per rider with its newest fix (rider 1's late
    // 30 s fix, arriving after the 45 s one, does not replace the 60 s fix), while the
    // history keeps every fix, the late one included, in arrival order.
    void latestTableHoldsEachRidersNewestFix()
    {
        struct Latest {
            std::string riderId;
            std::int64_t tsMs;
            double lat, lng;
            std::string status;
        };
        std::vector<Latest> latest;
        std::vector<std::int64_t> rider1;
        m_worker->post([&](store::EventStore &s) {
            store::Statement st = s.database().prepare(
                "SELECT rider_id, ts_ms, lat, lng, status FROM rider_position_latest ORDER BY rider_id");
            while (st.step())
                latest.push_back({st.columnText(0), st.columnInt(1), st.columnDouble(2), st.columnDouble(3), st.columnText(4)});
            store::Statement h = s.database().prepare("SELECT ts_ms FROM rider_position_history WHERE rider_id = 'R1' ORDER BY rowid");
            while (h.step())
                rider1.push_back(h.columnInt(0));
        });
        QVERIFY(m_worker->waitUntilIdle(std::chrono::seconds(5)));
        QCOMPARE(latest.size(), std::size_t(3));
        for (int r = 0; r < 3; ++r) {
            QCOMPARE(latest[std::size_t(r)].riderId, riderId(r));
            QCOMPARE(latest[std::size_t(r)].tsMs, kT0 + 60000); // not the unapplied 61 s fix either
            QCOMPARE(latest[std::size_t(r)].lat, latOf(r, 60));
            QCOMPARE(latest[std::size_t(r)].lng, lngOf(r, 60));
        }
        QCOMPARE(latest[0].status, std::string("delivering"));
        std::vector<std::int64_t> arrived;
        for (int s = 0; s <= 60; ++s) {
            arrived.push_back(kT0 + s * 1000LL);
            if (s == 45)
                arrived.push_back(kT0 + 30000);
        }
        QCOMPARE(rider1, arrived);
    }

    // A new rider's status event, stamped a little after its first fix (a device clock
    // behind the gateway's), reaches the store in the same tick and is written first: the
    // fix must still become the latest position, and the keyframe of that tick must hold it.
    void firstFixOlderThanItsStatusStillCounts()
    {
        QTemporaryDir dir;
        auto es = std::make_unique<store::EventStore>();
        es->open(dir.filePath(QStringLiteral("fresh.db")));
        store::StoreWorker worker(std::move(es));
        app::PositionRecorder recorder(app::PositionRecorder::Options{1000, 24LL * 3600 * 1000});
        recorder.setStore(worker);
        core::Event st = status(7, "idle");
        st.tsMs = kT0 + 1500;
        recorder.onEvent(position(7, 1), true, m_projections);
        recorder.onEvent(st, true, m_projections);
        recorder.onTick(m_projections, kT0 + 2000);
        std::vector<store::PositionFix> fleet;
        std::int64_t rows = 0, ts = 0;
        double lat = 0;
        worker.post([&](store::EventStore &s) {
            rows = s.database().queryInt("SELECT COUNT(*) FROM rider_position_latest");
            ts = s.database().queryInt("SELECT ts_ms FROM rider_position_latest WHERE rider_id = 'R7'");
            store::Statement q = s.database().prepare("SELECT lat FROM rider_position_latest WHERE rider_id = 'R7'");
            if (q.step())
                lat = q.columnDouble(0);
            fleet = store::PositionHistory::fleetAt(s.database(), kT0 + 1200);
        });
        QVERIFY(worker.waitUntilIdle(std::chrono::seconds(5)));
        QCOMPARE(rows, 1);
        QCOMPARE(ts, kT0 + 1000);
        QCOMPARE(lat, latOf(7, 1));
        QCOMPARE(fleet.size(), std::size_t(1)); // replay at that moment shows the rider
        QCOMPARE(fleet[0].lat, latOf(7, 1));
        QCOMPARE(fleet[0].status, std::string("idle"));

        // Then the usual rule: a newer fix replaces it, an older one arriving late does not.
        recorder.onEvent(position(7, 3), true, m_projections);
        recorder.onEvent(position(7, 2), true, m_projections);
        recorder.onTick(m_projections, kT0 + 4000);
        worker.post([&](store::EventStore &s) {
            rows = s.database().queryInt("SELECT COUNT(*) FROM rider_position_latest");
            ts = s.database().queryInt("SELECT ts_ms FROM rider_position_latest WHERE rider_id = 'R7'");
        });
        QVERIFY(worker.waitUntilIdle(std::chrono::seconds(5)));
        QCOMPARE(rows, 1);
        QCOMPARE(ts, kT0 + 3000);
        worker.stop();
    }

    void pruneKeepsTheLastKeyframe()
    {
        m_worker->post([](store::EventStore &s) { store::PositionHistory::prune(s.database(), kT0 + 35000); });
        QVERIFY(m_worker->waitUntilIdle(std::chrono::seconds(5)));
        app::RiderHistoryHost host(m_worker.get());
        const QList<sdk::RiderRow> fleet = fleetAt(host, kT0 + 52000);
        QCOMPARE(fleet.size(), 3);
        for (const sdk::RiderRow &r : fleet)
            QCOMPARE(r.lat, latOf(r.riderId.mid(1).toInt(), 52));
    }

    void cleanupTestCase()
    {
        m_worker->stop();
    }
};

QTEST_MAIN(TestPositionHistory)
#include "tst_position_history.moc"
