// The intake rules without sockets: gateway.stats parsing (good and bad input), the
// board's running sums, effect checks, restoring commands, timers, "until hh:mm".
#include "app/features/intake/TimedControls.h"
#include "core/intake/ControlCommand.h"
#include "core/model/Event.h"
#include "core/model/EventDecoder.h"
#include "core/intake/IntakeStats.h"
#include "core/intake/Playbook.h"

#include <QDateTime>
#include <QtTest>

using namespace opsdeck;

namespace {

std::string stats(const char *depot, const char *ts, const char *data)
{
    return std::string(R"({"v":1,"epoch":"gw1","depot":")") + depot + R"(","seq":5,"id":"e-1","ts":")" + ts
        + R"(","type":"gateway.stats","data":)" + data + "}";
}

// A gateway.stats envelope the way the console reads it: the feed's decoder (every field
// and list entry checked there), then the board's view of the decoded event.
std::optional<core::DepotIntake> intakeOf(std::string_view envelope, const std::string &depot = "BJ-CY-01")
{
    static core::EventDecoder decoder;
    auto decoded = decoder.decode(depot + "/gateway.stats", envelope);
    const auto *event = std::get_if<core::Event>(&decoded);
    return event ? core::depotIntakeOf(*event) : std::nullopt;
}

core::ControlCommand cmd(const char *name, QJsonObject args)
{
    return {QString::fromLatin1(name), std::move(args)};
}

} // namespace

class TestIntakeCore final : public QObject
{
    Q_OBJECT

private slots:
    void parsesGatewayStats()
    {
        const auto s = intakeOf(stats("BJ-CY-01", "2026-11-22T10:15:00.000Z", R"({"window_s":1,"offered":12,"accepted":7,
            "rejected":{"rate_limited":4,"breaker_open":1},
            "limits":[{"scope":"depot:BJ-CY-01","per_min":50.0,"burst":10.0}],
            "breakers":[{"scope":"global","state":"half_open","mode":"auto","error_rate":0.25}],
            "diversions":[{"from":"BJ-CY-01","to":"BJ-DC-03","share":0.3}]})"));
        QVERIFY(s);
        QCOMPARE(s->depot, std::string("BJ-CY-01"));
        QCOMPARE(s->tsMs, *core::parseTimestampMs("2026-11-22T10:15:00.000Z"));
        QCOMPARE(s->offered, 12);
        QCOMPARE(s->rateLimited, 4);
        QCOMPARE(s->breakerOpen, 1);
        QCOMPARE(s->limits.size(), std::size_t(1));
        QCOMPARE(s->limits.front().perMin, 50.0);
        QCOMPARE(s->breakers.front().state, std::string("half_open"));
        QCOMPARE(s->diversions.front().share, 0.3);
    }

    void badStatsAreRefusedNotGuessed_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("not json") << QByteArray("{{{");
        QTest::newRow("empty") << QByteArray("");
        QTest::newRow("other type") << QByteArray(R"({"depot":"X","type":"order.created","data":{}})");
        QTest::newRow("no depot") << QByteArray(R"({"type":"gateway.stats","data":{"offered":1}})");
        QTest::newRow("array") << QByteArray("[1,2]");
        // A list entry without its scope is refused with the whole message, not skipped.
        QTest::newRow("limit without scope")
            << QByteArray::fromStdString(stats("BJ-CY-01", "2026-11-22T10:15:00.000Z",
                                               R"({"window_s":1,"offered":1,"accepted":1,"limits":[{"per_min":3}]})"));
    }
    void badStatsAreRefusedNotGuessed()
    {
        QFETCH(QByteArray, json);
        QVERIFY(!intakeOf(std::string_view(json.constData(), std::size_t(json.size()))));
    }

    void onlyGatewayStatsMakeIntake()
    {
        core::EventDecoder decoder;
        auto paid = decoder.decode("BJ-CY-01/order.paid",
                                   R"({"v":1,"epoch":"gw1","depot":"BJ-CY-01","seq":5,"id":"e-1","ts":"2026-11-22T10:15:00.000Z","type":"order.paid","data":{"order_id":"o-1","amount":3}})");
        QVERIFY(!core::depotIntakeOf(std::get<core::Event>(paid)));
        core::Event bare; // a gateway.stats built by hand, without its typed data
        bare.kind = core::EventKind::GatewayStats;
        bare.depot = "BJ-CY-01";
        QVERIFY(!core::depotIntakeOf(bare));
    }

    void boardKeepsLatestAndRunningSums()
    {
        core::IntakeBoard board;
        for (int i = 0; i < 3; ++i)
            board.update(*intakeOf(stats("B", "2026-11-22T10:15:00.000Z", R"({"window_s":1,"offered":5,"accepted":3,"rejected":{"rate_limited":2}})"), "B"));
        board.update(*intakeOf(stats("A", "2026-11-22T10:15:00.000Z", R"({"window_s":1,"offered":1,"accepted":1})"), "A"));
        const auto snap = board.snapshot();
        QCOMPARE(snap.size(), std::size_t(2));
        QCOMPARE(snap[0].depot, std::string("A")); // ordered
        QCOMPARE(snap[1].offered, 5);
        QCOMPARE(snap[1].totalOffered, 15);
        QCOMPARE(snap[1].totalRateLimited, 6);
        QCOMPARE(board.generation(), std::uint64_t(4));
        QVERIFY(!board.waitFor([](const auto &) { return true; }, 4, std::chrono::milliseconds(50))); // nothing newer
        QVERIFY(board.waitFor([](const auto &b) { return b.size() == 2; }, 3, std::chrono::milliseconds(50)));
    }

    void effectsAndRestoringCommands()
    {
        core::DepotIntake d;
        d.depot = "BJ-CY-01";
        d.limits = {{"depot:BJ-CY-01", 50, 10}};
        d.breakers = {{"global", "open", "forced_open", 0}};
        d.diversions = {{"BJ-CY-01", "BJ-DC-03", 0.3}};
        const std::vector<core::DepotIntake> board{d};
        QVERIFY(core::effectVisible(cmd("set_rate_limit", {{"scope", "depot:BJ-CY-01"}, {"per_min", 50}, {"burst", 10}}), board));
        QVERIFY(!core::effectVisible(cmd("set_rate_limit", {{"scope", "depot:BJ-CY-01"}, {"per_min", 60}}), board));
        QVERIFY(!core::effectVisible(cmd("set_rate_limit", {{"scope", "depot:BJ-CY-01"}, {"per_min", 50}, {"burst", 5}}), board));
        QVERIFY(!core::effectVisible(cmd("clear_rate_limit", {{"scope", "depot:BJ-CY-01"}}), board));
        QVERIFY(core::effectVisible(cmd("clear_rate_limit", {{"scope", "global"}}), board));
        QVERIFY(core::effectVisible(cmd("set_breaker", {{"scope", "global"}, {"mode", "forced_open"}}), board));
        QVERIFY(core::effectVisible(cmd("set_breaker", {{"scope", "merchant:M-1"}, {"mode", "auto"}}), board)); // unlisted = auto
        QVERIFY(core::effectVisible(cmd("divert", {{"from", "BJ-CY-01"}, {"to", "BJ-DC-03"}, {"share", 0.3}}), board));
        QVERIFY(!core::effectVisible(cmd("clear_divert", {{"from", "BJ-CY-01"}}), board));

        // Restoring: to the old values, or cleared when there was nothing.
        const auto set = cmd("set_rate_limit", {{"scope", "depot:BJ-CY-01"}, {"per_min", 20}});
        QCOMPARE(*core::restoringCommand(set, core::touchedState(set, board)),
                 cmd("set_rate_limit", {{"scope", "depot:BJ-CY-01"}, {"per_min", 50.0}, {"burst", 10.0}}));
        const auto other = cmd("set_rate_limit", {{"scope", "depot:BJ-HD-02"}, {"per_min", 20}});
        QCOMPARE(*core::restoringCommand(other, core::touchedState(other, board)),
                 cmd("clear_rate_limit", {{"scope", "depot:BJ-HD-02"}}));
        const auto breaker = cmd("set_breaker", {{"scope", "global"}, {"mode", "auto"}});
        QCOMPARE(*core::restoringCommand(breaker, core::touchedState(breaker, board)),
                 cmd("set_breaker", {{"scope", "global"}, {"mode", "forced_open"}}));
        const auto stop = cmd("clear_divert", {{"from", "BJ-CY-01"}});
        QCOMPARE(*core::restoringCommand(stop, core::touchedState(stop, board)),
                 cmd("divert", {{"from", "BJ-CY-01"}, {"to", "BJ-DC-03"}, {"share", 0.3}}));
        QVERIFY(!core::restoringCommand(set, QJsonValue())); // unknown before: nothing to restore
        QVERIFY(!core::restoringCommand(cmd("ping", {}), core::touchedState(set, board)));
    }

    void timersPerTarget()
    {
        app::TimedControls timers;
        const auto limit = cmd("set_rate_limit", {{"scope", "global"}, {"per_min", 10}});
        timers.onConfirmed({"c-1", limit, QJsonObject{{"limit", QJsonValue::Null}}, 1000, QStringLiteral("a")});
        timers.onConfirmed({"c-2", limit, QJsonObject{{"limit", QJsonObject{{"per_min", 10}}}}, 2000, QStringLiteral("b")});
        QCOMPARE(timers.armed().size(), std::size_t(1));
        QCOMPARE(timers.armed().front().commandId, std::string("c-2"));
        // The reset goes back to before the first timed change.
        QVERIFY(timers.armed().front().before.toObject().value(QLatin1String("limit")).isNull());
        QVERIFY(timers.takeDue(1999).empty());
        QCOMPARE(timers.takeDue(2000).size(), std::size_t(1));
        QVERIFY(timers.armed().empty());
        timers.onConfirmed({"c-3", limit, QJsonObject{}, 5000, {}});
        timers.onConfirmed({"c-4", cmd("clear_rate_limit", {{"scope", "global"}}), QJsonObject{}, 0, {}}); // permanent: cancels
        QVERIFY(timers.armed().empty());
        timers.onConfirmed({"c-5", cmd("ping", {}), QJsonObject{}, 5000, {}}); // nothing to reset
        QVERIFY(timers.armed().empty());

        // A playbook run's own timer goes with its revert; one it took over stays.
        timers.onConfirmed({"p-1", limit, QJsonObject{}, 7000, {}, "run-1"});
        timers.dropRun("limit|global", "run-2");
        QCOMPARE(timers.armed().size(), std::size_t(1)); // another run
        timers.dropRun("limit|global", "run-1");
        QVERIFY(timers.armed().empty());
        timers.onConfirmed({"c-6", limit, QJsonObject{}, 6000, {}});
        timers.onConfirmed({"p-2", limit, QJsonObject{{"limit", 5}}, 6000, {}, "run-3"});
        QVERIFY(timers.armed().front().inherited);
        timers.dropRun("limit|global", "run-3");
        QCOMPARE(timers.armed().size(), std::size_t(1));
    }

    void untilTimeOfDay()
    {
        const qint64 at0520 = QDateTime(QDate(2026, 11, 22), QTime(5, 20)).toMSecsSinceEpoch();
        QCOMPARE(core::nextLocalTime(6, 0, at0520), QDateTime(QDate(2026, 11, 22), QTime(6, 0)).toMSecsSinceEpoch());
        const qint64 at0700 = QDateTime(QDate(2026, 11, 22), QTime(7, 0)).toMSecsSinceEpoch();
        QCOMPARE(core::nextLocalTime(6, 0, at0700), QDateTime(QDate(2026, 11, 23), QTime(6, 0)).toMSecsSinceEpoch());
        const qint64 at0600 = QDateTime(QDate(2026, 11, 22), QTime(6, 0)).toMSecsSinceEpoch();
        QCOMPARE(core::nextLocalTime(6, 0, at0600), QDateTime(QDate(2026, 11, 23), QTime(6, 0)).toMSecsSinceEpoch());
    }
};

QTEST_GUILESS_MAIN(TestIntakeCore)
#include "tst_intake_core.moc"
