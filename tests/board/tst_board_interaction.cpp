// The real board (OrderKanbanBoard, offscreen) acting against a real in-process
// sim::Gateway over tcp loopback, through the whole console pipeline, with the real
// reason dialog, context menu and shortcuts: a card dragged onto CANCELLED asks why and
// is cancelled (pending, then confirmed by the feed); a delivering card is refused at
// once; the right-click menu offers the board's actions (greying out what the order's
// state does not allow, with the reason) and its Hold… holds; Ctrl+R
// releases, Ctrl+Delete cancels, Ctrl+E reassigns; a release the gateway refuses
// (another console cancelled the order first) shows the gateway's reason on the card;
// a card dragged onto a rider in the board's riders list is reassigned to that rider;
// two cards Ctrl+clicked and Ctrl+H are held together through one reason dialog.
// The gateway is paused and stepped (BoardGateway.h): each test acts on a board that
// nothing moves on, so each action lands on the card it was meant for, first time.
#include "BoardFixtures.h"
#include "BoardGateway.h"
#include "BoardUiHelpers.h"
#include "app/features/board/ControlOrderActions.h"
#include "feed/control/ControlClient.h"
#include "sdk/OrderActions.h"
#include "widgets/common/ActionReasonDialog.h"
#include "widgets/board/BoardActionController.h"
#include "widgets/board/BoardHoldStill.h"
#include "widgets/board/BoardModel.h"
#include "widgets/board/CardListView.h"
#include "widgets/board/RiderDropModel.h"
#include "widgets/board/RiderPickerDialog.h"

#include <QComboBox>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QLabel>
#include <QSignalSpy>

#include <memory>
#include <thread>

using namespace opsdeck;
using widgets::BoardModel;
using Outcome = sdk::OrderActions::Outcome;

namespace {

// What the reason dialog showed and what was chosen in it.
struct ReasonSeen {
    QString orders;
    QStringList suggestions;
};

} // namespace

class TestBoardInteraction final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_console.start(23, &error), qPrintable(error));
        m_actions = m_console.context().service<sdk::OrderActions>();
        QVERIFY(m_actions);

        // Wired as the dispatcher plugin wires it, with the real reason dialog.
        m_console.feedBoard(m_model, m_riders);
        m_board = std::make_unique<widgets::OrderKanbanBoard>(&m_model, &m_riders, nullptr, QStringLiteral("disp1"));
        m_controller = std::make_unique<widgets::BoardActionController>(&m_model, m_actions, m_board.get());
        m_board->setActionController(m_controller.get());
        m_board->resize(1920, 1000);
        QVERIFY(boardtest::showActive(m_board.get()));
        m_message = m_board->findChild<QLabel *>(QStringLiteral("messageLabel"));
        QVERIFY(m_message);
    }

    void cleanupTestCase()
    {
        m_board.reset();
        m_controller.reset();
        m_console.stop();
    }

    void dropOnCancelledAsksWhyThenCancels()
    {
        QListView *cancelled = m_board->columnView(QStringLiteral("CANCELLED"))->listView();
        const QString id = youngCard();
        QVERIFY(!id.isEmpty());
        const QString state = stateOf(id);
        auto *source = m_board->columnModel(state);
        QSignalSpy finished(m_actions, &sdk::OrderActions::finished);
        ReasonSeen seen;
        boardtest::Answer<widgets::ActionReasonDialog> dialog(
            [&seen](widgets::ActionReasonDialog *d) { seen = choose(d, QStringLiteral("duplicate")); });

        QVERIFY(boardtest::dragCards(*source, {source->index(source->rowOfOrder(id))}, cancelled));
        QCOMPARE(dialog.count(), 1);
        QCOMPARE(seen.orders, id); // the dialog names the dropped card
        QVERIFY(seen.suggestions.contains(QLatin1String("Out of stock"))); // in words, not the code
        QCOMPARE(markOf(id), BoardModel::Mark::Pending); // at once, before any answer

        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 5000);
        QCOMPARE(finished.first().at(1).toString(), id);
        expectCarriedOut(finished.first(), id, &sdk::OrderRow::state, QStringLiteral("CANCELLED"),
                         QStringLiteral("duplicate"));
        QTRY_VERIFY(m_board->columnModel(QStringLiteral("CANCELLED"))->rowOfOrder(id) >= 0);
    }

    void dropOnCancelledRefusesADeliveringCardAtOnce()
    {
        QVERIFY(boardHasDelivering());
        auto *delivering = m_board->columnModel(QStringLiteral("DELIVERING"));
        const QString id = delivering->order(0).orderId;
        QSignalSpy finished(m_actions, &sdk::OrderActions::finished);
        boardtest::Answer<QDialog> dialog([](QDialog *d) { boardtest::clickCancel(d); });

        boardtest::dragCards(*delivering, {delivering->index(0)},
                             m_board->columnView(QStringLiteral("CANCELLED"))->listView());
        QCOMPARE(dialog.count(), 0); // no reason asked for an order that cannot be cancelled
        QVERIFY(m_message->isVisible());
        QVERIFY2(m_message->text().contains(id) && m_message->text().contains(QLatin1String("cannot be cancelled now"))
                     && m_message->text().contains(QLatin1String("Allowed now: Reassign.")),
                 qPrintable(m_message->text()));
        QVERIFY(markOf(id) != BoardModel::Mark::Pending);
        // Nothing was sent: a command that leaves logs "sent" before submit() returns.
        QCOMPARE(sentOn(id), QStringList{});
        QCOMPARE(finished.size(), 0);
    }

    // The menu lists the board's actions; its Hold… asks why and holds; then Ctrl+R on
    // the held card releases it (the gateway's held orders stay held until released).
    void contextMenuHoldsThenCtrlRReleases()
    {
        const QString id = youngCard();
        QVERIFY(!id.isEmpty());
        QSignalSpy finished(m_actions, &sdk::OrderActions::finished);
        QStringList offered;
        ReasonSeen seen;
        boardtest::Answer<QMenu> menu([&offered](QMenu *m) {
            offered = boardtest::menuTexts(m);
            boardtest::clickMenuAction(m, QStringLiteral("holdAction"));
        });
        boardtest::Answer<widgets::ActionReasonDialog> dialog(
            [&seen](widgets::ActionReasonDialog *d) { seen = choose(d, QStringLiteral("address_check")); });

        boardtest::rightClickCard(boardtest::findCard(*m_board, stateOf(id), id));
        QCOMPARE(menu.count(), 1);
        QCOMPARE(offered, (QStringList{QStringLiteral("Hold…"), QStringLiteral("Release"), QStringLiteral("Cancel…"),
                                      QStringLiteral("Reassign to…")}));
        QCOMPARE(m_board->selectedOrderIds(), QStringList{id});
        QCOMPARE(dialog.count(), 1);
        QCOMPARE(seen.orders, id);
        QCOMPARE(markOf(id), BoardModel::Mark::Pending);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 5000);
        expectCarriedOut(finished.first(), id, &sdk::OrderRow::state, QStringLiteral("HELD"),
                         QStringLiteral("address_check"));

        finished.clear();
        QVERIFY(boardtest::reactivate(m_board.get())); // before reading the board: it spins the loop
        const boardtest::CardPos card = boardtest::findCard(*m_board, QStringLiteral("HELD"), id);
        QVERIFY(card.list);
        boardtest::clickCard(card);
        QCOMPARE(m_board->selectedOrderIds(), QStringList{id});
        QTest::keyClick(card.list, Qt::Key_R, Qt::ControlModifier);
        QCOMPARE(markOf(id), BoardModel::Mark::Pending);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 5000);
        QCOMPARE(finished.first().at(2).value<Outcome>(), Outcome::Confirmed);
        QTRY_COMPARE_WITH_TIMEOUT(markOf(id), BoardModel::Mark::Confirmed, 10000);
        QVERIFY(stateOf(id) != QLatin1String("HELD"));
    }

    // Issue 14: an action the order's state does not allow is not offered: greyed, with
    // the reason as its tip; nothing is sent.
    void contextMenuGreysOutReleaseOfADeliveringCardWithItsReason()
    {
        QVERIFY(boardHasDelivering());
        const QString id = m_board->columnModel(QStringLiteral("DELIVERING"))->order(0).orderId;
        QSignalSpy finished(m_actions, &sdk::OrderActions::finished);
        bool releaseEnabled = true, reassignEnabled = false;
        QString tip;
        boardtest::Answer<QMenu> menu([&](QMenu *m) {
            for (QAction *action : m->actions()) {
                if (action->objectName() == QLatin1String("releaseAction")) {
                    releaseEnabled = action->isEnabled();
                    tip = action->toolTip();
                }
                if (action->objectName() == QLatin1String("reassignAction"))
                    reassignEnabled = action->isEnabled();
            }
            m->close();
        });
        boardtest::rightClickCard(boardtest::findCard(*m_board, QStringLiteral("DELIVERING"), id));
        QCOMPARE(menu.count(), 1);
        QVERIFY(!releaseEnabled);
        QVERIFY(reassignEnabled);
        QVERIFY2(tip.contains(id) && tip.contains(QLatin1String("only a held order")), qPrintable(tip));
        QCOMPARE(finished.size(), 0);
    }

    void ctrlDeleteCancelsTheSelectedCard()
    {
        QVERIFY(boardtest::reactivate(m_board.get()));
        const QString id = youngCard();
        QVERIFY(!id.isEmpty());
        const boardtest::CardPos card = boardtest::findCard(*m_board, stateOf(id), id);
        boardtest::clickCard(card);
        QCOMPARE(m_board->selectedOrderIds(), QStringList{id});
        QSignalSpy finished(m_actions, &sdk::OrderActions::finished);
        ReasonSeen seen;
        boardtest::Answer<widgets::ActionReasonDialog> dialog(
            [&seen](widgets::ActionReasonDialog *d) { seen = choose(d, QStringLiteral("customer_request")); });
        QTest::keyClick(card.list, Qt::Key_Delete, Qt::ControlModifier);
        QCOMPARE(dialog.count(), 1);
        QCOMPARE(seen.orders, id);
        QCOMPARE(markOf(id), BoardModel::Mark::Pending);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 5000);
        expectCarriedOut(finished.first(), id, &sdk::OrderRow::state, QStringLiteral("CANCELLED"),
                         QStringLiteral("customer_request"));
    }

    void ctrlEReassignsTheSelectedCard()
    {
        QVERIFY(boardtest::reactivate(m_board.get()));
        QVERIFY(boardHasDelivering());
        auto *delivering = m_board->columnModel(QStringLiteral("DELIVERING"));
        // The order that entered DELIVERING last: the furthest from being signed.
        const sdk::OrderRow order = delivering->order(delivering->rowCount() - 1);
        const QString rider = boardtest::otherRider(m_riders, order.riderId);
        QVERIFY(!rider.isEmpty());
        const boardtest::CardPos card = boardtest::findCard(*m_board, QStringLiteral("DELIVERING"), order.orderId);
        boardtest::clickCard(card);
        QCOMPARE(m_board->selectedOrderIds(), QStringList{order.orderId});
        QSignalSpy finished(m_actions, &sdk::OrderActions::finished);
        bool chosenOnOpen = true;
        boardtest::Answer<widgets::RiderPickerDialog> dialog([&chosenOnOpen, rider](widgets::RiderPickerDialog *d) {
            chosenOnOpen = !d->riderId().isEmpty();
            auto *search = d->findChild<QLineEdit *>(QStringLiteral("searchEdit"));
            QTest::keyClicks(search, rider);
            QTest::keyClick(search, Qt::Key_Return); // one Enter
        });
        QTest::keyClick(card.list, Qt::Key_E, Qt::ControlModifier);
        QCOMPARE(dialog.count(), 1);
        QVERIFY(!chosenOnOpen);
        QCOMPARE(markOf(order.orderId), BoardModel::Mark::Pending);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 5000);
        expectCarriedOut(finished.first(), order.orderId, &sdk::OrderRow::riderId, rider, {});
    }

    // Another console cancels a held order; this board has not heard yet and sends a
    // release: the gateway refuses, and its reason shows on the card and the bar.
    void releaseRefusedByTheGatewayShowsItsReason()
    {
        QVERIFY(boardtest::reactivate(m_board.get()));
        const QString id = youngCard();
        QVERIFY(!id.isEmpty());
        QSignalSpy finished(m_actions, &sdk::OrderActions::finished);
        boardtest::Answer<widgets::ActionReasonDialog> dialog(
            [](widgets::ActionReasonDialog *d) { choose(d, QStringLiteral("suspicious_burst")); });
        const boardtest::CardPos young = boardtest::findCard(*m_board, stateOf(id), id);
        boardtest::clickCard(young);
        QTest::keyClick(young.list, Qt::Key_H, Qt::ControlModifier);
        QCOMPARE(dialog.count(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 5000);
        QCOMPARE(finished.first().at(2).value<Outcome>(), Outcome::Confirmed);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), QStringLiteral("HELD"), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(markOf(id), BoardModel::Mark::Confirmed, 10000);

        QVERIFY(boardtest::reactivate(m_board.get()));
        const boardtest::CardPos card = boardtest::findCard(*m_board, QStringLiteral("HELD"), id);
        QVERIFY(card.list);
        boardtest::clickCard(card);
        // No event-loop turn from here to the key press: the board still shows HELD.
        feed::ControlClient::Result other;
        std::thread([&other, endpoint = m_console.runtime().controlEndpoint(), id] {
            feed::ControlClient client(endpoint, {});
            other = client.send(R"({"id":"c-other-)" + id.toStdString() + R"(","cmd":"cancel",)"
                                R"("by":{"user":"disp2","role":"dispatcher"},"order_id":")" + id.toStdString()
                                + R"(","reason":"customer_request"})");
        }).join();
        QVERIFY2(other.ok, other.message.c_str());
        QCOMPARE(stateOf(id), QStringLiteral("HELD"));

        finished.clear();
        QTest::keyClick(card.list, Qt::Key_R, Qt::ControlModifier);
        QCOMPARE(markOf(id), BoardModel::Mark::Pending);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 5000);
        QCOMPARE(finished.first().at(2).value<Outcome>(), Outcome::Refused);
        QCOMPARE(finished.first().at(3).toString(), QStringLiteral("illegal_transition"));
        const int row = m_model.rowOf(id);
        QVERIFY(m_model.card(row).mark == BoardModel::Mark::Refused);
        // The gateway's refusal in words: what the order did meanwhile, and what is left.
        QVERIFY2(m_model.card(row).markText.contains(QLatin1String("has been cancelled")),
                 qPrintable(m_model.card(row).markText));
        QVERIFY2(m_message->text().contains(id) && m_message->text().contains(QLatin1String("cannot be released"))
                     && m_message->text().contains(QLatin1String("No action can be taken")),
                 qPrintable(m_message->text()));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), QStringLiteral("CANCELLED"), 10000); // the feed catches up
    }

    // A real drag from the DELIVERING column onto a rider's row of the board's riders
    // list: reassign sent, the card pending at once, confirmed when the feed shows the
    // order with that rider.
    void dragOntoARiderInTheRidersListReassigns()
    {
        auto *ridersView = m_board->findChild<QListView *>(QStringLiteral("ridersView"));
        QVERIFY(ridersView && ridersView->isVisible());
        auto *ranked = qobject_cast<QSortFilterProxyModel *>(ridersView->model());
        QVERIFY(ranked && ranked->sourceModel() == &m_riders);
        QVERIFY(boardHasDelivering());
        auto *delivering = m_board->columnModel(QStringLiteral("DELIVERING"));
        // The order that entered DELIVERING last: the furthest from being signed.
        const int pos = delivering->rowCount() - 1;
        const sdk::OrderRow order = delivering->order(pos);
        const int riderRow = boardtest::otherRiderRow(m_riders, order.riderId, true); // a scrolled list
        QVERIFY(riderRow >= 0);
        const QString rider = m_riders.rider(riderRow).riderId;
        QSignalSpy finished(m_actions, &sdk::OrderActions::finished);

        // Starting the drag on the card ranks the riders for it before the pointer
        // reaches them (CardListView::startDrag); the events below are what follows.
        auto *cards = qobject_cast<widgets::CardListView *>(m_board->columnView(QStringLiteral("DELIVERING"))->listView());
        QVERIFY(cards);
        emit cards->dragStarting({order.orderId});
        QVERIFY(boardtest::dragCardsOnto(*delivering, {delivering->index(pos)}, ridersView,
                                         ranked->mapFromSource(m_riders.index(riderRow, 0))));
        QCOMPARE(markOf(order.orderId), BoardModel::Mark::Pending); // at once, before any answer
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 5000);
        QCOMPARE(finished.size(), 1); // that card only
        QCOMPARE(finished.first().at(1).toString(), order.orderId);
        // Its rider now: the one it was dropped on.
        expectCarriedOut(finished.first(), order.orderId, &sdk::OrderRow::riderId, rider, {});
    }

    // Bulk from a multi-selection made with the mouse: click one holdable card, Ctrl+click
    // another, Ctrl+H: one reason dialog naming both, both pending, both HELD on the feed
    // with the reason chosen.
    void ctrlClickTwoCardsThenCtrlHHoldsBoth()
    {
        QVERIFY(boardtest::reactivate(m_board.get()));
        const QStringList ids = youngCards(2);
        QCOMPARE(ids.size(), 2);
        const boardtest::CardPos first = boardtest::findCard(*m_board, stateOf(ids[0]), ids[0]);
        boardtest::clickCard(first);
        const boardtest::CardPos second = boardtest::findCard(*m_board, stateOf(ids[1]), ids[1]);
        boardtest::clickCard(second, Qt::ControlModifier);
        const QStringList selected = m_board->selectedOrderIds();
        QCOMPARE(QSet<QString>(selected.begin(), selected.end()), QSet<QString>(ids.begin(), ids.end()));
        QSignalSpy finished(m_actions, &sdk::OrderActions::finished);
        ReasonSeen seen;
        boardtest::Answer<widgets::ActionReasonDialog> dialog(
            [&seen](widgets::ActionReasonDialog *d) { seen = choose(d, QStringLiteral("customer_request")); });
        QTest::keyClick(second.list, Qt::Key_H, Qt::ControlModifier);
        QCOMPARE(dialog.count(), 1); // one dialog for both
        const QStringList listed = seen.orders.split(QStringLiteral(", "));
        QCOMPARE(QSet<QString>(listed.begin(), listed.end()), QSet<QString>(ids.begin(), ids.end()));
        for (const QString &id : ids)
            QCOMPARE(markOf(id), BoardModel::Mark::Pending);

        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 8000);
        for (const QList<QVariant> &answer : std::as_const(finished)) {
            QVERIFY(ids.contains(answer.at(1).toString()));
            QCOMPARE(answer.at(2).value<Outcome>(), Outcome::Confirmed);
        }
        for (const QString &id : ids) {
            QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), QStringLiteral("HELD"), 10000);
            QTRY_COMPARE_WITH_TIMEOUT(markOf(id), BoardModel::Mark::Confirmed, 10000);
            QCOMPARE(rowOf(id).lastReason, QStringLiteral("customer_request"));
            QTRY_VERIFY(m_board->columnModel(QStringLiteral("HELD"))->rowOfOrder(id) >= 0);
        }
    }

private:
    // Picks `reason` among the dialog's suggestions, as a user would, and confirms.
    static ReasonSeen choose(widgets::ActionReasonDialog *dialog, const QString &reason)
    {
        ReasonSeen seen;
        seen.orders = dialog->findChild<QLabel *>(QStringLiteral("ordersLabel"))->text();
        auto *combo = dialog->findChild<QComboBox *>(QStringLiteral("reasonCombo"));
        for (int i = 0; i < combo->count(); ++i)
            seen.suggestions << combo->itemText(i);
        combo->setCurrentIndex(combo->findData(reason)); // suggestions show words, carry codes
        boardtest::clickOk(dialog);
        return seen;
    }

    // The board holds still under the pointer (issue 14): the cards are looked at from
    // off it, as a user would to see them come in. A pointer the last click left on the
    // board rests there: its rest timer is fired, not waited for.
    void lookFromOffTheBoard()
    {
        QTest::mouseMove(m_message->parentWidget(), QPoint(2, 2));
        if (QTimer *rest = m_board->holdStill()->restTimer(); rest->isActive())
            QMetaObject::invokeMethod(rest, "timeout");
        (void)QTest::qWaitFor([this] { return !m_board->holdStill()->isHolding(); }, 5000);
    }

    // The newest CREATED or PAID orders nobody acted on yet (up to n), as the board's model
    // holds them.
    QStringList untouchedYoungOrders(int n) const
    {
        QStringList ids;
        for (int row = m_model.rowCount() - 1; row >= 0 && ids.size() < n; --row) {
            const sdk::OrderRow &o = m_model.card(row).row;
            if ((o.state == QLatin1String("CREATED") || o.state == QLatin1String("PAID"))
                && m_model.card(row).mark == BoardModel::Mark::None)
                ids << o.orderId;
        }
        return ids;
    }

    // n such cards, listed in their columns: the paused simulation is stepped until the
    // board has them (fewer when it never does: the caller's check fails).
    QStringList youngCards(int n)
    {
        lookFromOffTheBoard();
        if (!m_console.advanceUntil([&] { return untouchedYoungOrders(n).size() == n; }, &m_model))
            return {};
        const QStringList ids = untouchedYoungOrders(n);
        const bool listed = QTest::qWaitFor([&] {
            return std::all_of(ids.begin(), ids.end(),
                               [&](const QString &id) { return m_board->columnModel(stateOf(id))->rowOfOrder(id) >= 0; });
        });
        return listed ? ids : QStringList{};
    }
    QString youngCard() { return youngCards(1).value(0); }

    // A DELIVERING card in its column, the simulation stepped until there is one.
    bool boardHasDelivering()
    {
        lookFromOffTheBoard();
        const auto delivering = [this] {
            for (int row = 0; row < m_model.rowCount(); ++row)
                if (m_model.card(row).row.state == QLatin1String("DELIVERING"))
                    return true;
            return false;
        };
        return m_console.advanceUntil(delivering, &m_model)
            && QTest::qWaitFor([this] { return m_board->columnModel(QStringLiteral("DELIVERING"))->rowCount() > 0; });
    }

    // What this session sent on `id` ("… sent", then its outcome): empty when nothing left.
    QStringList sentOn(const QString &id) const
    {
        const auto *control = qobject_cast<const app::ControlOrderActions *>(m_actions);
        return control ? control->actionsOn(id) : QStringList{QStringLiteral("not the control actions")};
    }

    // The rest of an action the gateway carries out on `id`, once its `answer` is in:
    // Confirmed, then the feed shows `value` in the order's `field` and the card confirmed,
    // and the reason chosen in the dialog (if one was asked) went on the wire.
    void expectCarriedOut(const QList<QVariant> &answer, const QString &id, QString sdk::OrderRow::*field,
                          const QString &value, const QString &reason)
    {
        QCOMPARE(answer.at(2).value<Outcome>(), Outcome::Confirmed);
        QTRY_COMPARE_WITH_TIMEOUT(rowOf(id).*field, value, 10000);
        QCOMPARE(markOf(id), BoardModel::Mark::Confirmed);
        if (!reason.isEmpty())
            QCOMPARE(rowOf(id).lastReason, reason);
    }

    const sdk::OrderRow &rowOf(const QString &id) const { return m_model.card(m_model.rowOf(id)).row; }
    QString stateOf(const QString &id) const { return rowOf(id).state; }
    BoardModel::Mark markOf(const QString &id) const { return m_model.card(m_model.rowOf(id)).mark; }

    boardtest::GatewayConsole m_console;
    sdk::OrderActions *m_actions = nullptr;
    BoardModel m_model;
    widgets::RiderDropModel m_riders;
    std::unique_ptr<widgets::BoardActionController> m_controller;
    std::unique_ptr<widgets::OrderKanbanBoard> m_board;
    QLabel *m_message = nullptr;
};

QTEST_MAIN(TestBoardInteraction)
#include "tst_board_interaction.moc"
