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
};

QTEST_MAIN(TestConsoleContext)
#include "tst_console_context.moc"
