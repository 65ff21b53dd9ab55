// Issue 18: Security → Erase personal data… erases one customer on the store thread (a real
// StoreWorker on a real SQLite file), needs a customer and a reason, says what it erased
// and audits it under the customer's opaque id; a bad customer erases nothing and is
// audited as failed.
#include "app/features/privacy/PrivacyEraseDialog.h"
#include "store/StoreFixtures.h"
#include "store/db/Sqlite.h"
#include "store/db/StoreWorker.h"
#include "store/log/EventStore.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

#include <mutex>

using namespace opsdeck;
using namespace opsdeck::store::test;

namespace {

class CollectingSink final : public core::audit::AuditSink
{
public:
    void append(core::audit::AuditRecord record) override
    {
        std::lock_guard lock(m_mutex);
        m_records.push_back(std::move(record));
    }
    std::vector<core::audit::AuditRecord> records()
    {
        std::lock_guard lock(m_mutex);
        return m_records;
    }

private:
    std::mutex m_mutex;
    std::vector<core::audit::AuditRecord> m_records;
};

void typeInto(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

} // namespace

class TstPrivacyEraseDialog final : public QObject
{
    Q_OBJECT

private slots:
    void erasesOnTheStoreThreadAndAudits()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("ops.db"));
        auto opened = std::make_unique<store::EventStore>();
        opened->open(path);
        core::StoreBatch batch;
        batch.events.push_back(makeCreated("ep-1", "BJ-CY-01", 1, "PD-1", "Qiao Xiaoling", "13987654321", "Jianguo Rd 77"));
        core::OrderRecord o = makeOrder("PD-1", "BJ-CY-01");
        o.customerPhone = "13987654321";
        batch.orders.push_back(o);
        batch.orders.push_back(makeOrder("PD-2", "BJ-CY-01")); // another customer (13812341234)
        opened->write(batch);
        CollectingSink audit;
        {
            store::StoreWorker worker(std::move(opened));
            runDialog(worker, audit);
        }
        store::Database db(QFile::encodeName(path).toStdString(), SQLITE_OPEN_READONLY);
        QCOMPARE(db.queryInt("SELECT count(*) FROM orders WHERE pii IS NULL"), 1);
        QCOMPARE(db.queryInt("SELECT count(*) FROM orders WHERE order_id = 'PD-1' AND pii IS NULL"), 1);
    }

private:
    static void runDialog(store::StoreWorker &worker, CollectingSink &audit)
    {
        app::PrivacyEraseDialog dialog(worker, audit, {"root", "admin", {}, {}, false}, [] { return qint64(1000); });
        dialog.show();
        auto *customer = dialog.findChild<QLineEdit *>(QStringLiteral("customerEdit"));
        auto *reason = dialog.findChild<QLineEdit *>(QStringLiteral("reasonEdit"));
        auto *erase = dialog.findChild<QPushButton *>(QStringLiteral("eraseButton"));
        QVERIFY(customer && reason && erase);
        QVERIFY(!erase->isEnabled());
        typeInto(customer, QStringLiteral("139 8765 4321"));
        QVERIFY(!erase->isEnabled()); // a reason is required
        typeInto(reason, QStringLiteral("ticket 4411"));
        QVERIFY(erase->isEnabled());
        QTest::mouseClick(erase, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.busy(), 10000);
        QVERIFY2(dialog.status().contains(QStringLiteral("1 order(s), 1 event(s)")), qPrintable(dialog.status()));
        auto records = audit.records();
        QCOMPARE(records.size(), std::size_t(1));
        QCOMPARE(records[0].action, std::string("privacy.erase"));
        QCOMPARE(records[0].outcome, std::string("ok"));
        QCOMPARE(records[0].user, std::string("root"));
        QCOMPARE(QByteArray::fromStdString(records[0].target).left(5), QByteArray("cust-"));
        QVERIFY(records[0].detailJson.find("ticket 4411") != std::string::npos);
        QVERIFY(records[0].detailJson.find("4321") == std::string::npos);
        QVERIFY(dialog.status().contains(QString::fromStdString(records[0].target)));

        typeInto(customer, QStringLiteral("no digits"));
        QTest::mouseClick(erase, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.busy(), 10000);
        QVERIFY2(dialog.status().startsWith(QStringLiteral("Nothing was erased")), qPrintable(dialog.status()));
        records = audit.records();
        QCOMPARE(records.size(), std::size_t(2));
        QCOMPARE(records[1].outcome, std::string("failed"));
        QVERIFY(worker.waitUntilIdle(std::chrono::seconds(10)));
    }
};

QTEST_MAIN(TstPrivacyEraseDialog)
#include "tst_privacy_erase_dialog.moc"
