// Codes are never shown raw: every code the simulated gateway emits (driven with a seed
// for an hour of simulated time, storm included, plus the commands' own defaults) and
// every code protocol.md names has a label in English and in Simplified Chinese (the
// real catalogue, :/i18n/opsdeck_zh_CN.qm); unknown codes read as words; scopes and
// depots read as places; the alert table names its rules and the orders behind a burst;
// a refused action says in words what the order is doing and what is allowed now.
#include "app/features/alerts/AlertServiceHost.h"
#include "app/features/board/ControlOrderActions.h"
#include "core/alerts/AlertRules.h"
#include "sdk/CodeLabels.h"
#include "widgets/alerts/AlertQueueModel.h"

#include <City.h>
#include <Simulation.h>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTranslator>

#include <map>
#include <set>

using namespace opsdeck;
using sdk::CodeFamily;

namespace {

constexpr std::int64_t kStart = 1795312800000; // 2026-11-22T02:00:00Z

using CodeSet = std::map<CodeFamily, std::set<QString>>;

struct Emitted {
    CodeSet codes;
    std::set<QString> scopes;
};

void collect(const QJsonObject &env, std::set<QString> &riders, Emitted &seen)
{
    const QString type = env.value(QLatin1String("type")).toString();
    const QJsonObject d = env.value(QLatin1String("data")).toObject();
    const auto add = [&](CodeFamily family, const char *field) {
        if (const QString v = d.value(QLatin1String(field)).toString(); !v.isEmpty())
            seen.codes[family].insert(v);
    };
    if (type.startsWith(QLatin1String("order.")))
        seen.codes[CodeFamily::EventType].insert(type); // named by illegal-transition alerts
    if (type == QLatin1String("order.created")) {
        add(CodeFamily::Channel, "channel");
        add(CodeFamily::Priority, "priority");
    } else if (type == QLatin1String("order.paid")) {
        add(CodeFamily::PaymentMethod, "method");
    } else if (type == QLatin1String("order.released")) {
        add(CodeFamily::Actor, "by");
    } else if (type == QLatin1String("order.closed")) {
        add(CodeFamily::Outcome, "outcome");
    } else if (type == QLatin1String("order.exception")) {
        add(CodeFamily::Reason, "reason");
        if (!riders.count(d.value(QLatin1String("reported_by")).toString())) // a rider is named by id
            add(CodeFamily::Actor, "reported_by");
    } else if (type.startsWith(QLatin1String("order."))) {
        add(CodeFamily::Reason, "reason");
    } else if (type == QLatin1String("rider.status")) {
        add(CodeFamily::RiderStatus, "status");
        riders.insert(d.value(QLatin1String("rider_id")).toString()); // storms bring riders in
    } else if (type == QLatin1String("rider.report")) {
        add(CodeFamily::Reason, "kind");
    } else if (type == QLatin1String("sensor.reading")) {
        add(CodeFamily::SensorKind, "kind");
    } else if (type == QLatin1String("gateway.stats")) {
        for (const auto &l : d.value(QLatin1String("limits")).toArray())
            seen.scopes.insert(l.toObject().value(QLatin1String("scope")).toString());
        for (const auto &b : d.value(QLatin1String("breakers")).toArray()) {
            const QJsonObject o = b.toObject();
            seen.scopes.insert(o.value(QLatin1String("scope")).toString());
            seen.codes[CodeFamily::BreakerState].insert(o.value(QLatin1String("state")).toString());
            seen.codes[CodeFamily::BreakerMode].insert(o.value(QLatin1String("mode")).toString());
        }
    }
}

void collect(const std::vector<sim::WireMessage> &out, std::set<QString> &riders, Emitted &seen)
{
    for (const sim::WireMessage &m : out) {
        if (m.topic.find("rider.position") != std::string::npos)
            continue; // no codes, and most of the stream
        collect(QJsonDocument::fromJson(QByteArray::fromStdString(m.envelope)).object(), riders, seen);
    }
}

// An hour of a storm on five depots, with a rate limit and a forced breaker, then an
// operator's hold and cancel without a reason (the gateway's default reasons).
const Emitted &emitted()
{
    static const Emitted seen = [] {
        Emitted e;
        sim::SimulationOptions o;
        o.seed = 14;
        o.startMs = kStart;
        o.depots = 5;
        o.ordersPerMin = 120;
        o.scenario = sim::Scenario::Storm;
        sim::Simulation sim(sim::City::load(), o);
        std::set<QString> riders;
        for (const std::string &r : sim.riderIds())
            riders.insert(QString::fromStdString(r));
        sim.intake().setRateLimit("global", 500, 50, sim.nowMs());
        sim.intake().setRateLimit("depot:BJ-CY-01", 60, 10, sim.nowMs());
        sim.intake().setBreakerMode("depot:BJ-HD-02", sim::BreakerMode::ForcedOpen, sim.nowMs());
        std::vector<sim::WireMessage> out;
        for (int s = 0; s < 3600; ++s) {
            sim.step(1000, out);
            if (s % 60 == 59) {
                collect(out, riders, e);
                out.clear();
            }
        }
        bool held = false, cancelled = false;
        for (const auto &[id, state] : sim.truthOrderStates()) {
            if (!held && state == "PAID")
                held = sim.hold(id, "", out).ok();
            else if (!cancelled && state == "PICKING")
                cancelled = sim.cancel(id, "", out).ok();
        }
        collect(out, riders, e);
        return e;
    }();
    return seen;
}

// What protocol.md names besides: the six exception reasons, the rider statuses, the
// breaker states and modes, the control errors and commands.
CodeSet protocolCodes()
{
    return {
        {CodeFamily::Reason,
         {"traffic_accident", "customer_rejected", "damaged", "delayed", "address_invalid", "other", "suspicious_burst"}},
        {CodeFamily::RiderStatus, {"offline", "idle", "to_pickup", "delivering", "break"}},
        {CodeFamily::SensorKind, {"temperature", "humidity", "weight"}},
        {CodeFamily::BreakerState, {"closed", "open", "half_open"}},
        {CodeFamily::BreakerMode, {"auto", "forced_open", "forced_closed"}},
        {CodeFamily::ControlError,
         {"bad_request", "unknown_cmd", "unknown_order", "illegal_transition", "unknown_rider", "forbidden"}},
        {CodeFamily::Command,
         {"ping", "set_rate_limit", "clear_rate_limit", "set_breaker", "divert", "clear_divert", "reassign", "hold",
          "release", "cancel"}},
        {CodeFamily::Channel, {"fresh", "campus", "errand"}},
    };
}

QString familyName(CodeFamily f)
{
    return QString::number(static_cast<int>(f));
}

} // namespace

class TestCodeLabels final : public QObject
{
    Q_OBJECT

    QTranslator m_chinese;

    void useChinese(bool on)
    {
        QCoreApplication::removeTranslator(&m_chinese);
        if (on)
            QVERIFY(QCoreApplication::installTranslator(&m_chinese));
    }

    // Known, worded, and worded differently in each language.
    void expectLabelled(CodeFamily family, const QString &code)
    {
        const QString what = familyName(family) + QLatin1Char('/') + code;
        QVERIFY2(sdk::isKnownCode(family, code), qPrintable(what + QLatin1String(" has no label")));
        const QString english = sdk::codeLabel(family, code);
        QVERIFY2(!english.isEmpty() && english != code, qPrintable(what + QLatin1String(" en: ") + english));
        useChinese(true);
        const QString chinese = sdk::codeLabel(family, code);
        useChinese(false);
        QVERIFY2(!chinese.isEmpty() && chinese != code && chinese != english,
                 qPrintable(what + QLatin1String(" zh_CN: ") + chinese));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_chinese.load(QStringLiteral(":/i18n/opsdeck_zh_CN.qm")));
    }

    void everyCodeTheSimulatorEmitsHasWordsInBothLanguages()
    {
        const Emitted &seen = emitted();
        // The run reached every family, so the check below is not vacuous.
        for (CodeFamily f : {CodeFamily::Channel, CodeFamily::Priority, CodeFamily::PaymentMethod, CodeFamily::Reason,
                             CodeFamily::Actor, CodeFamily::Outcome, CodeFamily::RiderStatus, CodeFamily::SensorKind,
                             CodeFamily::BreakerState, CodeFamily::BreakerMode, CodeFamily::EventType})
            QVERIFY2(seen.codes.count(f) && !seen.codes.at(f).empty(), qPrintable(familyName(f)));
        for (const char *code : {"suspicious_burst", "payment_review", "traffic_accident", "slow_pickup",
                                 "operator_hold", "operator_cancel"})
            QVERIFY2(seen.codes.at(CodeFamily::Reason).count(QLatin1String(code)), code);
        QVERIFY(seen.codes.at(CodeFamily::PaymentMethod).count(QStringLiteral("alipay")));
        QVERIFY(seen.codes.at(CodeFamily::Channel).count(QStringLiteral("errand")));
        for (const auto &[family, codes] : seen.codes)
            for (const QString &code : codes)
                expectLabelled(family, code);
    }

    void everyCodeOfTheProtocolHasWordsInBothLanguages()
    {
        for (const auto &[family, codes] : protocolCodes())
            for (const QString &code : codes)
                expectLabelled(family, code);
    }

    void scopesAndDepotsReadAsPlaces()
    {
        const Emitted &seen = emitted();
        QVERIFY(seen.scopes.count(QStringLiteral("global")));
        QVERIFY(seen.scopes.count(QStringLiteral("depot:BJ-CY-01")));
        QCOMPARE(sdk::scopeLabel(QStringLiteral("global")), QStringLiteral("Whole city"));
        QCOMPARE(sdk::scopeLabel(QStringLiteral("depot:BJ-CY-01")), QStringLiteral("Depot BJ-CY-01 (Chaoyang)"));
        QCOMPARE(sdk::scopeLabel(QStringLiteral("merchant:M-7")), QStringLiteral("Merchant M-7"));
        for (const QString &scope : seen.scopes) {
            const QString english = sdk::scopeLabel(scope);
            QVERIFY2(english != scope && !english.contains(u':'), qPrintable(english));
            useChinese(true);
            const QString chinese = sdk::scopeLabel(scope);
            useChinese(false);
            QVERIFY2(chinese != english && !chinese.contains(u':'), qPrintable(chinese));
        }
        useChinese(true);
        QCOMPARE(sdk::scopeLabel(QStringLiteral("global")), QStringLiteral("全城"));
        QCOMPARE(sdk::depotLabel(QStringLiteral("BJ-HD-02")), QStringLiteral("站点 BJ-HD-02（海淀）"));
        useChinese(false);
    }

    void unknownCodesReadAsWords()
    {
        QCOMPARE(sdk::codeLabel(CodeFamily::Reason, QStringLiteral("rider_fell_asleep")), QStringLiteral("rider fell asleep"));
        QCOMPARE(sdk::codeLabel(CodeFamily::PaymentMethod, QStringLiteral("apple_pay")), QStringLiteral("apple pay"));
        QCOMPARE(sdk::codeLabel(CodeFamily::Reason, QString()), QString());
        QCOMPARE(sdk::scopeLabel(QStringLiteral("zone_north")), QStringLiteral("zone north"));
        QCOMPARE(sdk::depotLabel(QStringLiteral("SH-PD-01")), QStringLiteral("Depot SH-PD-01"));
    }

    void everyBuiltInRuleHasANameInBothLanguages()
    {
        QCOMPARE(sdk::catalogueLanguage(), QStringLiteral("en"));
        const QJsonArray rules =
            QJsonDocument::fromJson(core::builtInAlertRulesJson()).object().value(QLatin1String("rules")).toArray();
        QVERIFY(!rules.isEmpty());
        for (const QJsonValue &v : rules) {
            const QJsonObject rule = v.toObject();
            const QString id = rule.value(QLatin1String("id")).toString();
            const QString english = sdk::alertRuleName(id, rule);
            QVERIFY2(!english.isEmpty() && english != id, qPrintable(id));
            // The file itself carries both languages: an installation's copy of it (the
            // override file) keeps its Chinese titles when its English ones are edited.
            QVERIFY2(!rule.value(QLatin1String("title_zh_CN")).toString().trimmed().isEmpty(), qPrintable(id));
            useChinese(true);
            QCOMPARE(sdk::catalogueLanguage(), QStringLiteral("zh_CN"));
            const QString chinese = sdk::alertRuleName(id, rule);
            useChinese(false);
            QVERIFY2(!chinese.isEmpty() && chinese != english && chinese != id, qPrintable(id + QLatin1String(": ") + chinese));
        }
        // A rule that brings its own translated title needs no code and no catalogue entry.
        const QJsonObject custom{{QStringLiteral("id"), QStringLiteral("x.night_rush")},
                                 {QStringLiteral("title"), QStringLiteral("Night rush")},
                                 {QStringLiteral("title_zh_CN"), QStringLiteral("夜间高峰")}};
        QCOMPARE(sdk::alertRuleName(QStringLiteral("x.night_rush"), custom), QStringLiteral("Night rush"));
        useChinese(true);
        QCOMPARE(sdk::alertRuleName(QStringLiteral("x.night_rush"), custom), QStringLiteral("夜间高峰"));
        useChinese(false);
        QCOMPARE(sdk::alertRuleName(QStringLiteral("x.untitled_rule"), {}), QStringLiteral("x untitled rule"));
    }

    // The alert table: the Rule column names the rule, an account burst's Subject names
    // its orders (never "account:<hash>"), in each language.
    void alertTableNamesTheRuleAndTheOrdersBehindAnAccount()
    {
        core::Alert a;
        a.id = 7;
        a.ruleId = "storm.burst_account";
        a.kind = "suspicious_burst";
        a.subject = {core::AlertSubjectKind::Account, "account:0123456789ab", "DD2611220001", {}, "BJ-CY-01"};
        a.message = core::alertMessage(core::AlertCode::BurstAccount, 3, 10, "DD2611220001, DD2611220002, DD2611220003");
        a.roles = {"customer_service"};
        a.firstAtMs = a.lastAtMs = kStart;
        core::Alert storm = a;
        storm.id = 8;
        storm.ruleId = "storm.orders_per_minute";
        storm.subject = {core::AlertSubjectKind::Depot, "BJ-HD-02", {}, {}, "BJ-HD-02"};
        storm.message = core::alertMessage(core::AlertCode::OrderStorm, 30, 4.5, 8.5);

        widgets::AlertQueueModel model(QStringLiteral("customer_service"), [] { return kStart; });
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRules(core::builtInAlertRulesJson());
        model.reset({app::AlertServiceHost::toRow(a), app::AlertServiceHost::toRow(storm)});
        QCOMPARE(model.rowCount(), 2);
        const int burst = model.rowOf(7), depot = model.rowOf(8);
        const auto cell = [&model](int row, int column) { return model.index(row, column).data().toString(); };
        QCOMPARE(cell(burst, widgets::AlertQueueModel::RuleColumn), QStringLiteral("Burst of orders from one account"));
        QCOMPARE(cell(burst, widgets::AlertQueueModel::SubjectColumn),
                 QStringLiteral("3 orders: DD2611220001, DD2611220002, DD2611220003"));
        QCOMPARE(cell(depot, widgets::AlertQueueModel::RuleColumn), QStringLiteral("Order storm"));
        QCOMPARE(cell(depot, widgets::AlertQueueModel::SubjectColumn), QStringLiteral("Depot BJ-HD-02 (Haidian)"));
        // The id and the key stay at hand for the rules file and the history search.
        QCOMPARE(model.index(burst, widgets::AlertQueueModel::RuleColumn).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("storm.burst_account"));

        useChinese(true);
        QCOMPARE(cell(burst, widgets::AlertQueueModel::RuleColumn), QStringLiteral("同一账户集中下单"));
        QCOMPARE(cell(burst, widgets::AlertQueueModel::SubjectColumn),
                 QStringLiteral("3 笔订单：DD2611220001, DD2611220002, DD2611220003"));
        useChinese(false);
    }

    // Refused on the spot: what the order is doing, why not, what is allowed instead; no
    // state machine codes, in either language, for every state and action.
    void refusalsSayWhatIsAllowed()
    {
        using Kind = sdk::OrderActions::Kind;
        sdk::OrderActions::Request hold{Kind::Hold, QStringLiteral("DD2611220009"), QStringLiteral("DELIVERING"), {},
                                        QStringLiteral("customer_request")};
        QCOMPARE(app::ControlOrderActions::refusalFor(hold),
                 QStringLiteral("Order DD2611220009 is being delivered. It cannot be held now. Allowed now: Reassign."));
        sdk::OrderActions::Request release{Kind::Release, QStringLiteral("DD2611220010"), QStringLiteral("PAID"), {}, {}};
        QCOMPARE(app::ControlOrderActions::refusalFor(release),
                 QStringLiteral("Order DD2611220010 is paid and waits to be picked. It cannot be released now: only a "
                                "held order can be released. Allowed now: Hold, Cancel."));
        for (bool chinese : {false, true}) {
            useChinese(chinese);
            for (const QString &state : sdk::knownCodes(CodeFamily::OrderState))
                for (Kind kind : {Kind::Reassign, Kind::Hold, Kind::Release, Kind::Cancel}) {
                    const QString text = app::ControlOrderActions::refusalFor(
                        {kind, QStringLiteral("DD1"), state, QStringLiteral("R-CY-001"), QStringLiteral("why")});
                    if (text.isEmpty())
                        continue; // allowed
                    QVERIFY2(!text.contains(state) && !text.contains(QLatin1String("state machine")), qPrintable(text));
                    const bool says = chinese ? text.contains(QStringLiteral("现在可以")) || text.contains(QStringLiteral("无法"))
                                              : text.contains(QLatin1String("Allowed now: "))
                            || text.contains(QLatin1String("No action can be taken"));
                    QVERIFY2(says, qPrintable(text));
                }
            useChinese(false);
        }
    }
};

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    TestCodeLabels t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_code_labels.moc"
