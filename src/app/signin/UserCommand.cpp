#include "UserCommand.h"

#include "CliSignIn.h"

#include "store/db/Sqlite.h"
#include "store/users/Totp.h"
#include "store/users/UserStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>

#include <cstdio>
#include <cstdlib>

namespace opsdeck::app {

namespace {

constexpr int kExitOk = 0;
constexpr int kExitRefused = 1;
constexpr int kExitUsage = 64;

struct UserOptions {
    QCommandLineOption db, user, role, depot, merchant, totp;
};

UserOptions addUserOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QObject::tr("Add, list, disable users and set their passwords"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("user"), QString());
    parser.addPositionalArgument(QStringLiteral("action"), QObject::tr("add, passwd, disable, enable, totp or list"));
    parser.addPositionalArgument(QStringLiteral("name"), QObject::tr("The user to change"), QStringLiteral("[name]"));
    UserOptions o{
        .db = QCommandLineOption(QStringLiteral("db"), QObject::tr("The console's SQLite database."), QStringLiteral("path")),
        .user = QCommandLineOption(QStringLiteral("user"), QObject::tr("Who signs in to do it (needs manage_users)."),
                                   QStringLiteral("name")),
        .role = QCommandLineOption(QStringLiteral("role"),
                                   QObject::tr("admin, ops_manager, dispatcher, customer_service or merchant."),
                                   QStringLiteral("role")),
        .depot = QCommandLineOption(QStringLiteral("depot"), QObject::tr("A depot the user sees (repeat; none: all)."),
                                    QStringLiteral("id")),
        .merchant = QCommandLineOption(QStringLiteral("merchant"), QObject::tr("The merchant of a merchant user."),
                                       QStringLiteral("id")),
        .totp = QCommandLineOption(QStringLiteral("totp"), QObject::tr("Also enrol a TOTP second factor.")),
    };
    parser.addOptions({o.db, o.user, o.role, o.depot, o.merchant, o.totp});
    return o;
}

std::optional<std::string> newPassword(const QString &name, bool firstAdmin)
{
    if (const char *fromEnv = std::getenv("OPSDECK_NEW_PASSWORD"); fromEnv && *fromEnv)
        return std::string(fromEnv);
    if (firstAdmin)
        return readPassword("OPSDECK_PASSWORD", QObject::tr("New password for %1: ").arg(name));
    const auto first = readPassword("OPSDECK_NEW_PASSWORD", QObject::tr("New password for %1: ").arg(name));
    const auto again = first ? readPassword("OPSDECK_NEW_PASSWORD", QObject::tr("Again: ")) : std::nullopt;
    if (!first || !again || *first != *again) {
        std::fprintf(stderr, "opsdeck user: %s\n", qPrintable(QObject::tr("the passwords do not match")));
        return std::nullopt;
    }
    return first;
}

void printTotp(const std::string &name, const std::string &secret)
{
    const QByteArray raw = QByteArray::fromStdString(secret);
    std::fprintf(stdout, "%s\n%s\n", qPrintable(QObject::tr("TOTP secret (base32): %1").arg(store::totp::toBase32(raw))),
                 qPrintable(store::totp::otpauthUri(QString::fromStdString(name), raw)));
}

void printList(store::UserStore &users)
{
    for (const auto &u : users.list()) {
        std::string depots;
        for (const std::string &d : u.depots)
            depots += (depots.empty() ? "" : ",") + d;
        std::fprintf(stdout, "%s\t%s\tdepots=%s\tmerchant=%s\t%s%s%s\n", u.name.c_str(), u.role.c_str(),
                     depots.empty() ? "*" : depots.c_str(), u.merchant.empty() ? "-" : u.merchant.c_str(),
                     u.disabled ? "disabled" : "active", u.totp ? "\ttotp" : "",
                     u.lockedUntilMs > QDateTime::currentMSecsSinceEpoch() ? "\tlocked" : "");
    }
}

// Runs one action for the signed-in `by` (or the first administrator); the exit status.
// `signedInPassword` is by's own (empty for the first administrator): the TOTP secret is
// sealed under the user's password, so only the user re-seals or enrols it.
int act(store::UserStore &users, const QCommandLineParser &parser, const UserOptions &o, const QString &action,
        const std::string &name, const core::access::Principal &by, bool firstAdmin,
        const std::string &signedInPassword)
{
    const bool own = (action == QLatin1String("passwd") || action == QLatin1String("totp")) && name == by.user;
    if (!firstAdmin && !own && !store::mayManageUsers(by)) {
        std::fprintf(stderr, "opsdeck user: %s\n",
                     qPrintable(QObject::tr("%1 (%2) lacks the permission manage_users")
                                    .arg(QString::fromStdString(by.user), QString::fromStdString(by.role))));
        return kExitRefused;
    }
    if (action == QLatin1String("list")) {
        printList(users);
        return kExitOk;
    }
    if (action == QLatin1String("add") || action == QLatin1String("passwd")) {
        if (action == QLatin1String("add") && parser.isSet(o.totp) && !firstAdmin && name != by.user) {
            // The secret is sealed under the new user's password and shown once: whoever
            // enrols sees it, so only the user does.
            std::fprintf(stderr, "opsdeck user: %s\n",
                         qPrintable(QObject::tr("--totp only for yourself: %1 enrols their second factor after "
                                                "the first sign-in (`opsdeck user totp %1 --user %1`)")
                                        .arg(QString::fromStdString(name))));
            return kExitRefused;
        }
        const auto password = newPassword(QString::fromStdString(name), firstAdmin);
        if (!password)
            return kExitRefused;
        if (action == QLatin1String("passwd")) {
            const auto before = users.find(name);
            users.setPassword(name, *password, by, own ? std::optional(signedInPassword) : std::nullopt);
            if (!own && before && before->totp)
                std::fprintf(stdout, "%s\n",
                             qPrintable(QObject::tr("%1's TOTP second factor is cleared: they enrol again with "
                                                    "`opsdeck user totp %1 --user %1`")
                                            .arg(QString::fromStdString(name))));
            return kExitOk;
        }
        store::UserStore::User u;
        u.name = name;
        u.role = firstAdmin ? "admin" : parser.value(o.role).toStdString();
        for (const QString &d : parser.values(o.depot))
            u.depots.push_back(d.toStdString());
        u.merchant = parser.value(o.merchant).toStdString();
        users.add(u, *password, by);
        if (firstAdmin)
            std::fprintf(stdout, "%s\n", qPrintable(QObject::tr("%1 is the administrator").arg(QString::fromStdString(name))));
        if (parser.isSet(o.totp))
            printTotp(name, users.enrollTotp(name, *password, by));
        return kExitOk;
    }
    if (action == QLatin1String("disable") || action == QLatin1String("enable")) {
        users.setDisabled(name, action == QLatin1String("disable"), by);
        return kExitOk;
    }
    if (action == QLatin1String("totp")) {
        if (!own) {
            std::fprintf(stderr, "opsdeck user: %s\n",
                         qPrintable(QObject::tr("only %1 can enrol their second factor (`opsdeck user totp %1 --user "
                                                "%1`): it is sealed under their password")
                                        .arg(QString::fromStdString(name))));
            return kExitRefused;
        }
        printTotp(name, users.enrollTotp(name, signedInPassword, by));
        return kExitOk;
    }
    return kExitUsage;
}

} // namespace

int runUserCommand(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const UserOptions o = addUserOptions(parser);
    if (!parser.parse(app.arguments())) {
        std::fprintf(stderr, "opsdeck user: %s\n", qPrintable(parser.errorText()));
        return kExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fprintf(stdout, "%s", qPrintable(parser.helpText()));
        return kExitOk;
    }
    const QStringList args = parser.positionalArguments();
    static const QStringList kActions{QStringLiteral("add"), QStringLiteral("passwd"), QStringLiteral("disable"),
                                      QStringLiteral("enable"), QStringLiteral("totp"), QStringLiteral("list")};
    const QString action = args.value(1);
    const bool needsName = action != QLatin1String("list");
    if (!kActions.contains(action) || args.size() != (needsName ? 3 : 2) || !parser.isSet(o.db)) {
        std::fprintf(stderr, "usage: opsdeck user add NAME --role ROLE [--depot D]... [--merchant M] [--totp] --db FILE "
                             "[--user U]\n       opsdeck user passwd|disable|enable|totp NAME --db FILE --user U\n"
                             "       opsdeck user list --db FILE --user U\n");
        return kExitUsage;
    }
    const std::string name = args.value(2).toStdString();
    ChainAuditSink audit(parser.value(o.db)); // written when the command is done
    try {
        store::Database db(parser.value(o.db).toStdString(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        store::UserStore users(db, audit, [] { return QDateTime::currentMSecsSinceEpoch(); });
        const bool firstAdmin = !users.hasUsers() && action == QLatin1String("add");
        core::access::Principal by;
        std::string signedInPassword;
        if (firstAdmin) {
            by.user = name; // the administrator creates themself
            by.role = "admin";
        } else {
            QString error;
            const auto signedIn = signInFromCli(parser.value(o.db), parser.value(o.user), audit, &error,
                                                  &signedInPassword);
            if (!signedIn) {
                std::fprintf(stderr, "opsdeck user: %s\n", qPrintable(error));
                return kExitNotSignedIn;
            }
            by = *signedIn;
        }
        return act(users, parser, o, action, name, by, firstAdmin, signedInPassword);
    } catch (const store::UserStore::Invalid &e) {
        std::fprintf(stderr, "opsdeck user: %s\n", e.what());
        return kExitRefused;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "opsdeck user: %s\n", e.what());
        return kExitRefused;
    }
}

} // namespace opsdeck::app
