#pragma once
// Acting from the board against a real in-process sim::Gateway over tcp loopback,
// through the whole console pipeline (feed -> core -> store -> context), as main.cpp
// assembles it: the gateway and the console in front of it, stepped by the test.
#include "access/TestAccess.h"
#include "app/features/board/BoardServices.h"
#include "app/runtime/ConsoleBridge.h"
#include "app/shell/ConsoleContextAdapter.h"
#include "app/runtime/ConsoleRuntime.h"
#include "sdk/OrderActions.h"
#include "sim/Gateway.h"
#include "widgets/board/BoardModel.h"
#include "widgets/board/RiderDropModel.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cstdint>
#include <memory>

namespace boardtest {

// 240 orders a minute: every column fills within a few simulated minutes. Each test
// keeps its own seed, so its simulated afternoon stays the one it was written against.
// The gateway never runs by itself (issue 15): it starts paused and the test steps it,
// so what the board shows is decided by the seed and the steps, not by the machine's load.
inline opsdeck::sim::GatewayOptions gatewayOptions(std::uint64_t seed)
{
    opsdeck::sim::GatewayOptions g;
    g.seed = seed;
    g.riders = 30;
    g.ordersPerMin = 240;
    g.feedBind = "tcp://127.0.0.1:*";
    g.snapshotBind = "tcp://127.0.0.1:*";
    g.controlBind = "tcp://127.0.0.1:*";
    return g;
}

// The gateway and a dispatcher's console (disp1) connected to it, its database in a
// temporary directory. Not started by the constructor: start() reports why it failed,
// for the test's QVERIFY2. The gateway is paused throughout: simulated time passes only
// in advance()/advanceUntil(), each of which returns once the console has caught up, so
// a test acts on a board that nothing moves on. Control commands are still answered,
// and their events published, while paused.
class GatewayConsole
{
public:
    bool start(std::uint64_t seed, QString *error)
    {
        m_gateway = std::make_unique<opsdeck::sim::Gateway>(gatewayOptions(seed));
        m_gateway->setPaused(true);
        m_gateway->start();
        opsdeck::app::RuntimeOptions o;
        o.feed = m_gateway->feedEndpoint();
        o.snapshot = m_gateway->snapshotEndpoint();
        o.control = m_gateway->controlEndpoint();
        o.dbPath = m_dir.filePath(QStringLiteral("console.db"));
        m_runtime = std::make_unique<opsdeck::app::ConsoleRuntime>(
            o, [this](opsdeck::core::ConsoleDelta &&d) { m_bridge.publish(std::move(d)); });
        m_services.assemble(*m_runtime);
        if (!m_runtime->start(error))
            return false;
        // A heartbeat in (step(0) sends one at once) means the subscription is live: what
        // the first step publishes arrives on the feed instead of being found missing.
        const auto subscribed = [this] {
            return m_gateway->step(0) >= 0 && m_runtime->feedStats().heartbeats.load() > 0;
        };
        if (!QTest::qWaitFor(subscribed, 10000)) {
            *error = QStringLiteral("no heartbeat from the gateway");
            return false;
        }
        m_context.applyDelta(m_runtime->fullPicture());
        m_context.attach(m_bridge);
        m_services.provideTo(m_context, *m_runtime->storeWorker(), m_runtime->controlEndpoint(), {}, m_access.guard);
        return true;
    }

    void stop()
    {
        m_runtime->stop();
        m_gateway->stop();
    }

    // Fills the board's models from the context and keeps them following it, as the
    // dispatcher plugin wires them.
    void feedBoard(opsdeck::widgets::BoardModel &model, opsdeck::widgets::RiderDropModel &riders)
    {
        model.reset(m_context.currentOrders());
        QObject::connect(&m_context, &opsdeck::sdk::ConsoleContext::ordersChanged, &model,
                         &opsdeck::widgets::BoardModel::enqueue);
        riders.update(m_context.currentRiders());
        QObject::connect(&m_context, &opsdeck::sdk::ConsoleContext::ridersChanged, &riders,
                         &opsdeck::widgets::RiderDropModel::update);
    }

    opsdeck::app::ConsoleRuntime &runtime() { return *m_runtime; }
    opsdeck::app::ConsoleContextAdapter &context() { return m_context; }
    opsdeck::sim::Gateway &gateway() { return *m_gateway; }

    // True once the console holds all the paused gateway published: the feed thread has
    // every seq, and the GUI's context (and `board`, if given) shows each order in its
    // true state.
    bool caughtUp(const opsdeck::widgets::BoardModel *board = nullptr) const
    {
        const auto seen = m_runtime->feedStats().lastSeqs();
        for (const auto &[depot, seq] : m_gateway->currentSeqs()) {
            const auto it = std::find_if(seen.begin(), seen.end(), [&](const auto &s) { return s.first == depot; });
            if (seq > 0 && (it == seen.end() || it->second != seq))
                return false;
        }
        const auto truth = m_gateway->truthOrderStates();
        const QList<opsdeck::sdk::OrderRow> orders = m_context.currentOrders();
        if (static_cast<std::size_t>(orders.size()) != truth.size())
            return false;
        for (const opsdeck::sdk::OrderRow &o : orders) {
            const auto it = truth.find(o.orderId.toStdString());
            if (it == truth.end() || o.state != QLatin1String(it->second.c_str()))
                return false;
            if (board && (board->rowOf(o.orderId) < 0 || board->card(board->rowOf(o.orderId)).row.state != o.state))
                return false;
        }
        return true;
    }

    // Lets exactly dtMs of simulated time pass, then waits for the console to catch up.
    bool advance(std::int64_t dtMs, const opsdeck::widgets::BoardModel *board = nullptr)
    {
        return m_gateway->step(dtMs) >= 0 && QTest::qWaitFor([&] { return caughtUp(board); }, 20000);
    }

    // Steps the simulation 20 s at a time until `ready` holds on a caught-up console (at
    // once if it already does). The same seed takes the same steps on every run.
    template <typename Ready>
    bool advanceUntil(Ready ready, const opsdeck::widgets::BoardModel *board = nullptr, int maxSteps = 60)
    {
        if (!QTest::qWaitFor([&] { return caughtUp(board); }, 20000))
            return false;
        for (int i = 0; !ready(); ++i) {
            if (i == maxSteps || !advance(20000, board))
                return false;
        }
        return true;
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<opsdeck::sim::Gateway> m_gateway;
    opsdeck::app::ConsoleBridge m_bridge;
    opsdeck::app::BoardServices m_services;
    std::unique_ptr<opsdeck::app::ConsoleRuntime> m_runtime;
    opsdeck::app::ConsoleContextAdapter m_context{{QStringLiteral("dispatcher"), QStringLiteral("disp1"), true}};
    accesstest::TestAccess m_access{"disp1", "dispatcher"};
};

// A rider to reassign an order to: not `than` (its own rider) and not offline; -1 when
// there is none. `fromTheEnd`: one the riders list has to be scrolled to.
inline int otherRiderRow(const opsdeck::widgets::RiderDropModel &riders, const QString &than, bool fromTheEnd = false)
{
    const int count = riders.rowCount();
    for (int i = 0; i < count; ++i) {
        const int r = fromTheEnd ? count - 1 - i : i;
        if (riders.rider(r).riderId != than && riders.rider(r).status != QLatin1String("offline"))
            return r;
    }
    return -1;
}

inline QString otherRider(const opsdeck::widgets::RiderDropModel &riders, const QString &than)
{
    const int row = otherRiderRow(riders, than);
    return row < 0 ? QString() : riders.rider(row).riderId;
}

} // namespace boardtest
