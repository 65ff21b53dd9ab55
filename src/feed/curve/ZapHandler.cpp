#include "ZapHandler.h"

#include "CurveLog.h"

#include <array>

namespace opsdeck::feed::curve {

namespace {

constexpr const char *kZapEndpoint = "inproc://zeromq.zap.01";
constexpr std::chrono::milliseconds kStopCheck{50};

std::string text(const zmq::message_t &m)
{
    return {static_cast<const char *>(m.data()), m.size()};
}

} // namespace

ZapHandler::ZapHandler(zmq::context_t &context, std::vector<std::string> allowedZ85)
    : m_socket(context, zmq::socket_type::rep)
    , m_allowed(allowedZ85.begin(), allowedZ85.end())
{
    m_socket.set(zmq::sockopt::linger, 0);
    m_socket.bind(kZapEndpoint);
    // The thread start publishes the socket to the handler thread, which owns it from here.
    m_thread = std::thread([this] { run(); });
}

ZapHandler::~ZapHandler()
{
    stop();
}

void ZapHandler::stop()
{
    m_stopping.store(true, std::memory_order_release);
    if (m_thread.joinable())
        m_thread.join();
}

std::string ZapHandler::lastRefusal() const
{
    std::lock_guard lock(m_reasonMutex);
    return m_lastRefusal;
}

void ZapHandler::run()
{
    std::vector<zmq::message_t> request;
    try {
        while (!m_stopping.load(std::memory_order_acquire)) {
            zmq::pollitem_t item{m_socket.handle(), 0, ZMQ_POLLIN, 0};
            if (zmq::poll(&item, 1, kStopCheck) == 0)
                continue;
            request.clear();
            zmq::message_t part;
            while (m_socket.recv(part, zmq::recv_flags::dontwait)) {
                const bool more = part.more();
                request.push_back(std::move(part));
                if (!more)
                    break;
            }
            answer(request);
        }
    } catch (const zmq::error_t &e) {
        if (e.num() != ETERM)
            qCCritical(lcCurve) << "ZAP handler stopped:" << e.what();
    }
    m_socket.close();
}

void ZapHandler::answer(std::vector<zmq::message_t> &request)
{
    // RFC 27: version, request id, domain, address, identity, mechanism, credentials...
    std::string reason;
    std::string requestId;
    if (request.size() < 6 || text(request[0]) != "1.0") {
        reason = "malformed ZAP request";
    } else {
        requestId = text(request[1]);
        const std::string address = text(request[3]);
        const std::string mechanism = text(request[5]);
        if (mechanism != "CURVE" || request.size() != 7 || request[6].size() != 32) {
            reason = "mechanism " + mechanism + " from " + address + " is not CURVE";
        } else {
            std::array<char, 41> z85{};
            zmq_z85_encode(z85.data(), static_cast<const std::uint8_t *>(request[6].data()), 32);
            const std::string key(z85.data(), 40);
            if (m_allowed.count(key) == 0)
                reason = "client key " + key + " from " + address + " is not in the allow-list";
        }
    }
    const bool ok = reason.empty();
    if (ok) {
        m_admitted.fetch_add(1, std::memory_order_relaxed);
    } else {
        m_refused.fetch_add(1, std::memory_order_relaxed);
        qCWarning(lcCurve) << "refused:" << reason.c_str();
        std::lock_guard lock(m_reasonMutex);
        m_lastRefusal = reason;
    }
    // REP must answer every request, even one it could not parse, or it stops reading.
    const std::array<std::string, 6> reply{"1.0", requestId, ok ? "200" : "400", ok ? "OK" : reason, "", ""};
    for (std::size_t i = 0; i < reply.size(); ++i)
        m_socket.send(zmq::buffer(reply[i]), i + 1 < reply.size() ? zmq::send_flags::sndmore : zmq::send_flags::none);
}

} // namespace opsdeck::feed::curve
