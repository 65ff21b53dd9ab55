// The console's IntakeService host: commands from the GUI thread run on its worker and
// report pending → confirmed; timed controls reset themselves at their time (injected
// clock), audited like a manual change; playbooks apply and revert in one action.
#include "IntakeFixture.h"

#include "app/features/intake/IntakeServiceHost.h"

#include <QSignalSpy>
#include <QtTest>

#include <atomic>

using namespace opsdeck;
using State = sdk::ControlStatus::State;

class TestIntakeService final : public QObject
{
    Q_OBJECT

    // The host reads its clock on each refresh tick; `reads` counts them, so a test can
    // wait for ticks on a moved clock instead of for time.
    static app::IntakeServiceHost::Options options(std::atomic<qint64> *clock, std::atomic<int> *reads = nullptr)
    {
        app::IntakeServiceHost::Options o;
        o.refreshMs = 100;
        o.clockMs = [clock, reads] {
            if (reads)
                ++*reads;
            return clock->load();
        };
        return o;
    }

    // 2026-11-22 11:50 local: the injected clock's usual start.
    static qint64 fixedStart() { return QDateTime(QDate(2026, 11, 22), QTime(11, 50)).toMSecsSinceEpoch(); }

    static std::optional<sdk::ControlStatus> finalStatus(const QSignalSpy &spy, const QString &id)
    {
        for (const auto &args : spy) {
            const auto s = args.at(0).value<sdk::ControlStatus>();
            if (s.commandId == id && s.state != State::Pending)
                return s;
        }
        return std::nullopt;
    }

private slots:
    void initTestCase()
    {
        qRegisterMetaType<sdk::ControlStatus>();
        qRegisterMetaType<QList<sdk::DepotIntakeRow>>();
    }

    void pendingThenConfirmedAndStatsReachTheGuiThread()
    {
        test::IntakeFixture f;
        QVERIFY(f.start(test::IntakeFixture::gatewayOptions()));
        f.keepStepping();
        std::atomic<qint64> clock{fixedStart()};
        app::IntakeServiceHost host(f.gateway->controlEndpoint(), {}, f.board, *f.audit,
                                    {QStringLiteral("mei"), QStringLiteral("ops_manager")}, options(&clock));
        QSignalSpy intake(&host, &sdk::IntakeService::intakeChanged);
        QSignalSpy commands(&host, &sdk::IntakeService::commandChanged);
        QTRY_VERIFY_WITH_TIMEOUT(host.currentIntake().size() == 3, 10000);
        QVERIFY(!intake.isEmpty());
        QVERIFY(host.maySend(QStringLiteral("set_rate_limit")));
        QVERIFY(!host.maySend(QStringLiteral("reassign")));

        const QString id = host.send({QStringLiteral("set_rate_limit"),
                                      {{QStringLiteral("scope"), QStringLiteral("depot:BJ-DC-03")},
                                       {QStringLiteral("per_min"), 40.0}, {QStringLiteral("burst"), 4.0}},
                                      QStringLiteral("school event"), 0});
        QCOMPARE(commands.size(), 1); // pending at once, on the GUI thread
        QCOMPARE(int(commands.at(0).at(0).value<sdk::ControlStatus>().state), int(State::Pending));
        QTRY_VERIFY_WITH_TIMEOUT(finalStatus(commands, id).has_value(), 8000);
        QCOMPARE(int(finalStatus(commands, id)->state), int(State::Confirmed));
        QCOMPARE(host.recentCommands().front().commandId, id);
        const auto limitShown = [&host] {
            const QList<sdk::DepotIntakeRow> rows = host.currentIntake();
            return std::any_of(rows.begin(), rows.end(), [](const sdk::DepotIntakeRow &r) {
                return r.depot == QLatin1String("BJ-DC-03") && !r.limits.isEmpty() && r.limits.front().perMin == 40.0;
            });
        };
        QTRY_VERIFY_WITH_TIMEOUT(limitShown(), 5000);

        // A role that may not: refused, never pending for long.
        app::IntakeServiceHost viewer(f.gateway->controlEndpoint(), {}, f.board, *f.audit,
                                      {QStringLiteral("cs"), QStringLiteral("customer_service")}, options(&clock));
        QSignalSpy refused(&viewer, &sdk::IntakeService::commandChanged);
        const QString rid = viewer.send({QStringLiteral("clear_rate_limit"),
                                         {{QStringLiteral("scope"), QStringLiteral("depot:BJ-DC-03")}},
                                         QStringLiteral("why not"), 0});
        QTRY_VERIFY_WITH_TIMEOUT(finalStatus(refused, rid).has_value(), 5000);
        QCOMPARE(finalStatus(refused, rid)->error, QStringLiteral("forbidden"));
    }

    void timedControlResetsItselfAtItsTime()
    {
        test::IntakeFixture f;
        QVERIFY(f.start(test::IntakeFixture::gatewayOptions()));
        f.keepStepping();
        QVERIFY(f.waitForStats());
        const qint64 start = QDateTime(QDate(2026, 11, 22), QTime(5, 20)).toMSecsSinceEpoch();
        std::atomic<qint64> clock{start};
        std::atomic<int> reads{0};
        app::IntakeServiceHost host(f.gateway->controlEndpoint(), {}, f.board, *f.audit,
                                    {QStringLiteral("mei"), QStringLiteral("ops_manager")}, options(&clock, &reads));
        QSignalSpy commands(&host, &sdk::IntakeService::commandChanged);

        // "until 06:00": 40 minutes from the injected 05:20.
        const qint64 until = core::nextLocalTime(6, 0, start);
        QCOMPARE(until - start, qint64(40 * 60000));
        const QString id = host.send({QStringLiteral("set_breaker"),
                                      {{QStringLiteral("scope"), QStringLiteral("depot:BJ-CY-01")},
                                       {QStringLiteral("mode"), QStringLiteral("forced_open")}},
                                      QStringLiteral("kitchen fire"), until});
        // "for 30 minutes".
        const QString id2 = host.send({QStringLiteral("set_rate_limit"),
                                       {{QStringLiteral("scope"), QStringLiteral("global")},
                                        {QStringLiteral("per_min"), 90.0}},
                                       QStringLiteral("lunch"), start + 30 * 60000});
        QTRY_VERIFY_WITH_TIMEOUT(finalStatus(commands, id).has_value() && finalStatus(commands, id2).has_value(), 8000);
        QCOMPARE(int(finalStatus(commands, id)->state), int(State::Confirmed));
        QCOMPARE(int(finalStatus(commands, id2)->state), int(State::Confirmed));
        QCOMPARE(host.armedTimers().size(), std::size_t(2));

        // Nothing happens before the time (several ticks at 05:49, run here, not waited for).
        clock = start + 29 * 60000;
        for (int i = 0; i < 3; ++i)
            host.refresh();
        QVERIFY(host.waitForIdle(5000));
        QCOMPARE(host.armedTimers().size(), std::size_t(2));
        QCOMPARE(core::breakerState(f.board.snapshot(), "depot:BJ-CY-01").value(QLatin1String("mode")).toString(),
                 QStringLiteral("forced_open"));

        // 05:50: the limit resets (cleared: there was none before); the breaker stays.
        clock = start + 30 * 60000;
        QTRY_VERIFY_WITH_TIMEOUT(core::limitState(f.board.snapshot(), "global").value(QLatin1String("limit")).isNull(), 8000);
        QCOMPARE(host.armedTimers().size(), std::size_t(1));
        QCOMPARE(core::breakerState(f.board.snapshot(), "depot:BJ-CY-01").value(QLatin1String("mode")).toString(),
                 QStringLiteral("forced_open"));

        // 06:00: the breaker goes back to auto.
        clock = until;
        QTRY_COMPARE_WITH_TIMEOUT(
            core::breakerState(f.board.snapshot(), "depot:BJ-CY-01").value(QLatin1String("mode")).toString(),
            QStringLiteral("auto"), 8000);
        QVERIFY(host.waitForIdle(8000));
        QTRY_VERIFY(host.armedTimers().empty());

        // Audited like a manual change: origin timer, its reason naming the control it reset.
        const auto rows = f.auditRows();
        QCOMPARE(rows.size(), std::size_t(4));
        QCOMPARE(rows[0].expiresMs, until);
        QCOMPARE(rows[2].origin, std::string("timer"));
        QCOMPARE(rows[2].cmd, std::string("clear_rate_limit"));
        QCOMPARE(rows[2].status, std::string("confirmed"));
        QVERIFY(QString::fromStdString(rows[2].reason).contains(id2));
        QCOMPARE(rows[3].origin, std::string("timer"));
        QCOMPARE(rows[3].cmd, std::string("set_breaker"));
        QVERIFY(QString::fromStdString(rows[3].argsJson).contains(QLatin1String("\"auto\"")));
        QCOMPARE(rows[3].user, std::string("mei"));
    }

    // A diversion "for 10 minutes" stops itself, audited as a timer's clear_divert.
    void timedDiversionStopsItself()
    {
        test::IntakeFixture f;
        QVERIFY(f.start(test::IntakeFixture::gatewayOptions()));
        f.keepStepping();
        QVERIFY(f.waitForStats());
        const qint64 start = QDateTime(QDate(2026, 11, 22), QTime(11, 50)).toMSecsSinceEpoch();
        std::atomic<qint64> clock{start};
        app::IntakeServiceHost host(f.gateway->controlEndpoint(), {}, f.board, *f.audit,
                                    {QStringLiteral("mei"), QStringLiteral("ops_manager")}, options(&clock));
        QSignalSpy commands(&host, &sdk::IntakeService::commandChanged);
        const QString id = host.send({QStringLiteral("divert"),
                                      {{QStringLiteral("from"), QStringLiteral("BJ-CY-01")},
                                       {QStringLiteral("to"), QStringLiteral("BJ-DC-03")},
                                       {QStringLiteral("share"), 0.3}},
                                      QStringLiteral("lunch peak"), start + 10 * 60000});
        QTRY_VERIFY_WITH_TIMEOUT(finalStatus(commands, id).has_value(), 8000);
        QCOMPARE(int(finalStatus(commands, id)->state), int(State::Confirmed));
        QVERIFY(!core::diversionState(f.board.snapshot(), "BJ-CY-01").value(QLatin1String("diversion")).isNull());
        QCOMPARE(host.armedTimers().size(), std::size_t(1));

        clock = start + 10 * 60000;
        QTRY_VERIFY_WITH_TIMEOUT(
            core::diversionState(f.board.snapshot(), "BJ-CY-01").value(QLatin1String("diversion")).isNull(), 8000);
        QVERIFY(host.waitForIdle(8000));
        QTRY_VERIFY(host.armedTimers().empty());
        const auto rows = f.auditRows();
        QCOMPARE(rows.size(), std::size_t(2));
        QCOMPARE(rows[1].origin, std::string("timer"));
        QCOMPARE(rows[1].cmd, std::string("clear_divert"));
        QCOMPARE(rows[1].status, std::string("confirmed"));
    }

    void timedControlSurvivesARestart()
    {
        test::IntakeFixture f;
        QVERIFY(f.start(test::IntakeFixture::gatewayOptions()));
        f.keepStepping();
        QVERIFY(f.waitForStats());
        const qint64 start = fixedStart();
        std::atomic<qint64> clock{start};
        const auto limit = [](double perMin) {
            return QVariantMap{{QStringLiteral("scope"), QStringLiteral("depot:BJ-DC-03")}, {QStringLiteral("per_min"), perMin}};
        };
        {
            app::IntakeServiceHost before(f.gateway->controlEndpoint(), {}, f.board, *f.audit,
                                          {QStringLiteral("mei"), QStringLiteral("ops_manager")}, options(&clock));
            before.send({QStringLiteral("set_rate_limit"), limit(33), QStringLiteral("for an hour"), start + 3600000});
            // A permanent limit elsewhere and a timed one that a later change replaced: not re-armed.
            before.send({QStringLiteral("set_breaker"),
                         {{QStringLiteral("scope"), QStringLiteral("global")}, {QStringLiteral("mode"), QStringLiteral("forced_closed")}},
                         QStringLiteral("brief"), start + 60000});
            before.send({QStringLiteral("set_breaker"),
                         {{QStringLiteral("scope"), QStringLiteral("global")}, {QStringLiteral("mode"), QStringLiteral("auto")}},
                         QStringLiteral("back"), 0});
            QVERIFY(before.waitForIdle(10000));
            QTRY_COMPARE(before.armedTimers().size(), std::size_t(1));
        } // the console closes

        app::IntakeServiceHost after(f.gateway->controlEndpoint(), {}, f.board, *f.audit,
                                     {QStringLiteral("mei"), QStringLiteral("ops_manager")}, options(&clock));
        after.restoreFromAudit();
        QTRY_COMPARE(after.armedTimers().size(), std::size_t(1));
        QCOMPARE(after.armedTimers().front().expiresMs, start + 3600000);
        clock = start + 3600000;
        QTRY_VERIFY_WITH_TIMEOUT(core::limitState(f.board.snapshot(), "depot:BJ-DC-03").value(QLatin1String("limit")).isNull(), 8000);
        QTRY_VERIFY(after.armedTimers().empty());
    }

    void laterPermanentChangeCancelsTheTimer()
    {
        test::IntakeFixture f;
        QVERIFY(f.start(test::IntakeFixture::gatewayOptions()));
        f.keepStepping();
        QVERIFY(f.waitForStats());
        std::atomic<qint64> clock{fixedStart()};
        std::atomic<int> reads{0};
        app::IntakeServiceHost host(f.gateway->controlEndpoint(), {}, f.board, *f.audit,
                                    {QStringLiteral("mei"), QStringLiteral("ops_manager")}, options(&clock, &reads));
        const auto limit = [](double perMin) {
            return QVariantMap{{QStringLiteral("scope"), QStringLiteral("depot:BJ-HD-02")}, {QStringLiteral("per_min"), perMin}};
        };
        host.send({QStringLiteral("set_rate_limit"), limit(20), QStringLiteral("for a while"), clock + 60000});
        host.send({QStringLiteral("set_rate_limit"), limit(25), QStringLiteral("for good"), 0});
        QVERIFY(host.waitForIdle(10000));
        QTRY_VERIFY(host.recentCommands().size() == 2 && host.recentCommands().front().state == State::Confirmed);
        QVERIFY(host.armedTimers().empty());
        clock += 120000;
        for (int i = 0; i < 3; ++i)
            host.refresh(); // ticks past the first limit's end: no timer resets the second
        QVERIFY(host.waitForIdle(5000));
        QCOMPARE(core::limitState(f.board.snapshot(), "depot:BJ-HD-02").value(QLatin1String("limit")).toObject()
                     .value(QLatin1String("per_min")).toDouble(), 25.0);
    }

    void playbookAppliesAndRevertsInOneAction()
    {
        test::IntakeFixture f;
        QVERIFY(f.start(test::IntakeFixture::gatewayOptions()));
        f.keepStepping();
        QVERIFY(f.waitForStats());
        std::atomic<qint64> clock{fixedStart()};
        app::IntakeServiceHost host(f.gateway->controlEndpoint(), {}, f.board, *f.audit,
                                    {QStringLiteral("mei"), QStringLiteral("ops_manager")}, options(&clock));
        const QStringList errors = host.loadPlaybooks(R"({"playbooks":[
            {"name":"Campus lunch storm","description":"cap the campus depot","controls":[
              {"cmd":"set_rate_limit","scope":"depot:BJ-CY-01","per_min":50,"burst":10},
              {"cmd":"divert","from":"BJ-CY-01","to":"BJ-DC-03","share":0.3}]},
            {"name":"","controls":[]},
            {"name":"bad","controls":[{"cmd":"set_rate_limit","scope":"depot:BJ-CY-01","per_min":"x"}]}]})");
        QCOMPARE(errors.size(), 2);
        QCOMPARE(host.playbooks(), QStringList{QStringLiteral("Campus lunch storm")});
        QVERIFY(!host.applyPlaybook(QStringLiteral("Campus lunch storm"), QString(), 0)); // a reason is required
        QVERIFY(host.applyPlaybook(QStringLiteral("Campus lunch storm"), QStringLiteral("12:00 rush"), 0));
        QVERIFY(host.playbookApplied(QStringLiteral("Campus lunch storm")));
        QVERIFY(!host.applyPlaybook(QStringLiteral("Campus lunch storm"), QStringLiteral("twice"), 0));
        QVERIFY(host.waitForIdle(10000));
        auto board = f.board.snapshot();
        QCOMPARE(core::limitState(board, "depot:BJ-CY-01").value(QLatin1String("limit")).toObject().value(QLatin1String("per_min")).toDouble(), 50.0);
        QVERIFY(!core::diversionState(board, "BJ-CY-01").value(QLatin1String("diversion")).isNull());

        // A console restarted in between still knows the playbook is applied (from the audit).
        {
            app::IntakeServiceHost restarted(f.gateway->controlEndpoint(), {}, f.board, *f.audit,
                                             {QStringLiteral("mei"), QStringLiteral("ops_manager")}, options(&clock));
            restarted.loadPlaybooks(R"({"playbooks":[{"name":"Campus lunch storm","controls":[
                {"cmd":"set_rate_limit","scope":"depot:BJ-CY-01","per_min":50,"burst":10}]}]})");
            QVERIFY(!restarted.playbookApplied(QStringLiteral("Campus lunch storm")));
            restarted.restoreFromAudit();
            QTRY_VERIFY(restarted.playbookApplied(QStringLiteral("Campus lunch storm")));
        }
        QVERIFY(host.revertPlaybook(QStringLiteral("Campus lunch storm"), QStringLiteral("rush over")));
        QVERIFY(!host.playbookApplied(QStringLiteral("Campus lunch storm")));
        QVERIFY(host.waitForIdle(10000));
        board = f.board.snapshot();
        QVERIFY(core::limitState(board, "depot:BJ-CY-01").value(QLatin1String("limit")).isNull());
        QVERIFY(core::diversionState(board, "BJ-CY-01").value(QLatin1String("diversion")).isNull());
        QTRY_COMPARE(host.recentCommands().size(), 4);
        {
            app::IntakeServiceHost restarted(f.gateway->controlEndpoint(), {}, f.board, *f.audit,
                                             {QStringLiteral("mei"), QStringLiteral("ops_manager")}, options(&clock));
            QSignalSpy restored(&restarted, &sdk::IntakeService::playbooksChanged);
            restarted.restoreFromAudit();
            QTRY_COMPARE(restored.size(), 1);
            QVERIFY(!restarted.playbookApplied(QStringLiteral("Campus lunch storm"))); // reverted
        }
        for (const auto &s : host.recentCommands())
            QCOMPARE(int(s.state), int(State::Confirmed));
    }

    // Issue 14: a playbook applied "for 30 minutes" resets itself then, like any change.
    void playbookHonoursTheChosenDuration()
    {
        test::IntakeFixture f;
        QVERIFY(f.start(test::IntakeFixture::gatewayOptions()));
        f.keepStepping();
        QVERIFY(f.waitForStats());
        const qint64 start = QDateTime(QDate(2026, 12, 7), QTime(11, 40)).toMSecsSinceEpoch();
        std::atomic<qint64> clock{start};
        app::IntakeServiceHost host(f.gateway->controlEndpoint(), {}, f.board, *f.audit,
                                    {QStringLiteral("mei"), QStringLiteral("ops_manager")}, options(&clock));
        host.loadPlaybooks(R"({"playbooks":[{"name":"Lunch","controls":[
            {"cmd":"set_rate_limit","scope":"depot:BJ-HD-02","per_min":45,"burst":5},
            {"cmd":"divert","from":"BJ-HD-02","to":"BJ-DC-03","share":0.2}]}]})");
        const qint64 end = start + 30 * 60000;
        QVERIFY(host.playbookConflicts(QStringLiteral("Lunch"), end).isEmpty());
        QVERIFY(host.applyPlaybook(QStringLiteral("Lunch"), QStringLiteral("lunch rush"), end));
        QVERIFY(host.waitForIdle(10000));
        QTRY_COMPARE(host.recentCommands().size(), 2);
        QTRY_VERIFY(host.recentCommands().front().state == State::Confirmed
                    && host.recentCommands().back().state == State::Confirmed);
        for (const auto &s : host.recentCommands())
            QCOMPARE(s.expiresAtMs, end); // the commands list says "until 12:10"
        for (const auto &row : f.auditRows())
            QCOMPARE(row.expiresMs, end);
        QCOMPARE(host.armedTimers().size(), std::size_t(2));

        // Reverted early: the revert restored what its timers would have, so they go, and
        // applying it again is not held to the first run's end.
        QVERIFY(host.revertPlaybook(QStringLiteral("Lunch"), QStringLiteral("quieter")));
        QVERIFY(host.waitForIdle(10000));
        QTRY_COMPARE(host.recentCommands().size(), 4);
        QTRY_VERIFY(host.armedTimers().empty());
        QVERIFY(host.playbookConflicts(QStringLiteral("Lunch"), end).isEmpty());
        QVERIFY(host.applyPlaybook(QStringLiteral("Lunch"), QStringLiteral("busy again"), end));
        QVERIFY(host.waitForIdle(10000));
        QTRY_COMPARE(host.armedTimers().size(), std::size_t(2));

        clock = end;
        QTRY_VERIFY_WITH_TIMEOUT(core::limitState(f.board.snapshot(), "depot:BJ-HD-02").value(QLatin1String("limit")).isNull(), 8000);
        QTRY_VERIFY_WITH_TIMEOUT(core::diversionState(f.board.snapshot(), "BJ-HD-02").value(QLatin1String("diversion")).isNull(), 8000);
        QTRY_VERIFY(host.armedTimers().empty());
    }

    // Issue 14: a 1-hour limit in force is not silently made permanent by a playbook; that
    // control ends with it (and the host says so), the playbook's other controls stay.
    void playbookKeepsTheEndOfATimedLimit()
    {
        test::IntakeFixture f;
        QVERIFY(f.start(test::IntakeFixture::gatewayOptions()));
        f.keepStepping();
        QVERIFY(f.waitForStats());
        const qint64 start = QDateTime(QDate(2026, 12, 7), QTime(11, 40)).toMSecsSinceEpoch();
        std::atomic<qint64> clock{start};
        app::IntakeServiceHost host(f.gateway->controlEndpoint(), {}, f.board, *f.audit,
                                    {QStringLiteral("mei"), QStringLiteral("ops_manager")}, options(&clock));
        const auto limitOf = [&f](const char *scope) {
            return core::limitState(f.board.snapshot(), scope).value(QLatin1String("limit"));
        };
        const qint64 hour = start + 3600000;
        const QString id = host.send({QStringLiteral("set_rate_limit"),
                                      {{QStringLiteral("scope"), QStringLiteral("depot:BJ-CY-01")},
                                       {QStringLiteral("per_min"), 80.0}, {QStringLiteral("burst"), 8.0}},
                                      QStringLiteral("for an hour"), hour});
        QVERIFY(host.waitForIdle(10000));
        QTRY_VERIFY(host.recentCommands().front().state == State::Confirmed);
        QCOMPARE(host.armedTimers().size(), std::size_t(1));

        host.loadPlaybooks(R"({"playbooks":[{"name":"Campus lunch storm","controls":[
            {"cmd":"set_rate_limit","scope":"depot:BJ-CY-01","per_min":50,"burst":10},
            {"cmd":"set_rate_limit","scope":"depot:BJ-DC-03","per_min":30,"burst":3}]}]})");
        const QStringList notes = host.playbookConflicts(QStringLiteral("Campus lunch storm"), 0);
        QCOMPARE(notes.size(), 1);
        QVERIFY2(notes.front().contains(QLatin1String("depot:BJ-CY-01")) && notes.front().contains(QLatin1String("12:40")),
                 qPrintable(notes.front()));
        QVERIFY(host.applyPlaybook(QStringLiteral("Campus lunch storm"), QStringLiteral("storm"), 0)); // "Permanent"
        QVERIFY(host.waitForIdle(10000));
        QTRY_VERIFY_WITH_TIMEOUT(limitOf("depot:BJ-CY-01").toObject().value(QLatin1String("per_min")).toDouble() == 50.0, 8000);
        QTRY_VERIFY_WITH_TIMEOUT(limitOf("depot:BJ-DC-03").toObject().value(QLatin1String("per_min")).toDouble() == 30.0, 8000);
        // The campus limit still ends at the hour, restoring what was before the 1-hour limit.
        QTRY_COMPARE(host.armedTimers().size(), std::size_t(1));
        QCOMPARE(host.armedTimers().front().expiresMs, hour);
        const auto rows = f.auditRows();
        QCOMPARE(rows.size(), std::size_t(3));
        QCOMPARE(rows[1].origin, std::string("playbook"));
        QCOMPARE(rows[1].expiresMs, hour);
        QCOMPARE(rows[2].expiresMs, std::int64_t(0));
        // Reverted: back to the 1-hour limit of 80, whose end still stands.
        QVERIFY(host.revertPlaybook(QStringLiteral("Campus lunch storm"), QStringLiteral("over")));
        QVERIFY(host.waitForIdle(10000));
        QTRY_VERIFY_WITH_TIMEOUT(limitOf("depot:BJ-CY-01").toObject().value(QLatin1String("per_min")).toDouble() == 80.0, 8000);
        QTRY_VERIFY_WITH_TIMEOUT(limitOf("depot:BJ-DC-03").isNull(), 8000);
        QCOMPARE(host.armedTimers().size(), std::size_t(1));
        QCOMPARE(host.armedTimers().front().expiresMs, hour);

        clock = hour;
        QTRY_VERIFY_WITH_TIMEOUT(limitOf("depot:BJ-CY-01").isNull(), 8000);
        QVERIFY(host.waitForIdle(8000));
        QTRY_VERIFY(host.armedTimers().empty());
        QVERIFY(QString::fromStdString(f.auditRows().back().reason).contains(QString::fromStdString(rows[1].commandId)));
        Q_UNUSED(id);
    }
};

QTEST_MAIN(TestIntakeService)
#include "tst_intake_service.moc"
