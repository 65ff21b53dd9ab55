// Issue 18: customer-service message templates rendered with their variables in English
// and Simplified Chinese (the real catalogue, :/i18n/opsdeck_zh_CN.qm), whatever the
// console's own language; bad input (unknown template or language, missing variables)
// yields an error and no text, never a half-filled message.
#include "sdk/MessageTemplates.h"

#include <QTest>
#include <QTranslator>

using namespace opsdeck::sdk;

class TestMessageTemplates final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_chinese.load(QStringLiteral(":/i18n/opsdeck_zh_CN.qm"))); }

    void everyTemplateRendersInBothLanguages_data()
    {
        QTest::addColumn<QString>("id");
        for (const char *id : {"delay_apology", "oos_substitution", "storm_retry"})
            QTest::newRow(id) << QString::fromLatin1(id);
    }
    void everyTemplateRendersInBothLanguages()
    {
        QFETCH(QString, id);
        const auto t = messageTemplateFromId(id);
        QVERIFY(t.has_value());
        QCOMPARE(messageTemplateId(*t), id);
        const QHash<QString, QString> vars{{"customer", "王女士"}, {"order", "DD2611270001000042"},
                                           {"minutes", "25"},     {"item", "Milk 1L"},
                                           {"substitute", "Milk 950ml"}};
        const RenderedMessage en = renderMessage(*t, QStringLiteral("en"), vars, &m_chinese);
        const RenderedMessage zh = renderMessage(*t, QStringLiteral("zh_CN"), vars, &m_chinese);
        QVERIFY2(en.ok(), qPrintable(en.error));
        QVERIFY2(zh.ok(), qPrintable(zh.error));
        QVERIFY(en.text.startsWith(QStringLiteral("Dear 王女士,")));
        QVERIFY(zh.text.startsWith(QStringLiteral("尊敬的王女士")));
        QVERIFY(zh.text != en.text);
        for (const QString &name : messageTemplateVariables(*t)) {
            QVERIFY2(en.text.contains(vars.value(name)), qPrintable(name));
            QVERIFY2(zh.text.contains(vars.value(name)), qPrintable(name));
        }
        QVERIFY(!en.text.contains('{') && !zh.text.contains('{'));
    }

    void delayApologyReadsAsWritten()
    {
        const QHash<QString, QString> vars{{"customer", "Ms Li"}, {"order", "DD1"}, {"minutes", "20"}};
        QCOMPARE(renderMessage(MessageTemplate::DelayApology, "en", vars, &m_chinese).text,
                 QStringLiteral("Dear Ms Li, we are sorry: your order DD1 is running late. "
                                "It should now arrive in about 20 minutes."));
        QCOMPARE(renderMessage(MessageTemplate::DelayApology, "zh_CN", vars, &m_chinese).text,
                 QStringLiteral("尊敬的Ms Li，非常抱歉：您的订单 DD1 将会延误，预计约 20 分钟后送达。"));
    }

    void badInputGivesAnErrorAndNoText()
    {
        QVERIFY(!messageTemplateFromId(QStringLiteral("spam")).has_value());
        QVERIFY(!messageTemplateFromId(QString()).has_value());
        const QHash<QString, QString> some{{"customer", "Ms Li"}, {"minutes", " "}};
        const RenderedMessage missing = renderMessage(MessageTemplate::DelayApology, "en", some, &m_chinese);
        QVERIFY(!missing.ok());
        QVERIFY(missing.text.isEmpty());
        QCOMPARE(missing.missing, (QStringList{"order", "minutes"}));
        const RenderedMessage french = renderMessage(MessageTemplate::StormRetry, "fr", some, &m_chinese);
        QVERIFY(!french.ok());
        QVERIFY(french.text.isEmpty());
        // No catalogue: no Chinese text, rather than English sent to a Chinese reader.
        const RenderedMessage noCatalogue = renderMessage(MessageTemplate::StormRetry, "zh_CN",
                                                          {{"customer", "a"}, {"minutes", "5"}}, nullptr);
        QVERIFY(!noCatalogue.ok());
        QVERIFY(noCatalogue.text.isEmpty());
        // A value is inserted as typed, not read again as a placeholder.
        const RenderedMessage odd = renderMessage(MessageTemplate::DelayApology, "en",
                                                  {{"customer", "{order}"}, {"order", "DD1"}, {"minutes", "5"}},
                                                  &m_chinese);
        QVERIFY(odd.text.startsWith(QStringLiteral("Dear {order}, ")));
    }

private:
    QTranslator m_chinese;
};

QTEST_GUILESS_MAIN(TestMessageTemplates)
#include "tst_message_templates.moc"
