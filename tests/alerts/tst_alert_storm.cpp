// Storm alerts from the first day (issue 14): `opsfeed --scenario storm` on a fresh
// install. A seeded storm simulation is stepped second by second by the test (no live
// gateway, no wall clock), each message decoded by the real EventDecoder, applied to real
// Projections and judged by the real AlertEngine with the shipped rules and nothing
// restored, as on an empty database (no storm history). The engine ticks at the stream's
// own time, as the console does on the feed's clock.
#include "core/alerts/AlertEngine.h"
#include "core/alerts/AlertRules.h"
#include "core/model/EventDecoder.h"
#include "core/pipeline/Projections.h"
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

    // A normal day at the same seed raises none of them.
    void normalDayRaisesNoStormAlert()
    {
        const auto first = run(sim::Scenario::Normal, 300);
        for (const char *rule : {"storm.over_capacity", "storm.acceptance_collapse", "storm.breaker_open"})
            QVERIFY2(!first.count(rule), rule);
    }
};

QTEST_GUILESS_MAIN(TestAlertStorm)
#include "tst_alert_storm.moc"
