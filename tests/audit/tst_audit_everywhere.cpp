// Every command-line path writes its audit rows into the database's chained audit_log
// (not a log line), and checks the signed-in principal with the one permission table:
// the built binary run with QProcess on a real SQLite file, read back with
// `opsdeck audit list` and store::readAudit, the chain whole for `opsdeck audit verify`.
#include "store/audit/AuditLog.h"
#include "store/db/Sqlite.h"
#include "store/log/EventStore.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include "support/RunOpsdeck.h"

#include <QtTest>

using namespace opsdeck;

namespace {

using Run = test::OpsdeckRun;

Run runOpsdeck(const QStringList &args, const QString &password, const QString &newPassword = {})
{
    return test::runOpsdeckBinary(QStringLiteral(OPSDECK_BINARY), args, password, newPassword, 60000);
}

bool hasRow(const std::vector<store::AuditRow> &rows, const std::string &user, const std::string &action,
            const std::string &outcome)
{
    for (const auto &row : rows)
        if (row.record.user == user && row.record.action == action && row.record.outcome == outcome)
            return true;
    return false;
}

} // namespace

class TestAuditEverywhere final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_db;
    const QString m_adminPassword = QStringLiteral("correct horse");
    const QString m_csPassword = QStringLiteral("battery staple");

    QStringList db() const { return {QStringLiteral("--db"), m_db}; }

private slots:
    void initTestCase();
    void refusalsExitFourSendNothingAndAreAudited();
    void personalDataExportNamesTheSignedInUser();
    void everyRowIsOnTheChainAndListNeedsViewAudit();
};

void TestAuditEverywhere::initTestCase()
{
    m_db = m_dir.filePath(QStringLiteral("console.db"));
    {
        store::EventStore es;
        es.open(m_db);
    }
    const Run admin = runOpsdeck(QStringList{QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("root"),
                                             QStringLiteral("--role"), QStringLiteral("admin")}
                                     + db(),
                                 m_adminPassword, m_adminPassword);
    QVERIFY2(admin.exitCode == 0, qPrintable(admin.err));
    const Run cs = runOpsdeck(QStringList{QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("cy"),
                                          QStringLiteral("--role"), QStringLiteral("customer_service"),
                                          QStringLiteral("--user"), QStringLiteral("root")}
                                  + db(),
                              m_adminPassword, m_csPassword);
    QVERIFY2(cs.exitCode == 0, qPrintable(cs.err));
}

void TestAuditEverywhere::refusalsExitFourSendNothingAndAreAudited()
{
    // customer_service has no set_intake_controls: refused before a socket is opened (the
    // endpoint has nobody behind it, so a send would end in "no answer", exit 2).
    const Run ctl = runOpsdeck(QStringList{QStringLiteral("ctl"), QStringLiteral("--control"),
                                           QStringLiteral("tcp://127.0.0.1:9"), QStringLiteral("set_breaker"),
                                           QStringLiteral("state=open"), QStringLiteral("--reason"),
                                           QStringLiteral("test"), QStringLiteral("--timeout-ms"), QStringLiteral("50"),
                                           QStringLiteral("--user"), QStringLiteral("cy")}
                                   + db(),
                               m_csPassword);
    QCOMPARE(ctl.exitCode, 4);
    QVERIFY2(ctl.err.contains(QLatin1String("set_intake_controls")), qPrintable(ctl.err));
    const Run list = runOpsdeck(QStringList{QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("--user"),
                                            QStringLiteral("cy")}
                                    + db(),
                                m_csPassword);
    QCOMPARE(list.exitCode, 4);
    QVERIFY(list.out.isEmpty());
    const Run wrong = runOpsdeck(QStringList{QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("--user"),
                                             QStringLiteral("root")}
                                     + db(),
                                 QStringLiteral("wrong guess"));
    QCOMPARE(wrong.exitCode, 3);
    QVERIFY(wrong.out.isEmpty());
    const Run rotate = runOpsdeck(QStringList{QStringLiteral("key"), QStringLiteral("rotate"), QStringLiteral("--user"),
                                              QStringLiteral("cy"), QStringLiteral("--key-dir"), m_dir.path()}
                                      + db(),
                                  m_csPassword);
    QCOMPARE(rotate.exitCode, 4);
}

void TestAuditEverywhere::personalDataExportNamesTheSignedInUser()
{
    const QStringList exportOrders{QStringLiteral("export"), QStringLiteral("orders"), QStringLiteral("--db"), m_db};
    QCOMPARE(runOpsdeck(exportOrders, {}).exitCode, 0); // masked: no sign-in
    const QStringList pii = exportOrders + QStringList{QStringLiteral("--with-personal-data")};
    QCOMPARE(runOpsdeck(pii, m_adminPassword).exitCode, 3); // personal data: a sign-in
    const Run refused = runOpsdeck(pii + QStringList{QStringLiteral("--user"), QStringLiteral("cy")}, m_csPassword);
    QCOMPARE(refused.exitCode, 4); // customer_service has no export
    QVERIFY(refused.out.isEmpty());
    const Run ok = runOpsdeck(pii + QStringList{QStringLiteral("--user"), QStringLiteral("root")}, m_adminPassword);
    QVERIFY2(ok.exitCode == 0, qPrintable(ok.err));
}

void TestAuditEverywhere::everyRowIsOnTheChainAndListNeedsViewAudit()
{
    const Run list = runOpsdeck(QStringList{QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("--user"),
                                            QStringLiteral("root")}
                                    + db(),
                                m_adminPassword);
    QVERIFY2(list.exitCode == 0, qPrintable(list.err));
    QVERIFY(list.out.contains(QLatin1String(",user.add,")));
    QVERIFY(list.out.contains(QLatin1String(",sign_in_failed,")));

    store::Database file(QFile::encodeName(m_db).toStdString(), SQLITE_OPEN_READONLY);
    const auto rows = store::readAudit(file, {});
    QVERIFY(hasRow(rows, "root", "user.add", "ok"));
    QVERIFY(hasRow(rows, "root", "sign_in", "ok"));
    QVERIFY(hasRow(rows, "cy", "sign_in", "ok"));
    QVERIFY(hasRow(rows, "cy", "command.set_breaker", "refused"));
    QVERIFY(hasRow(rows, "cy", "audit.list", "refused"));
    QVERIFY(hasRow(rows, "cy", "key.rotate", "refused"));
    QVERIFY(hasRow(rows, "cy", "export", "refused"));
    QVERIFY(hasRow(rows, "root", "export.personal_data", "ok")); // the signed-in user, not $USER
    QVERIFY(store::verifyAuditChain(file).whole);
    const Run verify = runOpsdeck({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--db"), m_db}, {});
    QCOMPARE(verify.exitCode, 0);
}

QTEST_GUILESS_MAIN(TestAuditEverywhere)
#include "tst_audit_everywhere.moc"
