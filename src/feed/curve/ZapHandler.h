#pragma once

#include <zmq.hpp>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace opsdeck::feed::curve {

// The ZAP handler (RFC 27) of one ZeroMQ context: a REP socket on
// inproc://zeromq.zap.01, on its own thread, that admits a CURVE client only when its
// public key is in the allow-list. Every other request (a key not listed, another
// mechanism) is refused with status 400, counted and logged with the reason.
//
// Construct it before any CURVE server socket of the context binds: without a handler
// libzmq admits every client key. Stop it before the context closes.
class ZapHandler final
{
public:
    // Binds the handler's socket now (throws zmq::error_t when another handler has the
    // address) and starts the thread.
    ZapHandler(zmq::context_t &context, std::vector<std::string> allowedZ85);
    ~ZapHandler(); // stop()
    ZapHandler(const ZapHandler &) = delete;
    ZapHandler &operator=(const ZapHandler &) = delete;

    void stop(); // joins; the socket closes on the thread that used it

    std::int64_t admitted() const { return m_admitted.load(std::memory_order_relaxed); }
    std::int64_t refused() const { return m_refused.load(std::memory_order_relaxed); }
    // The latest refusal's reason, e.g. "client key ... is not in the allow-list".
    std::string lastRefusal() const;

private:
    void run();
    void answer(std::vector<zmq::message_t> &request);

    zmq::socket_t m_socket;
    std::set<std::string> m_allowed; // Z85 public keys
    std::atomic<bool> m_stopping{false};
    std::atomic<std::int64_t> m_admitted{0};
    std::atomic<std::int64_t> m_refused{0};
    mutable std::mutex m_reasonMutex;
    std::string m_lastRefusal;
    std::thread m_thread;
};

} // namespace opsdeck::feed::curve
