// `opsdeck user add|list|disable|passwd` on a real SQLite file, the built binary run with
// QProcess: the first `user add` creates the administrator without a sign-in, the next
// ones need --user of a user with manage_users (OPSDECK_PASSWORD), and what they did is
// in the file (read back through store::UserStore).
#include "store/db/Sqlite.h"
#include "store/users/Totp.h"
#include "store/users/UserStore.h"

#include <QProcess>
#include <QTemporaryDir>
#include "support/RunOpsdeck.h"

#include <QtTest>

using namespace opsdeck;

namespace {

class DiscardSink final : public core::audit::AuditSink
{
public:
    void append(core::audit::AuditRecord) override {}
};

using Run = test::OpsdeckRun;

} // namespace

class TestUserCli final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_db;

    Run user(const QStringList &args, const QString &password, const QString &newPassword = {})
    {
        return test::runOpsdeckBinary(QStringLiteral(OPSDECK_BINARY),
                                      QStringList{QStringLiteral("user")} + args + QStringList{QStringLiteral("--db"), m_db},
                                      password, newPassword, 60000);
    }

    std::vector<store::UserStore::User> users()
    {
        store::Database db(m_db.toStdString(), SQLITE_OPEN_READWRITE);
        DiscardSink sink;
        return store::UserStore(db, sink, [] { return std::int64_t(0); }).list();
    }

private slots:
    void initTestCase() { m_db = m_dir.filePath(QStringLiteral("console.db")); }

    void firstUserIsTheAdministrator()
    {
        // No sign-in on a file without users; whatever --role says, the first is admin.
        const Run r = user({QStringLiteral("add"), QStringLiteral("root"), QStringLiteral("--role"),
                            QStringLiteral("dispatcher")},
                           QStringLiteral("correct horse"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto all = users();
        QCOMPARE(all.size(), std::size_t(1));
        QCOMPARE(all[0].role, std::string("admin"));
    }

    void laterUsersNeedAManagerSignedIn()
    {
        const QStringList add{QStringLiteral("add"), QStringLiteral("amy"), QStringLiteral("--role"),
                              QStringLiteral("dispatcher"), QStringLiteral("--depot"), QStringLiteral("BJ-CY-01"),
                              QStringLiteral("--depot"), QStringLiteral("BJ-HD-02")};
        QCOMPARE(user(add, QStringLiteral("correct horse"), QStringLiteral("battery staple")).exitCode, 3); // no --user
        QCOMPARE(user(add + QStringList{QStringLiteral("--user"), QStringLiteral("root")}, QStringLiteral("wrong guess"),
                      QStringLiteral("battery staple"))
                     .exitCode,
                 3);
        QCOMPARE(users().size(), std::size_t(1));
        const Run ok = user(add + QStringList{QStringLiteral("--user"), QStringLiteral("root")},
                            QStringLiteral("correct horse"), QStringLiteral("battery staple"));
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.err));
        // amy (dispatcher) may not add users.
        const Run refused = user({QStringLiteral("add"), QStringLiteral("bob"), QStringLiteral("--role"),
                                  QStringLiteral("admin"), QStringLiteral("--user"), QStringLiteral("amy")},
                                 QStringLiteral("battery staple"), QStringLiteral("bob's password"));
        QCOMPARE(refused.exitCode, 1);
        QVERIFY(refused.err.contains(QLatin1String("manage_users")));
        // Bad input is refused with its reason, nothing added.
        const Run bad = user({QStringLiteral("add"), QStringLiteral("bob"), QStringLiteral("--role"),
                              QStringLiteral("warehouse"), QStringLiteral("--user"), QStringLiteral("root")},
                             QStringLiteral("correct horse"), QStringLiteral("bob's password"));
        QCOMPARE(bad.exitCode, 1);
        QVERIFY(bad.err.contains(QLatin1String("unknown role")));
        QCOMPARE(users().size(), std::size_t(2));
    }

    void listShowsRolesAndScopes()
    {
        const Run r = user({QStringLiteral("list"), QStringLiteral("--user"), QStringLiteral("root")},
                           QStringLiteral("correct horse"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList lines = r.out.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines[0].startsWith(QLatin1String("amy\tdispatcher\tdepots=BJ-CY-01,BJ-HD-02")));
        QVERIFY(lines[1].startsWith(QLatin1String("root\tadmin\tdepots=*")));
        QVERIFY(!r.out.contains(QLatin1String("argon2"))); // never the hash
    }

    void passwdAndDisable()
    {
        // amy changes her own password without manage_users.
        const Run own = user({QStringLiteral("passwd"), QStringLiteral("amy"), QStringLiteral("--user"),
                              QStringLiteral("amy")},
                             QStringLiteral("battery staple"), QStringLiteral("new staple 42"));
        QVERIFY2(own.exitCode == 0, qPrintable(own.err));
        QCOMPARE(user({QStringLiteral("list"), QStringLiteral("--user"), QStringLiteral("amy")},
                      QStringLiteral("battery staple"))
                     .exitCode,
                 3); // the old one is gone
        const Run disable = user({QStringLiteral("disable"), QStringLiteral("amy"), QStringLiteral("--user"),
                                  QStringLiteral("root")},
                                 QStringLiteral("correct horse"));
        QVERIFY2(disable.exitCode == 0, qPrintable(disable.err));
        QVERIFY(users()[0].disabled);
        // Disabled: the right password no longer signs her in.
        QCOMPARE(user({QStringLiteral("passwd"), QStringLiteral("amy"), QStringLiteral("--user"), QStringLiteral("amy")},
                      QStringLiteral("new staple 42"), QStringLiteral("another one!"))
                     .exitCode,
                 3);
        QCOMPARE(user({QStringLiteral("disable"), QStringLiteral("nobody"), QStringLiteral("--user"),
                       QStringLiteral("root")},
                      QStringLiteral("correct horse"))
                     .exitCode,
                 1);
    }

    void totpIsSealedAndOnlyItsUserEnrols()
    {
        // An administrator adding someone else never sees their secret: refused, nobody added.
        const Run refused = user({QStringLiteral("add"), QStringLiteral("kai"), QStringLiteral("--role"),
                                  QStringLiteral("ops_manager"), QStringLiteral("--totp"), QStringLiteral("--user"),
                                  QStringLiteral("root")},
                                 QStringLiteral("correct horse"), QStringLiteral("kai's password"));
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(QLatin1String("opsdeck user totp kai --user kai")), qPrintable(refused.err));
        QVERIFY(!refused.out.contains(QLatin1String("base32")));
        const auto none = users();
        QVERIFY(std::none_of(none.begin(), none.end(), [](const auto &u) { return u.name == "kai"; }));
        const Run add = user({QStringLiteral("add"), QStringLiteral("kai"), QStringLiteral("--role"),
                              QStringLiteral("ops_manager"), QStringLiteral("--user"), QStringLiteral("root")},
                             QStringLiteral("correct horse"), QStringLiteral("kai's password"));
        QVERIFY2(add.exitCode == 0, qPrintable(add.err));
        const Run own = user({QStringLiteral("totp"), QStringLiteral("kai"), QStringLiteral("--user"), QStringLiteral("kai")},
                             QStringLiteral("kai's password"));
        QVERIFY2(own.exitCode == 0, qPrintable(own.err));
        const QString base32 = own.out.section(QStringLiteral("(base32): "), 1).section(QLatin1Char('\n'), 0, 0);
        bool ok = false;
        const QByteArray secret = store::totp::fromBase32(base32, &ok);
        QVERIFY2(ok && secret.size() == 20, qPrintable(own.out));
        for (const QString &file : {m_db, m_db + QStringLiteral("-wal")}) {
            QFile in(file);
            QVERIFY(!in.open(QIODevice::ReadOnly) || !in.readAll().contains(secret));
        }
        // root cannot seal a secret under kai's password: only kai enrols again.
        const Run other = user({QStringLiteral("totp"), QStringLiteral("kai"), QStringLiteral("--user"),
                                QStringLiteral("root")},
                               QStringLiteral("correct horse"));
        QCOMPARE(other.exitCode, 1);
        QVERIFY(other.err.contains(QLatin1String("opsdeck user totp kai --user kai")));
        // root's reset of kai's password clears kai's second factor.
        const Run reset = user({QStringLiteral("passwd"), QStringLiteral("kai"), QStringLiteral("--user"),
                                QStringLiteral("root")},
                               QStringLiteral("correct horse"), QStringLiteral("kai's new one"));
        QVERIFY2(reset.exitCode == 0, qPrintable(reset.err));
        QVERIFY(reset.out.contains(QLatin1String("cleared")));
        const auto all = users();
        const auto kai = std::find_if(all.begin(), all.end(), [](const auto &u) { return u.name == "kai"; });
        QVERIFY(kai != all.end() && !kai->totp);
    }

    void usageErrors()
    {
        QCOMPARE(user({QStringLiteral("frobnicate"), QStringLiteral("x")}, {}).exitCode, 64);
        QCOMPARE(user({QStringLiteral("add")}, {}).exitCode, 64);
    }
};

QTEST_GUILESS_MAIN(TestUserCli)
#include "tst_user_cli.moc"
