// Issue 18: the customer-service actions of opsfeed over real ZeroMQ against a paused
// gateway (advanced by step()): each is refused with its reason where the order does not
// allow it, and otherwise answered ok with exactly its confirming event on the feed.
#include "SimStream.h"

#include <Gateway.h>

#include <QTest>

#include <zmq.hpp>

#include <chrono>
#include <optional>

using namespace opsdeck::sim;
using namespace simtest;

namespace {

constexpr std::int64_t kStartMs = 1794824100000LL;

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

    // The next event of `type` on `orderId`, skipping everything else; nullopt when the
    // feed has nothing more for 10 s (the event never came).
    std::optional<Rec> waitFor(const QString &type, const QString &orderId)
    {
        zmq::pollitem_t item{m_sub.handle(), 0, ZMQ_POLLIN, 0};
        while (zmq::poll(&item, 1, std::chrono::seconds(10)) > 0) {
            zmq::message_t topic, body;
            (void)m_sub.recv(topic);
            if (topic.more())
                (void)m_sub.recv(body);
            Rec r;
            if (parse(topic.to_string(), body.to_string(), r) && r.type == type
                && r.data.value("order_id").toString() == orderId)
                return r;
        }
        return std::nullopt;
    }

    QJsonObject control(const QJsonObject &request)
    {
        m_ctl.send(zmq::buffer(QJsonDocument(request).toJson(QJsonDocument::Compact).toStdString()));
        zmq::pollitem_t item{m_ctl.handle(), 0, ZMQ_POLLIN, 0};
        if (zmq::poll(&item, 1, std::chrono::seconds(10)) <= 0)
            return QJsonObject{{"timeout", true}};
        zmq::message_t reply;
        (void)m_ctl.recv(reply);
        return QJsonDocument::fromJson(QByteArray::fromStdString(reply.to_string())).object();
    }

    // One command by `role`, with a fresh id.
    QJsonObject act(const QString &cmd, QJsonObject fields, const QString &role = QStringLiteral("customer_service"))
    {
        fields.insert("id", QStringLiteral("cs-%1").arg(++m_next));
        fields.insert("cmd", cmd);
        fields.insert("by", QJsonObject{{"user", "agent1"}, {"role", role}});
        return control(fields);
    }

private:
    zmq::context_t m_ctx{1};
    zmq::socket_t m_sub, m_ctl;
    int m_next = 0;
};

GatewayOptions pausedOptions()
{
    GatewayOptions o;
    o.seed = 18;
    o.ordersPerMin = 240;
    o.timeScale = 60;
    o.startMs = kStartMs;
    o.feedBind = o.snapshotBind = o.controlBind = "tcp://127.0.0.1:*";
    return o;
}

std::vector<QString> ordersIn(const Gateway &gw, const std::string &state)
{
    std::vector<QString> ids;
    for (const auto &[id, s] : gw.truthOrderStates())
        if (s == state)
            ids.push_back(QString::fromStdString(id));
    return ids;
}

// Steps the paused world 5 s at a time until `count` orders are in `state` (bounded).
std::vector<QString> stepUntil(Gateway &gw, const std::string &state, std::size_t count)
{
    for (int i = 0; i < 720 && ordersIn(gw, state).size() < count; ++i)
        gw.step(5000);
    return ordersIn(gw, state);
}

QString errorOf(const QJsonObject &reply)
{
    return reply.value("ok").toBool() ? QStringLiteral("ok") : reply.value("error").toString();
}

} // namespace

class TestSimCsActions final : public QObject
{
    Q_OBJECT
private slots:
    void returnIsConfirmedOnTheFeedAndRefusedOutOfState()
    {
        Gateway gw(pausedOptions());
        gw.setPaused(true);
        gw.start();
        Client c(gw);
        const auto failed = stepUntil(gw, "EXCEPTION", 1);
        QVERIFY(!failed.empty());
        const QString order = failed.front();
        const QJsonObject id{{"order_id", order}};

        QCOMPARE(errorOf(c.act("close_return", id)), QStringLiteral("illegal_transition")); // not returning yet
        QCOMPARE(errorOf(c.act("start_return", id, "dispatcher")), QStringLiteral("forbidden"));
        QCOMPARE(errorOf(c.act("start_return", {{"order_id", "NOPE"}})), QStringLiteral("unknown_order"));

        const QJsonObject started = c.act("start_return", {{"order_id", order}, {"reason", "customer_rejected"}});
        QVERIFY2(started.value("ok").toBool(), qPrintable(QJsonDocument(started).toJson()));
        const auto ev = c.waitFor("order.return_started", order);
        QVERIFY(ev.has_value());
        QCOMPARE(ev->data.value("reason").toString(), QStringLiteral("customer_rejected"));
        QCOMPARE(ev->data.value("by").toString(), QStringLiteral("agent1"));
        QCOMPARE(gw.truthOrderStates().at(order.toStdString()), std::string("RETURNING"));

        const QJsonObject again = c.act("start_return", id);
        QCOMPARE(errorOf(again), QStringLiteral("illegal_transition"));
        QVERIFY(again.value("message").toString().contains("RETURNING"));

        QVERIFY(c.act("close_return", id).value("ok").toBool());
        const auto closed = c.waitFor("order.closed", order);
        QVERIFY(closed.has_value());
        QCOMPARE(closed->data.value("outcome").toString(), QStringLiteral("returned_to_merchant"));
        QCOMPARE(gw.truthOrderStates().at(order.toStdString()), std::string("CLOSED"));
    }

    void claimIsOpenedAndDecidedWithinItsAmount()
    {
        Gateway gw(pausedOptions());
        gw.setPaused(true);
        gw.start();
        Client c(gw);
        const auto failed = stepUntil(gw, "EXCEPTION", 1);
        QVERIFY(!failed.empty());
        const QString order = failed.front();

        QCOMPARE(errorOf(c.act("decide_claim", {{"order_id", order}, {"decision", "approve"}, {"amount", 1}})),
                 QStringLiteral("illegal_transition")); // no claim yet
        QCOMPARE(errorOf(c.act("open_claim", {{"order_id", order}, {"amount", 1}})), QStringLiteral("bad_request"));
        QCOMPARE(errorOf(c.act("open_claim", {{"order_id", order}, {"reason", "damaged"}, {"amount", -3}})),
                 QStringLiteral("bad_request"));
        QCOMPARE(errorOf(c.act("open_claim", {{"order_id", order}, {"reason", "damaged"}, {"amount", 1e9}})),
                 QStringLiteral("bad_request")); // more than the order is worth

        QVERIFY(c.act("open_claim", {{"order_id", order}, {"reason", "damaged"}, {"amount", 0.8},
                                     {"photo_ref", "photo/abc.jpg"}})
                    .value("ok")
                    .toBool());
        const auto opened = c.waitFor("order.claim_opened", order);
        QVERIFY(opened.has_value());
        QCOMPARE(opened->data.value("amount").toDouble(), 0.8);
        QCOMPARE(opened->data.value("photo_ref").toString(), QStringLiteral("photo/abc.jpg"));
        QCOMPARE(gw.truthOrderStates().at(order.toStdString()), std::string("CLAIMING"));

        QCOMPARE(errorOf(c.act("decide_claim", {{"order_id", order}, {"decision", "maybe"}})),
                 QStringLiteral("bad_request"));
        QCOMPARE(errorOf(c.act("decide_claim", {{"order_id", order}, {"decision", "approve"}, {"amount", 0.9}})),
                 QStringLiteral("bad_request")); // above what was claimed
        QVERIFY(c.act("decide_claim", {{"order_id", order}, {"decision", "approve"}, {"amount", 0.5}})
                    .value("ok")
                    .toBool());
        const auto decided = c.waitFor("order.closed", order);
        QVERIFY(decided.has_value());
        QCOMPARE(decided->data.value("outcome").toString(), QStringLiteral("claim_paid"));
        QCOMPARE(decided->data.value("amount").toDouble(), 0.5);
    }

    void refundOnlyAfterTheOrderRanItsCourseAndNeverAboveItsAmount()
    {
        Gateway gw(pausedOptions());
        gw.setPaused(true);
        gw.start();
        Client c(gw);
        const auto signedOrders = stepUntil(gw, "SIGNED", 1);
        QVERIFY(!signedOrders.empty());
        const QString order = signedOrders.front();
        const auto moving = ordersIn(gw, "DELIVERING");
        QVERIFY(!moving.empty());

        QCOMPARE(errorOf(c.act("refund", {{"order_id", moving.front()}, {"amount", 0.1}})),
                 QStringLiteral("illegal_transition"));
        QCOMPARE(errorOf(c.act("refund", {{"order_id", order}, {"amount", 0}})), QStringLiteral("bad_request"));
        QCOMPARE(errorOf(c.act("refund", {{"order_id", order}, {"amount", 1e9}})), QStringLiteral("bad_request"));
        QCOMPARE(errorOf(c.act("refund", {{"order_id", order}, {"amount", 0.3}}, "merchant")),
                 QStringLiteral("forbidden"));

        QVERIFY(c.act("refund", {{"order_id", order}, {"amount", 0.3}, {"reason", "late"}}).value("ok").toBool());
        const auto refunded = c.waitFor("order.refunded", order);
        QVERIFY(refunded.has_value());
        QCOMPARE(refunded->data.value("amount").toDouble(), 0.3);
        QCOMPARE(refunded->data.value("refunded_total").toDouble(), 0.3);
        QCOMPARE(refunded->data.value("reason").toString(), QStringLiteral("late"));
    }

    void notificationIsConfirmedWithItsTemplateAndLanguage()
    {
        Gateway gw(pausedOptions());
        gw.setPaused(true);
        gw.start();
        Client c(gw);
        const auto moving = stepUntil(gw, "DELIVERING", 1);
        QVERIFY(!moving.empty());
        const QString order = moving.front();

        QCOMPARE(errorOf(c.act("notify_customer", {{"order_id", order}, {"template", "spam"}, {"lang", "en"}})),
                 QStringLiteral("bad_request"));
        QCOMPARE(errorOf(c.act("notify_customer",
                               {{"order_id", order}, {"template", "delay_apology"}, {"lang", "fr"}})),
                 QStringLiteral("bad_request"));
        QVERIFY(c.act("notify_customer", {{"order_id", order}, {"template", "delay_apology"}, {"lang", "zh_CN"}})
                    .value("ok")
                    .toBool());
        const auto sent = c.waitFor("customer.notified", order);
        QVERIFY(sent.has_value());
        QCOMPARE(sent->data.value("template").toString(), QStringLiteral("delay_apology"));
        QCOMPARE(sent->data.value("lang").toString(), QStringLiteral("zh_CN"));
    }
};

QTEST_GUILESS_MAIN(TestSimCsActions)
#include "tst_sim_cs_actions.moc"
