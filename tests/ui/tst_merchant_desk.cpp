// The merchant's desk: the real merchant plugin loaded from the build plugin dir, fed
// through a real ConsoleBridge; the board holds one merchant's orders only, masked, and
// remembers the merchant per user.
#include "app/runtime/ConsoleBridge.h"
#include "app/shell/ConsoleContextAdapter.h"
#include "app/shell/PluginHost.h"
#include "sdk/RolePlugin.h"
#include "widgets/board/BoardModel.h"
#include "widgets/merchant/MerchantOrdersPanel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using namespace opsdeck;

namespace {

// The console's clock here (2026-11-22 10:15 UTC): the desk judges the rows against it.
constexpr std::int64_t kNowMs = 1795342500000;

core::OrderRecord order(int n, const char *merchant, core::OrderState state)
{
    const std::int64_t now = kNowMs;
    core::OrderRecord o;
    o.orderId = "DD" + std::to_string(500000 + n);
    o.depot = "BJ-CY-01";
    o.channel = "fresh";
    o.merchantId = merchant;
    o.customerName = "张伟";
    o.customerPhone = "13812345678";
    o.addressText = "朝阳区建国路" + std::to_string(n) + "号";
    o.state = state;
    o.createdAtMs = now - 600'000;
    o.promisedAtMs = now + 1'800'000;
    o.updatedAtMs = now - n;
    o.enteredAtMs[static_cast<std::size_t>(state)] = o.updatedAtMs;
    return o;
}

core::ConsoleDelta delta(int first, int count, core::OrderState state = core::OrderState::Paid)
{
    static const char *merchants[] = {"M-CY-01", "M-CY-02", "M-HD-07"};
    core::ConsoleDelta d;
    for (int i = first; i < first + count; ++i)
        d.orders.push_back(order(i, merchants[i % 3], state));
    return d;
}

struct Desk {
    explicit Desk(const QString &settingsPath)
        : settings(settingsPath, QSettings::IniFormat)
        , context({QStringLiteral("merchant"), QStringLiteral("chen.m"),
                   !app::ConsoleContextAdapter::roleSeesPersonalData(QStringLiteral("merchant"))})
        , host({QStringLiteral(OPSDECK_PLUGIN_DIR)})
    {
        context.attach(bridge);
        context.setClock([] { return kNowMs; }); // as main() does with the feed's clock
        context.setSettings(&settings);
    }
    app::ConsoleBridge bridge;
    QSettings settings;
    app::ConsoleContextAdapter context;
    app::PluginHost host;
};

} // namespace

class TestMerchantDesk final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void onlyTheMerchantPluginLoadsForTheRole()
    {
        Desk desk(m_dir.filePath("roles.ini"));
        desk.host.setRole(QStringLiteral("merchant"));
        desk.host.loadPlugins(&desk.context);
        QCOMPARE(desk.host.plugins().size(), 1);
        QCOMPARE(desk.host.plugins().at(0).spec.id, QStringLiteral("merchant"));
        QVERIFY(desk.host.problems().isEmpty());

        QWidget parent;
        const QList<sdk::Panel> panels = desk.host.plugins().at(0).plugin->createPanels(&desk.context, &parent);
        QStringList ids;
        for (const auto &p : panels)
            ids << p.id;
        // No alert service in this host: the board, the detail and the stock view (which
        // says it has no figures when the host has no stock service).
        QCOMPARE(ids, (QStringList{"orders", "detail", "stock"}));
        QVERIFY(qobject_cast<widgets::MerchantOrdersPanel *>(panels.at(0).widget));
    }

    void boardHoldsOneMerchantsOrdersMasked()
    {
        Desk desk(m_dir.filePath("board.ini"));
        desk.bridge.publish(delta(0, 30)); // 10 orders for each of 3 merchants
        QTRY_COMPARE(desk.context.currentOrders().size(), 30);

        widgets::MerchantOrdersPanel panel([&desk] { return desk.context.currentOrders(); }, &desk.settings,
                                           desk.context.userName(), desk.context.maskPersonalData());
        QAbstractItemModelTester tester(panel.boardModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QObject::connect(&desk.context, &sdk::ConsoleContext::ordersChanged, &panel,
                         &widgets::MerchantOrdersPanel::enqueue);
        panel.show();
        QCOMPARE(panel.knownMerchants(), (QStringList{"M-CY-01", "M-CY-02", "M-HD-07"}));
        QCOMPARE(panel.boardModel()->rowCount(), 0); // nothing until a merchant is chosen
        QVERIFY(!panel.findChild<QLabel *>(QStringLiteral("privacyLabel"))->text().isEmpty());
        QVERIFY(!panel.findChild<QWidget *>(QStringLiteral("ridersPanel"))->isVisible()); // nothing to drop on

        auto *combo = panel.findChild<QComboBox *>(QStringLiteral("merchantCombo"));
        QVERIFY(combo);
        combo->setCurrentIndex(combo->findData(QStringLiteral("M-CY-02")));
        QCOMPARE(panel.merchant(), QStringLiteral("M-CY-02"));
        QCOMPARE(panel.boardModel()->rowCount(), 10);
        for (int r = 0; r < panel.boardModel()->rowCount(); ++r) {
            const auto &card = panel.boardModel()->card(r);
            QCOMPARE(card.row.merchantId, QStringLiteral("M-CY-02"));
            QVERIFY2(!card.row.customerPhone.contains(QStringLiteral("12345678")), qPrintable(card.row.customerPhone));
        }

        // New orders of every merchant arrive: only this merchant's reach the board, and a
        // merchant never seen before joins the picker.
        core::ConsoleDelta more = delta(30, 9);
        more.orders.push_back(order(99, "M-FT-09", core::OrderState::Created));
        desk.bridge.publish(std::move(more));
        QTRY_COMPARE(panel.boardModel()->rowCount(), 13);
        QVERIFY(panel.knownMerchants().contains(QStringLiteral("M-FT-09")));
        QCOMPARE(panel.boardModel()->rowOf(QStringLiteral("DD500099")), -1);
        QVERIFY(panel.boardModel()->rowOf(QStringLiteral("DD500031")) >= 0); // 31 % 3 == 1: M-CY-02
    }

    void merchantIsRememberedPerUser()
    {
        const QString path = m_dir.filePath("remember.ini");
        {
            Desk desk(path);
            desk.bridge.publish(delta(0, 12));
            QTRY_COMPARE(desk.context.currentOrders().size(), 12);
            widgets::MerchantOrdersPanel panel([&desk] { return desk.context.currentOrders(); }, &desk.settings,
                                               QStringLiteral("chen.m"), true);
            panel.setMerchant(QStringLiteral("M-HD-07"));
            QCOMPARE(panel.boardModel()->rowCount(), 4);
        }
        Desk desk(path);
        desk.bridge.publish(delta(0, 12));
        QTRY_COMPARE(desk.context.currentOrders().size(), 12);
        widgets::MerchantOrdersPanel same([&desk] { return desk.context.currentOrders(); }, &desk.settings,
                                          QStringLiteral("chen.m"), true);
        QCOMPARE(same.merchant(), QStringLiteral("M-HD-07"));
        QCOMPARE(same.boardModel()->rowCount(), 4);
        widgets::MerchantOrdersPanel other([&desk] { return desk.context.currentOrders(); }, &desk.settings,
                                           QStringLiteral("wang.l"), true);
        QVERIFY(other.merchant().isEmpty());
        QCOMPARE(other.boardModel()->rowCount(), 0);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestMerchantDesk)
#include "tst_merchant_desk.moc"
