// The sign-in dialog driven with QTest on a real SQLite file of users: a wrong password
// shows an error and keeps the dialog, the right one accepts with the user's Principal;
// a user with a second factor is asked for the TOTP code; the first start creates the
// administrator. Hashing runs off the GUI thread ("Checking…"), so QTRY_* waits for it.
// Audit rows go to a recording AuditSink defined here (the interface is ours).
#include "app/shell/Translations.h"
#include "app/signin/CreateAdminDialog.h"
#include "app/signin/IdleSignOut.h"
#include "app/signin/SignInDialog.h"
#include "store/db/Sqlite.h"
#include "store/users/Totp.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMutex>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

using namespace opsdeck;

namespace {

// Appended from the dialog's worker thread.
class RecordingSink final : public core::audit::AuditSink
{
public:
    void append(core::audit::AuditRecord record) override
    {
        QMutexLocker lock(&m_mutex);
        m_actions.push_back(record.action);
    }
    std::vector<std::string> actions()
    {
        QMutexLocker lock(&m_mutex);
        return m_actions;
    }

private:
    QMutex m_mutex;
    std::vector<std::string> m_actions;
};

constexpr std::int64_t kNowMs = 1'700'000'000'000;

} // namespace

class TestSignInDialog final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_db;
    RecordingSink m_sink;
    QByteArray m_totpSecret;

    static void type(QDialog &dialog, const char *field, const QString &text)
    {
        auto *edit = dialog.findChild<QLineEdit *>(QString::fromLatin1(field));
        QVERIFY(edit);
        edit->clear();
        QTest::keyClicks(edit, text);
    }
    static void clickOk(QDialog &dialog)
    {
        auto *box = dialog.findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"));
        QTest::mouseClick(box->button(QDialogButtonBox::Ok), Qt::LeftButton);
    }
    static QString status(QDialog &dialog)
    {
        return dialog.findChild<QLabel *>(QStringLiteral("statusLabel"))->text();
    }
    static store::UserStore::Clock clock()
    {
        return [] { return kNowMs; };
    }

private slots:
    void initTestCase()
    {
        m_db = m_dir.filePath(QStringLiteral("console.db"));
        store::Database db(m_db.toStdString(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        store::UserStore users(db, m_sink, clock());
        users.add({"amy", "dispatcher", {"BJ-CY-01"}, {}}, "battery staple", {});
        users.add({"lei", "ops_manager", {}, {}}, "correct horse", {});
        core::access::Principal lei;
        lei.user = "lei";
        lei.role = "ops_manager";
        m_totpSecret = QByteArray::fromStdString(users.enrollTotp("lei", "correct horse", lei));
    }

    void wrongPasswordShowsAnErrorRightOneAccepts()
    {
        app::SignInDialog dialog(m_db, m_sink, clock());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        type(dialog, "nameEdit", QStringLiteral("amy"));
        type(dialog, "passwordEdit", QStringLiteral("wrong guess"));
        clickOk(dialog);
        QVERIFY(dialog.checking());
        QCOMPARE(status(dialog), QStringLiteral("Checking…"));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.checking() && !dialog.error().isEmpty(), 30000);
        QCOMPARE(dialog.error(), QStringLiteral("The user name or password is wrong."));
        QVERIFY(dialog.isVisible());
        QVERIFY(dialog.findChild<QLineEdit *>(QStringLiteral("passwordEdit"))->text().isEmpty());

        type(dialog, "passwordEdit", QStringLiteral("battery staple"));
        clickOk(dialog);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 30000);
        QCOMPARE(dialog.principal().user, std::string("amy"));
        QCOMPARE(dialog.principal().role, std::string("dispatcher"));
        QCOMPARE(dialog.principal().depots, std::vector<std::string>{"BJ-CY-01"});
        QVERIFY(!dialog.principal().demo);
        const auto actions = m_sink.actions();
        QCOMPARE(actions.back(), std::string("sign_in"));
        QCOMPARE(actions[actions.size() - 2], std::string("sign_in_failed"));
    }

    void aSecondFactorAsksForTheCode()
    {
        app::SignInDialog dialog(m_db, m_sink, clock());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *code = dialog.findChild<QLineEdit *>(QStringLiteral("codeEdit"));
        QVERIFY(!code->isVisible());
        type(dialog, "nameEdit", QStringLiteral("lei"));
        type(dialog, "passwordEdit", QStringLiteral("correct horse"));
        clickOk(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.checking() && code->isVisible(), 30000);
        QVERIFY(dialog.result() != QDialog::Accepted);
        type(dialog, "passwordEdit", QStringLiteral("correct horse"));
        type(dialog, "codeEdit", store::totp::code(m_totpSecret, kNowMs / 1000));
        clickOk(dialog);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 30000);
        QCOMPARE(dialog.principal().role, std::string("ops_manager"));
    }

    void firstStartCreatesTheAdministrator()
    {
        const QString fresh = m_dir.filePath(QStringLiteral("fresh.db"));
        app::CreateAdminDialog dialog(fresh, m_sink, clock());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        type(dialog, "nameEdit", QStringLiteral("root"));
        type(dialog, "passwordEdit", QStringLiteral("short"));
        type(dialog, "repeatEdit", QStringLiteral("short"));
        clickOk(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.checking() && !dialog.error().isEmpty(), 30000);
        QVERIFY(dialog.error().contains(QLatin1String("8 characters")));
        type(dialog, "passwordEdit", QStringLiteral("correct horse"));
        type(dialog, "repeatEdit", QStringLiteral("correct horsf"));
        clickOk(dialog);
        QCOMPARE(dialog.error(), QStringLiteral("The two passwords differ."));
        type(dialog, "repeatEdit", QStringLiteral("correct horse"));
        clickOk(dialog);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 30000);
        QCOMPARE(dialog.principal().user, std::string("root"));
        QCOMPARE(dialog.principal().role, std::string("admin"));
    }

    // Idle sign-out on an injected clock: a key press resets the count; idle() once.
    void idleSignOutAfterTheSetting()
    {
        std::int64_t now = kNowMs;
        app::IdleSignOut idle(5 * 60'000, [&now] { return now; });
        qApp->installEventFilter(&idle);
        QSignalSpy spy(&idle, &app::IdleSignOut::idle);
        QLineEdit edit;
        edit.show();
        QVERIFY(QTest::qWaitForWindowExposed(&edit));
        now += 4 * 60'000;
        idle.check();
        QCOMPARE(spy.count(), 0);
        QTest::keyClick(&edit, Qt::Key_A); // someone is there
        now += 4 * 60'000;
        idle.check();
        QCOMPARE(spy.count(), 0);
        now += 60'000;
        idle.check();
        idle.check();
        QCOMPARE(spy.count(), 1);
        idle.setPaused(false); // signed in again
        now += 5 * 60'000;
        idle.check();
        QCOMPARE(spy.count(), 2);
        qApp->removeEventFilter(&idle);

        app::IdleSignOut never(0, [&now] { return now; });
        QSignalSpy neverSpy(&never, &app::IdleSignOut::idle);
        now += 24 * 3600'000;
        never.check();
        QCOMPARE(neverSpy.count(), 0);
    }

    // docs/images/signin.png and signin_zh_CN.png come from here (copied by hand).
    void screenshots()
    {
        const QString dir = QStringLiteral(OPSDECK_SCREENSHOT_DIR);
        QDir().mkpath(dir);
        for (const QString &locale : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
            app::installTranslations(*qApp, locale);
            app::SignInDialog dialog(m_db, m_sink, clock());
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            type(dialog, "nameEdit", QStringLiteral("amy"));
            type(dialog, "passwordEdit", QStringLiteral("wrong guess"));
            clickOk(dialog);
            QTRY_VERIFY_WITH_TIMEOUT(!dialog.checking() && !dialog.error().isEmpty(), 30000);
            const QString file = dir + (locale == QLatin1String("en") ? QStringLiteral("/signin.png")
                                                                      : QStringLiteral("/signin_zh_CN.png"));
            QVERIFY(dialog.grab().save(file));
        }
    }
};

QTEST_MAIN(TestSignInDialog)
#include "tst_signin_dialog.moc"
