// Issue 17, the personal-data key in the OS keyring: a key file is moved into the
// keyring (the file removed once the keyring gave the key back), the keyring's copy
// wins over a leftover file, and the data still opens. Needs a Secret Service or
// KWallet on the session bus: skipped where there is none, which is CI.

#include "StoreFixtures.h"

#include "store/db/KeyRotation.h"
#include "store/db/KeyVault.h"
#include "store/db/Sqlite.h"
#include "store/db/StoreError.h"
#include "store/export/Exporter.h"
#include "store/log/EventStore.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace opsdeck;
using namespace opsdeck::store;
using namespace opsdeck::store::test;

class TestKeyVaultKeyring final : public QObject
{
    Q_OBJECT

private slots:
    void keyFileMovesIntoTheKeyring();
    void rotationTakesTheKeyOutAndPutsTheNewOneBack();
};

void TestKeyVaultKeyring::keyFileMovesIntoTheKeyring()
{
    auto vault = std::make_shared<KeyringKeyVault>(QStringLiteral("OpsDeckTest"));
    if (!vault->available())
        QSKIP("no OS keyring on this machine (no Secret Service or KWallet on a D-Bus session bus), as in CI");
    QTemporaryDir data;
    QTemporaryDir home;
    const QString path = data.filePath("ops.db");
    EventStore::Options fileOnly;
    fileOnly.keyDir = home.filePath("keys");
    EventStore store;
    store.open(path, fileOnly);
    core::StoreBatch batch;
    auto order = makeOrder("KR-1", "D1");
    order.customerPhone = "13600001111";
    batch.orders.push_back(order);
    store.write(batch);
    const QString keyFile = store.keyPath();
    const QByteArray keyBytes = readAll(keyFile);
    const QString dbId = QFileInfo(keyFile).completeBaseName();
    store.close();

    EventStore::Options withKeyring = fileOnly;
    withKeyring.keyVault = vault;
    store.open(path, withKeyring);
    QVERIFY(!QFile::exists(keyFile));
    QCOMPARE(store.load().orders.at(0).customerPhone, std::string("13600001111"));
    store.close();
    // `opsdeck export` finds it there too.
    ExportOptions exportOptions;
    exportOptions.includePersonalData = true;
    exportOptions.keyVault = vault;
    QBuffer out;
    QVERIFY(out.open(QIODevice::WriteOnly));
    QVERIFY(Exporter(exportOptions).run(path, out).ok);
    QVERIFY(out.data().contains("13600001111"));
    // The file is gone: only the keyring opens the data now.
    QVERIFY_THROWS_EXCEPTION(StoreError, store.open(path, fileOnly));
    // A copy of the same key left in a file (a move cut short) is removed; the keyring's wins.
    {
        QFile leftover(keyFile);
        QVERIFY(leftover.open(QIODevice::WriteOnly));
        QVERIFY(leftover.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
        leftover.write(keyBytes);
    }
    store.open(path, withKeyring);
    QVERIFY(!QFile::exists(keyFile));
    QCOMPARE(store.load().orders.at(0).customerPhone, std::string("13600001111"));
    store.close();
    QVERIFY(vault->remove(dbId));
}

// What `opsdeck key rotate` does with a key in the keyring: out into its file, rotated
// there, the new key back into the keyring.
void TestKeyVaultKeyring::rotationTakesTheKeyOutAndPutsTheNewOneBack()
{
    auto vault = std::make_shared<KeyringKeyVault>(QStringLiteral("OpsDeckTest"));
    if (!vault->available())
        QSKIP("no OS keyring on this machine (no Secret Service or KWallet on a D-Bus session bus), as in CI");
    QTemporaryDir data;
    QTemporaryDir home;
    const QString path = data.filePath("ops.db");
    EventStore::Options options;
    options.keyDir = home.filePath("keys");
    options.keyVault = vault;
    EventStore store;
    store.open(path, options);
    core::StoreBatch batch;
    auto order = makeOrder("KR-2", "D1");
    order.customerName = "Tadeusz Wiśniewski";
    batch.orders.push_back(order);
    store.write(batch);
    const QString keyFile = store.keyPath();
    const QString dbId = QFileInfo(keyFile).completeBaseName();
    store.close();
    QVERIFY(!QFile::exists(keyFile));

    vault->moveToFile(dbId, keyFile);
    QCOMPARE(QFileInfo(keyFile).permissions(), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);
    const QByteArray oldKey = readAll(keyFile);
    {
        Database db(QFile::encodeName(path).toStdString(), SQLITE_OPEN_READWRITE);
        KeyRotation rotation(db, keyFile);
        rotation.begin();
        while (!rotation.step(100)) {
        }
    }
    QVERIFY(readAll(keyFile) != oldKey);
    vault->moveFromFile(dbId, keyFile);
    QVERIFY(!QFile::exists(keyFile));
    store.open(path, options);
    QCOMPARE(store.load().orders.at(0).customerName, std::string("Tadeusz Wiśniewski"));
    store.close();
    QVERIFY(vault->remove(dbId));
}

QTEST_GUILESS_MAIN(TestKeyVaultKeyring)
#include "tst_key_vault_keyring.moc"
