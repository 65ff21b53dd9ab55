// Alert rule edits go on the chained trail (applied and refused alike), through the
// console's real store-thread sink (store::AuditWriter) into a real SQLite file.
#include "app/features/alerts/AlertPipeline.h"
#include "app/features/alerts/AlertServiceHost.h"
#include "store/audit/AuditLog.h"
#include "store/audit/AuditWriter.h"
#include "store/db/Sqlite.h"
#include "store/db/StoreWorker.h"
#include "store/log/EventStore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace opsdeck;

class TestAuditRules final : public QObject
{
    Q_OBJECT
private slots:
    void ruleEditsAreAudited();
};

void TestAuditRules::ruleEditsAreAudited()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("console.db"));
    auto es = std::make_unique<store::EventStore>();
    es->open(path);
    store::StoreWorker worker(std::move(es));
    store::AuditWriter writer(worker);
    app::AlertPipeline pipeline(app::AlertPipeline::Options{});
    app::AlertServiceHost service(pipeline, QStringLiteral("mia"), [] { return qint64(5); });
    service.setAudit(&writer, QStringLiteral("ops_manager"), [] { return qint64(1'765'000'000'000); });

    const QByteArray rules = service.rulesJson();
    QVERIFY(!rules.isEmpty());
    QStringList problems;
    QVERIFY(service.applyRules(rules, &problems));
    QVERIFY(!service.applyRules(QByteArrayLiteral("{\"version\":1,\"rules\":[{\"id\":\"\"}]}"), &problems));
    QVERIFY(!problems.isEmpty());
    QTRY_COMPARE(writer.counters().appended, 2);
    worker.stop();

    store::Database db(QFile::encodeName(path).toStdString(), SQLITE_OPEN_READONLY);
    const auto rows = store::readAudit(db, {});
    QCOMPARE(rows.size(), std::size_t{2});
    for (const store::AuditRow &row : rows) {
        QCOMPARE(row.record.action, std::string("rules.edit"));
        QCOMPARE(row.record.user, std::string("mia"));
        QCOMPARE(row.record.role, std::string("ops_manager"));
        QCOMPARE(row.record.permission, std::string("edit_alert_rules"));
        QCOMPARE(row.record.atMs, 1'765'000'000'000);
        QVERIFY(row.record.detailJson.find("after_sha256") != std::string::npos);
    }
    QCOMPARE(rows[0].record.outcome, std::string("ok"));
    QCOMPARE(rows[1].record.outcome, std::string("failed"));
    QVERIFY(store::verifyAuditChain(db).whole);
}

QTEST_GUILESS_MAIN(TestAuditRules)
#include "tst_audit_rules.moc"
