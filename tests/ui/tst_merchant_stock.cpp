// Issue 18: the merchant desk's stock view. The real merchant plugin, its stock panel
// over the host's StockServiceHost, fed inventory.level events as the decoder reads them
// off the wire; the model under QAbstractItemModelTester. A merchant sees its own items
// only, with the restock suggestion of the hand-computed example (docs/merchant.md).
#include "access/TestAccess.h"
#include "app/features/stock/StockFeature.h"
#include "app/runtime/ConsoleBridge.h"
#include "app/shell/ConsoleContextAdapter.h"
#include "app/shell/PluginHost.h"
#include "core/access/AccessPolicy.h"
#include "core/model/EventDecoder.h"
#include "core/pipeline/Projections.h"
#include "sdk/RolePlugin.h"
#include "store/db/StoreWorker.h"
#include "store/log/EventStore.h"
#include "widgets/merchant/MerchantStockPanel.h"
#include "widgets/merchant/StockModel.h"
#include "widgets/merchant/StockSettingsDialog.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QLineEdit>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using namespace opsdeck;

namespace {

constexpr std::int64_t kHour = 3600LL * 1000;
// 10:00 in Beijing: the next delivery slot (14:00) is 4 h away.
const std::int64_t kT0 = *core::parseTimestampMs("2026-12-07T02:00:00.000Z");

class Wire
{
public:
    core::Event level(std::int64_t atMs, const char *merchant, const char *sku, const char *name, double qty)
    {
        ++m_seq;
        const std::string json = R"({"v":1,"epoch":"e1","depot":"BJ-CY-01","id":"i)" + std::to_string(m_seq)
            + R"(","seq":)" + std::to_string(m_seq) + R"(,"ts":")" + core::formatTimestampMs(atMs)
            + R"(","type":"inventory.level","data":{"merchant_id":")" + merchant + R"(","sku":")" + sku
            + R"(","name":")" + name + R"(","unit":"box","reorder_point":15,"qty":)" + std::to_string(qty) + "}}";
        auto result = m_decoder.decode("BJ-CY-01/inventory.level", json);
        if (auto *event = std::get_if<core::Event>(&result))
            return *event;
        qFatal("rejected");
    }

private:
    core::EventDecoder m_decoder;
    int m_seq = 0;
};

// The merchant desk as the window builds it: the real plugin's Stock panel over a host
// scoped to merchant M-1.
struct Desk {
    Desk()
        : settings(dir.filePath("stock.ini"), QSettings::IniFormat)
        , context({QStringLiteral("merchant"), QStringLiteral("chen.m"), true})
        , host({QStringLiteral(OPSDECK_PLUGIN_DIR)})
    {
        context.attach(bridge);
        context.setClock([] { return kT0; });
        context.setSettings(&settings);
        context.provide<sdk::StockService>(&stock);
        host.setRole(QStringLiteral("merchant"));
        host.loadPlugins(&context);
        for (const sdk::Panel &p : host.plugins().at(0).plugin->createPanels(&context, &parent))
            if (p.id == QLatin1String("stock"))
                panel = qobject_cast<widgets::MerchantStockPanel *>(p.widget);
    }
    static bool sees(const std::string &depot, const std::string &merchant)
    {
        const core::access::Principal me{"chen.m", "merchant", {}, "M-1", false};
        return core::access::inScope(me, core::access::Scope{depot, merchant});
    }
    QString cell(const QString &sku, int column) const
    {
        const auto &rows = panel->model()->rows();
        for (int i = 0; i < rows.size(); ++i)
            if (rows.at(i).sku == sku)
                return panel->model()->index(i, column).data().toString();
        return QStringLiteral("?");
    }

    QTemporaryDir dir;
    QSettings settings;
    app::ConsoleBridge bridge;
    app::ConsoleContextAdapter context;
    app::StockServiceHost stock;
    app::PluginHost host;
    QWidget parent;
    widgets::MerchantStockPanel *panel = nullptr;
};

// The docs' example (milk, 30 boxes used in 3 h, a delivery in between) and bread out,
// for M-1; eggs for M-2 in the same depot.
std::vector<core::Event> exampleLevels(Wire &wire)
{
    std::vector<core::Event> out;
    for (const auto &[at, qty] : std::vector<std::pair<std::int64_t, double>>{
             {kT0 - 3 * kHour, 100}, {kT0 - 2 * kHour, 90}, {kT0 - kHour, 80}, {kT0 - kHour / 2, 150}, {kT0, 140}})
        out.push_back(wire.level(at, "M-1", "SKU-MILK", "Milk", qty));
    out.push_back(wire.level(kT0, "M-1", "SKU-BREAD", "Bread", 0));
    out.push_back(wire.level(kT0 - kHour, "M-2", "SKU-EGGS", "Eggs", 50));
    out.push_back(wire.level(kT0, "M-2", "SKU-EGGS", "Eggs", 3));
    return out;
}

} // namespace

class TestMerchantStock final : public QObject
{
    Q_OBJECT
private slots:
    void stockViewShowsOwnItemsWithRestockSuggestion()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath("stock.ini"), QSettings::IniFormat);
        app::ConsoleBridge bridge;
        app::ConsoleContextAdapter context({QStringLiteral("merchant"), QStringLiteral("chen.m"), true});
        context.attach(bridge);
        context.setClock([] { return kT0; });
        context.setSettings(&settings);

        // The host as the window assembles it: scoped by the signed-in merchant's principal.
        app::StockServiceHost stock;
        const core::access::Principal me{"chen.m", "merchant", {}, "M-1", false};
        stock.setScope([me](const std::string &depot, const std::string &merchant) {
            return core::access::inScope(me, core::access::Scope{depot, merchant});
        });
        context.provide<sdk::StockService>(&stock);

        app::PluginHost host({QStringLiteral(OPSDECK_PLUGIN_DIR)});
        host.setRole(QStringLiteral("merchant"));
        host.loadPlugins(&context);
        QCOMPARE(host.plugins().size(), 1);
        QWidget parent;
        widgets::MerchantStockPanel *panel = nullptr;
        for (const sdk::Panel &p : host.plugins().at(0).plugin->createPanels(&context, &parent))
            if (p.id == QLatin1String("stock"))
                panel = qobject_cast<widgets::MerchantStockPanel *>(p.widget);
        QVERIFY(panel);
        QAbstractItemModelTester tester(panel->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(panel->model()->rowCount(), 0);

        core::Projections projections;
        Wire wire;
        // Milk: 30 boxes used in 3 h, a delivery in between (the docs' example).
        for (const auto &[at, qty] : std::vector<std::pair<std::int64_t, double>>{
                 {kT0 - 3 * kHour, 100}, {kT0 - 2 * kHour, 90}, {kT0 - kHour, 80}, {kT0 - kHour / 2, 150}, {kT0, 140}})
            stock.onEvent(wire.level(at, "M-1", "SKU-MILK", "Milk", qty), true, projections);
        stock.onEvent(wire.level(kT0, "M-1", "SKU-BREAD", "Bread", 0), true, projections);
        // Another merchant's shelf in the same depot: never on this desk.
        stock.onEvent(wire.level(kT0 - kHour, "M-2", "SKU-EGGS", "Eggs", 50), true, projections);
        stock.onEvent(wire.level(kT0, "M-2", "SKU-EGGS", "Eggs", 3), true, projections);
        stock.onTick(projections, kT0);

        QTRY_COMPARE(panel->model()->rowCount(), 2);
        for (const sdk::StockRow &r : panel->model()->rows())
            QCOMPARE(r.merchant, QStringLiteral("M-1"));
        const auto cell = [panel](const QString &sku, int column) -> QString {
            const auto &rows = panel->model()->rows();
            for (int i = 0; i < rows.size(); ++i)
                if (rows.at(i).sku == sku)
                    return panel->model()->index(i, column).data().toString();
            return QStringLiteral("?");
        };
        QCOMPARE(cell("SKU-MILK", widgets::StockModel::Level), QStringLiteral("140 box"));
        QCOMPARE(cell("SKU-MILK", widgets::StockModel::PerHour), QStringLiteral("10.0 / h"));
        QCOMPARE(cell("SKU-MILK", widgets::StockModel::Cover), QStringLiteral("14.0 h"));
        QCOMPARE(cell("SKU-MILK", widgets::StockModel::State), QStringLiteral("OK"));
        QCOMPARE(cell("SKU-MILK", widgets::StockModel::Restock), QStringLiteral("380"));
        QCOMPARE(cell("SKU-BREAD", widgets::StockModel::State), QStringLiteral("Out of stock"));
        QVERIFY2(panel->summaryText().contains(QStringLiteral("0 low · 1 out")), qPrintable(panel->summaryText()));
        QVERIFY(!panel->summaryText().contains(QStringLiteral("Eggs")));

        // A new level moves the same rows in place (the tester checks the signals).
        stock.onEvent(wire.level(kT0 + 1000, "M-1", "SKU-BREAD", "Bread", 120), true, projections);
        stock.onTick(projections, kT0 + 1000);
        QTRY_COMPARE(cell("SKU-BREAD", widgets::StockModel::State), QStringLiteral("OK"));
        QCOMPARE(panel->model()->rowCount(), 2);
    }

    // A restarted console: the levels are in the SQLite file only; opening the desk reads
    // them back (store thread) and shows the same figures as the live view did.
    void restartedDeskShowsStockFromTheStore()
    {
        Desk desk;
        QVERIFY(desk.panel);
        QAbstractItemModelTester tester(desk.panel->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString db = desk.dir.filePath("ops.db");
        Wire wire;
        std::vector<core::Event> levels = exampleLevels(wire);
        {
            store::EventStore es;
            es.open(db);
            core::StoreBatch batch;
            batch.events = levels;
            QCOMPARE(es.write(batch).eventsLogged, static_cast<std::int64_t>(levels.size()));
        }
        auto es = std::make_unique<store::EventStore>();
        es->open(db);
        store::StoreWorker worker(std::move(es));
        core::Projections projections;
        // The last milk level also arrives live before the log is read: counted once.
        desk.stock.onEvent(levels.at(4), true, projections);
        desk.stock.loadHistory(worker, nullptr, &Desk::sees);
        QTRY_VERIFY(desk.stock.historyRead());
        desk.stock.onTick(projections, kT0);

        QTRY_COMPARE(desk.panel->model()->rowCount(), 2);
        for (const sdk::StockRow &r : desk.panel->model()->rows())
            QCOMPARE(r.merchant, QStringLiteral("M-1"));
        QCOMPARE(desk.cell("SKU-MILK", widgets::StockModel::Level), QStringLiteral("140 box"));
        QCOMPARE(desk.cell("SKU-MILK", widgets::StockModel::PerHour), QStringLiteral("10.0 / h"));
        QCOMPARE(desk.cell("SKU-MILK", widgets::StockModel::Cover), QStringLiteral("14.0 h"));
        QCOMPARE(desk.cell("SKU-MILK", widgets::StockModel::Restock), QStringLiteral("380"));
        QCOMPARE(desk.cell("SKU-BREAD", widgets::StockModel::State), QStringLiteral("Out of stock"));
        worker.stop();
    }

    // The desk's "Export restock CSV…" button: the real widget clicked, the CSV written
    // by the guarded export off the GUI thread into a temp dir: the merchant's rows only.
    // Without the export permission the refusal is shown and audited, no file written.
    void exportButtonWritesOwnRowsOnly()
    {
        Desk desk;
        QAbstractItemModelTester tester(desk.panel->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString db = desk.dir.filePath("ops.db");
        Wire wire;
        {
            store::EventStore es;
            es.open(db);
            core::StoreBatch batch;
            batch.events = exampleLevels(wire);
            es.write(batch);
        }
        const QString csv = desk.dir.filePath("restock.csv");
        desk.panel->setFileChooser([csv](QWidget *) { return csv; });
        auto *button = desk.panel->findChild<QPushButton *>(QStringLiteral("exportButton"));
        QVERIFY(button);

        accesstest::TestAccess agent("cs", "customer_service", {}, {});
        desk.stock.setExport(&agent.guard, db);
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY(desk.panel->exportText().startsWith(QStringLiteral("Could not export")));
        QVERIFY(!QFile::exists(csv));
        QCOMPARE(agent.audit.records.size(), std::size_t(1));
        QCOMPARE(agent.audit.records.front().outcome, std::string("refused"));

        accesstest::TestAccess shop("chen.m", "merchant", {}, "M-1");
        desk.stock.setExport(&shop.guard, db);
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY2(desk.panel->exportText().startsWith(QStringLiteral("Exported 2 row")),
                     qPrintable(desk.panel->exportText()));
        QVERIFY(button->isEnabled());
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 3); // header, milk, bread
        QVERIFY(lines.at(0).startsWith("merchant,"));
        for (int i = 1; i < lines.size(); ++i)
            QVERIFY2(lines.at(i).startsWith("M-1,"), lines.at(i).constData());
        QVERIFY(lines.at(1).contains("SKU-BREAD") || lines.at(2).contains("SKU-BREAD"));
    }

    void badStockSettingsAreRefusedWithAReason()
    {
        QString error;
        QCOMPARE(sdk::parseSlotList(QStringLiteral("6:00, 14:30"), &error), (QList<int>{360, 870}));
        QVERIFY(error.isEmpty());
        for (const char *bad : {"25:00", "6h", "06:00, 06:00", "", " , "}) {
            error.clear();
            QVERIFY2(sdk::parseSlotList(QString::fromLatin1(bad), &error).isEmpty(), bad);
            QVERIFY2(!error.isEmpty(), bad);
        }
        QVERIFY(sdk::validateStockSettings({}).isEmpty());
        QVERIFY(!sdk::validateStockSettings({0.0, 0.0, {360}}).isEmpty());    // no target
        QVERIFY(!sdk::validateStockSettings({400.0, 12.0, {360}}).isEmpty()); // beyond 14 days
        QVERIFY(!sdk::validateStockSettings({48.0, 48.0, {360}}).isEmpty());  // low not under target
        QVERIFY(!sdk::validateStockSettings({48.0, -1.0, {360}}).isEmpty());
        QVERIFY(!sdk::validateStockSettings({48.0, 12.0, {}}).isEmpty());

        // A hand-edited settings file with a bad value: refused, defaults kept, said on the panel.
        Desk desk;
        desk.settings.setValue(QStringLiteral("stock/targetCoverHours"), QStringLiteral("two days"));
        desk.settings.setValue(QStringLiteral("stock/lowCoverHours"), 6);
        desk.stock.loadSettings(&desk.settings);
        QVERIFY(!desk.stock.settingsProblem().isEmpty());
        QCOMPARE(desk.stock.stockSettings().targetCoverHours, 48.0);
        QCOMPARE(desk.stock.stockSettings().lowCoverHours, 12.0);
        desk.panel->refresh();
        QVERIFY(desk.panel->ruleText().contains(desk.stock.settingsProblem()));
    }

    // The settings dialog from the panel's button: a bad slot is refused in the dialog
    // (nothing kept); good values are kept in QSettings and change the restock figure.
    void settingsDialogKeepsGoodValuesOnly()
    {
        Desk desk;
        QAbstractItemModelTester tester(desk.panel->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        desk.stock.loadSettings(&desk.settings);
        core::Projections projections;
        Wire wire;
        for (const core::Event &e : exampleLevels(wire))
            desk.stock.onEvent(e, true, projections);
        desk.stock.onTick(projections, kT0);
        QTRY_COMPARE(desk.cell("SKU-MILK", widgets::StockModel::Restock), QStringLiteral("380"));

        QTest::mouseClick(desk.panel->findChild<QPushButton *>(QStringLiteral("settingsButton")), Qt::LeftButton);
        auto *dialog = desk.panel->findChild<widgets::StockSettingsDialog *>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        auto *target = dialog->findChild<QDoubleSpinBox *>(QStringLiteral("targetSpin"));
        auto *slotEdit = dialog->findChild<QLineEdit *>(QStringLiteral("slotsEdit"));
        QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QCOMPARE(target->value(), 48.0);
        QCOMPARE(slotEdit->text(), QStringLiteral("06:00, 14:00"));

        target->setValue(24.0);
        slotEdit->setText(QStringLiteral("14:00, 25:00"));
        QTest::mouseClick(ok, Qt::LeftButton);
        QVERIFY(dialog->isVisible());
        QVERIFY(dialog->errorText().contains(QStringLiteral("25:00")));
        QVERIFY(!desk.settings.contains(QStringLiteral("stock/targetCoverHours")));
        QCOMPARE(desk.stock.stockSettings().targetCoverHours, 48.0);

        // One slot at 14:00, 4 h away: 100 boxes left then, a day's use is 240: order 140.
        slotEdit->setText(QStringLiteral("14:00"));
        QTest::mouseClick(ok, Qt::LeftButton);
        QVERIFY(!dialog->isVisible());
        QCOMPARE(desk.settings.value(QStringLiteral("stock/targetCoverHours")).toDouble(), 24.0);
        QCOMPARE(desk.settings.value(QStringLiteral("stock/slots")).toString(), QStringLiteral("14:00"));
        desk.stock.onTick(projections, kT0);
        QTRY_COMPARE(desk.cell("SKU-MILK", widgets::StockModel::Restock), QStringLiteral("140"));
        QVERIFY(desk.panel->ruleText().contains(QStringLiteral("24 hours")));
    }

    void panelWithoutServiceSaysSo()
    {
        widgets::MerchantStockPanel panel(nullptr);
        QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(panel.model()->rowCount(), 0);
        QCOMPARE(panel.summaryText(), QStringLiteral("This console has no stock figures."));
    }
};

QTEST_MAIN(TestMerchantStock)
#include "tst_merchant_stock.moc"
