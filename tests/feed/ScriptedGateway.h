#pragma once

#include <zmq.hpp>

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace opsdeck::feed::test {

// A gateway written from protocol.md alone, with failure modes on demand: it proves the
// console works against a producer that is not our simulator. The feed (XPUB) belongs to
// the test thread; snapshot and control ROUTERs are served by an internal thread.
class ScriptedGateway final
{
public:
    enum class ControlMode { Reply, Silent };

    // curveServerSecret (Z85): serve CurveZMQ on all three endpoints; empty: plain.
    explicit ScriptedGateway(std::string epoch = "gw-test-1", const std::string &curveServerSecret = {});
    ~ScriptedGateway();
    ScriptedGateway(const ScriptedGateway &) = delete;
    ScriptedGateway &operator=(const ScriptedGateway &) = delete;

    const std::string &feedEndpoint() const { return m_feedEndpoint; }
    const std::string &snapshotEndpoint() const { return m_snapshotEndpoint; }
    const std::string &controlEndpoint() const { return m_controlEndpoint; }

    // --- feed, test thread only ---
    bool waitForSubscriber(int timeoutMs);
    std::int64_t publish(const std::string &depot, const std::string &type, const std::string &data);
    // An order's event and its state in the truth in one step: a snapshot served meanwhile
    // never holds the event's seq without the event's effect (or the effect without the seq).
    std::int64_t publishOrder(const std::string &depot, const std::string &type, const std::string &data,
                              const std::string &orderId, const std::string &state);
    void publishAt(const std::string &depot, std::int64_t seq, const std::string &type, const std::string &data,
                   const std::string &id);
    void publishFrames(const std::vector<std::string> &frames);
    void lose(const std::string &depot, int count = 1); // seqs the console will never see
    void heartbeat();
    void heartbeatWithEpoch(const std::string &epoch);
    void restart(const std::string &newEpoch); // new epoch, every seq back to 0
    // The gateway's time stamped on what it sends from now on (ms since the epoch); 0: the wall clock.
    void setTimeMs(std::int64_t ms) { m_timeMs.store(ms); }

    std::string envelope(const std::string &depot, std::int64_t seq, const std::string &type,
                         const std::string &data, const std::string &id) const;
    static std::string orderCreatedData(const std::string &orderId);

    // --- scripted state served as snapshots ---
    void setOrder(const std::string &depot, const std::string &orderId, const std::string &state);
    void holdSnapshots(bool hold);   // requests wait until releaseSnapshots()
    void freezeSnapshotState();      // answers use the state as of now until released
    void releaseSnapshots();
    int snapshotRequests() const { return m_snapshotRequests.load(); }
    std::vector<std::string> snapshotRequestBodies() const;

    // --- control ---
    void setControlMode(ControlMode mode) { m_controlMode.store(mode); }
    std::vector<std::string> controlRequests() const;

    std::int64_t seq(const std::string &depot) const;
    std::string epoch() const;

private:
    void setOrderLocked(const std::string &depot, const std::string &orderId, const std::string &state);
    struct State {
        std::string epoch;
        std::map<std::string, std::int64_t> seqs;
        std::map<std::string, std::vector<std::pair<std::string, std::string>>> orders; // depot -> (id, state)
    };
    struct Pending {
        std::string identity;
        std::string body;
    };

    void serve();
    void answerSnapshot(const std::string &identity, const std::string &body, const State &state);
    void answerControl(const std::string &identity, const std::string &body);
    void sendFrames(zmq::socket_t &socket, const std::vector<std::string> &frames);

    zmq::context_t m_context{1};
    zmq::socket_t m_pub;
    zmq::socket_t m_snapshot;
    zmq::socket_t m_control;
    std::string m_feedEndpoint;
    std::string m_snapshotEndpoint;
    std::string m_controlEndpoint;

    mutable std::mutex m_mutex; // guards everything below that both threads touch
    State m_state;
    bool m_hold = false;
    bool m_frozen = false;
    State m_frozenState;
    bool m_release = false;
    std::vector<std::string> m_requestBodies;
    std::vector<std::string> m_controlLog;

    std::atomic<int> m_snapshotRequests{0};
    std::atomic<std::int64_t> m_timeMs{0};
    std::atomic<ControlMode> m_controlMode{ControlMode::Reply};
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

} // namespace opsdeck::feed::test
