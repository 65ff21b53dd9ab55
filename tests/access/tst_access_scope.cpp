// Merchant and depot scope on what the console shows and exports: the context every view
// and plugin reads orders from (the merchant desk through the real merchant plugin), and
// every export table from a real SQLite file through the guarded export.
#include "access/TestAccess.h"
#include "store/StoreFixtures.h"

#include "app/assembly/WindowConsole.h"
#include "app/cli/ExportCommand.h"
#include "app/runtime/ConsoleBridge.h"
#include "app/shell/ConsoleContextAdapter.h"
#include "app/shell/PluginHost.h"
#include "sdk/RolePlugin.h"
#include "store/log/EventStore.h"
#include "widgets/alerts/AlertQueueModel.h"
#include "widgets/board/BoardModel.h"
#include "widgets/merchant/MerchantOrdersPanel.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QComboBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

using namespace opsdeck;
using accesstest::TestAccess;

namespace {

core::OrderRecord orderOf(const std::string &id, const std::string &depot, const std::string &merchant)
{
    core::OrderRecord o = store::test::makeOrder(id, depot);
    o.merchantId = merchant;
    return o;
}

// Two merchants in two depots: a1 (m1, D1), a2 (m2, D1), a3 (m1, D2).
core::ConsoleDelta twoMerchants()
{
    core::ConsoleDelta d;
    d.orders = {orderOf("a1", "D1", "m1"), orderOf("a2", "D1", "m2"), orderOf("a3", "D2", "m1")};
    return d;
}

QStringList idsOf(const QList<sdk::OrderRow> &rows)
{
    QStringList ids;
    for (const auto &r : rows)
        ids << r.orderId;
    ids.sort();
    return ids;
}

struct Exported {
    store::ExportResult result;
    QStringList lines;
};

Exported exportAs(TestAccess &who, const QString &db, store::ExportTable table, bool pii = false)
{
    store::ExportOptions options;
    options.table = table;
    options.format = store::ExportFormat::Jsonl;
    options.includePersonalData = pii;
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    Exported e;
    e.result = app::runGuardedExport(who.guard, options, db, buffer);
    for (const QByteArray &line : buffer.data().split('\n'))
        if (!line.isEmpty())
            e.lines << QString::fromUtf8(line);
    return e;
}

} // namespace

class TstAccessScope : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath(QStringLiteral("scope.db"));
        store::EventStore writer;
        writer.open(m_db);
        core::StoreBatch b;
        b.events.push_back(store::test::makeCreated("gw1", "D1", 1, "a1", "Zhang Wei", "13812341234", "Rd 1"));
        b.events.push_back(store::test::makeCreated("gw1", "D1", 2, "a2", "Li Na", "13900001111", "Rd 2"));
        b.events.push_back(store::test::makeCreated("gw1", "D2", 3, "a3", "Wang Fang", "13700002222", "Rd 3"));
        b.events.push_back(store::test::makePosition("gw1", "D1", 4));
        const core::ConsoleDelta d = twoMerchants();
        b.orders = d.orders;
        core::Rejected r;
        r.reason = core::RejectReason::MalformedJson;
        r.topic = "D1/order.created";
        r.raw = "{\"merchant_id\":\"m2\"";
        r.size = static_cast<std::int64_t>(r.raw.size());
        r.atMs = store::test::kBaseMs;
        b.rejected.push_back(r);
        writer.write(b);
    }

    void merchantContextHoldsItsOwnOrdersOnly()
    {
        const core::access::Principal m1{"shop1", "merchant", {}, "m1", false};
        app::ConsoleContextAdapter context({QStringLiteral("merchant"), QStringLiteral("shop1"), true,
                                            app::WindowConsole::scopeOf(m1), QStringLiteral("m1")});
        QSignalSpy changed(&context, &sdk::ConsoleContext::ordersChanged);
        context.applyDelta(twoMerchants());
        QCOMPARE(idsOf(context.currentOrders()), (QStringList{"a1", "a3"}));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(idsOf(changed.first().at(0).value<QList<sdk::OrderRow>>()), (QStringList{"a1", "a3"}));
        // A delta of another merchant's orders only: nothing changes, nothing is told.
        core::ConsoleDelta other;
        other.orders = {orderOf("a4", "D1", "m2")};
        context.applyDelta(other);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(context.merchant(), QStringLiteral("m1"));

        // A merchant user without a merchant sees nothing at all.
        const core::access::Principal none{"shop0", "merchant", {}, {}, false};
        app::ConsoleContextAdapter empty({QStringLiteral("merchant"), QStringLiteral("shop0"), true,
                                          app::WindowConsole::scopeOf(none)});
        empty.applyDelta(twoMerchants());
        QVERIFY(empty.currentOrders().isEmpty());
    }

    void depotScopedDispatcherSeesItsDepotsOnly()
    {
        const core::access::Principal d2{"disp2", "dispatcher", {"D2"}, {}, false};
        app::ConsoleContextAdapter context({QStringLiteral("dispatcher"), QStringLiteral("disp2"), true,
                                            app::WindowConsole::scopeOf(d2)});
        context.applyDelta(twoMerchants());
        QCOMPARE(idsOf(context.currentOrders()), (QStringList{"a3"}));
        // No depots: everything, with no test per row.
        QVERIFY(!app::WindowConsole::scopeOf({"disp", "dispatcher", {}, {}, false}));
    }

    // The alert queue lists only the alerts within the user's scope: a depot's dispatcher
    // its depot's (order alerts by the orders the context holds), a merchant its own
    // orders' and no depot-wide alert.
    void alertQueueIsCutToTheScope()
    {
        const auto alert = [](qint64 id, const char *order, const char *depot, const char *role) {
            sdk::AlertRow a;
            a.id = id;
            a.ruleId = QStringLiteral("r");
            a.orderId = QLatin1String(order);
            a.subject = a.orderId.isEmpty() ? QLatin1String(depot) : a.orderId;
            a.subjectKind = a.orderId.isEmpty() ? QStringLiteral("depot") : QStringLiteral("order");
            a.depot = QLatin1String(depot);
            a.state = QStringLiteral("new");
            a.roles = {QLatin1String(role)};
            return a;
        };
        const auto listed = [](const widgets::AlertQueueModel &model) {
            QList<qint64> ids;
            for (int row = 0; row < model.rowCount(); ++row)
                ids << model.alertAt(row).id;
            std::sort(ids.begin(), ids.end());
            return ids;
        };
        const core::access::Principal d2{"disp2", "dispatcher", {"D2"}, {}, false};
        app::ConsoleContextAdapter depot({QStringLiteral("dispatcher"), QStringLiteral("disp2"), true,
                                          app::WindowConsole::scopeOf(d2)});
        depot.applyDelta(twoMerchants());
        widgets::AlertQueueModel queue(QStringLiteral("dispatcher"), [] { return qint64{0}; });
        QAbstractItemModelTester tester(&queue, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QList<sdk::AlertRow> dispatcherAlerts{alert(1, "a1", "D1", "dispatcher"), alert(2, "a3", "D2", "dispatcher"),
                                                    alert(3, "", "D1", "dispatcher"), alert(4, "", "D2", "dispatcher")};
        queue.reset(dispatcherAlerts);
        QCOMPARE(queue.rowCount(), 4); // no scope yet: the role's whole queue
        queue.setScope([&depot](const sdk::AlertRow &a) { return depot.seesAlert(a.orderId, a.depot); });
        QCOMPARE(listed(queue), (QList<qint64>{2, 4}));
        queue.applyChanges({alert(5, "a2", "D1", "dispatcher"), alert(6, "", "D2", "dispatcher")});
        QCOMPARE(listed(queue), (QList<qint64>{2, 4, 6}));

        const core::access::Principal m1{"shop1", "merchant", {}, "m1", false};
        app::ConsoleContextAdapter shop({QStringLiteral("merchant"), QStringLiteral("shop1"), true,
                                         app::WindowConsole::scopeOf(m1), QStringLiteral("m1")});
        shop.applyDelta(twoMerchants());
        widgets::AlertQueueModel merchantQueue(QStringLiteral("merchant"), [] { return qint64{0}; });
        QAbstractItemModelTester merchantTester(&merchantQueue, QAbstractItemModelTester::FailureReportingMode::QtTest);
        merchantQueue.setScope([&shop](const sdk::AlertRow &a) { return shop.seesAlert(a.orderId, a.depot); });
        merchantQueue.reset({alert(1, "a1", "D1", "merchant"), alert(2, "a2", "D1", "merchant"),
                             alert(3, "", "D1", "merchant")});
        QCOMPARE(listed(merchantQueue), (QList<qint64>{1}));
        // An unscoped user's context sees every alert.
        app::ConsoleContextAdapter everyone({QStringLiteral("ops_manager"), QStringLiteral("om"), true});
        QVERIFY(everyone.seesAlert(QStringLiteral("zz"), QStringLiteral("D9")));
    }

    // The real merchant plugin: its board holds the signed-in merchant's orders, and
    // there is no picker of every merchant.
    void merchantDeskHasNoPickerAndOneMerchant()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("desk.ini")), QSettings::IniFormat);
        const core::access::Principal m1{"shop1", "merchant", {}, "m1", false};
        app::ConsoleContextAdapter context({QStringLiteral("merchant"), QStringLiteral("shop1"), true,
                                            app::WindowConsole::scopeOf(m1), QStringLiteral("m1")});
        context.setSettings(&settings);
        context.applyDelta(twoMerchants());
        app::PluginHost host({QStringLiteral(OPSDECK_PLUGIN_DIR)});
        host.setRole(QStringLiteral("merchant"));
        host.loadPlugins(&context);
        QCOMPARE(host.plugins().size(), 1);
        QWidget parent;
        const QList<sdk::Panel> panels = host.plugins().at(0).plugin->createPanels(&context, &parent);
        auto *desk = qobject_cast<widgets::MerchantOrdersPanel *>(panels.at(0).widget);
        QVERIFY(desk);
        QAbstractItemModelTester tester(desk->boardModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        parent.show();
        QCOMPARE(desk->merchant(), QStringLiteral("m1"));
        QVERIFY(!desk->findChild<QComboBox *>(QStringLiteral("merchantCombo"))->isVisible());
        QCOMPARE(desk->boardModel()->rowCount(), 2);
        QCOMPARE(desk->knownMerchants(), (QStringList{"m1"}));
        core::ConsoleDelta more;
        more.orders = {orderOf("a5", "D1", "m2"), orderOf("a6", "D1", "m1")};
        context.applyDelta(more);
        QTRY_COMPARE(desk->boardModel()->rowCount(), 3);
        QCOMPARE(desk->boardModel()->rowOf(QStringLiteral("a5")), -1);
    }

    void merchantExportsItsOwnRowsOfEveryTable()
    {
        TestAccess m1("shop1", "merchant", {}, "m1");
        const Exported orders = exportAs(m1, m_db, store::ExportTable::Orders);
        QVERIFY2(orders.result.ok, qPrintable(orders.result.error));
        QCOMPARE(orders.lines.size(), 2);
        for (const QString &line : orders.lines)
            QVERIFY2(line.contains(QLatin1String("\"merchant_id\":\"m1\"")), qPrintable(line));
        const Exported events = exportAs(m1, m_db, store::ExportTable::Events);
        QVERIFY2(events.result.ok, qPrintable(events.result.error));
        QCOMPARE(events.lines.size(), 2); // a1's and a3's; neither a2's nor the rider's
        for (const QString &line : events.lines)
            QVERIFY2(!line.contains(QLatin1String("\"a2\"")) && !line.contains(QLatin1String("r-1")), qPrintable(line));
        const Exported rejected = exportAs(m1, m_db, store::ExportTable::Rejected);
        QVERIFY(rejected.result.ok);
        QVERIFY(rejected.lines.isEmpty()); // whose it was cannot be told
        QVERIFY(m1.audit.records.empty());

        // An unscoped role exports everything (masked).
        TestAccess ops("ops1", "ops_manager");
        QCOMPARE(exportAs(ops, m_db, store::ExportTable::Orders).lines.size(), 3);
        QCOMPARE(exportAs(ops, m_db, store::ExportTable::Rejected).lines.size(), 1);
        // A depot-scoped dispatcher: its depot's rows.
        TestAccess d2("disp2", "dispatcher", {"D2"});
        const Exported depot = exportAs(d2, m_db, store::ExportTable::Orders);
        QCOMPARE(depot.lines.size(), 1);
        QVERIFY(depot.lines.first().contains(QLatin1String("\"a3\"")));
    }

    void refusedExportsAreAuditedAndNamed()
    {
        TestAccess none("shop0", "merchant"); // no merchant: nothing to export
        const Exported a = exportAs(none, m_db, store::ExportTable::Orders);
        QVERIFY(!a.result.ok);
        QVERIFY(a.lines.isEmpty());
        QVERIFY2(a.result.error.contains(QStringLiteral("“export”")), qPrintable(a.result.error));
        QCOMPARE(none.audit.records.size(), std::size_t{1});
        QCOMPARE(none.audit.records.front().action, std::string("export"));
        QCOMPARE(none.audit.records.front().permission, std::string("export"));

        TestAccess cs("cs1", "customer_service");
        QVERIFY(!exportAs(cs, m_db, store::ExportTable::Orders).result.ok);
        QCOMPARE(cs.audit.records.size(), std::size_t{1});

        TestAccess disp("disp1", "dispatcher");
        const Exported pii = exportAs(disp, m_db, store::ExportTable::Orders, true);
        QVERIFY(!pii.result.ok);
        QVERIFY(pii.lines.isEmpty());
        QVERIFY2(pii.result.error.contains(QStringLiteral("“export_personal_data”")), qPrintable(pii.result.error));
        QCOMPARE(disp.audit.records.front().permission, std::string("export_personal_data"));

        TestAccess admin("root", "admin");
        const Exported all = exportAs(admin, m_db, store::ExportTable::Orders, true);
        QVERIFY(all.result.ok);
        QCOMPARE(all.lines.size(), 3);
        QVERIFY(all.lines.join(QLatin1Char('\n')).contains(QLatin1String("13812341234")));
    }

private:
    QTemporaryDir m_dir;
    QString m_db;
};

QTEST_MAIN(TstAccessScope)
#include "tst_access_scope.moc"
