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

// A depot whose resyncs back off because holes keep coming (docs/protocol.md "Resync
// coalescing and backoff"): what keeps failing, for the status bar, the map and the alert.
struct FeedDegradation {
    std::string depot;
    std::string eventType;    // type of the frames that keep failing ("" when unknown)
    std::string reason;       // their reject reason, or "gap" when no rejected frame was seen
    std::int64_t failures = 0; // rejected frames of that type and reason since it degraded
    std::string detail;       // the latest such frame's reject detail (which field, what was wrong)
    std::int64_t holes = 0;    // holes since it degraded
    std::int64_t backoffMs = 0;
};

// Why live events were shed (dropped, then restored by a resync of their depot) instead
// of queued: memory stays bounded whatever the gateway sends (docs/architecture.md).
enum class ShedReason : std::uint8_t {
    QueueEvents,  // the core's queue held its bound in events
    QueueBytes,   // the core's queue held its bound in bytes (large envelopes)
    ResyncBuffer, // a depot's buffer while its snapshot is awaited was full
};
inline constexpr int kShedReasonCount = 3;
std::string_view toString(ShedReason reason); // "queue_events", "queue_bytes", "resync_buffer"

struct DepotShed {
    std::string depot;
    std::array<std::int64_t, kShedReasonCount> events{}; // by ShedReason
};

enum class FeedState : std::uint8_t { Connecting, Connected, Stale, Resyncing, Stopped };
std::string_view toString(FeedState state); // "connecting", "connected", "stale", "resyncing", "stopped"

// What the transport's security handshake says (docs/security.md "Encrypted transport").
// The failures hold only while no handshake succeeds: they explain a feed stuck connecting.
enum class FeedSecurity : std::uint8_t {
    Plain,             // no CURVE configured, or not connected yet
    Handshaking,       // CURVE configured, no handshake finished yet
    Encrypted,         // the CURVE handshake succeeded
    KeyRefused,        // the gateway's ZAP handler refused our public key
    GatewayKeyMismatch, // the gateway could not read our HELLO: its key is not the one we have
    GatewayPlain,      // we speak CURVE, the gateway does not
    GatewayEncrypted,  // the gateway speaks CURVE and we have no keys
};
std::string_view toString(FeedSecurity security); // "plain", "handshaking", "encrypted", "key_refused", ...

// Counters the feed thread writes and anyone may read (status bar, headless stats).
// Written by one thread; read lock-free, except the per-depot seqs under a mutex.
struct FeedStats {
    std::atomic<FeedState> state{FeedState::Connecting};
    std::atomic<FeedSecurity> security{FeedSecurity::Plain};
    std::atomic<std::int64_t> received{0};   // messages taken off the SUB socket (all, incl. heartbeats)
    std::atomic<std::int64_t> accepted{0};   // valid live events passed on (not duplicates)
    std::atomic<std::int64_t> duplicates{0}; // seq already applied, or id already seen
    std::atomic<std::int64_t> heartbeats{0};
    std::atomic<std::int64_t> gaps{0};       // holes in seq and tail losses seen in heartbeats
    std::atomic<std::int64_t> resyncs{0};    // snapshots applied
    std::atomic<std::int64_t> resyncsRequested{0}; // snapshot requests sent (a timed-out retry is not a new one)
    std::atomic<std::int64_t> resyncsCoalesced{0}; // holes that joined a resync queued, running or backed off
    std::atomic<std::int64_t> degradedMs{0};       // time with at least one depot degraded (the sync's clock)
    std::atomic<int> degradedDepots{0};
    std::atomic<std::int64_t> lastMessageMs{0};
    // Events applied without a note / priority (our extension) whose value we could not read.
    std::atomic<std::int64_t> extensionIgnored{0};
    std::array<std::atomic<std::int64_t>, kRejectReasonCount> rejected{};
    std::atomic<std::int64_t> shedEvents{0}; // live events dropped at a bound (all reasons)
    std::atomic<int> staleDepots{0};         // depots shed and not resynced since

    void addShed(const std::string &depot, ShedReason reason, std::int64_t events)
    {
        shedEvents.fetch_add(events, std::memory_order_relaxed);
        std::lock_guard lock(m_seqMutex);
        for (auto &d : m_shed) {
            if (d.depot == depot) {
                d.events[static_cast<std::size_t>(reason)] += events;
                return;
            }
        }
        DepotShed d{depot, {}};
        d.events[static_cast<std::size_t>(reason)] = events;
        m_shed.push_back(std::move(d));
    }
    std::vector<DepotShed> shedByDepot() const
    {
        std::lock_guard lock(m_seqMutex);
        return m_shed;
    }
    void setStale(std::vector<std::string> depots)
    {
        std::lock_guard lock(m_seqMutex);
        staleDepots.store(static_cast<int>(depots.size()), std::memory_order_relaxed);
        m_stale = std::move(depots);
    }
    std::vector<std::string> stale() const
    {
        std::lock_guard lock(m_seqMutex);
        return m_stale;
    }

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

    void setDegraded(std::vector<FeedDegradation> degraded)
    {
        std::lock_guard lock(m_seqMutex);
        degradedDepots.store(static_cast<int>(degraded.size()), std::memory_order_relaxed);
        m_degraded = std::move(degraded);
    }
    std::vector<FeedDegradation> degraded() const
    {
        std::lock_guard lock(m_seqMutex);
        return m_degraded;
    }

private:
    mutable std::mutex m_seqMutex; // also guards m_degraded, m_shed, m_stale
    std::vector<FeedDegradation> m_degraded;
    std::vector<DepotShed> m_shed;
    std::vector<std::string> m_stale;
    std::vector<std::pair<std::string, std::int64_t>> m_lastSeq;
};

} // namespace opsdeck::core
