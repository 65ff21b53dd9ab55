// The permission check where the action happens: board actions through the real
// ControlOrderActions against a real ROUTER socket on tcp loopback. A refused action is
// shown with the missing permission, audited, and never sent; an allowed one tells the
// gateway who acted (`by`, from the Principal), and nothing else reaches the socket.
#include "access/TestAccess.h"
#include "board/BoardFixtures.h"

#include "app/features/board/ControlOrderActions.h"
#include "widgets/board/BoardActionController.h"
#include "widgets/board/BoardModel.h"
#include "widgets/board/OrderKanbanBoard.h"
#include "widgets/board/RiderDropModel.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSignalSpy>
#include <QtTest>

#include <zmq.hpp>

using namespace opsdeck;
using accesstest::TestAccess;
using boardtest::order;
using Kind = sdk::OrderActions::Kind;

namespace {

// The gateway's control socket, as far as the console can tell: a ROUTER on loopback.
class ControlRouter
{
public:
    ControlRouter()
    {
        m_router.set(zmq::sockopt::linger, 0);
        m_router.bind("tcp://127.0.0.1:*");
        endpoint = m_router.get(zmq::sockopt::last_endpoint);
    }
    // The next request (its JSON), answered ok; empty object when none came within 10 s.
    QJsonObject answerNext()
    {
        zmq::pollitem_t item{m_router.handle(), 0, ZMQ_POLLIN, 0};
        if (zmq::poll(&item, 1, std::chrono::milliseconds(10000)) <= 0)
            return {};
        zmq::message_t identity, body;
        (void)m_router.recv(identity);
        (void)m_router.recv(body);
        const QJsonObject request = QJsonDocument::fromJson(QByteArray(body.data<char>(), static_cast<int>(body.size()))).object();
        const std::string reply = QJsonDocument(QJsonObject{{QStringLiteral("id"), request.value(QStringLiteral("id"))},
                                                            {QStringLiteral("ok"), true}})
                                      .toJson(QJsonDocument::Compact)
                                      .toStdString();
        m_router.send(identity, zmq::send_flags::sndmore);
        m_router.send(zmq::buffer(reply));
        return request;
    }
    bool nothingWaiting()
    {
        zmq::pollitem_t item{m_router.handle(), 0, ZMQ_POLLIN, 0};
        return zmq::poll(&item, 1, std::chrono::milliseconds(0)) == 0;
    }
    std::string endpoint;

private:
    zmq::context_t m_ctx{1};
    zmq::socket_t m_router{m_ctx, zmq::socket_type::router};
};

// The scope of the orders on the board, as BoardServices looks it up in the context.
app::ControlOrderActions::ScopeOf scopeOf(const QList<sdk::OrderRow> &orders)
{
    return [orders](const QString &id) {
        for (const sdk::OrderRow &o : orders)
            if (o.orderId == id)
                return core::access::Scope{o.depot.toStdString(), o.merchantId.toStdString()};
        return core::access::Scope{};
    };
}

} // namespace

class TstAccessEnforcement : public QObject
{
    Q_OBJECT
private slots:
    void refusedReassignIsShownAuditedAndNeverSent()
    {
        ControlRouter router;
        const QList<sdk::OrderRow> orders{order(1, QStringLiteral("DELIVERING")), order(2, QStringLiteral("DELIVERING"))};
        widgets::BoardModel model;
        QAbstractItemModelTester tester(&model);
        model.setClock([] { return boardtest::kNow; });
        model.reset(orders);
        widgets::RiderDropModel riders;
        widgets::OrderKanbanBoard board(&model, &riders, nullptr, QStringLiteral("cs1"));

        // Customer service has no reassign permission.
        TestAccess cs("cs1", "customer_service");
        app::ControlOrderActions actions(router.endpoint, {}, cs.guard, feed::ControlClient::Options{500, 1});
        actions.setScopeOf(scopeOf(orders));
        widgets::BoardActionController controller(&model, &actions, &board);
        board.setActionController(&controller);
        QSignalSpy messages(&controller, &widgets::BoardActionController::message);
        QSignalSpy finished(&actions, &sdk::OrderActions::finished);

        // Courtesy first: the menu's check names the missing permission, audits nothing.
        QVERIFY(controller.refusal(Kind::Reassign, orders[0].orderId).contains(QLatin1String("reassign")));
        QVERIFY(cs.audit.records.empty());

        controller.reassign({orders[0].orderId}, QStringLiteral("r-9"));
        QCOMPARE(messages.size(), 1);
        const QString shown = messages.first().at(0).toString();
        QVERIFY2(shown.contains(QStringLiteral("“reassign”")) && shown.contains(QLatin1String("customer_service")),
                 qPrintable(shown));
        QVERIFY(messages.first().at(1).toBool()); // an error
        auto *label = board.findChild<QLabel *>(QStringLiteral("messageLabel"));
        QVERIFY(label);
        QCOMPARE(label->text(), shown); // what the user sees

        // The service refuses a direct submit too (a plugin that skipped the courtesy).
        const auto submitted = actions.submit({Kind::Reassign, orders[0].orderId, QStringLiteral("DELIVERING"),
                                               QStringLiteral("r-9"), {}});
        QVERIFY(!submitted.accepted());
        QVERIFY(submitted.commandId.isEmpty());
        QVERIFY(submitted.refusal.contains(QStringLiteral("“reassign”")));

        QCOMPARE(cs.audit.records.size(), std::size_t{2});
        for (const auto &r : cs.audit.records) {
            QCOMPARE(r.outcome, std::string("refused"));
            QCOMPARE(r.permission, std::string("reassign"));
            QCOMPARE(r.action, std::string("command.reassign"));
            QCOMPARE(r.target, orders[0].orderId.toStdString());
            QCOMPARE(r.user, std::string("cs1"));
            QCOMPARE(r.role, std::string("customer_service"));
        }

        // A dispatcher's reassign is the first and only thing on the socket: nothing of
        // the refused one was sent before it.
        TestAccess disp("disp1", "dispatcher");
        app::ControlOrderActions allowed(router.endpoint, {}, disp.guard, feed::ControlClient::Options{2000, 1});
        allowed.setScopeOf(scopeOf(orders));
        QSignalSpy done(&allowed, &sdk::OrderActions::finished);
        QVERIFY(allowed.submit({Kind::Reassign, orders[1].orderId, QStringLiteral("DELIVERING"), QStringLiteral("r-3"), {}})
                    .accepted());
        const QJsonObject request = router.answerNext();
        QCOMPARE(request.value(QStringLiteral("order_id")).toString(), orders[1].orderId);
        const QJsonObject by = request.value(QStringLiteral("by")).toObject();
        QCOMPARE(by.value(QStringLiteral("user")).toString(), QStringLiteral("disp1"));
        QCOMPARE(by.value(QStringLiteral("role")).toString(), QStringLiteral("dispatcher"));
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 10000);
        QVERIFY(router.nothingWaiting());
        QCOMPARE(finished.size(), 0);
        QVERIFY(disp.audit.records.empty());
    }

    // Depot scope: a dispatcher of one depot may not act on another depot's order.
    void depotScopeRefusesAnotherDepotsOrder()
    {
        ControlRouter router;
        const sdk::OrderRow other = order(1, QStringLiteral("CREATED")); // BJ-CY-01
        const sdk::OrderRow own = order(2, QStringLiteral("CREATED"));   // BJ-HD-02
        TestAccess disp("disp2", "dispatcher", {"BJ-HD-02"});
        app::ControlOrderActions actions(router.endpoint, {}, disp.guard, feed::ControlClient::Options{2000, 1});
        actions.setScopeOf(scopeOf({other, own}));
        QSignalSpy done(&actions, &sdk::OrderActions::finished);

        const auto refused = actions.submit({Kind::Hold, other.orderId, QStringLiteral("CREATED"), {},
                                             QStringLiteral("address_check")});
        QVERIFY(!refused.accepted());
        QVERIFY2(refused.refusal.contains(other.orderId) && refused.refusal.contains(QLatin1String("hold_release")),
                 qPrintable(refused.refusal));
        QCOMPARE(disp.audit.records.size(), std::size_t{1});
        QVERIFY(disp.audit.records.front().detailJson.find("out_of_scope") != std::string::npos);
        // An order the scope cannot place (not on the board) is refused too.
        QVERIFY(!actions.submit({Kind::Hold, QStringLiteral("o-unknown"), QStringLiteral("CREATED"), {},
                                 QStringLiteral("address_check")})
                     .accepted());

        QVERIFY(actions.submit({Kind::Hold, own.orderId, QStringLiteral("CREATED"), {}, QStringLiteral("address_check")})
                    .accepted());
        const QJsonObject request = router.answerNext();
        QCOMPARE(request.value(QStringLiteral("order_id")).toString(), own.orderId);
        QCOMPARE(request.value(QStringLiteral("cmd")).toString(), QStringLiteral("hold"));
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 10000);
        QVERIFY(router.nothingWaiting());
    }
};

QTEST_MAIN(TstAccessEnforcement)
#include "tst_access_enforcement.moc"
