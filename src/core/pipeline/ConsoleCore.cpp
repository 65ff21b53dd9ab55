#include "ConsoleCore.h"
#include "QueueBounds.h"

#include <pthread.h>
#include <QLoggingCategory>

#include <chrono>
#include <iterator>

Q_LOGGING_CATEGORY(lcCore, "opsdeck.core")

namespace opsdeck::core {

namespace {
// A delta is due every 33 ms; the bound only matters while no delta goes out (nothing the
// GUI shows changed), when the receipts have no one to go to.
constexpr std::size_t kMaxReceipts = 4096;
constexpr std::int64_t kStoreHoldsCoreMs = 5; // refusal(): a handover to the store this long means it is behind

std::int64_t steadyNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

std::int64_t steadyMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}
} // namespace

ConsoleCore::ConsoleCore(Projections initial, StoreSink storeSink, DeltaSink deltaSink, Options options)
    : m_projections(std::move(initial))
    , m_storeSink(std::move(storeSink))
    , m_deltaSink(std::move(deltaSink))
    , m_options(options)
{
    m_counters.orders = static_cast<std::int64_t>(m_projections.orderCount());
    m_counters.riders = static_cast<std::int64_t>(m_projections.riderCount());
    m_counters.retired = static_cast<std::int64_t>(m_projections.retiredCount());
    m_counters.ordersByState = m_projections.countsByState();
    // Whatever was loaded is already in the store and will reach the GUI via fullPicture().
    m_projections.takeDirtyOrders(Projections::Consumer::Store);
    m_projections.takeDirtyOrders(Projections::Consumer::Gui);
    m_projections.takeDirtyRiders(Projections::Consumer::Store);
    m_projections.takeDirtyRiders(Projections::Consumer::Gui);
}

ConsoleCore::ConsoleCore(Projections initial, StoreSink storeSink, DeltaSink deltaSink)
    : ConsoleCore(std::move(initial), std::move(storeSink), std::move(deltaSink), Options{})
{
}

ConsoleCore::~ConsoleCore()
{
    stop();
}

void ConsoleCore::addObserver(CoreObserver *observer)
{
    if (observer)
        m_observers.push_back(observer);
}

void ConsoleCore::tickObservers()
{
    m_lastTickMs = nowMs();
    if (m_observers.empty())
        return;
    const std::int64_t wall = m_options.wallClockMs
        ? m_options.wallClockMs()
        : std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
              .count();
    std::lock_guard lock(m_projectionsMutex);
    for (auto *observer : m_observers)
        observer->onTick(m_projections, wall);
}

void ConsoleCore::start()
{
    if (m_thread.joinable())
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = false;
    }
    m_thread = std::thread([this] {
        pthread_setname_np(pthread_self(), "opsdeck-core"); // names show in top -H and perf
        run();
    });
}

void ConsoleCore::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_space.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void ConsoleCore::stopWaiting()
{
    {
        std::lock_guard lock(m_mutex);
        m_noWaiting = true;
    }
    m_space.notify_all();
}

std::optional<ShedReason> ConsoleCore::refusal(const FeedBatch &batch)
{
    if (!carriesLiveEvents(batch))
        return std::nullopt;
    const std::size_t bytes = eventsBytes(batch.events);
    std::unique_lock lock(m_mutex);
    const auto bound = [&]() -> std::optional<ShedReason> {
        if (m_queuedEvents == 0 || m_stopping || m_noWaiting)
            return std::nullopt;
        if (m_queuedEvents + batch.events.size() > m_options.maxQueuedEvents)
            return ShedReason::QueueEvents;
        if (m_queuedBytes + bytes > m_options.maxQueuedBytes)
            return ShedReason::QueueBytes;
        return std::nullopt;
    };
    // Meanwhile the feed reads nothing: what arrives waits on the SUB socket, as messages.
    // A store that holds the core back may do so for long (a stall, a slow disk): waiting
    // for the core would only delay the shedding. A handover to a store with room takes
    // microseconds, so only one lasting kStoreHoldsCoreMs counts; checked every few ms.
    const auto storeHoldsCore = [this] {
        const std::int64_t since = m_handingOverSinceMs.load(std::memory_order_relaxed);
        return since != 0 && steadyMs() - since >= kStoreHoldsCoreMs;
    };
    if (m_options.refusalWaitMs > 0 && bound() && !storeHoldsCore()) {
        {
            std::lock_guard counters(m_countersMutex);
            ++m_counters.refusalWaits;
        }
        const std::int64_t until = steadyMs() + m_options.refusalWaitMs;
        while (bound() && !storeHoldsCore()) {
            const std::int64_t left = until - steadyMs();
            if (left <= 0)
                break;
            m_space.wait_for(lock, std::chrono::milliseconds(std::min<std::int64_t>(left, kStoreHoldsCoreMs)));
        }
    }
    return bound();
}

void ConsoleCore::post(FeedBatch &&batch)
{
    const std::size_t bytes = eventsBytes(batch.events);
    const bool mayWait = carriesLiveEvents(batch);
    {
        std::unique_lock lock(m_mutex);
        const auto room = [this, mayWait] {
            return !mayWait || m_stopping || m_noWaiting
                || (m_queuedEvents < m_options.maxQueuedEvents && m_queuedBytes < m_options.maxQueuedBytes);
        };
        if (!room()) {
            {
                // Counted before waiting, so the wait is visible while it lasts.
                std::lock_guard counters(m_countersMutex);
                ++m_counters.postWaits;
            }
            m_space.wait(lock, room);
        }
        m_queuedEvents += batch.events.size();
        m_queuedBytes += bytes;
        m_queue.push_back(std::move(batch));
    }
    m_wake.notify_one();
}

CoreCounters ConsoleCore::counters() const
{
    std::lock_guard lock(m_countersMutex);
    return m_counters;
}

ConsoleDelta ConsoleCore::fullPicture() const
{
    ConsoleDelta delta;
    std::lock_guard lock(m_projectionsMutex);
    delta.orders.reserve(m_projections.orderCount());
    m_projections.forEachOrder([&](const OrderRecord &o) { delta.orders.push_back(o); });
    delta.ordersByState = m_projections.countsByState();
    const CoreCounters c = counters();
    delta.applied = c.applied;
    delta.illegal = c.illegal;
    return delta;
}

std::int64_t ConsoleCore::nowMs() const
{
    return m_options.steadyClockMs ? m_options.steadyClockMs() : steadyMs();
}

bool ConsoleCore::deltaDue() const
{
    return m_deltaPending && nowMs() - m_lastDeltaMs >= 1000 / std::max(1, m_options.maxDeltasPerSecond);
}

std::deque<FeedBatch> ConsoleCore::takeWork(bool &stopping)
{
    const std::int64_t deltaIntervalMs = 1000 / std::max(1, m_options.maxDeltasPerSecond);
    std::deque<FeedBatch> work;
    {
        std::unique_lock lock(m_mutex);
        const auto ready = [this] { return m_stopping || !m_queue.empty(); };
        std::int64_t dueMs = -1; // -1: nothing timed to do
        if (m_deltaPending)
            dueMs = std::max<std::int64_t>(0, m_lastDeltaMs + deltaIntervalMs - nowMs());
        if (!m_observers.empty()) {
            const std::int64_t tickDue = std::max<std::int64_t>(0, m_lastTickMs + m_options.tickIntervalMs - nowMs());
            dueMs = dueMs < 0 ? tickDue : std::min(dueMs, tickDue);
        }
        if (dueMs >= 0)
            m_wake.wait_for(lock, std::chrono::milliseconds(dueMs), ready);
        else
            m_wake.wait(lock, ready);
        work.swap(m_queue);
        m_queuedEvents = 0;
        m_queuedBytes = 0;
        stopping = m_stopping;
    }
    m_space.notify_all();
    return work;
}

void ConsoleCore::run()
{
    for (;;) {
        bool stopping = false;
        std::deque<FeedBatch> work = takeWork(stopping);
        const std::int64_t takenNs = steadyNs();

        StoreBatch store;
        if (work.size() > 1) { // several batches end up in one: one allocation, no re-moving on growth
            std::size_t incoming = 0;
            for (const auto &batch : work)
                incoming += batch.events.size();
            store.events.reserve(incoming);
        }
        for (auto &batch : work) {
            {
                std::lock_guard lock(m_projectionsMutex);
                const auto events = static_cast<std::int64_t>(batch.events.size());
                process(batch, store);
                if (m_deltaSink && batch.receivedNs != 0 && m_receipts.size() < kMaxReceipts)
                    m_receipts.push_back({batch.receivedNs, events, takenNs, steadyNs()});
                m_deltaPending = true;
            }
            // A pickup of several batches (the feed posted them while the core was busy: a
            // city's second of fixes comes at once) hands the GUI what is applied whenever
            // a delta is due, so its first batches do not wait for its last ones.
            if (deltaDue())
                emitDelta();
        }
        {
            std::lock_guard lock(m_projectionsMutex);
            store.orders = m_projections.takeDirtyOrders(Projections::Consumer::Store);
            // Riders at most once a second of feed time; all that wait when stopping.
            store.riders = m_projections.takeDirtyRiders(Projections::Consumer::Store, stopping);
            std::lock_guard counters(m_countersMutex);
            m_counters.orders = static_cast<std::int64_t>(m_projections.orderCount());
            m_counters.riders = static_cast<std::int64_t>(m_projections.riderCount());
            m_counters.retired = static_cast<std::int64_t>(m_projections.retiredCount());
            m_counters.ordersByState = m_projections.countsByState();
        }
        // The GUI's delta goes before the store's hand-over and the observers' tick: a
        // store that is behind makes the hand-over wait, and neither changes what the
        // GUI is shown (observers only read the projections).
        if (m_deltaPending && (stopping || deltaDue()))
            emitDelta();
        if (!store.empty() && m_storeSink) {
            m_handingOverSinceMs.store(steadyMs(), std::memory_order_relaxed);
            m_storeSink(std::move(store));
            m_handingOverSinceMs.store(0, std::memory_order_relaxed);
        }

        // A last tick while stopping: observers hand over what they still hold (index
        // keys, position fixes of the final second) before the store's last batch.
        if (!m_observers.empty() && (stopping || nowMs() - m_lastTickMs >= m_options.tickIntervalMs))
            tickObservers();
        if (deltaDue()) // one was not due before the hand-over, and is now
            emitDelta();
        if (stopping) {
            std::lock_guard lock(m_mutex);
            if (m_queue.empty())
                break;
        }
    }
}

void ConsoleCore::process(FeedBatch &batch, StoreBatch &store)
{
    std::int64_t applied = 0;
    std::int64_t illegal = 0;
    std::int64_t snapshots = 0;
    for (auto &event : batch.events) {
        const auto result = m_projections.apply(event);
        if (isSnapshotRecord(event.kind)) {
            ++snapshots;
            continue; // the snapshot is the gateway's summary, not an event of the log
        }
        for (auto *observer : m_observers)
            observer->onEvent(event, result.outcome == Projections::Outcome::Applied, m_projections);
        if (result.outcome == Projections::Outcome::Illegal) {
            ++illegal;
            qCWarning(lcCore) << "integrity:" << result.alert->detail.c_str() << "order" << event.orderId.c_str();
            store.alerts.push_back(*result.alert);
        } else {
            ++applied;
        }
    }
    // The batch's vector becomes the store's (one move of the vector, not of each Event):
    // live events are most of every batch, snapshot records are dropped in place.
    if (snapshots > 0)
        std::erase_if(batch.events, [](const Event &e) { return isSnapshotRecord(e.kind); });
    if (store.events.empty() && store.events.capacity() < batch.events.size())
        store.events = std::move(batch.events);
    else
        store.events.insert(store.events.end(), std::make_move_iterator(batch.events.begin()),
                            std::make_move_iterator(batch.events.end()));
    store.applied += applied;
    store.receivedNs = earliestReceived(store.receivedNs, batch.receivedNs);
    for (const auto &cover : batch.covers) {
        const auto retired = m_projections.retireAbsent(cover);
        if (!retired.empty())
            qCInfo(lcCore) << "retired" << retired.size() << "open orders of depot" << cover.depot.c_str()
                           << "that the complete snapshot of epoch" << cover.epoch.c_str() << "left out";
    }
    for (auto &c : batch.cursors)
        store.cursors.push_back(std::move(c));
    for (auto &r : batch.rejected)
        store.rejected.push_back(std::move(r));
    for (auto &r : batch.resyncs)
        store.resyncs.push_back(std::move(r));

    std::lock_guard lock(m_countersMutex);
    m_counters.applied += applied;
    m_counters.illegal += illegal;
    m_counters.snapshotRecords += snapshots;
}

void ConsoleCore::emitDelta()
{
    m_deltaPending = false;
    m_lastDeltaMs = nowMs();
    if (!m_deltaSink)
        return;
    ConsoleDelta delta;
    {
        std::lock_guard lock(m_projectionsMutex);
        delta.orders = m_projections.takeDirtyOrders(Projections::Consumer::Gui);
        delta.riders = m_projections.takeDirtyRiders(Projections::Consumer::Gui);
        delta.ordersByState = m_projections.countsByState();
    }
    const CoreCounters c = counters();
    delta.applied = c.applied;
    delta.illegal = c.illegal;
    delta.receipts.swap(m_receipts);
    delta.emittedNs = steadyNs();
    if (!delta.orders.empty() || !delta.riders.empty())
        m_deltaSink(std::move(delta));
}

} // namespace opsdeck::core
