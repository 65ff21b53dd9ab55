// Issue 15: a retired order in a real SQLite file. retired_at_ms (schema 4) is kept with
// the projection, survives a restart, leaves an older file opening, shows in
// `opsdeck export orders` as retired_at (empty for live orders), and is cleared when the
// order comes back. The order stays searchable.

#include "StoreFixtures.h"

#include "store/board/OrderSearchIndex.h"
#include "store/db/Schema.h"
#include "store/db/Sqlite.h"
#include "store/export/Exporter.h"
#include "store/log/EventStore.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace opsdeck;
using namespace opsdeck::store;
using namespace opsdeck::store::test;

namespace {

constexpr std::int64_t kRetiredMs = kBaseMs + 3600000;

// order_id -> retired_at of `opsdeck export orders --format jsonl` (null: absent).
std::map<QString, QJsonValue> exportedRetiredAt(const QString &db)
{
    ExportOptions options;
    options.table = ExportTable::Orders;
    options.format = ExportFormat::Jsonl;
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const ExportResult result = Exporter(options).run(db, buffer);
    if (!result.ok)
        qFatal("export failed: %s", qPrintable(result.error));
    std::map<QString, QJsonValue> out;
    for (const QByteArray &line : buffer.data().split('\n')) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (!o.isEmpty())
            out[o.value("order_id").toString()] = o.value("retired_at");
    }
    return out;
}

QByteArray exportedCsvHeader(const QString &db)
{
    ExportOptions options;
    options.table = ExportTable::Orders;
    options.format = ExportFormat::Csv;
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    Exporter(options).run(db, buffer);
    return buffer.data().split('\r').value(0);
}

std::int64_t retiredAtOf(const LoadedState &s, const std::string &orderId)
{
    for (const auto &o : s.orders)
        if (o.orderId == orderId)
            return o.retiredAtMs;
    return -1;
}

} // namespace

class TestOrderRetired final : public QObject
{
    Q_OBJECT

private slots:
    void retiredAtIsStoredExportedAndClearedOnReturn()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("ops.db");
        {
            EventStore store;
            store.open(path);
            core::StoreBatch b;
            b.events.push_back(makeCreated("gw1", "BJ-CY-01", 1, "o-1", "Zhang Wei", "13812341234", "Chaoyang Rd 88"));
            core::OrderRecord gone = makeOrder("o-1", "BJ-CY-01");
            gone.retiredAtMs = kRetiredMs;
            b.orders.push_back(gone);
            b.orders.push_back(makeOrder("o-2", "BJ-CY-01"));
            store.write(b);
        }
        QVERIFY(exportedCsvHeader(path).endsWith(",customer_note,retired_at"));
        auto exported = exportedRetiredAt(path);
        QCOMPARE(exported.size(), std::size_t(2));
        QCOMPARE(exported["o-1"].toString(), QString::fromStdString(core::formatTimestampMs(kRetiredMs)));
        QVERIFY(exported["o-2"].isNull()); // live: empty

        EventStore store;
        store.open(path); // a restart: the console resumes with o-1 still retired
        LoadedState s = store.load();
        QCOMPARE(retiredAtOf(s, "o-1"), kRetiredMs);
        QCOMPARE(retiredAtOf(s, "o-2"), std::int64_t(0));
        QVERIFY(s.orders[0].state == core::OrderState::Delivering); // its last known state, kept

        // Still found by the search the board uses (name, phone tail, id).
        OrderSearchIndex search(store.database());
        std::vector<OrderSearchIndex::Entry> entries;
        for (const auto &o : s.orders)
            entries.push_back({o.orderId, o.customerName, OrderSearchIndex::phoneTail(o.customerPhone)});
        search.add(entries);
        QCOMPARE(search.find("#o-1", 10, true), std::vector<std::string>{"o-1"});
        QCOMPARE(search.find("1234", 10, true).size(), std::size_t(2));

        // It comes back in a later event: live again, and so in the file and the export.
        core::StoreBatch back;
        core::OrderRecord revived = makeOrder("o-1", "BJ-CY-01");
        revived.retiredAtMs = 0;
        back.orders.push_back(revived);
        store.write(back);
        QCOMPARE(retiredAtOf(store.load(), "o-1"), std::int64_t(0));
        exported = exportedRetiredAt(path);
        QVERIFY(exported["o-1"].isNull());
    }

    // A version 3 file (before retired_at) opens, upgrades, and reads every order as live.
    void version3FileOpensWithLiveOrders()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("ops.db");
        {
            Database db(QFile::encodeName(path).toStdString(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
            migrate(db, 3);
            db.exec("INSERT INTO orders(order_id, depot, state, merchant_id) VALUES('o-old', 'BJ-CY-01', 'PAID', 'm-1')");
        }
        // The exporter reads it before any console upgraded it (read-only, no migration).
        QVERIFY(exportedRetiredAt(path)["o-old"].isNull());
        EventStore store;
        store.open(path);
        QCOMPARE(store.database().queryInt("PRAGMA user_version"), std::int64_t(kSchemaVersion));
        QCOMPARE(retiredAtOf(store.load(), "o-old"), std::int64_t(0));
        QCOMPARE(store.database().queryInt("SELECT count(*) FROM orders WHERE retired_at_ms IS NULL"), std::int64_t(1));
    }
};

QTEST_GUILESS_MAIN(TestOrderRetired)
#include "tst_order_retired.moc"
