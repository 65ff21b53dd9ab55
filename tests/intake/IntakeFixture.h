#pragma once

// A real console pipeline against an in-process opsfeed gateway over tcp loopback:
// sim::Gateway → FeedSubscriber → ConsoleCore (IntakeObserver → IntakeBoard) → store
// thread (control_audit in a real SQLite file), plus the command layer on top.
// The gateway is paused from the start (issue 15): simulated seconds pass only when a
// test steps them, each one received by the console before the next.
#include "app/runtime/ConsoleRuntime.h"
#include "app/features/intake/CommandCenter.h"
#include "app/features/intake/ControlAuditSink.h"
#include "core/intake/IntakeObserver.h"
#include "sim/Gateway.h"
#include "store/intake/ControlAudit.h"
#include "store/log/EventStore.h"
#include "store/db/StoreWorker.h"

#include <QTemporaryDir>

#include <QTest>

#include <algorithm>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

namespace opsdeck::test {

// Sums every gateway.stats of one depot seen on the core thread (the board only keeps
// the latest), with the simulated time span they cover.
class StatsTally final : public core::CoreObserver
{
public:
    struct Sum {
        std::int64_t offered = 0, accepted = 0, rateLimited = 0, breakerOpen = 0;
        std::int64_t firstMs = 0, lastMs = 0;
        int messages = 0;
    };
    explicit StatsTally(std::string depot) : m_depot(std::move(depot)) {}
    void onEvent(const core::Event &event, bool, const core::Projections &) override
    {
        if (event.kind != core::EventKind::GatewayStats || event.depot != m_depot)
            return;
        const auto s = core::depotIntakeOf(event);
        if (!s)
            return;
        std::lock_guard lock(m_mutex);
        if (!m_counting)
            return;
        m_sum.offered += s->offered;
        m_sum.accepted += s->accepted;
        m_sum.rateLimited += s->rateLimited;
        m_sum.breakerOpen += s->breakerOpen;
        if (m_sum.messages++ == 0)
            m_sum.firstMs = event.tsMs;
        m_sum.lastMs = event.tsMs;
    }
    void startCounting()
    {
        std::lock_guard lock(m_mutex);
        m_sum = {};
        m_counting = true;
    }
    Sum sum() const
    {
        std::lock_guard lock(m_mutex);
        return m_sum;
    }

private:
    std::string m_depot;
    mutable std::mutex m_mutex;
    bool m_counting = false;
    Sum m_sum;
};

struct IntakeFixture {
    QTemporaryDir dir;
    std::unique_ptr<sim::Gateway> gateway;
    core::IntakeBoard board;
    core::IntakeObserver observer{board};
    std::vector<core::CoreObserver *> extraObservers;
    std::unique_ptr<app::ConsoleRuntime> runtime;
    std::unique_ptr<app::StoreAuditSink> audit;
    std::unique_ptr<app::CommandCenter> center;

    static sim::GatewayOptions gatewayOptions()
    {
        sim::GatewayOptions g;
        g.seed = 7;
        g.riders = 30;
        g.ordersPerMin = 60;
        g.feedBind = "tcp://127.0.0.1:*";
        g.snapshotBind = "tcp://127.0.0.1:*";
        g.controlBind = "tcp://127.0.0.1:*";
        return g;
    }

    // Starts the gateway (unless given one already started) and the console against it.
    bool start(sim::GatewayOptions g, app::CommandCenter::Options options = {})
    {
        gateway = std::make_unique<sim::Gateway>(g);
        gateway->setPaused(true);
        gateway->start();
        return startConsole(gateway->feedEndpoint(), gateway->snapshotEndpoint(), gateway->controlEndpoint(), options);
    }

    bool startConsole(const std::string &feed, const std::string &snapshot, const std::string &control,
                      app::CommandCenter::Options options = {})
    {
        app::RuntimeOptions r;
        r.feed = feed;
        r.snapshot = snapshot;
        r.control = control;
        r.dbPath = dir.filePath(QStringLiteral("console.db"));
        runtime = std::make_unique<app::ConsoleRuntime>(r, [](core::ConsoleDelta &&) {});
        runtime->addAssembleHook([this](core::ConsoleCore &core, store::StoreWorker &) {
            core.addObserver(&observer);
            for (auto *o : extraObservers)
                core.addObserver(o);
        });
        QString error;
        if (!runtime->start(&error))
            return false;
        audit = std::make_unique<app::StoreAuditSink>(*runtime->storeWorker());
        center = std::make_unique<app::CommandCenter>(control, feed::CurveKeys{}, audit.get(), &board, options);
        // A heartbeat in (step(0) sends one at once): the subscription is live, so what a
        // step publishes arrives.
        return !gateway || QTest::qWaitFor([this] { return gateway->step(0) >= 0 && runtime->feedStats().heartbeats.load() > 0; }, 10000);
    }

    // True once the console's feed has every seq the gateway published.
    bool caughtUp() const
    {
        const auto seen = runtime->feedStats().lastSeqs();
        for (const auto &[depot, seq] : gateway->currentSeqs()) {
            const auto it = std::find_if(seen.begin(), seen.end(), [&](const auto &s) { return s.first == depot; });
            if (seq > 0 && (it == seen.end() || it->second != seq))
                return false;
        }
        return true;
    }

    // One simulated second (a gateway.stats per depot among it), received by the console.
    bool stepOneSecond()
    {
        return gateway->step(1000) >= 0 && QTest::qWaitFor([this] { return caughtUp(); }, 10000);
    }

    bool stepSeconds(int seconds)
    {
        for (int i = 0; i < seconds; ++i) {
            if (!stepOneSecond())
                return false;
        }
        return true;
    }

    // Runs `work` (commands that wait for gateway.stats to show their effect) on a worker
    // thread, as the console does, while the simulation steps a second at a time.
    template <typename Work>
    auto whileStepping(Work work)
    {
        auto result = std::async(std::launch::async, std::move(work));
        while (result.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
            if (!stepOneSecond())
                break; // the gateway is gone: the work ends on its own timeouts
        }
        return result.get();
    }

    // For tests that watch the console react over many simulated seconds: a thread of the
    // fixture steps the simulation a second at a time, each once the console has received
    // the one before. Simulated time moves as fast as the console takes it in, never
    // ahead of it, whatever the machine's load. Stops with the fixture.
    void keepStepping()
    {
        m_stepper = std::jthread([this](std::stop_token stop) {
            while (!stop.stop_requested() && gateway->step(1000) >= 0) {
                while (!stop.stop_requested() && !caughtUp())
                    std::this_thread::sleep_for(std::chrono::milliseconds(1)); // a poll, not a pace
            }
        });
    }

    void stopStepping() { m_stepper = {}; } // requests stop and joins

    // A simulated second, then gateway.stats of every depot (the before-values need them).
    bool waitForStats(std::size_t depots = 3, int ms = 10000)
    {
        return stepOneSecond()
            && board.waitFor([depots](const std::vector<core::DepotIntake> &b) { return b.size() >= depots; }, 0,
                             std::chrono::milliseconds(ms));
    }

    std::vector<store::ControlAuditEntry> auditRows()
    {
        auto promise = std::make_shared<std::promise<std::vector<store::ControlAuditEntry>>>();
        auto future = promise->get_future();
        runtime->storeWorker()->post(
            [promise](store::EventStore &s) {
                try {
                    promise->set_value(store::readControlAudit(s.database()));
                } catch (...) {
                    promise->set_exception(std::current_exception());
                }
            });
        return future.get();
    }

private:
    std::jthread m_stepper;

public:
    ~IntakeFixture()
    {
        stopStepping();
        center.reset();
        if (runtime)
            runtime->stop();
        if (gateway)
            gateway->stop();
    }
};

} // namespace opsdeck::test
