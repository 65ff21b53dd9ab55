// Issue 17, personal data at rest: after ingesting orders with known customers and
// destinations, no name, phone, address or destination coordinate (as text, or as the
// bytes of a double in either byte order) is readable in the database file or its WAL;
// a file an older build wrote with clear destinations is sealed when it opens.

#include "StoreFixtures.h"

#include "store/db/KeyRotation.h"
#include "store/db/Sqlite.h"
#include "store/db/StoreError.h"
#include "store/log/EventStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <bit>

using namespace opsdeck;
using namespace opsdeck::store;
using namespace opsdeck::store::test;

namespace {

struct Customer {
    std::string orderId, name, phone, address;
    double lat, lng;
};

const std::vector<Customer> &customers()
{
    static const std::vector<Customer> list = {
        {"PD-1", "Qiao Xiaoling", "13987654321", "Jianguo Rd 77, Tower B", 39.908823, 116.397470},
        {"PD-2", "欧阳娜娜", "13711112222", "朝阳区望京街9号", 39.996712, 116.480881},
        {"PD-3", "Marguerite Okafor", "15500009999", "Sanlitun Back St 5", 39.937654, 116.455432},
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

// Every form in which a customer's data could be read from the file: what is found.
QStringList readable(const QByteArray &bytes)
{
    QStringList found;
    const auto look = [&](const QByteArray &needle, const QString &what) {
        if (bytes.contains(needle))
            found << what;
    };
    for (const Customer &c : customers()) {
        look(QByteArray::fromStdString(c.name), QString::fromStdString(c.orderId + " name"));
        look(QByteArray::fromStdString(c.phone), QString::fromStdString(c.orderId + " phone"));
        look(QByteArray::fromStdString(c.phone.substr(3)), QString::fromStdString(c.orderId + " phone digits"));
        look(QByteArray::fromStdString(c.address), QString::fromStdString(c.orderId + " address"));
        for (const double v : {c.lat, c.lng}) {
            look(QByteArray::number(v, 'f', 4), QString::fromStdString(c.orderId) + " coordinate text");
            look(doubleBytes(v, true), QString::fromStdString(c.orderId) + " coordinate REAL");
            look(doubleBytes(v, false), QString::fromStdString(c.orderId) + " coordinate double");
        }
    }
    return found;
}

core::Event createdEvent(const Customer &c, std::int64_t seq)
{
    core::Event e = makeCreated("ep-1", "BJ-CY-01", seq, c.orderId, c.name, c.phone, c.address);
    e.lat = c.lat;
    e.lng = c.lng;
    const auto coords = QByteArray(R"("lat":39.9219,"lng":116.4436)");
    QByteArray raw = QByteArray::fromStdString(e.raw);
    raw.replace(coords, QByteArray(R"("lat":)") + QByteArray::number(c.lat, 'f', 6) + R"(,"lng":)"
                            + QByteArray::number(c.lng, 'f', 6));
    e.raw = raw.toStdString();
    return e;
}

core::OrderRecord orderOf(const Customer &c)
{
    core::OrderRecord o = makeOrder(c.orderId, "BJ-CY-01");
    o.customerName = c.name;
    o.customerPhone = c.phone;
    o.addressText = c.address;
    o.lat = c.lat;
    o.lng = c.lng;
    return o;
}

} // namespace

class TestPiiAtRest final : public QObject
{
    Q_OBJECT

private slots:
    void noCustomerDataIsReadableInTheFile();
    void clearDestinationsOfAnOlderFileAreSealedOnOpen();
    void burstKeyIsPerInstallationAndStable();
    void keyFileLivesOutsideTheDatabaseFolder();
    void keyBesideTheDatabaseIsMovedOutOnOpen();
    void rotationResealsEverythingAndResumesAfterACrash();
};

void TestPiiAtRest::noCustomerDataIsReadableInTheFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("ops.db");
    EventStore store;
    store.open(path);
    core::StoreBatch batch;
    std::int64_t seq = 1;
    for (const Customer &c : customers()) {
        batch.events.push_back(createdEvent(c, seq++));
        batch.orders.push_back(orderOf(c));
    }
    // The fixture's raw JSON must really carry each customer, or the scan proves nothing.
    QVERIFY(!readable(QByteArray::fromStdString(batch.events[0].raw)).isEmpty());
    store.write(batch);
    // A later change of state rewrites the row: still nothing in clear.
    batch.events.clear();
    for (auto &o : batch.orders)
        o.state = core::OrderState::Signed;
    store.write(batch);

    // While open (WAL holds the pages), then after close (checkpointed into the file).
    QCOMPARE(readable(fileBytes(path) + fileBytes(path + "-wal")), QStringList());
    const LoadedState loaded = store.load();
    QCOMPARE(loaded.orders.size(), customers().size());
    for (std::size_t i = 0; i < customers().size(); ++i) {
        QCOMPARE(loaded.orders[i].customerName, customers()[i].name);
        QCOMPARE(loaded.orders[i].lat, customers()[i].lat);
        QCOMPARE(loaded.orders[i].lng, customers()[i].lng);
    }
    store.close();
    QCOMPARE(readable(fileBytes(path) + fileBytes(path + "-wal")), QStringList());
}

void TestPiiAtRest::clearDestinationsOfAnOlderFileAreSealedOnOpen()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("ops.db");
    {
        EventStore store;
        store.open(path);
        core::StoreBatch batch;
        for (const Customer &c : customers())
            batch.orders.push_back(orderOf(c));
        store.write(batch);
    }
    // What an older build left: the destination in the clear columns.
    {
        Database db(QFile::encodeName(path).toStdString(), SQLITE_OPEN_READWRITE);
        Statement put = db.prepare("UPDATE orders SET lat = ?2, lng = ?3 WHERE order_id = ?1");
        for (const Customer &c : customers())
            put.bindText(1, c.orderId).bind(2, c.lat).bind(3, c.lng).run();
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    QVERIFY(readable(fileBytes(path)).contains(QStringLiteral("PD-1 coordinate REAL")));

    EventStore store;
    store.open(path);
    QCOMPARE(readable(fileBytes(path) + fileBytes(path + "-wal")), QStringList());
    const LoadedState loaded = store.load();
    QCOMPARE(loaded.orders.size(), customers().size());
    QCOMPARE(loaded.orders[1].lat, customers()[1].lat);
    QCOMPARE(loaded.orders[1].lng, customers()[1].lng);
    QCOMPARE(loaded.orders[1].customerPhone, customers()[1].phone);
    QCOMPARE(scalar(path, "SELECT count(*) FROM orders WHERE lat != 0 OR lng != 0"), 0);
}

// The burst alerts' key comes from the installation's data key: two installations have
// different ones, a restart keeps it, and it is not the data key itself.
void TestPiiAtRest::burstKeyIsPerInstallationAndStable()
{
    QTemporaryDir one;
    QTemporaryDir two;
    EventStore a;
    a.open(one.filePath("ops.db"));
    EventStore b;
    b.open(two.filePath("ops.db"));
    const std::string keyA = a.burstKey();
    QCOMPARE(keyA.size(), std::size_t(32));
    QVERIFY(keyA != b.burstKey());
    a.close();
    a.open(one.filePath("ops.db"));
    QCOMPARE(a.burstKey(), keyA);
    QFile keyFile(a.keyPath());
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    QVERIFY(keyFile.readAll().toStdString() != keyA);
}

void TestPiiAtRest::keyFileLivesOutsideTheDatabaseFolder()
{
    QTemporaryDir data;
    QTemporaryDir home;
    const QString path = data.filePath("ops.db");
    EventStore::Options options;
    options.keyDir = home.filePath("opsdeck/keys");
    EventStore store;
    store.open(path, options);
    core::StoreBatch batch;
    batch.orders.push_back(orderOf(customers()[0]));
    store.write(batch);
    const QFileInfo key(store.keyPath());
    QCOMPARE(key.absolutePath(), QDir(options.keyDir).absolutePath());
    QVERIFY(key.fileName().endsWith(".key"));
    QVERIFY(QFileInfo(key.absolutePath()).permissions() == (QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner
                                                            | QFile::ReadUser | QFile::WriteUser | QFile::ExeUser));
    QCOMPARE(key.permissions(), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);
    QCOMPARE(QDir(data.path()).entryList({"*.key*"}, QDir::Files), QStringList());
    store.close();
    // The key is found again by the database's id, also after the file was renamed.
    QVERIFY(QFile::rename(path, data.filePath("renamed.db")));
    store.open(data.filePath("renamed.db"), options);
    QCOMPARE(store.keyPath(), key.absoluteFilePath());
    QCOMPARE(store.load().orders.at(0).customerName, customers()[0].name);
}

void TestPiiAtRest::keyBesideTheDatabaseIsMovedOutOnOpen()
{
    QTemporaryDir data;
    QTemporaryDir home;
    const QString path = data.filePath("ops.db");
    {
        EventStore old; // no key folder: where earlier builds kept the key
        old.open(path);
        QCOMPARE(old.keyPath(), path + ".key");
        core::StoreBatch batch;
        batch.orders.push_back(orderOf(customers()[1]));
        old.write(batch);
    }
    const QByteArray keyBytes = fileBytes(path + ".key");
    QCOMPARE(keyBytes.size(), 32);
    EventStore::Options options;
    options.keyDir = home.filePath("keys");
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("moved the personal-data key out of the database's folder"));
    EventStore store;
    store.open(path, options);
    QVERIFY(!QFile::exists(path + ".key"));
    QVERIFY(store.keyPath().startsWith(options.keyDir));
    QCOMPARE(fileBytes(store.keyPath()), keyBytes);
    QCOMPARE(QFileInfo(store.keyPath()).permissions(), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);
    QCOMPARE(store.load().orders.at(0).customerPhone, customers()[1].phone);
}

// A rotation in steps of 2 values, stopped half way (as a crash would), refused by the
// console until resumed, then finished: every value opens with the new key, the old
// key file is replaced, and the data reads as before.
void TestPiiAtRest::rotationResealsEverythingAndResumesAfterACrash()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("ops.db");
    QString keyPath;
    {
        EventStore store;
        store.open(path);
        keyPath = store.keyPath();
        core::StoreBatch batch;
        std::int64_t seq = 1;
        for (const Customer &c : customers()) {
            batch.events.push_back(createdEvent(c, seq++));
            batch.orders.push_back(orderOf(c));
        }
        core::Rejected r;
        r.reason = core::RejectReason::MalformedJson;
        r.raw = R"({"customer":{"name":"Qiao Xiaoling")";
        r.size = static_cast<std::int64_t>(r.raw.size());
        r.atMs = kBaseMs;
        batch.rejected.push_back(r);
        store.write(batch);
    }
    const QByteArray oldKey = fileBytes(keyPath);
    {
        Database db(QFile::encodeName(path).toStdString(), SQLITE_OPEN_READWRITE);
        KeyRotation rotation(db, keyPath);
        rotation.begin();
        QVERIFY(!rotation.step(2));
        QVERIFY(!rotation.step(2));
        QCOMPARE(rotation.resealed(), 4);
    } // stopped here: the process died
    QCOMPARE(fileBytes(keyPath), oldKey); // the old key stays until every value is done
    QVERIFY(QFile::exists(keyPath + ".next"));
    EventStore refused;
    QVERIFY_THROWS_EXCEPTION(StoreError, refused.open(path));
    {
        Database db(QFile::encodeName(path).toStdString(), SQLITE_OPEN_READWRITE);
        KeyRotation rotation(db, keyPath);
        rotation.begin();
        int steps = 0;
        while (!rotation.step(2))
            QVERIFY(++steps < 20);
        QCOMPARE(rotation.resealed(), 3 + 3 + 1 - 4); // orders, event bodies, rejected; minus done
        QVERIFY(!KeyRotation::pending(db));
    }
    QVERIFY(!QFile::exists(keyPath + ".next"));
    QVERIFY(fileBytes(keyPath) != oldKey);
    EventStore store;
    store.open(path);
    const LoadedState loaded = store.load();
    QCOMPARE(loaded.orders.size(), customers().size());
    QCOMPARE(loaded.orders[2].customerName, customers()[2].name);
    QCOMPARE(loaded.orders[2].lat, customers()[2].lat);
    int events = 0;
    store.forEachEvent([&](const LoggedEvent &e) {
        QVERIFY(QByteArray::fromStdString(e.body).contains("\"lat\""));
        ++events;
    });
    QCOMPARE(events, 3);
    QCOMPARE(readable(fileBytes(path) + fileBytes(path + "-wal")), QStringList());
}

QTEST_GUILESS_MAIN(TestPiiAtRest)
#include "tst_pii_at_rest.moc"
