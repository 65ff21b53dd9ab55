#include "ConsoleRuntime.h"

#include "core/model/OrderState.h"
#include "store/log/EventStore.h"
#include "store/db/StoreError.h"
#include "store/db/StoreWorker.h"
#include "store/db/CorruptFile.h"
#include "store/db/PersonalDataCipher.h"

#include <QDateTime>

#include <QJsonArray>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcRuntime, "opsdeck.app.runtime")

namespace opsdeck::app {

ConsoleRuntime::ConsoleRuntime(RuntimeOptions options, core::ConsoleCore::DeltaSink deltaSink)
    : m_options(std::move(options))
    , m_deltaSink(std::move(deltaSink))
    , m_clock(std::make_shared<core::FeedClock>(m_options.clockMs))
    , m_runtimeThread(std::make_unique<QObject>())
{
}

std::function<std::int64_t()> ConsoleRuntime::clock() const
{
    return [c = m_clock] { return c->nowMs(); };
}

ConsoleRuntime::~ConsoleRuntime()
{
    stop();
}

bool ConsoleRuntime::start(QString *error)
{
    if (m_running)
        return true;
    m_corruptDatabase = false;
    m_endpoints.feed = m_options.feed;
    m_endpoints.snapshot = m_options.snapshot;
    m_endpoints.control = m_options.control;
    m_endpoints.depots = m_options.depots;
    m_endpoints.curve = m_options.curve;
    try {
        if (m_endpoints.feed.empty()) {
            if (!m_options.embedded)
                throw std::runtime_error("no feed endpoint given and no embedded gateway in this build");
            m_gateway = m_options.embedded(m_options);
            m_gateway->start();
            m_endpoints.feed = m_gateway->feedEndpoint();
            m_endpoints.snapshot = m_gateway->snapshotEndpoint();
            m_endpoints.control = m_gateway->controlEndpoint();
            if (auto keys = m_gateway->clientKeys(); keys.enabled())
                m_endpoints.curve = std::move(keys);
            qCInfo(lcRuntime) << "embedded gateway on" << m_endpoints.feed.c_str();
        }

        store::LoadedState loaded;
        m_store = startStore(loaded);
        core::Projections projections;
        projections.load(std::move(loaded.orders), std::move(loaded.riders));
        store::StoreWorker *storeWorker = m_store.get();
        core::ConsoleCore::Options coreOptions;
        coreOptions.wallClockMs = clock(); // observers' ticks run on the feed's time
        coreOptions.tickIntervalMs = m_options.tickIntervalMs;
        if (m_options.coreMaxQueuedEvents > 0)
            coreOptions.maxQueuedEvents = m_options.coreMaxQueuedEvents;
        if (m_options.coreMaxQueuedBytes > 0)
            coreOptions.maxQueuedBytes = m_options.coreMaxQueuedBytes;
        m_core = std::make_unique<core::ConsoleCore>(
            std::move(projections), [storeWorker](core::StoreBatch &&b) { storeWorker->submit(std::move(b)); },
            m_deltaSink, coreOptions);
        for (const auto &hook : m_assembleHooks)
            hook(*m_core, *m_store);
        m_core->start();
        m_feed = makeFeed(std::move(loaded.cursors));
        m_feed->start();
    } catch (const std::exception &e) {
        if (error)
            *error = QString::fromStdString(e.what());
        stop();
        return false;
    }
    m_running = true;
    return true;
}

std::unique_ptr<store::StoreWorker> ConsoleRuntime::startStore(store::LoadedState &loaded)
{
    store::StoreWorker::Options options;
    options.maxHeldEvents = m_options.storeMaxHeldEvents;
    if (m_options.storeMaxQueuedEvents > 0)
        options.maxQueuedEvents = m_options.storeMaxQueuedEvents;
    if (m_options.storeMaxQueuedBytes > 0)
        options.maxQueuedBytes = m_options.storeMaxQueuedBytes;
    options.retryMax = std::chrono::milliseconds(m_options.storeRetryMaxMs);
    options.resyncNeeded = [this, context = m_runtimeThread.get()] {
        QMetaObject::invokeMethod(context, [this] { resyncFromGateway(); }, Qt::QueuedConnection);
    };
    options.committed = m_options.storeCommitted;
    std::unique_ptr<store::EventStore> eventStore;
    try {
        eventStore = openStore();
    } catch (const store::StoreError &e) {
        // Read-only or unreadable before start: run from memory, the worker keeps trying to
        // open it for writing. Nothing is loaded: the feed's join snapshot fills the board.
        const auto fault = store::StoreWorker::diskFaultOf(e.sqliteCode());
        if (e.code() != store::StoreError::Code::Sqlite || fault == store::StoreWorker::DiskFault::None)
            throw;
        qCWarning(lcRuntime) << "database cannot be opened for writing; running from memory and retrying:"
                             << e.what();
        return std::make_unique<store::StoreWorker>(
            [path = m_options.dbPath, keyDir = m_options.keyDir, vault = m_options.keyVault] {
                auto reopened = std::make_unique<store::EventStore>();
                store::EventStore::Options storeOptions;
                storeOptions.keyDir = keyDir;
                storeOptions.keyVault = vault;
                storeOptions.resumeKeyRotation = true;
                reopened->open(path, storeOptions);
                return reopened;
            },
            fault, options);
    }
    loaded = eventStore->load();
    qCInfo(lcRuntime) << "resuming with" << loaded.orders.size() << "orders," << loaded.cursors.size()
                      << "depot cursors";
    return std::make_unique<store::StoreWorker>(std::move(eventStore), options);
}

std::unique_ptr<store::EventStore> ConsoleRuntime::openStore()
{
    auto eventStore = std::make_unique<store::EventStore>();
    store::EventStore::Options storeOptions;
    storeOptions.keyDir = m_options.keyDir;
    storeOptions.keyVault = m_options.keyVault;
    storeOptions.resumeKeyRotation = true; // a rotation cut short finishes (KeyRotationRunner)
    try {
        eventStore->open(m_options.dbPath, storeOptions);
        return eventStore;
    } catch (const store::StoreError &e) {
        if (e.code() != store::StoreError::Code::Corrupt)
            throw;
        if (!m_options.rebuildCorrupt) {
            m_corruptDatabase = true;
            throw;
        }
        qCWarning(lcRuntime) << "database is corrupt, moving it aside and rebuilding:" << e.what();
    }
    QString error;
    const auto moved = store::moveCorruptAside(m_options.dbPath, store::PersonalDataCipher::keyPathFor(m_options.dbPath),
                                               QDateTime::currentDateTimeUtc(), &error);
    if (!moved)
        throw std::runtime_error(error.toStdString());
    m_movedAsideTo = moved->database;
    eventStore->open(m_options.dbPath, storeOptions); // empty: the feed's join snapshot fills it
    return eventStore;
}

void ConsoleRuntime::resyncFromGateway()
{
    if (!m_running || !m_feed)
        return;
    qCWarning(lcRuntime) << "events were dropped while the disk was unwritable: taking every depot's snapshot";
    m_feed->stop();
    m_feed = makeFeed({});
    m_feed->start();
}

std::unique_ptr<feed::FeedSubscriber> ConsoleRuntime::makeFeed(std::vector<core::Cursor> resumeFrom)
{
    core::ConsoleCore *corePtr = m_core.get();
    feed::FeedSubscriber::Tuning tuning = m_options.feedTuning;
    tuning.refuse = [corePtr](const core::FeedBatch &b) { return corePtr->refusal(b); };
    // A new subscriber starts with every depot fresh (its join snapshot covers them all):
    // depots a previous one shed must not stay listed as stale forever.
    m_feedStats.setStale({});
    auto feed = std::make_unique<feed::FeedSubscriber>(
        m_endpoints, std::move(resumeFrom), m_feedStats, [corePtr](core::FeedBatch &&b) { corePtr->post(std::move(b)); },
        tuning);
    feed->setClock(m_clock.get());
    return feed;
}

void ConsoleRuntime::stop()
{
    // Data-flow order: nothing new enters, the core hands its last batch to the store,
    // the store flushes, then the gateway goes. Backpressure waits are lifted first, so a
    // feed thread held back by a failing store can still be joined.
    if (m_store)
        m_store->stopWaiting();
    if (m_core)
        m_core->stopWaiting();
    if (m_feed)
        m_feed->stop();
    if (m_core)
        m_core->stop();
    if (m_store && m_running)
        for (const auto &hook : m_beforeStoreStop)
            hook();
    if (m_store)
        m_store->stop();
    if (m_gateway)
        m_gateway->stop();
    m_running = false;
}

core::CoreCounters ConsoleRuntime::coreCounters() const
{
    return m_core ? m_core->counters() : core::CoreCounters{};
}

core::ConsoleDelta ConsoleRuntime::fullPicture() const
{
    return m_core ? m_core->fullPicture() : core::ConsoleDelta{};
}

std::int64_t ConsoleRuntime::eventsPersisted() const
{
    return m_store ? m_store->counters().eventsWritten : 0;
}

QJsonObject ConsoleRuntime::storeStatsJson() const
{
    const store::StoreWorker::Counters s = m_store ? m_store->counters() : store::StoreWorker::Counters{};
    static constexpr const char *kFaults[] = {"none", "disk_full", "read_only", "cannot_open"};
    QJsonObject o;
    o.insert(QStringLiteral("disk_fault"), QLatin1String(kFaults[static_cast<int>(s.diskFault)]));
    o.insert(QStringLiteral("disk_faults"), static_cast<qint64>(s.diskFaults));
    o.insert(QStringLiteral("open"), s.storeOpen); // false: started without a writable database
    o.insert(QStringLiteral("held_events"), static_cast<qint64>(s.holding ? s.queuedEvents : 0));
    o.insert(QStringLiteral("write_errors"), static_cast<qint64>(s.writeErrors));
    o.insert(QStringLiteral("dropped_at_cap"), static_cast<qint64>(s.capDroppedEvents));
    o.insert(QStringLiteral("resyncs_after_drop"), static_cast<qint64>(s.resyncsRequested));
    if (!m_movedAsideTo.isEmpty())
        o.insert(QStringLiteral("corrupt_moved_to"), m_movedAsideTo);
    return o;
}

QJsonObject ConsoleRuntime::shedStatsJson() const
{
    QJsonObject reasons;
    QJsonObject depots;
    std::array<std::int64_t, core::kShedReasonCount> total{};
    for (const auto &d : m_feedStats.shedByDepot()) {
        QJsonObject byReason;
        for (int i = 0; i < core::kShedReasonCount; ++i) {
            const auto n = d.events[static_cast<std::size_t>(i)];
            total[static_cast<std::size_t>(i)] += n;
            if (n > 0)
                byReason.insert(QString::fromUtf8(core::toString(static_cast<core::ShedReason>(i)).data()),
                                static_cast<qint64>(n));
        }
        depots.insert(QString::fromStdString(d.depot), byReason);
    }
    for (int i = 0; i < core::kShedReasonCount; ++i)
        if (total[static_cast<std::size_t>(i)] > 0)
            reasons.insert(QString::fromUtf8(core::toString(static_cast<core::ShedReason>(i)).data()),
                           static_cast<qint64>(total[static_cast<std::size_t>(i)]));
    QJsonArray stale;
    for (const auto &depot : m_feedStats.stale())
        stale.append(QString::fromStdString(depot));
    QJsonObject o;
    o.insert(QStringLiteral("events"), static_cast<qint64>(m_feedStats.shedEvents.load()));
    o.insert(QStringLiteral("by_reason"), reasons);
    o.insert(QStringLiteral("by_depot"), depots);
    o.insert(QStringLiteral("stale_depots"), stale);
    return o;
}

QJsonObject ConsoleRuntime::statsJson() const
{
    const core::CoreCounters c = coreCounters();
    QJsonObject rejected;
    for (int i = 0; i < core::kRejectReasonCount; ++i) {
        const auto n = m_feedStats.rejected[static_cast<std::size_t>(i)].load();
        if (n > 0)
            rejected.insert(QString::fromUtf8(core::toString(static_cast<core::RejectReason>(i)).data()),
                            static_cast<qint64>(n));
    }
    QJsonObject byState;
    for (int i = 1; i < core::kOrderStateCount; ++i)
        byState.insert(QString::fromUtf8(core::toString(static_cast<core::OrderState>(i)).data()),
                       static_cast<qint64>(c.ordersByState[static_cast<std::size_t>(i)]));
    QJsonObject o;
    o.insert(QStringLiteral("security"), QString::fromUtf8(core::toString(m_feedStats.security.load()).data()));
    o.insert(QStringLiteral("received"), static_cast<qint64>(m_feedStats.received.load()));
    o.insert(QStringLiteral("accepted"), static_cast<qint64>(m_feedStats.accepted.load()));
    o.insert(QStringLiteral("applied"), static_cast<qint64>(c.applied));
    o.insert(QStringLiteral("illegal"), static_cast<qint64>(c.illegal));
    o.insert(QStringLiteral("duplicates"), static_cast<qint64>(m_feedStats.duplicates.load()));
    o.insert(QStringLiteral("rejected"), rejected);
    o.insert(QStringLiteral("rejected_total"), static_cast<qint64>(m_feedStats.rejectedTotal()));
    o.insert(QStringLiteral("extension_ignored"), static_cast<qint64>(m_feedStats.extensionIgnored.load()));
    o.insert(QStringLiteral("gaps"), static_cast<qint64>(m_feedStats.gaps.load()));
    o.insert(QStringLiteral("resyncs"), static_cast<qint64>(m_feedStats.resyncs.load()));
    o.insert(QStringLiteral("resyncs_requested"), static_cast<qint64>(m_feedStats.resyncsRequested.load()));
    o.insert(QStringLiteral("resyncs_coalesced"), static_cast<qint64>(m_feedStats.resyncsCoalesced.load()));
    o.insert(QStringLiteral("degraded_ms"), static_cast<qint64>(m_feedStats.degradedMs.load()));
    QJsonArray degraded;
    for (const auto &d : m_feedStats.degraded())
        degraded.append(QString::fromStdString(d.depot));
    o.insert(QStringLiteral("degraded_depots"), degraded);
    o.insert(QStringLiteral("persisted"), static_cast<qint64>(eventsPersisted()));
    o.insert(QStringLiteral("orders"), static_cast<qint64>(c.orders));
    o.insert(QStringLiteral("orders_by_state"), byState);
    o.insert(QStringLiteral("retired"), static_cast<qint64>(c.retired));
    o.insert(QStringLiteral("riders"), static_cast<qint64>(c.riders));
    o.insert(QStringLiteral("store"), storeStatsJson());
    o.insert(QStringLiteral("shed"), shedStatsJson());
    return o;
}

} // namespace opsdeck::app
