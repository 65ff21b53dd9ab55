#include "RelayRouting.h"

#include "RelayLog.h"

#include <simdjson.h>

#include <algorithm>

namespace opsdeck::relay {

namespace {
constexpr std::size_t kMaxRememberedOrders = 200000;
constexpr std::string_view kDepotScope = "depot:";
} // namespace

GatewayDirectory::GatewayDirectory(std::size_t gateways) : m_epochs(gateways) {}

void GatewayDirectory::observe(std::size_t gateway, const core::Heartbeat &heartbeat)
{
    if (gateway >= m_epochs.size())
        return;
    if (m_epochs[gateway] != heartbeat.epoch) {
        qCInfo(lcRelay) << "gateway" << gateway << "epoch" << heartbeat.epoch.c_str();
        m_epochs[gateway] = heartbeat.epoch;
        // Consoles retire an epoch a depot leaves behind: a shared one would drop the other's events.
        for (std::size_t other = 0; other < m_epochs.size(); ++other) {
            if (other != gateway && m_epochs[other] == heartbeat.epoch)
                qCWarning(lcRelay) << "gateways" << other << "and" << gateway << "share epoch" << heartbeat.epoch.c_str()
                                   << "- give them distinct epoch tags";
        }
    }
    for (const auto &[depot, seq] : heartbeat.seqs) {
        const auto [it, added] = m_owners.try_emplace(depot, gateway);
        if (added) {
            qCInfo(lcRelay) << "depot" << depot.c_str() << "is on gateway" << gateway;
        } else if (it->second != gateway) {
            qCWarning(lcRelay) << "depot" << depot.c_str() << "moved from gateway" << it->second << "to" << gateway;
            it->second = gateway;
        }
    }
}

std::optional<std::size_t> GatewayDirectory::owner(std::string_view depot) const
{
    const auto it = m_owners.find(std::string(depot));
    if (it == m_owners.end())
        return std::nullopt;
    return it->second;
}

std::vector<std::optional<std::vector<std::string>>>
GatewayDirectory::planSnapshot(const std::vector<std::string> &depots) const
{
    std::vector<std::optional<std::vector<std::string>>> plan(m_epochs.size());
    if (depots.empty()) {
        for (auto &p : plan)
            p.emplace();
        return plan;
    }
    for (const std::string &depot : depots) {
        if (const auto o = owner(depot)) {
            auto &p = plan[*o];
            if (!p)
                p.emplace();
            p->push_back(depot);
            continue;
        }
        for (auto &p : plan) { // unclaimed yet: whoever has it answers, the others send nothing for it
            if (!p)
                p.emplace();
            p->push_back(depot);
        }
    }
    return plan;
}

std::optional<std::size_t> OrderOwners::find(const std::string &orderId) const
{
    const auto it = m_owners.find(orderId);
    if (it == m_owners.end())
        return std::nullopt;
    return it->second;
}

void OrderOwners::remember(const std::string &orderId, std::size_t gateway)
{
    if (m_owners.size() >= kMaxRememberedOrders)
        m_owners.clear();
    m_owners[orderId] = gateway;
}

ControlRequest parseControlRequest(std::string_view body)
{
    ControlRequest out;
    simdjson::dom::parser parser;
    simdjson::dom::object doc;
    if (parser.parse(body.data(), body.size(), true).get(doc) != simdjson::SUCCESS)
        return out;
    out.readable = true;
    std::string_view s;
    if (doc["order_id"].get_string().get(s) == simdjson::SUCCESS)
        out.orderId.assign(s);
    if (doc["scope"].get_string().get(s) == simdjson::SUCCESS && s.substr(0, kDepotScope.size()) == kDepotScope)
        out.depot.assign(s.substr(kDepotScope.size()));
    else if (doc["from"].get_string().get(s) == simdjson::SUCCESS)
        out.depot.assign(s);
    return out;
}

ControlPlan planControl(const ControlRequest &request, const GatewayDirectory &directory, const OrderOwners &orders)
{
    ControlPlan plan;
    for (std::size_t i = 0; i < directory.gateways(); ++i)
        plan.targets.push_back(i);
    if (!request.readable)
        return plan;
    if (!request.depot.empty()) {
        if (const auto o = directory.owner(request.depot))
            return ControlPlan{ControlPlan::Mode::One, {*o}, false};
        plan.mode = ControlPlan::Mode::InTurn;
        plan.anyRefusalPassesOn = true;
        return plan;
    }
    if (!request.orderId.empty()) {
        plan.mode = ControlPlan::Mode::InTurn;
        if (const auto o = orders.find(request.orderId); o && *o < plan.targets.size())
            std::rotate(plan.targets.begin(), plan.targets.begin() + static_cast<std::ptrdiff_t>(*o), plan.targets.end());
    }
    return plan;
}

ControlReply parseControlReply(std::string_view body)
{
    ControlReply out;
    simdjson::dom::parser parser;
    simdjson::dom::object doc;
    if (parser.parse(body.data(), body.size(), true).get(doc) != simdjson::SUCCESS
        || doc["ok"].get_bool().get(out.ok) != simdjson::SUCCESS)
        return out;
    out.readable = true;
    std::string_view error;
    if (doc["error"].get_string().get(error) == simdjson::SUCCESS)
        out.error.assign(error);
    return out;
}

wire::SnapshotEnd mergeSnapshotEnds(const std::vector<wire::SnapshotEnd> &ends)
{
    wire::SnapshotEnd merged;
    for (const wire::SnapshotEnd &end : ends) {
        if (merged.epoch.empty())
            merged.epoch = end.epoch;
        for (const auto &entry : end.seqs) {
            const std::string &depot = entry.first; // a plain name: clang 14 cannot capture a structured binding
            const std::int64_t seq = entry.second;
            const auto same = [&depot](const auto &other) { return other.first == depot; };
            const auto it = std::find_if(merged.seqs.begin(), merged.seqs.end(), same);
            if (it == merged.seqs.end()) {
                merged.seqs.emplace_back(depot, seq);
                merged.epochs.emplace_back(depot, end.epochOf(depot));
            } else if (seq > it->second) { // a gateway without the depot may still list it, at 0
                it->second = seq;
                std::find_if(merged.epochs.begin(), merged.epochs.end(), same)->second = end.epochOf(depot);
            }
        }
    }
    return merged;
}

} // namespace opsdeck::relay
