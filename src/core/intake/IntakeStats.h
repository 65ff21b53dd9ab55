#pragma once

#include "core/model/Event.h"

#include <QJsonObject>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace opsdeck::core {

// One gateway.stats message (protocol.md): a depot's intake over its window and the
// intake policy that applies to it (global, depot and its merchants' scopes). The policy
// entries are the decoder's typed ones (core/model/EventPayloads.h).
using IntakeLimit = GatewayLimit;
using IntakeBreaker = GatewayBreaker;
using IntakeDiversion = GatewayDiversion;
struct DepotIntake {
    std::string depot;
    std::int64_t tsMs = 0;
    double windowS = 1;
    std::int64_t offered = 0;
    std::int64_t accepted = 0;
    std::int64_t rateLimited = 0;
    std::int64_t breakerOpen = 0;
    std::vector<IntakeLimit> limits;
    std::vector<IntakeBreaker> breakers;
    std::vector<IntakeDiversion> diversions;
    // Running sums since the console started watching (kept by IntakeBoard), so a
    // reader sampling at any pace gets exact rates: Δtotal / Δts.
    std::int64_t totalOffered = 0;
    std::int64_t totalAccepted = 0;
    std::int64_t totalRateLimited = 0;
    std::int64_t totalBreakerOpen = 0;
};

// The intake of a decoded gateway.stats event (EventDecoder has checked every field and
// list entry); nullopt for any other event, or one built without its typed data.
std::optional<DepotIntake> depotIntakeOf(const Event &event);

// The latest gateway.stats per depot: written on the core thread, read by the command
// layer (to record before/after values and to see a command's effect) and by the GUI's
// once-a-second refresh. Latest value wins.
class IntakeBoard final
{
public:
    void update(DepotIntake stats);
    std::vector<DepotIntake> snapshot() const; // ordered by depot
    std::uint64_t generation() const;          // +1 per update

    // Blocks until an update newer than `afterGeneration` makes `satisfied` true for the
    // whole board, or the timeout passes. Called off the GUI thread.
    bool waitFor(const std::function<bool(const std::vector<DepotIntake> &)> &satisfied, std::uint64_t afterGeneration,
                 std::chrono::milliseconds timeout) const;

private:
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_changed;
    std::vector<DepotIntake> m_depots;
    std::uint64_t m_generation = 0;
};

// What the board says about the thing a scope-based command touches, as JSON for the
// audit: {"scope":"depot:X","limit":{"per_min":50,"burst":10}} or "limit":null;
// {"scope":..,"mode":"auto","state":"closed"}; {"from":..,"diversion":{"to":..,"share":..}}.
QJsonObject limitState(const std::vector<DepotIntake> &board, const std::string &scope);
QJsonObject breakerState(const std::vector<DepotIntake> &board, const std::string &scope);
QJsonObject diversionState(const std::vector<DepotIntake> &board, const std::string &from);

} // namespace opsdeck::core
