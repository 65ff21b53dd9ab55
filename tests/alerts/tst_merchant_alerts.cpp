// Issue 18: the merchant desk's alert queue lists its own stock alerts and its own
// orders' out-of-stock alerts, and never another merchant's. The real merchant plugin
// over the real alert service, engine (ConsoleCore thread, injected clock) and store
// (a real SQLite file); the queue's model under QAbstractItemModelTester.
#include "AlertFeed.h"
#include "app/features/alerts/AlertPipeline.h"
#include "app/features/alerts/AlertServiceHost.h"
#include "app/shell/ConsoleContextAdapter.h"
#include "app/shell/PluginHost.h"
#include "core/access/AccessPolicy.h"
#include "core/pipeline/ConsoleCore.h"
#include "sdk/RolePlugin.h"
#include "store/db/StoreWorker.h"
#include "store/log/EventStore.h"
#include "widgets/alerts/AlertQueueModel.h"
#include "widgets/alerts/AlertQueueWidget.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>

using namespace alerttest;
using namespace opsdeck;

namespace {

struct Console {
    explicit Console(const QString &db)
        : pipeline(app::AlertPipeline::Options{})
        , service(pipeline, QStringLiteral("chen.m"), [this] { return clock.load(); })
    {
        auto es = std::make_unique<store::EventStore>();
        es->open(db);
        worker = std::make_unique<store::StoreWorker>(std::move(es));
        ConsoleCore::Options o;
        o.tickIntervalMs = 10;
        o.wallClockMs = [this] { return clock.load(); };
        core = std::make_unique<ConsoleCore>(Projections{}, [this](StoreBatch &&b) { worker->submit(std::move(b)); },
                                             nullptr, o);
        pipeline.assemble(*core, *worker);
        service.loadRestored();
        core->start();
    }
    ~Console()
    {
        core->stop();
        worker->stop();
    }
    std::atomic<std::int64_t> clock{kT0};
    app::AlertPipeline pipeline;
    app::AlertServiceHost service;
    std::unique_ptr<store::StoreWorker> worker;
    std::unique_ptr<ConsoleCore> core;
};

Event level(const char *merchant, const char *sku, double qty)
{
    return withData(make(EventKind::InventoryLevel, kT0),
                    {{"merchant_id", merchant}, {"sku", sku}, {"name", "Milk"}, {"qty", qty}, {"unit", "box"},
                     {"reorder_point", 10}});
}

OrderRecord record(const char *id, const char *merchant)
{
    OrderRecord o;
    o.orderId = id;
    o.depot = kDepot;
    o.merchantId = merchant;
    o.channel = "fresh";
    o.state = OrderState::OutOfStock;
    o.createdAtMs = kT0;
    o.updatedAtMs = kT0;
    return o;
}

} // namespace

class TestMerchantAlerts final : public QObject
{
    Q_OBJECT
private slots:
    void merchantQueueHoldsOwnStockAndOutOfStockAlertsOnly()
    {
        QTemporaryDir dir;
        Console console(dir.filePath("console.db"));
        const core::access::Principal me{"chen.m", "merchant", {}, "M-CY-01", false};
        app::ConsoleContextAdapter context({QStringLiteral("merchant"), QStringLiteral("chen.m"), true,
                                            [me](const std::string &depot, const std::string &merchant) {
                                                return core::access::inScope(me, core::access::Scope{depot, merchant});
                                            },
                                            QStringLiteral("M-CY-01")});
        context.provide<sdk::AlertService>(&console.service);
        ConsoleDelta delta; // what the board holds: the merchant's own order only (in scope)
        delta.orders.push_back(record("mine", "M-CY-01"));
        delta.orders.push_back(record("theirs", "M-CY-02"));
        context.applyDelta(delta);
        QCOMPARE(context.currentOrders().size(), 1);

        app::PluginHost host({QStringLiteral(OPSDECK_PLUGIN_DIR)});
        host.setRole(QStringLiteral("merchant"));
        host.loadPlugins(&context);
        QCOMPARE(host.plugins().size(), 1);
        QWidget parent;
        widgets::AlertQueueWidget *queue = nullptr;
        for (const sdk::Panel &p : host.plugins().at(0).plugin->createPanels(&context, &parent))
            if (p.id == QLatin1String("alerts"))
                queue = qobject_cast<widgets::AlertQueueWidget *>(p.widget);
        QVERIFY(queue);
        QAbstractItemModelTester tester(queue->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);

        // Both merchants' milk runs low; both merchants' orders go out of stock.
        Event mine = created("mine", kT0);
        Event theirs = created("theirs", kT0);
        theirs.merchantId = "M-CY-02";
        FeedBatch batch;
        batch.events = {level("M-CY-01", "SKU-1", 2), level("M-CY-02", "SKU-1", 3), level("M-CY-02", "SKU-2", 1),
                        mine, make(EventKind::OrderPaid, kT0, "mine"), stockChecked("mine", kT0, false),
                        theirs, make(EventKind::OrderPaid, kT0, "theirs"), stockChecked("theirs", kT0, false)};
        console.core->post(std::move(batch));
        console.clock = kT0 + 5000; // past the out-of-stock rule's 0.6 s

        // The merchant's queue: its own item's stock alert and its own order's out-of-stock
        // alert; not M-CY-02's two low items nor M-CY-02's order.
        QTRY_COMPARE(queue->model()->rowCount(), 2);
        QStringList subjects;
        for (int row = 0; row < queue->model()->rowCount(); ++row) {
            const sdk::AlertRow a = queue->model()->alertAt(row);
            subjects << a.ruleId + QLatin1Char(' ') + a.subject;
        }
        subjects.sort();
        QCOMPARE(subjects, (QStringList{QStringLiteral("stock.below_reorder BJ-CY-01/SKU-1@M-CY-01"),
                                        QStringLiteral("stock.order_out_of_stock mine")}));
        // The other merchant's out-of-stock order went to customer service all the same.
        bool csSeesBoth = false;
        for (const sdk::AlertRow &a : console.service.currentAlerts())
            csSeesBoth = csSeesBoth || (a.subject == QLatin1String("theirs") && a.visibleTo(QStringLiteral("customer_service")));
        QVERIFY(csSeesBoth);
        host.shutdown();
    }
};

QTEST_MAIN(TestMerchantAlerts)
#include "tst_merchant_alerts.moc"
