// Issue 16, less work per event: personal data sealed once per order, nonces without a
// syscall per seal, and rows written by the previous build still read. Real SQLite files.

#include "StoreFixtures.h"

#include "store/db/PersonalDataCipher.h"
#include "store/db/RowCodec.h"
#include "store/db/Sqlite.h"
#include "store/log/EventStore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sodium.h>

#include <set>

using namespace opsdeck;
using namespace opsdeck::store;
using namespace opsdeck::store::test;

namespace {

constexpr std::size_t kNonce = 24;

std::string piiBlob(const QString &path, const std::string &orderId)
{
    Database db(QFile::encodeName(path).toStdString(), SQLITE_OPEN_READONLY);
    Statement stmt = db.prepare("SELECT pii FROM orders WHERE order_id = ?1");
    stmt.bindText(1, orderId);
    return stmt.step() ? stmt.columnBlob(0) : std::string();
}

// Every sealed value in the file: orders.pii, sealed event bodies, the key check.
std::vector<std::string> sealedValues(const QString &path)
{
    Database db(QFile::encodeName(path).toStdString(), SQLITE_OPEN_READONLY);
    std::vector<std::string> out;
    for (const char *sql : {"SELECT pii FROM orders WHERE pii IS NOT NULL", "SELECT body FROM events WHERE sealed = 1",
                            "SELECT raw FROM rejected WHERE sealed = 1"}) {
        Statement stmt = db.prepare(sql);
        while (stmt.step())
            out.push_back(stmt.columnBlob(0));
    }
    return out;
}

std::uint64_t counterOf(const std::string &sealed)
{
    std::uint64_t n = 0;
    for (std::size_t i = 0; i < 8; ++i)
        n |= static_cast<std::uint64_t>(static_cast<unsigned char>(sealed[16 + i])) << (8 * i);
    return n;
}

} // namespace

class TestPiiSealing final : public QObject
{
    Q_OBJECT

private slots:
    void personalDataIsSealedOnlyWhenItChanges();
    void rowsOfThePreviousBuildStillReadAndStay();
    void noncesNeverRepeatAcrossSealsAndReopen();

private:
    void unchangedPersonalDataKeepsItsBlob();
    void changedPersonalDataIsSealedAgain();
    void onlyTypesCarryingPersonalDataAreSealed();
};

void TestPiiSealing::personalDataIsSealedOnlyWhenItChanges()
{
    onlyTypesCarryingPersonalDataAreSealed();
    unchangedPersonalDataKeepsItsBlob();
    changedPersonalDataIsSealedAgain();
}

void TestPiiSealing::unchangedPersonalDataKeepsItsBlob()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("ops.db");
    EventStore store;
    store.open(path);
    core::OrderRecord o = makeOrder("o-1", "BJ-CY-01");
    o.state = core::OrderState::Paid;
    core::StoreBatch first;
    first.orders.push_back(o);
    store.write(first);
    const std::string blob = piiBlob(path, "o-1");
    QVERIFY(blob.size() > kNonce);

    // Ten changes of state, rider and ETA: the customer stays the same, so does the blob.
    for (int i = 0; i < 10; ++i) {
        o.state = i % 2 ? core::OrderState::Delivering : core::OrderState::Picking;
        o.etaMs += 1000;
        o.riderId = "r-" + std::to_string(i);
        o.enteredAtMs[static_cast<std::size_t>(o.state)] = kBaseMs + i;
        core::StoreBatch b;
        b.orders.push_back(o);
        store.write(b);
        QCOMPARE(piiBlob(path, "o-1"), blob);
    }
    const LoadedState s = store.load();
    QCOMPARE(s.orders.size(), std::size_t(1));
    QCOMPARE(s.orders[0].riderId, std::string("r-9"));
    QCOMPARE(s.orders[0].etaMs, o.etaMs);
    QCOMPARE(s.orders[0].customerNote, o.customerNote);
    QVERIFY(s.orders[0].enteredAtMs == o.enteredAtMs);

    // After a restart the loaded order is known sealed: still no new blob.
    store.close();
    store.open(path);
    (void)store.load();
    o.etaMs += 1000;
    core::StoreBatch again;
    again.orders.push_back(o);
    store.write(again);
    QCOMPARE(piiBlob(path, "o-1"), blob);
}

void TestPiiSealing::changedPersonalDataIsSealedAgain()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("ops.db");
    EventStore store;
    store.open(path);
    core::OrderRecord o = makeOrder("o-1", "BJ-CY-01");
    core::StoreBatch b;
    b.orders.push_back(o);
    store.write(b);
    const std::string before = piiBlob(path, "o-1");

    o.addressText = "Chaoyang Rd 90, Unit 1"; // the customer corrected the address
    b.orders = {o};
    store.write(b);
    const std::string after = piiBlob(path, "o-1");
    QVERIFY(after != before);
    QCOMPARE(store.load().orders[0].addressText, o.addressText);

    // A transaction that rolls back must not leave the writer believing its blob is stored.
    o.customerPhone = "13900000000";
    core::StoreBatch bad;
    bad.orders.push_back(o);
    bad.riders.push_back(makeRider("r-1", "BJ-CY-01")); // written after the order row: fails
    const auto execOnFile = [&](const char *sql) {
        Database db(QFile::encodeName(path).toStdString(), SQLITE_OPEN_READWRITE);
        db.exec(sql);
    };
    execOnFile("CREATE TRIGGER fail_riders BEFORE INSERT ON riders BEGIN SELECT RAISE(ABORT, 'test'); END");
    QVERIFY_THROWS_EXCEPTION(std::exception, store.write(bad));
    execOnFile("DROP TRIGGER fail_riders");
    QCOMPARE(piiBlob(path, "o-1"), after);
    b.orders = {o};
    store.write(b);
    QCOMPARE(store.load().orders[0].customerPhone, std::string("13900000000"));

    // No personal data at all: NULL, and personal data arriving later is sealed.
    core::OrderRecord bare;
    bare.orderId = "o-2";
    bare.depot = "BJ-CY-01";
    bare.state = core::OrderState::Created;
    b.orders = {bare};
    store.write(b);
    QCOMPARE(scalar(path, "SELECT pii IS NULL FROM orders WHERE order_id = 'o-2'"), 1);
    bare.customerName = "Wang Fang";
    b.orders = {bare};
    store.write(b);
    QCOMPARE(scalar(path, "SELECT pii IS NULL FROM orders WHERE order_id = 'o-2'"), 0);
    QCOMPARE(store.load().orders[1].customerName, std::string("Wang Fang"));
}

// A row as the previous build wrote it (random nonce, JSON state times) reads, and an
// unchanged upsert after the restart keeps it as it is.
void TestPiiSealing::rowsOfThePreviousBuildStillReadAndStay()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("ops.db");
    {
        EventStore store;
        store.open(path); // creates the key and the schema
    }
    const auto cipher = PersonalDataCipher::fromKeyFile(PersonalDataCipher::keyPathFor(path),
                                                        PersonalDataCipher::KeyFileMode::MustExist);
    const PersonalFields personal{"张伟", "13812341234", "Chaoyang Rd 88", ""};
    const std::string packed = packPersonal(personal);
    std::string old(kNonce + packed.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
    auto *buf = reinterpret_cast<unsigned char *>(old.data());
    randombytes_buf(buf, kNonce);
    const std::string ad = orderPiiAd("o-old");
    // The key file is the test's own: seal the way the previous build did, with a random nonce.
    QFile keyFile(PersonalDataCipher::keyPathFor(path));
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    const QByteArray key = keyFile.readAll();
    crypto_aead_xchacha20poly1305_ietf_encrypt(buf + kNonce, nullptr, reinterpret_cast<const unsigned char *>(packed.data()),
                                               packed.size(), reinterpret_cast<const unsigned char *>(ad.data()),
                                               ad.size(), nullptr, buf, reinterpret_cast<const unsigned char *>(key.constData()));
    {
        Database db(QFile::encodeName(path).toStdString(), SQLITE_OPEN_READWRITE);
        Statement put = db.prepare("INSERT INTO orders(order_id, depot, state, created_at_ms, updated_at_ms, "
                                   "state_times, pii, priority) VALUES('o-old', 'BJ-CY-01', 'PAID', 5, 6, "
                                   "'[0,5,6,0,0,0,0,0,0,0,0,0,0,0,0]', ?1, 0)");
        put.bindBlob(1, old).run();
    }
    QVERIFY(cipher.open(old, ad).has_value());

    EventStore store;
    store.open(path);
    LoadedState s = store.load();
    QCOMPARE(s.orders.size(), std::size_t(1));
    core::OrderRecord o = s.orders[0];
    QCOMPARE(o.customerName, std::string("张伟"));
    QCOMPARE(o.enteredAtMs[1], 5);
    QCOMPARE(o.enteredAtMs[2], 6);
    o.state = core::OrderState::Picking;
    o.enteredAtMs[3] = 7;
    core::StoreBatch b;
    b.orders.push_back(o);
    store.write(b);
    QCOMPARE(piiBlob(path, "o-old"), old);
    s = store.load();
    QCOMPARE(s.orders[0].enteredAtMs[3], 7);
    QCOMPARE(s.orders[0].customerPhone, std::string("13812341234"));
}

void TestPiiSealing::noncesNeverRepeatAcrossSealsAndReopen()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("ops.db");
    std::int64_t seq = 0;
    const auto writeSome = [&](EventStore &store, int round) {
        core::StoreBatch b;
        for (int i = 0; i < 50; ++i) {
            ++seq;
            const std::string id = "o-" + std::to_string(round) + "-" + std::to_string(i);
            b.events.push_back(makeCreated("gw1", "BJ-CY-01", seq, id, "Zhang Wei", "13812341234", "Chaoyang Rd 88"));
            b.orders.push_back(makeOrder(id, "BJ-CY-01"));
        }
        store.write(b);
    };
    {
        EventStore store;
        store.open(path);
        writeSome(store, 1);
    }
    {
        EventStore store;
        store.open(path); // a reopen of the same file
        writeSome(store, 2);
    }
    const std::vector<std::string> sealed = sealedValues(path);
    QCOMPARE(sealed.size(), std::size_t(200));
    std::set<std::string> nonces;
    std::set<std::uint64_t> counters;
    for (const std::string &v : sealed) {
        QVERIFY(v.size() > kNonce);
        nonces.insert(v.substr(0, kNonce));
        // One random prefix per process, a counter per seal: no random draw (syscall) per seal.
        QCOMPARE(v.substr(0, 16), sealed.front().substr(0, 16));
        counters.insert(counterOf(v));
    }
    QCOMPARE(nonces.size(), sealed.size());
    QCOMPARE(counters.size(), sealed.size());
}

// protocol.md: order.created, order.snapshot and order.signed carry personal data;
// positions, order.paid and the like stay plain (and cost no encryption).
void TestPiiSealing::onlyTypesCarryingPersonalDataAreSealed()
{
    core::Event e = makePosition("gw1", "BJ-CY-01", 1);
    QVERIFY(!carriesPersonalData(e));
    e = makeOrderEvent("gw1", "BJ-CY-01", 2, "o-1");
    QVERIFY(!carriesPersonalData(e));
    e.kind = core::EventKind::OrderSigned;
    QVERIFY(carriesPersonalData(e));
    e.kind = core::EventKind::OrderSnapshot;
    QVERIFY(carriesPersonalData(e));
    e = makeCreated("gw1", "BJ-CY-01", 3, "o-1", "Zhang Wei", "1", "Rd");
    QVERIFY(carriesPersonalData(e));
    e.kind = core::EventKind::OrderPaid; // a paid event that still names the customer
    QVERIFY(carriesPersonalData(e));
}

QTEST_GUILESS_MAIN(TestPiiSealing)
#include "tst_pii_sealing.moc"
