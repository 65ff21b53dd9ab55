// ControlClient against the scripted gateway's control ROUTER: confirmed, refused, and
// unanswered (Lazy Pirate retries with the same id, then Unconfirmed).
#include "ScriptedGateway.h"

#include "feed/control/ControlClient.h"

#include <QtTest>

#include <chrono>

using namespace opsdeck::feed;
using opsdeck::feed::test::ScriptedGateway;

class TestFeedControl final : public QObject
{
    Q_OBJECT

private slots:
    void replyOk()
    {
        ScriptedGateway gw;
        ControlClient client(gw.controlEndpoint(), {}, {1000, 3});
        const auto r = client.send(R"({"id":"c-1","cmd":"ping","by":{"user":"ann","role":"dispatcher"}})");
        QCOMPARE(int(r.status), int(ControlClient::Status::Confirmed));
        QVERIFY(r.ok);
        QCOMPARE(r.attempts, 1);
        QCOMPARE(r.rawReply, std::string(R"({"id":"c-1","ok":true})")); // the stale "c-stale" reply was skipped
    }

    void replyRefused()
    {
        ScriptedGateway gw;
        ControlClient client(gw.controlEndpoint(), {}, {1000, 3});
        const auto r = client.send(R"({"id":"c-2","cmd":"cancel","order_id":"o-404","reason":"test"})");
        QCOMPARE(int(r.status), int(ControlClient::Status::Refused));
        QVERIFY(!r.ok);
        QCOMPARE(r.error, std::string("unknown_order"));
        QCOMPARE(r.message, std::string("no such order"));
    }

    void noReplyIsUnconfirmedAfterRetries()
    {
        ScriptedGateway gw;
        gw.setControlMode(ScriptedGateway::ControlMode::Silent);
        ControlClient client(gw.controlEndpoint(), {}, {300, 3});
        const std::string cmd = R"({"id":"c-3","cmd":"hold","order_id":"o-1","reason":"check"})";
        const auto t0 = std::chrono::steady_clock::now();
        const auto r = client.send(cmd);
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
        QCOMPARE(int(r.status), int(ControlClient::Status::Unconfirmed));
        QCOMPARE(r.attempts, 3);
        QCOMPARE(r.error, std::string("timeout"));
        // Three 300 ms waits at least; the upper bound only tells endless retries from a slow machine.
        QVERIFY2(ms >= 850 && ms < 20000, QByteArray::number(qint64(ms)));
        // Every attempt carried the same command, hence the same id.
        QTRY_COMPARE_WITH_TIMEOUT(gw.controlRequests().size(), std::size_t(3), 2000);
        for (const auto &req : gw.controlRequests())
            QCOMPARE(req, cmd);

        // The gateway answers again: the next command is confirmed on the reopened socket.
        gw.setControlMode(ScriptedGateway::ControlMode::Reply);
        QCOMPARE(int(client.send(R"({"id":"c-4","cmd":"ping"})").status), int(ControlClient::Status::Confirmed));
    }

    void gatewayAbsentIsUnconfirmed()
    {
        std::string endpoint;
        {
            ScriptedGateway gone;
            endpoint = gone.controlEndpoint();
        }
        ControlClient client(endpoint, {}, {200, 2});
        const auto r = client.send(R"({"id":"c-5","cmd":"ping"})");
        QCOMPARE(int(r.status), int(ControlClient::Status::Unconfirmed));
    }

    void requestWithoutIdIsRefusedLocally()
    {
        ControlClient client("tcp://127.0.0.1:1", {}, {200, 1});
        const auto r = client.send(R"({"cmd":"ping"})");
        QCOMPARE(int(r.status), int(ControlClient::Status::Unconfirmed));
        QCOMPARE(r.error, std::string("bad_request"));
        QCOMPARE(r.attempts, 0);
    }
};

QTEST_GUILESS_MAIN(TestFeedControl)
#include "tst_feed_control.moc"
