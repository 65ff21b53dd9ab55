// Acting from the board against a real in-process sim::Gateway over tcp loopback, through
// the whole console pipeline (feed -> core -> store -> context -> BoardModel): dropping a
// card on a rider sends `reassign` for that order and rider, the card is "pending" at
// once and "confirmed" when the feed shows order.reassigned; an illegal drop is refused
// at once with its reason and sends nothing; a gateway that does not answer leaves the
// card "unconfirmed" after 3 s.
#include "BoardFixtures.h"
#include "app/BoardServices.h"
#include "app/ConsoleBridge.h"
#include "app/ConsoleContextAdapter.h"
#include "app/ConsoleRuntime.h"
#include "app/ControlOrderActions.h"
#include "sdk/OrderHistory.h"
#include "store/ControlAudit.h"
#include "store/EventStore.h"
#include "store/StoreWorker.h"
#include "sim/Gateway.h"
#include "widgets/BoardActionController.h"
#include "widgets/BoardColumnModel.h"
#include "widgets/BoardModel.h"
#include "widgets/RiderDropModel.h"

#include <QAbstractItemModelTester>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace opsdeck;
using widgets::BoardModel;

namespace {

sim::GatewayOptions gatewayOptions()
{
    sim::GatewayOptions g;
    g.seed = 11;
    g.riders = 30;
    g.ordersPerMin = 240;
    g.timeScale = 20;
    g.feedBind = "tcp://127.0.0.1:*";
    g.snapshotBind = "tcp://127.0.0.1:*";
    g.controlBind = "tcp://127.0.0.1:*";
    return g;
}

} // namespace

class TestBoardActions final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        m_gateway = std::make_unique<sim::Gateway>(gatewayOptions());
        m_gateway->start();
        app::RuntimeOptions o;
        o.feed = m_gateway->feedEndpoint();
        o.snapshot = m_gateway->snapshotEndpoint();
        o.control = m_gateway->controlEndpoint();
        o.dbPath = m_dir.filePath(QStringLiteral("console.db"));
        m_runtime = std::make_unique<app::ConsoleRuntime>(
            o, [this](core::ConsoleDelta &&d) { m_bridge.publish(std::move(d)); });
        m_services.assemble(*m_runtime);
        QString error;
        QVERIFY2(m_runtime->start(&error), qPrintable(error));
        m_context.applyDelta(m_runtime->fullPicture());
        m_context.attach(m_bridge);
        m_services.provideTo(m_context, *m_runtime->storeWorker(), m_runtime->controlEndpoint(), {});
        QVERIFY(m_context.service<sdk::OrderActions>());

        m_model.reset(m_context.currentOrders());
        connect(&m_context, &sdk::ConsoleContext::ordersChanged, &m_model, &BoardModel::enqueue);
        m_riders.update(m_context.currentRiders());
        connect(&m_context, &sdk::ConsoleContext::ridersChanged, &m_riders, &widgets::RiderDropModel::update);
        m_delivering = std::make_unique<widgets::BoardColumnModel>(&m_model, QStringLiteral("DELIVERING"));
        m_held = std::make_unique<widgets::BoardColumnModel>(&m_model, QStringLiteral("HELD"));
        m_signed = std::make_unique<widgets::BoardColumnModel>(&m_model, QStringLiteral("SIGNED"));
        m_controller = std::make_unique<widgets::BoardActionController>(
            &m_model, m_context.service<sdk::OrderActions>(), nullptr);
        m_controller->setReasonProvider([this](sdk::OrderActions::Kind, const QStringList &ids) {
            m_reasonAsked << ids;
            return QStringLiteral("test_reason");
        });
        connect(&m_riders, &widgets::RiderDropModel::reassignRequested, m_controller.get(),
                &widgets::BoardActionController::reassign);
        for (auto *column : {m_delivering.get(), m_held.get(), m_signed.get()})
            connect(column, &widgets::BoardColumnModel::ordersDropped, m_controller.get(),
                    &widgets::BoardActionController::dropOnState);
    }

    void cleanupTestCase()
    {
        m_controller.reset();
        m_runtime->stop();
        m_gateway->stop();
    }

    void dropOnRiderReassignsPendingThenConfirmed()
    {
        QAbstractItemModelTester tester(m_delivering.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        QTRY_VERIFY_WITH_TIMEOUT(m_delivering->rowCount() >= 1 && m_riders.rowCount() >= 2, 60000);
        auto *actions = m_context.service<sdk::OrderActions>();
        QSignalSpy finished(actions, &sdk::OrderActions::finished);
        QSignalSpy messages(m_controller.get(), &widgets::BoardActionController::message);

        bool confirmed = false;
        for (int attempt = 0; attempt < 3 && !confirmed; ++attempt) {
            // The order that entered DELIVERING last: the furthest from being signed.
            QTRY_VERIFY_WITH_TIMEOUT(m_delivering->rowCount() >= 1, 30000);
            const int pos = m_delivering->rowCount() - 1;
            const sdk::OrderRow order = m_delivering->order(pos);
            int riderRow = -1;
            for (int r = 0; r < m_riders.rowCount() && riderRow < 0; ++r)
                if (m_riders.rider(r).riderId != order.riderId && m_riders.rider(r).status != QLatin1String("offline"))
                    riderRow = r;
            QVERIFY(riderRow >= 0);
            const QString rider = m_riders.rider(riderRow).riderId;

            std::unique_ptr<QMimeData> mime(m_delivering->mimeData({m_delivering->index(pos)}));
            finished.clear();
            m_riders.dropMimeData(mime.get(), Qt::CopyAction, -1, -1, m_riders.index(riderRow));
            const int row = m_model.rowOf(order.orderId);
            QCOMPARE(m_model.card(row).mark, BoardModel::Mark::Pending); // at once, before any answer

            QVERIFY(finished.wait(5000));
            const auto outcome = finished.first().at(2).value<sdk::OrderActions::Outcome>();
            QCOMPARE(finished.first().at(1).toString(), order.orderId);
            if (outcome == sdk::OrderActions::Outcome::Refused
                && finished.first().at(3).toString() == QLatin1String("illegal_transition"))
                continue; // signed in the few ms between the read and the command: try another
            QCOMPARE(outcome, sdk::OrderActions::Outcome::Confirmed);
            // The gateway acted on the right order and rider: the feed says so.
            QTRY_VERIFY_WITH_TIMEOUT(m_model.card(row).row.riderId == rider, 10000);
            QCOMPARE(m_model.card(row).mark, BoardModel::Mark::Confirmed);
            confirmed = true;
            m_reassigned = order.orderId;
            m_reassignedTo = rider;
        }
        QVERIFY(confirmed);
    }

    // The reassignment above is on the audit trail (control_audit, origin board) and in
    // the order detail's list of actions, read back from the database.
    void actionsAreAuditedAndListedInTheDetail()
    {
        QVERIFY(!m_reassigned.isEmpty());
        auto *history = m_context.service<sdk::OrderHistory>();
        QVERIFY(history);
        QSignalSpy ready(history, &sdk::OrderHistory::detailReady);
        history->requestDetail(m_reassigned);
        QVERIFY(ready.wait(5000));
        const auto detail = ready.last().at(0).value<sdk::OrderDetail>();
        QVERIFY2(!detail.actions.isEmpty(), qPrintable(m_reassigned));
        const QString last = detail.actions.last();
        QVERIFY2(last.contains(QStringLiteral("→ ") + m_reassignedTo) && last.contains(QLatin1String("confirmed")),
                 qPrintable(last));

        std::vector<store::ControlAuditEntry> rows;
        m_runtime->storeWorker()->post([&rows, id = m_reassigned.toStdString()](store::EventStore &es) {
            rows = store::readControlAuditForOrder(es.database(), id);
        });
        QVERIFY(m_runtime->storeWorker()->waitUntilIdle(std::chrono::seconds(5)));
        QVERIFY(!rows.empty());
        QCOMPARE(rows.back().origin, std::string("board"));
        QCOMPARE(rows.back().status, std::string("confirmed"));
        QCOMPARE(QString::fromStdString(rows.back().argsJson).contains(m_reassignedTo), true);
        QVERIFY(rows.back().beforeJson.find("DELIVERING") != std::string::npos);
    }

    void illegalDropIsRefusedWithItsReason()
    {
        QTRY_VERIFY_WITH_TIMEOUT(m_delivering->rowCount() >= 1, 30000);
        const sdk::OrderRow order = m_delivering->order(0);
        auto *actions = m_context.service<sdk::OrderActions>();
        QSignalSpy finished(actions, &sdk::OrderActions::finished);
        QSignalSpy messages(m_controller.get(), &widgets::BoardActionController::message);
        m_reasonAsked.clear();
        std::unique_ptr<QMimeData> mime(m_delivering->mimeData({m_delivering->index(0)}));

        QVERIFY(!m_held->dropMimeData(mime.get(), Qt::CopyAction, -1, -1, {}));
        QCOMPARE(messages.size(), 1);
        const QString reason = messages.first().at(0).toString();
        QVERIFY2(reason.contains(order.orderId) && reason.contains(QLatin1String("DELIVERING"))
                     && reason.contains(QLatin1String("HELD")),
                 qPrintable(reason));
        QVERIFY(messages.first().at(1).toBool()); // shown as an error
        QVERIFY(m_reasonAsked.isEmpty());          // no dialog for an order that cannot be held
        QCOMPARE(m_model.card(m_model.rowOf(order.orderId)).mark == BoardModel::Mark::Pending, false);

        m_signed->dropMimeData(mime.get(), Qt::CopyAction, -1, -1, {});
        QCOMPARE(messages.size(), 2);
        QVERIFY(messages.last().at(0).toString().contains(QLatin1String("only the feed")));
        QTest::qWait(300);
        QCOMPARE(finished.size(), 0); // nothing was sent
    }

    void bulkDropActsOnTheLegalCardsOnly()
    {
        // A delivering card and a created/paid one dropped together on HELD: the first is
        // refused at once, the reason dialog lists only the second, which is held.
        auto *actions = m_context.service<sdk::OrderActions>();
        bool held = false;
        for (int attempt = 0; attempt < 3 && !held; ++attempt) {
            QString young;
            QTRY_VERIFY_WITH_TIMEOUT(
                [&] {
                    for (int row = m_model.rowCount() - 1; row >= 0 && young.isEmpty(); --row) {
                        const QString state = m_model.card(row).row.state;
                        if (state == QLatin1String("CREATED") || state == QLatin1String("PAID"))
                            young = m_model.card(row).row.orderId;
                    }
                    return !young.isEmpty() && m_delivering->rowCount() > 0;
                }(),
                30000);
            const QString old = m_delivering->order(0).orderId;
            QMimeData mime;
            mime.setData(QString::fromLatin1(widgets::BoardColumnModel::kMimeType), (old + "\n" + young).toUtf8());
            QSignalSpy finished(actions, &sdk::OrderActions::finished);
            QSignalSpy messages(m_controller.get(), &widgets::BoardActionController::message);
            m_reasonAsked.clear();
            m_held->dropMimeData(&mime, Qt::CopyAction, -1, -1, {});
            QVERIFY(!messages.isEmpty());
            QVERIFY(messages.first().at(0).toString().contains(old));
            QCOMPARE(m_reasonAsked, QList<QStringList>{QStringList{young}});
            QCOMPARE(m_model.card(m_model.rowOf(young)).mark, BoardModel::Mark::Pending);
            QVERIFY(finished.wait(5000));
            QCOMPARE(finished.size(), 1);
            QCOMPARE(finished.first().at(1).toString(), young);
            if (finished.first().at(2).value<sdk::OrderActions::Outcome>() == sdk::OrderActions::Outcome::Refused) {
                // Moved on (picked) between the read and the command: a refusal shown on the card.
                QCOMPARE(m_model.card(m_model.rowOf(young)).mark, BoardModel::Mark::Refused);
                continue;
            }
            QTRY_COMPARE_WITH_TIMEOUT(m_model.card(m_model.rowOf(young)).row.state, QStringLiteral("HELD"), 10000);
            QCOMPARE(m_model.card(m_model.rowOf(young)).mark, BoardModel::Mark::Confirmed);
            QCOMPARE(m_model.card(m_model.rowOf(young)).row.lastReason, QStringLiteral("test_reason"));
            held = true;
        }
        QVERIFY(held);
    }

    void silentGatewayLeavesTheCardUnconfirmed()
    {
        // A control endpoint nobody answers on: 3 attempts of 1 s, then unconfirmed.
        app::ControlOrderActions silent("tcp://127.0.0.1:9", {}, {QStringLiteral("disp1"), QStringLiteral("dispatcher")});
        BoardModel model;
        model.reset({boardtest::order(1, "PAID")});
        widgets::BoardActionController controller(&model, &silent, nullptr);
        controller.setReasonProvider([](sdk::OrderActions::Kind, const QStringList &) { return QStringLiteral("x"); });
        QSignalSpy finished(&silent, &sdk::OrderActions::finished);
        controller.hold({QStringLiteral("o-0001")});
        QCOMPARE(model.card(0).mark, BoardModel::Mark::Pending);
        QVERIFY(finished.wait(8000));
        QCOMPARE(finished.first().at(2).value<sdk::OrderActions::Outcome>(), sdk::OrderActions::Outcome::Unconfirmed);
        QCOMPARE(model.card(0).mark, BoardModel::Mark::Unconfirmed);
    }

private:
    QString m_reassigned;
    QString m_reassignedTo;
    QTemporaryDir m_dir;
    std::unique_ptr<sim::Gateway> m_gateway;
    app::ConsoleBridge m_bridge;
    app::BoardServices m_services;
    std::unique_ptr<app::ConsoleRuntime> m_runtime;
    app::ConsoleContextAdapter m_context{{QStringLiteral("dispatcher"), QStringLiteral("disp1"), true}};
    BoardModel m_model;
    widgets::RiderDropModel m_riders;
    std::unique_ptr<widgets::BoardColumnModel> m_delivering, m_held, m_signed;
    std::unique_ptr<widgets::BoardActionController> m_controller;
    QList<QStringList> m_reasonAsked;
};

QTEST_MAIN(TestBoardActions)
#include "tst_board_actions.moc"
