// The chained audit_log (issue 17): a real SQLite file, tampered with raw SQL after the
// triggers are dropped, as someone with the file would; verify names the first bad row.
#include "store/audit/AuditLog.h"
#include "store/audit/AuditWriter.h"
#include "store/db/Sqlite.h"
#include "store/db/StoreError.h"
#include "store/db/StoreWorker.h"
#include "store/intake/ControlAudit.h"
#include "store/log/EventStore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace opsdeck;
using store::Database;

namespace {

core::audit::AuditRecord record(int i)
{
    core::audit::AuditRecord r;
    r.atMs = 1'700'000'000'000 + i * 1000;
    r.user = i % 2 ? "ana" : "bo";
    r.role = "dispatcher";
    r.action = i % 2 ? "command.hold" : "rules.edit";
    r.target = "DD2612070001" + std::to_string(i);
    r.outcome = "ok";
    r.permission = "hold_release";
    r.detailJson = "{\"n\":" + std::to_string(i) + "}";
    return r;
}

Database openFile(const QString &path)
{
    return Database(QFile::encodeName(path).toStdString(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
}

store::AuditRow rowAt(Database &db, std::int64_t seq)
{
    store::AuditFilter all;
    for (const store::AuditRow &row : store::readAudit(db, all))
        if (row.seq == seq)
            return row;
    return {};
}

// What a tamperer with the file does first: the triggers are only a courtesy.
void dropTriggers(Database &db)
{
    db.exec("DROP TRIGGER audit_log_no_update");
    db.exec("DROP TRIGGER audit_log_no_delete");
}

} // namespace

class TestAuditChain final : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void wholeChainVerifiesAndTriggersRefuseChanges();
    void editedRowIsNamed();
    void editedRowWithRecomputedHashIsNamed();
    void insertedRowIsNamed();
    void deletedRowIsNamed();
    void deletedAndRenumberedRowsAreNamed();
    void personalDataNeverReachesTheFile();
    void controlCommandsAppendIssuedThenOutcome();
    void writerAppendsOnTheStoreThreadInOneChain();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestAuditChain::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_path = m_dir->filePath(QStringLiteral("audit.db"));
    Database db = openFile(m_path);
    std::vector<core::audit::AuditRecord> records;
    for (int i = 1; i <= 5; ++i)
        records.push_back(record(i));
    QCOMPARE(store::appendAudit(db, {records.begin(), records.begin() + 2}), 2);
    QCOMPARE(store::appendAudit(db, {records.begin() + 2, records.end()}), 5);
}

void TestAuditChain::wholeChainVerifiesAndTriggersRefuseChanges()
{
    Database db = openFile(m_path);
    const store::AuditVerdict verdict = store::verifyAuditChain(db);
    QVERIFY(verdict.whole);
    QCOMPARE(verdict.rowsChecked, 5);
    QCOMPARE(verdict.headHash, store::toHex(rowAt(db, 5).hash));
    QVERIFY_THROWS_EXCEPTION(store::StoreError, db.exec("UPDATE audit_log SET outcome = 'refused' WHERE seq = 2"));
    QVERIFY_THROWS_EXCEPTION(store::StoreError, db.exec("DELETE FROM audit_log WHERE seq = 5"));
    QVERIFY(store::verifyAuditChain(db).whole);
}

void TestAuditChain::editedRowIsNamed()
{
    Database db = openFile(m_path);
    dropTriggers(db);
    db.exec("UPDATE audit_log SET outcome = 'refused' WHERE seq = 3");
    const store::AuditVerdict verdict = store::verifyAuditChain(db);
    QVERIFY(!verdict.whole);
    QCOMPARE(verdict.badSeq, 3);
    QCOMPARE(verdict.rowsChecked, 2);
    QVERIFY2(verdict.problem.rfind("edited", 0) == 0, verdict.problem.c_str());
}

void TestAuditChain::editedRowWithRecomputedHashIsNamed()
{
    Database db = openFile(m_path);
    dropTriggers(db);
    store::AuditRow forged = rowAt(db, 3);
    forged.record.user = "mallory";
    forged.hash = store::auditRowHash(forged);
    store::Statement s = db.prepare("UPDATE audit_log SET user_name = ?1, hash = ?2 WHERE seq = 3");
    s.bindText(1, forged.record.user).bindBlob(2, forged.hash);
    s.run();
    const store::AuditVerdict verdict = store::verifyAuditChain(db);
    QVERIFY(!verdict.whole);
    QCOMPARE(verdict.badSeq, 3);
    QVERIFY2(verdict.problem.rfind("edited", 0) == 0, verdict.problem.c_str());
}

void TestAuditChain::insertedRowIsNamed()
{
    Database db = openFile(m_path);
    dropTriggers(db);
    // Make room at seq 3 and slip in a row that links correctly to row 2 and carries its
    // own correct hash: the best an attacker without a key can do.
    db.exec("UPDATE audit_log SET seq = seq + 100 WHERE seq >= 3");
    db.exec("UPDATE audit_log SET seq = seq - 99 WHERE seq >= 100");
    store::AuditRow forged;
    forged.seq = 3;
    forged.record = record(9);
    forged.prevHash = rowAt(db, 2).hash;
    forged.hash = store::auditRowHash(forged);
    store::Statement s = db.prepare("INSERT INTO audit_log VALUES (3, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    const core::audit::AuditRecord &r = forged.record;
    s.bind(1, r.atMs).bindText(2, r.user).bindText(3, r.role).bindText(4, r.action).bindText(5, r.target);
    s.bindText(6, r.outcome).bindText(7, r.permission).bindText(8, r.detailJson);
    s.bindBlob(9, forged.prevHash).bindBlob(10, forged.hash);
    s.run();
    QCOMPARE(db.queryInt("SELECT count(*) FROM audit_log"), 6);
    const store::AuditVerdict verdict = store::verifyAuditChain(db);
    QVERIFY(!verdict.whole);
    QCOMPARE(verdict.badSeq, 3);
    QVERIFY2(verdict.problem.rfind("inserted", 0) == 0, verdict.problem.c_str());
}

void TestAuditChain::deletedRowIsNamed()
{
    Database db = openFile(m_path);
    dropTriggers(db);
    db.exec("DELETE FROM audit_log WHERE seq = 3");
    const store::AuditVerdict verdict = store::verifyAuditChain(db);
    QVERIFY(!verdict.whole);
    QCOMPARE(verdict.badSeq, 3);
    QVERIFY2(verdict.problem.rfind("deleted", 0) == 0, verdict.problem.c_str());

    db.exec("DELETE FROM audit_log WHERE seq IN (1, 2)"); // the head too
    QCOMPARE(store::verifyAuditChain(db).badSeq, 1);
}

void TestAuditChain::deletedAndRenumberedRowsAreNamed()
{
    Database db = openFile(m_path);
    dropTriggers(db);
    db.exec("DELETE FROM audit_log WHERE seq = 3");
    db.exec("UPDATE audit_log SET seq = seq - 1 WHERE seq > 3");
    const store::AuditVerdict verdict = store::verifyAuditChain(db);
    QVERIFY(!verdict.whole);
    QCOMPARE(verdict.badSeq, 3);
    QVERIFY2(verdict.problem.rfind("deleted", 0) == 0, verdict.problem.c_str());
}

void TestAuditChain::personalDataNeverReachesTheFile()
{
    {
        Database db = openFile(m_path);
        core::audit::AuditRecord r = record(6);
        r.action = "reveal";
        r.detailJson = R"({"order":{"customer_name":"Zhang Wei-Audit","phone":"13800138999"},"address":"9 Qux Road",)"
                       R"("fields":["phone"]})";
        store::appendAudit(db, {r});
        core::audit::AuditRecord bad = record(7);
        bad.detailJson = "not json: Zhang Wei-Audit";
        store::appendAudit(db, {bad});
        QVERIFY(store::verifyAuditChain(db).whole);
        QCOMPARE(rowAt(db, 6).record.detailJson,
                 std::string(R"({"address":"[redacted]","fields":["phone"],"order":{"customer_name":"[redacted]",)"
                             R"("phone":"[redacted]"}})"));
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(!bytes.contains("Zhang Wei-Audit"));
    QVERIFY(!bytes.contains("13800138999"));
    QVERIFY(!bytes.contains("9 Qux Road"));
}

void TestAuditChain::controlCommandsAppendIssuedThenOutcome()
{
    Database db = openFile(m_path);
    store::ensureControlAuditTable(db);
    store::ControlAuditEntry e;
    e.commandId = "c-1";
    e.origin = "ctl";
    e.issuedMs = 1'700'000'100'000;
    e.user = "ana";
    e.role = "dispatcher";
    e.cmd = "reassign";
    e.argsJson = R"({"order_id":"DD261207000142","rider_id":"R7"})";
    e.reason = "rider stuck";
    e.status = "pending";
    store::writeControlAudit(db, e);
    e.status = "refused";
    e.settledMs = e.issuedMs + 40;
    e.error = "illegal_transition";
    store::writeControlAudit(db, e);

    QCOMPARE(store::readControlAudit(db).size(), std::size_t{1}); // the view's row, updated
    store::AuditFilter commands;
    commands.action = "command.re"; // a prefix: command.hold rows of init() stay out
    const auto rows = store::readAudit(db, commands);
    QCOMPARE(rows.size(), std::size_t{2}); // the chain keeps both
    QCOMPARE(rows[0].record.outcome, std::string("pending"));
    QCOMPARE(rows[1].record.outcome, std::string("refused"));
    QCOMPARE(rows[1].record.target, std::string("DD261207000142"));
    QCOMPARE(rows[1].record.permission, std::string("reassign"));
    QCOMPARE(rows[1].record.atMs, e.settledMs);
    QVERIFY(rows[1].record.detailJson.find("illegal_transition") != std::string::npos);
    const store::AuditVerdict verdict = store::verifyAuditChain(db);
    QVERIFY(verdict.whole);
    QCOMPARE(verdict.rowsChecked, 7);
}

void TestAuditChain::writerAppendsOnTheStoreThreadInOneChain()
{
    auto es = std::make_unique<store::EventStore>();
    es->open(m_dir->filePath(QStringLiteral("console.db")));
    store::StoreWorker worker(std::move(es));
    store::AuditWriter writer(worker);
    for (int i = 1; i <= 50; ++i)
        writer.append(record(i));
    QTRY_COMPARE(writer.counters().appended, 50);
    worker.stop();
    QCOMPARE(writer.counters().failed, 0);
    Database db = openFile(m_dir->filePath(QStringLiteral("console.db")));
    const store::AuditVerdict verdict = store::verifyAuditChain(db);
    QVERIFY(verdict.whole);
    QCOMPARE(verdict.rowsChecked, 50);
    QCOMPARE(rowAt(db, 50).record.target, record(50).target);
}

QTEST_GUILESS_MAIN(TestAuditChain)
#include "tst_audit_chain.moc"
