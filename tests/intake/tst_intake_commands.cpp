// The intake command layer against a real opsfeed gateway over tcp loopback, with the
// real console pipeline feeding gateway.stats into the board and the audit in SQLite.
// The gateway is paused (IntakeFixture.h): simulated seconds pass while a command waits
// for gateway.stats to show its effect, or as many as a test steps.
#include "IntakeFixture.h"

#include "app/features/intake/PlaybookRunner.h"
#include "core/intake/Playbook.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace opsdeck;
using app::CommandState;
using core::ControlCommand;

namespace {

ControlCommand cmd(const char *name, QJsonObject args)
{
    return ControlCommand{QString::fromLatin1(name), std::move(args)};
}

const app::Actor kOps{QStringLiteral("mei"), QStringLiteral("ops_manager")};

QJsonObject json(const std::string &text)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(text)).object();
}

} // namespace

class TestIntakeCommands final : public QObject
{
    Q_OBJECT

private slots:
    void eachCommandIsConfirmedFromGatewayStats()
    {
        test::IntakeFixture f;
        QVERIFY(f.start(test::IntakeFixture::gatewayOptions()));
        QVERIFY(f.waitForStats());

        const std::vector<ControlCommand> commands = {
            cmd("set_rate_limit", {{"scope", "depot:BJ-CY-01"}, {"per_min", 50}, {"burst", 10}}),
            cmd("set_rate_limit", {{"scope", "depot:BJ-CY-01"}, {"per_min", 80}, {"burst", 5}}), // edit
            cmd("set_rate_limit", {{"scope", "merchant:M-HD-05"}, {"per_min", 12}}),
            cmd("set_rate_limit", {{"scope", "global"}, {"per_min", 500}, {"burst", 50}}),
            cmd("set_breaker", {{"scope", "depot:BJ-HD-02"}, {"mode", "forced_open"}}),
            cmd("set_breaker", {{"scope", "depot:BJ-HD-02"}, {"mode", "forced_closed"}}),
            cmd("set_breaker", {{"scope", "depot:BJ-HD-02"}, {"mode", "auto"}}),
            cmd("divert", {{"from", "BJ-CY-01"}, {"to", "BJ-DC-03"}, {"share", 0.25}}),
            cmd("clear_divert", {{"from", "BJ-CY-01"}}),
            cmd("clear_rate_limit", {{"scope", "depot:BJ-CY-01"}}),
            cmd("clear_rate_limit", {{"scope", "global"}}),
            cmd("ping", {}),
        };
        std::vector<app::CommandOutcome> outcomes;
        for (const auto &c : commands) {
            const auto id = app::CommandCenter::newCommandId();
            const auto o = f.whileStepping(
                [&] { return f.center->execute(id, c, kOps, QStringLiteral("campus storm drill"), {}); });
            QVERIFY2(o.state == CommandState::Confirmed,
                     qPrintable(c.cmd + QLatin1String(": ") + QString::fromStdString(o.error + " " + o.message)));
            QCOMPARE(o.commandId, id);
            QCOMPARE(o.attempts, 1);
            QCOMPARE(json(o.reply).value(QLatin1String("ok")).toBool(), true);
            outcomes.push_back(o);
        }
        // before/after read from gateway.stats: the edit saw the first limit as "before".
        QCOMPARE(outcomes[0].before.toObject().value(QLatin1String("limit")), QJsonValue(QJsonValue::Null));
        QCOMPARE(outcomes[0].after.toObject().value(QLatin1String("limit")).toObject().value(QLatin1String("per_min")).toDouble(), 50.0);
        QCOMPARE(outcomes[1].before.toObject().value(QLatin1String("limit")).toObject().value(QLatin1String("per_min")).toDouble(), 50.0);
        QCOMPARE(outcomes[1].after.toObject().value(QLatin1String("limit")).toObject().value(QLatin1String("burst")).toDouble(), 5.0);
        QCOMPARE(outcomes[4].after.toObject().value(QLatin1String("mode")).toString(), QStringLiteral("forced_open"));
        QCOMPARE(outcomes[4].after.toObject().value(QLatin1String("state")).toString(), QStringLiteral("open"));
        QCOMPARE(outcomes[7].after.toObject().value(QLatin1String("diversion")).toObject().value(QLatin1String("to")).toString(),
                 QStringLiteral("BJ-DC-03"));
        QVERIFY(outcomes[8].after.toObject().value(QLatin1String("diversion")).isNull());

        // The gateway refuses an unknown scope: refused with its reason, not locally.
        const auto refused = f.center->execute(app::CommandCenter::newCommandId(),
                                               cmd("set_rate_limit", {{"scope", "depot:NOPE"}, {"per_min", 5}}), kOps,
                                               QStringLiteral("typo"), {});
        QCOMPARE(int(refused.state), int(CommandState::Refused));
        QVERIFY(!refused.local);
        QCOMPARE(refused.error, std::string("bad_request"));

        // Every command is in the audit with who, what, why, before and after.
        const auto rows = f.auditRows();
        QCOMPARE(rows.size(), commands.size() + 1);
        for (std::size_t i = 0; i < commands.size(); ++i) {
            QCOMPARE(rows[i].commandId, outcomes[i].commandId);
            QCOMPARE(rows[i].status, std::string("confirmed"));
            QCOMPARE(rows[i].user, std::string("mei"));
            QCOMPARE(rows[i].role, std::string("ops_manager"));
            QCOMPARE(rows[i].reason, std::string("campus storm drill"));
            QCOMPARE(QString::fromStdString(rows[i].cmd), commands[i].cmd);
            QCOMPARE(json(rows[i].argsJson), commands[i].args);
            QCOMPARE(rows[i].origin, std::string("console"));
        }
        QCOMPARE(json(rows[1].beforeJson).value(QLatin1String("limit")).toObject().value(QLatin1String("per_min")).toDouble(), 50.0);
        QCOMPARE(json(rows[1].afterJson).value(QLatin1String("limit")).toObject().value(QLatin1String("per_min")).toDouble(), 80.0);
        QCOMPARE(rows.back().status, std::string("refused"));
        QCOMPARE(rows.back().error, std::string("bad_request"));
    }

    // The gateway says ok but gateway.stats never shows the change (here: a board no feed
    // updates, as for a depot this console does not watch): unconfirmed (no_effect),
    // audited so, with the gateway's ok reply kept.
    void okWithoutVisibleEffectIsUnconfirmed()
    {
        test::IntakeFixture f;
        QVERIFY(f.start(test::IntakeFixture::gatewayOptions()));
        core::IntakeBoard unwatched;
        app::CommandCenter::Options o;
        o.effectTimeoutMs = 600;
        app::CommandCenter center(f.gateway->controlEndpoint(), {}, f.audit.get(), &unwatched, o);
        const auto id = app::CommandCenter::newCommandId();
        const auto out = center.execute(id, cmd("set_rate_limit", {{"scope", "depot:BJ-DC-03"}, {"per_min", 30}}), kOps,
                                        QStringLiteral("test"), {});
        QCOMPARE(int(out.state), int(CommandState::Unconfirmed));
        QCOMPARE(out.error, std::string("no_effect"));
        QCOMPARE(json(out.reply).value(QLatin1String("ok")).toBool(), true);
        const auto rows = f.auditRows();
        QCOMPARE(rows.size(), std::size_t(1));
        QCOMPARE(rows[0].status, std::string("unconfirmed"));
        QCOMPARE(rows[0].error, std::string("no_effect"));
    }

    void permissionIsCheckedBeforeSending()
    {
        test::IntakeFixture f;
        QVERIFY(f.start(test::IntakeFixture::gatewayOptions()));
        QVERIFY(f.waitForStats());
        const auto limit = cmd("set_rate_limit", {{"scope", "depot:BJ-CY-01"}, {"per_min", 3}});
        for (const char *role : {"customer_service", "dispatcher", "merchant", "viewer"}) {
            const auto o = f.center->execute(app::CommandCenter::newCommandId(), limit,
                                             {QStringLiteral("sam"), QString::fromLatin1(role)}, QStringLiteral("try"), {});
            QCOMPARE(int(o.state), int(CommandState::Refused));
            QVERIFY(o.local);
            QCOMPARE(o.error, std::string("forbidden"));
            QCOMPARE(o.attempts, 0); // never sent
        }
        // The gateway never saw it: a few seconds of stats show no limit anywhere.
        const auto gen = f.board.generation();
        QVERIFY(f.stepSeconds(10));
        QVERIFY(f.board.waitFor([](const auto &b) { return b.size() >= 3; }, gen + 6, std::chrono::milliseconds(8000)));
        QVERIFY(f.board.snapshot().front().limits.empty());
        QVERIFY(core::limitState(f.board.snapshot(), "depot:BJ-CY-01").value(QLatin1String("limit")).isNull());
        const auto rows = f.auditRows();
        QCOMPARE(rows.size(), std::size_t(4));
        for (const auto &r : rows) {
            QCOMPARE(r.status, std::string("refused"));
            QCOMPARE(r.error, std::string("forbidden"));
        }
    }

    void badInputIsRefusedAndAudited()
    {
        QString error;
        QVERIFY(!core::parseKeyValues(QStringLiteral("set_rate_limit"), {QStringLiteral("scope=depot:X"), QStringLiteral("per_min=fifty")}, &error));
        QVERIFY(error.contains(QLatin1String("per_min")));
        QVERIFY(!core::parseKeyValues(QStringLiteral("set_rate_limit"), {QStringLiteral("scope")}, &error));
        QVERIFY(!core::parseKeyValues(QStringLiteral("set_rate_limit"), {QStringLiteral("=5")}, &error));
        QVERIFY(!core::parseKeyValues(QStringLiteral("set_rate_limit"), {QStringLiteral("scope=depot:X"), QStringLiteral("per_min=5"), QStringLiteral("per_min=6")}, &error));
        QVERIFY(error.contains(QLatin1String("twice")));
        QVERIFY(!core::parseKeyValues(QStringLiteral("set_rate_limit"), {QStringLiteral("scope=depot:X"), QStringLiteral("per_min=-5")}, &error));
        QVERIFY(!core::parseKeyValues(QStringLiteral("set_rate_limit"), {QStringLiteral("scope=city:X"), QStringLiteral("per_min=5")}, &error));
        QVERIFY(!core::parseKeyValues(QStringLiteral("set_rate_limit"), {QStringLiteral("scope=depot:X"), QStringLiteral("per_min=inf")}, &error));
        QVERIFY(!core::parseKeyValues(QStringLiteral("set_rate_limit"), {QStringLiteral("scope=depot:X"), QStringLiteral("per_min=5"), QStringLiteral("colour=red")}, &error));
        QVERIFY(!core::parseKeyValues(QStringLiteral("set_breaker"), {QStringLiteral("scope=global"), QStringLiteral("mode=sideways")}, &error));
        QVERIFY(!core::parseKeyValues(QStringLiteral("divert"), {QStringLiteral("from=A"), QStringLiteral("to=A"), QStringLiteral("share=0.5")}, &error));
        QVERIFY(!core::parseKeyValues(QStringLiteral("divert"), {QStringLiteral("from=A"), QStringLiteral("to=B"), QStringLiteral("share=1.5")}, &error));
        QVERIFY(!core::parseKeyValues(QStringLiteral("self_destruct"), {}, &error));
        const auto ok = core::parseKeyValues(QStringLiteral("set_rate_limit"),
                                             {QStringLiteral("scope=depot:BJ-CY-01"), QStringLiteral("per_min=50"), QStringLiteral("burst=10")}, &error);
        QVERIFY2(ok, qPrintable(error));
        QCOMPARE(ok->args.value(QLatin1String("per_min")).toDouble(), 50.0);
        QVERIFY(ok->args.value(QLatin1String("per_min")).isDouble());

        test::IntakeFixture f;
        QVERIFY(f.start(test::IntakeFixture::gatewayOptions()));
        // A command built in code with a wrong type, and one without a reason: refused locally, audited.
        const auto wrongType = f.center->execute(app::CommandCenter::newCommandId(),
                                                 cmd("set_rate_limit", {{"scope", "global"}, {"per_min", "many"}}), kOps,
                                                 QStringLiteral("x"), {});
        QCOMPARE(int(wrongType.state), int(CommandState::Refused));
        QCOMPARE(wrongType.error, std::string("bad_request"));
        const auto noReason = f.center->execute(app::CommandCenter::newCommandId(),
                                                cmd("clear_rate_limit", {{"scope", "global"}}), kOps, QStringLiteral("  "), {});
        QCOMPARE(int(noReason.state), int(CommandState::Refused));
        QCOMPARE(noReason.error, std::string("reason_required"));
        const auto rows = f.auditRows();
        QCOMPARE(rows.size(), std::size_t(2));
        QCOMPARE(rows[0].status, std::string("refused"));
        QCOMPARE(rows[1].error, std::string("reason_required"));
    }

    void stormLimitCapsAcceptedOrders()
    {
        // The storm starts 20 simulated seconds in and lasts 6 min. Every second of it is
        // stepped: the counts below are the same on every run.
        auto g = test::IntakeFixture::gatewayOptions();
        g.scenario = sim::Scenario::Storm;
        test::IntakeFixture f;
        test::StatsTally limited("BJ-CY-01"), unlimited("BJ-HD-02");
        f.extraObservers = {&limited, &unlimited};
        QVERIFY(f.start(g));
        QVERIFY(f.waitForStats());
        // 30 simulated seconds: in the storm.
        QVERIFY(f.stepSeconds(30));

        // The global and the depot's breakers forced closed so the bucket alone decides (an
        // auto breaker would also open in this storm and hide what the limit does). Sent
        // at this very second, confirmed by the gateway's ok (as `opsdeck ctl` does).
        app::CommandCenter atOnce(f.gateway->controlEndpoint(), {}, f.audit.get(), nullptr, {});
        for (const auto &c : {cmd("set_breaker", {{"scope", "global"}, {"mode", "forced_closed"}}),
                              cmd("set_breaker", {{"scope", "depot:BJ-CY-01"}, {"mode", "forced_closed"}}),
                              cmd("set_rate_limit", {{"scope", "depot:BJ-CY-01"}, {"per_min", 50}, {"burst", 10}})}) {
            const auto o = atOnce.execute(app::CommandCenter::newCommandId(), c, kOps, QStringLiteral("campus storm"), {});
            QVERIFY2(o.state == CommandState::Confirmed, o.message.c_str());
        }
        limited.startCounting();
        unlimited.startCounting();
        // Three simulated minutes of storm, each second received before the next.
        QVERIFY(f.stepSeconds(181));
        QTRY_VERIFY_WITH_TIMEOUT(limited.sum().lastMs - limited.sum().firstMs >= 180000, 10000);
        const auto s = limited.sum();
        const auto u = unlimited.sum();
        const double minutes = double(s.lastMs - s.firstMs + 1000) / 60000.0;
        qInfo("limited depot over %.2f simulated min: offered %lld accepted %lld rate_limited %lld breaker_open %lld",
              minutes, (long long)s.offered, (long long)s.accepted, (long long)s.rateLimited, (long long)s.breakerOpen);
        qInfo("unlimited depot: offered %lld accepted %lld", (long long)u.offered, (long long)u.accepted);
        // The bucket: 50 per minute plus at most one burst of 10 saved up.
        QVERIFY2(double(s.accepted) <= 50.0 * minutes + 10.0 + 1.0, qPrintable(QString::number(s.accepted)));
        QVERIFY(s.offered > 2 * s.accepted);  // a real storm was held back
        QVERIFY(s.rateLimited > s.accepted); // held back by the bucket...
        QVERIFY(double(s.accepted) >= 0.8 * 50.0 * minutes); // ...which still lets its 50 a minute through
        QCOMPARE(s.offered, s.accepted + s.rateLimited + s.breakerOpen);
        QVERIFY(double(u.offered) > 2 * (50.0 * minutes + 10.0)); // the storm is just as big next door
    }

    void gatewayDownIsUnconfirmedAndNeverSentLater()
    {
        // A free port for the control endpoint: bind, read, release.
        std::string controlEndpoint;
        {
            sim::Gateway probe(test::IntakeFixture::gatewayOptions());
            probe.setPaused(true);
            probe.start();
            controlEndpoint = probe.controlEndpoint();
        }
        app::CommandCenter::Options options;
        options.client = {1000, 3};
        core::IntakeBoard noStats;
        test::IntakeFixture f;
        f.runtime.reset();
        // The console's command layer, no gateway behind the endpoint.
        QTemporaryDir auditDir;
        app::FileAuditSink audit(auditDir.filePath(QStringLiteral("audit.db")).toStdString());
        app::CommandCenter center(controlEndpoint, {}, &audit, &noStats, options);
        const auto limit = cmd("set_rate_limit", {{"scope", "depot:BJ-CY-01"}, {"per_min", 7}, {"burst", 2}});
        QElapsedTimer t;
        t.start();
        const auto o = center.execute(app::CommandCenter::newCommandId(), limit, kOps, QStringLiteral("storm"), {});
        QCOMPARE(int(o.state), int(CommandState::Unconfirmed));
        QCOMPARE(o.error, std::string("timeout"));
        QCOMPARE(o.attempts, 3);
        // Three 1 s waits at least; the upper bound only tells endless retries from a slow machine.
        QVERIFY2(t.elapsed() >= 2900 && t.elapsed() < 30000, qPrintable(QString::number(t.elapsed())));
        // Nothing lost: the command is in the audit, as unconfirmed, with what was asked and why.
        const auto logged = audit.readRun({});
        QCOMPARE(logged.size(), std::size_t(1));
        QCOMPARE(logged[0].commandId, o.commandId);
        QCOMPARE(logged[0].status, std::string("unconfirmed"));
        QCOMPARE(logged[0].error, std::string("timeout"));
        QCOMPARE(logged[0].attempts, 3);
        QCOMPARE(json(logged[0].argsJson), limit.args);
        QCOMPARE(logged[0].reason, std::string("storm"));

        // The gateway comes up on that very port after the user saw the failure.
        auto g = test::IntakeFixture::gatewayOptions();
        g.controlBind = controlEndpoint;
        QVERIFY(f.start(g));
        QVERIFY(f.waitForStats());
        // The same command layer talks to it again (a reconnect): a ping goes through...
        const auto ping = center.execute(app::CommandCenter::newCommandId(), cmd("ping", {}), kOps, {}, {});
        QCOMPARE(int(ping.state), int(CommandState::Confirmed));
        // ...and the failed command never arrives: several seconds of stats, no limit.
        const auto gen = f.board.generation();
        QVERIFY(f.stepSeconds(10));
        QVERIFY(f.board.waitFor([](const auto &) { return true; }, gen + 9, std::chrono::milliseconds(10000)));
        for (const auto &d : f.board.snapshot())
            QVERIFY2(d.limits.empty(), d.depot.c_str());
    }

    void playbookAppliesAndRevertsToTheAuditedBefore()
    {
        test::IntakeFixture f;
        QVERIFY(f.start(test::IntakeFixture::gatewayOptions()));
        QVERIFY(f.waitForStats());
        // A limit that was there before the storm: revert must restore it, not clear it.
        QCOMPARE(int(f.whileStepping([&] {
                         return f.center->execute(app::CommandCenter::newCommandId(),
                                                  cmd("set_rate_limit", {{"scope", "depot:BJ-HD-02"}, {"per_min", 30}, {"burst", 3}}),
                                                  kOps, QStringLiteral("normal day"), {});
                     }).state),
                 int(CommandState::Confirmed));

        QStringList errors;
        const auto playbooks = core::parsePlaybooks(R"({"playbooks":[{"name":"Campus lunch storm","controls":[
            {"cmd":"set_rate_limit","scope":"depot:BJ-HD-02","per_min":50,"burst":10},
            {"cmd":"set_rate_limit","scope":"merchant:M-CY-05","per_min":20},
            {"cmd":"set_breaker","scope":"depot:BJ-CY-01","mode":"forced_open"},
            {"cmd":"divert","from":"BJ-CY-01","to":"BJ-DC-03","share":0.3}]},
            {"name":"broken","controls":[{"cmd":"cancel","order_id":"o-1"}]}]})", &errors);
        QCOMPARE(playbooks.size(), std::size_t(1));
        QCOMPARE(errors.size(), 1); // the one with an order command is left out, and said so

        app::PlaybookRunner runner(*f.center, *f.audit);
        const std::string run = app::CommandCenter::newRunId();
        const auto applied = f.whileStepping([&] { return runner.apply(playbooks.front(), run, kOps, QStringLiteral("lunch")); });
        QCOMPARE(applied.size(), std::size_t(4));
        for (const auto &o : applied)
            QVERIFY2(o.state == CommandState::Confirmed, o.message.c_str());
        auto board = f.board.snapshot();
        QCOMPARE(core::limitState(board, "depot:BJ-HD-02").value(QLatin1String("limit")).toObject().value(QLatin1String("per_min")).toDouble(), 50.0);
        QCOMPARE(core::breakerState(board, "depot:BJ-CY-01").value(QLatin1String("mode")).toString(), QStringLiteral("forced_open"));

        const auto reverted = f.whileStepping([&] { return runner.revert(run, kOps, QStringLiteral("storm over")); });
        QCOMPARE(reverted.size(), std::size_t(4));
        for (const auto &o : reverted)
            QVERIFY2(o.state == CommandState::Confirmed, o.message.c_str());
        board = f.board.snapshot();
        const QJsonObject hd = core::limitState(board, "depot:BJ-HD-02").value(QLatin1String("limit")).toObject();
        QCOMPARE(hd.value(QLatin1String("per_min")).toDouble(), 30.0); // restored, not cleared
        QCOMPARE(hd.value(QLatin1String("burst")).toDouble(), 3.0);
        QVERIFY(core::limitState(board, "merchant:M-CY-05").value(QLatin1String("limit")).isNull());
        QCOMPARE(core::breakerState(board, "depot:BJ-CY-01").value(QLatin1String("mode")).toString(), QStringLiteral("auto"));
        QVERIFY(core::diversionState(board, "BJ-CY-01").value(QLatin1String("diversion")).isNull());

        const auto rows = f.auditRows();
        QCOMPARE(rows.size(), std::size_t(1 + 4 + 4));
        for (std::size_t i = 1; i < 5; ++i) {
            QCOMPARE(rows[i].runId, run);
            QCOMPARE(rows[i].origin, std::string("playbook"));
        }
        for (std::size_t i = 5; i < 9; ++i) {
            QCOMPARE(rows[i].runId, run + ":revert");
            QCOMPARE(rows[i].origin, std::string("playbook_revert"));
            QCOMPARE(rows[i].status, std::string("confirmed"));
        }
        QCOMPARE(rows[5].cmd, std::string("clear_divert")); // newest first
    }
};

QTEST_GUILESS_MAIN(TestIntakeCommands)
#include "tst_intake_commands.moc"
