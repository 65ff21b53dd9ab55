#pragma once

#include "Relay.h"
#include "RelayRouting.h"

#include "core/model/EventDecoder.h"

#include <zmq.hpp>

#include <deque>
#include <unordered_map>

namespace opsdeck::relay {

// The relay's request side, on its own thread: the consoles' snapshot and control ROUTERs,
// one snapshot DEALER, one control DEALER and one heartbeat SUB per gateway. Gateways
// answer a DEALER's requests in order, so each DEALER keeps the queue of jobs it owes.
class RequestRouter final
{
public:
    // Binds the consoles' endpoints and connects to the gateways (throws zmq::error_t).
    RequestRouter(zmq::context_t &context, const RelayOptions &options, RelayCounters &counters);
    ~RequestRouter();
    RequestRouter(const RequestRouter &) = delete;
    RequestRouter &operator=(const RequestRouter &) = delete;

    std::string snapshotEndpoint() const;
    std::string controlEndpoint() const;

    // Until the context is shut down; closes every socket before returning.
    void run();

private:
    using Frames = std::vector<zmq::message_t>;

    struct Owed {
        std::uint64_t job = 0;
        std::int64_t sentMs = 0;
    };
    struct Gateway {
        Upstream endpoints;
        zmq::socket_t snapshot, control, heartbeat;
        std::deque<Owed> snapshotsOwed, controlsOwed;
        std::int64_t snapshotHeardMs = 0;
    };
    struct Job {
        Frames envelope; // the console's identity (and delimiter) to answer on
        int waiting = 0;
        std::vector<wire::SnapshotEnd> ends;
        std::string body; // control: the command, passed on unchanged
        std::string orderId;
        ControlPlan plan;
        std::size_t next = 0;
        std::vector<std::string> replies;
    };

    void loop();
    void onSnapshotRequest();
    void onControlRequest();
    void onSnapshotReply(std::size_t gateway);
    void onControlReply(std::size_t gateway);
    void onHeartbeat(std::size_t gateway);
    void sendControl(std::uint64_t jobId, Job &job);
    void finishControl(std::uint64_t jobId, Job &job);
    void answer(zmq::socket_t &frontend, const Frames &envelope, std::string_view name, std::string_view body);
    void expire(std::int64_t nowMs);
    void renew(Gateway &gateway, bool snapshot);
    void closeAll();

    zmq::context_t &m_context;
    const RelayOptions &m_options;
    RelayCounters &m_counters;
    zmq::socket_t m_snapshotFront, m_controlFront;
    std::vector<Gateway> m_gateways;
    GatewayDirectory m_directory;
    OrderOwners m_orders;
    core::EventDecoder m_decoder;
    std::unordered_map<std::uint64_t, Job> m_jobs;
    std::uint64_t m_nextJob = 1;
    Frames m_parts;
};

} // namespace opsdeck::relay
