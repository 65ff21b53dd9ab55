// The audit trail in the assembled window: Security → Audit trail… only for the roles
// that may read it, and a rule edit in the console reaches the chain the panel shows.
#include "app/assembly/WindowConsole.h"
#include "app/features/alerts/AlertServiceHost.h"
#include "app/features/alerts/AlertsFeature.h"
#include "app/features/audit/AuditDialog.h"
#include "app/features/audit/AuditFeature.h"
#include "app/features/audit/AuditTableModel.h"
#include "app/shell/MainWindow.h"
#include "app/signin/CliSignIn.h"
#include "feed/ScriptedGateway.h"
#include "store/audit/AuditLog.h"
#include "store/db/Sqlite.h"

#include <QAction>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace opsdeck;

namespace {

app::ConsoleOptions optionsFor(const feed::test::ScriptedGateway &gw, const QTemporaryDir &dir, const QString &role)
{
    app::ConsoleOptions o;
    o.runtime.feed = gw.feedEndpoint();
    o.runtime.snapshot = gw.snapshotEndpoint();
    o.runtime.control = gw.controlEndpoint();
    o.runtime.dbPath = dir.filePath(role + QStringLiteral(".db"));
    o.runtime.clockMs = [] { return std::int64_t{1'765'000'000'000}; };
    o.settingsPath = dir.filePath(role + QStringLiteral(".ini"));
    o.role = role;
    o.user = QStringLiteral("kai");
    return o;
}

} // namespace

class TestAuditWindow final : public QObject
{
    Q_OBJECT
private slots:
    void panelOnlyForRolesThatMayReadIt();
    void ruleEditInTheConsoleIsOnThePanel();
    void refusedBoardActionIsOnTheChain();
    void signInBeforeTheWindowReachesTheChain();
};

void TestAuditWindow::panelOnlyForRolesThatMayReadIt()
{
    QTemporaryDir dir;
    feed::test::ScriptedGateway gw;
    for (const char *role : {"dispatcher", "customer_service", "merchant"}) {
        app::WindowConsole console(optionsFor(gw, dir, QLatin1String(role)), {dir.path()});
        QString error;
        QVERIFY2(console.start(&error), qPrintable(error));
        QVERIFY2(!console.window()->findChild<QAction *>(QStringLiteral("auditTrailAction")), role);
        console.shutdown();
    }
}

void TestAuditWindow::ruleEditInTheConsoleIsOnThePanel()
{
    QTemporaryDir dir;
    feed::test::ScriptedGateway gw;
    app::WindowConsole console(optionsFor(gw, dir, QStringLiteral("ops_manager")), {dir.path()});
    QString error;
    QVERIFY2(console.start(&error), qPrintable(error));
    auto *alerts = console.assembly().feature<app::AlertsFeature>();
    QVERIFY(alerts && alerts->service());
    QVERIFY(alerts->service()->applyRules(alerts->service()->rulesJson(), nullptr));

    auto *action = console.window()->findChild<QAction *>(QStringLiteral("auditTrailAction"));
    QVERIFY(action);
    action->trigger();
    auto *dialog = console.window()->findChild<app::AuditDialog *>();
    QVERIFY(dialog);
    QTRY_COMPARE(dialog->model().rowCount(), 1);
    const QAbstractItemModel &model = dialog->model();
    QCOMPARE(model.index(0, app::AuditTableModel::Action).data().toString(), QStringLiteral("rules.edit"));
    QCOMPARE(model.index(0, app::AuditTableModel::User).data().toString(), QStringLiteral("kai"));
    QCOMPARE(model.index(0, app::AuditTableModel::Role).data().toString(), QStringLiteral("ops_manager"));
    dialog->close();
    console.shutdown();
}

// The window's permission check audits through the console's one sink (AuditFeature) into
// audit_log, with the guard's own action and permission (not a control_audit row
// re-read as "command.<action>").
void TestAuditWindow::refusedBoardActionIsOnTheChain()
{
    QTemporaryDir dir;
    feed::test::ScriptedGateway gw;
    const app::ConsoleOptions options = optionsFor(gw, dir, QStringLiteral("customer_service"));
    {
        app::WindowConsole console(options, {dir.path()});
        QString error;
        QVERIFY2(console.start(&error), qPrintable(error));
        QVERIFY(!console.access().require(core::access::Permission::Reassign, {}, "command.reassign", "o-1").allowed());
        console.shutdown();
    }
    store::Database db(QFile::encodeName(options.runtime.dbPath).toStdString(), SQLITE_OPEN_READONLY);
    const auto rows = store::readAudit(db, {});
    QCOMPARE(rows.size(), std::size_t{1});
    QCOMPARE(rows[0].record.action, std::string("command.reassign"));
    QCOMPARE(rows[0].record.permission, std::string("reassign"));
    QCOMPARE(rows[0].record.outcome, std::string("refused"));
    QCOMPARE(rows[0].record.target, std::string("o-1"));
    QCOMPARE(rows[0].record.user, std::string("kai"));
    QVERIFY(store::verifyAuditChain(db).whole);
}

// What main.cpp does with the window's sign-in: its rows are held while there is no
// console, then handed to the console's AuditFeature, and later ones (idle sign-out)
// follow them; all in the file's chain.
void TestAuditWindow::signInBeforeTheWindowReachesTheChain()
{
    QTemporaryDir dir;
    feed::test::ScriptedGateway gw;
    const app::ConsoleOptions options = optionsFor(gw, dir, QStringLiteral("dispatcher"));
    const auto row = [](const char *action) {
        core::audit::AuditRecord r;
        r.atMs = 1'765'000'000'000;
        r.user = "kai";
        r.role = "dispatcher";
        r.action = action;
        r.outcome = "ok";
        return r;
    };
    app::ChainAuditSink signInAudit(options.runtime.dbPath);
    signInAudit.append(row("sign_in"));
    {
        app::WindowConsole console(options, {dir.path()});
        QString error;
        QVERIFY2(console.start(&error), qPrintable(error));
        auto *audit = console.assembly().feature<app::AuditFeature>();
        QVERIFY(audit);
        signInAudit.handTo(*audit);
        signInAudit.append(row("sign_in_failed"));
        console.shutdown();
    }
    store::Database db(QFile::encodeName(options.runtime.dbPath).toStdString(), SQLITE_OPEN_READONLY);
    const auto rows = store::readAudit(db, {});
    QCOMPARE(rows.size(), std::size_t{2});
    QCOMPARE(rows[0].record.action, std::string("sign_in"));
    QCOMPARE(rows[1].record.action, std::string("sign_in_failed"));
    QVERIFY(store::verifyAuditChain(db).whole);
}

QTEST_MAIN(TestAuditWindow)
#include "tst_audit_window.moc"
