// How the board behaves under a user's hands (issue 14), offscreen with the real board,
// menus and dialogs. The actions service answers with the real state machine
// (ControlOrderActions::refusalFor) and sends nothing: the feed's answer is played by
// the test, at the moment a race would put it.
//  - a card reassigned into a full column (1,500 cards, 1,000 listed at first) is listed,
//    scrolled into view and marked; the "sent" message gives way when the feed confirms
//    and clears on the board's own timer;
//  - a refusal clears on the board's timer, a KPI tile's narrowing note with the narrowing;
//  - a selection elsewhere selects and scrolls to the card without narrowing the board;
//    scrolled to the end, a column lists the rest;
//  - the board holds still under the pointer: moves wait, "N updates" applies them,
//    leaving applies them;
//  - a menu acts on the card it was opened on, and says when that order moved on; the
//    reason dialog names its order and refuses to act on one that moved while it was open;
//  - only what the order's state and the user's role allow is offered, the rest greyed
//    with the reason; customer service gets no "Why cancel?"; the merchant's read-only
//    board offers nothing.
#include "BoardFixtures.h"
#include "BoardUiHelpers.h"
#include "app/features/board/ControlOrderActions.h"
#include "widgets/board/BoardActionController.h"
#include "widgets/board/BoardHoldStill.h"
#include "widgets/board/BoardModel.h"
#include "widgets/board/RiderDropModel.h"
#include "widgets/common/ActionReasonDialog.h"
#include "widgets/merchant/MerchantOrdersPanel.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QToolButton>

#include <memory>

using namespace opsdeck;
using boardtest::kNow;
using boardtest::order;
using widgets::BoardModel;
using Kind = sdk::OrderActions::Kind;

namespace {

constexpr auto kFatal = QAbstractItemModelTester::FailureReportingMode::Fatal;

// The gateway's state machine, checked as the console checks it; nothing goes out.
class ScriptedActions final : public sdk::OrderActions
{
public:
    QString check(const Request &request) const override { return app::ControlOrderActions::refusalFor(request); }
    Submitted submit(const Request &request) override
    {
        if (QString why = check(request); !why.isEmpty())
            return {{}, why};
        sent << request;
        return {QStringLiteral("c-%1").arg(sent.size()), {}};
    }
    QList<Request> sent;
};

// The board as a console builds it for `role`, in a desktop-sized window.
class Desk
{
public:
    explicit Desk(const QList<sdk::OrderRow> &orders, const QString &role = QStringLiteral("dispatcher"))
    {
        model.setClock([] { return kNow; });
        model.reset(orders);
        board = std::make_unique<widgets::OrderKanbanBoard>(&model, &riders, nullptr, QStringLiteral("u1"));
        controller = std::make_unique<widgets::BoardActionController>(&model, &actions, board.get());
        controller->setRole(role);
        board->setActionController(controller.get());
        board->resize(1920, 900);
        message = board->findChild<QLabel *>(QStringLiteral("messageLabel"));
    }

    BoardModel::Mark markOf(const QString &id) const { return model.card(model.rowOf(id)).mark; }
    void feed(const QList<sdk::OrderRow> &rows)
    {
        model.enqueue(rows);
        model.flush();
    }

    BoardModel model;
    widgets::RiderDropModel riders;
    ScriptedActions actions;
    std::unique_ptr<widgets::OrderKanbanBoard> board;
    std::unique_ptr<widgets::BoardActionController> controller;
    QLabel *message = nullptr;
};

QList<sdk::OrderRow> someOfEach()
{
    QList<sdk::OrderRow> rows;
    for (int n = 1; n <= 4; ++n)
        rows << order(n, QStringLiteral("PAID"));
    rows << order(5, QStringLiteral("CREATED")) << order(6, QStringLiteral("DELIVERING"))
         << order(7, QStringLiteral("HELD")) << order(8, QStringLiteral("PICKING"));
    return rows;
}

sdk::OrderRow moved(int n, const QString &state)
{
    sdk::OrderRow o = order(n, state, kNow);
    if (state == QLatin1String("DELIVERING"))
        o.riderId = QStringLiteral("r-3");
    return o;
}

struct Offer {
    bool enabled = false;
    QString tip;
};

// Right-clicks the card and reads the menu's four actions, then closes it.
QHash<QString, Offer> offered(widgets::OrderKanbanBoard &board, const QString &state, const QString &id)
{
    QHash<QString, Offer> out;
    boardtest::Answer<QMenu> menu([&out](QMenu *m) {
        for (QAction *action : m->actions())
            out.insert(action->objectName(), {action->isEnabled(), action->toolTip()});
        m->close();
    });
    boardtest::rightClickCard(boardtest::findCard(board, state, id));
    return out;
}

bool fireMessageTimer(widgets::OrderKanbanBoard &board)
{
    auto *timer = board.findChild<QTimer *>(QStringLiteral("messageTimer"));
    return timer && timer->isActive() && QMetaObject::invokeMethod(timer, "timeout");
}

} // namespace

class TestBoardBehaviour final : public QObject
{
    Q_OBJECT
private slots:
    void actedCardFollowsItsOrderIntoAFullColumn()
    {
        QList<sdk::OrderRow> rows;
        for (int n = 1; n <= 1500; ++n)
            rows << order(n, QStringLiteral("DELIVERING"), kNow - 3'600'000 + n);
        rows << order(1501, QStringLiteral("EXCEPTION"));
        Desk d(rows);
        QVERIFY(boardtest::showActive(d.board.get()));
        auto *delivering = d.board->columnModel(QStringLiteral("DELIVERING"));
        QAbstractItemModelTester tester(delivering, kFatal);
        QListView *list = d.board->columnView(QStringLiteral("DELIVERING"))->listView();
        // The pointer rests on the board: it holds still, but the card acted on moves.
        QTest::mouseMove(list->viewport(), list->viewport()->rect().center());
        QTRY_VERIFY(d.board->holdStill()->isHolding());

        const QString id = order(1501, {}).orderId;
        d.controller->reassign({id}, QStringLiteral("r-3"));
        QCOMPARE(d.markOf(id), BoardModel::Mark::Pending);
        QVERIFY2(d.message->text().contains(QLatin1String("1 command(s) sent")), qPrintable(d.message->text()));
        d.feed({moved(1501, QStringLiteral("DELIVERING"))}); // order.reassigned on the feed

        const int row = delivering->rowOfOrder(id);
        QCOMPARE(row, 1500); // the newest in the state: the bottom of 1,501 cards
        QVERIFY(list->viewport()->rect().intersects(list->visualRect(delivering->index(row))));
        QCOMPARE(d.markOf(id), BoardModel::Mark::Confirmed);
        QVERIFY2(!d.message->text().contains(QLatin1String("sent")), qPrintable(d.message->text()));
        QVERIFY(d.message->isVisible());
        QVERIFY(fireMessageTimer(*d.board));
        QVERIFY(d.message->isHidden());
    }

    // What the alert queue or the map selects: the board selects the card and scrolls to
    // it, deep in a full column, without touching its filters; a card the user's filters
    // hide stays hidden, and the board says so.
    void selectionElsewhereSelectsTheCardWithoutNarrowing()
    {
        QList<sdk::OrderRow> rows;
        for (int n = 1; n <= 1500; ++n)
            rows << order(n, QStringLiteral("DELIVERING"), kNow - 3'600'000 + n);
        Desk d(rows);
        QVERIFY(boardtest::showActive(d.board.get()));
        auto *delivering = d.board->columnModel(QStringLiteral("DELIVERING"));
        QAbstractItemModelTester tester(delivering, kFatal);
        QListView *list = d.board->columnView(QStringLiteral("DELIVERING"))->listView();
        const QString id = order(1400, {}).orderId;
        QVERIFY(d.board->revealOrder(id));
        QCOMPARE(d.board->selectedOrderIds(), QStringList{id});
        QVERIFY(list->viewport()->rect().intersects(list->visualRect(delivering->index(delivering->rowOfOrder(id)))));
        QCOMPARE(delivering->totalCount(), 1500); // nothing narrowed
        QVERIFY(!d.board->filter().orderIds);
        // Scrolled to the end, the column lists the rest: every card is reachable.
        list->verticalScrollBar()->setValue(list->verticalScrollBar()->maximum());
        QTRY_COMPARE(delivering->rowCount(), 1500);

        widgets::BoardFilter depot;
        depot.depot = QStringLiteral("BJ-CY-01"); // odd numbers only
        d.board->setFilter(depot);
        const QString even = order(1000, {}).orderId;
        QVERIFY(!d.board->revealOrder(even));
        QCOMPARE(d.board->filter().depot, QStringLiteral("BJ-CY-01"));
        QVERIFY2(d.message->text().contains(even), qPrintable(d.message->text()));
    }

    // A refusal has its moment and goes (the board's timer); what describes the board's
    // state (a KPI tile's narrowing) stays while it holds and goes with it.
    void messagesLastAsLongAsTheirMoment()
    {
        Desk d(someOfEach());
        QVERIFY(boardtest::showActive(d.board.get()));
        const boardtest::CardPos card =
            boardtest::findCard(*d.board, QStringLiteral("DELIVERING"), order(6, {}).orderId);
        boardtest::clickCard(card);
        QTest::keyClick(card.list, Qt::Key_H, Qt::ControlModifier); // refused: cannot be held
        QVERIFY(d.message->isVisible());
        QVERIFY(fireMessageTimer(*d.board));
        QVERIFY(d.message->isHidden());

        d.board->setFilter(widgets::BoardFilter::fromRequest({{QStringLiteral("reason"), QStringLiteral("fraud")}}));
        QVERIFY(d.message->isVisible());
        QVERIFY(!fireMessageTimer(*d.board)); // not on the timer: the board is still narrowed
        QTest::keyClicks(d.board->findChild<QLineEdit *>(QStringLiteral("riderEdit")), QStringLiteral("r"));
        QVERIFY(d.message->isHidden()); // the bar changed: no longer narrowed, no longer said
    }

    void boardHoldsStillUnderThePointer()
    {
        Desk d(someOfEach());
        QVERIFY(boardtest::showActive(d.board.get()));
        auto *paid = d.board->columnModel(QStringLiteral("PAID"));
        QAbstractItemModelTester tester(paid, kFatal);
        QListView *list = d.board->columnView(QStringLiteral("PAID"))->listView();
        auto *updates = d.board->findChild<QToolButton *>(QStringLiteral("updatesButton"));
        QVERIFY(updates);
        QVERIFY(updates->isHidden());
        QTest::mouseMove(list->viewport(), list->visualRect(paid->index(0)).center());
        QTRY_VERIFY(d.board->holdStill()->isHolding());

        d.feed({moved(1, QStringLiteral("PICKING")), moved(5, QStringLiteral("PAID"))});
        QCOMPARE(paid->order(0).orderId, order(1, {}).orderId); // still under the pointer
        QCOMPARE(paid->rowCount(), 4);
        QVERIFY(updates->isVisible());
        QCOMPARE(updates->text(), QStringLiteral("2 update(s)"));
        updates->click(); // as a click would, without moving the pointer off the cards
        QCOMPARE(paid->rowOfOrder(order(1, {}).orderId), -1);
        QVERIFY(paid->rowOfOrder(order(5, {}).orderId) >= 0);
        QVERIFY(updates->isHidden());

        d.feed({moved(2, QStringLiteral("PICKING"))});
        QVERIFY(paid->rowOfOrder(order(2, {}).orderId) >= 0); // held again
        QTest::mouseMove(d.board->findChild<QLineEdit *>(QStringLiteral("searchEdit")));
        QTRY_VERIFY(!d.board->holdStill()->isHolding());
        QCOMPARE(paid->rowOfOrder(order(2, {}).orderId), -1); // applied on leaving
        QVERIFY(d.board->columnModel(QStringLiteral("PICKING"))->rowOfOrder(order(2, {}).orderId) >= 0);
    }

    // A pointer parked on the board while the user looks elsewhere (the first screen
    // under a pointer in the middle of the display) does not hold it forever: at rest it
    // lets the board catch up; a move over the cards holds it again.
    void pointerAtRestLetsTheBoardCatchUp()
    {
        Desk d(someOfEach());
        QVERIFY(boardtest::showActive(d.board.get()));
        auto *paid = d.board->columnModel(QStringLiteral("PAID"));
        QListView *list = d.board->columnView(QStringLiteral("PAID"))->listView();
        widgets::BoardHoldStill *hold = d.board->holdStill();
        QTest::mouseMove(list->viewport(), list->visualRect(paid->index(0)).center());
        QTRY_VERIFY(hold->isHolding());
        QVERIFY(hold->restTimer()->isActive());
        d.feed({moved(1, QStringLiteral("PICKING"))});
        QVERIFY(paid->rowOfOrder(order(1, {}).orderId) >= 0); // held
        QVERIFY(QMetaObject::invokeMethod(hold->restTimer(), "timeout"));
        QVERIFY(!hold->isHolding());
        QCOMPARE(paid->rowOfOrder(order(1, {}).orderId), -1); // caught up
        QTest::mouseMove(list->viewport(), list->visualRect(paid->index(0)).center() + QPoint(3, 2));
        QTRY_VERIFY(hold->isHolding());
    }

    // The order behind a right-clicked card moves on while the menu is open: Cancel acts
    // on that order, and as it can no longer be cancelled, says so; no dialog.
    void menuActsOnTheCardItWasOpenedOn()
    {
        Desk d(someOfEach());
        QVERIFY(boardtest::showActive(d.board.get()));
        const QString id = order(2, {}).orderId;
        boardtest::Answer<QMenu> menu([&d](QMenu *m) {
            d.feed({moved(2, QStringLiteral("DELIVERING"))});
            boardtest::clickMenuAction(m, QStringLiteral("cancelAction"));
        });
        boardtest::Answer<QDialog> dialog([](QDialog *dlg) { boardtest::clickCancel(dlg); });
        boardtest::rightClickCard(boardtest::findCard(*d.board, QStringLiteral("PAID"), id));
        QCOMPARE(menu.count(), 1);
        QCOMPARE(dialog.count(), 0);
        QVERIFY2(d.message->text().contains(id) && d.message->text().contains(QLatin1String("Delivering")),
                 qPrintable(d.message->text()));
        QVERIFY(d.actions.sent.isEmpty());
    }

    // "Cancel order o-0001?": the dialog names the order and its state; the order moves
    // on while it is open, and OK sends nothing but says why.
    void reasonDialogNamesItsOrderAndNoticesAMove()
    {
        Desk d(someOfEach());
        QVERIFY(boardtest::showActive(d.board.get()));
        const QString id = order(1, {}).orderId;
        QString title, prompt;
        boardtest::Answer<QMenu> menu([](QMenu *m) { boardtest::clickMenuAction(m, QStringLiteral("cancelAction")); });
        boardtest::Answer<widgets::ActionReasonDialog> dialog([&](widgets::ActionReasonDialog *dlg) {
            title = dlg->windowTitle();
            prompt = dlg->findChild<QLabel *>(QStringLiteral("promptLabel"))->text();
            d.feed({moved(1, QStringLiteral("PICKING"))});
            boardtest::clickOk(dlg);
        });
        boardtest::rightClickCard(boardtest::findCard(*d.board, QStringLiteral("PAID"), id));
        QTRY_COMPARE(dialog.count(), 1);
        QCOMPARE(title, QStringLiteral("Cancel order %1?").arg(id));
        QVERIFY2(prompt.contains(id) && prompt.contains(QLatin1String("Paid")), qPrintable(prompt));
        QVERIFY(d.actions.sent.isEmpty());
        QVERIFY(d.markOf(id) != BoardModel::Mark::Pending);
        QVERIFY2(d.message->text().contains(id) && d.message->text().contains(QLatin1String("Picking")),
                 qPrintable(d.message->text()));
    }

    void onlyWhatStateAndRoleAllowIsOffered()
    {
        Desk d(someOfEach());
        QVERIFY(boardtest::showActive(d.board.get()));
        const auto expect = [&](int n, const QString &state, const QStringList &enabled) {
            const QHash<QString, Offer> menu = offered(*d.board, state, order(n, {}).orderId);
            QCOMPARE(menu.size(), 4);
            for (auto it = menu.cbegin(); it != menu.cend(); ++it) {
                QVERIFY2(it->enabled == enabled.contains(it.key()), qPrintable(state + ' ' + it.key()));
                if (!it->enabled) // the reason, not the action's name
                    QVERIFY2(it->tip.contains(order(n, {}).orderId), qPrintable(it->tip));
            }
        };
        expect(6, QStringLiteral("DELIVERING"), {QStringLiteral("reassignAction")});
        expect(7, QStringLiteral("HELD"), {QStringLiteral("releaseAction"), QStringLiteral("cancelAction")});
        expect(1, QStringLiteral("PAID"), {QStringLiteral("holdAction"), QStringLiteral("cancelAction")});
        expect(8, QStringLiteral("PICKING"), {QStringLiteral("cancelAction")});
    }

    // The gateway lets customer service do none of the four: nothing is offered, and
    // Ctrl+Delete says why instead of asking "Why cancel?".
    void customerServiceIsOfferedNothing()
    {
        Desk d(someOfEach(), QStringLiteral("customer_service"));
        QVERIFY(boardtest::showActive(d.board.get()));
        const QString id = order(1, {}).orderId;
        const QHash<QString, Offer> menu = offered(*d.board, QStringLiteral("PAID"), id);
        QCOMPARE(menu.size(), 4);
        for (const Offer &offer : menu)
            QVERIFY(!offer.enabled);
        QVERIFY2(menu.value(QStringLiteral("cancelAction")).tip.contains(QLatin1String("may not cancel")),
                 qPrintable(menu.value(QStringLiteral("cancelAction")).tip));

        QVERIFY(boardtest::reactivate(d.board.get()));
        const boardtest::CardPos card = boardtest::findCard(*d.board, QStringLiteral("PAID"), id);
        boardtest::clickCard(card);
        QCOMPARE(d.board->selectedOrderIds(), QStringList{id});
        boardtest::Answer<QDialog> dialog([](QDialog *dlg) { boardtest::clickCancel(dlg); });
        QTest::keyClick(card.list, Qt::Key_Delete, Qt::ControlModifier);
        QCOMPARE(dialog.count(), 0);
        QVERIFY2(d.message->text().contains(QLatin1String("may not cancel")), qPrintable(d.message->text()));
        QVERIFY(d.actions.sent.isEmpty());
    }

    // The merchant's board has no actions service: it is read-only and offers nothing.
    void merchantsReadOnlyBoardOffersNothing()
    {
        QList<sdk::OrderRow> rows = someOfEach();
        for (sdk::OrderRow &o : rows)
            o.merchantId = QStringLiteral("m-1");
        widgets::MerchantOrdersPanel panel([rows] { return rows; }, nullptr, QStringLiteral("shop"), true);
        panel.setMerchant(QStringLiteral("m-1"));
        panel.resize(1920, 900);
        QVERIFY(boardtest::showActive(&panel));
        widgets::OrderKanbanBoard &board = *panel.board();
        QTRY_VERIFY(board.columnModel(QStringLiteral("PAID"))->rowCount() > 0);
        const QString id = board.columnModel(QStringLiteral("PAID"))->order(0).orderId;
        const QHash<QString, Offer> menu = offered(board, QStringLiteral("PAID"), id);
        QCOMPARE(menu.size(), 4);
        for (const Offer &offer : menu) {
            QVERIFY(!offer.enabled);
            QVERIFY2(offer.tip.contains(QLatin1String("read-only")), qPrintable(offer.tip));
        }
    }
};

QTEST_MAIN(TestBoardBehaviour)
#include "tst_board_behaviour.moc"
