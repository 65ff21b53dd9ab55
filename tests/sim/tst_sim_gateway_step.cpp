// A paused gateway, as tests that act on a live simulator use it (issue 15): nothing
// moves by itself, control is still answered with its events on the feed, and step(dt)
// advances the simulation by exactly dt of simulated time and publishes all of it.
#include "SimStream.h"

#include <Gateway.h>

#include <QDateTime>
#include <QTest>

#include <zmq.hpp>

#include <chrono>
#include <optional>

using namespace opsdeck::sim;
using namespace simtest;

namespace {

constexpr std::int64_t kStartMs = 1794824100000LL;

GatewayOptions pausedOptions()
{
    GatewayOptions o;
    o.seed = 15;
    o.ordersPerMin = 120;
    o.timeScale = 60;
    o.startMs = kStartMs;
    o.feedBind = o.snapshotBind = o.controlBind = "tcp://127.0.0.1:*";
    return o;
}

// A console's feed and control sockets; every wait ends on a message, not on time.
class Client final
{
public:
    explicit Client(const Gateway &gw) : m_sub(m_ctx, zmq::socket_type::sub), m_ctl(m_ctx, zmq::socket_type::dealer)
    {
        for (zmq::socket_t *s : {&m_sub, &m_ctl})
            s->set(zmq::sockopt::linger, 0);
        m_sub.set(zmq::sockopt::rcvhwm, 1000000);
        m_sub.set(zmq::sockopt::subscribe, "");
        m_sub.connect(gw.feedEndpoint());
        m_ctl.connect(gw.controlEndpoint());
    }

    // The next feed message, or nullopt when none comes within 10 s (a broken gateway).
    std::optional<std::pair<std::string, std::string>> next()
    {
        zmq::pollitem_t item{m_sub.handle(), 0, ZMQ_POLLIN, 0};
        if (zmq::poll(&item, 1, std::chrono::seconds(10)) <= 0)
            return std::nullopt;
        zmq::message_t topic, body;
        (void)m_sub.recv(topic);
        if (topic.more())
            (void)m_sub.recv(body);
        return std::make_pair(topic.to_string(), body.to_string());
    }

    // Feed events up to the first heartbeat whose time is `heartbeatMs` (heartbeats
    // before it are skipped); nullopt if the feed stops first.
    std::optional<std::vector<Rec>> eventsUntilHeartbeatAt(std::int64_t heartbeatMs)
    {
        std::vector<Rec> events;
        while (const auto m = next()) {
            Rec r;
            if (!parse(m->first, m->second, r))
                return std::nullopt;
            if (m->first != "$hb") {
                events.push_back(r);
                continue;
            }
            const auto ts = QDateTime::fromString(r.env.value("ts").toString(), Qt::ISODateWithMs);
            if (ts.toMSecsSinceEpoch() == heartbeatMs)
                return events;
        }
        return std::nullopt;
    }

    QJsonObject control(const QString &json)
    {
        m_ctl.send(zmq::buffer(json.toStdString()));
        zmq::pollitem_t item{m_ctl.handle(), 0, ZMQ_POLLIN, 0};
        if (zmq::poll(&item, 1, std::chrono::seconds(10)) <= 0)
            return QJsonObject{{"timeout", true}};
        zmq::message_t reply;
        (void)m_ctl.recv(reply);
        return QJsonDocument::fromJson(QByteArray::fromStdString(reply.to_string())).object();
    }

private:
    zmq::context_t m_ctx{1};
    zmq::socket_t m_sub, m_ctl;
};

} // namespace

class TestSimGatewayStep final : public QObject
{
    Q_OBJECT
private slots:
    void stepAdvancesAPausedGatewayByExactlyDt()
    {
        Gateway gw(pausedOptions());
        gw.setPaused(true); // from the first instant: not one simulated millisecond passes
        gw.start();
        Client c(gw);
        // The subscription is live once a heartbeat arrives; paused, it tells the start time.
        QVERIFY(c.eventsUntilHeartbeatAt(kStartMs).has_value());
        QCOMPARE(gw.simTimeMs(), kStartMs);

        const std::int64_t published = gw.step(90000);
        QCOMPARE(gw.simTimeMs(), kStartMs + 90000);
        QVERIFY(published > 0);
        const auto events = c.eventsUntilHeartbeatAt(kStartMs + 90000);
        QVERIFY(events.has_value());
        QCOMPARE(static_cast<std::int64_t>(events->size()), published); // all of it, before the heartbeat
        std::map<QString, qint64> lastSeq;
        for (const Rec &r : *events)
            lastSeq[r.depot] = r.seq;
        for (const auto &[depot, seq] : gw.currentSeqs())
            QCOMPARE(lastSeq[QString::fromStdString(depot)], seq);

        // A second step continues from there; nothing happened in between.
        const auto seqsBefore = gw.currentSeqs();
        QCOMPARE(gw.step(0), std::int64_t{0});
        QCOMPARE(gw.currentSeqs(), seqsBefore);
        QVERIFY(gw.step(30000) > 0);
        QCOMPARE(gw.simTimeMs(), kStartMs + 120000);
    }

    void pausedGatewayAnswersControlAndPublishesItsEvents()
    {
        Gateway gw(pausedOptions());
        gw.setPaused(true);
        gw.start();
        Client c(gw);
        QVERIFY(c.eventsUntilHeartbeatAt(kStartMs).has_value());
        QVERIFY(gw.step(60000) > 0);
        QVERIFY(c.eventsUntilHeartbeatAt(kStartMs + 60000).has_value());
        QString created;
        for (const auto &[id, state] : gw.truthOrderStates())
            if (state == "CREATED" || state == "PAID")
                created = QString::fromStdString(id);
        QVERIFY(!created.isEmpty());

        const auto seqsBefore = gw.currentSeqs();
        const QJsonObject reply = c.control(QStringLiteral(R"({"id":"c-step","cmd":"hold","order_id":"%1",)"
                                                           R"("reason":"verify","by":{"user":"u","role":"dispatcher"}})")
                                                .arg(created));
        QVERIFY2(reply.value("ok").toBool(), qPrintable(QJsonDocument(reply).toJson()));
        QCOMPARE(gw.truthOrderStates().at(created.toStdString()), std::string("HELD"));
        // Its event is on the feed although the simulation is paused, and only it moved.
        std::optional<std::pair<std::string, std::string>> m;
        Rec held;
        while ((m = c.next()) && m->first == "$hb") {
        }
        QVERIFY(m.has_value());
        QVERIFY(parse(m->first, m->second, held));
        QCOMPARE(held.type, QStringLiteral("order.held"));
        QCOMPARE(held.data.value("order_id").toString(), created);
        QCOMPARE(gw.simTimeMs(), kStartMs + 60000);
        int moved = 0;
        for (const auto &[depot, seq] : gw.currentSeqs())
            moved += static_cast<int>(seq - seqsBefore.at(depot));
        QCOMPARE(moved, 1);
    }

    void stepAfterStopAnswersAtOnce()
    {
        Gateway gw(pausedOptions());
        gw.setPaused(true);
        QCOMPARE(gw.step(1000), std::int64_t{-1}); // not started: nothing to publish on
        gw.start();
        gw.stop();
        QCOMPARE(gw.step(1000), std::int64_t{-1});
    }
};

QTEST_GUILESS_MAIN(TestSimGatewayStep)
#include "tst_sim_gateway_step.moc"
