// Position history for replay, on a real SQLite file through the real store thread:
// rider.position events in the core's store batches, written by StoreWorker into the
// track store (with the event log, not in it), read back by the host's
// RiderHistoryService; "the fleet at T" is exactly what was stored for T (the fix
// quantised as docs/storage.md says), and MapView shows it.
#include "MapFixtures.h"
#include "app/shell/ConsoleContextAdapter.h"
#include "app/features/map/RiderHistoryHost.h"
#include "core/model/Event.h"
#include "store/log/EventStore.h"
#include "store/track/TrackStore.h"
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
// As stored: 1e-6 degree.
double stored(double degrees) { return static_cast<double>(std::llround(degrees * 1e6)) / 1e6; }

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

// The riders projection row a rider.status leaves (replay shows the current status and name).
core::RiderRecord status(int rider, const char *st)
{
    core::RiderRecord r;
    r.riderId = riderId(rider);
    r.name = QStringLiteral("Rider %1").arg(rider).toStdString();
    r.status = st;
    r.updatedAtMs = kT0;
    return r;
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
        // Three riders report once a second for 60 s; the core hands a batch every 5 s.
        core::StoreBatch batch;
        batch.riders = {status(0, "delivering"), status(1, "idle"), status(2, "to_pickup")};
        for (int s = 0; s <= 60; ++s) {
            for (int r = 0; r < 3; ++r)
                if (!(r == 2 && s < 20)) // rider 2 starts reporting at 20 s
                    batch.events.push_back(position(r, s));
            if (s == 45) // a late fix from 30 s arrives after the 45 s one
                batch.events.push_back(position(1, 30));
            if (s % 5 == 4 || s == 60)
                m_worker->submit(std::exchange(batch, core::StoreBatch{}));
        }
        QVERIFY(m_worker->waitUntilIdle(std::chrono::seconds(10)));
        QCOMPARE(m_worker->counters().jobErrors, 0);
    }

    // Fixes are in the track store and not in the event log.
    void fixesAreNotInTheEventLog()
    {
        std::int64_t logged = -1, stored = -1;
        m_worker->post([&](store::EventStore &s) {
            logged = s.database().queryInt("SELECT COUNT(*) FROM events WHERE type = 'rider.position'");
            stored = s.database().queryInt("SELECT value FROM totals WHERE key = 'fixes_stored'");
        });
        QVERIFY(m_worker->waitUntilIdle(std::chrono::seconds(5)));
        QCOMPARE(logged, 0);
        QCOMPARE(stored, 61 * 3 - 20 + 1);
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
                QCOMPARE(r.lat, stored(latOf(rider, second)));
                QCOMPARE(r.lng, stored(lngOf(rider, second)));
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

    // A rider's trail holds every fix in time order, the late one included.
    void trailKeepsEveryFix()
    {
        std::vector<store::PositionFix> trail;
        m_worker->post([&](store::EventStore &s) { trail = s.tracks().trail("R1", kT0, kT0 + 60000); });
        QVERIFY(m_worker->waitUntilIdle(std::chrono::seconds(5)));
        std::vector<std::int64_t> times, expected;
        for (const auto &f : trail)
            times.push_back(f.tsMs);
        for (int s = 0; s <= 60; ++s) {
            expected.push_back(kT0 + s * 1000LL);
            if (s == 30)
                expected.push_back(kT0 + 30000); // the late copy
        }
        QCOMPARE(times, expected);
        QCOMPARE(trail[45].lat, stored(latOf(1, 44)));
    }

    // Retention keeps what is not older than the cut: the fleet at 52 s is unchanged.
    void purgeKeepsWhatIsNewer()
    {
        m_worker->post([](store::EventStore &s) {
            while (!s.tracks().purgeStep(kT0 + 35000, 1).done) {
            }
        });
        QVERIFY(m_worker->waitUntilIdle(std::chrono::seconds(5)));
        app::RiderHistoryHost host(m_worker.get());
        const QList<sdk::RiderRow> fleet = fleetAt(host, kT0 + 52000);
        QCOMPARE(fleet.size(), 3);
        for (const sdk::RiderRow &r : fleet)
            QCOMPARE(r.lat, stored(latOf(r.riderId.mid(1).toInt(), 52)));
    }

    void cleanupTestCase()
    {
        m_worker->stop();
    }
};

QTEST_MAIN(TestPositionHistory)
#include "tst_position_history.moc"
