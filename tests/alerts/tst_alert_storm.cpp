// Storm alerts from the first day (issue 14): `opsfeed --scenario storm` on a fresh
// install. A seeded storm simulation is stepped second by second by the test (no live
// gateway, no wall clock), each message decoded by the real EventDecoder, applied to real
// Projections and judged by the real AlertEngine with the shipped rules and nothing
// restored, as on an empty database (no storm history). The engine ticks at the stream's
// own time, as the console does on the feed's clock. Then each rule alone, on scripted
// gateway.stats (capacity from the depot's rate limit, per-depot capacity, minimum count,
// a breaker forced open, one that trips and closes).
#include "AlertFeed.h"

#include "sim/City.h"
#include "sim/Simulation.h"

#include <QTest>

#include <map>
#include <set>
#include <string>

using namespace opsdeck;
using namespace opsdeck::core;

namespace {

// 2026-12-07 04:00 UTC, noon in Beijing: the campus lunch rush.
constexpr std::int64_t kStartMs = 1796601600000;
constexpr std::int64_t kMinuteMs = 60000;

struct Raised {
    std::int64_t atMs = 0;
    std::string subject;
    std::string message;
};

// Runs `seconds` of a seeded simulation through the engine; the first raise per rule.
std::map<std::string, Raised> run(sim::Scenario scenario, int seconds, std::set<std::string> *subjects = nullptr)
{
    sim::SimulationOptions o; // opsfeed's defaults: 60 riders, 40 orders/min, 3 depots
    o.seed = 14;
    o.scenario = scenario;
    o.startMs = kStartMs;
    sim::Simulation simulation(sim::City::load(), o);

    std::map<std::string, Raised> first;
    AlertEngine engine(loadAlertRules({}).rules, [&](AlertOutput &&out) {
        for (const AlertChange &c : out.changes) {
            if (c.action != "raised")
                continue;
            first.try_emplace(c.alert.ruleId, Raised{c.atMs, c.alert.subject.key, formatEnglish(c.alert.message)});
            if (subjects)
                subjects->insert(c.alert.ruleId + " " + c.alert.subject.key);
        }
    });
    Projections projections;
    EventDecoder decoder;
    std::vector<sim::WireMessage> batch;
    for (int s = 0; s < seconds; ++s) {
        batch.clear();
        simulation.step(1000, batch);
        for (const sim::WireMessage &m : batch) {
            auto decoded = decoder.decode(m.topic, m.envelope);
            const Event *e = std::get_if<Event>(&decoded);
            if (!e)
                qFatal("the simulator sent what the decoder refuses: %s", m.envelope.c_str());
            const auto applied = projections.apply(*e);
            engine.onEvent(*e, applied.outcome == Projections::Outcome::Applied, projections);
        }
        engine.onTick(projections, simulation.nowMs());
    }
    return first;
}

// One depot's gateway.stats for one second.
Event stats(std::int64_t ts, int offered, int accepted, const QJsonArray &limits = {}, const QJsonArray &breakers = {},
            const std::string &depot = alerttest::kDepot)
{
    Event e = alerttest::make(EventKind::GatewayStats, ts);
    e.depot = depot;
    return alerttest::withData(e,
                               {{"window_s", 1}, {"offered", offered}, {"accepted", accepted},
                                {"rejected", QJsonObject{{"rate_limited", 0}, {"breaker_open", offered - accepted}}},
                                {"limits", limits}, {"breakers", breakers}, {"diversions", QJsonArray{}}});
}

QJsonObject breaker(const char *scope, const char *state, const char *mode = "auto")
{
    return {{"scope", scope}, {"state", state}, {"mode", mode}, {"error_rate", 0.5}};
}

std::vector<AlertRule> rulesFrom(const char *json)
{
    const AlertRuleSet set = parseAlertRules(QByteArray(json));
    if (!set.errors.empty())
        qFatal("rules: %s", set.errors.front().reason.c_str());
    return set.rules;
}

} // namespace

class TestAlertStorm final : public QObject
{
    Q_OBJECT

private slots:
    void stormRulesFireWithinThreeSimulatedMinutesOnAFreshInstall()
    {
        std::set<std::string> subjects;
        const auto first = run(sim::Scenario::Storm, 180, &subjects);
        for (const auto &[rule, r] : first)
            qInfo("%s %s at +%llds: %s", rule.c_str(), r.subject.c_str(),
                  static_cast<long long>((r.atMs - kStartMs) / 1000), r.message.c_str());
        for (const char *rule : {"storm.over_capacity", "storm.acceptance_collapse", "storm.breaker_open"}) {
            const auto it = first.find(rule);
            QVERIFY2(it != first.end(), rule);
            QVERIFY2(it->second.atMs <= kStartMs + 3 * kMinuteMs, rule);
        }
        // Every depot is over capacity, and the message says against what.
        for (const char *depot : {"BJ-CY-01", "BJ-HD-02", "BJ-DC-03"})
            QVERIFY2(subjects.count(std::string("storm.over_capacity ") + depot), depot);
        QVERIFY2(first.at("storm.over_capacity").message.find("capacity of 40/min set in the rule") != std::string::npos,
                 first.at("storm.over_capacity").message.c_str());
        // What the new rules are for: the z-score rule has no history on day one.
        QVERIFY(!first.count("storm.orders_per_minute"));
    }

    void capacityIsTheDepotsRateLimitElseTheRule();
    void acceptanceNeedsAMinimumAndClears();
    void breakerTimeIsSummedOverTheWindow();

    // A normal day at the same seed raises none of them.
    void normalDayRaisesNoStormAlert()
    {
        const auto first = run(sim::Scenario::Normal, 300);
        for (const char *rule : {"storm.over_capacity", "storm.acceptance_collapse", "storm.breaker_open"})
            QVERIFY2(!first.count(rule), rule);
    }
};

// Seconds [from, to) of one depot's stats, fed and ticked at their own time.
static void feedSeconds(alerttest::Harness &h, int from, int to, int offered, int accepted,
                        const QJsonArray &limits = {}, const QJsonArray &breakers = {})
{
    for (int s = from; s < to; ++s) {
        h.feed(stats(alerttest::kT0 + s * 1000LL, offered, accepted, limits, breakers));
        h.tick(alerttest::kT0 + s * 1000LL);
    }
}

void TestAlertStorm::capacityIsTheDepotsRateLimitElseTheRule()
{
    using namespace alerttest;
    Harness h({}, rulesFrom(R"({"rules":[{"id":"cap","kind":"intake_over_capacity","severity":"critical",
        "roles":["ops_manager"],"thresholds":{"per_min":40,"per_min:BJ-HD-02":500}}]})"));
    // 2 a second against the rule's 40/min: a partial first minute counts as a whole one
    // (it can only underestimate), so it fires once 40 are in the window.
    feedSeconds(h, 0, 19, 2, 2);
    QVERIFY(!h.open("cap", kDepot));
    feedSeconds(h, 19, 60, 2, 2);
    QVERIFY(h.open("cap", kDepot));
    QCOMPARE(h.openAlert("cap", kDepot)->firstAtMs, kT0 + 19000);
    QCOMPARE(formatEnglish(h.openAlert("cap", kDepot)->message),
             std::string("40 orders/min offered, 100 % of the capacity of 40/min set in the rule"));
    // 39/min is under 90 % of 40: cleared, saying the rate.
    feedSeconds(h, 60, 120, 0, 0);
    QVERIFY(!h.open("cap", kDepot));
    QVERIFY(h.lastChange("cap", kDepot)->note.code == AlertCode::ClearedIntakeRate);

    // With a depot rate limit of 150/min, 120/min is within capacity.
    Harness limited({}, h.engine.rules());
    const QJsonArray limit{QJsonObject{{"scope", "depot:BJ-CY-01"}, {"per_min", 150}, {"burst", 10}}};
    feedSeconds(limited, 0, 90, 2, 2, limit);
    QVERIFY(!limited.open("cap", kDepot));
    feedSeconds(limited, 90, 150, 3, 2, limit); // up to 180/min offered
    QCOMPARE(formatEnglish(limited.openAlert("cap", kDepot)->message),
             std::string("150 orders/min offered, 100 % of the depot's rate limit of 150/min"));
    // A depot with a capacity of its own in the rule: 180/min is within its 500.
    for (int s = 0; s < 90; ++s)
        limited.feed(stats(kT0 + s * 1000LL, 3, 3, {}, {}, "BJ-HD-02"));
    QVERIFY(!limited.open("cap", "BJ-HD-02"));
}

void TestAlertStorm::acceptanceNeedsAMinimumAndClears()
{
    using namespace alerttest;
    Harness h({}, rulesFrom(R"({"rules":[{"id":"acc","kind":"acceptance_collapse","severity":"critical",
        "roles":["ops_manager"],"thresholds":{"rate":0.7,"window_minutes":2,"min_offered":30}}]})"));
    // Quiet: 20 offered in two minutes, none accepted - too few to judge.
    for (int s = 0; s < 120; s += 6)
        feedSeconds(h, s, s + 1, 1, 0);
    QVERIFY(!h.open("acc", kDepot));
    feedSeconds(h, 120, 180, 2, 1); // half accepted
    QVERIFY(h.open("acc", kDepot));
    const Alert *a = h.openAlert("acc", kDepot);
    QVERIFY(a->message.code == AlertCode::AcceptanceCollapse);
    QVERIFY(std::get<std::int64_t>(a->message.args.at(0)) < 70);
    QVERIFY(std::get<std::int64_t>(a->message.args.at(1)) >= 30);
    feedSeconds(h, 180, 300, 2, 2);
    QVERIFY(!h.open("acc", kDepot));
    QVERIFY(h.lastChange("acc", kDepot)->note.code == AlertCode::ClearedAcceptance);
}

void TestAlertStorm::breakerTimeIsSummedOverTheWindow()
{
    using namespace alerttest;
    Harness h({}, rulesFrom(R"({"rules":[{"id":"brk","kind":"breaker_open","severity":"major",
        "roles":["ops_manager"],"thresholds":{"minutes":1,"window_minutes":3}}]})"));
    const QJsonArray open{breaker("global", "open"), breaker("depot:BJ-CY-01", "closed")};
    const QJsonArray halfOpen{breaker("global", "half_open"), breaker("depot:BJ-CY-01", "closed")};
    const QJsonArray closed{breaker("global", "closed"), breaker("depot:BJ-CY-01", "closed")};
    // Trips for 40 s, closes for 30 s, trips again: 60 s of the last 3 min at 90 s.
    feedSeconds(h, 0, 30, 3, 1, {}, open);
    feedSeconds(h, 30, 40, 3, 1, {}, halfOpen);
    feedSeconds(h, 40, 70, 3, 3, {}, closed);
    QVERIFY(!h.open("brk", "global"));
    feedSeconds(h, 70, 89, 3, 1, {}, open);
    QVERIFY(!h.open("brk", "global"));
    feedSeconds(h, 89, 91, 3, 1, {}, open);
    QVERIFY(h.open("brk", "global"));
    QVERIFY(!h.open("brk", "depot:BJ-CY-01"));
    QCOMPARE(formatEnglish(h.openAlert("brk", "global")->message),
             std::string("breaker open or probing for 60 s of the last 3 min: new orders in its scope are turned away "
                         "(error rate 50.0 %)"));
    // Closed from 91 s on: [0, 40) and [70, 91) are 61 s; resolved once less than a minute
    // of the last three was open (at 182 s the first spell has 38 s left in the window).
    feedSeconds(h, 91, 182, 3, 3, {}, closed);
    QVERIFY(h.open("brk", "global"));
    feedSeconds(h, 182, 231, 3, 3, {}, closed);
    QVERIFY(!h.open("brk", "global"));
    QCOMPARE(h.lastChange("brk", "global")->atMs, kT0 + 182000);
    QVERIFY(h.lastChange("brk", "global")->note.code == AlertCode::ClearedBreakerClosed);

    // Forced open by an operator: its own words; a depot that lists it no more closed it.
    feedSeconds(h, 231, 292, 3, 0, {}, {breaker("merchant:M-CY-07", "open", "forced_open")});
    QVERIFY(h.open("brk", "merchant:M-CY-07"));
    QVERIFY(h.openAlert("brk", "merchant:M-CY-07")->message.code == AlertCode::BreakerForcedOpen);
    QCOMPARE(h.openAlert("brk", "merchant:M-CY-07")->subject.depot, kDepot);
    feedSeconds(h, 292, 480, 3, 3, {}, closed);
    QVERIFY(!h.open("brk", "merchant:M-CY-07"));
}

QTEST_GUILESS_MAIN(TestAlertStorm)
#include "tst_alert_storm.moc"
