// Exporter: columns, RFC 4180 quoting, JSON Lines, masking, and reading a database
// that a writer still has open.

#include "StoreFixtures.h"

#include "store/log/EventStore.h"
#include "store/export/Exporter.h"
#include "store/db/PersonalDataCipher.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace opsdeck;
using namespace opsdeck::store;
using namespace opsdeck::store::test;

namespace {

// A strict RFC 4180 reader, so the test checks what a spreadsheet would see.
QList<QStringList> parseCsv(const QByteArray &bytes)
{
    QList<QStringList> rows;
    QStringList row;
    QByteArray field;
    bool quoted = false;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (quoted) {
            if (c == '"' && i + 1 < bytes.size() && bytes[i + 1] == '"') {
                field.append('"');
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field.append(c);
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row << QString::fromUtf8(field);
            field.clear();
        } else if (c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') {
            row << QString::fromUtf8(field);
            field.clear();
            rows << row;
            row.clear();
            ++i;
        } else {
            field.append(c);
        }
    }
    return rows;
}

QList<QJsonObject> parseJsonl(const QByteArray &bytes)
{
    QList<QJsonObject> out;
    for (const QByteArray &line : bytes.split('\n')) {
        if (line.isEmpty())
            continue;
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        out << (doc.isObject() ? doc.object() : QJsonObject{{"unparsable", QString::fromUtf8(line)}});
    }
    return out;
}

struct Exported {
    ExportResult result;
    QByteArray bytes;
};

Exported runExport(const QString &db, ExportTable table, ExportFormat format, bool pii)
{
    ExportOptions options;
    options.table = table;
    options.format = format;
    options.includePersonalData = pii;
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    Exported e;
    e.result = Exporter(options).run(db, buffer);
    e.bytes = buffer.data();
    return e;
}

} // namespace

class TestExporter final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void signedByIsSealedAndMaskedUnlessAllowed();
    void ordersCsvIsMaskedByDefault();
    void ordersCsvQuotesPersonalDataWhenAllowed();
    void ordersJsonl();
    void eventsMaskBodiesUnlessAllowed();
    void maskedExportRoundsDestinations();
    void rejectedRawOnlyWithPermission();
    void wrongKeyAndMissingDatabaseAreErrors();
    void names();

private:
    QTemporaryDir m_dir;
    QString m_db;
    EventStore m_writer; // stays open: the exporter must work beside a live writer
};

void TestExporter::initTestCase()
{
    m_db = m_dir.filePath("ops.db");
    m_writer.open(m_db);
    core::StoreBatch b;
    b.events.push_back(makeCreated("gw1", "BJ-CY-01", 1, "o-1", "Zhang, \\\"Wei\\\"", "13812341234", "Chaoyang Rd 88"));
    b.events.push_back(makeOrderEvent("gw1", "BJ-CY-01", 2, "o-1", 200));
    b.orders.push_back(makeOrder("o-1", "BJ-CY-01"));
    core::Rejected r;
    r.reason = core::RejectReason::MalformedJson;
    r.detail = "unexpected end, at byte 12";
    r.topic = "BJ-CY-01/order.created";
    r.raw = std::string("{\"v\":1,\x01\xff", 9);
    r.size = 9;
    r.atMs = kBaseMs;
    b.rejected.push_back(r);
    m_writer.write(b);
}

// Who signed for a parcel is a person: sealed in the log like a customer's name, masked
// in an export without permission, readable with it.
void TestExporter::signedByIsSealedAndMaskedUnlessAllowed()
{
    QTemporaryDir dir;
    const QString db = dir.filePath("signed.db");
    {
        EventStore writer;
        writer.open(db);
        core::StoreBatch b;
        core::Event signedEvent = makeOrderEvent("gw1", "BJ-CY-01", 1, "o-9");
        signedEvent.kind = core::EventKind::OrderSigned;
        signedEvent.raw = R"({"v":1,"epoch":"gw1","depot":"BJ-CY-01","seq":1,"id":"e-s1","ts":")" + isoTs(kBaseMs)
            + R"(","type":"order.signed","data":{"order_id":"o-9","signed_by":"Wang Fang","signature_ref":"sig-9"}})";
        b.events.push_back(signedEvent);
        writer.write(b);
    }
    QVERIFY(!readDbFiles(db).contains("Wang Fang"));
    const Exported masked = runExport(db, ExportTable::Events, ExportFormat::Jsonl, false);
    QVERIFY2(masked.result.ok, qPrintable(masked.result.error));
    const QJsonObject data = parseJsonl(masked.bytes).value(0).value("body").toObject().value("data").toObject();
    QCOMPARE(data.value("signed_by").toString(), QStringLiteral("W********"));
    QCOMPARE(data.value("signature_ref").toString(), QStringLiteral("sig-9"));
    const Exported clear = runExport(db, ExportTable::Events, ExportFormat::Jsonl, true);
    QVERIFY(clear.bytes.contains("Wang Fang"));
}

void TestExporter::ordersCsvIsMaskedByDefault()
{
    const Exported e = runExport(m_db, ExportTable::Orders, ExportFormat::Csv, false);
    QVERIFY2(e.result.ok, qPrintable(e.result.error));
    QCOMPARE(e.result.rows, 1);
    QVERIFY(e.bytes.endsWith("\r\n"));
    const QList<QStringList> rows = parseCsv(e.bytes);
    QCOMPARE(rows.size(), 2);
    const QStringList header = rows[0];
    QCOMPARE(header, (QStringList{"order_id", "depot", "state", "rider_id", "merchant_id", "channel", "amount", "lat",
                                  "lng", "created_at", "updated_at", "eta", "promised_at", "last_reason",
                                  "state_times", "customer_name", "customer_phone", "address", "priority",
                                  "customer_note", "retired_at"}));
    const QStringList row = rows[1];
    QCOMPARE(row.size(), header.size());
    auto col = [&](const char *name) { return row.at(header.indexOf(QLatin1String(name))); };
    QCOMPARE(col("order_id"), "o-1");
    QCOMPARE(col("state"), "DELIVERING");
    QCOMPARE(col("rider_id"), "r-7");
    QCOMPARE(col("amount"), "88.25");
    QCOMPARE(col("created_at"), QString::fromStdString(core::formatTimestampMs(kBaseMs)));
    QVERIFY(col("updated_at").endsWith('Z'));
    QCOMPARE(col("last_reason"), "traffic_accident");
    QCOMPARE(col("customer_phone"), "138****1234");
    QCOMPARE(col("priority"), "urgent");
    QCOMPARE(col("customer_note"), "***");
    QCOMPARE(col("retired_at"), QString()); // a live order
    QVERIFY(!e.bytes.contains("Gate code"));
    QVERIFY(!e.bytes.contains("Zhang"));
    QVERIFY(!e.bytes.contains("13812341234"));
    QVERIFY(!e.bytes.contains("88, Unit"));
    const QJsonObject times = QJsonDocument::fromJson(col("state_times").toUtf8()).object();
    QCOMPARE(times.value("DELIVERING").toString(), QString::fromStdString(core::formatTimestampMs(kBaseMs + 60000)));
}

void TestExporter::ordersCsvQuotesPersonalDataWhenAllowed()
{
    const Exported e = runExport(m_db, ExportTable::Orders, ExportFormat::Csv, true);
    QVERIFY(e.result.ok);
    // RFC 4180: the field is quoted because of the comma, inner quotes are doubled.
    QVERIFY2(e.bytes.contains(R"("Zhang, ""Wei""")"), e.bytes.constData());
    QVERIFY(e.bytes.contains(",13812341234,"));
    const QList<QStringList> rows = parseCsv(e.bytes);
    const int nameCol = rows[0].indexOf("customer_name");
    QCOMPARE(rows[1].at(nameCol), QStringLiteral("Zhang, \"Wei\""));
    QCOMPARE(rows[1].size(), rows[0].size());
}

void TestExporter::ordersJsonl()
{
    const Exported masked = runExport(m_db, ExportTable::Orders, ExportFormat::Jsonl, false);
    QVERIFY(masked.result.ok);
    QList<QJsonObject> lines = parseJsonl(masked.bytes);
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines[0].value("order_id").toString(), "o-1");
    QCOMPARE(lines[0].value("amount").toDouble(), 88.25);
    QCOMPARE(lines[0].value("customer_phone").toString(), "138****1234");
    QVERIFY(lines[0].value("state_times").isObject()); // nested, not a string
    QVERIFY(masked.bytes.startsWith("{\"order_id\":\"o-1\",\"depot\"")); // column order kept

    const Exported clear = runExport(m_db, ExportTable::Orders, ExportFormat::Jsonl, true);
    lines = parseJsonl(clear.bytes);
    QCOMPARE(lines[0].value("customer_name").toString(), QStringLiteral("Zhang, \"Wei\""));
    QCOMPARE(lines[0].value("address").toString(), "Chaoyang Rd 88, Unit 5");
    QCOMPARE(lines[0].value("customer_note").toString(), "Gate code 4711, leave with the guard");
}

void TestExporter::eventsMaskBodiesUnlessAllowed()
{
    const Exported masked = runExport(m_db, ExportTable::Events, ExportFormat::Jsonl, false);
    QVERIFY2(masked.result.ok, qPrintable(masked.result.error));
    QList<QJsonObject> lines = parseJsonl(masked.bytes);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines[0].keys().size(), 9);
    QCOMPARE(lines[0].value("seq").toInteger(), 1);
    QCOMPARE(lines[0].value("type").toString(), "order.created");
    QCOMPARE(lines[0].value("ts").toString(), QString::fromStdString(core::formatTimestampMs(kBaseMs + 1)));
    const QJsonObject data = lines[0].value("body").toObject().value("data").toObject();
    QCOMPARE(data.value("customer").toObject().value("phone").toString(), "138****1234");
    QCOMPARE(data.value("merchant_id").toString(), "m-17");
    QVERIFY(!masked.bytes.contains("13812341234"));
    QVERIFY(!masked.bytes.contains("Chaoyang Rd 88"));
    QCOMPARE(data.value("note").toString(), "***"); // the customer's note: free text, withheld
    QVERIFY(!masked.bytes.contains("code 4711"));

    const Exported clear = runExport(m_db, ExportTable::Events, ExportFormat::Csv, true);
    QVERIFY(clear.result.ok);
    const QList<QStringList> rows = parseCsv(clear.bytes);
    QCOMPARE(rows[0], (QStringList{"epoch", "depot", "seq", "id", "ts", "type", "order_id", "rider_id", "body"}));
    QCOMPARE(rows.size(), 3);
    const core::Event created =
        makeCreated("gw1", "BJ-CY-01", 1, "o-1", "Zhang, \\\"Wei\\\"", "13812341234", "Chaoyang Rd 88");
    QCOMPARE(rows[1].at(8), QString::fromStdString(created.raw)); // decrypted, byte for byte
    QCOMPARE(rows[2].at(6), "o-1");
}

// Issue 17: the destination is where the customer lives. A masked export rounds it to
// about 1 km (two decimals of a degree), in the orders and inside the event bodies.
void TestExporter::maskedExportRoundsDestinations()
{
    const Exported masked = runExport(m_db, ExportTable::Orders, ExportFormat::Csv, false);
    QVERIFY2(masked.result.ok, qPrintable(masked.result.error));
    QList<QStringList> rows = parseCsv(masked.bytes);
    QCOMPARE(rows[1].at(rows[0].indexOf("lat")), "39.92");
    QCOMPARE(rows[1].at(rows[0].indexOf("lng")), "116.44");
    const Exported clear = runExport(m_db, ExportTable::Orders, ExportFormat::Csv, true);
    rows = parseCsv(clear.bytes);
    QCOMPARE(rows[1].at(rows[0].indexOf("lat")), "39.9219");
    QCOMPARE(rows[1].at(rows[0].indexOf("lng")), "116.4436");

    const Exported events = runExport(m_db, ExportTable::Events, ExportFormat::Jsonl, false);
    QVERIFY(events.result.ok);
    const QJsonObject address =
        parseJsonl(events.bytes).value(0).value("body").toObject().value("data").toObject().value("address").toObject();
    QCOMPARE(address.value("lat").toDouble(), 39.92);
    QCOMPARE(address.value("lng").toDouble(), 116.44);
    const QByteArray createdLine = events.bytes.split('\n').value(0); // the other event is a rider's fix
    QVERIFY(createdLine.contains("order.created"));
    QVERIFY(!createdLine.contains("39.9219"));
    QVERIFY(!createdLine.contains("116.4436"));
    QVERIFY(runExport(m_db, ExportTable::Events, ExportFormat::Jsonl, true).bytes.split('\n').value(0).contains("39.9219"));
}

void TestExporter::rejectedRawOnlyWithPermission()
{
    const Exported masked = runExport(m_db, ExportTable::Rejected, ExportFormat::Csv, false);
    QVERIFY(masked.result.ok);
    QList<QStringList> rows = parseCsv(masked.bytes);
    QCOMPARE(rows[0], (QStringList{"at", "reason", "detail", "topic", "size", "raw_base64"}));
    QCOMPARE(rows[1].at(1), "malformed_json");
    QCOMPARE(rows[1].at(2), "unexpected end, at byte 12");
    QCOMPARE(rows[1].at(4), "9");
    QVERIFY(rows[1].at(5).isEmpty());

    const Exported clear = runExport(m_db, ExportTable::Rejected, ExportFormat::Jsonl, true);
    const QList<QJsonObject> lines = parseJsonl(clear.bytes);
    QCOMPARE(lines.size(), 1);
    QCOMPARE(QByteArray::fromBase64(lines[0].value("raw_base64").toString().toLatin1()),
             QByteArray("{\"v\":1,\x01\xff", 9));
}

void TestExporter::wrongKeyAndMissingDatabaseAreErrors()
{
    QTemporaryDir dir;
    const QString db = dir.filePath("copy.db");
    {
        EventStore store;
        store.open(db);
        core::StoreBatch b;
        b.orders.push_back(makeOrder("o-9", "BJ-CY-01"));
        store.write(b);
    }
    QFile key(PersonalDataCipher::keyPathFor(db));
    QVERIFY(key.open(QIODevice::WriteOnly | QIODevice::Truncate));
    key.write(QByteArray(32, '\x11'));
    key.close();
    const Exported wrong = runExport(db, ExportTable::Orders, ExportFormat::Csv, false);
    QVERIFY(!wrong.result.ok);
    QVERIFY2(wrong.result.error.contains("does not decrypt"), qPrintable(wrong.result.error));
    QVERIFY(wrong.bytes.isEmpty());

    const Exported missing = runExport(dir.filePath("nope.db"), ExportTable::Orders, ExportFormat::Csv, false);
    QVERIFY(!missing.result.ok);
    QVERIFY(!QFile::exists(dir.filePath("nope.db"))); // read-only: never creates
}

void TestExporter::names()
{
    QVERIFY(exportTableFromName(u"events") == ExportTable::Events);
    QVERIFY(exportFormatFromName(u"jsonl") == ExportFormat::Jsonl);
    QVERIFY(!exportTableFromName(u"audit"));
    QVERIFY(!exportFormatFromName(u"xml"));
}

QTEST_GUILESS_MAIN(TestExporter)
#include "tst_exporter.moc"
