// Issue 17, where the personal-data key lives: the console's KeyringKeyVault keeps the
// key in the 0600 file outside the database's folder when no OS keyring answers (this
// process has no D-Bus session bus, as in CI), and the file's key still opens the data.

#include "StoreFixtures.h"

#include "store/db/KeyVault.h"
#include "store/db/StoreError.h"
#include "store/log/EventStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace opsdeck;
using namespace opsdeck::store;
using namespace opsdeck::store::test;

class TestKeyVault final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void keyringVaultFallsBackToTheFileWhenNoKeyringAnswers();
    void aMissingKeyIsReportedWhereItWasLookedFor();
};

void TestKeyVault::initTestCase()
{
    // No session bus: what a headless server and CI have. Set before any D-Bus use.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/opsdeck-test-no-bus");
}

void TestKeyVault::keyringVaultFallsBackToTheFileWhenNoKeyringAnswers()
{
    QTemporaryDir data;
    QTemporaryDir home;
    const QString path = data.filePath("ops.db");
    EventStore::Options options;
    options.keyDir = home.filePath("opsdeck/keys");
    auto vault = std::make_shared<KeyringKeyVault>(QStringLiteral("OpsDeckTest"));
    options.keyVault = vault;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("no OS keyring .*stays in its 0600 key file"));
    EventStore store;
    store.open(path, options);
    QVERIFY(!vault->available());
    core::StoreBatch batch;
    auto order = makeOrder("KV-1", "D1");
    order.customerName = "Ngozi Adeyemi";
    batch.orders.push_back(order);
    store.write(batch);
    const QFileInfo key(store.keyPath());
    QVERIFY(key.exists());
    QCOMPARE(key.absolutePath(), QDir(options.keyDir).absolutePath());
    QCOMPARE(key.permissions(), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);
    QCOMPARE(QDir(data.path()).entryList({"*.key*"}, QDir::Files), QStringList());
    store.close();
    // Logged once: the second open asks no keyring and warns no more.
    store.open(path, options);
    QCOMPARE(store.load().orders.at(0).customerName, std::string("Ngozi Adeyemi"));
    store.close();
    // The same file opens without the keyring vault: nothing was moved anywhere.
    EventStore::Options fileOnly;
    fileOnly.keyDir = options.keyDir;
    store.open(path, fileOnly);
    QCOMPARE(store.keyPath(), key.absoluteFilePath());
    QCOMPARE(store.load().orders.at(0).customerName, std::string("Ngozi Adeyemi"));
}

void TestKeyVault::aMissingKeyIsReportedWhereItWasLookedFor()
{
    QTemporaryDir data;
    QTemporaryDir home;
    const QString path = data.filePath("ops.db");
    EventStore::Options options;
    options.keyDir = home.filePath("keys");
    options.keyVault = std::make_shared<KeyringKeyVault>(QStringLiteral("OpsDeckTest"));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("no OS keyring"));
    EventStore store;
    store.open(path, options);
    const QString keyPath = store.keyPath();
    store.close();
    QVERIFY(QFile::remove(keyPath));
    try {
        store.open(path, options);
        QFAIL("opened without its key");
    } catch (const StoreError &e) {
        QCOMPARE(e.code(), StoreError::Code::MissingKey);
        QVERIFY2(QString::fromUtf8(e.what()).contains(keyPath), e.what());
    }
    QVERIFY(!QFile::exists(keyPath)); // never a fresh key for a database that had one
}

QTEST_GUILESS_MAIN(TestKeyVault)
#include "tst_key_vault.moc"
