#pragma once

// Fan-out for the ops feed (docs/protocol.md, "Relay"): many consoles share one
// connection to each gateway, and one console follows several gateways. The feed goes
// through ZeroMQ's own proxy (XSUB connected to every gateway, XPUB bound for consoles);
// snapshot and control requests are routed to the gateway that owns the depot or order.

#include "feed/curve/CurveServer.h"
#include "feed/wire/FeedEndpoints.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace opsdeck::feed::curve {
class ZapHandler;
} // namespace opsdeck::feed::curve

namespace opsdeck::relay {

struct Upstream {
    std::string feed;     // the gateway's PUB
    std::string snapshot; // its snapshot ROUTER
    std::string control;  // its control ROUTER
};

// The ZAP domain of the consoles' endpoints (the gateway's is "opsfeed").
inline constexpr const char *kZapDomain = "opsfeed-relay";

struct RelayOptions {
    std::vector<Upstream> upstreams;
    std::string feedBind = "tcp://127.0.0.1:6556";
    std::string snapshotBind = "tcp://127.0.0.1:6557";
    std::string controlBind = "tcp://127.0.0.1:6558";
    int requestTimeoutMs = 5000; // a gateway silent this long on a request: its socket is renewed
    // Upstream: the relay is a CURVE client of every gateway (the gateway's public key and
    // the relay's own pair), as a console is. Empty: plain.
    feed::CurveKeys upstreamCurve;
    // Downstream: CURVE on the three console endpoints with a ZAP allow-list. Empty: plain.
    feed::curve::ServerKeys downstreamCurve;
};

// Written by the router thread, read by anyone.
struct RelayCounters {
    std::atomic<std::int64_t> snapshotRequests{0};
    std::atomic<std::int64_t> snapshotRecords{0};
    std::atomic<std::int64_t> snapshotsMerged{0}; // answered by more than one gateway
    std::atomic<std::int64_t> controlRequests{0};
    std::atomic<std::int64_t> controlTries{0}; // order commands passed on to the next gateway
    std::atomic<std::int64_t> rejected{0};     // unreadable requests or replies (logged)
    std::atomic<std::int64_t> unavailable{0};  // a gateway not connected: request dropped, the console retries
    std::atomic<std::int64_t> timeouts{0};
    std::atomic<std::int64_t> heartbeats{0};
    std::atomic<std::int64_t> depotsKnown{0};
};

class RequestRouter;

class Relay final
{
public:
    explicit Relay(RelayOptions options);
    ~Relay(); // stops
    Relay(const Relay &) = delete;
    Relay &operator=(const Relay &) = delete;

    // Binds the three endpoints (throws std::runtime_error on failure), connects to every
    // gateway and starts the proxy and router threads.
    void start();
    // Never hangs: shuts the context down, which ends the proxy, and joins. Safe twice.
    void stop();

    std::string feedEndpoint() const;
    std::string snapshotEndpoint() const;
    std::string controlEndpoint() const;
    const RelayCounters &counters() const { return m_counters; }
    // Console keys the relay's ZAP handler refused / admitted (0 without downstream CURVE).
    std::int64_t refusedKeys() const;
    std::int64_t admittedKeys() const;

private:
    void runProxy();

    RelayOptions m_options;
    RelayCounters m_counters;
    mutable std::mutex m_mutex; // guards the endpoints
    std::string m_feedEndpoint, m_snapshotEndpoint, m_controlEndpoint;
    std::unique_ptr<zmq::context_t> m_context;
    std::unique_ptr<feed::curve::ZapHandler> m_zap; // before the consoles' sockets bind, after they close
    std::unique_ptr<zmq::socket_t> m_xsub, m_xpub;
    std::unique_ptr<RequestRouter> m_router;
    std::thread m_proxyThread, m_routerThread;
};

} // namespace opsdeck::relay
