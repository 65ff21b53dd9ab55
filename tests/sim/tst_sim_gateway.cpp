// The gateway over real sockets (tcp://127.0.0.1:*), as a console would see it.
#include "SimStream.h"

#include <Gateway.h>

#include <QDeadlineTimer>
#include <QTest>

#include <zmq.hpp>

#include <algorithm>
#include <chrono>
#include <future>
#include <optional>

using namespace opsdeck::sim;
using namespace simtest;

namespace {

GatewayOptions fastOptions(Scenario scenario = Scenario::Normal, double timeScale = 60)
{
    GatewayOptions o;
    o.seed = 21;
    o.scenario = scenario;
    o.timeScale = timeScale;
    o.startMs = 1794824100000LL;
    o.feedBind = o.snapshotBind = o.controlBind = "tcp://127.0.0.1:*";
    return o;
}

// A console's three sockets.
class Client final
{
public:
    explicit Client(const Gateway &gw)
        : m_sub(m_ctx, zmq::socket_type::sub)
        , m_snap(m_ctx, zmq::socket_type::dealer)
        , m_ctl(m_ctx, zmq::socket_type::dealer)
    {
        for (zmq::socket_t *s : {&m_sub, &m_snap, &m_ctl})
            s->set(zmq::sockopt::linger, 0);
        m_sub.set(zmq::sockopt::rcvhwm, 1000000);
        m_sub.set(zmq::sockopt::subscribe, "");
        m_sub.connect(gw.feedEndpoint());
        m_snap.connect(gw.snapshotEndpoint());
        m_ctl.connect(gw.controlEndpoint());
    }

    // One feed message (all frames), or nullopt after timeoutMs.
    std::optional<std::vector<std::string>> next(int timeoutMs = 3000)
    {
        zmq::pollitem_t item{m_sub.handle(), 0, ZMQ_POLLIN, 0};
        if (zmq::poll(&item, 1, std::chrono::milliseconds(timeoutMs)) <= 0)
            return std::nullopt;
        std::vector<std::string> frames;
        zmq::message_t part;
        do {
            (void)m_sub.recv(part);
            frames.push_back(part.to_string());
        } while (part.more());
        return frames;
    }

    // Waits until the subscription is live (the first heartbeat or event arrives).
    bool waitForFeed() { return next(5000).has_value(); }

    // Feed messages handed to `visit` until `done()` holds; false when it still does not
    // after timeoutMs (a bound for a broken gateway, never the normal way out: what a
    // test waits for is counted in the stream, in simulated time, not in wall time).
    template<typename Done, typename F>
    bool messagesUntil(Done &&done, F &&visit, int timeoutMs = 30000)
    {
        const QDeadlineTimer deadline(timeoutMs);
        while (!done()) {
            if (deadline.hasExpired())
                return false;
            if (const auto m = next(100))
                visit(*m);
        }
        return true;
    }

    // Feed records (heartbeats skipped) handed to `visit` until `done()` holds.
    template<typename Done, typename F>
    bool collectUntil(Done &&done, F &&visit, int timeoutMs = 30000)
    {
        return messagesUntil(std::forward<Done>(done), [&visit](const std::vector<std::string> &m) {
            Rec r;
            if (m.size() == 2 && m[0] != "$hb" && parse(m[0], m[1], r))
                visit(r);
        }, timeoutMs);
    }

    QJsonObject control(const QString &json)
    {
        const std::string body = json.toStdString();
        m_ctl.send(zmq::buffer(body));
        zmq::pollitem_t item{m_ctl.handle(), 0, ZMQ_POLLIN, 0};
        if (zmq::poll(&item, 1, std::chrono::milliseconds(3000)) <= 0)
            return QJsonObject{{"timeout", true}};
        zmq::message_t reply;
        (void)m_ctl.recv(reply);
        return QJsonDocument::fromJson(QByteArray::fromStdString(reply.to_string())).object();
    }

    // [("SNAP"|"SNAPEND", body)...] up to and including SNAPEND.
    std::vector<std::pair<std::string, std::string>> snapshot(const std::string &request)
    {
        m_snap.send(zmq::str_buffer("SNAPSHOT"), zmq::send_flags::sndmore);
        m_snap.send(zmq::buffer(request));
        std::vector<std::pair<std::string, std::string>> out;
        for (;;) {
            zmq::pollitem_t item{m_snap.handle(), 0, ZMQ_POLLIN, 0};
            if (zmq::poll(&item, 1, std::chrono::milliseconds(3000)) <= 0)
                return out;
            zmq::message_t a, b;
            (void)m_snap.recv(a);
            if (!a.more())
                return out;
            (void)m_snap.recv(b);
            out.emplace_back(a.to_string(), b.to_string());
            if (out.back().first == "SNAPEND")
                return out;
        }
    }

private:
    zmq::context_t m_ctx{1};
    zmq::socket_t m_sub, m_snap, m_ctl;
};

const QString kBy = QStringLiteral(R"("by":{"user":"wangfang","role":"supervisor"})");

QString cmd(const QString &id, const QString &name, const QString &args = {})
{
    return QStringLiteral(R"({"id":"%1","cmd":"%2",%3%4})").arg(id, name, args.isEmpty() ? QString() : args + ",", kBy);
}

// Sums one depot's gateway.stats after the first one (which may straddle a command).
struct StatsSum {
    qint64 offered = 0, accepted = 0, rateLimited = 0, breakerOpen = 0;
    int windows = 0;
    bool skippedFirst = false;
    QJsonObject last;
    void add(const Rec &r)
    {
        if (!skippedFirst) {
            skippedFirst = true;
            return;
        }
        ++windows;
        offered += r.data.value("offered").toInteger();
        accepted += r.data.value("accepted").toInteger();
        rateLimited += r.data.value("rejected").toObject().value("rate_limited").toInteger();
        breakerOpen += r.data.value("rejected").toObject().value("breaker_open").toInteger();
        last = r.data;
    }
};

// One order in each of the two groups of states, from the gateway's truth; empty ids
// while there is none yet.
struct TwoOrders {
    std::string delivering, early;
    bool found() const { return !delivering.empty() && !early.empty(); }
};

TwoOrders ordersToCommand(const Gateway &gw)
{
    TwoOrders o;
    for (const auto &[id, state] : gw.truthOrderStates()) {
        if (state == "DELIVERING")
            o.delivering = id;
        if (state == "CREATED" || state == "PAID")
            o.early = id;
    }
    return o;
}

} // namespace

class TestSimGateway final : public QObject
{
    Q_OBJECT
private slots:
    void feedHasTwoFramesAndHeartbeats()
    {
        Gateway gw(fastOptions());
        gw.start();
        QVERIFY(gw.feedEndpoint().starts_with("tcp://127.0.0.1:"));
        QVERIFY(!gw.feedEndpoint().ends_with(":*"));
        Client c(gw);
        QVERIFY(c.waitForFeed());
        int heartbeats = 0, events = 0;
        const QDeadlineTimer deadline(30000);
        while ((heartbeats < 2 || events <= 1000) && !deadline.hasExpired()) {
            const auto m = c.next(500);
            if (!m)
                continue;
            QCOMPARE(m->size(), std::size_t{2});
            if ((*m)[0] == "$hb") {
                ++heartbeats;
                const QJsonObject hb = QJsonDocument::fromJson(QByteArray::fromStdString((*m)[1])).object();
                QCOMPARE(hb.value("type").toString(), QStringLiteral("heartbeat"));
                QCOMPARE(hb.value("epoch").toString().toStdString(), gw.epoch());
                QCOMPARE(hb.value("seqs").toObject().keys(), (QStringList{"BJ-CY-01", "BJ-DC-03", "BJ-HD-02"}));
                continue;
            }
            Rec r;
            QVERIFY(parse((*m)[0], (*m)[1], r));
            QCOMPARE(r.topic, r.depot + "/" + r.type);
            ++events;
        }
        QVERIFY(heartbeats >= 2);
        QVERIFY(events > 1000);
        QVERIFY(gw.publishedEvents() >= events);
    }

    void snapshotEndsWithSeqs()
    {
        Gateway gw(fastOptions());
        gw.start();
        Client c(gw);
        QVERIFY(c.waitForFeed());
        QTRY_VERIFY_WITH_TIMEOUT(!gw.truthOrderStates().empty(), 20000); // orders to list
        const auto all = c.snapshot(R"({"depots":[]})");
        QVERIFY(all.size() > 60);
        QCOMPARE(all.back().first, std::string("SNAPEND"));
        const QJsonObject end = QJsonDocument::fromJson(QByteArray::fromStdString(all.back().second)).object();
        QCOMPARE(end.value("epoch").toString().toStdString(), gw.epoch());
        QCOMPARE(end.value("seqs").toObject().size(), 3);
        int riders = 0, orders = 0;
        for (std::size_t i = 0; i + 1 < all.size(); ++i) {
            QCOMPARE(all[i].first, std::string("SNAP"));
            Rec r;
            QVERIFY(parse("SNAP", all[i].second, r));
            QVERIFY(r.seq <= end.value("seqs").toObject().value(r.depot).toInteger());
            riders += r.type == "rider.snapshot";
            orders += r.type == "order.snapshot";
        }
        QVERIFY(riders >= 60);
        QVERIFY(orders > 0);
        const auto one = c.snapshot(R"({"depots":["BJ-DC-03"]})");
        QCOMPARE(QJsonDocument::fromJson(QByteArray::fromStdString(one.back().second)).object().value("seqs").toObject().keys(),
                 QStringList{"BJ-DC-03"});
        for (std::size_t i = 0; i + 1 < one.size(); ++i)
            QVERIFY(one[i].second.find("\"depot\":\"BJ-DC-03\"") != std::string::npos);
    }

    void controlCommandsAndErrors()
    {
        Gateway gw(fastOptions(Scenario::Normal, 100));
        gw.start();
        Client c(gw);
        QVERIFY(c.waitForFeed());
        auto ok = [&](const QString &json) {
            const QJsonObject r = c.control(json);
            if (!r.value("ok").toBool())
                qWarning() << json << "->" << r;
            return r.value("ok").toBool();
        };
        auto error = [&](const QString &json) { return c.control(json).value("error").toString(); };
        QVERIFY(ok(cmd("c-ping", "ping")));
        QVERIFY(ok(cmd("c-rl", "set_rate_limit", R"("scope":"merchant:M-CY-01","per_min":30,"burst":3)")));
        QVERIFY(ok(cmd("c-rlc", "clear_rate_limit", R"("scope":"merchant:M-CY-01")")));
        QVERIFY(ok(cmd("c-br", "set_breaker", R"("scope":"global","mode":"forced_closed")")));
        QVERIFY(ok(cmd("c-br2", "set_breaker", R"("scope":"global","mode":"auto")")));
        QVERIFY(ok(cmd("c-dv", "divert", R"("from":"BJ-CY-01","to":"BJ-DC-03","share":0.3)")));
        QVERIFY(ok(cmd("c-dvc", "clear_divert", R"("from":"BJ-CY-01")")));

        QCOMPARE(error(QStringLiteral("not json")), QStringLiteral("bad_request"));
        QCOMPARE(error(R"({"id":"c-e1","cmd":"ping"})"), QStringLiteral("bad_request")); // no by
        QCOMPARE(error(cmd("c-e2", "launch_rockets")), QStringLiteral("unknown_cmd"));
        QCOMPARE(error(cmd("c-e3", "set_rate_limit", R"("scope":"depot:NOPE","per_min":5)")), QStringLiteral("bad_request"));
        QCOMPARE(error(cmd("c-e4", "set_rate_limit", R"("scope":"global","per_min":-1)")), QStringLiteral("bad_request"));
        QCOMPARE(error(cmd("c-e5", "hold", R"("order_id":"DD-NOPE","reason":"x")")), QStringLiteral("unknown_order"));
        QCOMPARE(error(R"({"id":"c-e6","cmd":"set_rate_limit","scope":"global","per_min":5,"by":{"user":"shop","role":"merchant"}})"),
                 QStringLiteral("forbidden"));

        // Order commands need real orders: one out for delivery, one not yet picked. The
        // simulation is paused once both exist, so neither moves on before its command
        // (control keeps answering while paused).
        QTRY_VERIFY_WITH_TIMEOUT(ordersToCommand(gw).found(), 20000);
        gw.setPaused(true);
        const TwoOrders orders = ordersToCommand(gw);
        QVERIFY(orders.found());
        const std::string &delivering = orders.delivering, &early = orders.early;
        const QString d = QString::fromStdString(delivering), e = QString::fromStdString(early);
        QCOMPARE(error(cmd("c-e7", "reassign", QStringLiteral(R"("order_id":"%1","rider_id":"R-XX-999")").arg(d))),
                 QStringLiteral("unknown_rider"));
        QCOMPARE(error(cmd("c-e8", "release", QStringLiteral(R"("order_id":"%1")").arg(d))), QStringLiteral("illegal_transition"));
        QVERIFY(ok(cmd("c-ra", "reassign", QStringLiteral(R"("order_id":"%1","rider_id":"R-CY-002")").arg(d))));
        QVERIFY(ok(cmd("c-ho", "hold", QStringLiteral(R"("order_id":"%1","reason":"customer_call")").arg(e))));
        QCOMPARE(gw.truthOrderStates().at(early), std::string("HELD"));
        QVERIFY(ok(cmd("c-re", "release", QStringLiteral(R"("order_id":"%1")").arg(e))));
        QVERIFY(ok(cmd("c-ca", "cancel", QStringLiteral(R"("order_id":"%1","reason":"duplicate")").arg(e))));
        QCOMPARE(gw.truthOrderStates().at(early), std::string("CANCELLED"));
        QCOMPARE(error(cmd("c-ca2", "cancel", QStringLiteral(R"("order_id":"%1","reason":"again")").arg(e))),
                 QStringLiteral("illegal_transition"));

        // The effects are on the feed, in order, the cancellation last.
        std::vector<QString> seen;
        QVERIFY(c.collectUntil([&] { return !seen.empty() && seen.back() == "order.cancelled"; }, [&](const Rec &r) {
            const QString id = r.data.value("order_id").toString();
            const bool mine = (id == d && r.type == "order.reassigned")
                || (id == e && (r.type == "order.held" || r.type == "order.released" || r.type == "order.cancelled"));
            if (mine)
                seen.push_back(r.type);
        }));
        // The SUB connected before the commands, so every effect is in the stream, in order.
        const std::vector<QString> want = {"order.reassigned", "order.held", "order.released", "order.cancelled"};
        QCOMPARE(seen, want);
    }

    void effectsAppearOnFeedAndRetriesActOnce()
    {
        Gateway gw(fastOptions(Scenario::Normal, 100));
        gw.start();
        Client c(gw);
        QVERIFY(c.waitForFeed());
        QTRY_VERIFY_WITH_TIMEOUT(!ordersToCommand(gw).early.empty(), 20000);
        gw.setPaused(true); // the order stays where it is until our commands move it
        const std::string early = ordersToCommand(gw).early;
        QVERIFY(!early.empty());
        const QString e = QString::fromStdString(early);
        const QString hold = cmd("c-idem", "hold", QStringLiteral(R"("order_id":"%1","reason":"verify")").arg(e));
        const QJsonObject first = c.control(hold);
        QVERIFY(first.value("ok").toBool());
        const QJsonObject second = c.control(hold);
        QCOMPARE(second, first);
        const QString badRetry = cmd("c-bad", "reassign", R"("order_id":"DD-NONE","rider_id":"R-CY-001")");
        QCOMPARE(c.control(badRetry), c.control(badRetry));
        QCOMPARE(gw.truthOrderStates().at(early), std::string("HELD"));
        // A later command's effect follows any second hold on the feed: once the release
        // is seen, a repeated hold would have been too.
        QVERIFY(c.control(cmd("c-rel", "release", QStringLiteral(R"("order_id":"%1")").arg(e))).value("ok").toBool());
        int held = 0;
        bool released = false;
        QVERIFY(c.collectUntil([&] { return released; }, [&](const Rec &r) {
            if (r.data.value("order_id").toString() != e)
                return;
            released = released || r.type == "order.released";
            if (r.type == "order.held") {
                ++held;
                QCOMPARE(r.data.value("reason").toString(), QStringLiteral("verify"));
            }
        }));
        QCOMPARE(held, 1);
    }

    void rateLimitCapsStorm()
    {
        const GatewayOptions options = fastOptions(Scenario::Storm, 100);
        Gateway gw(options);
        gw.start();
        Client c(gw);
        QVERIFY(c.waitForFeed());
        // The storm starts 20 s into the simulation.
        QTRY_VERIFY_WITH_TIMEOUT(gw.simTimeMs() >= options.startMs + 30000, 20000);
        QVERIFY(c.control(cmd("c-lim", "set_rate_limit", R"("scope":"depot:BJ-CY-01","per_min":50,"burst":5)")).value("ok").toBool());
        StatsSum cy;
        QVERIFY(c.collectUntil([&] { return cy.windows >= 200; }, [&](const Rec &r) {
            if (r.type == "gateway.stats" && r.depot == "BJ-CY-01")
                cy.add(r);
        }));
        const double minutes = cy.windows / 60.0;
        qInfo() << "CY over" << cy.windows << "s: offered" << cy.offered << "accepted" << cy.accepted << "rate_limited"
                << cy.rateLimited << "breaker_open" << cy.breakerOpen;
        QVERIFY(cy.accepted <= 50 * minutes + 5 + 1);
        QVERIFY(cy.rateLimited > 0); // a 20x storm against 50/min
        bool listed = false;
        for (const QJsonValue &l : cy.last.value("limits").toArray())
            listed = listed || (l.toObject().value("scope") == "depot:BJ-CY-01" && l.toObject().value("per_min").toDouble() == 50);
        QVERIFY(listed);
    }

    void forcedOpenBreakerRejectsAll()
    {
        Gateway gw(fastOptions(Scenario::Normal, 100));
        gw.start();
        Client c(gw);
        QVERIFY(c.waitForFeed());
        QVERIFY(c.control(cmd("c-fo", "set_breaker", R"("scope":"depot:BJ-HD-02","mode":"forced_open")")).value("ok").toBool());
        StatsSum hd;
        int createdAfter = 0;
        QVERIFY(c.collectUntil([&] { return hd.windows >= 120; }, [&](const Rec &r) {
            if (r.depot != "BJ-HD-02")
                return;
            if (r.type == "gateway.stats")
                hd.add(r);
            else if (r.type == "order.created" && hd.windows > 0)
                ++createdAfter;
        }));
        QCOMPARE(hd.accepted, qint64{0});
        QCOMPARE(createdAfter, 0);
        QVERIFY(hd.breakerOpen > 0);
        QCOMPARE(hd.breakerOpen, hd.offered);
        bool forced = false;
        for (const QJsonValue &b : hd.last.value("breakers").toArray())
            forced = forced || (b.toObject().value("scope") == "depot:BJ-HD-02" && b.toObject().value("mode") == "forced_open"
                                && b.toObject().value("state") == "open");
        QVERIFY(forced);
    }

    void divertMovesOrders()
    {
        Gateway gw(fastOptions(Scenario::Normal, 100));
        gw.start();
        Client c(gw);
        QVERIFY(c.waitForFeed());
        QVERIFY(c.control(cmd("c-dv", "divert", R"("from":"BJ-CY-01","to":"BJ-DC-03","share":1.0)")).value("ok").toBool());
        StatsSum cy;
        int inCy = 0, movedToDc = 0;
        QVERIFY(c.collectUntil([&] { return cy.windows >= 200; }, [&](const Rec &r) {
            if (r.type == "gateway.stats" && r.depot == "BJ-CY-01")
                cy.add(r);
            if (r.type != "order.created" || cy.windows == 0)
                return;
            if (r.depot == "BJ-CY-01")
                ++inCy;
            if (r.depot == "BJ-DC-03" && r.data.value("merchant_id").toString().startsWith("M-CY"))
                ++movedToDc;
        }));
        QCOMPARE(inCy, 0);
        QVERIFY(movedToDc > 5);
        QCOMPARE(cy.offered, qint64{0});
        QCOMPARE(cy.last.value("diversions").toArray().size(), 1);
    }

    void faultPlanMakesHolesAndDuplicates()
    {
        Gateway gw(fastOptions());
        gw.setFaults({10, 0, true});
        gw.start();
        Client c(gw);
        QVERIFY(c.waitForFeed());
        std::map<QString, qint64> last;
        int holes = 0;
        QVERIFY(c.collectUntil([&] { return holes > 10; }, [&](const Rec &r) {
            if (last.contains(r.depot) && r.seq != last[r.depot] + 1)
                ++holes;
            last[r.depot] = r.seq;
        }));

        gw.setFaults({0, 7, true});
        std::map<QString, int> ids;
        int duplicates = 0;
        last.clear();
        QVERIFY(c.collectUntil([&] { return duplicates > 10; }, [&](const Rec &r) {
            if (++ids[r.id] == 2) {
                ++duplicates;
                QCOMPARE(r.seq, last[r.depot]); // the same message again
            }
            last[r.depot] = r.seq;
        }));
    }

    void restartStartsNewEpochAtSeqOne()
    {
        Gateway gw(fastOptions());
        gw.start();
        Client c(gw);
        QVERIFY(c.waitForFeed());
        const auto everyDepotPast = [&gw](std::int64_t seq) {
            const auto seqs = gw.currentSeqs();
            return seqs.size() == 3
                && std::all_of(seqs.begin(), seqs.end(), [seq](const auto &s) { return s.second > seq; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(everyDepotPast(20), 20000); // a restart must visibly go back
        const std::string before = gw.epoch();
        gw.restart();
        const std::string after = gw.epoch();
        QVERIFY(after != before);
        for (const auto &[depot, seq] : gw.currentSeqs())
            QVERIFY(seq < 1000);
        std::map<QString, qint64> firstSeq;
        bool heartbeatSawNewEpoch = false;
        QVERIFY(c.messagesUntil([&] { return firstSeq.size() == 3 && heartbeatSawNewEpoch; },
                                [&](const std::vector<std::string> &m) {
            if (m[0] == "$hb") {
                heartbeatSawNewEpoch = heartbeatSawNewEpoch || m[1].find(after) != std::string::npos;
                return;
            }
            Rec r;
            QVERIFY(parse(m[0], m[1], r));
            if (r.epoch.toStdString() == after && !firstSeq.contains(r.depot))
                firstSeq[r.depot] = r.seq;
        }));
        for (const auto &[depot, seq] : firstSeq)
            QCOMPARE(seq, qint64{1});
    }

    void pauseKeepsHeartbeatsAndControl()
    {
        Gateway gw(fastOptions());
        gw.start();
        Client c(gw);
        QVERIFY(c.waitForFeed());
        gw.setPaused(true);
        // Whatever was published before the pause is ahead of this marker on the feed.
        gw.publishRaw({"$marker", "paused"});
        bool marked = false;
        QVERIFY(c.messagesUntil([&] { return marked; },
                                [&](const std::vector<std::string> &m) { marked = marked || m[0] == "$marker"; }));
        // Two heartbeats, a second apart, and no event between or before them.
        int events = 0, heartbeats = 0;
        QVERIFY(c.messagesUntil([&] { return heartbeats >= 2; },
                                [&](const std::vector<std::string> &m) { (m[0] == "$hb" ? heartbeats : events)++; }));
        QCOMPARE(events, 0);
        QVERIFY(c.control(cmd("c-p", "ping")).value("ok").toBool());
        QCOMPARE(c.snapshot("{}").back().first, std::string("SNAPEND"));
        gw.setPaused(false);
        QVERIFY(c.next(2000).has_value());
    }

    void publishRawReachesSubscribers()
    {
        Gateway gw(fastOptions());
        gw.setPaused(true);
        gw.start();
        Client c(gw);
        QVERIFY(c.waitForFeed()); // a heartbeat: the subscription has reached the PUB
        gw.publishRaw({"BJ-CY-01/order.created", "{not json", "extra"});
        bool seen = false;
        QVERIFY(c.messagesUntil([&] { return seen; }, [&](const std::vector<std::string> &m) {
            seen = m.size() == 3 && m[1] == "{not json";
        }));
    }

    // How fast a flood is belongs to the benchmarks (tests/bench); here: it floods, and
    // stop() returns with a subscriber connected.
    void floodIsFastAndStopNeverHangs()
    {
        GatewayOptions o = fastOptions();
        o.flood = true;
        Gateway gw(o);
        gw.start();
        Client c(gw); // a connected subscriber must not make stop() hang
        QTRY_VERIFY_WITH_TIMEOUT(gw.publishedEvents() > 50000, 30000);
        qInfo() << "flood: published" << gw.publishedEvents() << "events";
        auto stopped = std::async(std::launch::async, [&gw] { gw.stop(); });
        QVERIFY(stopped.wait_for(std::chrono::seconds(30)) == std::future_status::ready);
        gw.stop(); // twice is fine
    }

    void bindConflictThrows()
    {
        Gateway a(fastOptions());
        a.start();
        GatewayOptions o = fastOptions();
        o.feedBind = a.feedEndpoint();
        Gateway b(o);
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, b.start());
    }
};

QTEST_GUILESS_MAIN(TestSimGateway)
#include "tst_sim_gateway.moc"
