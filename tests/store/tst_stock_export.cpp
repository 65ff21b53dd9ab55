// Issue 18: restock suggestions exported as CSV through the guarded export path
// (`opsdeck export stock`): rebuilt from the inventory.level events in a real SQLite
// file, cut to the principal's scope (a merchant: its own items only), refused and
// audited like any export for a role without the permission.
#include "access/TestAccess.h"

#include "app/cli/ExportCommand.h"
#include "core/model/EventDecoder.h"
#include "store/export/Exporter.h"
#include "store/log/EventStore.h"

#include <QBuffer>
#include <QTemporaryDir>
#include <QtTest>

using namespace opsdeck;
using accesstest::TestAccess;

namespace {

constexpr std::int64_t kHour = 3600LL * 1000;
// 10:00 in Beijing: the next slot (14:00) is 4 h away (docs/merchant.md's example).
const std::int64_t kT0 = *core::parseTimestampMs("2026-12-07T02:00:00.000Z");

class Wire
{
public:
    core::Event level(std::int64_t atMs, const char *merchant, const char *sku, double qty)
    {
        ++m_seq;
        const std::string merchantField = merchant ? std::string(R"("merchant_id":")") + merchant + "\"," : "";
        const std::string json = R"({"v":1,"epoch":"e1","depot":"BJ-CY-01","id":"i)" + std::to_string(m_seq)
            + R"(","seq":)" + std::to_string(m_seq) + R"(,"ts":")" + core::formatTimestampMs(atMs)
            + R"(","type":"inventory.level","data":{)" + merchantField + R"("sku":")" + sku
            + R"(","name":"Milk, 1 L","unit":"box","reorder_point":15,"qty":)" + std::to_string(qty) + "}}";
        auto result = m_decoder.decode("BJ-CY-01/inventory.level", json);
        if (auto *event = std::get_if<core::Event>(&result))
            return *event;
        qFatal("rejected");
    }

private:
    core::EventDecoder m_decoder;
    int m_seq = 0;
};

QStringList exportStock(TestAccess &who, const QString &db, store::ExportResult *result)
{
    store::ExportOptions options;
    options.table = store::ExportTable::Stock;
    options.format = store::ExportFormat::Csv;
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    *result = app::runGuardedExport(who.guard, options, db, buffer);
    QStringList lines;
    for (const QByteArray &line : buffer.data().split('\n'))
        if (!line.trimmed().isEmpty())
            lines << QString::fromUtf8(line.trimmed());
    return lines;
}

} // namespace

class TestStockExport final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath("stock.db");
        m_writer.open(m_db); // stays open: the export reads beside a live writer
        Wire wire;
        core::StoreBatch batch;
        for (const auto &[at, qty] : std::vector<std::pair<std::int64_t, double>>{
                 {kT0 - 3 * kHour, 100}, {kT0 - 2 * kHour, 90}, {kT0 - kHour, 80}, {kT0 - kHour / 2, 150}, {kT0, 140}})
            batch.events.push_back(wire.level(at, "M-1", "SKU-MILK", qty));
        batch.events.push_back(wire.level(kT0, "M-2", "SKU-EGGS", 4));
        batch.events.push_back(wire.level(kT0, nullptr, "SKU-SALT", 9));
        m_writer.write(batch);
    }

    void merchantExportsOwnSuggestionsOnly()
    {
        TestAccess shop("shop1", "merchant", {}, "M-1");
        store::ExportResult result;
        const QStringList lines = exportStock(shop, m_db, &result);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0), QStringLiteral(
            "merchant,depot,sku,name,unit,level,per_hour,cover_hours,state,next_slot,suggest_qty,level_at"));
        QCOMPARE(lines.at(1), QStringLiteral("M-1,BJ-CY-01,SKU-MILK,\"Milk, 1 L\",box,140,10,14,ok,"
                                             "2026-12-07T06:00:00.000Z,380,2026-12-07T02:00:00.000Z"));
        QVERIFY(!lines.join('\n').contains(QStringLiteral("M-2")));
        QVERIFY(!lines.join('\n').contains(QStringLiteral("SKU-SALT")));
    }

    void unscopedExportHasEveryItem()
    {
        TestAccess manager("om", "ops_manager");
        store::ExportResult result;
        const QStringList lines = exportStock(manager, m_db, &result);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(lines.size(), 4);
        QVERIFY(lines.join('\n').contains(QStringLiteral("M-2,BJ-CY-01,SKU-EGGS")));
        QVERIFY(lines.join('\n').contains(QStringLiteral(",BJ-CY-01,SKU-SALT")));
    }

    void refusedAndAuditedWithoutPermission()
    {
        TestAccess agent("cs", "customer_service"); // no export permission
        store::ExportResult result;
        const QStringList lines = exportStock(agent, m_db, &result);
        QVERIFY(!result.ok);
        QVERIFY(lines.isEmpty());
        QCOMPARE(agent.audit.records.size(), std::size_t(1));
        QCOMPARE(agent.audit.records.front().target, std::string("stock"));
        QCOMPARE(agent.audit.records.front().outcome, std::string("refused"));
    }

    void name() { QVERIFY(store::exportTableFromName(u"stock") == store::ExportTable::Stock); }

private:
    QTemporaryDir m_dir;
    QString m_db;
    store::EventStore m_writer;
};

QTEST_MAIN(TestStockExport)
#include "tst_stock_export.moc"
