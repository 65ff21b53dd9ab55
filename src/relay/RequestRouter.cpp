#include "RequestRouter.h"

#include "Frames.h"
#include "RelayLog.h"

#include "feed/wire/SocketSetup.h"


namespace opsdeck::relay {

using namespace frames;

namespace {
constexpr int kHighWaterMark = 1000000; // a whole snapshot passes through, as from the gateway itself
constexpr int kPollMs = 100;
constexpr int kDrainLimit = 4096; // per socket and turn, so no socket starves the others

zmq::socket_t upstreamDealer(zmq::context_t &context, const std::string &endpoint, const feed::CurveKeys &curve)
{
    zmq::socket_t s(context, zmq::socket_type::dealer);
    s.set(zmq::sockopt::rcvhwm, kHighWaterMark);
    s.set(zmq::sockopt::linger, 0);
    s.set(zmq::sockopt::immediate, 1); // a request never waits for a gateway that is not there
    s.set(zmq::sockopt::reconnect_ivl, 100);
    s.set(zmq::sockopt::reconnect_ivl_max, 2000);
    feed::applyCurveClient(s, curve);
    s.connect(endpoint);
    return s;
}

bool sendFrames(zmq::socket_t &socket, const std::vector<std::string_view> &frames)
{
    for (std::size_t i = 0; i < frames.size(); ++i) {
        const auto flags = i + 1 < frames.size() ? zmq::send_flags::sndmore | zmq::send_flags::dontwait
                                                 : zmq::send_flags::dontwait;
        if (!socket.send(zmq::buffer(frames[i]), flags))
            return false; // only the first frame can fail: later ones follow a queued one
    }
    return true;
}
} // namespace

RequestRouter::RequestRouter(zmq::context_t &context, const RelayOptions &options, RelayCounters &counters)
    : m_context(context), m_options(options), m_counters(counters), m_directory(options.upstreams.size())
{
    m_snapshotFront = zmq::socket_t(m_context, zmq::socket_type::router);
    m_controlFront = zmq::socket_t(m_context, zmq::socket_type::router);
    for (zmq::socket_t *s : {&m_snapshotFront, &m_controlFront}) {
        s->set(zmq::sockopt::linger, 0);
        s->set(zmq::sockopt::sndhwm, kHighWaterMark);
        feed::curve::applyCurveServer(*s, m_options.downstreamCurve, kZapDomain);
    }
    m_snapshotFront.bind(m_options.snapshotBind);
    m_controlFront.bind(m_options.controlBind);
    for (const Upstream &u : m_options.upstreams) {
        Gateway g;
        g.endpoints = u;
        g.snapshot = upstreamDealer(m_context, u.snapshot, m_options.upstreamCurve);
        g.control = upstreamDealer(m_context, u.control, m_options.upstreamCurve);
        g.heartbeat = zmq::socket_t(m_context, zmq::socket_type::sub);
        g.heartbeat.set(zmq::sockopt::linger, 0);
        g.heartbeat.set(zmq::sockopt::subscribe, std::string(wire::kHeartbeatTopic));
        feed::applyCurveClient(g.heartbeat, m_options.upstreamCurve);
        g.heartbeat.connect(u.feed);
        m_gateways.push_back(std::move(g));
    }
}

RequestRouter::~RequestRouter()
{
    closeAll();
}

std::string RequestRouter::snapshotEndpoint() const
{
    return m_snapshotFront.get(zmq::sockopt::last_endpoint);
}

std::string RequestRouter::controlEndpoint() const
{
    return m_controlFront.get(zmq::sockopt::last_endpoint);
}

void RequestRouter::closeAll()
{
    m_snapshotFront.close();
    m_controlFront.close();
    for (Gateway &g : m_gateways) {
        g.snapshot.close();
        g.control.close();
        g.heartbeat.close();
    }
}

void RequestRouter::run()
{
    try {
        loop();
    } catch (const zmq::error_t &e) {
        if (e.num() != ETERM)
            qCCritical(lcRelay) << "router thread stopped:" << e.what();
    } catch (const std::exception &e) {
        qCCritical(lcRelay) << "router thread stopped:" << e.what();
    }
    closeAll();
}

void RequestRouter::loop()
{
    std::vector<zmq_pollitem_t> items;
    for (;;) {
        items.clear();
        items.push_back({m_snapshotFront.handle(), 0, ZMQ_POLLIN, 0});
        items.push_back({m_controlFront.handle(), 0, ZMQ_POLLIN, 0});
        for (Gateway &g : m_gateways) {
            items.push_back({g.snapshot.handle(), 0, ZMQ_POLLIN, 0});
            items.push_back({g.control.handle(), 0, ZMQ_POLLIN, 0});
            items.push_back({g.heartbeat.handle(), 0, ZMQ_POLLIN, 0});
        }
        try {
            zmq::poll(items, std::chrono::milliseconds(kPollMs));
        } catch (const zmq::error_t &e) {
            if (e.num() != EINTR)
                throw;
            continue;
        }
        // Replies first: they finish jobs and free the gateways' queues.
        for (std::size_t i = 0; i < m_gateways.size(); ++i) {
            if (items[2 + 3 * i].revents & ZMQ_POLLIN)
                onSnapshotReply(i);
            if (items[3 + 3 * i].revents & ZMQ_POLLIN)
                onControlReply(i);
            if (items[4 + 3 * i].revents & ZMQ_POLLIN)
                onHeartbeat(i);
        }
        if (items[0].revents & ZMQ_POLLIN)
            onSnapshotRequest();
        if (items[1].revents & ZMQ_POLLIN)
            onControlRequest();
        expire(steadyMs());
    }
}

void RequestRouter::answer(zmq::socket_t &frontend, const Frames &envelope, std::string_view name, std::string_view body)
{
    std::vector<std::string_view> frames;
    for (const zmq::message_t &e : envelope)
        frames.push_back(view(e));
    if (!name.empty())
        frames.push_back(name);
    frames.push_back(body);
    (void)sendFrames(frontend, frames); // a console that left is no one's loss
}

void RequestRouter::onHeartbeat(std::size_t gateway)
{
    for (int n = 0; n < kDrainLimit && receiveAll(m_gateways[gateway].heartbeat, m_parts); ++n) {
        if (m_parts.size() != 2) {
            m_counters.rejected.fetch_add(1, std::memory_order_relaxed);
            continue;
        }
        auto result = m_decoder.decode(view(m_parts[0]), view(m_parts[1]));
        if (const auto *hb = std::get_if<core::Heartbeat>(&result)) {
            m_directory.observe(gateway, *hb);
            m_counters.heartbeats.fetch_add(1, std::memory_order_relaxed);
            m_counters.depotsKnown.store(static_cast<std::int64_t>(m_directory.depotCount()), std::memory_order_relaxed);
        } else {
            m_counters.rejected.fetch_add(1, std::memory_order_relaxed);
            qCWarning(lcRelay) << "gateway" << gateway << "sent an unreadable heartbeat";
        }
    }
}

void RequestRouter::expire(std::int64_t nowMs)
{
    for (std::size_t i = 0; i < m_gateways.size(); ++i) {
        Gateway &g = m_gateways[i];
        const bool snapshotLate = !g.snapshotsOwed.empty()
            && nowMs - std::max(g.snapshotsOwed.front().sentMs, g.snapshotHeardMs) > m_options.requestTimeoutMs;
        const bool controlLate
            = !g.controlsOwed.empty() && nowMs - g.controlsOwed.front().sentMs > m_options.requestTimeoutMs;
        if (snapshotLate || controlLate) {
            m_counters.timeouts.fetch_add(1, std::memory_order_relaxed);
            qCWarning(lcRelay) << "gateway" << i << "did not answer a" << (snapshotLate ? "snapshot" : "control")
                               << "request; renewing its connection";
            renew(g, snapshotLate);
        }
    }
}

// A fresh socket, so a late answer can never be taken for the next job's; the consoles of
// the jobs it still owed retry on their own (protocol.md: Lazy Pirate).
void RequestRouter::renew(Gateway &gateway, bool snapshot)
{
    std::deque<Owed> &owed = snapshot ? gateway.snapshotsOwed : gateway.controlsOwed;
    for (const Owed &o : owed)
        m_jobs.erase(o.job);
    owed.clear();
    zmq::socket_t &socket = snapshot ? gateway.snapshot : gateway.control;
    socket.close();
    socket = upstreamDealer(m_context, snapshot ? gateway.endpoints.snapshot : gateway.endpoints.control,
                            m_options.upstreamCurve);
}

} // namespace opsdeck::relay
