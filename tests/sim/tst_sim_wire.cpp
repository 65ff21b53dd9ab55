#include <WireWriter.h>
#include <core/model/Event.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace opsdeck::sim;

class TestSimWire final : public QObject
{
    Q_OBJECT
private slots:
    void escapesEverythingJsonNeeds()
    {
        std::string out;
        appendEscaped(out, std::string_view("a\"b\\c\n\t\x01\x1f 张伟 🚲"));
        QCOMPARE(QString::fromStdString(out), QString::fromUtf8("\"a\\\"b\\\\c\\n\\t\\u0001\\u001f 张伟 🚲\""));
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString("[" + out + "]"));
        QVERIFY(doc.isArray());
    }

    void timestampsMatchCore()
    {
        for (std::int64_t ms : {0LL, 1LL, 999LL, 1763806500123LL, 1794816000000LL, 951782400000LL /* 2000-02-29 */,
                                4102444799999LL}) {
            std::string out;
            appendTimestamp(out, ms);
            QCOMPARE(QString::fromStdString(out), QLatin1Char('"') + QString::fromStdString(opsdeck::core::formatTimestampMs(ms)) + QLatin1Char('"'));
            QCOMPARE(opsdeck::core::parseTimestampMs(out.substr(1, out.size() - 2)).value_or(-1), ms);
        }
    }

    void numbersAndStructure()
    {
        std::string out;
        JsonWriter w(out);
        w.beginObject();
        w.field("i", std::int64_t{-42});
        w.field("d", 39.9215678, 6);
        w.field("z", -0.0001, 2);
        w.field("b", true);
        w.key("a");
        w.beginArray();
        w.value("x");
        w.beginObject();
        w.endObject();
        w.null();
        w.endArray();
        w.endObject();
        QCOMPARE(QString::fromStdString(out), QStringLiteral(R"({"i":-42,"d":39.921568,"z":0.00,"b":true,"a":["x",{},null]})"));
    }

    void envelopeIsProtocolShaped()
    {
        std::string env;
        beginEnvelope(env, "gw1-20261122T101500Z", "BJ-CY-01", 1234, "e-9f1c2d", 1794824100123LL, "order.paid");
        JsonWriter w(env);
        w.field("order_id", "DD2611220001");
        w.field("amount", 12.5, 2);
        endEnvelope(env);
        const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(env)).object();
        QCOMPARE(o.value("v").toInt(), 1);
        QCOMPARE(o.value("seq").toInt(), 1234);
        QCOMPARE(o.value("depot").toString(), QStringLiteral("BJ-CY-01"));
        QCOMPARE(o.value("type").toString(), QStringLiteral("order.paid"));
        QCOMPARE(o.value("data").toObject().value("amount").toDouble(), 12.5);
        QVERIFY(opsdeck::core::parseTimestampMs(o.value("ts").toString().toStdString()).has_value());
    }
};

QTEST_GUILESS_MAIN(TestSimWire)
#include "tst_sim_wire.moc"
