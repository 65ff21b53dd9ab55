#include "Gateway.h"

#include "ControlHandler.h"
#include "SimLog.h"

#include "feed/curve/CurveServer.h"
#include "feed/curve/ZapHandler.h"

#include <pthread.h>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <zmq.hpp>

#include <algorithm>
#include <chrono>
#include <thread>
#include <stdexcept>

namespace opsdeck::sim {

namespace {
using Clock = std::chrono::steady_clock;
constexpr int kPubHighWaterMark = 1000000; // a flood must not be dropped at the 1000 default
constexpr auto kPollInterval = std::chrono::milliseconds(5);
constexpr std::int64_t kMaxCatchUpMs = 10000; // after a stall, skip ahead instead of bursting

std::int64_t wallNowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// ROUTER input: identity, an optional empty delimiter (REQ-style peers), then the body.
struct RoutedRequest {
    std::vector<zmq::message_t> envelope; // identity (+ delimiter) to echo back
    std::vector<zmq::message_t> body;
};

bool receiveRouted(zmq::socket_t &socket, RoutedRequest &req)
{
    req.envelope.clear();
    req.body.clear();
    zmq::message_t part;
    bool more = true;
    bool first = true;
    bool inBody = false;
    while (more) {
        if (!socket.recv(part, zmq::recv_flags::dontwait))
            return !first;
        more = part.more();
        if (first) {
            req.envelope.push_back(std::move(part));
            first = false;
        } else if (!inBody && part.size() == 0) {
            req.envelope.push_back(std::move(part));
            inBody = true;
        } else {
            inBody = true;
            req.body.push_back(std::move(part));
        }
        part = zmq::message_t();
    }
    return true;
}

void sendRouted(zmq::socket_t &socket, const RoutedRequest &req, const std::vector<std::string_view> &frames)
{
    for (const zmq::message_t &e : req.envelope)
        socket.send(zmq::buffer(e.data(), e.size()), zmq::send_flags::sndmore | zmq::send_flags::dontwait);
    for (std::size_t i = 0; i < frames.size(); ++i)
        socket.send(zmq::buffer(frames[i]), i + 1 < frames.size() ? zmq::send_flags::sndmore | zmq::send_flags::dontwait
                                                                 : zmq::send_flags::dontwait);
}
} // namespace

Gateway::Gateway(GatewayOptions options) : m_options(std::move(options))
{
    m_city = City::load(m_options.cityPath);
    SimulationOptions so;
    so.seed = m_options.seed;
    so.riders = m_options.riders;
    so.ordersPerMin = m_options.ordersPerMin;
    so.depots = m_options.depots;
    so.firstDepot = m_options.firstDepot;
    so.scenario = m_options.scenario;
    so.stormAfterMs = m_options.stormAfterMs;
    so.stormMs = m_options.stormMs;
    so.startMs = m_options.startMs != 0 ? m_options.startMs : wallNowMs();
    if (m_options.prerollMs > 0) {
        // The day starts on a whole minute: the simulation does some things on the
        // minute and every 30 s, so this makes one seed's first screen the same whatever
        // second the console was started in. Rounded up, so the pre-roll ends less than a
        // minute ahead of the wall clock, never behind it: a console's clock may start on
        // the wall's, and a feed clock behind it would hold its KPI windows back.
        so.startMs = (so.startMs - m_options.prerollMs + 59999) / 60000 * 60000;
    }
    so.epochTag = m_options.epochTag;
    m_sim = std::make_unique<Simulation>(m_city, so);
    m_control = std::make_unique<ControlHandler>(*m_sim);
}

Gateway::~Gateway()
{
    stop();
}

void Gateway::bindAll()
{
    m_context = std::make_unique<zmq::context_t>(1);
    const feed::curve::ServerKeys curve{m_options.curveSecret, m_options.allowedClientKeys};
    if (curve.enabled())
        m_zap = std::make_unique<feed::curve::ZapHandler>(*m_context, curve.allowed);
    m_feed = std::make_unique<zmq::socket_t>(*m_context, zmq::socket_type::pub);
    m_snapshot = std::make_unique<zmq::socket_t>(*m_context, zmq::socket_type::router);
    m_controlSocket = std::make_unique<zmq::socket_t>(*m_context, zmq::socket_type::router);
    for (zmq::socket_t *s : {m_feed.get(), m_snapshot.get(), m_controlSocket.get()}) {
        s->set(zmq::sockopt::linger, 0);
        s->set(zmq::sockopt::sndhwm, kPubHighWaterMark); // snapshots can be large too
        feed::curve::applyCurveServer(*s, curve, "opsfeed");
    }
    auto bind = [](zmq::socket_t &s, const std::string &address, const char *what) {
        try {
            s.bind(address);
        } catch (const zmq::error_t &e) {
            throw std::runtime_error(std::string("cannot bind ") + what + " to " + address + ": " + e.what());
        }
        return s.get(zmq::sockopt::last_endpoint);
    };
    std::lock_guard lock(m_mutex);
    m_feedEndpoint = bind(*m_feed, m_options.feedBind, "feed");
    m_snapshotEndpoint = bind(*m_snapshot, m_options.snapshotBind, "snapshot");
    m_controlEndpoint = bind(*m_controlSocket, m_options.controlBind, "control");
}

void Gateway::closeAll()
{
    m_feed.reset();
    m_snapshot.reset();
    m_controlSocket.reset();
    if (m_zap)
        m_zap->stop(); // its socket must close before the context can
    if (m_context) {
        m_context->close();
        m_context.reset();
    }
}

void Gateway::start()
{
    if (m_thread.joinable())
        return;
    try {
        bindAll();
    } catch (...) {
        closeAll();
        throw;
    }
    m_stopping = false;
    qCInfo(lcSim) << "gateway" << QString::fromStdString(epoch()) << "feed" << feedEndpoint().c_str() << "snapshot"
                  << snapshotEndpoint().c_str() << "control" << controlEndpoint().c_str()
                  << (m_options.flood ? "flood" : "real-time") << "x" << m_options.timeScale;
    // The sockets were created here; the thread start is the memory barrier that
    // lets the gateway thread own them from now on.
    m_thread = std::thread([this] {
        pthread_setname_np(pthread_self(), "opsfeed-gw"); // names show in top -H and perf
        run();
    });
}

void Gateway::stop()
{
    m_stopping = true;
    {
        std::lock_guard lock(m_mutex); // a step() waiting for the thread gives up now
        m_stepDone.notify_all();
    }
    if (m_thread.joinable())
        m_thread.join();
    closeAll();
}

std::int64_t Gateway::refusedKeys() const
{
    return m_zap ? m_zap->refused() : 0;
}

std::int64_t Gateway::admittedKeys() const
{
    return m_zap ? m_zap->admitted() : 0;
}

std::string Gateway::feedEndpoint() const
{
    std::lock_guard lock(m_mutex);
    return m_feedEndpoint;
}

std::string Gateway::snapshotEndpoint() const
{
    std::lock_guard lock(m_mutex);
    return m_snapshotEndpoint;
}

std::string Gateway::controlEndpoint() const
{
    std::lock_guard lock(m_mutex);
    return m_controlEndpoint;
}

void Gateway::setPaused(bool paused)
{
    const std::uint64_t turn = m_loopTurns.load();
    m_paused = paused;
    if (!paused || !m_thread.joinable())
        return;
    // A turn that began before the flag may still step and publish. Wait until a whole
    // turn has run after it, so that once this returns nothing more is published: a
    // test reading the truth right after must see exactly what the feed carried.
    const auto deadline = Clock::now() + std::chrono::seconds(5);
    while (m_loopTurns.load() < turn + 2 && Clock::now() < deadline && !m_stopping.load())
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

std::int64_t Gateway::step(std::int64_t dtMs)
{
    std::lock_guard call(m_stepCall);
    std::unique_lock lock(m_mutex);
    if (!m_thread.joinable() || m_stopping.load())
        return -1;
    m_stepMs = std::max<std::int64_t>(0, dtMs);
    m_stepPublished = -1;
    // The gateway thread owns the feed socket: it steps and publishes, then answers.
    const auto answered = [this] { return m_stepPublished >= 0 || m_stopping.load(); };
    if (!m_stepDone.wait_for(lock, std::chrono::seconds(10), answered)) {
        m_stepMs = -1;
        return -1;
    }
    m_stepMs = -1;
    return m_stepPublished;
}

bool Gateway::runRequestedStep(std::vector<WireMessage> &out)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_stepMs < 0)
            return false;
        m_sim->step(m_stepMs, out);
    }
    const std::int64_t before = m_published.load();
    publish(out);
    out.clear();
    sendHeartbeat();
    {
        std::lock_guard lock(m_mutex);
        m_stepMs = -1;
        m_stepPublished = m_published.load() - before;
    }
    m_stepDone.notify_all();
    return true;
}

void Gateway::setFaults(FaultPlan plan)
{
    std::lock_guard lock(m_mutex);
    m_faults = plan;
}

void Gateway::restart()
{
    std::lock_guard lock(m_mutex);
    m_sim->restartEpoch();
    qCInfo(lcSim) << "gateway restarted, epoch" << m_sim->epoch().c_str();
}

std::map<std::string, std::string> Gateway::truthOrderStates() const
{
    std::lock_guard lock(m_mutex);
    return m_sim->truthOrderStates();
}

std::map<std::string, std::int64_t> Gateway::currentSeqs() const
{
    std::lock_guard lock(m_mutex);
    return m_sim->seqs();
}

std::string Gateway::epoch() const
{
    std::lock_guard lock(m_mutex);
    return m_sim->epoch();
}

std::int64_t Gateway::publishedEvents() const
{
    return m_published.load();
}

std::int64_t Gateway::simTimeMs() const
{
    std::lock_guard lock(m_mutex);
    return m_sim->nowMs();
}

void Gateway::publishRaw(const std::vector<std::string> &frames)
{
    std::lock_guard lock(m_mutex);
    m_raw.push_back(frames);
}

void Gateway::run()
{
    try {
        preroll();
        loop();
    } catch (const std::exception &e) {
        // Never let an exception take the process down from a worker thread.
        qCCritical(lcSim) << "gateway thread stopped:" << e.what();
    }
    closeAll();
}

void Gateway::preroll()
{
    if (m_options.prerollMs <= 0)
        return;
    // Played silently: no console listens yet, and one that joins takes the world from the
    // snapshot. One simulated minute per lock, so that callers of simTimeMs() or the
    // endpoints (the GUI thread) never wait for the whole pre-roll.
    constexpr std::int64_t kChunkMs = 60000;
    const auto started = Clock::now();
    std::vector<WireMessage> none; // a silent step writes nothing
    const std::int64_t replayMs = std::clamp<std::int64_t>(m_options.replayMs, 0, m_options.prerollMs);
    std::int64_t left = m_options.prerollMs - replayMs;
    std::int64_t events = 0;
    while (left > 0 && !m_stopping.load(std::memory_order_relaxed)) {
        const std::int64_t dt = std::min(left, kChunkMs);
        {
            std::lock_guard lock(m_mutex);
            const std::int64_t before = m_sim->generatedEvents();
            m_sim->setSilent(true);
            m_sim->step(dt, none);
            m_sim->setSilent(false);
            events += m_sim->generatedEvents() - before;
        }
        left -= dt;
    }
    const auto wallMs = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
    if (replayMs > 0) {
        std::lock_guard lock(m_mutex);
        m_replayUntilMs = m_sim->nowMs() + replayMs;
        m_replaying = true;
    }
    m_prerollWallMs = wallMs;
    qCInfo(lcSim) << "warm start: pre-rolled" << (m_options.prerollMs - replayMs - left) / 1000
                  << "simulated s silently (" << events
                  << "events) in" << wallMs << "ms" << (left > 0 ? "(stopped early)" : "");
}

bool Gateway::replayTurn(std::vector<WireMessage> &out)
{
    if (!m_replaying.load(std::memory_order_relaxed))
        return false;
    // Held until a console has taken its snapshot: it subscribed before asking, so what
    // follows reaches it (the grace covers the subscription's way to this socket).
    constexpr auto kGrace = std::chrono::milliseconds(300);
    const auto now = Clock::now();
    if (m_firstSnapshotAt == Clock::time_point{} || now < m_firstSnapshotAt + kGrace)
        return true;
    if (m_replayStartedAt == Clock::time_point{})
        m_replayStartedAt = now;
    const double seconds = std::chrono::duration<double>(now - m_replayStartedAt).count();
    const auto allowed = static_cast<std::int64_t>(seconds * m_options.replayRate) + 1000;
    bool done = false;
    {
        std::lock_guard lock(m_mutex);
        m_sim->setThinFixes(true);
        while (m_replaySent + static_cast<std::int64_t>(out.size()) < allowed) {
            const std::int64_t left = m_replayUntilMs - m_sim->nowMs();
            if (left <= 0) {
                done = true;
                break;
            }
            m_sim->step(std::min<std::int64_t>(left, 1000), out);
        }
        m_sim->setThinFixes(false);
    }
    if (!out.empty() || done) {
        m_replaySent += static_cast<std::int64_t>(out.size());
        publish(out);
        out.clear();
        sendHeartbeat(); // the consoles' feed clock follows the replay
    }
    if (done) {
        if (m_options.pauseAfterReplay)
            m_paused = true; // before m_replaying falls: a caller that sees it over sees the pause
        m_replaying = false;
        qCInfo(lcSim) << "warm start: replayed" << m_options.replayMs / 1000 << "simulated s (" << m_replaySent
                      << "messages) in" << std::chrono::duration_cast<std::chrono::milliseconds>(now - m_replayStartedAt).count()
                      << "ms";
    }
    return true;
}

void Gateway::loop()
{
    std::vector<WireMessage> out;
    out.reserve(4096);
    auto wallRef = Clock::now();
    std::int64_t simRef = 0;
    {
        std::lock_guard lock(m_mutex);
        simRef = m_sim->nowMs();
    }
    auto nextHeartbeat = Clock::now() + std::chrono::seconds(1);
    bool wasPaused = false;
    while (!m_stopping.load(std::memory_order_relaxed)) {
        const bool paused = m_paused.load(std::memory_order_relaxed);
        zmq::pollitem_t items[] = {{m_snapshot->handle(), 0, ZMQ_POLLIN, 0},
                                   {m_controlSocket->handle(), 0, ZMQ_POLLIN, 0}};
        zmq::poll(items, 2, m_options.flood && !paused ? std::chrono::milliseconds(0) : kPollInterval);
        if (items[0].revents & ZMQ_POLLIN)
            serveSnapshot();
        if (items[1].revents & ZMQ_POLLIN)
            serveControl();
        flushRaw();
        const bool stepped = runRequestedStep(out);
        const bool replaying = !paused && replayTurn(out);

        const auto now = Clock::now();
        if (paused || wasPaused || stepped || replaying) { // re-anchor so a resume does not burst
            wallRef = now;
            std::lock_guard lock(m_mutex);
            simRef = m_sim->nowMs();
        }
        wasPaused = paused;
        if (!paused && !replaying) {
            {
                std::lock_guard lock(m_mutex);
                if (m_options.flood) {
                    while (out.size() < 2000)
                        m_sim->step(1000, out);
                } else {
                    const auto wallMs = std::chrono::duration<double, std::milli>(now - wallRef).count();
                    std::int64_t dt = simRef + static_cast<std::int64_t>(wallMs * m_options.timeScale) - m_sim->nowMs();
                    if (dt > kMaxCatchUpMs) {
                        qCWarning(lcSim) << "gateway fell behind by" << dt << "ms of simulated time; skipping ahead";
                        dt = kMaxCatchUpMs;
                        wallRef = now;
                        simRef = m_sim->nowMs() + dt;
                    }
                    if (dt > 0)
                        m_sim->step(dt, out);
                }
            }
            publish(out);
            out.clear();
        }
        if (now >= nextHeartbeat) {
            sendHeartbeat();
            nextHeartbeat += std::chrono::seconds(1);
            if (nextHeartbeat < now)
                nextHeartbeat = now + std::chrono::seconds(1);
        }
        m_loopTurns.fetch_add(1);
    }
}

void Gateway::publish(std::vector<WireMessage> &messages)
{
    FaultPlan faults;
    {
        std::lock_guard lock(m_mutex);
        faults = m_faults;
    }
    for (const WireMessage &m : messages) {
        ++m_faultCounter;
        if (faults.dropEveryN > 0 && m_faultCounter % faults.dropEveryN == 0)
            continue; // the seq is spent: consoles see a hole
        const int copies = faults.duplicateEveryN > 0 && m_faultCounter % faults.duplicateEveryN == 0 ? 2 : 1;
        for (int c = 0; c < copies; ++c) {
            m_feed->send(zmq::buffer(m.topic), zmq::send_flags::sndmore | zmq::send_flags::dontwait);
            m_feed->send(zmq::buffer(m.envelope), zmq::send_flags::dontwait);
            m_published.fetch_add(1, std::memory_order_relaxed);
        }
    }
}

void Gateway::sendHeartbeat()
{
    std::string hb;
    {
        std::lock_guard lock(m_mutex);
        if (!m_faults.heartbeats)
            return;
        hb = m_sim->heartbeatEnvelope();
    }
    m_feed->send(zmq::buffer(std::string_view("$hb")), zmq::send_flags::sndmore | zmq::send_flags::dontwait);
    m_feed->send(zmq::buffer(hb), zmq::send_flags::dontwait);
}

void Gateway::serveSnapshot()
{
    RoutedRequest req;
    while (receiveRouted(*m_snapshot, req)) {
        if (req.body.empty() || req.body[0].to_string_view() != "SNAPSHOT") {
            qCWarning(lcSim) << "snapshot socket: ignoring a request that is not SNAPSHOT";
            continue;
        }
        std::vector<std::string> depots;
        if (req.body.size() > 1) {
            const QJsonDocument doc = QJsonDocument::fromJson(
                QByteArray(static_cast<const char *>(req.body[1].data()), static_cast<qsizetype>(req.body[1].size())));
            for (const QJsonValue &v : doc.object().value(QLatin1String("depots")).toArray())
                depots.push_back(v.toString().toStdString());
        }
        std::vector<std::string> records;
        std::string end;
        {
            std::lock_guard lock(m_mutex);
            m_sim->snapshot(depots, records, end);
        }
        for (const std::string &r : records)
            sendRouted(*m_snapshot, req, {"SNAP", r});
        sendRouted(*m_snapshot, req, {"SNAPEND", end});
        if (m_firstSnapshotAt == Clock::time_point{})
            m_firstSnapshotAt = Clock::now(); // a console has joined: the replay may start
        qCDebug(lcSim) << "snapshot served:" << records.size() << "records";
    }
}

void Gateway::serveControl()
{
    RoutedRequest req;
    std::vector<WireMessage> events;
    while (receiveRouted(*m_controlSocket, req)) {
        std::string reply;
        {
            std::lock_guard lock(m_mutex);
            const std::string_view body = req.body.empty() ? std::string_view() : req.body[0].to_string_view();
            reply = m_control->handle(body, events);
        }
        publish(events); // effects first, so the console sees them by the time it hears "ok"
        events.clear();
        sendRouted(*m_controlSocket, req, {reply});
    }
}

void Gateway::flushRaw()
{
    std::vector<std::vector<std::string>> raw;
    {
        std::lock_guard lock(m_mutex);
        raw.swap(m_raw);
    }
    for (const auto &frames : raw) {
        for (std::size_t i = 0; i < frames.size(); ++i)
            m_feed->send(zmq::buffer(frames[i]), i + 1 < frames.size() ? zmq::send_flags::sndmore | zmq::send_flags::dontwait
                                                                      : zmq::send_flags::dontwait);
    }
}

} // namespace opsdeck::sim
