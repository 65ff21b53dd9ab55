// Issue 18, privacy on request: erasing one customer and purging personal data older than
// a retention leave none of it in the database file or its WAL (the customer's text, the
// phone's digits, coordinates as text and as doubles, and the sealed values that held
// them), keep every figure, and keep what is not asked for.

#include "StoreFixtures.h"

#include "store/alerts/AlertStore.h"
#include "store/audit/AuditLog.h"
#include "store/db/PersonalDataCipher.h"
#include "store/db/Sqlite.h"
#include "store/db/StoreWorker.h"
#include "store/log/EventStore.h"
#include "store/log/LiveKeyRotation.h"
#include "store/privacy/PersonalDataEraser.h"
#include "store/privacy/PersonalDataRetention.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sodium.h>

#include <bit>

using namespace opsdeck;
using namespace opsdeck::store;
using namespace opsdeck::store::test;

namespace {

struct Customer {
    std::string orderId, name, phone, address;
    double lat, lng;
    std::int64_t tsMs; // when the order was created and last changed
};

constexpr std::int64_t kDay = 24LL * 3600 * 1000;

// PD-1 and PD-4 are one customer (same phone, written differently on PD-4).
const std::vector<Customer> &customers()
{
    static const std::vector<Customer> list = {
        {"PD-1", "Qiao Xiaoling", "13987654321", "Jianguo Rd 77, Tower B", 39.908823, 116.397470, kBaseMs - 100 * kDay},
        {"PD-2", "欧阳娜娜", "13711112222", "朝阳区望京街9号", 39.996712, 116.480881, kBaseMs - 100 * kDay},
        {"PD-3", "Marguerite Okafor", "15500009999", "Sanlitun Back St 5", 39.937654, 116.455432, kBaseMs},
        {"PD-4", "Qiao Xiaoling", "139-8765-4321", "Xidan North St 12", 39.912345, 116.371234, kBaseMs},
    };
    return list;
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray doubleBytes(double v, bool bigEndian)
{
    auto bits = std::bit_cast<std::uint64_t>(v);
    QByteArray out(8, '\0');
    for (int i = 0; i < 8; ++i, bits >>= 8)
        out[bigEndian ? 7 - i : i] = static_cast<char>(bits & 0xff);
    return out;
}

// The forms in which customer c could be read from bytes (keyed ciphertexts too).
QStringList readable(const QByteArray &bytes, const Customer &c, const std::vector<std::string> &sealed = {})
{
    QStringList found;
    const auto look = [&](const QByteArray &needle, const QString &what) {
        if (!needle.isEmpty() && bytes.contains(needle))
            found << QString::fromStdString(c.orderId) + " " + what;
    };
    look(QByteArray::fromStdString(c.name), "name");
    look(QByteArray::fromStdString(c.phone), "phone");
    look(QByteArray::fromStdString(c.phone.substr(c.phone.size() - 8)), "phone digits");
    look(QByteArray::fromStdString(c.address), "address");
    for (const double v : {c.lat, c.lng}) {
        look(QByteArray::number(v, 'f', 6).chopped(2), "coordinate text");
        look(doubleBytes(v, true), "coordinate REAL");
        look(doubleBytes(v, false), "coordinate double");
    }
    // 32 bytes of each sealed value are unique: finding them means the old value is still there.
    for (const std::string &s : sealed)
        look(QByteArray::fromStdString(s.substr(24, 32)), "sealed value");
    return found;
}

core::Event createdEvent(const Customer &c, std::int64_t seq)
{
    core::Event e = makeCreated("ep-1", "BJ-CY-01", seq, c.orderId, c.name, c.phone, c.address);
    e.tsMs = c.tsMs;
    e.lat = c.lat;
    e.lng = c.lng;
    QByteArray raw = QByteArray::fromStdString(e.raw);
    raw.replace(QByteArray(R"("lat":39.9219,"lng":116.4436)"),
                QByteArray(R"("lat":)") + QByteArray::number(c.lat, 'f', 6) + R"(,"lng":)"
                    + QByteArray::number(c.lng, 'f', 6));
    raw.replace(QByteArray::fromStdString(isoTs(kBaseMs + seq)), QByteArray::fromStdString(isoTs(c.tsMs)));
    e.raw = raw.toStdString();
    return e;
}

core::Event signedEvent(const Customer &c, std::int64_t seq)
{
    core::Event e = makeOrderEvent("ep-1", "BJ-CY-01", seq, c.orderId);
    e.kind = core::EventKind::OrderSigned;
    e.tsMs = c.tsMs + 1000;
    e.raw = R"({"v":1,"epoch":"ep-1","depot":"BJ-CY-01","seq":)" + std::to_string(seq) + R"(,"id":")" + e.id
        + R"(","ts":")" + isoTs(e.tsMs) + R"(","type":"order.signed","data":{"order_id":")" + c.orderId
        + R"(","signed_by":")" + c.name + R"(","lat":)" + QByteArray::number(c.lat, 'f', 6).toStdString()
        + R"(,"lng":)" + QByteArray::number(c.lng, 'f', 6).toStdString() + "}}";
    return e;
}

core::StoreBatch batchOf(const std::vector<Customer> &list, std::int64_t firstSeq)
{
    core::StoreBatch batch;
    std::int64_t seq = firstSeq;
    for (const Customer &c : list) {
        batch.events.push_back(createdEvent(c, seq++));
        batch.events.push_back(signedEvent(c, seq++));
        core::OrderRecord o = makeOrder(c.orderId, "BJ-CY-01");
        o.customerName = c.name;
        o.customerPhone = c.phone;
        o.addressText = c.address;
        o.lat = c.lat;
        o.lng = c.lng;
        o.state = core::OrderState::Signed;
        o.createdAtMs = c.tsMs;
        o.updatedAtMs = c.tsMs + 1000;
        batch.orders.push_back(o);
        core::Rejected r;
        r.reason = core::RejectReason::WrongType;
        r.detail = "amount < 0";
        r.raw = R"({"type":"order.created","data":{"customer":{"phone":")" + c.phone + R"("}}})";
        r.size = static_cast<std::int64_t>(r.raw.size());
        r.atMs = c.tsMs;
        batch.rejected.push_back(r);
    }
    return batch;
}

// Every figure the KPIs and the timelines read: the orders without their personal blob,
// and each event's time, type and order.
std::string figures(Database &db)
{
    std::string out;
    Statement orders = db.prepare("SELECT order_id, depot, state, rider_id, merchant_id, amount, eta_ms, "
                                  "promised_at_ms, created_at_ms, updated_at_ms, state_times FROM orders ORDER BY 1");
    while (orders.step())
        for (int i = 0; i < 11; ++i)
            out += orders.columnText(i) + "|";
    Statement events = db.prepare("SELECT key, ts_ms, type, order_id FROM events ORDER BY key");
    while (events.step())
        out += events.columnText(0) + events.columnText(1) + events.columnText(2) + events.columnText(3) + ";";
    out += std::to_string(db.queryInt("SELECT count(*) FROM rejected"));
    return out;
}

// The sealed values that hold customer c: its orders.pii and its sealed event bodies.
std::vector<std::string> sealedValuesOf(Database &db, const Customer &c)
{
    std::vector<std::string> out;
    Statement pii = db.prepare("SELECT pii FROM orders WHERE order_id = ?1");
    pii.bindText(1, c.orderId);
    while (pii.step())
        out.push_back(pii.columnBlob(0));
    Statement bodies = db.prepare("SELECT body FROM events WHERE sealed = 1 AND order_id = ?1");
    bodies.bindText(1, c.orderId);
    while (bodies.step())
        out.push_back(bodies.columnBlob(0));
    return out;
}

QByteArray databaseBytes(const QString &path)
{
    return fileBytes(path) + fileBytes(path + "-wal");
}

} // namespace

class TestPrivacyErase final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void eraseLeavesNoTraceOfTheCustomerAndKeepsTheFigures();
    void anErasedCustomerSentAgainIsErasedAgain();
    void erasuresOutliveAKeyRotation();
    void anOlderDatabaseKeepsItsDerivedIdKey();
    void customerIdIsKeyedAndAcceptedInPlaceOfThePhone();
    void purgeRemovesOnlyWhatIsOlderThanTheRetention();
    void consoleRetentionPurgesInStepsOnTheStoreThread();
    void purgeKeepsOpenOrdersAndIsNotMovedByAFutureEvent();
    void notesOnlyOfTheCustomersOrdersAndRejectedWithoutOrders();

private:
    QTemporaryDir m_dir;
    QString m_path;
};

void TestPrivacyErase::init()
{
    m_path = m_dir.filePath(QString::fromLatin1(QTest::currentTestFunction()) + ".db");
    EventStore store;
    store.open(m_path);
    store.write(batchOf(customers(), 1));
    store.close();
    // The fixture's raw bytes carry each customer, or the scans below prove nothing.
    for (const Customer &c : customers())
        QCOMPARE(readable(QByteArray::fromStdString(createdEvent(c, 1).raw + signedEvent(c, 2).raw), c).size(), 6);
}

void TestPrivacyErase::eraseLeavesNoTraceOfTheCustomerAndKeepsTheFigures()
{
    EventStore store;
    store.open(m_path);
    Database &db = store.database();
    const std::string figuresBefore = figures(db);
    std::vector<std::string> sealed = sealedValuesOf(db, customers()[0]);
    for (const std::string &s : sealedValuesOf(db, customers()[3]))
        sealed.push_back(s);
    QCOMPARE(sealed.size(), std::size_t(6)); // two orders, their created and signed bodies
    QVERIFY(!readable(databaseBytes(m_path), customers()[0], sealed).isEmpty()); // the sealed values are there

    PersonalDataEraser eraser(db, *store.cipher());
    const auto counts = eraser.erase("+86 139 8765 4321", kBaseMs);
    QCOMPARE(counts.orders, 2);
    QCOMPARE(counts.events, 4);
    QCOMPARE(counts.rejected, 2);
    eraser.compact();
    QCOMPARE(figures(db), figuresBefore);

    int erasedOrders = 0;
    store.forEachOrder([&](const core::OrderRecord &o) {
        if (o.orderId == "PD-1" || o.orderId == "PD-4") {
            ++erasedOrders;
            QVERIFY(o.customerName.empty() && o.customerPhone.empty() && o.addressText.empty());
            QCOMPARE(o.amount, 88.25);
        } else {
            QVERIFY(!o.customerName.empty()); // the others keep theirs
        }
    });
    QCOMPARE(erasedOrders, 2);
    store.forEachEvent([](const LoggedEvent &e) {
        if (e.orderId == "PD-1" || e.orderId == "PD-4") {
            QVERIFY(e.body.find("Qiao") == std::string::npos);
            QVERIFY(e.body.find(R"("erased":true)") != std::string::npos);
        }
    });
    store.close();
    const QByteArray after = databaseBytes(m_path);
    QCOMPARE(readable(after, customers()[0], sealed), QStringList());
    QCOMPARE(readable(after, customers()[3]), QStringList());
    EventStore reopened;
    reopened.open(m_path);
    QCOMPARE(reopened.database().queryInt("SELECT rows FROM privacy_erased"), 8);
}

void TestPrivacyErase::anErasedCustomerSentAgainIsErasedAgain()
{
    EventStore store;
    store.open(m_path);
    PersonalDataEraser eraser(store.database(), *store.cipher());
    eraser.erase("13987654321", kBaseMs);
    // The gateway sends the same customer again on a new order.
    Customer again = customers()[0];
    again.orderId = "PD-9";
    again.address = "Dongdan 3rd Alley 4";
    store.write(batchOf({again}, 100));
    const auto counts = eraser.reapplyErasures();
    QCOMPARE(counts.orders, 1);
    QCOMPARE(counts.events, 2);
    eraser.compact();
    store.close();
    QCOMPARE(readable(databaseBytes(m_path), again), QStringList());
    EventStore reopened;
    reopened.open(m_path);
    int kept = 0;
    reopened.forEachOrder([&](const core::OrderRecord &o) { kept += o.customerName.empty() ? 0 : 1; });
    QCOMPARE(kept, 2); // PD-2 and PD-3 keep theirs
}

// Issue 17 review: the opaque id is keyed with a secret of its own, not the data key, so
// a key rotation leaves every id and tombstone as it was.
void TestPrivacyErase::erasuresOutliveAKeyRotation()
{
    EventStore store;
    store.open(m_path);
    std::string id;
    {
        PersonalDataEraser eraser(store.database(), *store.cipher());
        id = eraser.erase("13987654321", kBaseMs).customerId;
    }
    const std::string keyBefore = store.cipher()->keyId();
    LiveKeyRotation rotation(store, nullptr);
    rotation.begin();
    while (!rotation.step(2)) {
    }
    QVERIFY(store.cipher()->keyId() != keyBefore);
    PersonalDataEraser eraser(store.database(), *store.cipher());
    QCOMPARE(eraser.customerIdOf("139 8765 4321"), id);
    Customer again = customers()[0];
    again.orderId = "PD-9";
    store.write(batchOf({again}, 100));
    QCOMPARE(eraser.reapplyErasures().orders, 1);
    store.close();
    EventStore reopened; // the id key opens with the new key from its file
    reopened.open(m_path);
    QCOMPARE(PersonalDataEraser(reopened.database(), *reopened.cipher()).customerIdOf("13987654321"), id);
}

// A database whose tombstones were made with the id key derived from the data key (before
// the id key was kept on its own) keeps that key: its old tombstones still match.
void TestPrivacyErase::anOlderDatabaseKeepsItsDerivedIdKey()
{
    EventStore store;
    store.open(m_path);
    Database &db = store.database();
    std::string id;
    {
        PersonalDataEraser eraser(db, *store.cipher());
        id = eraser.erase("13987654321", kBaseMs).customerId;
    }
    // As an older build left it: no id key in meta, the tombstone made with the derived one.
    db.exec("DELETE FROM meta WHERE key = 'customer_id_key'");
    db.exec("DELETE FROM privacy_erased");
    unsigned char hash[8];
    const std::string derived = store.cipher()->derive("opsdeck.privacy.customer");
    crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char *>("13987654321"), 11,
                       reinterpret_cast<const unsigned char *>(derived.data()), derived.size());
    char hex[sizeof hash * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    Statement put = db.prepare("INSERT INTO privacy_erased(customer_id, at_ms, rows) VALUES(?1, 1, 8)");
    put.bindText(1, std::string("cust-") + hex).run();
    LiveKeyRotation rotation(store, nullptr); // rotated before any erase runs again
    rotation.begin();
    while (!rotation.step(50)) {
    }
    PersonalDataEraser eraser(db, *store.cipher());
    QCOMPARE(eraser.customerIdOf("13987654321"), std::string("cust-") + hex);
    Customer again = customers()[0];
    again.orderId = "PD-9";
    store.write(batchOf({again}, 100));
    QCOMPARE(eraser.reapplyErasures().orders, 1);
}

void TestPrivacyErase::customerIdIsKeyedAndAcceptedInPlaceOfThePhone()
{
    EventStore store;
    store.open(m_path);
    PersonalDataEraser eraser(store.database(), *store.cipher());
    const std::string id = eraser.customerIdOf("13711112222");
    QCOMPARE(QByteArray::fromStdString(id).left(5), QByteArray("cust-"));
    QCOMPARE(id.size(), std::size_t(21));
    QCOMPARE(eraser.customerIdOf("137 1111 2222"), id);
    QVERIFY(eraser.customerIdOf("no digits").empty());
    QCOMPARE(eraser.erase(id, kBaseMs).orders, 1);
    QTemporaryDir other;
    EventStore second;
    second.open(other.filePath("other.db"));
    // Another installation's key gives another id for the same phone.
    QVERIFY(PersonalDataEraser(second.database(), *second.cipher()).customerIdOf("13711112222") != id);
}

void TestPrivacyErase::purgeRemovesOnlyWhatIsOlderThanTheRetention()
{
    EventStore store;
    store.open(m_path);
    Database &db = store.database();
    const std::string figuresBefore = figures(db);
    std::vector<std::string> oldSealed;
    for (int i : {0, 1})
        for (const std::string &s : sealedValuesOf(db, customers()[i]))
            oldSealed.push_back(s);
    PersonalDataEraser eraser(db, *store.cipher());
    const std::int64_t cutoff = kBaseMs - 90 * kDay;
    PersonalDataEraser::Counts total;
    int steps = 0;
    PersonalDataEraser::PurgeCursor cursor;
    for (;;) {
        const auto step = eraser.purgeStep(cutoff, 1, cursor); // small steps: one row of each kind
        if (step.total() == 0)
            break;
        ++steps;
        total.orders += step.orders;
        total.events += step.events;
        total.rejected += step.rejected;
    }
    QCOMPARE(total.orders, 2);
    QCOMPARE(total.events, 4);
    QCOMPARE(total.rejected, 2);
    QVERIFY(steps >= 4);
    eraser.compact();
    QCOMPARE(figures(db), figuresBefore);
    store.close();
    const QByteArray after = databaseBytes(m_path);
    QCOMPARE(readable(after, customers()[0], oldSealed), QStringList());
    QCOMPARE(readable(after, customers()[1]), QStringList());
    EventStore reopened;
    reopened.open(m_path);
    int kept = 0;
    reopened.forEachOrder([&](const core::OrderRecord &o) {
        if (o.orderId == "PD-3" || o.orderId == "PD-4") {
            QVERIFY(!o.customerName.empty()); // newer than the retention: kept
            ++kept;
        }
    });
    QCOMPARE(kept, 2);
}

void TestPrivacyErase::consoleRetentionPurgesInStepsOnTheStoreThread()
{
    std::vector<std::string> oldSealed;
    auto opened = std::make_unique<EventStore>();
    opened->open(m_path);
    const std::string figuresBefore = figures(opened->database());
    for (int i : {0, 1})
        for (const std::string &s : sealedValuesOf(opened->database(), customers()[i]))
            oldSealed.push_back(s);
    {
        StoreWorker worker(std::move(opened));
        PersonalDataRetention retention(90 * kDay, 1); // one row of each kind per step
        QVERIFY(retention.start(worker, kBaseMs));
        QVERIFY(!retention.start(worker, kBaseMs)); // one pass at a time
        QTRY_VERIFY_WITH_TIMEOUT(!retention.progress().running, 30000);
        QVERIFY(worker.waitUntilIdle(std::chrono::seconds(30)));
        const auto p = retention.progress();
        QCOMPARE(p.rowsThisPass, 8); // 2 orders, 4 events, 2 rejected
        QCOMPARE(p.passes, 1);
        QCOMPARE(p.errors, 0);
        QVERIFY(worker.counters().jobsRun >= 4); // in steps, not one job
    }
    EventStore reopened;
    reopened.open(m_path);
    Database &db = reopened.database();
    QCOMPARE(figures(db), figuresBefore);
    const auto audit = readAudit(db, {});
    QVERIFY(std::any_of(audit.begin(), audit.end(), [](const AuditRow &r) {
        return r.record.action == "privacy.purge" && r.record.detailJson.find("\"rows\":8") != std::string::npos;
    }));
    reopened.close();
    // No VACUUM on a live console: secure_delete zeroed the freed cells.
    QCOMPARE(readable(databaseBytes(m_path), customers()[0], oldSealed), QStringList());
    QCOMPARE(readable(databaseBytes(m_path), customers()[1]), QStringList());
}

// Review fixes: an open order's customer is still being served, whatever its last update
// (only core::isFinal states are purged, with their events); one event stamped in the
// future does not move the cut past everyone (the clock is injected).
void TestPrivacyErase::purgeKeepsOpenOrdersAndIsNotMovedByAFutureEvent()
{
    EventStore store;
    store.open(m_path);
    Customer open = customers()[1];
    open.orderId = "PD-5";
    core::StoreBatch batch = batchOf({open}, 50);
    batch.events.pop_back(); // no order.signed: still delivering
    batch.orders[0].state = core::OrderState::Delivering;
    core::Event future = makeOrderEvent("ep-1", "BJ-CY-01", 60, "PD-3");
    future.tsMs = kBaseMs + 3650 * kDay;
    batch.events.push_back(future);
    store.write(batch);
    Database &db = store.database();
    const std::int64_t nowMs = kBaseMs + 5000;
    const std::int64_t cutoff = purgeCutoffMs(db, nowMs, 90 * kDay);
    QCOMPARE(cutoff, nowMs - 90 * kDay);
    PersonalDataEraser eraser(db, *store.cipher());
    PersonalDataEraser::PurgeCursor cursor;
    PersonalDataEraser::Counts total;
    for (auto step = eraser.purgeStep(cutoff, 100, cursor); step.total() > 0; step = eraser.purgeStep(cutoff, 100, cursor)) {
        total.orders += step.orders;
        total.events += step.events;
        total.orderIds.insert(total.orderIds.end(), step.orderIds.begin(), step.orderIds.end());
    }
    QCOMPARE(total.orders, 2); // PD-1 and PD-2; not PD-5
    QCOMPARE(total.events, 4);
    QCOMPARE(total.orderIds, (std::vector<std::string>{"PD-1", "PD-2"}));
    QCOMPARE(db.queryInt("SELECT count(*) FROM orders WHERE order_id = 'PD-5' AND pii IS NOT NULL"), 1);
    QCOMPARE(db.queryInt("SELECT count(*) FROM events WHERE order_id = 'PD-5' AND sealed = 1"), 1);
    QCOMPARE(db.queryInt("SELECT count(*) FROM orders WHERE order_id IN ('PD-3', 'PD-4') AND pii IS NOT NULL"), 2);
}

// The alert-note scrub keeps to the alerts of the customer's orders (a name is part of
// unrelated notes too), and a phone asked for is erased from rejected messages even when
// no order of it is left.
void TestPrivacyErase::notesOnlyOfTheCustomersOrdersAndRejectedWithoutOrders()
{
    EventStore store;
    store.open(m_path);
    Database &db = store.database();
    alertstore::ensureSchema(db);
    int id = 0;
    for (const char *order : {"PD-1", "PD-2"}) {
        ++id;
        Statement alert = db.prepare(
            "INSERT INTO alert_records(id, rule_id, kind, subject_kind, subject, order_id, severity, base_severity, "
            "escalated, state, count, first_at, last_at, updated_at, snoozed_until, message, roles, note) "
            "VALUES(?1, 'late', 'late', 'order', ?2, ?2, 'high', 'high', 0, 'open', 1, 0, 0, 0, 0, 'late', '', "
            "'Qiao Xiaoling called')");
        alert.bind(1, id).bindText(2, order).run();
        Statement change = db.prepare("INSERT INTO alert_changes(alert_id, at_ms, action, by_user, state, severity, "
                                      "rule_id, subject, message, note) VALUES(?1, 0, 'note', 'ana', 'open', 'high', "
                                      "'late', 'x', 'late', 'Qiao Xiaoling called')");
        change.bind(1, id).run();
    }
    core::StoreBatch batch;
    core::Rejected r;
    r.reason = core::RejectReason::WrongType;
    r.raw = R"({"data":{"customer":{"phone":"13600001111"}}})";
    r.size = static_cast<std::int64_t>(r.raw.size());
    r.atMs = kBaseMs;
    batch.rejected.push_back(r);
    store.write(batch);
    PersonalDataEraser eraser(db, *store.cipher());
    QCOMPARE(eraser.erase("13987654321", kBaseMs).notes, 2); // PD-1's record and change
    QCOMPARE(db.queryInt("SELECT count(*) FROM alert_records WHERE note <> ''"), 1);
    QCOMPARE(db.queryInt("SELECT count(*) FROM alert_changes WHERE note <> ''"), 1);
    QCOMPARE(db.queryInt("SELECT count(*) FROM alert_records WHERE order_id = 'PD-2' AND note <> ''"), 1);
    const auto noOrders = eraser.erase("136 0000 1111", kBaseMs);
    QCOMPARE(noOrders.orders, 0);
    QCOMPARE(noOrders.rejected, 1);
}

QTEST_GUILESS_MAIN(TestPrivacyErase)
#include "tst_privacy_erase.moc"
