#include "SimStream.h"

#include <ControlHandler.h>
#include <IntakeControl.h>
#include <Simulation.h>

#include <QTest>

#include <cmath>

using namespace opsdeck::sim;
using namespace simtest;

namespace {
constexpr std::int64_t kStart = 1794824100000LL; // 2026-11-16T10:15:00Z, a fixed clock for comparisons

std::shared_ptr<const City> beijing()
{
    static const auto city = City::load();
    return city;
}

SimulationOptions options(std::uint64_t seed, Scenario scenario = Scenario::Normal)
{
    SimulationOptions o;
    o.seed = seed;
    o.startMs = kStart;
    o.scenario = scenario;
    return o;
}

std::vector<WireMessage> run(Simulation &sim, int seconds)
{
    std::vector<WireMessage> out;
    for (int i = 0; i < seconds; ++i)
        sim.step(1000, out);
    return out;
}
} // namespace

class TestSimSimulation final : public QObject
{
    Q_OBJECT
private slots:
    void sameSeedSameStream()
    {
        Simulation a(beijing(), options(7)), b(beijing(), options(7)), c(beijing(), options(8));
        std::vector<WireMessage> sa, sb, sc;
        // Uneven steps on one side: the stream must not depend on how time is sliced.
        for (int i = 0; i < 600; ++i) {
            a.step(1000, sa);
            b.step(400, sb);
            b.step(600, sb);
            c.step(1000, sc);
        }
        QVERIFY(sa.size() > 30000);
        QCOMPARE(sa.size(), sb.size());
        for (std::size_t i = 0; i < sa.size(); ++i) {
            if (sa[i].topic != sb[i].topic || sa[i].envelope != sb[i].envelope)
                QFAIL(qPrintable(QStringLiteral("streams differ at %1:\n%2\n%3").arg(i).arg(
                    QString::fromStdString(sa[i].envelope), QString::fromStdString(sb[i].envelope))));
        }
        bool differs = sa.size() != sc.size();
        for (std::size_t i = 0; !differs && i < sa.size(); ++i)
            differs = sa[i].envelope != sc[i].envelope;
        QVERIFY(differs);
        QCOMPARE(a.truthOrderStates(), b.truthOrderStates());
    }

    // Issue 18: every shelf item belongs to one merchant of its depot, always the same,
    // and its level falls as orders are picked and rises at a restock.
    void inventoryLevelsCarryTheirMerchant()
    {
        Simulation sim(beijing(), options(12));
        std::map<QString, QString> owner; // depot/sku -> merchant
        std::map<QString, std::set<QString>> depotMerchants;
        std::map<QString, double> last;
        int drops = 0;
        int rises = 0;
        for (const WireMessage &msg : run(sim, 900)) {
            if (!msg.topic.ends_with("/inventory.level"))
                continue;
            Rec r;
            QVERIFY(parse(msg.topic, msg.envelope, r));
            const QString merchant = r.data.value("merchant_id").toString();
            QVERIFY2(!merchant.isEmpty(), msg.envelope.c_str());
            const QString key = r.depot + "/" + r.data.value("sku").toString();
            const auto [it, fresh] = owner.emplace(key, merchant);
            QCOMPARE(it->second, merchant);
            depotMerchants[r.depot].insert(merchant);
            const double qty = r.data.value("qty").toDouble();
            QVERIFY(qty >= 0);
            if (!fresh && last.count(key)) {
                drops += qty < last[key];
                rises += qty > last[key];
            }
            last[key] = qty;
        }
        QVERIFY(!depotMerchants.empty());
        for (const auto &[depot, merchants] : depotMerchants)
            QVERIFY2(merchants.size() > 1, qPrintable(depot));
        QVERIFY(drops > 0);
        QVERIFY(rises > 0);
    }

    // A console keeps the orders of earlier gateway runs: a restarted gateway (a later
    // start, same seed) must not reuse their ids, while the same start reproduces them.
    void orderIdsDifferBetweenRuns()
    {
        const auto createdIds = [](std::int64_t startMs) {
            SimulationOptions o = options(7);
            o.startMs = startMs;
            Simulation sim(beijing(), o);
            std::set<std::string> ids;
            for (const WireMessage &m : run(sim, 120)) {
                if (!m.topic.ends_with("/order.created"))
                    continue;
                const auto at = m.envelope.find("\"order_id\":\"") + 12;
                ids.insert(m.envelope.substr(at, m.envelope.find('"', at) - at));
            }
            return ids;
        };
        const auto first = createdIds(kStart);
        const auto again = createdIds(kStart);
        const auto restarted = createdIds(kStart + 5 * 60000);
        QVERIFY(first.size() > 20);
        QCOMPARE(again, first);
        for (const std::string &id : restarted) {
            QVERIFY2(!first.count(id), id.c_str());
            QCOMPARE(id.size(), std::size_t(18)); // DD + yymmdd + run tag + 6-digit number
        }
    }

    void everyTypeLegalAndGapless_data()
    {
        QTest::addColumn<int>("scenario");
        QTest::addColumn<int>("minutes");
        QTest::newRow("normal") << int(Scenario::Normal) << 80;
        QTest::newRow("storm") << int(Scenario::Storm) << 50;
    }
    void everyTypeLegalAndGapless()
    {
        QFETCH(int, scenario);
        QFETCH(int, minutes);
        Simulation sim(beijing(), options(11, static_cast<Scenario>(scenario)));
        std::map<QString, int> types;
        std::map<QString, qint64> lastSeq;
        std::set<QString> ids;
        std::set<QString> heldReasons;
        std::int64_t positions = 0;
        int withNote = 0;
        std::map<QString, int> priorities;
        TransitionChecker checker;
        for (int m = 0; m < minutes; ++m) {
            const auto out = run(sim, 60);
            for (const WireMessage &msg : out) {
                // Positions are most of the stream: fully parse one in ten, and check
                // seq and id of the rest by hand to keep the test fast.
                if (msg.topic.ends_with("/rider.position") && ++positions % 10 != 0) {
                    const auto sp = msg.envelope.find("\"seq\":");
                    const auto ip = msg.envelope.find("\"id\":\"");
                    QVERIFY(sp != std::string::npos && ip != std::string::npos);
                    const QString depot = QString::fromStdString(msg.topic.substr(0, msg.topic.find('/')));
                    const qint64 seq = std::stoll(msg.envelope.substr(sp + 6, 20));
                    QCOMPARE(seq, lastSeq[depot] + 1);
                    lastSeq[depot] = seq;
                    const auto ie = msg.envelope.find('"', ip + 6);
                    QVERIFY(ids.insert(QString::fromStdString(msg.envelope.substr(ip + 6, ie - ip - 6))).second);
                    ++types["rider.position"];
                    continue;
                }
                Rec r;
                QString why;
                QVERIFY2(parse(msg.topic, msg.envelope, r, &why), qPrintable(why));
                QCOMPARE(r.env.value("v").toInt(), 1);
                QCOMPARE(r.topic, r.depot + "/" + r.type);
                QCOMPARE(r.epoch, QString::fromStdString(sim.epoch()));
                QVERIFY2(opsdeck::core::parseTimestampMs(r.env.value("ts").toString().toStdString()).has_value(),
                         qPrintable(r.env.value("ts").toString()));
                QVERIFY2(ids.insert(r.id).second, qPrintable("duplicate id " + r.id));
                QCOMPARE(r.seq, lastSeq[r.depot] + 1);
                lastSeq[r.depot] = r.seq;
                for (const QString &f : requiredFields(r.type))
                    QVERIFY2(r.data.contains(f), qPrintable(r.type + " lacks " + f + ": " + QString::fromStdString(msg.envelope)));
                if (r.type == "order.held")
                    heldReasons.insert(r.data.value("reason").toString());
                if (r.type == "order.created") {
                    // The note / priority extension: present on some orders, always well-typed.
                    if (r.data.contains("note")) {
                        QVERIFY(r.data.value("note").isString() && !r.data.value("note").toString().isEmpty());
                        ++withNote;
                    }
                    if (r.data.contains("priority"))
                        ++priorities[r.data.value("priority").toString()];
                }
                ++types[r.type];
                const QString err = checker.apply(r);
                QVERIFY2(err.isEmpty(), qPrintable(err));
            }
        }
        for (const QString &t : allEventTypes())
            QVERIFY2(types[t] > 0, qPrintable("never saw " + t));
        QVERIFY(heldReasons.count("suspicious_burst"));
        // About one order in eight carries a note and one in ten a priority: enough to see
        // on a board, too few to make the flags noise.
        const int created = types["order.created"];
        QVERIFY2(withNote > created / 20 && withNote < created / 4, qPrintable(QStringLiteral("%1 notes in %2 orders").arg(withNote).arg(created)));
        QVERIFY(priorities["urgent"] > 0 && priorities["high"] > priorities["urgent"]);
        QCOMPARE(priorities.count("normal"), std::size_t(0)); // Normal is left out, as a plain gateway would
        QCOMPARE(priorities.size(), std::size_t(2));
        // The simulation's truth agrees with what the stream says.
        for (const auto &[id, state] : sim.truthOrderStates())
            QCOMPARE(QString::fromLatin1(opsdeck::core::toString(checker.states[QString::fromStdString(id)]).data()),
                     QString::fromStdString(state));
        qInfo() << "events by type:" << types.size() << "order.created" << types["order.created"] << "signed"
                << types["order.signed"] << "total ids" << ids.size();
    }

    void ridersStayOnRoadsAtRealisticSpeeds()
    {
        Simulation sim(beijing(), options(3));
        const auto out = run(sim, 1800);
        std::map<QString, QJsonObject> last;
        int checkedOnRoad = 0, moving = 0;
        std::vector<double> movingSpeeds;
        for (std::size_t i = 0; i < out.size(); ++i) {
            if (!out[i].topic.ends_with("/rider.position"))
                continue;
            Rec r;
            QVERIFY(parse(out[i].topic, out[i].envelope, r));
            const LatLng p{r.data.value("lat").toDouble(), r.data.value("lng").toDouble()};
            const double speed = r.data.value("speed_mps").toDouble();
            QVERIFY2(speed >= 0 && speed <= 8.0 + 1e-9, qPrintable(QString::number(speed)));
            const double battery = r.data.value("battery_pct").toDouble();
            QVERIFY(battery > 0 && battery <= 100);
            if (i % 97 == 0) {
                QVERIFY2(sim.city().graph().distanceToNetwork(p) < 2.0, qPrintable(QString::fromStdString(out[i].envelope)));
                ++checkedOnRoad;
            }
            const QString rider = r.data.value("rider_id").toString();
            if (last.contains(rider)) {
                const QJsonObject &prev = last[rider];
                const LatLng q{prev.value("lat").toDouble(), prev.value("lng").toDouble()};
                // Straight-line displacement in one second never exceeds the distance ridden.
                QVERIFY(distanceMetres(p, q) <= speed + 0.5);
            }
            if (speed > 0) {
                ++moving;
                movingSpeeds.push_back(speed);
            }
            last[rider] = r.data;
        }
        QVERIFY(checkedOnRoad > 100);
        QVERIFY(moving > 10000);
        std::sort(movingSpeeds.begin(), movingSpeeds.end());
        const double median = movingSpeeds[movingSpeeds.size() / 2];
        QVERIFY2(median >= 4.0 && median <= 8.0, qPrintable(QString::number(median)));
    }

    void snapshotHoldsOpenAndRecentOrders()
    {
        Simulation sim(beijing(), options(5));
        run(sim, 1200);
        std::vector<std::string> records;
        std::string end;
        sim.snapshot({}, records, end);
        const auto truth = sim.truthOrderStates();
        const auto seqs = sim.seqs();
        std::size_t orders = 0, riders = 0;
        for (const std::string &env : records) {
            Rec r;
            QVERIFY(parse("SNAP", env, r));
            QCOMPARE(r.seq, seqs.at(r.depot.toStdString()));
            if (r.type == "order.snapshot") {
                ++orders;
                for (const QString &f : requiredFields("order.created") + QStringList{"state", "rider_id", "eta", "created_at"})
                    QVERIFY2(r.data.contains(f), qPrintable(f));
                QCOMPARE(r.data.value("state").toString().toStdString(), truth.at(r.data.value("order_id").toString().toStdString()));
            } else {
                QCOMPARE(r.type, QStringLiteral("rider.snapshot"));
                ++riders;
                for (const QString &f : requiredFields("rider.status") + requiredFields("rider.position"))
                    QVERIFY2(r.data.contains(f), qPrintable(f));
            }
        }
        QCOMPARE(orders, truth.size()); // all finals are younger than 24 h here
        QVERIFY(riders >= 60); // the fleet plus any crowd-sourced riders called in
        const QJsonObject e = QJsonDocument::fromJson(QByteArray::fromStdString(end)).object();
        QCOMPARE(e.value("epoch").toString().toStdString(), sim.epoch());
        QCOMPARE(e.value("seqs").toObject().size(), 3);

        records.clear();
        sim.snapshot({"BJ-HD-02"}, records, end);
        for (const std::string &env : records)
            QVERIFY(env.find("\"depot\":\"BJ-HD-02\"") != std::string::npos);
        QCOMPARE(QJsonDocument::fromJson(QByteArray::fromStdString(end)).object().value("seqs").toObject().keys(),
                 QStringList{"BJ-HD-02"});
    }

    void restartEpochResetsSeq()
    {
        Simulation sim(beijing(), options(5));
        run(sim, 10);
        const std::string e1 = sim.epoch();
        QCOMPARE(e1, std::string("gw1-20261116T101500Z"));
        sim.restartEpoch();
        QVERIFY(sim.epoch() != e1);
        const auto out = run(sim, 2);
        std::map<QString, qint64> first;
        for (const WireMessage &m : out) {
            Rec r;
            QVERIFY(parse(m.topic, m.envelope, r));
            QCOMPARE(r.epoch.toStdString(), sim.epoch());
            if (!first.contains(r.depot))
                first[r.depot] = r.seq;
        }
        for (const auto &[d, s] : first)
            QCOMPARE(s, qint64{1});
    }

    void tokenBucketAdmitsBurstThenRate()
    {
        IntakeControl intake;
        intake.setRateLimit("depot:X", 60, 5, 0);
        int admitted = 0;
        for (int i = 0; i < 20; ++i)
            admitted += intake.admit("depot:X", "merchant:m", 0) == Admission::Accepted;
        QCOMPARE(admitted, 5);
        admitted = 0;
        for (std::int64_t t = 1000; t <= 10000; t += 1000)
            admitted += intake.admit("depot:X", "merchant:m", t) == Admission::Accepted;
        QCOMPARE(admitted, 10);
        QVERIFY(intake.admit("depot:Y", "merchant:m", 10000) == Admission::Accepted); // other scope untouched
    }

    void autoBreakerOpensProbesAndCloses()
    {
        IntakeControl intake;
        intake.ensureBreaker("depot:X");
        for (int i = 0; i < 12; ++i)
            intake.recordOutcome("depot:X", "merchant:m", true, 1000);
        QVERIFY(intake.admit("depot:X", "merchant:m", 1000) == Admission::BreakerOpen);
        intake.tick(1000 + IntakeControl::kCooldownMs);
        QVERIFY(intake.breakersFor("depot:X", {}).at(0).state == BreakerState::HalfOpen);
        int admitted = 0;
        for (int i = 0; i < 9; ++i)
            if (intake.admit("depot:X", "merchant:m", 30000) == Admission::Accepted) {
                ++admitted;
                intake.recordOutcome("depot:X", "merchant:m", false, 30000);
            }
        QVERIFY(admitted >= IntakeControl::kProbesToClose);
        QVERIFY(intake.breakersFor("depot:X", {}).at(0).state == BreakerState::Closed);
        intake.setBreakerMode("depot:X", BreakerMode::ForcedOpen, 31000);
        QVERIFY(intake.admit("depot:X", "merchant:m", 31000) == Admission::BreakerOpen);
        intake.setBreakerMode("depot:X", BreakerMode::ForcedClosed, 31000);
        for (int i = 0; i < 30; ++i)
            intake.recordOutcome("depot:X", "merchant:m", true, 31000);
        QVERIFY(intake.admit("depot:X", "merchant:m", 31000) == Admission::Accepted);
    }

    void stormTripsAutoBreakerWithoutLimits()
    {
        Simulation sim(beijing(), options(9, Scenario::Storm));
        qint64 breakerRejects = 0, offered = 0;
        bool sawOpen = false;
        for (const WireMessage &m : run(sim, 420)) {
            if (!m.topic.ends_with("/gateway.stats"))
                continue;
            Rec r;
            QVERIFY(parse(m.topic, m.envelope, r));
            offered += r.data.value("offered").toInteger();
            breakerRejects += r.data.value("rejected").toObject().value("breaker_open").toInteger();
            for (const QJsonValue &b : r.data.value("breakers").toArray())
                sawOpen = sawOpen || b.toObject().value("state").toString() != "closed";
        }
        QVERIFY(offered > 300);
        QVERIFY(sawOpen);
        QVERIFY(breakerRejects > 0);
    }

    void controlCommandsOnSimulation()
    {
        Simulation sim(beijing(), options(4));
        ControlHandler control(sim);
        run(sim, 300);
        std::vector<WireMessage> out;
        auto ask = [&](const QString &json) {
            return QJsonDocument::fromJson(QByteArray::fromStdString(control.handle(json.toStdString(), out))).object();
        };
        QString created;
        for (const auto &[id, state] : sim.truthOrderStates())
            if (state == "CREATED" || state == "PAID")
                created = QString::fromStdString(id);
        QVERIFY(!created.isEmpty());
        const QString by = R"("by":{"user":"lihua","role":"dispatcher"})";
        QVERIFY(ask(QStringLiteral(R"({"id":"c-1","cmd":"hold","order_id":"%1","reason":"check",%2})").arg(created, by)).value("ok").toBool());
        QCOMPARE(out.size(), std::size_t{1});
        QCOMPARE(sim.truthOrderStates().at(created.toStdString()), std::string("HELD"));
        // Same id again: same reply, nothing new on the feed.
        QVERIFY(ask(QStringLiteral(R"({"id":"c-1","cmd":"hold","order_id":"%1","reason":"check",%2})").arg(created, by)).value("ok").toBool());
        QCOMPARE(out.size(), std::size_t{1});
        const QJsonObject again = ask(QStringLiteral(R"({"id":"c-2","cmd":"hold","order_id":"%1",%2})").arg(created, by));
        QCOMPARE(again.value("error").toString(), QStringLiteral("illegal_transition"));
        QVERIFY(ask(QStringLiteral(R"({"id":"c-3","cmd":"release","order_id":"%1",%2})").arg(created, by)).value("ok").toBool());
        QCOMPARE(sim.truthOrderStates().at(created.toStdString()), std::string("PAID"));
        QVERIFY(out.back().envelope.find("\"by\":\"lihua\"") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestSimSimulation)
#include "tst_sim_simulation.moc"
