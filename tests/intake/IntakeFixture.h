#pragma once

// A real console pipeline against an in-process opsfeed gateway over tcp loopback:
// sim::Gateway → FeedSubscriber → ConsoleCore (IntakeObserver → IntakeBoard) → store
// thread (control_audit in a real SQLite file), plus the command layer on top.
#include "app/runtime/ConsoleRuntime.h"
#include "app/features/intake/CommandCenter.h"
#include "app/features/intake/ControlAuditSink.h"
#include "core/intake/IntakeObserver.h"
#include "sim/Gateway.h"
#include "store/intake/ControlAudit.h"
#include "store/log/EventStore.h"
#include "store/db/StoreWorker.h"

#include <QTemporaryDir>

#include <future>
#include <memory>
#include <mutex>

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

    static sim::GatewayOptions gatewayOptions(double timeScale = 4.0)
    {
        sim::GatewayOptions g;
        g.seed = 7;
        g.riders = 30;
        g.ordersPerMin = 60;
        g.timeScale = timeScale;
        g.feedBind = "tcp://127.0.0.1:*";
        g.snapshotBind = "tcp://127.0.0.1:*";
        g.controlBind = "tcp://127.0.0.1:*";
        return g;
    }

    // Starts the gateway (unless given one already started) and the console against it.
    bool start(sim::GatewayOptions g, app::CommandCenter::Options options = {})
    {
        gateway = std::make_unique<sim::Gateway>(g);
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
        return true;
    }

    // Waits for gateway.stats of every depot (the before-values need them).
    bool waitForStats(std::size_t depots = 3, int ms = 10000)
    {
        return board.waitFor([depots](const std::vector<core::DepotIntake> &b) { return b.size() >= depots; }, 0,
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

    ~IntakeFixture()
    {
        center.reset();
        if (runtime)
            runtime->stop();
        if (gateway)
            gateway->stop();
    }
};

} // namespace opsdeck::test
