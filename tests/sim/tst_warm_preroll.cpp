// The warm start's pre-roll (GatewayOptions::prerollMs): the gateway plays the first two
// hours of the day on its own thread before it serves, and does so deterministically, so
// one seed gives one first screen. Both gateways start paused: after the pre-roll nothing
// moves, and the test reads the world exactly as a joining console's snapshot would.
#include "sim/Gateway.h"
#include "sim/Simulation.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <zmq.hpp>

#include <map>

#include <set>

using namespace opsdeck::sim;

namespace {

constexpr std::int64_t kStartMs = 1796637600000; // 2026-12-07T10:00:00Z
constexpr std::int64_t kTwoHoursMs = 2LL * 3600 * 1000;

GatewayOptions warmOptions(std::int64_t prerollMs, std::int64_t startMs = kStartMs)
{
    GatewayOptions o;
    o.seed = 11;
    o.riders = 60;
    o.ordersPerMin = 40;
    o.startMs = startMs;
    o.prerollMs = prerollMs;
    o.feedBind = "tcp://127.0.0.1:*";
    o.snapshotBind = "tcp://127.0.0.1:*";
    o.controlBind = "tcp://127.0.0.1:*";
    return o;
}

} // namespace

class TestWarmPreroll final : public QObject
{
    Q_OBJECT
private slots:
    void samePrerollForOneSeed()
    {
        // The second console was started 17 s earlier, within the same minute: the day
        // starts on the minute, so both see one world.
        Gateway a(warmOptions(kTwoHoursMs));
        Gateway b(warmOptions(kTwoHoursMs, kStartMs - 17000));
        a.setPaused(true);
        b.setPaused(true);
        a.start();
        b.start();
        QTRY_VERIFY_WITH_TIMEOUT(a.prerollWallMs() >= 0 && b.prerollWallMs() >= 0, 60000);
        qInfo("pre-roll of 2 h, 60 riders, 40 orders/min: %lld ms and %lld ms (two at once)",
              static_cast<long long>(a.prerollWallMs()), static_cast<long long>(b.prerollWallMs()));

        // The day ends at the next whole minute (never behind the console's clock).
        QCOMPARE(a.simTimeMs(), kStartMs);
        QCOMPARE(b.simTimeMs(), kStartMs);
        const auto states = a.truthOrderStates();
        QVERIFY(states == b.truthOrderStates());
        QVERIFY(a.currentSeqs() == b.currentSeqs());
        QCOMPARE(a.epoch(), b.epoch());

        // Every working state of the board has orders on the first screen.
        std::set<std::string> seen;
        for (const auto &entry : states)
            seen.insert(entry.second);
        for (const char *state : {"CREATED", "PAID", "HELD", "OUT_OF_STOCK", "PICKING", "DELIVERING", "EXCEPTION",
                                  "RETURNING", "CLAIMING"})
            QVERIFY2(seen.count(state) == 1, state);
    }

    // Silence changes nothing but the text: the same seqs, event ids spent and orders as a
    // step that writes every message, so the gateway continues the very stream it skipped.
    void silentStepPlaysTheSameWorld()
    {
        const auto city = City::load({});
        SimulationOptions so;
        so.seed = 11;
        so.riders = 60;
        so.ordersPerMin = 40;
        so.startMs = kStartMs;
        Simulation silent(city, so);
        Simulation loud(city, so);
        std::vector<WireMessage> out;
        silent.setSilent(true);
        for (int minute = 0; minute < 30; ++minute) {
            silent.step(60000, out);
            QVERIFY(out.empty());
            loud.step(60000, out);
            out.clear();
        }
        silent.setSilent(false);
        QCOMPARE(silent.generatedEvents(), loud.generatedEvents());
        QVERIFY(silent.seqs() == loud.seqs());
        QVERIFY(silent.truthOrderStates() == loud.truthOrderStates());
        std::vector<std::string> a, b;
        std::string endA, endB;
        silent.snapshot({}, a, endA);
        loud.snapshot({}, b, endB);
        QVERIFY(a == b);
        QCOMPARE(endA, endB);
        // And the next second's messages are the same bytes.
        std::vector<WireMessage> nextA, nextB;
        silent.step(1000, nextA);
        loud.step(1000, nextB);
        QCOMPARE(nextA.size(), nextB.size());
        for (std::size_t i = 0; i < nextA.size(); ++i)
            QCOMPARE(nextA[i].envelope, nextB[i].envelope);
    }

    // The pre-roll's last part is published once a console has taken its snapshot: every
    // event of that half hour reaches it in seq order right after the snapshot's seqs,
    // rider fixes thinned, so its KPIs and alerts count the real events.
    void replayFollowsTheFirstSnapshot()
    {
        GatewayOptions o = warmOptions(40 * 60000);
        o.replayMs = 30 * 60000;
        Gateway gateway(o);
        gateway.start();
        zmq::context_t context(1);
        zmq::socket_t sub(context, zmq::socket_type::sub), snap(context, zmq::socket_type::dealer);
        for (zmq::socket_t *s : {&sub, &snap})
            s->set(zmq::sockopt::linger, 0);
        sub.set(zmq::sockopt::rcvhwm, 1000000);
        sub.set(zmq::sockopt::subscribe, "");
        sub.connect(gateway.feedEndpoint());
        snap.connect(gateway.snapshotEndpoint());
        const auto next = [&sub](std::string &topic, QJsonObject &env) {
            zmq::pollitem_t item{sub.handle(), 0, ZMQ_POLLIN, 0};
            if (zmq::poll(&item, 1, std::chrono::milliseconds(10000)) <= 0)
                return false;
            zmq::message_t a, b;
            (void)sub.recv(a);
            (void)sub.recv(b);
            topic = a.to_string();
            env = QJsonDocument::fromJson(QByteArray::fromStdString(b.to_string())).object();
            return true;
        };
        std::string topic;
        QJsonObject env;
        QVERIFY(next(topic, env)); // subscribed: the held gateway still beats
        QVERIFY(gateway.replaying());

        // The joining console's snapshot: the day 10 minutes in.
        snap.send(zmq::str_buffer("SNAPSHOT"), zmq::send_flags::sndmore);
        snap.send(zmq::str_buffer("{}"));
        std::map<QString, qint64> seqs;
        for (;;) {
            zmq::message_t kind, body;
            QVERIFY(snap.recv(kind));
            QVERIFY(snap.recv(body));
            if (kind.to_string() == "SNAPEND") {
                const QJsonObject end = QJsonDocument::fromJson(QByteArray::fromStdString(body.to_string())).object();
                const QJsonObject endSeqs = end["seqs"].toObject();
                for (auto it = endSeqs.begin(); it != endSeqs.end(); ++it)
                    seqs[it.key()] = it.value().toInteger();
                break;
            }
        }
        QVERIFY(!seqs.empty());

        // Then the half hour, whole and in order, until the clock reaches the start.
        int created = 0, fixes = 0, events = 0;
        qint64 clock = 0;
        while (clock < kStartMs) {
            QVERIFY2(next(topic, env), "the replay stopped short");
            const qint64 ts = QDateTime::fromString(env["ts"].toString(), Qt::ISODateWithMs).toMSecsSinceEpoch();
            if (topic == "$hb") {
                clock = ts;
                continue;
            }
            ++events;
            const QString depot = env["depot"].toString();
            if (env["seq"].toInteger() <= seqs[depot])
                continue; // published before the snapshot was taken: the console drops it too
            QCOMPARE(env["seq"].toInteger(), seqs[depot] + 1);
            seqs[depot] = env["seq"].toInteger();
            QVERIFY(ts >= kStartMs - 30 * 60000 && ts <= kStartMs);
            created += env["type"].toString() == QLatin1String("order.created");
            fixes += env["type"].toString() == QLatin1String("rider.position");
        }
        QTRY_VERIFY(!gateway.replaying());
        QVERIFY2(created > 600, qPrintable(QString::number(created))); // 40 a minute
        // Thinned: unthinned, the 60 riders alone would send one a second each.
        QVERIFY2(fixes > 0 && fixes < 60 * 30 * 60 / 3, qPrintable(QString::number(fixes)));
        qInfo("replay: %d events, %d orders created, %d fixes", events, created, fixes);
    }

    // The screenshot tool's gateway (GatewayOptions::pauseAfterReplay): once the replay is
    // over the day stands still at the start, and only step() moves it, by exactly dtMs.
    void pausesAfterTheReplayWhenAsked()
    {
        GatewayOptions o = warmOptions(10 * 60000);
        o.replayMs = 5 * 60000;
        o.pauseAfterReplay = true;
        Gateway gateway(o);
        gateway.start();
        zmq::context_t context(1);
        zmq::socket_t snap(context, zmq::socket_type::dealer);
        snap.set(zmq::sockopt::linger, 0);
        snap.connect(gateway.snapshotEndpoint());
        snap.send(zmq::str_buffer("SNAPSHOT"), zmq::send_flags::sndmore); // a console joins: the replay may start
        snap.send(zmq::str_buffer("{}"));
        for (std::string kind; kind != "SNAPEND";) {
            zmq::message_t k, body;
            QVERIFY(snap.recv(k));
            QVERIFY(snap.recv(body));
            kind = k.to_string();
        }
        QTRY_VERIFY_WITH_TIMEOUT(!gateway.replaying(), 20000);
        QCOMPARE(gateway.simTimeMs(), kStartMs);
        const std::int64_t published = gateway.publishedEvents();
        QVERIFY(gateway.step(1000) >= 0); // a whole turn of the loop, and one simulated second
        QCOMPARE(gateway.simTimeMs(), kStartMs + 1000);
        QVERIFY(gateway.publishedEvents() >= published);
    }

    void coldStartIsToday()
    {
        Gateway cold(warmOptions(0));
        cold.setPaused(true);
        cold.start();
        QCOMPARE(cold.prerollWallMs(), std::int64_t(-1)); // no pre-roll at all
        QCOMPARE(cold.simTimeMs(), kStartMs);
        QVERIFY(cold.truthOrderStates().empty());
        for (const auto &entry : cold.currentSeqs())
            QCOMPARE(entry.second, std::int64_t(0));
    }
};

QTEST_GUILESS_MAIN(TestWarmPreroll)
#include "tst_warm_preroll.moc"
