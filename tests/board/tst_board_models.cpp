// BoardModel, BoardColumnModel and RiderDropModel under QAbstractItemModelTester, with
// exact row ranges: one insert per batch, ranged removes, a bounded window that refills
// at its end, more listed on demand (listMore, ensureShown), one reset for
// scattered removals, marks that follow the feed, a frozen column that holds still.
#include "BoardFixtures.h"
#include "CardPainting.h"
#include "widgets/board/BoardColumnModel.h"
#include "widgets/board/BoardFilter.h"
#include "widgets/board/BoardModel.h"
#include "widgets/board/OrderCardDelegate.h"
#include "widgets/board/RiderDropModel.h"

#include <QAbstractItemModelTester>
#include <QImage>
#include <QMimeData>
#include <QSignalSpy>
#include <QtTest>

#include <memory>

using namespace opsdeck;
using boardtest::kNow;
using boardtest::order;
using widgets::BoardColumnModel;
using widgets::BoardModel;

namespace {

using Tester = QAbstractItemModelTester;
constexpr auto kFatal = QAbstractItemModelTester::FailureReportingMode::Fatal;

QStringList ids(const BoardColumnModel &column)
{
    QStringList out;
    for (int row = 0; row < column.rowCount(); ++row)
        out << column.order(row).orderId;
    return out;
}

QPair<int, int> range(const QList<QVariant> &signal)
{
    return {signal.at(1).toInt(), signal.at(2).toInt()};
}

} // namespace

class TestBoardModels final : public QObject
{
    Q_OBJECT
private slots:
    void columnsFollowStatesInAgeOrder()
    {
        BoardModel model;
        model.setClock([] { return kNow; });
        Tester t1(&model, kFatal);
        // Deliberately out of age order: the column sorts by time entered the state.
        model.reset({order(3, "CREATED"), order(1, "CREATED"), order(2, "PAID"), order(4, "BOGUS")});
        BoardColumnModel created(&model, QStringLiteral("CREATED"));
        BoardColumnModel paid(&model, QStringLiteral("PAID"));
        Tester t2(&created, kFatal);
        Tester t3(&paid, kFatal);
        QCOMPARE(ids(created), (QStringList{"o-0001", "o-0003"}));
        QCOMPARE(ids(paid), (QStringList{"o-0002"}));
        // An order in a state the protocol does not know is kept, but in no column.
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.card(model.rowOf("o-0004")).column, -1);
    }

    void oneBatchIsOneInsertAndRangedRemoves()
    {
        BoardModel model;
        model.setClock([] { return kNow; });
        model.reset({order(1, "CREATED"), order(2, "CREATED"), order(3, "CREATED"), order(4, "CREATED")});
        BoardColumnModel created(&model, QStringLiteral("CREATED"));
        BoardColumnModel paid(&model, QStringLiteral("PAID"));
        Tester t1(&model, kFatal);
        Tester t2(&created, kFatal);
        Tester t3(&paid, kFatal);
        QSignalSpy sourceInserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy createdInserted(&created, &QAbstractItemModel::rowsInserted);
        QSignalSpy createdRemoved(&created, &QAbstractItemModel::rowsRemoved);
        QSignalSpy paidInserted(&paid, &QAbstractItemModel::rowsInserted);
        QSignalSpy batches(&model, &BoardModel::batchApplied);

        // Three new orders and two moves (o-0002, o-0003: adjacent, one run) in one turn.
        model.enqueue({order(5, "CREATED"), order(6, "CREATED")});
        model.enqueue({order(2, "PAID", kNow), order(3, "PAID", kNow + 1), order(7, "CREATED")});
        QCOMPARE(model.rowCount(), 4); // nothing before the event loop turns
        QTRY_COMPARE(batches.size(), 1);

        QCOMPARE(sourceInserted.size(), 1);
        QCOMPARE(range(sourceInserted.first()), qMakePair(4, 6));
        QCOMPARE(createdRemoved.size(), 1);
        QCOMPARE(range(createdRemoved.first()), qMakePair(1, 2));
        QCOMPARE(createdInserted.size(), 1);
        QCOMPARE(range(createdInserted.first()), qMakePair(2, 4));
        QCOMPARE(paidInserted.size(), 1);
        QCOMPARE(range(paidInserted.first()), qMakePair(0, 1));
        QCOMPARE(ids(created), (QStringList{"o-0001", "o-0004", "o-0005", "o-0006", "o-0007"}));
        QCOMPARE(ids(paid), (QStringList{"o-0002", "o-0003"}));
    }

    void boundedWindowRefillsAtItsEnd()
    {
        BoardModel model;
        model.setClock([] { return kNow; });
        QList<sdk::OrderRow> rows;
        for (int n = 1; n <= 6; ++n)
            rows << order(n, "PICKING");
        model.reset(rows);
        BoardColumnModel picking(&model, QStringLiteral("PICKING"));
        picking.setMaxShown(3);
        Tester tester(&picking, kFatal);
        QCOMPARE(picking.rowCount(), 3);
        QCOMPARE(picking.totalCount(), 6);
        QSignalSpy removed(&picking, &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(&picking, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&picking, &QAbstractItemModel::modelReset);

        // A shown card leaves (o-0002) and a hidden one leaves (o-0005): one ranged
        // remove for the shown one, then the window refills from the hidden members.
        model.enqueue({order(2, "DELIVERING"), order(5, "CANCELLED")});
        model.flush();
        QCOMPARE(reset.size(), 0);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(range(removed.first()), qMakePair(1, 1));
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(range(inserted.first()), qMakePair(2, 2));
        QCOMPARE(ids(picking), (QStringList{"o-0001", "o-0003", "o-0004"}));
        QCOMPARE(picking.totalCount(), 4);
        QCOMPARE(picking.rowOfOrder("o-0006"), -1); // member, not shown
        QCOMPARE(picking.rowOfOrder("o-0004"), 2);
    }

    // Issue 14: Delivering showed only its oldest 1,000 cards, so a card reassigned into
    // it (the newest in the state) was not there to see. The column lists 1,000 at first
    // and more as the view scrolls to the end (listMore), and lists a card it is asked
    // for at once; it never hides one silently (isCapped() for the header).
    void aFullColumnListsEveryCardOnDemand()
    {
        BoardModel model;
        model.setClock([] { return kNow; });
        QList<sdk::OrderRow> rows;
        for (int n = 1; n <= 2500; ++n)
            rows << order(n, "DELIVERING", kNow - 3'600'000 + n);
        rows << order(2501, "EXCEPTION");
        model.reset(rows);
        BoardColumnModel delivering(&model, QStringLiteral("DELIVERING"));
        Tester tester(&delivering, kFatal);
        QCOMPARE(delivering.rowCount(), 1000);
        QVERIFY(delivering.isCapped());
        QVERIFY(delivering.canListMore());
        delivering.listMore();
        QCOMPARE(delivering.rowCount(), 2000);

        sdk::OrderRow reassigned = order(2501, "DELIVERING", kNow);
        reassigned.riderId = QStringLiteral("r-9");
        model.enqueue({reassigned});
        model.flush();
        QCOMPARE(delivering.totalCount(), 2501);
        QCOMPARE(delivering.rowOfOrder(reassigned.orderId), -1); // not listed yet...
        QCOMPARE(delivering.ensureShown(reassigned.orderId), 2500); // ...until asked for: the bottom
        QCOMPARE(delivering.rowCount(), 2501);
        QVERIFY(!delivering.canListMore());
        QCOMPARE(delivering.ensureShown(order(1, {}).orderId), 0);
        QCOMPARE(delivering.ensureShown(QStringLiteral("o-9999")), -1);

        delivering.setFilter({}); // a rebuild lists the first 1,000 again
        QCOMPARE(delivering.rowCount(), 1000);
    }

    // Frozen (the pointer is over the board): the cards stay where they are and repaint;
    // what would leave or arrive waits, counted, and lands in one batch on thaw.
    void frozenColumnHoldsStillUntilThawed()
    {
        BoardModel model;
        model.setClock([] { return kNow; });
        model.reset({order(1, "PAID"), order(2, "PAID"), order(3, "PAID"), order(4, "CREATED")});
        BoardColumnModel paid(&model, QStringLiteral("PAID"));
        Tester tester(&paid, kFatal);
        paid.setFrozen(true);
        QSignalSpy changed(&paid, &QAbstractItemModel::dataChanged);
        QSignalSpy removed(&paid, &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(&paid, &QAbstractItemModel::rowsInserted);
        model.enqueue({order(2, "PICKING"), order(4, "PAID"), order(5, "PAID"), order(1, "PAID")});
        model.flush();
        QCOMPARE(ids(paid), (QStringList{"o-0001", "o-0002", "o-0003"})); // nothing moved
        QCOMPARE(removed.size() + inserted.size(), 0);
        QVERIFY(!changed.isEmpty()); // o-0002 repaints in place (now PICKING), o-0001 too
        QCOMPARE(paid.order(1).state, QStringLiteral("PICKING"));
        QCOMPARE(paid.deferredMoves().size(), 3); // o-0002 leaves, o-0004 and o-0005 arrive
        // A card followed after an action moves even now.
        paid.setExempt([&model](int row) { return model.card(row).row.orderId == QLatin1String("o-0003"); });
        model.enqueue({order(3, "HELD")});
        model.flush();
        QCOMPARE(ids(paid), (QStringList{"o-0001", "o-0002"}));
        paid.setExempt({});
        model.enqueue({order(6, "PAID")});
        model.flush();
        QCOMPARE(paid.deferredMoves().size(), 4);

        QSignalSpy deferred(&paid, &BoardColumnModel::deferredChanged);
        paid.setFrozen(false);
        QCOMPARE(ids(paid), (QStringList{"o-0001", "o-0004", "o-0005", "o-0006"}));
        QCOMPARE(paid.totalCount(), 4);
        QVERIFY(paid.deferredMoves().isEmpty());
        QCOMPARE(deferred.size(), 1);
    }

    void scatteredRemovalsAreOneReset()
    {
        BoardModel model;
        model.setClock([] { return kNow; });
        QList<sdk::OrderRow> rows;
        for (int n = 0; n < 100; ++n)
            rows << order(n, "PICKING");
        model.reset(rows);
        BoardColumnModel picking(&model, QStringLiteral("PICKING"));
        Tester tester(&picking, kFatal);
        QSignalSpy removed(&picking, &QAbstractItemModel::rowsRemoved);
        QSignalSpy reset(&picking, &QAbstractItemModel::modelReset);
        QList<sdk::OrderRow> moves;
        for (int n = 0; n < 100; n += 3) // 34 runs > kMaxRemovalRuns
            moves << order(n, "DELIVERING");
        model.enqueue(moves);
        model.flush();
        QCOMPARE(reset.size(), 1);
        QCOMPARE(removed.size(), 0);
        QCOMPARE(picking.rowCount(), 66);
        QCOMPARE(picking.order(0).orderId, QStringLiteral("o-0001"));
    }

    void filtersAndDoneToday()
    {
        BoardModel model;
        model.setClock([] { return kNow; });
        auto late = order(1, "DELIVERING");
        late.promisedAtMs = kNow - 7 * 60'000;
        auto oldSigned = order(2, "SIGNED", kNow - 3 * 86'400'000LL);
        model.reset({late, order(3, "DELIVERING"), oldSigned, order(4, "SIGNED", kNow - 1000)});
        BoardColumnModel delivering(&model, QStringLiteral("DELIVERING"));
        BoardColumnModel signedToday(&model, QStringLiteral("SIGNED"));
        signedToday.setTodayOnly(true);
        Tester t1(&delivering, kFatal);
        Tester t2(&signedToday, kFatal);
        QCOMPARE(ids(signedToday), QStringList{"o-0004"});

        widgets::BoardFilter filter;
        filter.lateOnly = true;
        delivering.setFilter(filter);
        QCOMPARE(ids(delivering), QStringList{"o-0001"});
        filter = {};
        filter.depot = QStringLiteral("BJ-HD-02"); // even numbers
        delivering.setFilter(filter);
        QCOMPARE(delivering.rowCount(), 0);
        filter = {};
        filter.orderIds = QSet<QString>{QStringLiteral("o-0003")};
        delivering.setFilter(filter);
        QCOMPARE(ids(delivering), QStringList{"o-0003"});
        QCOMPARE(widgets::slaLevel(late, kNow), widgets::SlaLevel::Late);
        QCOMPARE(widgets::slaLevel(order(3, "DELIVERING"), kNow), widgets::SlaLevel::OnTime);
        auto soon = order(5, "PAID");
        soon.promisedAtMs = kNow + 5 * 60'000;
        QCOMPARE(widgets::slaLevel(soon, kNow), widgets::SlaLevel::AtRisk);

        // A saved view round-trips through QVariantMap (what QSettings stores).
        widgets::BoardFilter saved;
        saved.channel = QStringLiteral("fresh");
        saved.hiddenStates = QStringList{QStringLiteral("CLOSED")};
        saved.lateOnly = true;
        const auto back = widgets::BoardFilter::fromMap(saved.toMap());
        QCOMPARE(back.channel, saved.channel);
        QCOMPARE(back.hiddenStates, saved.hiddenStates);
        QVERIFY(back.lateOnly);

        // A request from another view (SelectionService::showOrders, e.g. a KPI tile).
        const auto asked = widgets::BoardFilter::fromRequest(
            {{QStringLiteral("state"), QStringLiteral("EXCEPTION")},
             {QStringLiteral("depot"), QStringLiteral("BJ-CY-01")},
             {QStringLiteral("orderIds"), QStringList{QStringLiteral("o-0001"), QStringLiteral("o-0002")}}});
        QCOMPARE(asked.depot, QStringLiteral("BJ-CY-01"));
        QCOMPARE(asked.hiddenStates.size(), sdk::orderStates().size() - 1);
        QVERIFY(!asked.hiddenStates.contains(QStringLiteral("EXCEPTION")));
        QVERIFY(asked.orderIds && asked.orderIds->size() == 2 && asked.orderIds->contains(QStringLiteral("o-0002")));
        QVERIFY(!widgets::BoardFilter::fromRequest({}).orderIds.has_value());
    }

    void pendingUntilTheFeedShowsIt()
    {
        BoardModel model;
        model.setClock([] { return kNow; });
        model.reset({order(1, "DELIVERING")});
        BoardColumnModel delivering(&model, QStringLiteral("DELIVERING"));
        Tester tester(&delivering, kFatal);
        QSignalSpy changed(&delivering, &QAbstractItemModel::dataChanged);
        model.markPending("o-0001", "DELIVERING", "r-9");
        model.flush();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(delivering.data(delivering.index(0), BoardModel::MarkRole).toInt(),
                 int(BoardModel::Mark::Pending));
        // A feed update that is not the awaited change keeps it pending.
        auto other = order(1, "DELIVERING");
        other.riderId = QStringLiteral("r-1");
        model.enqueue({other});
        model.flush();
        QCOMPARE(model.card(0).mark, BoardModel::Mark::Pending);
        auto done = other;
        done.riderId = QStringLiteral("r-9");
        model.enqueue({done});
        model.flush();
        QCOMPARE(model.card(0).mark, BoardModel::Mark::Confirmed);
    }

    // The customer-note and priority flags (protocol extension) and the suspicious one:
    // which a card gets, that they are really painted, and what the tooltip tells.
    void cardFlagsNoteAndPriority()
    {
        using Delegate = widgets::OrderCardDelegate;
        auto plain = order(1, "PAID");
        auto flagged = order(2, "HELD");
        flagged.priority = 2;
        flagged.hasCustomerNote = true;
        flagged.customerNote = QStringLiteral("放门卫室");
        flagged.lastReason = QStringLiteral("suspicious_burst");
        auto masked = order(3, "PAID");
        masked.priority = 1;
        masked.hasCustomerNote = true; // a dispatcher: the note's text is withheld

        QVERIFY(Delegate::flags(plain).isEmpty());
        const auto texts = [](const QList<Delegate::Flag> &flags) {
            QStringList out;
            for (const auto &f : flags)
                out << f.text;
            return out;
        };
        QCOMPARE(texts(Delegate::flags(flagged)), (QStringList{"suspicious", "urgent", "note"}));
        QCOMPARE(texts(Delegate::flags(masked)), (QStringList{"priority", "note"}));

        BoardModel model;
        model.setClock([] { return kNow; });
        model.reset({plain, flagged, masked});
        const QString tip = model.data(model.index(1), Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("放门卫室")), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("suspicious · urgent · note")), qPrintable(tip)); // the glyphs' words
        const QString maskedTip = model.data(model.index(2), Qt::ToolTipRole).toString();
        QVERIFY2(maskedTip.contains(QStringLiteral("hidden")), qPrintable(maskedTip));
        QVERIFY(!model.data(model.index(0), Qt::ToolTipRole).toString().contains(QLatin1Char('\n')));
        auto chatty = flagged;
        chatty.customerNote = QString(5000, QLatin1Char('x'));
        model.reset({chatty});
        QVERIFY(model.data(model.index(0), Qt::ToolTipRole).toString().size() < 400); // shortened for a glance
        model.reset({plain, flagged, masked});

        // Paint both cards the same way; only the flagged one has the urgent red and the
        // note blue in its top line.
        Delegate delegate(&model);
        const QImage heldCard = boardtest::paintFirstCard(model, delegate, QStringLiteral("HELD"));
        const QRect topLine(0, 0, heldCard.width(), 26);
        const auto flags = Delegate::flags(flagged);
        for (const auto &f : flags)
            QVERIFY2(boardtest::countColour(heldCard, topLine, f.colour) > 40, qPrintable(f.text));
        model.reset({plain});
        const QImage paidCard = boardtest::paintFirstCard(model, delegate, QStringLiteral("PAID"));
        for (const auto &f : flags)
            QVERIFY2(boardtest::countColour(paidCard, topLine, f.colour) < 5, qPrintable(f.text));
    }

    void mimeRoundTripAndRiderDrops()
    {
        BoardModel model;
        model.reset({order(1, "DELIVERING"), order(2, "DELIVERING")});
        BoardColumnModel delivering(&model, QStringLiteral("DELIVERING"));
        std::unique_ptr<QMimeData> mime(delivering.mimeData({delivering.index(0), delivering.index(1)}));
        QCOMPARE(BoardColumnModel::orderIdsFrom(mime.get()), (QStringList{"o-0001", "o-0002"}));
        QMimeData foreign;
        foreign.setText(QStringLiteral("o-0001"));
        QVERIFY(BoardColumnModel::orderIdsFrom(&foreign).isEmpty()); // plain text is not a card

        widgets::RiderDropModel riders;
        Tester tester(&riders, kFatal);
        QSignalSpy inserted(&riders, &QAbstractItemModel::rowsInserted);
        sdk::RiderRow a{QStringLiteral("r-1"), QStringLiteral("Li"), QStringLiteral("BJ-CY-01"), QStringLiteral("idle")};
        sdk::RiderRow b{QStringLiteral("r-2"), QStringLiteral("Wu"), QStringLiteral("BJ-CY-01"), QStringLiteral("idle")};
        riders.update({a, b, a});
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(range(inserted.first()), qMakePair(0, 1));
        QSignalSpy changed(&riders, &QAbstractItemModel::dataChanged);
        b.status = QStringLiteral("delivering");
        riders.update({b});
        QCOMPARE(changed.size(), 1);
        // A new position alone changes nothing the list shows or sorts by: no signal, so a
        // storm of fixes costs the list and its sorting proxy nothing.
        changed.clear();
        sdk::RiderRow moved = a;
        moved.lat = 39.95;
        moved.lng = 116.45;
        riders.update({moved, b});
        QCOMPARE(changed.size(), 0);
        QCOMPARE(riders.rider(0).lat, 39.95);
        // Changes far apart: one signal per changed row, not a span over every row between.
        sdk::RiderRow c{QStringLiteral("r-3"), QStringLiteral("Xu"), QStringLiteral("BJ-CY-01"), QStringLiteral("idle")};
        riders.update({c});
        moved.status = QStringLiteral("offline");
        c.status = QStringLiteral("offline");
        riders.update({moved, b, c});
        QCOMPARE(changed.size(), 2);
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 0);
        QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 0);
        QCOMPARE(changed.at(1).at(0).toModelIndex().row(), 2);
        QSignalSpy reassign(&riders, &widgets::RiderDropModel::reassignRequested);
        QVERIFY(!riders.dropMimeData(mime.get(), Qt::CopyAction, -1, -1, {})); // not on a rider
        QCOMPARE(reassign.size(), 0);
        riders.dropMimeData(mime.get(), Qt::CopyAction, -1, -1, riders.index(1, 0));
        QCOMPARE(reassign.size(), 1);
        QCOMPARE(reassign.first().at(1).toString(), QStringLiteral("r-2"));
        QVERIFY(!riders.dropMimeData(&foreign, Qt::CopyAction, -1, -1, riders.index(1, 0)));
        QCOMPARE(reassign.size(), 1);
    }
};

QTEST_MAIN(TestBoardModels)
#include "tst_board_models.moc"
