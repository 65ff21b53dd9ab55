// `opsdeck audit verify|list` and the audited `opsdeck export --with-personal-data`: the
// built binary run with QProcess on a real SQLite file.
#include "store/audit/AuditLog.h"
#include "store/db/Sqlite.h"
#include "store/log/EventStore.h"
#include "store/users/UserStore.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include "support/RunOpsdeck.h"

#include <QtTest>

using namespace opsdeck;

namespace {

using Run = test::OpsdeckRun;

// password: OPSDECK_PASSWORD of the sign-in the command needs, none when empty.
Run runOpsdeck(const QStringList &args, const QString &password = {})
{
    return test::runOpsdeckBinary(QStringLiteral(OPSDECK_BINARY), args, password, {}, 30000);
}

store::Database openFile(const QString &path)
{
    return store::Database(QFile::encodeName(path).toStdString(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
}

core::audit::AuditRecord record(const char *user, const char *action, std::int64_t atMs)
{
    core::audit::AuditRecord r;
    r.atMs = atMs;
    r.user = user;
    r.role = "ops_manager";
    r.action = action;
    r.outcome = "ok";
    return r;
}

class DiscardSink final : public core::audit::AuditSink
{
public:
    void append(core::audit::AuditRecord) override {}
};

// An administrator "root" (password kRootPassword) for the commands that sign in; its own
// creation is not audited here so the tests count only their rows.
constexpr const char *kRootPassword = "correct horse";
void addRoot(const QString &path)
{
    store::Database db = openFile(path);
    DiscardSink sink;
    store::UserStore users(db, sink, [] { return std::int64_t{0}; });
    users.add({"root", "admin", {}, {}, false, false, 0, 0}, kRootPassword, {"root", "admin", {}, {}, false});
}

} // namespace

class TestAuditCli final : public QObject
{
    Q_OBJECT
private slots:
    void verifyExitsZeroWhenWholeAndThreeNamingTheFirstBadRow();
    void listFiltersAndBadUsage();
    void personalDataExportIsAudited();
};

void TestAuditCli::verifyExitsZeroWhenWholeAndThreeNamingTheFirstBadRow()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.db"));
    {
        store::Database db = openFile(path);
        store::appendAudit(db, {record("ana", "sign_in", 1000), record("bo", "rules.edit", 2000),
                                record("ana", "command.hold", 3000)});
    }
    const Run whole = runOpsdeck({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--db"), path});
    QCOMPARE(whole.exitCode, 0);
    QVERIFY2(whole.out.contains(QStringLiteral("3 row(s) checked")), qPrintable(whole.out));
    {
        store::Database db = openFile(path);
        db.exec("DROP TRIGGER audit_log_no_update");
        db.exec("UPDATE audit_log SET user_name = 'mallory' WHERE seq = 2");
    }
    const Run broken = runOpsdeck({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--db"), path});
    QCOMPARE(broken.exitCode, 3);
    QVERIFY2(broken.out.contains(QStringLiteral("broken at row 2: edited")), qPrintable(broken.out));

    const Run missing = runOpsdeck({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--db"),
                                 dir.filePath(QStringLiteral("none.db"))});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("none.db"))));
}

void TestAuditCli::listFiltersAndBadUsage()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.db"));
    {
        store::Database db = openFile(path);
        store::appendAudit(db, {record("ana", "sign_in", 1000), record("bo", "rules.edit", 2000),
                                record("ana", "command.hold", 3000)});
    }
    addRoot(path);
    const QStringList list{QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("--db"), path};
    QCOMPARE(runOpsdeck(list).exitCode, 3); // the trail is read by someone signed in
    const Run ana = runOpsdeck(list + QStringList{QStringLiteral("--user"), QStringLiteral("root"), QStringLiteral("--by"),
                                                  QStringLiteral("ana"), QStringLiteral("--since"), QStringLiteral("1500")},
                               QLatin1String(kRootPassword));
    QVERIFY2(ana.exitCode == 0, qPrintable(ana.err));
    const QStringList lines = ana.out.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2); // header + row 3
    QVERIFY(lines.at(1).startsWith(QStringLiteral("3,3000,ana,ops_manager,command.hold,")));

    QCOMPARE(runOpsdeck({QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("--db"), path,
                      QStringLiteral("--since"), QStringLiteral("yesterday")})
                 .exitCode,
             2);
    QCOMPARE(runOpsdeck({QStringLiteral("audit"), QStringLiteral("erase"), QStringLiteral("--db"), path}).exitCode, 2);
    QCOMPARE(runOpsdeck({QStringLiteral("audit"), QStringLiteral("verify")}).exitCode, 2);
}

void TestAuditCli::personalDataExportIsAudited()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("console.db"));
    {
        store::EventStore es;
        es.open(path);
    }
    addRoot(path);
    QCOMPARE(runOpsdeck({QStringLiteral("export"), QStringLiteral("orders"), QStringLiteral("--db"), path}).exitCode, 0);
    const Run pii = runOpsdeck({QStringLiteral("export"), QStringLiteral("orders"), QStringLiteral("--db"), path,
                                QStringLiteral("--with-personal-data"), QStringLiteral("--user"), QStringLiteral("root")},
                               QLatin1String(kRootPassword));
    QVERIFY2(pii.exitCode == 0, qPrintable(pii.err));
    store::Database db = openFile(path);
    store::AuditFilter exports;
    exports.action = "export";
    const auto rows = store::readAudit(db, exports);
    QCOMPARE(rows.size(), std::size_t{1}); // the masked export is not a personal-data export
    QCOMPARE(rows[0].record.action, std::string("export.personal_data"));
    QCOMPARE(rows[0].record.permission, std::string("export_personal_data"));
    QCOMPARE(rows[0].record.target, std::string("orders"));
    QCOMPARE(rows[0].record.user, std::string("root")); // who signed in, not the shell's account
    QVERIFY(store::verifyAuditChain(db).whole);
}

QTEST_GUILESS_MAIN(TestAuditCli)
#include "tst_audit_cli.moc"
