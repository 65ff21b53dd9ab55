#pragma once

#include "core/model/Rejection.h"

#include <array>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace opsdeck::core {

enum class FeedState : std::uint8_t { Connecting, Connected, Stale, Resyncing, Stopped };
std::string_view toString(FeedState state); // "connecting", "connected", "stale", "resyncing", "stopped"

// Counters the feed thread writes and anyone may read (status bar, headless stats).
// Written by one thread; read lock-free, except the per-depot seqs under a mutex.
struct FeedStats {
    std::atomic<FeedState> state{FeedState::Connecting};
    std::atomic<std::int64_t> received{0};   // messages taken off the SUB socket (all, incl. heartbeats)
    std::atomic<std::int64_t> accepted{0};   // valid live events passed on (not duplicates)
    std::atomic<std::int64_t> duplicates{0}; // seq already applied, or id already seen
    std::atomic<std::int64_t> heartbeats{0};
    std::atomic<std::int64_t> gaps{0};       // holes in seq and tail losses seen in heartbeats
    std::atomic<std::int64_t> resyncs{0};    // snapshots applied
    std::atomic<std::int64_t> lastMessageMs{0};
    // Events applied without a note / priority (our extension) whose value we could not read.
    std::atomic<std::int64_t> extensionIgnored{0};
    std::array<std::atomic<std::int64_t>, kRejectReasonCount> rejected{};

    std::int64_t rejectedTotal() const
    {
        std::int64_t n = 0;
        for (const auto &r : rejected)
            n += r.load(std::memory_order_relaxed);
        return n;
    }

    void setLastSeq(const std::string &depot, std::int64_t seq)
    {
        std::lock_guard lock(m_seqMutex);
        for (auto &p : m_lastSeq) {
            if (p.first == depot) {
                p.second = seq;
                return;
            }
        }
        m_lastSeq.emplace_back(depot, seq);
    }
    std::vector<std::pair<std::string, std::int64_t>> lastSeqs() const
    {
        std::lock_guard lock(m_seqMutex);
        return m_lastSeq;
    }

private:
    mutable std::mutex m_seqMutex;
    std::vector<std::pair<std::string, std::int64_t>> m_lastSeq;
};

} // namespace opsdeck::core
