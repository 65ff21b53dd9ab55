#include "ControlClient.h"

#include "feed/wire/FeedLog.h"
#include "feed/wire/SocketSetup.h"

#include <simdjson.h>
#include <zmq.hpp>

#include <chrono>
#include <optional>

namespace opsdeck::feed {

namespace {

std::optional<std::string> idOf(simdjson::dom::parser &parser, std::string_view json)
{
    simdjson::dom::element doc;
    std::string_view id;
    if (parser.parse(json.data(), json.size(), true).get(doc) != simdjson::SUCCESS
        || doc["id"].get_string().get(id) != simdjson::SUCCESS || id.empty())
        return std::nullopt;
    return std::string(id);
}

} // namespace

bool acceptControlReply(simdjson::dom::parser &parser, std::string_view reply, const std::string &id,
                        ControlClient::Result &result)
{
    simdjson::dom::element doc;
    std::string_view replyId;
    bool ok = false;
    if (parser.parse(reply.data(), reply.size(), true).get(doc) != simdjson::SUCCESS
        || doc["id"].get_string().get(replyId) != simdjson::SUCCESS || replyId != id
        || doc["ok"].get_bool().get(ok) != simdjson::SUCCESS)
        return false;
    std::string_view text;
    if (doc["error"].get_string().get(text) == simdjson::SUCCESS)
        result.error.assign(text);
    if (doc["message"].get_string().get(text) == simdjson::SUCCESS)
        result.message.assign(text);
    result.ok = ok;
    result.status = ok ? ControlClient::Status::Confirmed : ControlClient::Status::Refused;
    result.rawReply.assign(reply);
    return true;
}

struct ControlClient::Impl {
    std::string endpoint;
    CurveKeys curve;
    Options options;
    zmq::context_t context{1};
    zmq::socket_t socket;
    simdjson::dom::parser parser;

    ~Impl()
    {
        socket.close();
        context.close();
    }

    void reopen()
    {
        socket.close();
        socket = makeRequestDealer(context, endpoint, curve);
    }

    bool waitForReply(const std::string &id, Result &result)
    {
        using namespace std::chrono;
        const auto deadline = steady_clock::now() + milliseconds(options.timeoutMs);
        for (;;) {
            const auto left = duration_cast<milliseconds>(deadline - steady_clock::now());
            if (left.count() <= 0)
                return false;
            zmq::pollitem_t item{socket.handle(), 0, ZMQ_POLLIN, 0};
            zmq::poll(&item, 1, left);
            if (!(item.revents & ZMQ_POLLIN))
                continue;
            zmq::message_t part;
            std::string reply;
            int parts = 0;
            while (socket.recv(part, zmq::recv_flags::dontwait)) {
                ++parts;
                if (part.size() > 0) // a REQ-style empty delimiter is tolerated
                    reply.assign(static_cast<const char *>(part.data()), part.size());
                if (!part.more())
                    break;
            }
            if (parts > 0 && acceptControlReply(parser, reply, id, result))
                return true;
        }
    }
};

ControlClient::ControlClient(std::string endpoint, CurveKeys curve, Options options)
    : m_impl(std::make_unique<Impl>())
{
    m_impl->endpoint = std::move(endpoint);
    m_impl->curve = std::move(curve);
    m_impl->options = options;
}

ControlClient::ControlClient(std::string endpoint, CurveKeys curve)
    : ControlClient(std::move(endpoint), std::move(curve), Options{})
{
}

ControlClient::~ControlClient() = default;

ControlClient::Result ControlClient::send(std::string_view requestJson)
{
    Result result;
    const auto id = idOf(m_impl->parser, requestJson);
    if (!id) {
        result.error = "bad_request";
        result.message = "command is not a JSON object with a string id";
        return result;
    }
    try {
        for (int attempt = 1; attempt <= std::max(1, m_impl->options.attempts); ++attempt) {
            result.attempts = attempt;
            if (attempt > 1 || !m_impl->socket)
                m_impl->reopen();
            // IMMEDIATE: with no connection the send fails rather than queueing a command
            // that a later connection would deliver long after we reported it unconfirmed.
            const bool sent = m_impl->socket.send(zmq::buffer(requestJson), zmq::send_flags::dontwait).has_value();
            if (!sent) {
                // Not connected yet (reconnects take ~100 ms): give it this attempt's time.
                using namespace std::chrono;
                const auto deadline = steady_clock::now() + milliseconds(m_impl->options.timeoutMs);
                bool delivered = false;
                while (!delivered && steady_clock::now() < deadline) {
                    zmq::pollitem_t item{m_impl->socket.handle(), 0, ZMQ_POLLOUT, 0};
                    zmq::poll(&item, 1, std::chrono::milliseconds(20));
                    delivered = m_impl->socket.send(zmq::buffer(requestJson), zmq::send_flags::dontwait).has_value();
                }
                if (!delivered)
                    continue;
            }
            if (m_impl->waitForReply(*id, result))
                return result;
            qCWarning(lcFeed) << "control command" << id->c_str() << "unanswered, attempt" << attempt;
        }
    } catch (const zmq::error_t &e) {
        qCWarning(lcFeed) << "control socket error:" << e.what();
        result.message = e.what();
    }
    // The user is about to see this command fail: drop the socket (LINGER 0 discards
    // whatever it still holds) so no later reconnect can deliver it. The next command
    // starts on a fresh socket.
    m_impl->socket.close();
    result.status = Status::Unconfirmed;
    if (result.error.empty())
        result.error = "timeout";
    return result;
}

} // namespace opsdeck::feed
