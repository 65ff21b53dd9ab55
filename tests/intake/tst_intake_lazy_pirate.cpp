// The control client's Lazy Pirate contract the intake commands rely on, against a bare
// ZeroMQ ROUTER over tcp loopback: every retry comes from a fresh socket (a new peer
// identity) carrying the same command id, and a late reply to an earlier attempt (sent to
// the old socket) never reaches the caller.
#include "feed/control/ControlClient.h"

#include <QtTest>

#include <zmq.hpp>

#include <atomic>
#include <thread>

using namespace opsdeck;

class TestIntakeLazyPirate final : public QObject
{
    Q_OBJECT

private slots:
    void retriesOnFreshSocketsAndDropsLateReplies()
    {
        zmq::context_t ctx(1);
        zmq::socket_t router(ctx, zmq::socket_type::router);
        router.set(zmq::sockopt::linger, 0);
        router.bind("tcp://127.0.0.1:*");
        const std::string endpoint = router.get(zmq::sockopt::last_endpoint);

        std::vector<std::string> identities, bodies;
        std::thread gateway([&] {
            // Attempt 1: no answer in time. Attempt 2: first the late "refused" answer to
            // attempt 1's socket, then "ok" to attempt 2's.
            for (int attempt = 1; attempt <= 2; ++attempt) {
                zmq::message_t identity, body;
                if (!router.recv(identity) || !router.recv(body))
                    return;
                identities.push_back(identity.to_string());
                bodies.push_back(body.to_string());
            }
            router.send(zmq::buffer(identities[0]), zmq::send_flags::sndmore);
            router.send(zmq::str_buffer(R"({"id":"c-lp-1","ok":false,"error":"late","message":"attempt 1"})"));
            router.send(zmq::buffer(identities[1]), zmq::send_flags::sndmore);
            router.send(zmq::str_buffer(R"({"id":"c-lp-1","ok":true})"));
        });

        feed::ControlClient client(endpoint, {}, {400, 3});
        const std::string request = R"({"id":"c-lp-1","cmd":"ping","by":{"user":"t","role":"ops_manager"}})";
        const auto r = client.send(request);
        gateway.join();

        QCOMPARE(int(r.status), int(feed::ControlClient::Status::Confirmed));
        QVERIFY(r.ok);
        QCOMPARE(r.attempts, 2);
        QCOMPARE(r.rawReply, std::string(R"({"id":"c-lp-1","ok":true})")); // not the late one
        QCOMPARE(identities.size(), std::size_t(2));
        QVERIFY(identities[0] != identities[1]); // attempt 2 came from a new socket
        QCOMPARE(bodies[0], request);            // same command, same id
        QCOMPARE(bodies[1], request);

        // And the late reply does not surface on the next command either.
        std::thread second([&] {
            zmq::message_t identity, body;
            if (!router.recv(identity) || !router.recv(body))
                return;
            router.send(identity, zmq::send_flags::sndmore);
            router.send(zmq::str_buffer(R"({"id":"c-lp-2","ok":true})"));
        });
        const auto r2 = client.send(R"({"id":"c-lp-2","cmd":"ping","by":{"user":"t","role":"ops_manager"}})");
        second.join();
        QCOMPARE(int(r2.status), int(feed::ControlClient::Status::Confirmed));
        QCOMPARE(r2.attempts, 1);
        router.close();
        ctx.close();
    }
};

QTEST_GUILESS_MAIN(TestIntakeLazyPirate)
#include "tst_intake_lazy_pirate.moc"
