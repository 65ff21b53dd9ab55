// opsdeck-bench board, search figures.
//  - component: the FTS5 trigram index alone, queried on this thread;
//  - search_ms: a keystroke through the assembled console's own OrderSearch (the board
//    feature's service after attachGui) to the store thread and back to the GUI thread.
//    The console is app::ConsoleAssembly with every feature, as the window assembles it
//    (its context follows the core's deltas on the GUI thread). Its file holds the 200k
//    orders before it starts, as a previous session leaves them: the runtime loads them
//    and the board fills its search index from the store at start-up, as the product
//    does. The load while the user types: a scripted gateway (protocol.md, real ZeroMQ
//    sockets) publishes 500 order events every 100 ms (5k order changes a second), each
//    the next legal step of the next open order in id order (paid, stock checked,
//    dispatched, signed, exception, reassigned, returned, closed) or, one in eight, a
//    new order, and a heartbeat a second. The console decodes, applies, logs and seals
//    them; every feature sees them.
//    Why in id order: a live day's active orders were created together, so their rows
//    share pages of the orders table. Spread at random over all 200k, each change
//    dirties a page of its own (tried on this machine: the store thread's CPU doubles,
//    keystroke p95 52 ms against 7 ms in id order).
//    OPSDECK_BENCH_ALERT_STORM=1 keeps Data's state times (up to an hour in one state):
//    ~55k SLA alerts open at start-up and resolve while the user types, as the walk
//    moves their orders on (tried: keystroke p95 0.07 to 0.23 s).
#include "BenchBoard.h"
#include "BenchConsole.h"
#include "ScriptedGateway.h"
#include "app/features/board/BoardFeature.h"
#include "app/features/board/StoreOrderSearch.h"
#include "core/model/Records.h"
#include "store/board/OrderSearchIndex.h"
#include "store/db/Sqlite.h"
#include "store/log/EventStore.h"

#include <QEventLoop>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <pthread.h>

using namespace opsdeck;
using BenchClock = std::chrono::steady_clock;

namespace opsdeck::bench::board {

namespace {

double msSince(BenchClock::time_point start)
{
    return std::chrono::duration<double, std::milli>(BenchClock::now() - start).count();
}

std::int64_t wallNowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Keystroke sequences, as typed: names (Chinese, Latin, with a typo), ids, phone tails.
std::vector<std::string> keystrokes(const Data &d)
{
    std::vector<std::string> queries;
    const auto typed = [&queries](const QString &text) {
        for (qsizetype n = 1; n <= text.size(); ++n)
            queries.push_back(text.left(n).toStdString());
    };
    typed(QStringLiteral("张伟"));
    typed(QStringLiteral("王芳"));
    typed(QStringLiteral("欧阳那娜")); // one character wrong: the Han fuzzy pass
    typed(QStringLiteral("张为"));     // the same with a common surname: ~18k candidates
    typed(QStringLiteral("Zhang Wei"));
    typed(QStringLiteral("Zhnag Wei")); // typo: fuzzy pass
    typed(QStringLiteral("Anna"));
    typed(QStringLiteral("o-0123456"));
    typed(QStringLiteral("o-0199999"));
    for (int i = 0; i < 20; ++i)
        typed(d.orders.at(i * 997).customerPhone.right(4));
    typed(QStringLiteral("xyz")); // nothing matches
    return queries;
}

std::vector<store::OrderSearchIndex::Entry> searchEntries(const Data &d)
{
    std::vector<store::OrderSearchIndex::Entry> entries;
    entries.reserve(static_cast<std::size_t>(d.orders.size()));
    for (const sdk::OrderRow &o : d.orders)
        entries.push_back({o.orderId.toStdString(), o.customerName.toStdString(), o.customerPhone.toStdString()});
    return entries;
}

double p95(std::vector<double> times)
{
    std::sort(times.begin(), times.end());
    return times[static_cast<std::size_t>(static_cast<double>(times.size() - 1) * 0.95)];
}

// The orders as a previous session of the console leaves them (written by the store,
// personal data sealed), with times of a board under this load: at 5k changes a second
// each of the 200k orders moves on about every 40 s, so each entered its state within
// the last 40 s, was created within the last half hour and is promised 30 to 50 minutes
// after that. Data's own times (up to an hour in one state, for the board models) open
// ~55k SLA alerts at start-up, whose resolutions then take most of the store thread:
// a storm, not the board a user types in; `alertStorm` keeps them, moved to now.
void storeOrders(const QString &dbPath, const Data &d, std::int64_t nowMs, bool alertStorm)
{
    store::EventStore es;
    es.open(dbPath);
    std::mt19937 rng(5);
    core::StoreBatch batch;
    for (const sdk::OrderRow &o : d.orders) {
        core::OrderRecord r;
        r.orderId = o.orderId.toStdString();
        r.depot = o.depot.toStdString();
        r.merchantId = o.merchantId.toStdString();
        r.channel = o.channel.toStdString();
        r.riderId = o.riderId.toStdString();
        r.customerName = o.customerName.toStdString();
        r.customerPhone = o.customerPhone.toStdString();
        r.addressText = std::to_string(rng() % 900 + 1) + " Chaoyang Rd";
        r.state = core::orderStateFromString(o.state.toStdString()).value_or(core::OrderState::Paid);
        r.amount = 30;
        r.updatedAtMs = nowMs - static_cast<std::int64_t>(rng() % 40000);
        r.createdAtMs = r.updatedAtMs - 60000 - static_cast<std::int64_t>(rng() % (29 * 60000));
        r.promisedAtMs = r.createdAtMs + 30 * 60000 + static_cast<std::int64_t>(rng() % (20 * 60000));
        if (alertStorm) {
            r.updatedAtMs = o.stateSinceMs + nowMs - kNow;
            r.createdAtMs = r.updatedAtMs - 10 * 60000;
            r.promisedAtMs = o.promisedAtMs + nowMs - kNow;
        }
        if (r.state == core::OrderState::Delivering || r.state == core::OrderState::Exception)
            r.etaMs = r.updatedAtMs + 20 * 60000;
        r.enteredAtMs[static_cast<std::size_t>(core::OrderState::Created)] = r.createdAtMs;
        r.enteredAtMs[static_cast<std::size_t>(r.state)] = r.updatedAtMs;
        batch.orders.push_back(std::move(r));
        if (batch.orders.size() == 20000) { // transactions of a size the store writes live
            es.write(batch);
            batch = {};
        }
    }
    if (!batch.empty())
        es.write(batch);
}

// The live day on the stored orders: each change is the next legal event of the next
// open order; one in eight is a new order.
class LiveOrderChanges final
{
public:
    explicit LiveOrderChanges(const Data &d)
    {
        m_orders.reserve(static_cast<std::size_t>(d.orders.size()) * 2);
        for (const sdk::OrderRow &o : d.orders)
            m_orders.push_back({o.orderId.toStdString(), o.depot.toStdString(),
                                core::orderStateFromString(o.state.toStdString()).value_or(core::OrderState::Paid)});
    }

    core::Event next(std::int64_t nowMs)
    {
        core::Event e;
        if (m_rng() % 8 == 0) {
            const std::string depot = "BJ-" + std::to_string(m_created % 3);
            m_orders.push_back({"o-new-" + std::to_string(++m_created), depot, core::OrderState::Created});
            e.kind = core::EventKind::OrderCreated;
            e.orderId = m_orders.back().id;
            e.depot = depot;
            e.promisedAtMs = nowMs + 40 * 60000;
            // A customer and an address each: one account ordering hundreds a second
            // would be a suspicious burst, which is not the load meant here.
            e.customerPhone = "139" + std::to_string(10000000 + m_created);
            e.addressText = std::to_string(m_created) + " Jianguo Rd";
            return e;
        }
        for (;;) {
            // In id order, as the old pipeline bench walked them: orders created together
            // move on together, so their rows share pages as a live day's do.
            Order &o = m_orders[m_walk++ % m_orders.size()];
            if (step(o, e, nowMs)) {
                e.orderId = o.id;
                e.depot = o.depot;
                return e;
            }
        }
    }

private:
    struct Order {
        std::string id;
        std::string depot;
        core::OrderState state;
    };

    // The event that moves `o` on (protocol.md's edges), or false for a final order.
    bool step(Order &o, core::Event &e, std::int64_t nowMs)
    {
        using K = core::EventKind;
        using S = core::OrderState;
        const unsigned roll = m_rng() % 100;
        const auto to = [&](K kind, S state) {
            e.kind = kind;
            o.state = state;
            return true;
        };
        const auto dispatch = [&](K kind) {
            e.riderId = "r-" + std::to_string(m_rng() % 2000);
            e.etaMs = nowMs + 20 * 60000;
            return to(kind, S::Delivering);
        };
        switch (o.state) {
        case S::Created: return to(K::OrderPaid, S::Paid);
        case S::Paid:
            e.stockOk = roll >= 10;
            return to(K::OrderStockChecked, e.stockOk ? S::Picking : S::OutOfStock);
        case S::Held: return to(K::OrderReleased, S::Paid);
        case S::OutOfStock: return to(K::OrderRestocked, S::Picking);
        case S::Picking: return dispatch(K::OrderDispatched);
        case S::Delivering:
            if (roll < 10) {
                e.reason = "delayed";
                return to(K::OrderException, S::Exception);
            }
            return roll < 15 ? dispatch(K::OrderReassigned) : to(K::OrderSigned, S::Signed);
        case S::Exception:
            if (roll < 50)
                return dispatch(K::OrderReassigned);
            return roll < 80 ? to(K::OrderReturnStarted, S::Returning) : to(K::OrderClaimOpened, S::Claiming);
        case S::Returning:
        case S::Claiming:
            e.reason = o.state == S::Returning ? "returned" : "refunded";
            return to(K::OrderClosed, S::Closed);
        default: return false; // signed, closed, cancelled
        }
    }

    std::vector<Order> m_orders;
    std::mt19937 m_rng{11};
    std::size_t m_walk = 0;
    int m_created = 0;
};

// The gateway's side, on its own thread (the feed socket's owner from start() on): 500
// changes every 100 ms and a heartbeat a second, as a live gateway sends them.
class FeedProducer final
{
public:
    FeedProducer(feed::test::ScriptedGateway &gateway, LiveOrderChanges &changes)
        : m_gateway(gateway), m_changes(changes)
    {
    }
    ~FeedProducer() { stop(); }

    void start()
    {
        m_thread = std::thread([this] {
            pthread_setname_np(pthread_self(), "bench-gateway");
            if (!m_gateway.waitForSubscriber(10000))
                std::fprintf(stderr, "bench: the console never subscribed\n");
            auto due = BenchClock::now();
            for (int tick = 0; !m_stop.load(); ++tick) {
                const std::int64_t now = wallNowMs();
                for (int i = 0; i < kChangesPerBatch; ++i)
                    publish(m_gateway, m_changes.next(now));
                m_published.fetch_add(kChangesPerBatch);
                if (tick % 10 == 9)
                    m_gateway.heartbeat();
                due += std::chrono::milliseconds(100);
                std::this_thread::sleep_until(due);
            }
        });
    }
    void stop()
    {
        m_stop.store(true);
        if (m_thread.joinable())
            m_thread.join();
    }
    std::int64_t published() const { return m_published.load(); }

private:
    feed::test::ScriptedGateway &m_gateway;
    LiveOrderChanges &m_changes;
    std::atomic<bool> m_stop{false};
    std::atomic<std::int64_t> m_published{0};
    std::thread m_thread;
};

// What the console carried at one moment, to show the load was real.
struct LoadMark {
    BenchClock::time_point at = BenchClock::now();
    std::int64_t published = 0;
    std::int64_t persisted = 0;
    std::int64_t applied = 0;
    std::int64_t illegal = 0;
    std::int64_t gaps = 0;
    std::int64_t rejected = 0;
    std::map<std::string, double> cpu = cpuSecondsByThread();
};

LoadMark mark(const app::ConsoleRuntime &runtime, const FeedProducer &producer)
{
    LoadMark m;
    m.published = producer.published();
    m.persisted = runtime.eventsPersisted();
    const core::CoreCounters c = runtime.coreCounters();
    m.applied = c.applied;
    m.illegal = c.illegal;
    m.gaps = runtime.feedStats().gaps.load();
    m.rejected = runtime.feedStats().rejectedTotal();
    return m;
}

void printLoad(const LoadMark &from, const LoadMark &to)
{
    const double s = std::chrono::duration<double>(to.at - from.at).count();
    std::printf("  live load while typing (%.1f s): %.0f order events/s published, %.0f/s logged by the console "
                "(%lld applied, %lld illegal, %lld gaps, %lld rejected)\n",
                s, static_cast<double>(to.published - from.published) / s,
                static_cast<double>(to.persisted - from.persisted) / s, static_cast<long long>(to.applied - from.applied),
                static_cast<long long>(to.illegal - from.illegal), static_cast<long long>(to.gaps - from.gaps),
                static_cast<long long>(to.rejected - from.rejected));
    printThreadCpu(from.cpu, to.cpu, s);
}

// Each keystroke after a typist's pause (the feed keeps flowing), timed from the call to
// the answer on the GUI thread; a lost answer counts as 10 s.
std::vector<double> keystrokeTimes(sdk::OrderSearch &search, const std::vector<std::string> &queries, int *lost)
{
    std::vector<double> times;
    QEventLoop loop;
    QTimer wait; // one timer, restarted: a stale single shot must not cut a later wait short
    wait.setSingleShot(true);
    QObject::connect(&wait, &QTimer::timeout, &loop, &QEventLoop::quit);
    bool answered = false;
    QObject::connect(&search, &sdk::OrderSearch::resultsReady, &loop, [&] {
        answered = true;
        loop.quit();
    });
    for (const std::string &q : queries) {
        wait.start(120);
        loop.exec();
        answered = false;
        const auto start = BenchClock::now();
        search.search(QString::fromStdString(q), 500);
        wait.start(10000);
        while (!answered && wait.isActive())
            loop.exec();
        times.push_back(msSince(start));
        *lost += answered ? 0 : 1;
    }
    return times;
}

} // namespace

// The index alone, on this thread: what the query itself costs.
double indexP95Ms(const Data &d, std::int64_t *indexed)
{
    QTemporaryDir dir;
    store::Database db((dir.path() + QStringLiteral("/board-bench.db")).toStdString(),
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    store::OrderSearchIndex index(db);
    index.add(searchEntries(d));
    *indexed = index.size();
    std::vector<double> times;
    for (const std::string &q : keystrokes(d)) {
        const auto start = BenchClock::now();
        const auto hits = index.find(q, 500, true);
        times.push_back(msSince(start));
        if (qEnvironmentVariableIsSet("OPSDECK_BENCH_VERBOSE"))
            std::printf("    %-12s %4zu hits %7.2f ms\n", q.c_str(), hits.size(), times.back());
    }
    return p95(std::move(times));
}

// What the user waits for: a keystroke through the console's OrderSearch to the store
// thread and back to the GUI thread, while the console takes in the live feed.
double roundTripP95Ms(const Data &d)
{
    QTemporaryDir dir;
    const QString dbPath = dir.filePath(QStringLiteral("board-bench-console.db"));
    const auto startUp = BenchClock::now();
    const bool alertStorm = qEnvironmentVariableIntValue("OPSDECK_BENCH_ALERT_STORM") != 0;
    if (alertStorm)
        std::printf("  OPSDECK_BENCH_ALERT_STORM: orders up to an hour in their state, SLA alerts open at start-up\n");
    storeOrders(dbPath, d, wallNowMs(), alertStorm);
    feed::test::ScriptedGateway gateway("gw-bench-board");
    BenchConsole console(gateway, {dbPath});
    QString error;
    if (!console.start(&error) || !console.waitForStoreJobs(std::chrono::minutes(5))
        || !waitForJoin(console.runtime(), std::chrono::seconds(30))) {
        std::fprintf(stderr, "bench: the console did not start: %s\n", qPrintable(error));
        return 0;
    }
    std::printf("  start-up: %lld orders stored, loaded and indexed by the console in %.1f s\n",
                static_cast<long long>(console.runtime().coreCounters().orders), msSince(startUp) / 1000);
    // The bench console is a dispatcher, whose own search is masked (order ids and phone
    // tails, issue 17); the keystrokes are names, so they go through the same service as
    // a role that may view personal data would have.
    const app::BoardServices &services = console.feature<app::BoardFeature>()->services();
    app::StoreOrderSearch personalSearch(*console.runtime().storeWorker(), services.indexes(), true);
    sdk::OrderSearch *search = &personalSearch;

    LiveOrderChanges changes(d);
    FeedProducer producer(gateway, changes);
    producer.start();
    waitFor([] { return false; }, std::chrono::seconds(2)); // the feed reaches its steady state
    const LoadMark before = mark(console.runtime(), producer);
    int lost = 0;
    std::vector<double> times = keystrokeTimes(*search, keystrokes(d), &lost);
    const LoadMark after = mark(console.runtime(), producer);
    producer.stop();
    printLoad(before, after);
    if (lost > 0)
        std::printf("  %d keystrokes were never answered\n", lost);
    console.stop();
    return p95(std::move(times));
}

} // namespace opsdeck::bench::board
