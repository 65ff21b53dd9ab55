// Users and sign-in (issue 17): argon2id hashes in a real SQLite file, the lockout after
// five failures for fifteen minutes on an injected clock (and kept across a reopen), the
// RFC 6238 test vectors and a sign-in that needs the code. The audit goes to a recording
// AuditSink defined here: the interface is ours, the chained table is the audit helper's.
// The TOTP secret is sealed under the user's password: a byte scan of the file and its
// -wal finds no secret, passwd re-seals it, an administrator's reset clears it, and a raw
// secret of an older build is sealed at the next sign-in.
#include "store/db/Sqlite.h"
#include "store/db/StoreError.h"
#include "store/users/Totp.h"
#include "store/users/TotpSeal.h"
#include "store/users/UserStore.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace opsdeck;
using store::UserStore;

namespace {

class RecordingSink final : public core::audit::AuditSink
{
public:
    void append(core::audit::AuditRecord record) override { records.push_back(std::move(record)); }
    std::vector<std::string> actions() const
    {
        std::vector<std::string> out;
        for (const auto &r : records)
            out.push_back(r.action);
        return out;
    }
    std::vector<core::audit::AuditRecord> records;
};

core::access::Principal who(const char *user, const char *role)
{
    core::access::Principal p;
    p.user = user;
    p.role = role;
    return p;
}

const QByteArray kRfcSecret("12345678901234567890");

} // namespace

class TestUsers final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::int64_t m_nowMs = 1'700'000'000'000;
    RecordingSink m_sink;

    std::string path(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)).toStdString(); }
    UserStore::Clock clock()
    {
        return [this] { return m_nowMs; };
    }
    static store::Database open(const std::string &file)
    {
        return store::Database(file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    }
    static bool fileHolds(const std::string &file, const QByteArray &needle)
    {
        for (const QString &name : {QString::fromStdString(file), QString::fromStdString(file + "-wal")}) {
            QFile in(name);
            if (in.open(QIODevice::ReadOnly) && in.readAll().contains(needle))
                return true;
        }
        return false;
    }
    static QByteArray storedSecret(store::Database &db, const char *name)
    {
        store::Statement q = db.prepare("SELECT totp_secret FROM users WHERE name = ?1");
        q.bindText(1, name);
        return q.step() ? QByteArray::fromStdString(q.columnBlob(0)) : QByteArray();
    }
    QString codeNow(const QByteArray &secret) const { return store::totp::code(secret, m_nowMs / 1000); }

private slots:
    void rfc6238Vectors_data()
    {
        QTest::addColumn<qint64>("time");
        QTest::addColumn<QString>("expected");
        // RFC 6238 appendix B, SHA1 column.
        QTest::newRow("59") << qint64(59) << QStringLiteral("94287082");
        QTest::newRow("1111111109") << qint64(1111111109) << QStringLiteral("07081804");
        QTest::newRow("1111111111") << qint64(1111111111) << QStringLiteral("14050471");
        QTest::newRow("1234567890") << qint64(1234567890) << QStringLiteral("89005924");
        QTest::newRow("2000000000") << qint64(2000000000) << QStringLiteral("69279037");
        QTest::newRow("20000000000") << qint64(20000000000) << QStringLiteral("65353130");
    }
    void rfc6238Vectors()
    {
        QFETCH(qint64, time);
        QFETCH(QString, expected);
        QCOMPARE(store::totp::code(kRfcSecret, time, 8), expected);
        QCOMPARE(store::totp::code(kRfcSecret, time), expected.right(6)); // what apps show
        QVERIFY(store::totp::verify(kRfcSecret, expected.right(6), time));
        QVERIFY(!store::totp::verify(kRfcSecret, expected.right(6), time + 120));
    }

    void base32RoundTrip()
    {
        QCOMPARE(store::totp::toBase32(kRfcSecret), QStringLiteral("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"));
        bool ok = false;
        QCOMPARE(store::totp::fromBase32(QStringLiteral("gezd gnbv gy3t qojq gezd gnbv gy3t qojq"), &ok), kRfcSecret);
        QVERIFY(ok);
        store::totp::fromBase32(QStringLiteral("not base32 1"), &ok);
        QVERIFY(!ok);
        QVERIFY(store::totp::otpauthUri(QStringLiteral("li lei"), kRfcSecret)
                    .startsWith(QLatin1String("otpauth://totp/OpsDeck:li%20lei?secret=GEZDGNBV")));
    }

    void addListAndBadInput()
    {
        store::Database db = open(path("list.db"));
        UserStore users(db, m_sink, clock());
        QVERIFY(!users.hasUsers());
        users.add({"root", "admin", {}, {}}, "correct horse", {});
        users.add({"amy", "dispatcher", {"BJ-CY-01", "BJ-HD-02"}, {}}, "battery staple", who("root", "admin"));
        QVERIFY(users.hasUsers());
        const auto all = users.list();
        QCOMPARE(all.size(), std::size_t(2));
        QCOMPARE(all[0].name, std::string("amy"));
        QCOMPARE(all[0].depots, (std::vector<std::string>{"BJ-CY-01", "BJ-HD-02"}));
        QVERIFY_THROWS_EXCEPTION(UserStore::Invalid, users.add({"amy", "dispatcher", {}, {}}, "another one", {}));
        QVERIFY_THROWS_EXCEPTION(UserStore::Invalid, users.add({"bob", "warehouse", {}, {}}, "long enough", {}));
        QVERIFY_THROWS_EXCEPTION(UserStore::Invalid, users.add({"bob", "dispatcher", {}, {}}, "short", {}));
        QVERIFY_THROWS_EXCEPTION(UserStore::Invalid, users.add({"a b", "dispatcher", {}, {}}, "long enough", {}));
        QVERIFY_THROWS_EXCEPTION(UserStore::Invalid, users.add({"shop", "merchant", {}, {}}, "long enough", {}));
        QCOMPARE(users.list().size(), std::size_t(2));
        // The hash is argon2id, never the password.
        QVERIFY(db.queryInt("SELECT COUNT(*) FROM users WHERE password_hash LIKE '$argon2id$%'") == 2);
        QVERIFY(db.queryInt("SELECT COUNT(*) FROM users WHERE password_hash LIKE '%horse%'") == 0);
        const auto signedIn = users.signIn("amy", "battery staple", {});
        QCOMPARE(signedIn.result, UserStore::Result::Ok);
        QCOMPARE(signedIn.principal.role, std::string("dispatcher"));
        QCOMPARE(signedIn.principal.depots.size(), std::size_t(2));
        QVERIFY(!signedIn.principal.demo);
    }

    void lockoutAfterFiveFailuresForFifteenMinutes()
    {
        const std::string file = path("lockout.db");
        m_sink.records.clear();
        {
            store::Database db = open(file);
            UserStore users(db, m_sink, clock());
            users.add({"amy", "dispatcher", {}, {}}, "battery staple", {});
            for (int i = 0; i < 4; ++i) {
                QCOMPARE(users.signIn("amy", "wrong guess", {}).result, UserStore::Result::BadCredentials);
                m_nowMs += 1000;
            }
            const auto fifth = users.signIn("amy", "wrong guess", {});
            QCOMPARE(fifth.result, UserStore::Result::LockedOut);
            QCOMPARE(fifth.lockedUntilMs, m_nowMs + UserStore::kLockoutMs);
        }
        // The lockout is in the file: a restart does not lift it, nor does the right password.
        store::Database db = open(file);
        UserStore users(db, m_sink, clock());
        m_nowMs += UserStore::kLockoutMs - 1;
        QCOMPARE(users.signIn("amy", "battery staple", {}).result, UserStore::Result::LockedOut);
        m_nowMs += 1;
        QCOMPARE(users.signIn("amy", "battery staple", {}).result, UserStore::Result::Ok);
        // A success starts the count again: four more failures do not lock.
        for (int i = 0; i < 4; ++i)
            QCOMPARE(users.signIn("amy", "wrong guess", {}).result, UserStore::Result::BadCredentials);
        QCOMPARE(users.signIn("amy", "battery staple", {}).result, UserStore::Result::Ok);
        const auto actions = m_sink.actions();
        QCOMPARE(std::count(actions.begin(), actions.end(), "lockout"), 1);
        QCOMPARE(std::count(actions.begin(), actions.end(), "sign_in"), 2);
        QCOMPARE(std::count(actions.begin(), actions.end(), "sign_in_failed"), 10);
    }

    void signInNeedsTheTotpCode()
    {
        store::Database db = open(path("totp.db"));
        UserStore users(db, m_sink, clock());
        users.add({"lei", "ops_manager", {}, {}}, "battery staple", {});
        const QByteArray secret = QByteArray::fromStdString(users.enrollTotp("lei", "battery staple", who("lei", "ops_manager")));
        QCOMPARE(secret.size(), 20);
        QVERIFY(users.find("lei")->totp);
        QCOMPARE(users.signIn("lei", "battery staple", {}).result, UserStore::Result::TotpRequired);
        const QString right = store::totp::code(secret, m_nowMs / 1000);
        const QString wrong = right == QLatin1String("000000") ? QStringLiteral("111111") : QStringLiteral("000000");
        QCOMPARE(users.signIn("lei", "battery staple", wrong.toStdString()).result, UserStore::Result::BadTotp);
        QCOMPARE(users.find("lei")->failures, 1);
        // A code without the password is worth nothing.
        QCOMPARE(users.signIn("lei", "wrong guess", right.toStdString()).result, UserStore::Result::BadCredentials);
        QCOMPARE(users.signIn("lei", "battery staple", right.toStdString()).result, UserStore::Result::Ok);
    }

    void disabledAndUnknownUsersAreRefusedAndAudited()
    {
        store::Database db = open(path("disabled.db"));
        UserStore users(db, m_sink, clock());
        users.add({"root", "admin", {}, {}}, "correct horse", {});
        users.add({"amy", "dispatcher", {}, {}}, "battery staple", {});
        m_sink.records.clear();
        users.setDisabled("amy", true, who("root", "admin"));
        QCOMPARE(users.signIn("amy", "battery staple", {}).result, UserStore::Result::Disabled);
        QCOMPARE(users.signIn("nobody", "battery staple", {}).result, UserStore::Result::BadCredentials);
        users.setPassword("root", "new horse battery", who("root", "admin"));
        QCOMPARE(users.signIn("root", "correct horse", {}).result, UserStore::Result::BadCredentials);
        QCOMPARE(users.signIn("root", "new horse battery", {}).result, UserStore::Result::Ok);
        QCOMPARE(m_sink.actions(), (std::vector<std::string>{"user.disable", "sign_in_failed", "sign_in_failed",
                                                             "user.passwd", "sign_in_failed", "sign_in"}));
        QCOMPARE(m_sink.records[0].user, std::string("root"));
        QCOMPARE(m_sink.records[0].target, std::string("amy"));
        QCOMPARE(m_sink.records[0].permission, std::string("manage_users"));
        QCOMPARE(m_sink.records[2].user, std::string()); // an unknown name is not repeated
        QVERIFY(store::mayManageUsers(who("root", "admin")));
        QVERIFY(!store::mayManageUsers(who("amy", "ops_manager")));
    }

    void totpSecretIsSealedAtRest()
    {
        const std::string file = path("sealed.db");
        store::Database db = open(file);
        db.exec("PRAGMA journal_mode = WAL");
        UserStore users(db, m_sink, clock());
        users.add({"lei", "ops_manager", {}, {}}, "battery staple", {});
        // Sealed under a wrong password, it would never open: refused.
        QVERIFY_THROWS_EXCEPTION(UserStore::Invalid, users.enrollTotp("lei", "wrong guess", {}));
        QVERIFY(!users.find("lei")->totp);
        const QByteArray secret = QByteArray::fromStdString(users.enrollTotp("lei", "battery staple", {}));
        QVERIFY(QFile::exists(QString::fromStdString(file + "-wal")));
        QVERIFY(!fileHolds(file, secret));
        db.queryInt("PRAGMA wal_checkpoint(TRUNCATE)");
        QVERIFY(!fileHolds(file, secret));
        QVERIFY(store::totp::isSealed(storedSecret(db, "lei")));
        QCOMPARE(users.signIn("lei", "battery staple", codeNow(secret).toStdString()).result, UserStore::Result::Ok);
    }

    void passwdResealsAndAnAdministratorsResetClears()
    {
        store::Database db = open(path("reseal.db"));
        UserStore users(db, m_sink, clock());
        users.add({"lei", "ops_manager", {}, {}}, "battery staple", {});
        const auto lei = who("lei", "ops_manager");
        const QByteArray secret = QByteArray::fromStdString(users.enrollTotp("lei", "battery staple", lei));
        users.setPassword("lei", "new staple 42", lei, std::string("battery staple"));
        const QByteArray blob = storedSecret(db, "lei");
        QVERIFY(!store::totp::open(blob, "battery staple")); // the old password opens nothing
        QCOMPARE(store::totp::open(blob, "new staple 42").value_or(QByteArray()), secret);
        QCOMPARE(users.signIn("lei", "new staple 42", {}).result, UserStore::Result::TotpRequired);
        QCOMPARE(users.signIn("lei", "new staple 42", codeNow(secret).toStdString()).result, UserStore::Result::Ok);
        // The administrator does not know the password the secret is sealed under: cleared.
        m_sink.records.clear();
        users.setPassword("lei", "reset by root", who("root", "admin"));
        QVERIFY(!users.find("lei")->totp);
        QVERIFY(storedSecret(db, "lei").isEmpty());
        QCOMPARE(users.signIn("lei", "reset by root", {}).result, UserStore::Result::Ok);
        QCOMPARE(m_sink.records.front().action, std::string("user.passwd"));
        QCOMPARE(m_sink.records.front().detailJson, std::string(R"({"totp":"cleared"})"));
    }

    // The new hash and the re-sealed secret commit together: when the second write fails,
    // the first is undone and the old password still opens the old secret.
    void passwdIsOneCommit()
    {
        store::Database db = open(path("passwd-tx.db"));
        UserStore users(db, m_sink, clock());
        users.add({"lei", "ops_manager", {}, {}}, "battery staple", {});
        const auto lei = who("lei", "ops_manager");
        const QByteArray secret = QByteArray::fromStdString(users.enrollTotp("lei", "battery staple", lei));
        db.exec("CREATE TEMP TRIGGER no_secret BEFORE UPDATE OF totp_secret ON users "
                "BEGIN SELECT RAISE(ABORT, 'disk says no'); END");
        QVERIFY_THROWS_EXCEPTION(store::StoreError,
                                 users.setPassword("lei", "new staple 42", lei, std::string("battery staple")));
        db.exec("DROP TRIGGER no_secret");
        // QVERIFY, not QCOMPARE: printing a mismatched Result crashes QTest (6.4).
        QVERIFY(users.signIn("lei", "new staple 42", codeNow(secret).toStdString()).result
                == UserStore::Result::BadCredentials);
        QVERIFY(users.signIn("lei", "battery staple", codeNow(secret).toStdString()).result == UserStore::Result::Ok);
    }

    void aRawSecretOfAnOlderBuildIsSealedAtTheNextSignIn()
    {
        const std::string file = path("legacy.db");
        store::Database db = open(file);
        db.exec("PRAGMA journal_mode = WAL");
        UserStore users(db, m_sink, clock());
        users.add({"lei", "ops_manager", {}, {}}, "battery staple", {});
        store::Statement raw = db.prepare("UPDATE users SET totp_secret = ?1 WHERE name = 'lei'");
        raw.bindBlob(1, std::string_view(kRfcSecret.constData(), std::size_t(kRfcSecret.size())));
        raw.run();
        db.queryInt("PRAGMA wal_checkpoint(TRUNCATE)");
        QVERIFY(fileHolds(file, kRfcSecret)); // what a file of an older build holds
        QCOMPARE(users.signIn("lei", "battery staple", {}).result, UserStore::Result::TotpRequired);
        QCOMPARE(users.signIn("lei", "battery staple", codeNow(kRfcSecret).toStdString()).result,
                 UserStore::Result::Ok);
        QCOMPARE(store::totp::open(storedSecret(db, "lei"), "battery staple").value_or(QByteArray()), kRfcSecret);
        db.queryInt("PRAGMA wal_checkpoint(TRUNCATE)");
        QVERIFY(!fileHolds(file, kRfcSecret));
        QCOMPARE(users.signIn("lei", "battery staple", codeNow(kRfcSecret).toStdString()).result,
                 UserStore::Result::Ok);
    }
};

QTEST_GUILESS_MAIN(TestUsers)
#include "tst_users.moc"
