// The board widget offscreen with real widgets: columns and counts, collapsible done
// columns, keyboard shortcut refused with its reason, filters and saved views per user
// (QSettings file), the filter bar typed into, card selection across columns, and the
// screenshot docs/screenshots/board.png. Also: a column per protocol state in protocol
// order, every header's count, "done today" (yesterday's finished orders hidden, also
// after midnight passes), the user's collapse toggle, and no widget per card.
#include "access/TestAccess.h"
#include "BoardFixtures.h"
#include "BoardUiHelpers.h"
#include "app/features/board/ControlOrderActions.h"
#include "widgets/board/BoardActionController.h"
#include "widgets/board/BoardColumnModel.h"
#include "widgets/board/BoardColumnView.h"
#include "widgets/board/BoardModel.h"
#include "widgets/board/OrderKanbanBoard.h"
#include "widgets/board/RiderDropModel.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QListView>
#include <QSettings>
#include <QTemporaryDir>
#include <QTextDocumentFragment>
#include <QTimer>
#include <QToolButton>
#include <QtTest>

#include <memory>
#include <random>

using namespace opsdeck;
using boardtest::kNow;

namespace {

const char *const kNames[] = {"张伟", "王芳", "李娜", "刘洋", "陈杰", "杨敏", "赵磊", "黄静"};

// A realistic afternoon: a few hundred orders over every state, some late, a suspicious
// burst on hold, exceptions with reasons. Names and phones masked as a dispatcher sees them.
QList<sdk::OrderRow> afternoon()
{
    std::mt19937 rng(4);
    const QStringList states = sdk::orderStates();
    const int weights[] = {14, 18, 5, 4, 22, 40, 6, 3, 2, 30, 8, 6};
    const char *const exceptions[] = {"traffic_accident", "customer_rejected", "damaged", "address_invalid"};
    QList<sdk::OrderRow> rows;
    int n = 1;
    for (int s = 0; s < states.size(); ++s) {
        for (int i = 0; i < weights[s]; ++i, ++n) {
            sdk::OrderRow o = boardtest::order(n, states.at(s), kNow - static_cast<qint64>(rng() % 2400000));
            o.orderId = QStringLiteral("BJ%1").arg(26112200000 + n * 37);
            o.merchantId = QStringLiteral("m-%1").arg(100 + rng() % 40);
            o.customerName = QString::fromUtf8(kNames[rng() % 8]).left(1) + QStringLiteral("*");
            o.customerPhone = QStringLiteral("1%1****%2").arg(35 + rng() % 5).arg(1000 + rng() % 9000);
            o.promisedAtMs = kNow + static_cast<qint64>(rng() % 3000000) - 900000;
            if (states.at(s) == QLatin1String("DELIVERING") || states.at(s) == QLatin1String("EXCEPTION"))
                o.riderId = QStringLiteral("r-%1").arg(10 + rng() % 30);
            if (states.at(s) == QLatin1String("HELD"))
                o.lastReason = i % 2 ? QStringLiteral("suspicious_burst") : QStringLiteral("address_check");
            if (states.at(s) == QLatin1String("EXCEPTION"))
                o.lastReason = QString::fromLatin1(exceptions[rng() % 4]);
            if (states.at(s) == QLatin1String("OUT_OF_STOCK"))
                o.lastReason = QStringLiteral("short: veg-001");
            if (sdk::isFinalState(states.at(s)))
                o.stateSinceMs = kNow - static_cast<qint64>(rng() % 3600000);
            // The note / priority extension, as often as opsfeed sends it; masked, as a
            // dispatcher sees it: the flag without the text.
            // From n, not rng: the rest of the afternoon stays as the filter tests know it.
            o.hasCustomerNote = n % 8 == 3;
            o.priority = n % 29 == 0 ? 2 : (n % 11 == 0 ? 1 : 0);
            rows << o;
        }
    }
    return rows;
}

QList<sdk::RiderRow> riders()
{
    QList<sdk::RiderRow> out;
    const char *const status[] = {"idle", "delivering", "to_pickup", "break", "offline"};
    for (int i = 10; i < 34; ++i)
        out << sdk::RiderRow{QStringLiteral("r-%1").arg(i), QString::fromUtf8(kNames[i % 8]).left(1) + QStringLiteral("师傅"),
                             QStringLiteral("BJ-CY-01"), QString::fromLatin1(status[i % 5])};
    return out;
}

// A column header's text as the user reads it ("● Paid 18").
QString headerText(const widgets::BoardColumnView *view)
{
    return QTextDocumentFragment::fromHtml(view->findChild<QLabel *>()->text()).toPlainText();
}

qint64 localMidnightOf(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).date().startOfDay().toMSecsSinceEpoch();
}

// The board's own clock tick (every 30 s: ages, "late only", the day): fired now rather
// than waited for.
bool tickBoardClock(widgets::OrderKanbanBoard &board)
{
    for (QTimer *timer : board.findChildren<QTimer *>(Qt::FindDirectChildrenOnly))
        if (timer->objectName() == QLatin1String("boardClock"))
            return QMetaObject::invokeMethod(timer, "timeout");
    return false;
}

// What the tests here vary about the board; by default, the afternoon at kNow.
struct BoardSetup {
    QList<sdk::OrderRow> orders = afternoon();
    widgets::BoardModel::Clock clock = [] { return kNow; };
    bool withRiders = true;
    QSettings *settings = nullptr; // none: views are not saved
    // A controller whose commands go to a port nobody answers: enough for the refusals,
    // which happen before anything is sent.
    bool offlineActions = false;
};

// The board as dispatcher disp1 sees it, in a desktop-sized window offscreen. The models
// are filled before the board is made, so it starts from them as the console's does.
class ShownBoard
{
public:
    explicit ShownBoard(const BoardSetup &setup = {})
    {
        m_model.setClock(setup.clock);
        m_model.reset(setup.orders);
        if (setup.withRiders)
            m_riders.update(riders());
        m_board = std::make_unique<widgets::OrderKanbanBoard>(&m_model, &m_riders, setup.settings, QStringLiteral("disp1"));
        if (setup.offlineActions) {
            m_actions = std::make_unique<app::ControlOrderActions>(
                "tcp://127.0.0.1:9", feed::CurveKeys{},
                m_access.guard);
            m_controller = std::make_unique<widgets::BoardActionController>(&m_model, m_actions.get(), m_board.get());
            m_board->setActionController(m_controller.get());
        }
    }

    // False when the window never got exposed.
    bool show()
    {
        m_board->resize(1920, 900);
        m_board->show();
        return QTest::qWaitForWindowExposed(m_board.get());
    }

    widgets::BoardModel &model() { return m_model; }
    widgets::RiderDropModel &riderModel() { return m_riders; }
    widgets::OrderKanbanBoard &board() { return *m_board; }

private:
    widgets::BoardModel m_model;
    widgets::RiderDropModel m_riders;
    std::unique_ptr<widgets::OrderKanbanBoard> m_board;
    accesstest::TestAccess m_access{"disp1", "dispatcher"};
    std::unique_ptr<app::ControlOrderActions> m_actions;
    std::unique_ptr<widgets::BoardActionController> m_controller;
};

} // namespace

class TestBoardWidget final : public QObject
{
    Q_OBJECT
private slots:
    void boardShowsCountsActsAndSavesViews()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("opsdeck.ini")), QSettings::IniFormat);
        // Refusals happen before anything is sent, so no gateway is needed here.
        ShownBoard fixture({.settings = &settings, .offlineActions = true});
        QVERIFY(fixture.show());
        widgets::BoardModel &model = fixture.model();
        widgets::RiderDropModel &riderModel = fixture.riderModel();
        widgets::OrderKanbanBoard &board = fixture.board();

        QCOMPARE(board.columnModel(QStringLiteral("DELIVERING"))->rowCount(), 40);
        QCOMPARE(board.columnModel(QStringLiteral("HELD"))->rowCount(), 5);
        QVERIFY(board.columnView(QStringLiteral("SIGNED"))->findChild<QLabel *>()->text().contains(QLatin1String("30")));

        // Pending, confirmed and refused marks, as the screenshot should show them.
        const auto *delivering = board.columnModel(QStringLiteral("DELIVERING"));
        model.markPending(delivering->order(0).orderId, QStringLiteral("DELIVERING"), QStringLiteral("r-99"));
        model.setMark(delivering->order(1).orderId, widgets::BoardModel::Mark::Unconfirmed, tr("no answer in 3 s"));
        model.flush();

        // Ctrl+H on a delivering card: refused at once, the reason on the message bar.
        QListView *list = board.columnView(QStringLiteral("DELIVERING"))->listView();
        list->setFocus();
        list->selectionModel()->select(list->model()->index(2, 0), QItemSelectionModel::ClearAndSelect);
        QCOMPARE(board.selectedOrderIds().size(), 1);
        QTest::keyClick(list, Qt::Key_H, Qt::ControlModifier);
        auto *message = board.findChild<QLabel *>(QStringLiteral("messageLabel"));
        QVERIFY(message->isVisible());
        QVERIFY2(message->text().contains(QLatin1String("is being delivered. It cannot be held now. Allowed now: Reassign.")),
                 qPrintable(message->text()));

        // Done columns collapse.
        auto *closed = board.columnView(QStringLiteral("CLOSED"));
        closed->setCollapsed(true);
        QVERIFY(closed->listView()->isHidden());

        // Screenshot for docs (before the filters below change the picture), once the
        // collapsed column's layout is done.
        QApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        const QString shot = QStringLiteral(OPSDECK_SCREENSHOT_DIR "/board.png");
        QDir().mkpath(QFileInfo(shot).path());
        QVERIFY(board.grab().save(shot));
        closed->setCollapsed(false);

        // Filters and a saved view for this user, read back by a new board.
        widgets::BoardFilter filter;
        filter.channel = QStringLiteral("fresh");
        filter.hiddenStates = QStringList{QStringLiteral("CREATED")};
        board.setFilter(filter);
        QVERIFY(board.columnView(QStringLiteral("CREATED"))->isHidden());
        for (int row = 0; row < delivering->rowCount(); ++row)
            QCOMPARE(delivering->order(row).channel, QStringLiteral("fresh"));
        board.saveView(QStringLiteral("fresh only"));
        QCOMPARE(board.savedViews(), QStringList{QStringLiteral("fresh only")});

        widgets::OrderKanbanBoard other(&model, &riderModel, &settings, QStringLiteral("disp2"));
        QVERIFY(other.savedViews().isEmpty()); // views are per user
        widgets::OrderKanbanBoard same(&model, &riderModel, &settings, QStringLiteral("disp1"));
        QVERIFY(same.loadView(QStringLiteral("fresh only")));
        QCOMPARE(same.filter().channel, QStringLiteral("fresh"));
        QCOMPARE(same.filter().hiddenStates, QStringList{QStringLiteral("CREATED")});
        QVERIFY(!same.loadView(QStringLiteral("no such view")));

        // Without a search service the board still finds order ids locally.
        same.setFilter({});
        same.setSearchText(delivering->order(3).orderId);
        QCOMPARE(same.columnModel(QStringLiteral("DELIVERING"))->rowCount(), 1);
    }

    // The bar's merchant and rider boxes, typed into, narrow the board to exactly the
    // cards of that merchant / rider; depot, channel and late only combine with each
    // other; emptying the bar brings every card back.
    void filterBarNarrowsToTheMatchingCards()
    {
        ShownBoard fixture;
        QVERIFY(fixture.show());
        widgets::BoardModel &model = fixture.model();
        widgets::OrderKanbanBoard &board = fixture.board();

        const QSet<QString> all = boardtest::shownCards(board);
        QVERIFY(all.size() > 150);
        // The cards among `all` a dispatcher expects to see, written out independently of
        // BoardFilter.
        const auto expected = [&](const std::function<bool(const sdk::OrderRow &)> &wanted) {
            QSet<QString> ids;
            for (int row = 0; row < model.rowCount(); ++row)
                if (all.contains(model.card(row).row.orderId) && wanted(model.card(row).row))
                    ids.insert(model.card(row).row.orderId);
            return ids;
        };
        const auto clearEdit = [](QLineEdit *edit) {
            edit->setFocus();
            QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
            QTest::keyClick(edit, Qt::Key_Backspace);
            QVERIFY(edit->text().isEmpty());
        };

        auto *merchant = board.findChild<QLineEdit *>(QStringLiteral("merchantEdit"));
        QTest::keyClicks(merchant, QStringLiteral("m-117"));
        const QSet<QString> ofMerchant =
            expected([](const sdk::OrderRow &o) { return o.merchantId == QLatin1String("m-117"); });
        QVERIFY(ofMerchant.size() >= 2);
        QCOMPARE(boardtest::shownCards(board), ofMerchant);
        clearEdit(merchant);
        QCOMPARE(boardtest::shownCards(board), all);

        auto *rider = board.findChild<QLineEdit *>(QStringLiteral("riderEdit"));
        QTest::keyClicks(rider, QStringLiteral("r-23"));
        const QSet<QString> ofRider =
            expected([](const sdk::OrderRow &o) { return o.riderId == QLatin1String("r-23"); });
        QVERIFY(!ofRider.isEmpty());
        QCOMPARE(boardtest::shownCards(board), ofRider);
        QCOMPARE(board.columnModel(QStringLiteral("CREATED"))->rowCount(), 0); // no rider yet
        clearEdit(rider);
        QCOMPARE(boardtest::shownCards(board), all);

        auto *depot = board.findChild<QComboBox *>(QStringLiteral("depotCombo"));
        auto *channel = board.findChild<QComboBox *>(QStringLiteral("channelCombo"));
        auto *lateOnly = board.findChild<QCheckBox *>(QStringLiteral("lateOnlyCheck"));
        QVERIFY(depot->findData(QStringLiteral("BJ-HD-02")) > 0);
        depot->setCurrentIndex(depot->findData(QStringLiteral("BJ-HD-02")));
        channel->setCurrentIndex(channel->findData(QStringLiteral("fresh")));
        const QSet<QString> hdFresh = expected([](const sdk::OrderRow &o) {
            return o.depot == QLatin1String("BJ-HD-02") && o.channel == QLatin1String("fresh");
        });
        QVERIFY(!hdFresh.isEmpty());
        QCOMPARE(boardtest::shownCards(board), hdFresh);
        QTest::mouseClick(lateOnly, Qt::LeftButton);
        QVERIFY(lateOnly->isChecked());
        const QSet<QString> hdFreshLate = expected([](const sdk::OrderRow &o) {
            return o.depot == QLatin1String("BJ-HD-02") && o.channel == QLatin1String("fresh")
                && !sdk::isFinalState(o.state) && o.promisedAtMs > 0 && o.promisedAtMs < kNow;
        });
        QVERIFY(!hdFreshLate.isEmpty() && hdFreshLate.size() < hdFresh.size());
        QCOMPARE(boardtest::shownCards(board), hdFreshLate);
        QTest::keyClicks(merchant, QStringLiteral("m-1"));
        QCOMPARE(boardtest::shownCards(board), hdFreshLate); // every merchant id has "m-1"

        QTest::mouseClick(lateOnly, Qt::LeftButton);
        depot->setCurrentIndex(0);
        channel->setCurrentIndex(0);
        clearEdit(merchant);
        QCOMPARE(boardtest::shownCards(board), all);
    }

    // A plain click selects that card only, whatever column it is in: a card selected
    // earlier in another column must not ride along into the next action. Ctrl+click
    // adds across columns (bulk); a right-click on an unselected card acts on it alone.
    void plainClickSelectsOnlyThatCard()
    {
        ShownBoard fixture({.offlineActions = true});
        QVERIFY(fixture.show());
        widgets::OrderKanbanBoard &board = fixture.board();

        const auto cardOf = [&](const QString &state, int row) {
            return boardtest::findCard(board, state, board.columnModel(state)->order(row).orderId);
        };
        const QString created = board.columnModel(QStringLiteral("CREATED"))->order(0).orderId;
        const QString paid = board.columnModel(QStringLiteral("PAID"))->order(1).orderId;
        const QString held = board.columnModel(QStringLiteral("HELD"))->order(0).orderId;

        boardtest::clickCard(cardOf(QStringLiteral("CREATED"), 0));
        QCOMPARE(board.selectedOrderIds(), QStringList{created});
        boardtest::clickCard(cardOf(QStringLiteral("PAID"), 1));
        QCOMPARE(board.selectedOrderIds(), QStringList{paid});
        boardtest::clickCard(cardOf(QStringLiteral("CREATED"), 0), Qt::ControlModifier);
        const QStringList bulk = board.selectedOrderIds();
        QCOMPARE(QSet<QString>(bulk.begin(), bulk.end()), (QSet<QString>{created, paid}));

        // A plain click on a card that is already selected ends as that card alone.
        boardtest::clickCard(cardOf(QStringLiteral("PAID"), 1));
        QCOMPARE(board.selectedOrderIds(), QStringList{paid});
        // A plain arrow-key move in a column drops the other columns' cards too.
        boardtest::clickCard(cardOf(QStringLiteral("CREATED"), 0), Qt::ControlModifier);
        QCOMPARE(board.selectedOrderIds().size(), 2);
        QListView *createdList = board.columnView(QStringLiteral("CREATED"))->listView();
        QTest::keyClick(createdList, Qt::Key_Down);
        const QString nextCreated = board.columnModel(QStringLiteral("CREATED"))->order(1).orderId;
        QCOMPARE(board.selectedOrderIds(), QStringList{nextCreated});
        // Shift+Down extends within the column and keeps what is selected elsewhere.
        boardtest::clickCard(cardOf(QStringLiteral("PAID"), 1), Qt::ControlModifier);
        QTest::keyClick(createdList, Qt::Key_Down, Qt::ShiftModifier);
        QCOMPARE(board.selectedOrderIds().size(), 3);

        // Right-click on a held card: the menu's Cancel… asks about that card only.
        QString asked;
        boardtest::Answer<QMenu> menu([](QMenu *m) { boardtest::clickMenuAction(m, QStringLiteral("cancelAction")); });
        boardtest::Answer<QDialog> dialog([&asked](QDialog *d) {
            asked = d->findChild<QLabel *>(QStringLiteral("ordersLabel"))->text();
            boardtest::clickCancel(d); // nothing is sent
        });
        boardtest::rightClickCard(cardOf(QStringLiteral("HELD"), 0));
        QCOMPARE(menu.count(), 1);
        QTRY_COMPARE(dialog.count(), 1);
        QCOMPARE(asked, held);
        QCOMPARE(board.selectedOrderIds(), QStringList{held});
    }

    // One column per protocol state, left to right in protocol order; each header shows
    // its column's count and follows a batch; SIGNED, CLOSED and CANCELLED show only
    // orders that finished today, and drop yesterday's when midnight passes.
    void columnsCountsAndDoneToday()
    {
        qint64 now = kNow;
        const qint64 today = localMidnightOf(kNow);
        QList<sdk::OrderRow> rows = afternoon();
        QStringList yesterdays;
        int n = 9000;
        for (const QString &state : {QStringLiteral("SIGNED"), QStringLiteral("CLOSED"), QStringLiteral("CANCELLED")}) {
            rows << boardtest::order(++n, state, today - 60'000); // a minute before midnight
            yesterdays << rows.last().orderId;
        }
        rows << boardtest::order(++n, QStringLiteral("DELIVERING"), today - 3'600'000); // still on the road
        const QString lateDelivery = rows.last().orderId;
        rows << boardtest::order(++n, QStringLiteral("SIGNED"), today); // at midnight: today
        const QString signedAtMidnight = rows.last().orderId;
        ShownBoard fixture({.orders = rows, .clock = [&now] { return now; }});
        QVERIFY(fixture.show());
        widgets::BoardModel &model = fixture.model();
        widgets::OrderKanbanBoard &board = fixture.board();

        const QStringList states = sdk::orderStates();
        QCOMPARE(states.size(), 12);
        QLayout *layout = board.columnView(states.first())->parentWidget()->layout();
        QStringList laidOut;
        int lastX = -1;
        for (int i = 0; i < layout->count(); ++i) {
            if (auto *view = qobject_cast<widgets::BoardColumnView *>(layout->itemAt(i)->widget())) {
                laidOut << view->model()->state();
                QVERIFY(view->x() > lastX); // left to right on screen too
                lastX = view->x();
            }
        }
        QCOMPARE(laidOut, states);

        // Expected counts from the rows themselves, not from the models.
        const auto expectedCount = [&](const QString &state) {
            int count = 0;
            for (int row = 0; row < model.rowCount(); ++row) {
                const sdk::OrderRow &o = model.card(row).row;
                const bool finishedBefore = sdk::isFinalState(state) && o.stateSinceMs < localMidnightOf(now);
                count += o.state == state && !finishedBefore;
            }
            return count;
        };
        const auto checkHeaders = [&] {
            for (const QString &state : states) {
                const QString header = headerText(board.columnView(state));
                const QString count = QLocale().toString(expectedCount(state));
                QVERIFY2(header.endsWith(QLatin1Char(' ') + count), qPrintable(state + ": " + header));
                QCOMPARE(board.columnModel(state)->rowCount(), expectedCount(state));
                if (sdk::isFinalState(state))
                    QVERIFY2(header.contains(QLatin1String("(today)")), qPrintable(header));
            }
        };
        checkHeaders();
        if (QTest::currentTestFailed())
            return;
        QVERIFY(expectedCount(QStringLiteral("SIGNED")) > 0);

        const QSet<QString> shown = boardtest::shownCards(board);
        for (const QString &id : yesterdays)
            QVERIFY2(!shown.contains(id), qPrintable(id));
        QVERIFY(shown.contains(lateDelivery)); // only the done columns are "today"
        QVERIFY(shown.contains(signedAtMidnight));

        // Two orders move from CREATED to PAID: both headers follow.
        const auto *created = board.columnModel(QStringLiteral("CREATED"));
        sdk::OrderRow a = created->order(0), b = created->order(1);
        a.state = b.state = QStringLiteral("PAID");
        a.stateSinceMs = b.stateSinceMs = kNow;
        model.enqueue({a, b});
        model.flush();
        checkHeaders();

        // Past midnight, without any event: today's finished orders are yesterday's now.
        now = localMidnightOf(kNow) + 86'400'000 + 5 * 60'000;
        QVERIFY(tickBoardClock(board));
        QCOMPARE(board.columnModel(QStringLiteral("SIGNED"))->rowCount(), 0);
        QCOMPARE(board.columnModel(QStringLiteral("CANCELLED"))->rowCount(), 0);
        QVERIFY(board.columnModel(QStringLiteral("DELIVERING"))->rowOfOrder(lateDelivery) >= 0);
        checkHeaders();
    }

    // The done columns collapse and expand from their header's toggle, as a user clicks
    // it; the other columns have no toggle.
    void userCollapsesTheDoneColumns()
    {
        ShownBoard fixture({.withRiders = false});
        QVERIFY(fixture.show());
        widgets::OrderKanbanBoard &board = fixture.board();
        for (const QString &state : sdk::orderStates()) {
            widgets::BoardColumnView *view = board.columnView(state);
            auto *toggle = view->findChild<QToolButton *>();
            if (!sdk::isFinalState(state)) {
                QVERIFY2(!toggle, qPrintable(state));
                continue;
            }
            QVERIFY2(toggle && toggle->isVisible(), qPrintable(state));
            const QString header = headerText(view);
            // Columns share the width: let the board settle its layout before measuring.
            QApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
            const int width = view->width();
            QTest::mouseClick(toggle, Qt::LeftButton);
            QVERIFY(view->isCollapsed());
            QVERIFY(view->listView()->isHidden());
            QTRY_VERIFY(view->width() < width);
            QVERIFY(view->findChild<QLabel *>()->isVisible()); // the header and its count stay
            QCOMPARE(headerText(view), header);
            QTest::mouseClick(toggle, Qt::LeftButton);
            QVERIFY(!view->isCollapsed());
            QVERIFY(view->listView()->isVisible());
            QTRY_COMPARE(view->width(), width);
        }
    }

    // Cards are painted, never widgets: no index widgets, and 1000 more orders leave
    // the board's widget count where it was.
    void noWidgetPerCard()
    {
        ShownBoard fixture;
        QVERIFY(fixture.show());
        widgets::BoardModel &model = fixture.model();
        widgets::OrderKanbanBoard &board = fixture.board();
        QApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest); // widgets a layout may still add
        const auto widgetCounts = [&] {
            QList<int> counts{static_cast<int>(board.findChildren<QWidget *>().size())};
            for (const QString &state : sdk::orderStates())
                counts << static_cast<int>(board.columnView(state)->findChildren<QWidget *>().size());
            return counts;
        };
        const auto noIndexWidgets = [&] {
            for (const QString &state : sdk::orderStates()) {
                QListView *list = board.columnView(state)->listView();
                for (int row = 0; row < list->model()->rowCount(); ++row)
                    if (list->indexWidget(list->model()->index(row, 0)))
                        return false;
            }
            return true;
        };
        const QList<int> before = widgetCounts();
        QVERIFY(noIndexWidgets());
        const int shownBefore = static_cast<int>(boardtest::shownCards(board).size());

        QList<sdk::OrderRow> more;
        const QStringList states = sdk::orderStates();
        for (int n = 20000; n < 21000; ++n)
            more << boardtest::order(n, states.at(n % states.size()), kNow - 1000);
        model.enqueue(more);
        model.flush();
        for (const QString &state : states)
            board.columnView(state)->listView()->viewport()->repaint(); // lay out and paint them
        QApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QCOMPARE(static_cast<int>(boardtest::shownCards(board).size()), shownBefore + 1000);
        QCOMPARE(widgetCounts(), before);
        QVERIFY(noIndexWidgets());
    }
};

QTEST_MAIN(TestBoardWidget)
#include "tst_board_widget.moc"
