#pragma once

// The relay's decisions, free of sockets so they can be reasoned about on their own:
// which gateway owns which depot (learnt from heartbeats), where a snapshot or control
// request goes, and how several gateways' answers become one.

#include "core/model/Event.h"
#include "feed/wire/WireProtocol.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace opsdeck::relay {

namespace wire = feed::wire;

class GatewayDirectory final
{
public:
    explicit GatewayDirectory(std::size_t gateways);

    // A heartbeat heard from gateway `gateway`: it owns the depots it names.
    void observe(std::size_t gateway, const core::Heartbeat &heartbeat);
    std::optional<std::size_t> owner(std::string_view depot) const;
    std::size_t gateways() const { return m_epochs.size(); }
    const std::string &epoch(std::size_t gateway) const { return m_epochs[gateway]; }
    std::size_t depotCount() const { return m_owners.size(); }

    // Per gateway: the depots to ask it for, or nullopt to leave it out. An empty request
    // (every depot) goes to every gateway; a depot nobody has claimed yet goes to all.
    std::vector<std::optional<std::vector<std::string>>> planSnapshot(const std::vector<std::string> &depots) const;

private:
    std::unordered_map<std::string, std::size_t> m_owners;
    std::vector<std::string> m_epochs;
};

// Where a control command goes (protocol.md, "Control").
struct ControlPlan {
    enum class Mode {
        One,    // the command names a depot whose gateway is known
        InTurn, // gateway after gateway until one owns the order (or the depot not yet heard of)
        All,    // global, merchant and unknown scopes, ping, anything unreadable
    };
    Mode mode = Mode::All;
    std::vector<std::size_t> targets;
    // InTurn: which refusal means "not mine, ask the next": unknown_order for an order, any
    // refusal for a depot no heartbeat has named yet (a gateway calls it an unknown scope).
    bool anyRefusalPassesOn = false;
};

// Learns which gateway owns which order from the replies, so the next command on the same
// order goes straight there; bounded, forgetting everything when full (it only saves tries).
class OrderOwners final
{
public:
    std::optional<std::size_t> find(const std::string &orderId) const;
    void remember(const std::string &orderId, std::size_t gateway);

private:
    std::unordered_map<std::string, std::size_t> m_owners;
};

struct ControlRequest {
    bool readable = false;
    std::string orderId; // empty when the command names no order
    std::string depot;   // from scope "depot:<id>" or divert's "from"
};
ControlRequest parseControlRequest(std::string_view body);
ControlPlan planControl(const ControlRequest &request, const GatewayDirectory &directory, const OrderOwners &orders);

struct ControlReply {
    bool readable = false;
    bool ok = false;
    std::string error;
};
ControlReply parseControlReply(std::string_view body);

// One SNAPEND for the console from the gateways' own: seqs side by side, each depot's
// epoch under "epochs" (the relay extension), "epoch" the first gateway's.
wire::SnapshotEnd mergeSnapshotEnds(const std::vector<wire::SnapshotEnd> &ends);

} // namespace opsdeck::relay
