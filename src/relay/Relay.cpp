#include "Relay.h"

#include "RelayLog.h"
#include "RequestRouter.h"

#include "feed/curve/ZapHandler.h"
#include "feed/wire/SocketSetup.h"

#include <pthread.h>

#include <zmq.hpp>

#include <stdexcept>

namespace opsdeck::relay {

namespace {
constexpr int kFeedHighWaterMark = 1000000; // as the gateway's PUB: a flood passes undropped
} // namespace

Relay::Relay(RelayOptions options) : m_options(std::move(options)) {}

Relay::~Relay()
{
    stop();
}

void Relay::start()
{
    if (m_proxyThread.joinable())
        return;
    if (m_options.upstreams.empty())
        throw std::runtime_error("a relay needs at least one gateway");
    m_context = std::make_unique<zmq::context_t>(1);
    try {
        if (m_options.downstreamCurve.enabled())
            m_zap = std::make_unique<feed::curve::ZapHandler>(*m_context, m_options.downstreamCurve.allowed);
        m_xsub = std::make_unique<zmq::socket_t>(*m_context, zmq::socket_type::xsub);
        m_xpub = std::make_unique<zmq::socket_t>(*m_context, zmq::socket_type::xpub);
        m_xsub->set(zmq::sockopt::linger, 0);
        m_xsub->set(zmq::sockopt::rcvhwm, kFeedHighWaterMark);
        m_xpub->set(zmq::sockopt::linger, 0);
        m_xpub->set(zmq::sockopt::sndhwm, kFeedHighWaterMark);
        feed::curve::applyCurveServer(*m_xpub, m_options.downstreamCurve, kZapDomain);
        feed::applyCurveClient(*m_xsub, m_options.upstreamCurve);
        m_xpub->bind(m_options.feedBind);
        for (const Upstream &u : m_options.upstreams)
            m_xsub->connect(u.feed);
        m_router = std::make_unique<RequestRouter>(*m_context, m_options, m_counters);
    } catch (const zmq::error_t &e) {
        m_router.reset();
        m_xsub.reset();
        m_xpub.reset();
        m_zap.reset();
        m_context.reset();
        throw std::runtime_error(std::string("relay cannot bind or connect: ") + e.what());
    }
    {
        std::lock_guard lock(m_mutex);
        m_feedEndpoint = m_xpub->get(zmq::sockopt::last_endpoint);
        m_snapshotEndpoint = m_router->snapshotEndpoint();
        m_controlEndpoint = m_router->controlEndpoint();
    }
    qCInfo(lcRelay) << "relay for" << m_options.upstreams.size() << "gateway(s): feed" << m_feedEndpoint.c_str()
                    << "snapshot" << m_snapshotEndpoint.c_str() << "control" << m_controlEndpoint.c_str();
    // The sockets were made here; starting the threads hands them over.
    m_proxyThread = std::thread([this] {
        pthread_setname_np(pthread_self(), "relay-proxy");
        runProxy();
    });
    m_routerThread = std::thread([this] {
        pthread_setname_np(pthread_self(), "relay-router");
        m_router->run();
    });
}

void Relay::runProxy()
{
    try {
        // ZeroMQ's own forwarder: messages down, subscriptions up (deduplicated by XPUB).
        zmq::proxy(*m_xsub, *m_xpub);
    } catch (const zmq::error_t &e) {
        if (e.num() != ETERM)
            qCCritical(lcRelay) << "feed proxy stopped:" << e.what();
    }
    m_xsub->close();
    m_xpub->close();
}

void Relay::stop()
{
    if (!m_context)
        return;
    m_context->shutdown(); // every blocking call in both threads returns ETERM
    if (m_proxyThread.joinable())
        m_proxyThread.join();
    if (m_routerThread.joinable())
        m_routerThread.join();
    m_router.reset();
    m_xsub.reset();
    m_xpub.reset();
    if (m_zap)
        m_zap->stop(); // its socket must close before the context can; its counts stay readable
    m_context->close();
    m_context.reset();
}

std::int64_t Relay::refusedKeys() const
{
    return m_zap ? m_zap->refused() : 0;
}

std::int64_t Relay::admittedKeys() const
{
    return m_zap ? m_zap->admitted() : 0;
}

std::string Relay::feedEndpoint() const
{
    std::lock_guard lock(m_mutex);
    return m_feedEndpoint;
}

std::string Relay::snapshotEndpoint() const
{
    std::lock_guard lock(m_mutex);
    return m_snapshotEndpoint;
}

std::string Relay::controlEndpoint() const
{
    std::lock_guard lock(m_mutex);
    return m_controlEndpoint;
}

} // namespace opsdeck::relay
