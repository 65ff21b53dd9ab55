#pragma once

#include "EmbeddedGateway.h"
#include "core/pipeline/ConsoleCore.h"
#include "core/pipeline/FeedClock.h"
#include "core/pipeline/FeedStats.h"
#include "feed/sync/FeedSubscriber.h"

#include <QJsonObject>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace opsdeck::store {
class EventStore;
class KeyVault;
struct LoadedState;
class StoreWorker;
}

namespace opsdeck::app {

struct RuntimeOptions {
    // Empty feed endpoint: start the embedded opsfeed gateway in-process.
    std::string feed;
    std::string snapshot;
    std::string control;
    std::vector<std::string> depots; // subscribe prefixes; empty = all
    QString dbPath;
    // Where the personal-data key lives (store::defaultKeyDir() for the console, outside
    // the database's folder); empty: beside the database (tests).
    QString keyDir;
    // Where the key is kept: the OS keyring where there is one (store::KeyringKeyVault);
    // empty: its file.
    std::shared_ptr<store::KeyVault> keyVault;
    std::uint64_t embeddedSeed = 1;
    int embeddedRiders = 120;
    double embeddedOrdersPerMin = 60;
    double embeddedTimeScale = 1; // simulated seconds per wall second
    // Warm start: the embedded gateway plays this much of the day before it serves (the
    // command line's default is kWarmStartPrerollMs, --cold: 0). 0 here, so tests start cold.
    std::int64_t embeddedPrerollMs = 0;
    std::int64_t embeddedReplayMs = 0; // of which published after the console's snapshot
    // Starts the embedded gateway; empty: a console without --feed cannot start.
    EmbeddedGatewayFactory embedded;
    // CURVE keys for feed, snapshot and control (all empty: plain TCP). The embedded
    // gateway, when it serves CURVE (embeddedCurve), hands its own in-process pair.
    feed::CurveKeys curve;
    bool embeddedCurve = false;
    // The console's clock until the feed has told its time (the feed clock's fallback,
    // see feedClock()); empty: the wall clock. Tests freeze it or drive it.
    std::function<std::int64_t()> clockMs;
    int tickIntervalMs = 1000; // core observers' onTick period (a test may hold ticks back)
    // Benchmarks: StoreWorker::Options::committed (feed receive -> stored lag).
    std::function<void(std::int64_t receivedNs, std::size_t events)> storeCommitted;
    // A database that fails to open as corrupt is moved aside (renamed with a timestamp,
    // its key alongside) and rebuilt from the gateway's snapshot; false: start() fails
    // and corruptDatabase() tells the caller, who asks the user (or --rebuild-corrupt).
    bool rebuildCorrupt = false;
    // The store worker's bounds; tests shrink the memory cap and the retry backoff.
    std::int64_t storeMaxHeldEvents = 500000;
    int storeRetryMaxMs = 2000;
    // The queues' bounds between threads (0: the default); beyond the core's, the feed
    // sheds and resyncs. Tests shrink them to shed on purpose.
    std::size_t coreMaxQueuedEvents = 0;
    std::size_t coreMaxQueuedBytes = 0;
    std::int64_t storeMaxQueuedEvents = 0;
    std::int64_t storeMaxQueuedBytes = 0;
    // The feed thread's tuning (its `refuse` is set by the runtime); tests drive its sync clock.
    feed::FeedSubscriber::Tuning feedTuning;
};

// Assembles the one-way pipeline: (embedded gateway) → feed thread → core thread →
// store thread, plus the GUI delta sink. Owns the threads; stop() tears them down in
// data-flow order so everything received is flushed to SQLite.
class ConsoleRuntime final
{
public:
    ConsoleRuntime(RuntimeOptions options, core::ConsoleCore::DeltaSink deltaSink);
    const RuntimeOptions &options() const { return m_options; }
    ~ConsoleRuntime();
    ConsoleRuntime(const ConsoleRuntime &) = delete;
    ConsoleRuntime &operator=(const ConsoleRuntime &) = delete;

    // Feature rooms (alert engine, KPI engine, geofences, position history, search)
    // join the pipeline here: called in start() once the store thread runs and before
    // the core thread starts, so they can add CoreObservers and post their store jobs
    // (schema, initial load) ahead of any event. Call before start().
    using AssembleHook = std::function<void(core::ConsoleCore &core, store::StoreWorker &store)>;
    void addAssembleHook(AssembleHook hook) { m_assembleHooks.push_back(std::move(hook)); }

    // Called in stop() once the core thread has stopped and before the store flushes:
    // a feature hands over what it still holds (e.g. the KPI engine's open minute).
    void addBeforeStoreStopHook(std::function<void()> hook) { m_beforeStoreStop.push_back(std::move(hook)); }

    bool start(QString *error);
    void stop();
    // After a failed start(): the database was found corrupt (and not rebuilt).
    bool corruptDatabase() const { return m_corruptDatabase; }
    // After a start() that rebuilt a corrupt database: where the old one went.
    QString movedAsideTo() const { return m_movedAsideTo; }

    const core::FeedStats &feedStats() const { return m_feedStats; }
    // The one clock the console judges time by (SLA, alert ages, KPI windows, timed
    // controls, replay): the feed's time (core/pipeline/FeedClock.h). Exists from
    // construction, so features take it in assemble(); thread-safe.
    const core::FeedClock &feedClock() const { return *m_clock; }
    std::function<std::int64_t()> clock() const;
    core::CoreCounters coreCounters() const;
    core::ConsoleDelta fullPicture() const;
    std::string controlEndpoint() const { return m_endpoints.control; }
    const feed::CurveKeys &curveKeys() const { return m_endpoints.curve; }
    bool embedded() const { return m_gateway != nullptr; }
    // Null before start() and after a failed start. Owned by the runtime.
    store::StoreWorker *storeWorker() const { return m_store.get(); }
    core::ConsoleCore *core() const { return m_core.get(); }

    // One line for --headless: received, applied, duplicates, rejected by reason, gaps,
    // resyncs, orders by state, riders.
    QJsonObject statsJson() const;
    // Its "store" part: disk fault, events held in memory, drops at the cap, resyncs.
    QJsonObject storeStatsJson() const;
    // Its "shed" part: live events shed at a queue bound, by reason and depot, stale depots.
    QJsonObject shedStatsJson() const;
    std::int64_t eventsPersisted() const;

private:
    std::unique_ptr<store::EventStore> openStore();
    // The store worker, on an open store (loaded filled) or, when the database cannot be
    // opened for writing, on one it keeps opening while the console runs from memory.
    std::unique_ptr<store::StoreWorker> startStore(store::LoadedState &loaded);
    // The store dropped batches at its memory cap during a disk fault and has written
    // what it held: a fresh subscription takes every depot's snapshot (protocol.md's
    // join), which restores the projections the dropped batches carried.
    void resyncFromGateway();
    std::unique_ptr<feed::FeedSubscriber> makeFeed(std::vector<core::Cursor> resumeFrom);

    RuntimeOptions m_options;
    core::ConsoleCore::DeltaSink m_deltaSink;
    core::FeedStats m_feedStats;
    std::shared_ptr<core::FeedClock> m_clock; // shared: clock() copies outlive the runtime
    feed::FeedEndpoints m_endpoints;
    std::unique_ptr<EmbeddedGateway> m_gateway;
    std::unique_ptr<store::StoreWorker> m_store;
    std::unique_ptr<core::ConsoleCore> m_core;
    std::unique_ptr<feed::FeedSubscriber> m_feed;
    std::vector<AssembleHook> m_assembleHooks;
    std::vector<std::function<void()>> m_beforeStoreStop;
    bool m_running = false;
    bool m_corruptDatabase = false;
    QString m_movedAsideTo;
    std::unique_ptr<QObject> m_runtimeThread; // receives resyncFromGateway() from the store thread
};

} // namespace opsdeck::app
