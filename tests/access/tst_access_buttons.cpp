// Courtesy in the assembled window (issue 17): an action button is shown only to roles
// that the host would let act. The real plugins in the real window, per role; the check
// itself stays in the host (AlertServiceHost::applyRules, tst_access_matrix).
#include "app/assembly/WindowConsole.h"
#include "app/features/alerts/AlertServiceHost.h"
#include "app/features/alerts/AlertsFeature.h"
#include "app/shell/MainWindow.h"
#include "feed/ScriptedGateway.h"

#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

using namespace opsdeck;

class TestAccessButtons final : public QObject
{
    Q_OBJECT
private slots:
    void rulesButtonOnlyForRolesThatMayEditRules_data()
    {
        QTest::addColumn<QString>("role");
        QTest::addColumn<QString>("merchant");
        QTest::addColumn<bool>("shown");
        QTest::newRow("ops_manager") << "ops_manager" << "" << true;
        QTest::newRow("dispatcher") << "dispatcher" << "" << false;
        QTest::newRow("customer_service") << "customer_service" << "" << false;
        QTest::newRow("merchant") << "merchant" << "m1" << false;
    }
    void rulesButtonOnlyForRolesThatMayEditRules()
    {
        QFETCH(QString, role);
        QFETCH(QString, merchant);
        QTemporaryDir dir;
        feed::test::ScriptedGateway gw;
        app::ConsoleOptions o;
        o.runtime.feed = gw.feedEndpoint();
        o.runtime.snapshot = gw.snapshotEndpoint();
        o.runtime.control = gw.controlEndpoint();
        o.runtime.dbPath = dir.filePath(QStringLiteral("console.db"));
        o.runtime.clockMs = [] { return std::int64_t{1'765'000'000'000}; };
        o.settingsPath = dir.filePath(QStringLiteral("console.ini"));
        o.role = role;
        o.merchant = merchant;
        o.user = QStringLiteral("kai");
        app::WindowConsole console(o, {QStringLiteral(OPSDECK_PLUGIN_DIR)});
        QString error;
        QVERIFY2(console.start(&error), qPrintable(error));
        console.window()->show();
        QVERIFY(QTest::qWaitForWindowExposed(console.window()));
        const QList<QPushButton *> buttons = console.window()->findChildren<QPushButton *>(QStringLiteral("rulesButton"));
        QVERIFY2(!buttons.isEmpty(), "the role's desk has an alert queue");
        QFETCH(bool, shown);
        for (QPushButton *button : buttons)
            QCOMPARE(button->isVisibleTo(console.window()), shown);
        // The host agrees: the button is a courtesy of the same check.
        auto *alerts = console.assembly().feature<app::AlertsFeature>();
        QVERIFY(alerts && alerts->service());
        QCOMPARE(alerts->service()->mayEditRules(), shown);
        console.shutdown();
    }
};

QTEST_MAIN(TestAccessButtons)
#include "tst_access_buttons.moc"
