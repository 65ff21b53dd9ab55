#include "AuditCommand.h"

#include "app/access/AccessText.h"
#include "app/signin/CliSignIn.h"
#include "core/access/AccessGuard.h"
#include "store/audit/AuditLog.h"
#include "store/db/Sqlite.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>

#include <cstdio>
#include <optional>

namespace opsdeck::app {

namespace {

// ms since the epoch, or an ISO 8601 date-time (local time unless it says otherwise).
std::optional<std::int64_t> parseTime(const QString &text)
{
    bool isNumber = false;
    const qint64 ms = text.toLongLong(&isNumber);
    if (isNumber && ms >= 0)
        return ms;
    const QDateTime at = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!at.isValid())
        return std::nullopt;
    return at.toMSecsSinceEpoch();
}

int verify(store::Database &db, const QString &path)
{
    const store::AuditVerdict verdict = store::verifyAuditChain(db);
    if (verdict.whole) {
        std::fprintf(stdout, "%s\n",
                     qPrintable(QObject::tr("audit chain of %1 is whole: %n row(s) checked, head %2", nullptr,
                                            static_cast<int>(verdict.rowsChecked))
                                    .arg(path, QString::fromStdString(verdict.headHash))));
        return 0;
    }
    std::fprintf(stdout, "%s\n",
                 qPrintable(QObject::tr("audit chain of %1 is broken at row %2: %3 (%n row(s) before it are whole)",
                                        nullptr, static_cast<int>(verdict.rowsChecked))
                                .arg(path)
                                .arg(verdict.badSeq)
                                .arg(QString::fromStdString(verdict.problem))));
    return kExitAuditBroken;
}

// The trail names who did what to which order: reading it needs a sign-in with view_audit.
// 0 when the list may go on, else the exit status (the refusal is on the trail itself).
int signInToList(const QString &path, const QString &user)
{
    ChainAuditSink audit(path);
    QString error;
    const auto who = signInFromCli(path, user, audit, &error);
    if (!who) {
        std::fprintf(stderr, "opsdeck audit: %s\n", qPrintable(error));
        return kExitNotSignedIn;
    }
    const core::access::AccessGuard guard(*who, audit, [] { return QDateTime::currentMSecsSinceEpoch(); });
    const core::access::Decision decision =
        guard.require(core::access::Permission::ViewAudit, guard.ownScope(), "audit.list", path.toStdString());
    if (decision.allowed())
        return 0;
    std::fprintf(stderr, "opsdeck audit: %s\n", qPrintable(accessRefusalText(*who, decision)));
    return kExitForbidden;
}

} // namespace

int runAudit(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QObject::tr("Verify or list the console's chained audit trail"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("audit"), QString());
    parser.addPositionalArgument(QStringLiteral("command"), QObject::tr("verify or list"));
    const QCommandLineOption db(QStringLiteral("db"), QObject::tr("SQLite database file."), QStringLiteral("path"));
    const QCommandLineOption user(QStringLiteral("user"),
                                  QObject::tr("list: who signs in (password from OPSDECK_PASSWORD or the prompt)."),
                                  QStringLiteral("name"));
    const QCommandLineOption by(QStringLiteral("by"), QObject::tr("list: only this user's rows."),
                                QStringLiteral("name"));
    const QCommandLineOption action(QStringLiteral("action"), QObject::tr("list: actions starting with this."),
                                    QStringLiteral("action"));
    const QCommandLineOption order(QStringLiteral("order"), QObject::tr("list: targets containing this order id."),
                                   QStringLiteral("id"));
    const QCommandLineOption since(QStringLiteral("since"), QObject::tr("list: from this time on."),
                                   QStringLiteral("time"));
    const QCommandLineOption until(QStringLiteral("until"), QObject::tr("list: before this time."),
                                   QStringLiteral("time"));
    parser.addOptions({db, user, by, action, order, since, until});
    if (!parser.parse(app.arguments())) {
        std::fprintf(stderr, "opsdeck audit: %s\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fprintf(stdout, "%s", qPrintable(parser.helpText()));
        return 0;
    }
    const QStringList args = parser.positionalArguments();
    const QString command = args.size() == 2 ? args.at(1) : QString();
    store::AuditFilter filter;
    filter.user = parser.value(by).toStdString();
    filter.action = parser.value(action).toStdString();
    filter.target = parser.value(order).toStdString();
    const auto sinceMs = parser.isSet(since) ? parseTime(parser.value(since)) : std::optional<std::int64_t>(0);
    const auto untilMs = parser.isSet(until) ? parseTime(parser.value(until)) : std::optional<std::int64_t>(0);
    if ((command != QLatin1String("verify") && command != QLatin1String("list")) || !parser.isSet(db) || !sinceMs
        || !untilMs) {
        std::fprintf(stderr, "usage: opsdeck audit verify --db FILE\n"
                             "       opsdeck audit list --db FILE --user U [--by U] [--action A] [--order O] "
                             "[--since T] [--until T]\n");
        return 2;
    }
    filter.sinceMs = *sinceMs;
    filter.untilMs = *untilMs;
    const QString path = parser.value(db);
    if (!QFileInfo(path).isFile()) {
        std::fprintf(stderr, "opsdeck audit: %s\n", qPrintable(QObject::tr("no database at %1").arg(path)));
        return 1;
    }
    if (command == QLatin1String("list"))
        if (const int refused = signInToList(path, parser.value(user)); refused != 0)
            return refused;
    try {
        store::Database database(QFile::encodeName(path).toStdString(), SQLITE_OPEN_READONLY);
        sqlite3_busy_timeout(database.handle(), 5000);
        if (command == QLatin1String("verify"))
            return verify(database, path);
        const std::string csv = store::auditCsv(store::readAudit(database, filter));
        std::fwrite(csv.data(), 1, csv.size(), stdout);
        return 0;
    } catch (const std::exception &error) {
        std::fprintf(stderr, "opsdeck audit: %s\n", error.what());
        return 1;
    }
}

} // namespace opsdeck::app
