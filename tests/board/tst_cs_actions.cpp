// Issue 18: the customer-service actions through the console's one command path
// (permission check and claim limit, Lazy Pirate, confirmed from the feed) against a real
// paused opsfeed Gateway over ZeroMQ, and a ScriptedGateway that never answers.
#include "../access/TestAccess.h"
#include "../feed/ScriptedGateway.h"

#include "app/features/cs/ControlCustomerService.h"
#include "app/features/intake/ControlAuditSink.h"

#include <Gateway.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QTranslator>

#include <zmq.hpp>

#include <chrono>

using namespace opsdeck;
using Cs = sdk::CustomerServiceActions;

namespace {

// The feed as the test reads it: the next event of a type on an order, skipping the rest.
class FeedReader final
{
public:
    explicit FeedReader(const std::string &endpoint) : m_sub(m_ctx, zmq::socket_type::sub)
    {
        m_sub.set(zmq::sockopt::linger, 0);
        m_sub.set(zmq::sockopt::rcvhwm, 1000000);
        m_sub.set(zmq::sockopt::subscribe, "");
        m_sub.connect(endpoint);
    }
    bool waitFor(const QString &type, const QString &orderId)
    {
        zmq::pollitem_t item{m_sub.handle(), 0, ZMQ_POLLIN, 0};
        while (zmq::poll(&item, 1, std::chrono::seconds(10)) > 0) {
            zmq::message_t topic, body;
            (void)m_sub.recv(topic);
            if (topic.more())
                (void)m_sub.recv(body);
            const QJsonObject env = QJsonDocument::fromJson(QByteArray::fromStdString(body.to_string())).object();
            if (env.value("type").toString() == type
                && env.value("data").toObject().value("order_id").toString() == orderId)
                return true;
        }
        return false;
    }

private:
    zmq::context_t m_ctx{1};
    zmq::socket_t m_sub;
};

sim::GatewayOptions pausedOptions()
{
    sim::GatewayOptions o;
    o.seed = 18;
    o.ordersPerMin = 240;
    o.startMs = 1794824100000LL;
    o.feedBind = o.snapshotBind = o.controlBind = "tcp://127.0.0.1:*";
    return o;
}

QString firstOrderIn(sim::Gateway &gw, const std::string &state)
{
    for (int i = 0; i < 720; ++i) {
        for (const auto &[id, s] : gw.truthOrderStates())
            if (s == state)
                return QString::fromStdString(id);
        gw.step(5000);
    }
    return {};
}

// The control audit as the service writes it (the ControlAuditSink interface; the store
// behind it is tested in tests/intake).
class RecordingAudit final : public app::ControlAuditSink
{
public:
    void write(const store::ControlAuditEntry &entry) override { entries.push_back(entry); }
    std::vector<store::ControlAuditEntry> readRun(const std::string &) override { return entries; }
    std::vector<store::ControlAuditEntry> entries;
};

Cs::Request req(Cs::Kind kind, const QString &orderId, const QString &reason = {}, double amount = 0)
{
    Cs::Request r;
    r.kind = kind;
    r.orderId = orderId;
    r.reason = reason;
    r.amount = amount;
    return r;
}

Cs::Status statusOf(const QSignalSpy &spy, int i = 0)
{
    return spy.at(i).at(2).value<Cs::Status>();
}

} // namespace

class TestCsActions final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        qRegisterMetaType<Cs::Status>();
        QVERIFY(m_chinese.load(QStringLiteral(":/i18n/opsdeck_zh_CN.qm")));
    }

    void pendingUntilTheFeedConfirmsThenRefusedWithItsReason()
    {
        sim::Gateway gw(pausedOptions());
        gw.setPaused(true);
        gw.start();
        FeedReader feed(gw.feedEndpoint());
        const QString order = firstOrderIn(gw, "EXCEPTION");
        QVERIFY(!order.isEmpty());
        accesstest::TestAccess agent("agent1", "customer_service");
        app::ControlCustomerService cs(gw.controlEndpoint(), {}, agent.guard, {1000, 3}, &m_chinese);
        QSignalSpy accepted(&cs, &Cs::accepted);
        QSignalSpy settled(&cs, &Cs::settled);

        const Cs::Submitted s = cs.submit(req(Cs::Kind::StartReturn, order, QStringLiteral("customer_rejected")));
        QVERIFY2(s.accepted(), qPrintable(s.refusal));
        QTRY_COMPARE(accepted.count(), 1);
        QCOMPARE(cs.status(s.commandId), Cs::Status::Pending); // the gateway said ok; the feed has not yet
        QVERIFY(settled.isEmpty());
        QVERIFY(feed.waitFor("order.return_started", order));
        cs.observeFeedEvent(QStringLiteral("order.closed"), order); // another event: still pending
        QCOMPARE(cs.status(s.commandId), Cs::Status::Pending);
        cs.observeFeedEvent(QStringLiteral("order.return_started"), order);
        QCOMPARE(cs.status(s.commandId), Cs::Status::Confirmed);
        QCOMPARE(settled.count(), 1);
        QCOMPARE(statusOf(settled), Cs::Status::Confirmed);

        // Again on a RETURNING order: the gateway refuses, with its reason.
        const Cs::Submitted again = cs.submit(req(Cs::Kind::StartReturn, order));
        QVERIFY(again.accepted());
        QTRY_COMPARE(settled.count(), 2);
        QCOMPARE(statusOf(settled, 1), Cs::Status::Refused);
        QCOMPARE(settled.at(1).at(3).toString(), QStringLiteral("illegal_transition"));
        QVERIFY(settled.at(1).at(4).toString().contains(QStringLiteral("RETURNING")));

        // A message, rendered in the customer's language, confirmed by customer.notified.
        Cs::Request note = req(Cs::Kind::NotifyCustomer, order);
        note.templateId = QStringLiteral("delay_apology");
        note.language = QStringLiteral("zh_CN");
        note.vars = {{"customer", "王女士"}, {"order", order}};
        QVERIFY(cs.check(note).contains(QStringLiteral("minutes"))); // a variable missing: not sent
        note.vars.insert(QStringLiteral("minutes"), QStringLiteral("15"));
        const Cs::Submitted sent = cs.submit(note);
        QVERIFY2(sent.accepted(), qPrintable(sent.refusal));
        QVERIFY(sent.text.startsWith(QStringLiteral("尊敬的王女士")));
        QVERIFY(feed.waitFor("customer.notified", order));
        cs.observeFeedEvent(QStringLiteral("customer.notified"), order);
        QTRY_COMPARE(cs.status(sent.commandId), Cs::Status::Confirmed);
    }

    void permissionAndClaimLimitByRole()
    {
        accesstest::TestAccess dispatcher("disp1", "dispatcher");
        accesstest::TestAccess agent("agent1", "customer_service");
        accesstest::TestAccess supervisor("boss1", "ops_manager");
        // Nothing listens there: a refusal must come before anything is sent.
        const std::string nowhere = "tcp://127.0.0.1:9";
        app::ControlCustomerService byDispatcher(nowhere, {}, dispatcher.guard, {100, 1}, &m_chinese);
        app::ControlCustomerService byAgent(nowhere, {}, agent.guard, {100, 1}, &m_chinese);
        app::ControlCustomerService bySupervisor(nowhere, {}, supervisor.guard, {100, 1}, &m_chinese);

        const Cs::Submitted refused = byDispatcher.submit(req(Cs::Kind::Refund, QStringLiteral("DD1"), {}, 5));
        QVERIFY(!refused.accepted());
        QVERIFY(refused.commandId.isEmpty());
        QVERIFY(refused.refusal.contains(QStringLiteral("refund")));
        QCOMPARE(dispatcher.audit.records.size(), std::size_t{1}); // the refusal is on the audit trail
        QCOMPARE(dispatcher.audit.records.front().action, std::string("command.refund"));

        Cs::Request big = req(Cs::Kind::DecideClaim, QStringLiteral("DD1"));
        big.amount = 500;
        QVERIFY(byAgent.check(big).contains(QStringLiteral("approve")));
        QVERIFY(bySupervisor.check(big).isEmpty());
        big.amount = 150;
        QVERIFY(byAgent.check(big).isEmpty());
        big.approve = false;
        big.amount = 1e6; // a rejection pays nothing: no limit
        QVERIFY(byAgent.check(big).isEmpty());

        Cs::Request claim = req(Cs::Kind::OpenClaim, QStringLiteral("DD1"));
        claim.amount = 10;
        QVERIFY(!byAgent.check(claim).isEmpty()); // no reason
        claim.reason = QStringLiteral("damaged");
        claim.amount = -1;
        QVERIFY(!byAgent.check(claim).isEmpty());
        QVERIFY(!byAgent.check(req(Cs::Kind::Refund, QStringLiteral("DD1"))).isEmpty()); // no amount
    }

    void silentGatewayLeavesItUnconfirmedUnlessTheFeedShowsIt()
    {
        feed::test::ScriptedGateway gw;
        gw.setControlMode(feed::test::ScriptedGateway::ControlMode::Silent);
        accesstest::TestAccess agent("agent1", "customer_service");
        app::ControlCustomerService cs(gw.controlEndpoint(), {}, agent.guard, {100, 2}, &m_chinese);
        RecordingAudit audit;
        cs.setAudit(&audit);
        QSignalSpy settled(&cs, &Cs::settled);

        const Cs::Submitted lost = cs.submit(req(Cs::Kind::CloseReturn, QStringLiteral("DD7")));
        QVERIFY(lost.accepted());
        QTRY_COMPARE(settled.count(), 1);
        QCOMPARE(statusOf(settled), Cs::Status::Unconfirmed);
        QCOMPARE(settled.at(0).at(3).toString(), QStringLiteral("timeout"));
        // Audited when sent and with its outcome, under one id, with the attempts made.
        QCOMPARE(audit.entries.size(), std::size_t{2});
        QCOMPARE(audit.entries.at(0).status, std::string("pending"));
        QCOMPARE(audit.entries.at(0).origin, std::string("cs"));
        QCOMPARE(audit.entries.at(0).cmd, std::string("close_return"));
        QCOMPARE(audit.entries.at(1).status, std::string("unconfirmed"));
        QCOMPARE(audit.entries.at(1).commandId, lost.commandId.toStdString());
        QCOMPARE(audit.entries.at(1).attempts, 2);
        // A request refused before it left is audited too.
        QVERIFY(!cs.submit(req(Cs::Kind::Refund, QStringLiteral("DD7"))).accepted());
        QCOMPARE(audit.entries.back().status, std::string("refused"));
        QCOMPARE(audit.entries.back().error, std::string("bad_request"));
        audit.entries.clear();

        // The reply is lost but the feed shows the effect: it happened.
        const Cs::Submitted seen = cs.submit(req(Cs::Kind::CloseReturn, QStringLiteral("DD8")));
        cs.observeFeedEvent(QStringLiteral("order.closed"), QStringLiteral("DD8"));
        QCOMPARE(cs.status(seen.commandId), Cs::Status::Pending);
        QTRY_COMPARE(settled.count(), 2);
        QCOMPARE(statusOf(settled, 1), Cs::Status::Confirmed);
    }

private:
    QTranslator m_chinese;
};

QTEST_GUILESS_MAIN(TestCsActions)
#include "tst_cs_actions.moc"
