#include "CliSignIn.h"

#include "store/audit/AuditLog.h"
#include "store/db/Sqlite.h"
#include "store/db/StoreError.h"
#include "store/users/UserStore.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>

#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>

namespace opsdeck::app {

Q_LOGGING_CATEGORY(lcSignIn, "opsdeck.signin")

namespace {

// Echo off for as long as the prompt reads, restored on every path.
class NoEcho final
{
public:
    NoEcho()
    {
        m_active = ::isatty(STDIN_FILENO) && ::tcgetattr(STDIN_FILENO, &m_saved) == 0;
        if (!m_active)
            return;
        termios quiet = m_saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    ~NoEcho()
    {
        if (m_active) {
            ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_saved);
            std::fputc('\n', stderr);
        }
    }
    NoEcho(const NoEcho &) = delete;
    NoEcho &operator=(const NoEcho &) = delete;

private:
    termios m_saved{};
    bool m_active = false;
};

std::optional<std::string> readLine(const QString &prompt, bool echo)
{
    std::fprintf(stderr, "%s", qPrintable(prompt));
    std::fflush(stderr);
    std::string line;
    bool got = false;
    if (echo) {
        got = static_cast<bool>(std::getline(std::cin, line));
    } else {
        NoEcho guard;
        got = static_cast<bool>(std::getline(std::cin, line));
    }
    if (!got)
        return std::nullopt;
    return line;
}

} // namespace

std::optional<std::string> readPassword(const char *envName, const QString &prompt)
{
    if (const char *fromEnv = std::getenv(envName); fromEnv && *fromEnv)
        return std::string(fromEnv);
    return readLine(prompt, false);
}

std::optional<core::access::Principal> signInFromCli(const QString &dbPath, const QString &user,
                                                     core::audit::AuditSink &audit, QString *error,
                                                     std::string *verifiedPassword)
{
    if (user.isEmpty()) {
        *error = QObject::tr("sign in with --user NAME (the password from OPSDECK_PASSWORD or the prompt)");
        return std::nullopt;
    }
    if (dbPath.isEmpty() || !QFileInfo::exists(dbPath)) {
        *error = QObject::tr("no database with users: give the console's --db");
        return std::nullopt;
    }
    try {
        store::Database db(dbPath.toStdString(), SQLITE_OPEN_READWRITE);
        store::UserStore users(db, audit, [] { return QDateTime::currentMSecsSinceEpoch(); });
        if (!users.hasUsers()) {
            *error = QObject::tr("this database has no users yet: create the administrator with "
                                 "`opsdeck user add NAME --db FILE`");
            return std::nullopt;
        }
        const auto password = readPassword("OPSDECK_PASSWORD", QObject::tr("Password for %1: ").arg(user));
        if (!password) {
            *error = QObject::tr("no password given");
            return std::nullopt;
        }
        auto result = users.signIn(user.toStdString(), *password, {});
        if (result.result == store::UserStore::Result::TotpRequired) {
            const char *fromEnv = std::getenv("OPSDECK_TOTP");
            const auto code = fromEnv && *fromEnv ? std::optional<std::string>(fromEnv)
                                                  : readLine(QObject::tr("Code from the authenticator app: "), true);
            result = users.signIn(user.toStdString(), *password, code.value_or(std::string()));
        }
        if (result.result == store::UserStore::Result::Ok) {
            if (verifiedPassword)
                *verifiedPassword = *password;
            return result.principal;
        }
        *error = result.result == store::UserStore::Result::LockedOut
            ? QObject::tr("%1 is locked out until %2 after too many failed sign-ins")
                  .arg(user, QDateTime::fromMSecsSinceEpoch(result.lockedUntilMs).toString(Qt::ISODate))
            : QObject::tr("sign-in failed for %1 (%2)").arg(user, QString::fromLatin1(store::toString(result.result)));
    } catch (const std::exception &e) {
        *error = QObject::tr("cannot read the users: %1").arg(QString::fromUtf8(e.what()));
    }
    return std::nullopt;
}

ChainAuditSink::~ChainAuditSink()
{
    flush();
}

void ChainAuditSink::append(core::audit::AuditRecord record)
{
    const std::lock_guard lock(m_mutex);
    if (m_target)
        m_target->append(std::move(record));
    else
        m_held.push_back(std::move(record));
}

bool ChainAuditSink::flush()
{
    const std::lock_guard lock(m_mutex);
    if (m_held.empty())
        return true;
    if (m_dbPath.isEmpty() || !QFileInfo::exists(m_dbPath)) {
        qCWarning(lcSignIn) << "no database for" << m_held.size() << "audit row(s):" << m_dbPath;
        return false;
    }
    try {
        store::Database db(QFile::encodeName(m_dbPath).toStdString(), SQLITE_OPEN_READWRITE);
        sqlite3_busy_timeout(db.handle(), 5000);
        store::appendAudit(db, m_held);
        m_held.clear();
        return true;
    } catch (const std::exception &e) {
        qCWarning(lcSignIn) << "audit rows not written to" << m_dbPath << ":" << e.what();
        return false;
    }
}

void ChainAuditSink::handTo(core::audit::AuditSink &target)
{
    const std::lock_guard lock(m_mutex);
    m_target = &target;
    for (auto &record : m_held)
        target.append(std::move(record));
    m_held.clear();
}

} // namespace opsdeck::app
