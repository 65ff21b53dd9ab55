#pragma once
// Acting from the board against a real in-process sim::Gateway over tcp loopback,
// through the whole console pipeline (feed -> core -> store -> context), as main.cpp
// assembles it: the gateway and the console in front of it, and what tests that race
// the running simulation share.
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

#include <cstdint>
#include <memory>

namespace boardtest {

// 20x time and 240 orders a minute: every column fills within seconds. Each test keeps
// its own seed, so its simulated afternoon stays the one it was written against.
inline opsdeck::sim::GatewayOptions gatewayOptions(std::uint64_t seed)
{
    opsdeck::sim::GatewayOptions g;
    g.seed = seed;
    g.riders = 30;
    g.ordersPerMin = 240;
    g.timeScale = 20;
    g.feedBind = "tcp://127.0.0.1:*";
    g.snapshotBind = "tcp://127.0.0.1:*";
    g.controlBind = "tcp://127.0.0.1:*";
    return g;
}

// The gateway and a dispatcher's console (disp1) connected to it, its database in a
// temporary directory. Not started by the constructor: start() reports why it failed,
// for the test's QVERIFY2.
class GatewayConsole
{
public:
    bool start(std::uint64_t seed, QString *error)
    {
        m_gateway = std::make_unique<opsdeck::sim::Gateway>(gatewayOptions(seed));
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
        m_context.applyDelta(m_runtime->fullPicture());
        m_context.attach(m_bridge);
        m_services.provideTo(m_context, *m_runtime->storeWorker(), m_runtime->controlEndpoint(), {});
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

private:
    QTemporaryDir m_dir;
    std::unique_ptr<opsdeck::sim::Gateway> m_gateway;
    opsdeck::app::ConsoleBridge m_bridge;
    opsdeck::app::BoardServices m_services;
    std::unique_ptr<opsdeck::app::ConsoleRuntime> m_runtime;
    opsdeck::app::ConsoleContextAdapter m_context{{QStringLiteral("dispatcher"), QStringLiteral("disp1"), true}};
};

// The gateway refused because the order moved on between the test's read of the board
// and the command (the simulation runs 20x): the test tries another card.
inline bool movedOnMeanwhile(const QList<QVariant> &finished)
{
    return finished.at(2).value<opsdeck::sdk::OrderActions::Outcome>() == opsdeck::sdk::OrderActions::Outcome::Refused
        && finished.at(3).toString() == QLatin1String("illegal_transition");
}

// Runs `attempt` on up to `cards` cards until one sets its `done`: an attempt whose card
// moved on returns without it. The checks in `attempt` return from it, not from the
// test, so a failed one ends the tries here.
template <typename Attempt>
void tryCardsUntilDone(int cards, Attempt attempt)
{
    bool done = false;
    for (int i = 0; i < cards && !done; ++i) {
        attempt(done);
        if (QTest::currentTestFailed())
            return;
    }
    QVERIFY(done);
}

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
