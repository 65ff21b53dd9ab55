// The console is quiet by default: the filter rules main() installs turn off info and
// debug of every opsdeck.* category (warnings stay), the console's settings entry
// `logging/rules` turns categories back on, and QT_LOGGING_RULES wins over both. The
// environment is set in main() below, before the application reads it.
#include "app/runtime/LoggingRules.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using namespace opsdeck;

namespace {

// A category of each kind: plain module, nested module, and the one the environment names.
Q_LOGGING_CATEGORY(lcFeed, "opsdeck.feed.decoder")
Q_LOGGING_CATEGORY(lcWindow, "opsdeck.app.mainwindow")
Q_LOGGING_CATEGORY(lcFromEnv, "opsdeck.kpi.live")
Q_LOGGING_CATEGORY(lcOther, "thirdparty.lib")

} // namespace

class TestLoggingRules final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void quietByDefault()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("empty.ini")), QSettings::IniFormat);
        app::installLoggingRules(settings);
        for (const QLoggingCategory *c : {&lcFeed(), &lcWindow()}) {
            QVERIFY2(!c->isDebugEnabled(), c->categoryName());
            QVERIFY2(!c->isInfoEnabled(), c->categoryName());
            QVERIFY2(c->isWarningEnabled(), c->categoryName());
            QVERIFY2(c->isCriticalEnabled(), c->categoryName());
        }
        QVERIFY(lcOther().isDebugEnabled()); // only the console's own categories are muted
    }

    void settingsEntrySwitchesCategoriesOn_data()
    {
        QTest::addColumn<QString>("rules");
        QTest::newRow("one line") << QStringLiteral("opsdeck.feed.*=true");
        QTest::newRow("as in QT_LOGGING_RULES") << QStringLiteral("opsdeck.feed.*.debug=true;opsdeck.feed.*.info=true");
    }

    void settingsEntrySwitchesCategoriesOn()
    {
        QFETCH(QString, rules);
        QSettings settings(m_dir.filePath(QStringLiteral("verbose.ini")), QSettings::IniFormat);
        settings.setValue(QLatin1String(app::kLoggingRulesKey), rules);
        settings.sync();
        // As main() reads it: a fresh QSettings on the console's file.
        const QSettings reread(settings.fileName(), QSettings::IniFormat);
        app::installLoggingRules(reread);
        QVERIFY(lcFeed().isDebugEnabled());
        QVERIFY(lcFeed().isInfoEnabled());
        QVERIFY(!lcWindow().isDebugEnabled()); // the rest stays quiet
        QVERIFY(!lcWindow().isInfoEnabled());
    }

    void environmentWinsOverDefaults()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("env.ini")), QSettings::IniFormat);
        app::installLoggingRules(settings);
        QVERIFY(lcFromEnv().isDebugEnabled()); // QT_LOGGING_RULES, set in main()
        QVERIFY(!lcFeed().isDebugEnabled());
    }

private:
    QTemporaryDir m_dir;
};

int main(int argc, char **argv)
{
    qputenv("QT_LOGGING_RULES", "opsdeck.kpi.live.debug=true");
    QCoreApplication app(argc, argv);
    TestLoggingRules test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_logging_rules.moc"
