// The sdk::ConsoleContext adapter: core records become sdk rows, masked per role, one
// ordersChanged per delta, and the current picture is kept for late panels.
#include "app/runtime/ConsoleBridge.h"
#include "app/shell/ConsoleContextAdapter.h"
#include "sdk/SelectionService.h"

#include <QSignalSpy>
#include <QtTest>

using opsdeck::app::ConsoleBridge;
using opsdeck::app::ConsoleContextAdapter;
namespace core = opsdeck::core;

namespace {

core::OrderRecord record(const std::string &id, core::OrderState state)
{
    core::OrderRecord o;
    o.orderId = id;
    o.depot = "BJ-CY-01";
    o.merchantId = "m-1";
    o.channel = "fresh";
    o.customerName = "张伟";
    o.customerPhone = "13812341234";
    o.addressText = "朝阳区建国路88号";
    o.customerNote = "电梯坏了，请走楼梯";
    o.priority = core::OrderPriority::Urgent;
    o.state = state;
    o.updatedAtMs = 1'800'000'000'000;
    o.enteredAtMs[static_cast<std::size_t>(state)] = 1'799'999'990'000;
    return o;
}

core::ConsoleDelta fleet(int from, int count, double lat)
{
    core::ConsoleDelta d;
    for (int i = from; i < from + count; ++i) {
        core::RiderRecord r;
        r.riderId = "r-" + std::to_string(i);
        r.depot = "BJ-CY-01";
        r.lat = lat;
        r.lng = 116.4;
        d.riders.push_back(r);
    }
    return d;
}

// One event-loop turn's worth of the context's posted work (the next rider slice).
void oneTurn(ConsoleContextAdapter &context)
{
    QCoreApplication::sendPostedEvents(&context, QEvent::MetaCall);
}

} // namespace

class TestConsoleContext final : public QObject
{
    Q_OBJECT
private slots:
    void servicesAreFoundByTheirClassAndAbsentOnesAreNull()
    {
        ConsoleContextAdapter context({QStringLiteral("dispatcher"), QStringLiteral("li"), true});
        QVERIFY(context.service<opsdeck::sdk::SelectionService>() == nullptr);
        {
            opsdeck::sdk::SelectionService selection;
            context.provide(&selection);
            auto *found = context.service<opsdeck::sdk::SelectionService>();
            QCOMPARE(found, &selection);
            QSignalSpy orders(found, &opsdeck::sdk::SelectionService::orderSelected);
            QSignalSpy filters(found, &opsdeck::sdk::SelectionService::ordersRequested);
            found->selectOrder(QStringLiteral("DD1"));
            found->selectOrder(QStringLiteral("DD1")); // a second click signals again
            found->showOrders({{QStringLiteral("state"), QStringLiteral("EXCEPTION")}});
            QCOMPARE(orders.size(), 2);
            QCOMPARE(found->selectedOrder(), QStringLiteral("DD1"));
            QCOMPARE(filters.at(0).at(0).toMap().value(QStringLiteral("state")).toString(), QStringLiteral("EXCEPTION"));
        }
        // A service destroyed before the context is not handed out dangling.
        QVERIFY(context.service<opsdeck::sdk::SelectionService>() == nullptr);
    }

    void dispatcherSeesMaskedPersonalData()
    {
        ConsoleContextAdapter context({QStringLiteral("dispatcher"), QStringLiteral("li"), true});
        QSignalSpy changed(&context, &opsdeck::sdk::ConsoleContext::ordersChanged);
        core::ConsoleDelta delta;
        delta.orders = {record("o-1", core::OrderState::Delivering), record("o-2", core::OrderState::Created)};
        context.applyDelta(delta);
        QCOMPARE(changed.size(), 1);
        const auto rows = changed.at(0).at(0).value<QList<opsdeck::sdk::OrderRow>>();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).customerPhone, QStringLiteral("138****1234"));
        QCOMPARE(rows.at(0).customerName, QStringLiteral("张*"));
        QVERIFY(!rows.at(0).address.contains(QStringLiteral("88")));
        QCOMPARE(rows.at(0).state, QStringLiteral("DELIVERING"));
        QCOMPARE(rows.at(0).stateSinceMs, 1'799'999'990'000);
        // The note is free text: a masked role learns only that there is one.
        QVERIFY(rows.at(0).hasCustomerNote);
        QVERIFY(rows.at(0).customerNote.isEmpty());
        QCOMPARE(rows.at(0).priority, 2);
        QVERIFY(context.maskPersonalData());
    }

    // Issue 17: the destination is where the customer lives; a masked role sees it to
    // about 1 km (two decimals of a degree), a role with personal data exactly.
    void maskedRolesSeeDestinationsToAboutOneKilometre()
    {
        core::OrderRecord o = record("o-1", core::OrderState::Delivering);
        o.lat = 39.921873;
        o.lng = 116.443612;
        const auto masked = ConsoleContextAdapter::toRow(o, true);
        QCOMPARE(masked.lat, 39.92);
        QCOMPARE(masked.lng, 116.44);
        const auto clear = ConsoleContextAdapter::toRow(o, false);
        QCOMPARE(clear.lat, 39.921873);
        QCOMPARE(clear.lng, 116.443612);
    }

    void customerServiceSeesFullData()
    {
        QVERIFY(ConsoleContextAdapter::roleSeesPersonalData(QStringLiteral("customer_service")));
        QVERIFY(!ConsoleContextAdapter::roleSeesPersonalData(QStringLiteral("dispatcher")));
        const auto row = ConsoleContextAdapter::toRow(record("o-1", core::OrderState::Paid), false);
        QCOMPARE(row.customerPhone, QStringLiteral("13812341234"));
        QCOMPARE(row.customerName, QStringLiteral("张伟"));
        QCOMPARE(row.customerNote, QStringLiteral("电梯坏了，请走楼梯"));
        QVERIFY(row.hasCustomerNote);
    }

    void currentPictureKeepsLatestValuesInFirstSeenOrder()
    {
        ConsoleBridge bridge;
        ConsoleContextAdapter context({QStringLiteral("dispatcher"), QStringLiteral("li"), true});
        context.attach(bridge);
        QSignalSpy changed(&context, &opsdeck::sdk::ConsoleContext::ordersChanged);
        QSignalSpy riders(&context, &opsdeck::sdk::ConsoleContext::ridersChanged);

        core::ConsoleDelta first;
        first.orders = {record("o-1", core::OrderState::Created), record("o-2", core::OrderState::Created)};
        core::RiderRecord rider;
        rider.riderId = "r-1";
        rider.name = "王师傅";
        first.riders = {rider};
        bridge.publish(std::move(first)); // queued, like from the core thread
        QTRY_COMPARE(changed.size(), 1);
        QCOMPARE(riders.size(), 1);

        core::ConsoleDelta second;
        second.orders = {record("o-1", core::OrderState::Paid)};
        second.applied = 3;
        bridge.publish(std::move(second));
        QTRY_COMPARE(changed.size(), 2);

        const auto current = context.currentOrders();
        QCOMPARE(current.size(), 2);
        QCOMPARE(current.at(0).orderId, QStringLiteral("o-1"));
        QCOMPARE(current.at(0).state, QStringLiteral("PAID"));
        QCOMPARE(context.currentRiders().at(0).name, QStringLiteral("王师傅"));
        QCOMPARE(context.applied(), 3);
    }

    // A city's fleet in one delta never holds the GUI thread: its riders go out in slices,
    // one per event-loop turn, in order; a later delta's orders come at once, its riders
    // after the earlier delta's, and a newer fix of a rider still waiting takes the older
    // fix's place (applied once, where the older one stood); deltaApplied once per delta,
    // in order, when all of it is in.
    void ridersOfAFollowedDeltaAreAppliedInSlicesInOrder()
    {
        ConsoleContextAdapter context({QStringLiteral("dispatcher"), QStringLiteral("li"), true});
        context.setRiderSlice(2);
        context.setSliceBudgetMs(0);
        QSignalSpy riders(&context, &opsdeck::sdk::ConsoleContext::ridersChanged);
        QSignalSpy orders(&context, &opsdeck::sdk::ConsoleContext::ordersChanged);
        QSignalSpy applied(&context, &ConsoleContextAdapter::deltaApplied);
        const auto ids = [&](int signal) {
            QStringList out;
            for (const auto &row : riders.at(signal).at(0).value<QList<opsdeck::sdk::RiderRow>>())
                out << row.riderId + QLatin1Char('@') + QString::number(row.lat);
            return out.join(QLatin1Char(' '));
        };

        auto first = fleet(0, 5, 39.90);
        first.receipts = {{1000, 5}};
        context.followDelta(std::make_shared<const core::ConsoleDelta>(std::move(first)));
        QCOMPARE(riders.size(), 1); // the first slice at once
        QCOMPARE(ids(0), QStringLiteral("r-0@39.9 r-1@39.9"));
        QCOMPARE(applied.size(), 0);

        auto second = fleet(3, 3, 39.95); // r-3 and r-4 again, moved, and a new r-5
        second.orders = {record("o-1", core::OrderState::Created)};
        second.receipts = {{2000, 3}};
        context.followDelta(std::make_shared<const core::ConsoleDelta>(std::move(second)));
        QCOMPARE(orders.size(), 1); // orders are never held back
        QCOMPARE(riders.size(), 1); // its riders wait behind the first delta's
        QCOMPARE(context.ridersQueued(), std::size_t(4)); // r-2, r-3, r-4, r-5: no second r-3 or r-4

        oneTurn(context);
        QCOMPARE(ids(1), QStringLiteral("r-2@39.9 r-3@39.95")); // r-3's newer fix, in its place
        QCOMPARE(applied.size(), 0);
        oneTurn(context); // r-4 (newer fix), r-5: both deltas are in, in order
        QCOMPARE(ids(2), QStringLiteral("r-4@39.95 r-5@39.95"));
        QCOMPARE(applied.size(), 2);
        QCOMPARE(context.lastReceipts().at(0).receivedNs, 2000);
        QVERIFY(!context.ridersPending());
        oneTurn(context); // nothing left: no signal
        QCOMPARE(riders.size(), 3);

        const auto current = context.currentRiders();
        QCOMPARE(current.size(), 6);
        QCOMPARE(current.at(3).riderId, QStringLiteral("r-3"));
        QCOMPARE(current.at(3).lat, 39.95); // the later delta's fix won
        QCOMPARE(current.at(0).lat, 39.90);
    }

    // A GUI that fell behind a fleet reporting every second catches up with the latest
    // fixes: what waits is bounded by the riders there are, not by how long it lagged,
    // and every delta still says when it is in, in order.
    void waitingRidersAreBoundedByTheFleet()
    {
        ConsoleContextAdapter context({QStringLiteral("dispatcher"), QStringLiteral("li"), true});
        context.setRiderSlice(1);
        context.setSliceBudgetMs(0);
        QSignalSpy riders(&context, &opsdeck::sdk::ConsoleContext::ridersChanged);
        QSignalSpy applied(&context, &ConsoleContextAdapter::deltaApplied);
        for (int second = 0; second < 50; ++second) {
            auto d = fleet(0, 4, 39.90 + second * 0.001);
            d.receipts = {{1000 + second, 4}};
            context.followDelta(std::make_shared<const core::ConsoleDelta>(std::move(d)));
        }
        QCOMPARE(context.ridersQueued(), std::size_t(4)); // r-1..r-3, then r-0's newer fix
        QCOMPARE(applied.size(), 0);
        for (int turn = 0; turn < 4; ++turn)
            oneTurn(context);
        QCOMPARE(riders.size(), 5); // 5 rows applied for 200 fixes
        QCOMPARE(applied.size(), 50);
        QCOMPARE(context.lastReceipts().at(0).receivedNs, 1049);
        QCOMPARE(context.currentRiders().at(3).lat, 39.90 + 49 * 0.001);
    }

    // applyDelta (start-up, tests) applies at once, after any followed riders still waiting.
    void applyDeltaFinishesWaitingRidersFirst()
    {
        ConsoleContextAdapter context({QStringLiteral("dispatcher"), QStringLiteral("li"), true});
        context.setRiderSlice(1);
        context.setSliceBudgetMs(0);
        context.followDelta(std::make_shared<const core::ConsoleDelta>(fleet(0, 3, 39.90)));
        QVERIFY(context.ridersPending());
        context.applyDelta(fleet(2, 1, 39.99));
        QVERIFY(!context.ridersPending());
        QCOMPARE(context.currentRiders().at(2).lat, 39.99);
    }
};

QTEST_MAIN(TestConsoleContext)
#include "tst_console_context.moc"
