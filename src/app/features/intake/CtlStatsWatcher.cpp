#include "CtlStatsWatcher.h"

#include "IntakeLog.h"

#include "core/model/EventDecoder.h"
#include "core/pipeline/Projections.h"
#include "feed/wire/SocketSetup.h"

#include <zmq.hpp>

#include <string_view>
#include <vector>

namespace opsdeck::app {

namespace {
constexpr std::string_view kStatsSuffix = "/gateway.stats";
}

CtlStatsWatcher::CtlStatsWatcher(std::string feedEndpoint, feed::CurveKeys curve)
    : m_endpoint(std::move(feedEndpoint))
    , m_curve(std::move(curve))
{
    m_thread = std::thread([this] { run(); });
}

CtlStatsWatcher::~CtlStatsWatcher()
{
    m_stop = true;
    if (m_thread.joinable())
        m_thread.join();
}

bool CtlStatsWatcher::waitForStats(std::chrono::milliseconds timeout) const
{
    return m_board.waitFor([](const std::vector<core::DepotIntake> &board) { return !board.empty(); }, 0, timeout);
}

void CtlStatsWatcher::run()
{
    try {
        zmq::context_t context(1);
        zmq::socket_t sub(context, zmq::socket_type::sub);
        sub.set(zmq::sockopt::linger, 0);
        sub.set(zmq::sockopt::rcvtimeo, 100); // checks m_stop ten times a second
        sub.set(zmq::sockopt::subscribe, "");  // topics start with the depot: filtered below
        feed::applyCurveClient(sub, m_curve);
        sub.connect(m_endpoint);
        core::EventDecoder decoder;
        core::Projections none;
        core::IntakeObserver observer(m_board);
        std::vector<zmq::message_t> parts;
        while (!m_stop) {
            parts.clear();
            zmq::message_t part;
            if (!sub.recv(part))
                continue;
            parts.push_back(std::move(part));
            while (parts.back().more()) {
                zmq::message_t next;
                if (!sub.recv(next))
                    break;
                parts.push_back(std::move(next));
            }
            if (parts.size() != 2)
                continue;
            const std::string_view topic(static_cast<const char *>(parts[0].data()), parts[0].size());
            if (topic.size() <= kStatsSuffix.size() || topic.substr(topic.size() - kStatsSuffix.size()) != kStatsSuffix)
                continue;
            const std::string_view body(static_cast<const char *>(parts[1].data()), parts[1].size());
            auto decoded = decoder.decode(topic, body);
            if (auto *event = std::get_if<core::Event>(&decoded)) {
                const std::int64_t before = observer.unreadable();
                observer.onEvent(*event, true, none);
                m_unreadable += observer.unreadable() - before;
            } else {
                ++m_unreadable;
            }
        }
    } catch (const zmq::error_t &e) {
        qCWarning(lcIntake) << "ctl: the feed" << m_endpoint.c_str() << "cannot be followed:" << e.what();
    }
}

} // namespace opsdeck::app
