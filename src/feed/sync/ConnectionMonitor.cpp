#include "ConnectionMonitor.h"

#include "feed/wire/FeedLog.h"

#include <cstring>

namespace opsdeck::feed {

namespace {
// inproc names are per context, and the feed thread owns its context.
constexpr const char *kMonitorAddress = "inproc://opsdeck-feed-monitor";
}

ConnectionMonitor::ConnectionMonitor(zmq::context_t &context, zmq::socket_t &watched)
    : m_watched(&watched)
    , m_pair(context, zmq::socket_type::pair)
{
    const int events = ZMQ_EVENT_HANDSHAKE_SUCCEEDED | ZMQ_EVENT_DISCONNECTED | ZMQ_EVENT_HANDSHAKE_FAILED_AUTH
        | ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL | ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL;
    if (zmq_socket_monitor(watched.handle(), kMonitorAddress, events) != 0)
        throw zmq::error_t();
    m_pair.set(zmq::sockopt::linger, 0);
    m_pair.connect(kMonitorAddress);
}

ConnectionMonitor::~ConnectionMonitor()
{
    close();
}

void ConnectionMonitor::close()
{
    if (m_watched) {
        zmq_socket_monitor(m_watched->handle(), nullptr, 0);
        m_watched = nullptr;
    }
    m_pair.close();
}

void ConnectionMonitor::drain()
{
    if (!m_pair)
        return;
    for (;;) {
        zmq::message_t head;
        if (!m_pair.recv(head, zmq::recv_flags::dontwait))
            return;
        zmq::message_t address;
        if (head.more())
            (void)m_pair.recv(address, zmq::recv_flags::dontwait);
        if (head.size() < sizeof(std::uint16_t))
            continue;
        std::uint16_t event = 0;
        std::memcpy(&event, head.data(), sizeof event);
        std::uint32_t value = 0;
        if (head.size() >= sizeof event + sizeof value)
            std::memcpy(&value, static_cast<const char *>(head.data()) + sizeof event, sizeof value);
        switch (event) {
        case ZMQ_EVENT_HANDSHAKE_SUCCEEDED:
            m_connected = true;
            m_everConnected = true;
            m_lastFailure = 0;
            m_lastFailureValue = 0;
            ++m_handshakes;
            qCInfo(lcFeed) << "feed connected:" << address.to_string().c_str();
            break;
        case ZMQ_EVENT_DISCONNECTED:
            if (m_connected)
                qCWarning(lcFeed) << "feed disconnected:" << address.to_string().c_str();
            m_connected = false;
            break;
        default:
            // The peer hanging up after a refusal it explained (AUTH, PROTOCOL) adds a
            // NO_DETAIL that says less: keep the explanation.
            if (event == ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL && m_lastFailure != 0)
                break;
            if (event != m_lastFailure)
                qCWarning(lcFeed) << "feed handshake failed (event" << event << "):" << address.to_string().c_str();
            m_lastFailure = event;
            m_lastFailureValue = static_cast<int>(value);
            break;
        }
    }
}

} // namespace opsdeck::feed
