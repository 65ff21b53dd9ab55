#include "ScriptedGateway.h"

#include <simdjson.h>
#include <zmq_addon.hpp>

#include <chrono>
#include <pthread.h>
#include <set>

namespace opsdeck::feed::test {

namespace {

std::string formatTs(std::int64_t ms)
{
    using namespace std::chrono;
    const sys_time<milliseconds> tp{milliseconds(ms)};
    const auto dp = floor<days>(tp);
    const year_month_day ymd{dp};
    const hh_mm_ss hms{tp - dp};
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()), static_cast<int>(hms.subseconds().count()));
    return buf;
}

std::string nowTs(std::int64_t fixedMs)
{
    using namespace std::chrono;
    return formatTs(fixedMs > 0 ? fixedMs
                                : duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count());
}

std::string bindLocal(zmq::socket_t &socket, const std::string &curveSecret)
{
    socket.set(zmq::sockopt::linger, 0);
    if (!curveSecret.empty()) {
        socket.set(zmq::sockopt::curve_server, true);
        socket.set(zmq::sockopt::curve_secretkey, curveSecret);
    }
    socket.bind("tcp://127.0.0.1:*");
    return socket.get(zmq::sockopt::last_endpoint);
}

} // namespace

ScriptedGateway::ScriptedGateway(std::string epoch, const std::string &curveServerSecret)
    : m_pub(m_context, zmq::socket_type::xpub)
    , m_snapshot(m_context, zmq::socket_type::router)
    , m_control(m_context, zmq::socket_type::router)
{
    m_state.epoch = std::move(epoch);
    m_pub.set(zmq::sockopt::sndhwm, 1000000);
    // A ROUTER drops what is over its HWM: a snapshot of thousands of orders lost its SNAPEND.
    m_snapshot.set(zmq::sockopt::sndhwm, 0);
    m_feedEndpoint = bindLocal(m_pub, curveServerSecret);
    m_snapshotEndpoint = bindLocal(m_snapshot, curveServerSecret);
    m_controlEndpoint = bindLocal(m_control, curveServerSecret);
    m_thread = std::thread([this] { serve(); });
}

ScriptedGateway::~ScriptedGateway()
{
    m_stop.store(true);
    m_thread.join();
    m_pub.close();
    m_snapshot.close();
    m_control.close();
    m_context.close();
}

bool ScriptedGateway::waitForSubscriber(int timeoutMs)
{
    zmq::pollitem_t item{m_pub.handle(), 0, ZMQ_POLLIN, 0};
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (std::chrono::steady_clock::now() < deadline) {
        zmq::poll(&item, 1, std::chrono::milliseconds(10));
        zmq::message_t msg;
        while (m_pub.recv(msg, zmq::recv_flags::dontwait)) {
            if (msg.size() > 0 && static_cast<const char *>(msg.data())[0] == 1)
                return true;
        }
    }
    return false;
}

std::string ScriptedGateway::envelope(const std::string &depot, std::int64_t seq, const std::string &type,
                                      const std::string &data, const std::string &id) const
{
    return "{\"v\":1,\"epoch\":\"" + epoch() + "\",\"depot\":\"" + depot + "\",\"seq\":" + std::to_string(seq)
        + ",\"id\":\"" + id + "\",\"ts\":\"" + nowTs(m_timeMs.load()) + "\",\"type\":\"" + type + "\",\"data\":" + data + "}";
}

std::string ScriptedGateway::orderCreatedData(const std::string &orderId)
{
    return "{\"order_id\":\"" + orderId
        + "\",\"merchant_id\":\"m-1\",\"channel\":\"fresh\",\"customer\":{\"name\":\"Li Lei\",\"phone\":"
          "\"13800000000\"},\"address\":{\"text\":\"1 Test Rd\",\"lat\":39.9,\"lng\":116.4},\"items\":[{\"sku\":"
          "\"s1\",\"name\":\"Milk\",\"qty\":1,\"unit\":\"box\"}],\"amount\":12.5,\"promised_at\":"
          "\"2026-11-22T11:00:00.000Z\"}";
}

std::int64_t ScriptedGateway::publish(const std::string &depot, const std::string &type, const std::string &data)
{
    std::int64_t seq = 0;
    {
        std::lock_guard lock(m_mutex);
        seq = ++m_state.seqs[depot];
    }
    publishAt(depot, seq, type, data, epoch() + "-" + depot + "-" + std::to_string(seq));
    return seq;
}

void ScriptedGateway::publishAt(const std::string &depot, std::int64_t seq, const std::string &type,
                                const std::string &data, const std::string &id)
{
    sendFrames(m_pub, {depot + "/" + type, envelope(depot, seq, type, data, id)});
}

void ScriptedGateway::publishFrames(const std::vector<std::string> &frames)
{
    sendFrames(m_pub, frames);
}

void ScriptedGateway::lose(const std::string &depot, int count)
{
    std::lock_guard lock(m_mutex);
    m_state.seqs[depot] += count;
}

void ScriptedGateway::heartbeat()
{
    heartbeatWithEpoch(epoch());
}

void ScriptedGateway::heartbeatWithEpoch(const std::string &epoch)
{
    std::string seqs;
    {
        std::lock_guard lock(m_mutex);
        for (const auto &[depot, seq] : m_state.seqs)
            seqs += (seqs.empty() ? "\"" : ",\"") + depot + "\":" + std::to_string(seq);
    }
    sendFrames(m_pub, {"$hb", "{\"v\":1,\"epoch\":\"" + epoch + "\",\"type\":\"heartbeat\",\"ts\":\"" + nowTs(m_timeMs.load())
                                  + "\",\"seqs\":{" + seqs + "}}"});
}

void ScriptedGateway::restart(const std::string &newEpoch)
{
    std::lock_guard lock(m_mutex);
    m_state.epoch = newEpoch;
    for (auto &[depot, seq] : m_state.seqs)
        seq = 0;
}

std::int64_t ScriptedGateway::publishOrder(const std::string &depot, const std::string &type, const std::string &data,
                                           const std::string &orderId, const std::string &state)
{
    std::int64_t seq = 0;
    {
        std::lock_guard lock(m_mutex);
        seq = ++m_state.seqs[depot];
        setOrderLocked(depot, orderId, state);
    }
    publishAt(depot, seq, type, data, epoch() + "-" + depot + "-" + std::to_string(seq));
    return seq;
}

void ScriptedGateway::setOrder(const std::string &depot, const std::string &orderId, const std::string &state)
{
    std::lock_guard lock(m_mutex);
    setOrderLocked(depot, orderId, state);
}

void ScriptedGateway::setOrderLocked(const std::string &depot, const std::string &orderId, const std::string &state)
{
    auto &orders = m_state.orders[depot];
    for (auto &o : orders) {
        if (o.first == orderId) {
            o.second = state;
            return;
        }
    }
    orders.emplace_back(orderId, state);
    m_state.seqs.try_emplace(depot, 0);
}

void ScriptedGateway::holdSnapshots(bool hold)
{
    std::lock_guard lock(m_mutex);
    m_hold = hold;
}

void ScriptedGateway::freezeSnapshotState()
{
    std::lock_guard lock(m_mutex);
    m_frozen = true;
    m_frozenState = m_state;
}

void ScriptedGateway::releaseSnapshots()
{
    std::lock_guard lock(m_mutex);
    m_release = true;
}

std::vector<std::string> ScriptedGateway::snapshotRequestBodies() const
{
    std::lock_guard lock(m_mutex);
    return m_requestBodies;
}

std::vector<std::string> ScriptedGateway::controlRequests() const
{
    std::lock_guard lock(m_mutex);
    return m_controlLog;
}

std::int64_t ScriptedGateway::seq(const std::string &depot) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_state.seqs.find(depot);
    return it == m_state.seqs.end() ? 0 : it->second;
}

std::string ScriptedGateway::epoch() const
{
    std::lock_guard lock(m_mutex);
    return m_state.epoch;
}

void ScriptedGateway::sendFrames(zmq::socket_t &socket, const std::vector<std::string> &frames)
{
    for (std::size_t i = 0; i < frames.size(); ++i)
        socket.send(zmq::buffer(frames[i]), i + 1 < frames.size() ? zmq::send_flags::sndmore : zmq::send_flags::none);
}

void ScriptedGateway::serve()
{
    // Named, so per-thread CPU figures (benchmarks) tell it from the thread that made it.
    pthread_setname_np(pthread_self(), "scripted-gw");
    std::vector<Pending> held;
    while (!m_stop.load()) {
        zmq::pollitem_t items[] = {{m_snapshot.handle(), 0, ZMQ_POLLIN, 0}, {m_control.handle(), 0, ZMQ_POLLIN, 0}};
        zmq::poll(items, 2, std::chrono::milliseconds(5));
        std::vector<zmq::message_t> parts;
        if (items[0].revents & ZMQ_POLLIN) {
            (void)zmq::recv_multipart(m_snapshot, std::back_inserter(parts));
            // [identity, "SNAPSHOT", body]
            if (parts.size() == 3 && parts[1].to_string_view() == "SNAPSHOT") {
                ++m_snapshotRequests;
                std::lock_guard lock(m_mutex);
                m_requestBodies.push_back(parts[2].to_string());
                held.push_back({parts[0].to_string(), parts[2].to_string()});
            }
        }
        parts.clear();
        if (items[1].revents & ZMQ_POLLIN) {
            (void)zmq::recv_multipart(m_control, std::back_inserter(parts));
            if (parts.size() == 2)
                answerControl(parts[0].to_string(), parts[1].to_string());
        }
        State state;
        {
            std::lock_guard lock(m_mutex);
            if (held.empty() || (m_hold && !m_release))
                continue;
            state = m_frozen ? m_frozenState : m_state;
            if (m_release) {
                m_release = false;
                m_hold = false;
                m_frozen = false;
            }
        }
        for (const auto &p : held)
            answerSnapshot(p.identity, p.body, state);
        held.clear();
    }
}

void ScriptedGateway::answerSnapshot(const std::string &identity, const std::string &body, const State &state)
{
    std::set<std::string> wanted;
    simdjson::dom::parser parser;
    simdjson::dom::array depots;
    if (parser.parse(body).get_object()["depots"].get_array().get(depots) == simdjson::SUCCESS) {
        for (auto d : depots)
            wanted.emplace(std::string_view(d.get_string().value_unsafe()));
    }
    auto includes = [&](const std::string &depot) { return wanted.empty() || wanted.count(depot) != 0; };
    std::string seqs;
    for (const auto &[depot, seq] : state.seqs) {
        if (!includes(depot))
            continue;
        seqs += (seqs.empty() ? "\"" : ",\"") + depot + "\":" + std::to_string(seq);
        const auto orders = state.orders.find(depot);
        if (orders == state.orders.end())
            continue;
        for (const auto &[orderId, orderState] : orders->second) {
            std::string data = orderCreatedData(orderId);
            data.pop_back();
            data += ",\"state\":\"" + orderState + "\",\"created_at\":\"2026-11-22T10:00:00.000Z\",\"rider_id\":null}";
            const std::string record = "{\"v\":1,\"epoch\":\"" + state.epoch + "\",\"depot\":\"" + depot
                + "\",\"seq\":" + std::to_string(seq) + ",\"id\":\"snap-" + orderId + "\",\"ts\":\"" + nowTs(m_timeMs.load())
                + "\",\"type\":\"order.snapshot\",\"data\":" + data + "}";
            sendFrames(m_snapshot, {identity, "SNAP", record});
        }
    }
    sendFrames(m_snapshot, {identity, "SNAPEND", "{\"epoch\":\"" + state.epoch + "\",\"seqs\":{" + seqs + "}}"});
}

void ScriptedGateway::answerControl(const std::string &identity, const std::string &body)
{
    {
        std::lock_guard lock(m_mutex);
        m_controlLog.push_back(body);
    }
    if (m_controlMode.load() == ControlMode::Silent)
        return;
    simdjson::dom::parser parser;
    std::string_view id;
    std::string_view cmd;
    auto doc = parser.parse(body);
    if (doc["id"].get_string().get(id) != simdjson::SUCCESS)
        return;
    if (doc["cmd"].get_string().get(cmd) != simdjson::SUCCESS)
        cmd = {};
    std::string reply = "{\"id\":\"" + std::string(id) + "\",";
    if (cmd == "cancel")
        reply += "\"ok\":false,\"error\":\"unknown_order\",\"message\":\"no such order\"}";
    else
        reply += "\"ok\":true}";
    // A stale reply to some other id first: the client must skip it.
    sendFrames(m_control, {identity, "{\"id\":\"c-stale\",\"ok\":true}"});
    sendFrames(m_control, {identity, reply});
}

} // namespace opsdeck::feed::test
