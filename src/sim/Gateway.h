#pragma once

// A ZeroMQ gateway around a Simulation, speaking protocol.md on three endpoints:
// feed (PUB), snapshot (ROUTER), control (ROUTER). One thread owns all sockets and
// the simulation; public methods are safe from any other thread.

#include "Simulation.h"

#include <QString>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace zmq {
class context_t;
class socket_t;
} // namespace zmq

namespace opsdeck::feed::curve {
class ZapHandler;
}

namespace opsdeck::sim {

class ControlHandler;

struct GatewayOptions {
    std::uint64_t seed = 1;
    int riders = 60;
    double ordersPerMin = 40;
    int depots = 3;
    int firstDepot = 0; // index of the city's first depot this gateway owns
    Scenario scenario = Scenario::Normal;
    std::int64_t stormAfterMs = 20000; // SimulationOptions
    std::int64_t stormMs = 6 * 60000;
    bool flood = false;       // step as fast as possible (ingest benchmarks)
    double timeScale = 1.0;   // simulated seconds per wall second
    std::int64_t startMs = 0; // 0 = wall clock now
    // Warm start: the simulated day begins this long before startMs (rounded up to a
    // whole minute) and is played silently at full speed on the gateway thread before it
    // serves, so the first snapshot already has riders on the road and orders in every
    // state, the same for one seed whatever second it starts in. 0: a cold start at startMs.
    std::int64_t prerollMs = 0;
    // The pre-roll's last replayMs are not silent: once the first console has taken its
    // snapshot they are published to it at up to replayRate messages per second (rider
    // fixes one per rider per 30 s), so its KPI history, charts and alerts are counted
    // from real events. Then real time. 0: the whole pre-roll is silent.
    std::int64_t replayMs = 0;
    int replayRate = 20000;
    // Pause (setPaused) the moment the replay is over instead of going on in real time:
    // the screenshot tool then advances the day only by step(), so a shot is the same
    // whatever the machine's speed.
    bool pauseAfterReplay = false;
    std::string epochTag = "gw1";
    std::string feedBind = "tcp://127.0.0.1:5556";
    std::string snapshotBind = "tcp://127.0.0.1:5557";
    std::string controlBind = "tcp://127.0.0.1:5558";
    QString cityPath; // empty = built-in resource
    // CURVE on all three sockets when set: the server's Z85 secret key, and the Z85 public
    // keys of the clients the ZAP handler admits (docs/security.md "Encrypted transport").
    std::string curveSecret;
    std::vector<std::string> allowedClientKeys;
};

// Deliberate misbehaviour, for testing consoles.
struct FaultPlan {
    int dropEveryN = 0;      // consume a seq but do not publish it: a hole
    int duplicateEveryN = 0; // publish a message twice
    bool heartbeats = true;
};

class Gateway final
{
public:
    // Loads the city (throws std::runtime_error when it cannot).
    explicit Gateway(GatewayOptions options);
    ~Gateway(); // stops
    Gateway(const Gateway &) = delete;
    Gateway &operator=(const Gateway &) = delete;

    // Binds the three sockets (throws std::runtime_error on failure) and starts the thread.
    void start();
    // LINGER 0 on every socket, joins the thread; never hangs. Safe to call twice.
    void stop();

    // Actually bound endpoints (tcp://127.0.0.1:* resolves to the chosen port).
    std::string feedEndpoint() const;
    std::string snapshotEndpoint() const;
    std::string controlEndpoint() const;

    // Stop generating events; heartbeats, snapshot and control keep answering. Pausing
    // returns once the loop has seen it (nothing stepped after the call returns).
    void setPaused(bool paused);
    // Advances the simulation by exactly dtMs of simulated time and publishes what that
    // produced, then a heartbeat at the new time (so consoles' feed clocks follow);
    // returns once all of it is on the wire, with the number of feed messages published
    // (-1 when the gateway thread is not running or did not answer within 10 s). Meant
    // for a paused gateway: tests that need time to pass (an ETA, an SLA, a timed limit)
    // get exactly that much, whatever the machine's load.
    std::int64_t step(std::int64_t dtMs);
    void setFaults(FaultPlan plan);
    // A gateway restart: new epoch, seq restarts at 1 per depot, city and orders kept.
    void restart();
    std::map<std::string, std::string> truthOrderStates() const; // order_id -> "CREATED"...
    std::map<std::string, std::int64_t> currentSeqs() const;
    std::string epoch() const;
    std::int64_t publishedEvents() const;
    std::int64_t simTimeMs() const;
    // Client keys the ZAP handler refused / admitted (0 without CURVE).
    std::int64_t refusedKeys() const;
    std::int64_t admittedKeys() const;
    // Wall time the warm start's pre-roll took; -1 until it is over (or without one).
    std::int64_t prerollWallMs() const { return m_prerollWallMs.load(); }
    // True from the pre-roll's end until its replay (replayMs) has been published.
    bool replaying() const { return m_replaying.load(); }
    // Sends any multipart message on the feed PUB (robustness tests).
    void publishRaw(const std::vector<std::string> &frames);

private:
    void run();
    void preroll();
    bool replayTurn(std::vector<WireMessage> &out);
    void loop();
    void bindAll();
    void closeAll();
    void publish(std::vector<WireMessage> &messages);
    void sendHeartbeat();
    void serveSnapshot();
    void serveControl();
    void flushRaw();
    bool runRequestedStep(std::vector<WireMessage> &out);

    GatewayOptions m_options;
    std::shared_ptr<const City> m_city;
    mutable std::mutex m_mutex; // guards m_sim, m_control, m_faults, m_endpoints, m_raw, m_step*
    std::unique_ptr<Simulation> m_sim;
    std::unique_ptr<ControlHandler> m_control;
    FaultPlan m_faults;
    std::vector<std::vector<std::string>> m_raw;
    // step(): one request at a time, answered by the gateway thread.
    std::mutex m_stepCall;
    std::condition_variable m_stepDone;
    std::int64_t m_stepMs = -1;        // the pending request (m_mutex); -1: none
    std::int64_t m_stepPublished = -1; // its answer (m_mutex); -1: not yet
    std::string m_feedEndpoint, m_snapshotEndpoint, m_controlEndpoint;

    std::unique_ptr<zmq::context_t> m_context;
    std::unique_ptr<feed::curve::ZapHandler> m_zap; // before the sockets bind, after they close
    std::unique_ptr<zmq::socket_t> m_feed, m_snapshot, m_controlSocket;
    std::thread m_thread;
    std::atomic<bool> m_stopping{false};
    std::atomic<bool> m_paused{false};
    std::atomic<std::uint64_t> m_loopTurns{0}; // completed turns of the gateway loop
    std::atomic<std::int64_t> m_published{0};
    std::atomic<std::int64_t> m_prerollWallMs{-1};
    std::atomic<bool> m_replaying{false};
    // Gateway thread only: the replay's end in simulated time, when the first snapshot
    // was served, when the replay began and what it has published.
    std::int64_t m_replayUntilMs = 0;
    std::chrono::steady_clock::time_point m_firstSnapshotAt{}, m_replayStartedAt{};
    std::int64_t m_replaySent = 0;
    std::int64_t m_faultCounter = 0; // gateway thread only
};

} // namespace opsdeck::sim
