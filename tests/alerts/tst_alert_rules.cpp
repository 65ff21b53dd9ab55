// The rules file: every bad rule is reported with its reason and left out, the good
// ones are still loaded; a file that is not a rules document loads nothing and says why.
#include "core/alerts/AlertRules.h"

#include <QTest>

using namespace opsdeck::core;

namespace {
const char *const kGood =
    R"({"id":"good","kind":"order_state_timeout","state":"PAID","thresholds":{"minutes":10},"severity":"warning","roles":["dispatcher"]})";

QByteArray doc(const QByteArray &badRule)
{
    return "{\"version\":1,\"rules\":[" + QByteArray(kGood) + "," + badRule + "]}";
}
} // namespace

class TestAlertRules final : public QObject
{
    Q_OBJECT

private slots:
    void badRule_data()
    {
        QTest::addColumn<QByteArray>("rule");
        QTest::addColumn<QString>("reason");
        const auto row = [](const char *name, const char *rule, const char *reason) {
            QTest::newRow(name) << QByteArray(rule) << QString::fromUtf8(reason);
        };
        row("not an object", R"(42)", "rule is not an object");
        row("no id", R"({"kind":"rider_out_of_zone","severity":"info","roles":["dispatcher"]})", "id missing");
        row("empty id", R"({"id":" ","kind":"rider_out_of_zone","severity":"info","roles":["dispatcher"]})", "id missing");
        row("duplicate id", R"({"id":"good","kind":"rider_out_of_zone","severity":"info","roles":["dispatcher"]})", "duplicate id");
        row("unknown kind", R"({"id":"x","kind":"moon_phase","severity":"info","roles":["dispatcher"]})", "unknown kind 'moon_phase'");
        row("bad severity", R"({"id":"x","kind":"rider_out_of_zone","severity":"urgent","roles":["dispatcher"]})", "severity must be");
        row("no roles", R"({"id":"x","kind":"rider_out_of_zone","severity":"info","roles":[]})", "roles must be a non-empty array");
        row("unknown role", R"({"id":"x","kind":"rider_out_of_zone","severity":"info","roles":["janitor"]})", "unknown role 'janitor'");
        row("missing threshold", R"({"id":"x","kind":"rider_battery_low","severity":"info","roles":["dispatcher"]})", "threshold 'pct' missing");
        row("threshold out of range", R"({"id":"x","kind":"rider_battery_low","thresholds":{"pct":150},"severity":"info","roles":["dispatcher"]})", "threshold 'pct' out of range");
        row("threshold not a number", R"({"id":"x","kind":"rider_battery_low","thresholds":{"pct":"15"},"severity":"info","roles":["dispatcher"]})", "threshold 'pct' is not a number");
        row("negative debounce", R"({"id":"x","kind":"rider_out_of_zone","severity":"info","debounce_s":-1,"roles":["dispatcher"]})", "debounce_s must be");
        row("escalation not a number", R"({"id":"x","kind":"rider_out_of_zone","severity":"info","escalate_after_min":"soon","roles":["dispatcher"]})", "escalate_after_min must be");
        // Found by fuzz_alert_rules: minutes past what milliseconds in 64 bits can hold.
        row("escalation too late", R"({"id":"x","kind":"rider_out_of_zone","severity":"info","escalate_after_min":1e48,"roles":["dispatcher"]})", "escalate_after_min must be");
        row("final state", R"({"id":"x","kind":"order_state_timeout","state":"SIGNED","thresholds":{"minutes":5},"severity":"info","roles":["dispatcher"]})", "state must be a non-final");
        row("unknown state", R"({"id":"x","kind":"order_state_timeout","state":"LOST","thresholds":{"minutes":5},"severity":"info","roles":["dispatcher"]})", "state must be a non-final");
        row("burst by what", R"({"id":"x","kind":"suspicious_burst","by":"ip","thresholds":{"count":5,"window_minutes":10},"severity":"info","roles":["dispatcher"]})", "by must be");
        row("enabled not bool", R"({"id":"x","kind":"rider_out_of_zone","severity":"info","enabled":"yes","roles":["dispatcher"]})", "enabled must be");
    }

    void badRule()
    {
        QFETCH(QByteArray, rule);
        QFETCH(QString, reason);
        const AlertRuleSet set = parseAlertRules(doc(rule));
        QCOMPARE(set.rules.size(), std::size_t(1)); // the good one is kept
        QCOMPARE(set.rules.front().id, std::string("good"));
        QCOMPARE(set.errors.size(), std::size_t(1));
        QCOMPARE(set.errors.front().index, 1);
        QVERIFY2(QString::fromStdString(set.errors.front().reason).startsWith(reason), set.errors.front().reason.c_str());
    }

    void everyBadRuleIsCounted()
    {
        const AlertRuleSet set = parseAlertRules(R"({"rules":[
            {"id":"a","kind":"nope","severity":"info","roles":["dispatcher"]},
            {"id":"b","kind":"rider_out_of_zone","severity":"info","roles":["dispatcher"]},
            {"id":"c","kind":"rider_out_of_zone","severity":"loud","roles":["dispatcher"]},
            {"id":"d","kind":"rider_out_of_zone","severity":"info","roles":["merchant"],"debounce_s":30}]})");
        QCOMPARE(set.rules.size(), std::size_t(2));
        QCOMPARE(set.errors.size(), std::size_t(2));
        QCOMPARE(set.errors[0].id, std::string("a"));
        QCOMPARE(set.errors[1].id, std::string("c"));
        QCOMPARE(set.rules[1].debounceMs, std::int64_t(30000));
    }

    void badDocuments_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty") << QByteArray() << "not JSON";
        QTest::newRow("truncated") << QByteArray(R"({"rules":[{"id":)") << "not JSON";
        QTest::newRow("binary") << QByteArray("\x00\xff\xfe garbage", 11) << "not JSON";
        QTest::newRow("array") << QByteArray("[]") << "expected an object";
        QTest::newRow("rules not array") << QByteArray(R"({"rules":{}})") << "expected an object";
        QTest::newRow("future version") << QByteArray(R"({"version":2,"rules":[]})") << "unsupported version";
    }

    void badDocuments()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, reason);
        const AlertRuleSet set = parseAlertRules(json);
        QVERIFY(set.rules.empty());
        QCOMPARE(set.errors.size(), std::size_t(1));
        QCOMPARE(set.errors.front().index, -1);
        QVERIFY2(QString::fromStdString(set.errors.front().reason).startsWith(reason), set.errors.front().reason.c_str());
    }

    void missingOverrideFallsBackToBuiltIn()
    {
        const AlertRuleSet set = loadAlertRules(QStringLiteral("/nonexistent/rules.json"));
        QCOMPARE(set.source, QStringLiteral(":/alerts/rules.json"));
        QVERIFY(set.errors.empty());
        QVERIFY(!set.rules.empty());
    }
};

QTEST_GUILESS_MAIN(TestAlertRules)
#include "tst_alert_rules.moc"
