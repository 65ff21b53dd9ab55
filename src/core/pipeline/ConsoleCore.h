#pragma once

#include "CoreObserver.h"
#include "FeedStats.h"
#include "Projections.h"
#include "core/model/Records.h"

#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace opsdeck::core {

// What the GUI gets, at most 30 times a second: latest values of what changed.
struct ConsoleDelta {
    std::vector<OrderRecord> orders;
    std::vector<RiderRecord> riders;
    std::array<std::int64_t, kOrderStateCount> ordersByState{};
    std::int64_t applied = 0;  // total applied so far
    std::int64_t illegal = 0;  // total integrity alerts so far
    std::vector<FeedReceipt> receipts; // the feed batches applied since the last delta
    std::int64_t emittedNs = 0;        // steady clock when the core handed it over
    std::int64_t deliveredNs = 0;      // steady clock when the GUI thread took it (ConsoleBridge)
};

struct CoreCounters {
    std::int64_t applied = 0;
    std::int64_t illegal = 0;
    std::int64_t snapshotRecords = 0;
    std::int64_t postWaits = 0;       // times the feed thread waited for the core (backpressure)
    std::int64_t refusalWaits = 0;    // times refusal() waited for room before answering
    std::int64_t orders = 0;
    std::int64_t riders = 0;
    std::int64_t retired = 0; // orders retired by a complete snapshot (in `orders`, not by state)
    std::array<std::int64_t, kOrderStateCount> ordersByState{}; // orders not retired
};

// The core thread: applies feed batches to the projections, hands each batch's changes
// to the store as one StoreBatch, and coalesces changes for the GUI.
class ConsoleCore final
{
public:
    using StoreSink = std::function<void(StoreBatch &&)>;
    using DeltaSink = std::function<void(ConsoleDelta &&)>; // called on the core thread

    struct Options {
        int maxDeltasPerSecond = 30;
        int tickIntervalMs = 1000; // CoreObserver::onTick period
        // Bounds on what is posted but not yet applied, in events and in bytes (QueueBounds.h).
        // The feed asks refusal() first and sheds what would pass them (its depots resync
        // from the snapshot); post() itself waits above them, so nothing grows without end
        // even for a poster that does not ask. Batches without live events never wait.
        // A decoded event costs several times its message on the SUB socket, so a burst
        // (a 100k-rider city sends a second's fixes at once) should wait there, not here:
        // refusal() first waits up to refusalWaitMs for the core to take its queue (not
        // while the core waits for the store: that may last), and
        // the bound only needs to cover one pickup. Without that wait a bound below one
        // second's burst shed every burst (opsdeck-bench city, docs/bench.md).
        std::size_t maxQueuedEvents = 40000;
        std::size_t maxQueuedBytes = 48u << 20;
        int refusalWaitMs = 500;
        // The clock handed to observers' onTick; injectable for tests of timed rules.
        std::function<std::int64_t()> wallClockMs;
        // The steady clock of the delta cadence and the ticks, in ms; empty: the real one.
        // Tests drive it to check the cadence without waiting.
        std::function<std::int64_t()> steadyClockMs;
    };

    ConsoleCore(Projections initial, StoreSink storeSink, DeltaSink deltaSink, Options options);
    ConsoleCore(Projections initial, StoreSink storeSink, DeltaSink deltaSink);
    ~ConsoleCore();
    ConsoleCore(const ConsoleCore &) = delete;
    ConsoleCore &operator=(const ConsoleCore &) = delete;

    // Before start(); not owned, must outlive the core (stop() first).
    void addObserver(CoreObserver *observer);

    void start();
    // Applies everything already posted, hands the last StoreBatch over, then joins.
    void stop();

    // First step of a shutdown: post() stops waiting for room, so a feed thread held back
    // by a stuck store can finish and be joined. Thread-safe.
    void stopWaiting();

    // Thread-safe; called from the feed thread. Waits while maxQueuedEvents are queued
    // (never after stop() was asked: then it returns at once and the batch is applied).
    void post(FeedBatch &&batch);

    // Thread-safe. Which bound `batch` would pass if posted now (nothing when it fits, or
    // the queue is empty, or it carries no live event), after waiting up to
    // Options::refusalWaitMs for room. With one poster the answer holds until its post():
    // only the core takes from the queue meanwhile.
    std::optional<ShedReason> refusal(const FeedBatch &batch);

    CoreCounters counters() const; // thread-safe snapshot

    // Initial full picture for a GUI that starts after the core (all orders and riders).
    ConsoleDelta fullPicture() const;

private:
    void run();
    std::deque<FeedBatch> takeWork(bool &stopping); // waits for batches, or until a delta or tick is due
    void process(FeedBatch &batch, StoreBatch &store);
    void emitDelta();
    void tickObservers();
    std::int64_t nowMs() const; // Options::steadyClockMs
    bool deltaDue() const;      // changes wait and the last delta is at least the cadence old

    Projections m_projections;
    StoreSink m_storeSink;
    DeltaSink m_deltaSink;
    Options m_options;

    mutable std::mutex m_mutex;            // guards m_queue and m_stopping
    std::condition_variable m_wake;
    std::condition_variable m_space;       // post(), refusal(): the queue went below the bound
    std::deque<FeedBatch> m_queue;
    std::size_t m_queuedEvents = 0;
    std::size_t m_queuedBytes = 0;
    bool m_noWaiting = false;
    bool m_stopping = false;
    std::thread m_thread;
    std::atomic<std::int64_t> m_handingOverSinceMs{0}; // steady ms the core began handing a batch to the store; 0: not

    mutable std::mutex m_projectionsMutex; // held by the core thread while applying; fullPicture() reads under it
    mutable std::mutex m_countersMutex;
    CoreCounters m_counters;               // published after each processed batch
    std::int64_t m_lastDeltaMs = 0;
    bool m_deltaPending = false;
    std::vector<FeedReceipt> m_receipts;   // for the next delta
    std::vector<CoreObserver *> m_observers;
    std::int64_t m_lastTickMs = 0;
};

} // namespace opsdeck::core
