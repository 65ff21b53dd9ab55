#pragma once

#include <zmq.hpp>

#include <cstdint>

namespace opsdeck::feed {

// Watches one socket's connection events on the owning thread. "Connected" means the
// ZMTP (or CURVE) handshake succeeded: TCP CONNECTED alone also fires for a peer that
// then fails the CURVE handshake.
class ConnectionMonitor final
{
public:
    ConnectionMonitor(zmq::context_t &context, zmq::socket_t &watched);
    ~ConnectionMonitor();
    ConnectionMonitor(const ConnectionMonitor &) = delete;
    ConnectionMonitor &operator=(const ConnectionMonitor &) = delete;

    zmq::socket_t &socket() { return m_pair; }
    void drain(); // reads pending events without blocking
    void close(); // before the watched socket closes

    bool connected() const { return m_connected; }
    bool everConnected() const { return m_everConnected; }
    std::int64_t handshakes() const { return m_handshakes; }
    // The latest ZMQ_EVENT_HANDSHAKE_FAILED_* since the last success (0: none) and its
    // value (the ZAP status code or the ZMQ_PROTOCOL_ERROR_*).
    int lastFailure() const { return m_lastFailure; }
    int lastFailureValue() const { return m_lastFailureValue; }

private:
    zmq::socket_t *m_watched;
    zmq::socket_t m_pair;
    bool m_connected = false;
    bool m_everConnected = false;
    std::int64_t m_handshakes = 0;
    int m_lastFailure = 0; // logged once per change, not on every reconnect attempt
    int m_lastFailureValue = 0;
};

} // namespace opsdeck::feed
