// Every legal and every illegal transition of protocol.md, checked pair by pair.
#include "core/model/Event.h"
#include "core/model/OrderState.h"

#include <QTest>

#include <set>
#include <utility>

using namespace opsdeck::core;

namespace {
using S = OrderState;
// Transcribed from protocol.md's "Legal transitions" block, independent of the code under test.
const std::set<std::pair<S, S>> kLegal = {
    {S::Unknown, S::Created},
    {S::Created, S::Paid},        {S::Created, S::Held},        {S::Created, S::Cancelled},
    {S::Paid, S::Picking},        {S::Paid, S::OutOfStock},     {S::Paid, S::Held},
    {S::Paid, S::Cancelled},      {S::Held, S::Paid},           {S::Held, S::Cancelled},
    {S::OutOfStock, S::Picking},  {S::OutOfStock, S::Cancelled}, {S::Picking, S::Delivering},
    {S::Picking, S::Cancelled},   {S::Delivering, S::Signed},   {S::Delivering, S::Exception},
    {S::Delivering, S::Delivering}, {S::Exception, S::Delivering}, {S::Exception, S::Returning},
    {S::Exception, S::Claiming},  {S::Returning, S::Closed},    {S::Claiming, S::Closed},
};

Event orderEvent(EventKind kind, bool ok = true)
{
    Event e;
    e.kind = kind;
    e.orderId = "o-1";
    e.stockOk = ok;
    return e;
}
} // namespace

class TestOrderState final : public QObject
{
    Q_OBJECT
private slots:
    void namesRoundTrip()
    {
        for (int i = 0; i < kOrderStateCount; ++i) {
            const auto s = static_cast<S>(i);
            const auto back = orderStateFromString(toString(s));
            QVERIFY(back.has_value());
            QVERIFY(*back == s);
        }
        QVERIFY(!orderStateFromString("DELIVERED").has_value());
        QVERIFY(!orderStateFromString("").has_value());
    }

    void everyPair_data()
    {
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("to");
        for (int f = 0; f < kOrderStateCount; ++f)
            for (int t = 0; t < kOrderStateCount; ++t)
                QTest::addRow("%s->%s", toString(S(f)).data(), toString(S(t)).data()) << f << t;
    }
    void everyPair()
    {
        QFETCH(int, from);
        QFETCH(int, to);
        const bool expected = kLegal.count({S(from), S(to)}) == 1;
        QCOMPARE(isLegalTransition(S(from), S(to)), expected);
    }

    void finals()
    {
        for (int i = 0; i < kOrderStateCount; ++i) {
            const auto s = S(i);
            QCOMPARE(isFinal(s), s == S::Signed || s == S::Closed || s == S::Cancelled);
        }
    }

    void eventsMoveOrders()
    {
        QVERIFY(stateAfter(S::Unknown, orderEvent(EventKind::OrderCreated)) == S::Created);
        QVERIFY(stateAfter(S::Created, orderEvent(EventKind::OrderPaid)) == S::Paid);
        QVERIFY(stateAfter(S::Paid, orderEvent(EventKind::OrderStockChecked, true)) == S::Picking);
        QVERIFY(stateAfter(S::Paid, orderEvent(EventKind::OrderStockChecked, false)) == S::OutOfStock);
        QVERIFY(stateAfter(S::OutOfStock, orderEvent(EventKind::OrderRestocked)) == S::Picking);
        QVERIFY(stateAfter(S::Picking, orderEvent(EventKind::OrderDispatched)) == S::Delivering);
        QVERIFY(stateAfter(S::Delivering, orderEvent(EventKind::OrderReassigned)) == S::Delivering);
        QVERIFY(stateAfter(S::Exception, orderEvent(EventKind::OrderReassigned)) == S::Delivering);
        QVERIFY(stateAfter(S::Delivering, orderEvent(EventKind::OrderEtaUpdated)) == S::Delivering);
        QVERIFY(stateAfter(S::Delivering, orderEvent(EventKind::OrderException)) == S::Exception);
        QVERIFY(stateAfter(S::Exception, orderEvent(EventKind::OrderReturnStarted)) == S::Returning);
        QVERIFY(stateAfter(S::Exception, orderEvent(EventKind::OrderClaimOpened)) == S::Claiming);
        QVERIFY(stateAfter(S::Returning, orderEvent(EventKind::OrderClosed)) == S::Closed);
        QVERIFY(stateAfter(S::Claiming, orderEvent(EventKind::OrderClosed)) == S::Closed);
        QVERIFY(stateAfter(S::Held, orderEvent(EventKind::OrderReleased)) == S::Paid);
        QVERIFY(stateAfter(S::Delivering, orderEvent(EventKind::OrderSigned)) == S::Signed);
        // Customer service (issue 18): a refund or a message keeps the state, final ones too.
        QVERIFY(stateAfter(S::Signed, orderEvent(EventKind::OrderRefunded)) == S::Signed);
        QVERIFY(stateAfter(S::Cancelled, orderEvent(EventKind::OrderRefunded)) == S::Cancelled);
        QVERIFY(stateAfter(S::Delivering, orderEvent(EventKind::CustomerNotified)) == S::Delivering);
        QVERIFY(stateAfter(S::Closed, orderEvent(EventKind::CustomerNotified)) == S::Closed);
        QVERIFY(!stateAfter(S::Unknown, orderEvent(EventKind::OrderRefunded)));   // an order never seen
        QVERIFY(!stateAfter(S::Unknown, orderEvent(EventKind::CustomerNotified)));
    }

    void eventsRefused()
    {
        // Each of these names a real mistake a gateway can make.
        QVERIFY(!stateAfter(S::Created, orderEvent(EventKind::OrderCreated)));      // created twice
        QVERIFY(!stateAfter(S::Unknown, orderEvent(EventKind::OrderPaid)));         // unknown order
        QVERIFY(!stateAfter(S::Signed, orderEvent(EventKind::OrderCancelled)));     // final
        QVERIFY(!stateAfter(S::Paid, orderEvent(EventKind::OrderDispatched)));      // skipped picking
        QVERIFY(!stateAfter(S::Delivering, orderEvent(EventKind::OrderDispatched))); // reassign is the way
        QVERIFY(!stateAfter(S::Picking, orderEvent(EventKind::OrderReassigned)));
        QVERIFY(!stateAfter(S::Paid, orderEvent(EventKind::OrderReleased)));        // not held
        QVERIFY(!stateAfter(S::Picking, orderEvent(EventKind::OrderStockChecked)));
        QVERIFY(!stateAfter(S::Paid, orderEvent(EventKind::OrderRestocked)));
        QVERIFY(!stateAfter(S::Closed, orderEvent(EventKind::OrderEtaUpdated)));
        QVERIFY(!stateAfter(S::Delivering, orderEvent(EventKind::OrderClosed)));
        QVERIFY(!stateAfter(S::Exception, orderEvent(EventKind::OrderSigned)));
        QVERIFY(!stateAfter(S::Delivering, orderEvent(EventKind::RiderPosition)));
    }

    void timestamps()
    {
        const auto ms = parseTimestampMs("2026-11-22T10:15:00.123Z");
        QVERIFY(ms.has_value());
        QCOMPARE(*ms, 1795342500123LL);
        QCOMPARE(formatTimestampMs(*ms), std::string("2026-11-22T10:15:00.123Z"));
        QCOMPARE(*parseTimestampMs("2026-11-22T10:15:00Z"), 1795342500000LL);
        QCOMPARE(*parseTimestampMs("2026-11-22T10:15:00.1Z"), 1795342500100LL);
        QVERIFY(!parseTimestampMs("2026-11-22 10:15:00Z"));
        QVERIFY(!parseTimestampMs("2026-13-22T10:15:00Z"));
        QVERIFY(!parseTimestampMs("2026-02-30T10:15:00Z"));
        QVERIFY(!parseTimestampMs("2026-11-22T10:15:00.12xZ"));
        QVERIFY(!parseTimestampMs("2026-11-22T10:15:00+08:00"));
        QVERIFY(!parseTimestampMs(""));
    }
};

QTEST_GUILESS_MAIN(TestOrderState)
#include "tst_order_state.moc"
