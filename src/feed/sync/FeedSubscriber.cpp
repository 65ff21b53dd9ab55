#include "FeedSubscriber.h"

#include "ConnectionMonitor.h"
#include "feed/curve/HandshakeState.h"
#include "feed/wire/FeedLog.h"
#include "feed/wire/SocketSetup.h"
#include "StreamSync.h"
#include "feed/wire/WireProtocol.h"

#include "core/model/EventDecoder.h"
#include "core/pipeline/FeedClock.h"

#include <pthread.h>
#include <zmq.hpp>

#include <chrono>
#include <optional>

namespace opsdeck::feed {

namespace {

std::int64_t steadyMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

std::int64_t wallMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string_view view(const zmq::message_t &m)
{
    return {static_cast<const char *>(m.data()), m.size()};
}

void appendCapped(std::string &out, std::string_view bytes)
{
    if (out.size() < core::kRejectedRawCap)
        out.append(bytes.substr(0, core::kRejectedRawCap - out.size()));
}

// A message that is not [topic, envelope]: keep what it said, capped, for the record.
core::Rejected frameCountRejection(const std::vector<zmq::message_t> &parts, std::int64_t totalSize)
{
    core::Rejected r;
    r.reason = core::RejectReason::FrameCount;
    r.detail = "message has " + std::to_string(parts.size()) + " frames, expected 2 [topic, envelope]";
    if (!parts.empty())
        r.topic.assign(view(parts.front()).substr(0, 256));
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i)
            appendCapped(r.raw, "|");
        appendCapped(r.raw, view(parts[i]));
    }
    r.size = totalSize;
    r.atMs = wallMs();
    return r;
}

// Reads every part of one message so a malformed one never desynchronises the stream.
// Returns false when nothing is waiting.
bool receiveAll(zmq::socket_t &socket, std::vector<zmq::message_t> &parts, std::int64_t &totalSize)
{
    parts.clear();
    totalSize = 0;
    zmq::message_t part;
    if (!socket.recv(part, zmq::recv_flags::dontwait))
        return false;
    for (;;) {
        const bool more = part.more();
        totalSize += static_cast<std::int64_t>(part.size());
        parts.push_back(std::move(part));
        // Parts of a multipart message arrive together, so these never wait.
        if (!more || !socket.recv(part, zmq::recv_flags::dontwait))
            return true;
    }
}

} // namespace

static StreamSync::Options syncOptions(const FeedSubscriber::Tuning &tuning)
{
    StreamSync::Options o;
    o.maxBatchEvents = tuning.maxBatchEvents;
    o.tailGraceMs = tuning.tailGraceMs;
    o.refuse = tuning.refuse;
    return o;
}

class FeedSubscriber::Worker final
{
public:
    Worker(const FeedEndpoints &endpoints, std::vector<core::Cursor> resumeFrom, core::FeedStats &stats,
           const Sink &sink, const Tuning &tuning, const std::atomic<bool> &stopping)
        : m_endpoints(endpoints)
        , m_stats(stats)
        , m_tuning(tuning)
        , m_stopping(stopping)
        , m_sync(endpoints.depots, std::move(resumeFrom), stats, sink,
                 syncOptions(tuning))
    {
    }

    void setClock(core::FeedClock *clock) { m_clock = clock; }

    void run()
    {
        try {
            openSockets();
            loop();
        } catch (const std::exception &e) {
            qCCritical(lcFeed) << "feed thread stopped:" << e.what();
        }
        try {
            m_sync.flush();
        } catch (const std::exception &e) {
            qCWarning(lcFeed) << "final flush failed:" << e.what();
        }
        closeSockets();
    }

private:
    void openSockets()
    {
        m_sub = zmq::socket_t(m_context, zmq::socket_type::sub);
        m_sub.set(zmq::sockopt::linger, 0);
        m_sub.set(zmq::sockopt::rcvhwm, m_tuning.receiveHwm);
        // ZMTP heartbeats find a dead TCP peer that never sent a FIN.
        m_sub.set(zmq::sockopt::heartbeat_ivl, 1000);
        m_sub.set(zmq::sockopt::heartbeat_timeout, 3000);
        m_sub.set(zmq::sockopt::reconnect_ivl, 100);
        m_sub.set(zmq::sockopt::reconnect_ivl_max, 2000);
        applyCurveClient(m_sub, m_endpoints.curve);
        if (m_endpoints.depots.empty()) {
            m_sub.set(zmq::sockopt::subscribe, "");
        } else {
            for (const auto &depot : m_endpoints.depots)
                m_sub.set(zmq::sockopt::subscribe, depot + "/");
            m_sub.set(zmq::sockopt::subscribe, std::string(wire::kHeartbeatPrefix));
        }
        m_monitor.emplace(m_context, m_sub);
        // Subscribe before asking for any snapshot: Clone pattern.
        m_sub.connect(m_endpoints.feed);
        m_dealer = makeRequestDealer(m_context, m_endpoints.snapshot, m_endpoints.curve);
    }

    void closeSockets()
    {
        if (m_monitor)
            m_monitor->close();
        m_monitor.reset();
        m_dealer.close();
        m_sub.close();
        m_context.close();
    }

    void loop()
    {
        std::vector<zmq_pollitem_t> items(3);
        while (!m_stopping.load(std::memory_order_acquire)) {
            items[0] = {m_sub.handle(), 0, ZMQ_POLLIN, 0};
            items[1] = {m_dealer.handle(), 0, ZMQ_POLLIN, 0};
            items[2] = {m_monitor->socket().handle(), 0, ZMQ_POLLIN, 0};
            try {
                zmq::poll(items, std::chrono::milliseconds(pollTimeoutMs()));
            } catch (const zmq::error_t &e) {
                if (e.num() == ETERM)
                    return;
                if (e.num() != EINTR)
                    qCWarning(lcFeed) << "poll failed:" << e.what();
                continue;
            }
            m_monitor->drain();
            if (m_monitor->handshakes() != m_seenHandshakes) {
                m_seenHandshakes = m_monitor->handshakes();
                m_handshakeAtMs = steadyMs();
            }
            drainFeed();
            drainSnapshot();
            const std::int64_t now = steadyMs();
            m_sync.tick(syncNow());
            driveSnapshotRequest(now);
            flushIfDue(now);
            updateState(now);
        }
    }

    std::int64_t syncNow() const { return m_tuning.syncClockMs ? m_tuning.syncClockMs() : steadyMs(); }

    int pollTimeoutMs() const
    {
        if (m_batchOpenedMs == 0)
            return m_tuning.pollMs;
        const auto left = m_tuning.batchMs - (steadyMs() - m_batchOpenedMs);
        return static_cast<int>(std::clamp<std::int64_t>(left, 0, m_tuning.pollMs));
    }

    void flushIfDue(std::int64_t now)
    {
        if (m_sync.batchEmpty()) {
            m_batchOpenedMs = 0;
            return;
        }
        if (m_batchOpenedMs == 0)
            m_batchOpenedMs = now;
        if (now - m_batchOpenedMs >= m_tuning.batchMs) {
            m_sync.flush();
            m_batchOpenedMs = 0;
        }
    }

    void drainFeed()
    {
        // Bounded so the snapshot DEALER and the timers get their turn under a flood.
        // Under a flood three clock reads per message were a twentieth of this thread:
        // the clocks are read again every kClockEvery messages (well under a millisecond).
        constexpr int kClockEvery = 64;
        std::int64_t syncMs = 0;
        for (int n = 0; n < 8192; ++n) {
            std::int64_t size = 0;
            if (!receiveAll(m_sub, m_parts, size))
                return;
            m_stats.received.fetch_add(1, std::memory_order_relaxed);
            if (n % kClockEvery == 0) {
                m_stats.lastMessageMs.store(wallMs(), std::memory_order_relaxed);
                m_lastHeardMs = steadyMs();
                syncMs = syncNow();
            }
            if (m_parts.size() != 2) {
                reject(frameCountRejection(m_parts, size));
                continue;
            }
            auto result = m_decoder.decode(view(m_parts[0]), view(m_parts[1]));
            if (auto *event = std::get_if<core::Event>(&result)) {
                noteIgnoredExtension(*event);
                if (m_clock)
                    m_clock->observeEvent(event->epoch, event->tsMs);
                m_sync.onLive(std::move(*event), syncMs);
            } else if (auto *hb = std::get_if<core::Heartbeat>(&result)) {
                m_stats.heartbeats.fetch_add(1, std::memory_order_relaxed);
                if (m_clock)
                    m_clock->observeHeartbeat(hb->epoch, hb->tsMs);
                m_sync.onHeartbeat(*hb, syncMs);
            } else {
                reject(std::move(std::get<core::Rejected>(result)));
            }
        }
    }

    void noteIgnoredExtension(const core::Event &event)
    {
        if (!event.extensionIgnored)
            return;
        m_stats.extensionIgnored.fetch_add(1, std::memory_order_relaxed);
        qCDebug(lcFeed) << "unreadable note/priority left out of" << event.orderId.c_str();
    }

    void reject(core::Rejected &&r)
    {
        const auto i = static_cast<std::size_t>(r.reason);
        if (i < m_stats.rejected.size())
            m_stats.rejected[i].fetch_add(1, std::memory_order_relaxed);
        qCDebug(lcFeed) << "rejected" << core::toString(r.reason).data() << r.detail.c_str();
        m_sync.onRejected(std::move(r), syncNow());
    }

    void drainSnapshot()
    {
        for (int n = 0; n < 8192; ++n) {
            std::int64_t size = 0;
            if (!receiveAll(m_dealer, m_parts, size))
                return;
            m_snapshotHeardMs = steadyMs();
            // Tolerate a REQ-style empty delimiter from a gateway that adds one.
            std::size_t first = (m_parts.size() > 2 && m_parts[0].size() == 0) ? 1 : 0;
            if (m_parts.size() - first != 2) {
                reject(frameCountRejection(m_parts, size));
                continue;
            }
            const auto name = view(m_parts[first]);
            const auto body = view(m_parts[first + 1]);
            if (name == wire::kSnapshotRecord) {
                auto result = m_decoder.decode(name, body);
                if (auto *event = std::get_if<core::Event>(&result)) {
                    noteIgnoredExtension(*event);
                    m_sync.onSnapshotRecord(std::move(*event));
                }
                else if (auto *rejected = std::get_if<core::Rejected>(&result))
                    reject(std::move(*rejected));
            } else if (name == wire::kSnapshotEnd) {
                if (auto end = wire::parseSnapshotEnd(body)) {
                    m_sync.onSnapshotEnd(*end, wallMs());
                    m_requestSent = false;
                } else {
                    qCWarning(lcFeed) << "malformed SNAPEND; the request will be retried";
                }
            } else {
                qCWarning(lcFeed) << "unexpected frame on the snapshot socket:"
                                  << QByteArray(name.data(), static_cast<int>(std::min<std::size_t>(name.size(), 64)));
            }
        }
    }

    void driveSnapshotRequest(std::int64_t now)
    {
        // The join waits for the SUB handshake, so our subscription is in place before
        // the gateway takes the snapshot.
        if (!m_monitor->everConnected())
            return;
        if (!m_sync.inFlight()) {
            if (!m_sync.takeRequest())
                return;
            m_requestSent = false;
        }
        if (m_requestSent) {
            if (now - std::max(m_requestSentMs, m_snapshotHeardMs) < m_tuning.snapshotTimeoutMs)
                return;
            // Lazy Pirate: the gateway or the connection may be gone; a fresh socket
            // drops whatever the old one still had queued.
            qCWarning(lcFeed) << "snapshot request timed out; retrying on a fresh connection";
            m_dealer.close();
            m_dealer = makeRequestDealer(m_context, m_endpoints.snapshot, m_endpoints.curve);
            m_sync.restartInFlight();
            m_requestSent = false;
        }
        const auto &req = *m_sync.inFlight();
        const std::string body = wire::snapshotRequestBody(req.depots);
        // With IMMEDIATE set this fails until the DEALER is connected; try again next turn.
        const std::string_view command = wire::kSnapshotCommand;
        if (!m_dealer.send(zmq::buffer(command), zmq::send_flags::sndmore | zmq::send_flags::dontwait))
            return;
        (void)m_dealer.send(zmq::buffer(body), zmq::send_flags::dontwait);
        m_requestSent = true;
        m_requestSentMs = now;
        qCInfo(lcFeed) << "snapshot requested:" << body.c_str();
    }

    void updateState(std::int64_t now)
    {
        using S = core::FeedState;
        S state = S::Connecting;
        const std::int64_t reference = m_lastHeardMs ? m_lastHeardMs : m_handshakeAtMs;
        if (!m_monitor->everConnected())
            state = S::Connecting;
        else if (now - reference > m_tuning.staleMs)
            state = S::Stale;
        else if (m_sync.resyncing())
            state = S::Resyncing;
        else if (m_monitor->connected() && m_lastHeardMs != 0)
            state = S::Connected;
        const auto security = curve::securityOf(m_endpoints.curve.enabled(), m_monitor->connected(),
                                                m_monitor->lastFailure(), m_monitor->lastFailureValue());
        if (m_stats.security.exchange(security, std::memory_order_relaxed) != security)
            qCInfo(lcFeed) << "feed security:" << core::toString(security).data();
        const S previous = m_stats.state.exchange(state, std::memory_order_relaxed);
        if (previous != state)
            qCInfo(lcFeed) << "feed state:" << core::toString(state).data();
    }

    const FeedEndpoints &m_endpoints;
    core::FeedStats &m_stats;
    const Tuning m_tuning;
    const std::atomic<bool> &m_stopping;
    core::FeedClock *m_clock = nullptr;

    zmq::context_t m_context{1};
    zmq::socket_t m_sub;
    zmq::socket_t m_dealer;
    std::optional<ConnectionMonitor> m_monitor;

    core::EventDecoder m_decoder;
    StreamSync m_sync;
    std::vector<zmq::message_t> m_parts;

    std::int64_t m_lastHeardMs = 0;
    std::int64_t m_handshakeAtMs = 0;
    std::int64_t m_seenHandshakes = 0;
    std::int64_t m_batchOpenedMs = 0;
    bool m_requestSent = false;
    std::int64_t m_requestSentMs = 0;
    std::int64_t m_snapshotHeardMs = 0;
};

FeedSubscriber::FeedSubscriber(FeedEndpoints endpoints, std::vector<core::Cursor> resumeFrom, core::FeedStats &stats,
                               Sink sink)
    : FeedSubscriber(std::move(endpoints), std::move(resumeFrom), stats, std::move(sink), Tuning{})
{
}

FeedSubscriber::FeedSubscriber(FeedEndpoints endpoints, std::vector<core::Cursor> resumeFrom, core::FeedStats &stats,
                               Sink sink, Tuning tuning)
    : m_endpoints(std::move(endpoints))
    , m_resumeFrom(std::move(resumeFrom))
    , m_stats(stats)
    , m_sink(std::move(sink))
    , m_tuning(tuning)
{
}

FeedSubscriber::~FeedSubscriber()
{
    stop();
}

void FeedSubscriber::start()
{
    if (m_thread.joinable())
        return;
    m_stopping.store(false, std::memory_order_release);
    m_stats.state.store(core::FeedState::Connecting, std::memory_order_relaxed);
    m_thread = std::thread([this] {
        pthread_setname_np(pthread_self(), "opsdeck-feed"); // names show in top -H and perf
        try {
            Worker worker(m_endpoints, m_resumeFrom, m_stats, m_sink, m_tuning, m_stopping);
            worker.setClock(m_clock);
            worker.run();
        } catch (const std::exception &e) {
            qCCritical(lcFeed) << "feed thread could not start:" << e.what();
        }
    });
}

void FeedSubscriber::stop()
{
    if (!m_thread.joinable())
        return;
    m_stopping.store(true, std::memory_order_release);
    m_thread.join();
    m_stats.state.store(core::FeedState::Stopped, std::memory_order_relaxed);
}

} // namespace opsdeck::feed
