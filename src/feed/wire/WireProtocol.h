#pragma once

#include "core/model/JsonText.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Frame names and the small non-envelope messages of protocol.md, shared by the console
// and by anything that plays the gateway (simulator, tests).
namespace opsdeck::feed::wire {

inline constexpr std::string_view kHeartbeatTopic = "$hb";
inline constexpr std::string_view kHeartbeatPrefix = "$";
inline constexpr std::string_view kSnapshotCommand = "SNAPSHOT";
inline constexpr std::string_view kSnapshotRecord = "SNAP";
inline constexpr std::string_view kSnapshotEnd = "SNAPEND";

// JSON string literal with quotes, escaping what JSON requires.
using core::jsonQuote;

// {"depots":["A","B"]}; no depots means all.
std::string snapshotRequestBody(const std::vector<std::string> &depots);

// Depots asked for in a snapshot request body; std::nullopt when it is not valid JSON
// of that shape.
std::optional<std::vector<std::string>> parseSnapshotRequestBody(std::string_view body);

struct SnapshotEnd {
    std::string epoch;
    std::vector<std::pair<std::string, std::int64_t>> seqs;
    // Relay extension: a relay that merged the ends of several gateways names each depot's
    // epoch here; a depot not listed has `epoch`.
    std::vector<std::pair<std::string, std::string>> epochs;

    const std::string &epochOf(std::string_view depot) const;
};

// {"epoch":"…","seqs":{"D":1234}} (optionally "epochs":{"D":"…"}); std::nullopt when malformed.
std::optional<SnapshotEnd> parseSnapshotEnd(std::string_view body);
std::string snapshotEndBody(const SnapshotEnd &end);

} // namespace opsdeck::feed::wire
