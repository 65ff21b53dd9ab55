// Issue 16, the window under load: when the core hands the GUI a delta. A pickup of
// several feed batches (a city's second of fixes arrives at once, and the feed posts it
// while the core is busy) hands over what is applied whenever a delta is due, not only
// at the pickup's end; still at most one delta per cadence; and the delta goes before the
// store's hand-over, which waits when the store is behind. The real core thread, its
// cadence clock injected (advanced by an observer as events are applied).
#include "core/pipeline/ConsoleCore.h"
#include "core/pipeline/CoreObserver.h"
#include "core/pipeline/Projections.h"

#include <QTest>

#include <atomic>
#include <mutex>
#include <vector>

using namespace opsdeck;
using namespace opsdeck::core;

namespace {

constexpr std::int64_t kT0 = 1795312800000;

FeedBatch fixes(int batch, int riders, std::int64_t &seq)
{
    FeedBatch b;
    b.receivedNs = 1000 + batch; // which batch a receipt is of
    for (int r = 0; r < riders; ++r) {
        Event e;
        e.kind = EventKind::RiderPosition;
        e.epoch = "gw1";
        e.depot = "BJ-CY-01";
        e.seq = ++seq;
        e.id = "e-" + std::to_string(seq);
        e.tsMs = kT0 + seq;
        e.riderId = "r-" + std::to_string(batch) + "-" + std::to_string(r);
        e.hasPosition = true;
        e.lat = 39.9;
        e.lng = 116.4;
        b.events.push_back(std::move(e));
    }
    return b;
}

// Applying an event takes `stepMs` of the cadence clock.
class ClockStep final : public CoreObserver
{
public:
    ClockStep(std::atomic<std::int64_t> &clock, std::int64_t stepMs)
        : m_clock(clock)
        , m_stepMs(stepMs)
    {
    }
    void onEvent(const Event &, bool, const Projections &) override { m_clock += m_stepMs; }

private:
    std::atomic<std::int64_t> &m_clock;
    std::int64_t m_stepMs;
};

struct Deltas {
    std::mutex mutex;
    std::vector<std::vector<std::int64_t>> receipts; // per delta: the batches it covers
    std::vector<std::size_t> riders;
};

// Three batches of 4 riders posted before start(): the core takes them in one pickup.
void runPickup(std::int64_t msPerEvent, Deltas &out)
{
    std::atomic<std::int64_t> clock{100000};
    ConsoleCore::Options options;
    options.maxDeltasPerSecond = 30; // every 33 ms
    options.tickIntervalMs = 1000000;
    options.steadyClockMs = [&clock] { return clock.load(); };
    ConsoleCore core(Projections{}, nullptr,
                     [&out](ConsoleDelta &&d) {
                         std::lock_guard lock(out.mutex);
                         std::vector<std::int64_t> batches;
                         for (const auto &r : d.receipts)
                             batches.push_back(r.receivedNs - 1000);
                         out.receipts.push_back(batches);
                         out.riders.push_back(d.riders.size());
                     },
                     options);
    ClockStep step(clock, msPerEvent);
    core.addObserver(&step);
    std::int64_t seq = 0;
    for (int b = 0; b < 3; ++b)
        core.post(fixes(b, 4, seq));
    core.start();
    core.stop();
}

} // namespace

class TestDeltaCadence final : public QObject
{
    Q_OBJECT

private slots:
    void aPickupHandsOverWhatIsAppliedWhenADeltaIsDue()
    {
        // Each batch takes 40 ms of the core (10 ms an event): a delta is due after each.
        Deltas d;
        runPickup(10, d);
        std::lock_guard lock(d.mutex);
        QCOMPARE(d.receipts.size(), std::size_t(3)); // one delta at the pickup's end before
        QCOMPARE(d.receipts[0], std::vector<std::int64_t>({0}));
        QCOMPARE(d.receipts[1], std::vector<std::int64_t>({1}));
        QCOMPARE(d.receipts[2], std::vector<std::int64_t>({2}));
        QCOMPARE(d.riders, std::vector<std::size_t>({4, 4, 4}));
    }

    void theCadenceStillBatches()
    {
        // The whole pickup within 33 ms: the first batch goes at once (no delta for long),
        // the other two wait for the cadence and go together.
        Deltas d;
        runPickup(1, d);
        std::lock_guard lock(d.mutex);
        QCOMPARE(d.receipts.size(), std::size_t(2));
        QCOMPARE(d.receipts[0], std::vector<std::int64_t>({0}));
        QCOMPARE(d.receipts[1], std::vector<std::int64_t>({1, 2}));
        QCOMPARE(d.riders, std::vector<std::size_t>({4, 8}));
    }

    void theDeltaGoesBeforeTheStoreHandOver()
    {
        std::atomic<int> deltas{0};
        std::atomic<int> deltasWhenStored{-1};
        ConsoleCore core(
            Projections{},
            [&](StoreBatch &&) {
                int none = -1;
                deltasWhenStored.compare_exchange_strong(none, deltas.load());
            },
            [&](ConsoleDelta &&) { ++deltas; });
        std::int64_t seq = 0;
        core.post(fixes(0, 4, seq));
        core.start();
        core.stop();
        QCOMPARE(deltas.load(), 1);
        QCOMPARE(deltasWhenStored.load(), 1); // 0 before: the store had it first
    }
};

QTEST_GUILESS_MAIN(TestDeltaCadence)
#include "tst_delta_cadence.moc"
