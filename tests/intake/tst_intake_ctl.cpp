// `opsdeck ctl`: the built binary run with QProcess against an in-process gateway over
// tcp loopback; exit status 0 ok, 1 refused, 2 no answer; the audit in a real SQLite file.
// The gateway is paused: control is answered all the same, and simulated seconds pass
// only while a ctl that reads the feed runs. Every run signs in (issue 17): users of the
// --db file, password from OPSDECK_PASSWORD; without valid credentials ctl exits 3 and a
// real ROUTER on loopback receives nothing.
#include "sim/Gateway.h"
#include "store/users/UserStore.h"
#include "store/intake/ControlAudit.h"
#include "store/audit/AuditLog.h"
#include "store/db/Sqlite.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <zmq.hpp>

using namespace opsdeck;

namespace {

// The audit rows of user creation are not what this test is about.
class DiscardSink final : public core::audit::AuditSink
{
public:
    void append(core::audit::AuditRecord) override {}
};

const QString kPassword = QStringLiteral("battery staple");

} // namespace

class TestIntakeCtl final : public QObject
{
    Q_OBJECT

    struct Run {
        int exitCode = -1;
        QJsonObject reply;
        QString stderrText;
    };

    // `stepping`: the gateway steps a simulated second each time the run has not ended
    // within a few ms, so a ctl reading gateway.stats sees them come.
    // Users "cron" (ops_manager) and, with `withCs`, "cs" (customer_service), in `db`.
    static void addUsers(const QString &db, bool withCs)
    {
        store::Database file(db.toStdString(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        DiscardSink sink;
        store::UserStore users(file, sink, [] { return std::int64_t(1'700'000'000'000); });
        users.add({"cron", "ops_manager", {}, {}}, kPassword.toStdString(), {});
        if (withCs)
            users.add({"cs", "customer_service", {}, {}}, kPassword.toStdString(), {});
    }

    Run ctl(const QStringList &args, bool stepping = false, const QString &password = kPassword)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("OPSDECK_PASSWORD"));
        if (!password.isEmpty())
            env.insert(QStringLiteral("OPSDECK_PASSWORD"), password);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(OPSDECK_BINARY), QStringList{QStringLiteral("ctl")} + args);
        p.closeWriteChannel(); // a prompt for the password reads end of file
        bool finished = false;
        for (int i = 0; stepping && i < 2000 && !finished; ++i) {
            finished = p.waitForFinished(10);
            if (!finished)
                m_gateway->step(1000);
        }
        if (!finished && !p.waitForFinished(20000))
            return {};
        Run r;
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        const QByteArray out = p.readAllStandardOutput().trimmed();
        r.reply = QJsonDocument::fromJson(out).object();
        r.stderrText = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

    std::unique_ptr<sim::Gateway> m_gateway;
    QTemporaryDir m_dir;
    QString m_db;
    QString m_control;

private slots:
    void initTestCase()
    {
        sim::GatewayOptions g;
        g.riders = 20;
        g.feedBind = g.snapshotBind = g.controlBind = "tcp://127.0.0.1:*";
        m_gateway = std::make_unique<sim::Gateway>(g);
        m_gateway->setPaused(true);
        m_gateway->start();
        m_control = QString::fromStdString(m_gateway->controlEndpoint());
        m_db = m_dir.filePath(QStringLiteral("audit.db"));
        addUsers(m_db, true);
    }

    void okExitsZeroAndPrintsTheReply()
    {
        const Run r = ctl({QStringLiteral("--control"), m_control, QStringLiteral("set_rate_limit"),
                           QStringLiteral("scope=depot:BJ-CY-01"), QStringLiteral("per_min=50"), QStringLiteral("burst=10"),
                           QStringLiteral("--reason"), QStringLiteral("campus storm"), QStringLiteral("--user"),
                           QStringLiteral("cron"), QStringLiteral("--db"), m_db});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.reply.value(QLatin1String("ok")).toBool(), true);
        QVERIFY(r.reply.value(QLatin1String("id")).toString().startsWith(QLatin1String("c-")));
    }

    void gatewayRefusalExitsOne()
    {
        const Run r = ctl({QStringLiteral("--control"), m_control, QStringLiteral("set_rate_limit"),
                           QStringLiteral("scope=depot:NOPE"), QStringLiteral("per_min=50"), QStringLiteral("--reason"),
                           QStringLiteral("typo"), QStringLiteral("--user"), QStringLiteral("cron"),
                           QStringLiteral("--db"), m_db});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.reply.value(QLatin1String("ok")).toBool(), false);
        QCOMPARE(r.reply.value(QLatin1String("error")).toString(), QStringLiteral("bad_request"));
        QVERIFY(!r.reply.contains(QLatin1String("local"))); // the gateway's own reply
    }

    // The signed-in user's role lacks set_intake_controls (core::access::AccessPolicy):
    // exit 4 before the command layer, refusal on the file's audit chain, not in
    // control_audit (nothing was issued).
    void permissionRefusalExitsFour()
    {
        const Run r = ctl({QStringLiteral("--control"), m_control, QStringLiteral("set_breaker"),
                           QStringLiteral("scope=global"), QStringLiteral("mode=forced_open"), QStringLiteral("--reason"),
                           QStringLiteral("curious"), QStringLiteral("--user"), QStringLiteral("cs"),
                           QStringLiteral("--db"), m_db});
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.stderrText.contains(QLatin1String("set_intake_controls")), qPrintable(r.stderrText));
        store::Database db(m_db.toStdString(), SQLITE_OPEN_READONLY);
        store::AuditFilter refusals;
        refusals.user = "cs";
        refusals.action = "command.set_breaker";
        const auto rows = store::readAudit(db, refusals);
        QCOMPARE(rows.size(), std::size_t(1));
        QCOMPARE(rows[0].record.outcome, std::string("refused"));
        QCOMPARE(rows[0].record.permission, std::string("set_intake_controls"));
    }

    void badInputExitsOne_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("not a number") << QStringList{QStringLiteral("set_rate_limit"), QStringLiteral("scope=global"), QStringLiteral("per_min=lots")};
        QTest::newRow("no equals") << QStringList{QStringLiteral("set_rate_limit"), QStringLiteral("global"), QStringLiteral("per_min=5")};
        QTest::newRow("unknown key") << QStringList{QStringLiteral("clear_divert"), QStringLiteral("from=BJ-CY-01"), QStringLiteral("to=BJ-DC-03")};
        QTest::newRow("unknown command") << QStringList{QStringLiteral("reboot"), QStringLiteral("now=1")};
        QTest::newRow("share out of range") << QStringList{QStringLiteral("divert"), QStringLiteral("from=BJ-CY-01"), QStringLiteral("to=BJ-DC-03"), QStringLiteral("share=2")};
    }
    void badInputExitsOne()
    {
        QFETCH(QStringList, args);
        const Run r = ctl(QStringList{QStringLiteral("--control"), m_control} + args
                          + QStringList{QStringLiteral("--reason"), QStringLiteral("test"), QStringLiteral("--user"),
                                        QStringLiteral("cron"), QStringLiteral("--db"), m_db});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.reply.value(QLatin1String("error")).toString(), QStringLiteral("bad_request"));
        QVERIFY(!r.reply.value(QLatin1String("message")).toString().isEmpty());
    }

    void missingReasonExitsOne()
    {
        // Its own database: this refusal is not one of everyRunIsInTheAudit's rows.
        const QString db = m_dir.filePath(QStringLiteral("no-reason.db"));
        addUsers(db, false);
        const Run r = ctl({QStringLiteral("--control"), m_control, QStringLiteral("clear_rate_limit"),
                           QStringLiteral("scope=global"), QStringLiteral("--user"), QStringLiteral("cron"),
                           QStringLiteral("--db"), db});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.reply.value(QLatin1String("error")).toString(), QStringLiteral("reason_required"));
    }

    void noAnswerExitsTwo()
    {
        std::string gone;
        {
            sim::GatewayOptions g;
            g.feedBind = g.snapshotBind = g.controlBind = "tcp://127.0.0.1:*";
            sim::Gateway probe(g);
            probe.setPaused(true);
            probe.start();
            gone = probe.controlEndpoint();
        }
        const Run r = ctl({QStringLiteral("--control"), QString::fromStdString(gone), QStringLiteral("ping"),
                           QStringLiteral("--timeout-ms"), QStringLiteral("300"), QStringLiteral("--user"),
                           QStringLiteral("cron"), QStringLiteral("--db"), m_db});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.reply.value(QLatin1String("error")).toString(), QStringLiteral("timeout"));
    }

    void usageErrorExits64()
    {
        QCOMPARE(ctl({QStringLiteral("ping")}).exitCode, 64); // no --control
    }

    // With --feed, ctl reads gateway.stats: the audit row has the limit before and after,
    // and "confirmed" means the gateway's stats showed it (as for the console's commands).
    void withTheFeedTheAuditHasBeforeAndAfter()
    {
        const QString db = m_dir.filePath(QStringLiteral("feed-audit.db"));
        addUsers(db, false);
        const QString feed = QString::fromStdString(m_gateway->feedEndpoint());
        const Run r = ctl({QStringLiteral("--control"), m_control, QStringLiteral("--feed"), feed,
                           QStringLiteral("set_rate_limit"), QStringLiteral("scope=depot:BJ-HD-02"),
                           QStringLiteral("per_min=40"), QStringLiteral("burst=5"), QStringLiteral("--reason"),
                           QStringLiteral("lunch storm"), QStringLiteral("--user"), QStringLiteral("cron"),
                           QStringLiteral("--db"), db},
                          true);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(!r.stderrText.contains(QLatin1String("no gateway.stats")), qPrintable(r.stderrText));
        store::Database audit(db.toStdString(), SQLITE_OPEN_READONLY);
        const auto rows = store::readControlAudit(audit);
        QCOMPARE(rows.size(), std::size_t(1));
        QCOMPARE(rows[0].status, std::string("confirmed"));
        const QJsonObject before = QJsonDocument::fromJson(QByteArray::fromStdString(rows[0].beforeJson)).object();
        const QJsonObject after = QJsonDocument::fromJson(QByteArray::fromStdString(rows[0].afterJson)).object();
        QCOMPARE(before.value(QLatin1String("scope")).toString(), QStringLiteral("depot:BJ-HD-02"));
        QVERIFY2(before.value(QLatin1String("limit")).isNull(), rows[0].beforeJson.c_str());
        QCOMPARE(after.value(QLatin1String("limit")).toObject().value(QLatin1String("per_min")).toInt(), 40);
        QCOMPARE(after.value(QLatin1String("limit")).toObject().value(QLatin1String("burst")).toInt(), 5);

        // A feed that says nothing: the command still goes, without before and after.
        const QString silent = m_dir.filePath(QStringLiteral("silent-audit.db"));
        addUsers(silent, false);
        const Run quiet = ctl({QStringLiteral("--control"), m_control, QStringLiteral("--feed"),
                               QStringLiteral("tcp://127.0.0.1:9"), QStringLiteral("clear_rate_limit"),
                               QStringLiteral("scope=depot:BJ-HD-02"), QStringLiteral("--reason"),
                               QStringLiteral("storm over"), QStringLiteral("--user"), QStringLiteral("cron"),
                               QStringLiteral("--db"), silent});
        QCOMPARE(quiet.exitCode, 0);
        QVERIFY2(quiet.stderrText.contains(QLatin1String("no gateway.stats")), qPrintable(quiet.stderrText));
        store::Database quietAudit(silent.toStdString(), SQLITE_OPEN_READONLY);
        const auto quietRows = store::readControlAudit(quietAudit);
        QCOMPARE(quietRows.size(), std::size_t(1));
        QCOMPARE(quietRows[0].status, std::string("confirmed"));
        QCOMPARE(quietRows[0].beforeJson, std::string("null"));
    }

    void everyRunIsInTheAudit()
    {
        store::Database db(m_db.toStdString(), SQLITE_OPEN_READONLY);
        const auto rows = store::readControlAudit(db);
        // ok, gateway refusal, 5 bad inputs, no answer (the missing reason run had no --db;
        // the permission refusal was never issued: it is on the audit chain only).
        QCOMPARE(rows.size(), std::size_t(8));
        QCOMPARE(rows[0].status, std::string("confirmed"));
        QCOMPARE(rows[0].user, std::string("cron"));
        QCOMPARE(rows[0].reason, std::string("campus storm"));
        QCOMPARE(rows[0].origin, std::string("ctl"));
        QCOMPARE(rows[1].status, std::string("refused"));
        for (std::size_t i = 2; i < 7; ++i)
            QCOMPARE(rows[i].error, std::string("bad_request"));
        QCOMPARE(rows[7].status, std::string("unconfirmed"));
        QCOMPARE(rows[7].attempts, 3);
    }

    // No user, a wrong password, no password, an unknown user, a file without users: exit
    // 3, and a ROUTER standing where the gateway would be gets not one frame.
    void withoutValidCredentialsExitsThreeAndSendsNothing_data()
    {
        QTest::addColumn<QStringList>("who");
        QTest::addColumn<QString>("password");
        QTest::addColumn<bool>("emptyDb");
        QTest::newRow("no --user") << QStringList{} << kPassword << false;
        QTest::newRow("wrong password") << QStringList{QStringLiteral("--user"), QStringLiteral("cron")}
                                        << QStringLiteral("wrong guess") << false;
        QTest::newRow("no password") << QStringList{QStringLiteral("--user"), QStringLiteral("cron")} << QString() << false;
        QTest::newRow("unknown user") << QStringList{QStringLiteral("--user"), QStringLiteral("mallory")} << kPassword
                                      << false;
        QTest::newRow("no users yet") << QStringList{QStringLiteral("--user"), QStringLiteral("cron")} << kPassword
                                      << true;
    }
    void withoutValidCredentialsExitsThreeAndSendsNothing()
    {
        QFETCH(QStringList, who);
        QFETCH(QString, password);
        QFETCH(bool, emptyDb);
        zmq::context_t ctx(1);
        zmq::socket_t router(ctx, zmq::socket_type::router);
        router.set(zmq::sockopt::linger, 0);
        router.bind("tcp://127.0.0.1:*");
        const QString endpoint = QString::fromStdString(router.get(zmq::sockopt::last_endpoint));
        QString db = m_db;
        if (emptyDb) {
            db = m_dir.filePath(QStringLiteral("no-users.db"));
            store::Database(db.toStdString(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE).exec("CREATE TABLE t(x)");
        }
        const Run r = ctl(QStringList{QStringLiteral("--control"), endpoint, QStringLiteral("ping"),
                                      QStringLiteral("--timeout-ms"), QStringLiteral("200"), QStringLiteral("--db"), db}
                              + who,
                          false, password);
        QCOMPARE(r.exitCode, 3);
        QVERIFY(!r.stderrText.isEmpty());
        // Before sign-in was required, ctl sent its ping three times and waited for each;
        // those frames would be queued here by now (the process has ended).
        int frames = 0;
        zmq::message_t frame;
        while (router.recv(frame, zmq::recv_flags::dontwait))
            ++frames;
        QCOMPARE(frames, 0);
    }

    // A depot-limited dispatcher acts only on its depot's orders (issue 17): ctl looks the
    // order's depot up in --db. Another depot's order, or one the file does not hold, is
    // refused with exit 4 and audited on the chain, and the ROUTER gets nothing; its own
    // depot's order goes out.
    void orderOfAnotherDepotExitsFourAndSendsNothing_data()
    {
        QTest::addColumn<QString>("order");
        QTest::addColumn<bool>("sent");
        QTest::newRow("own depot") << QStringLiteral("o-d1") << true;
        QTest::newRow("another depot") << QStringLiteral("o-d2") << false;
        QTest::newRow("unknown order") << QStringLiteral("o-none") << false;
    }
    void orderOfAnotherDepotExitsFourAndSendsNothing()
    {
        QFETCH(QString, order);
        QFETCH(bool, sent);
        const QString db = m_dir.filePath(QStringLiteral("depots-%1.db").arg(order));
        {
            store::Database file(db.toStdString(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
            DiscardSink sink;
            store::UserStore users(file, sink, [] { return std::int64_t(1'700'000'000'000); });
            users.add({"root", "admin", {}, {}}, kPassword.toStdString(), {});
            users.add({"amy", "dispatcher", {"BJ-CY-01"}, {}}, kPassword.toStdString(), {});
            file.exec("CREATE TABLE orders(order_id TEXT PRIMARY KEY, depot TEXT NOT NULL, merchant_id TEXT)");
            file.exec("INSERT INTO orders VALUES('o-d1', 'BJ-CY-01', 'm1'), ('o-d2', 'BJ-HD-02', 'm1')");
        }
        zmq::context_t ctx(1);
        zmq::socket_t router(ctx, zmq::socket_type::router);
        router.set(zmq::sockopt::linger, 0);
        router.bind("tcp://127.0.0.1:*");
        const QString endpoint = QString::fromStdString(router.get(zmq::sockopt::last_endpoint));
        const Run r = ctl({QStringLiteral("--control"), endpoint, QStringLiteral("hold"), QStringLiteral("order_id=") + order,
                           QStringLiteral("reason=check"), QStringLiteral("--reason"), QStringLiteral("check"),
                           QStringLiteral("--timeout-ms"), QStringLiteral("100"), QStringLiteral("--user"),
                           QStringLiteral("amy"), QStringLiteral("--db"), db});
        int frames = 0;
        zmq::message_t frame;
        while (router.recv(frame, zmq::recv_flags::dontwait))
            ++frames;
        QCOMPARE(frames > 0, sent);
        store::Database file(db.toStdString(), SQLITE_OPEN_READONLY);
        store::AuditFilter refusals;
        refusals.action = "command.hold";
        auto rows = store::readAudit(file, refusals);
        std::erase_if(rows, [](const auto &row) { return row.record.outcome != "refused"; });
        if (sent) {
            QCOMPARE(r.exitCode, 2); // sent; no gateway answers here
            QVERIFY(rows.empty());
            return;
        }
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.stderrText.contains(QLatin1String("hold_release")), qPrintable(r.stderrText));
        QCOMPARE(rows.size(), std::size_t(1));
        QCOMPARE(rows[0].record.outcome, std::string("refused"));
        QCOMPARE(rows[0].record.user, std::string("amy"));
        QCOMPARE(rows[0].record.target, order.toStdString());
        QVERIFY2(rows[0].record.detailJson.find("out_of_scope") != std::string::npos, rows[0].record.detailJson.c_str());
        QVERIFY(store::verifyAuditChain(file).whole);
    }

    void cleanupTestCase() { m_gateway->stop(); }
};

QTEST_GUILESS_MAIN(TestIntakeCtl)
#include "tst_intake_ctl.moc"
