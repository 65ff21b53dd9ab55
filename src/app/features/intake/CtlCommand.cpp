#include "CtlCommand.h"

#include "CommandCenter.h"
#include "ControlAuditSink.h"
#include "CtlStatsWatcher.h"

#include "app/access/AccessText.h"
#include "app/runtime/CurveOptions.h"
#include "app/signin/CliSignIn.h"
#include "store/db/Sqlite.h"
#include "store/db/StoreError.h"

#include "core/access/AccessGuard.h"
#include "core/intake/ControlCommand.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QFile>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include <chrono>
#include <cstdio>
#include <memory>

namespace opsdeck::app {

namespace {

constexpr int kExitOk = 0;
constexpr int kExitRefused = 1;
constexpr int kExitNoAnswer = 2;
constexpr int kExitUsage = 64;

void printJson(const QJsonObject &o)
{
    std::fprintf(stdout, "%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

QJsonObject localReply(const std::string &id, const std::string &error, const std::string &message)
{
    return {{QStringLiteral("id"), QString::fromStdString(id)},
            {QStringLiteral("ok"), false},
            {QStringLiteral("error"), QString::fromStdString(error)},
            {QStringLiteral("message"), QString::fromStdString(message)},
            {QStringLiteral("local"), true}};
}

struct CtlOptions {
    QCommandLineOption control, reason, user, db, timeout, feed;
};

CtlOptions addCtlOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QObject::tr("Send one control command to the gateway, audited like the console's"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("ctl"), QString());
    parser.addPositionalArgument(QStringLiteral("command"), QObject::tr("ping, set_rate_limit, clear_rate_limit, "
                                                                       "set_breaker, divert, clear_divert, reassign, "
                                                                       "hold, release, cancel"));
    parser.addPositionalArgument(QStringLiteral("key=value"), QObject::tr("Arguments, e.g. scope=depot:BJ-CY-01 per_min=50"),
                                 QStringLiteral("[key=value...]"));
    CtlOptions opt{
        .control = QCommandLineOption(QStringLiteral("control"), QObject::tr("Gateway control endpoint (ROUTER)."),
                                      QStringLiteral("endpoint")),
        .reason = QCommandLineOption(QStringLiteral("reason"), QObject::tr("Why (required, kept in the audit)."),
                                     QStringLiteral("text")),
        .user = QCommandLineOption(
            QStringLiteral("user"),
            QObject::tr("Who signs in (password from OPSDECK_PASSWORD or the prompt); the role is theirs."),
            QStringLiteral("name")),
        .db = QCommandLineOption(QStringLiteral("db"), QObject::tr("The console's database: its users and the audit."),
                                 QStringLiteral("path")),
        .timeout = QCommandLineOption(QStringLiteral("timeout-ms"), QObject::tr("Wait per attempt (3 attempts)."),
                                      QStringLiteral("ms"), QStringLiteral("1000")),
        .feed = QCommandLineOption(
            QStringLiteral("feed"),
            QObject::tr("Feed endpoint: the audit then records the intake state before and after from gateway.stats."),
            QStringLiteral("endpoint")),
    };
    parser.addOptions({opt.control, opt.reason, opt.user, opt.db, opt.timeout, opt.feed});
    return opt;
}

// False when --db is given and cannot be opened (audit stays null without --db).
bool openAudit(const QCommandLineParser &parser, const CtlOptions &opt, std::unique_ptr<FileAuditSink> &audit)
{
    if (!parser.isSet(opt.db))
        return true;
    try {
        audit = std::make_unique<FileAuditSink>(parser.value(opt.db).toStdString());
    } catch (const store::StoreError &e) {
        std::fprintf(stderr, "opsdeck ctl: cannot open the audit database: %s\n", e.what());
        return false;
    }
    return true;
}

// With the feed, the command is checked and audited against gateway.stats like the
// console's: before, after, and whether the change showed. Null without the feed or
// when no stats arrive in time.
const core::IntakeBoard *watchStats(const QCommandLineParser &parser, const CtlOptions &opt,
                                    const feed::CurveKeys &curve, std::unique_ptr<CtlStatsWatcher> &stats)
{
    if (!parser.isSet(opt.feed))
        return nullptr;
    stats = std::make_unique<CtlStatsWatcher>(parser.value(opt.feed).toStdString(), curve);
    if (stats->waitForStats(std::chrono::milliseconds(3000)))
        return &stats->board();
    std::fprintf(stderr, "opsdeck ctl: no gateway.stats on %s within 3 s: before and after are not recorded\n",
                 qPrintable(parser.value(opt.feed)));
    return nullptr;
}

// Arguments that do not parse never reach the command layer, but are still audited as
// refused, with the raw text.
CommandOutcome refuseUnparsed(const std::string &id, const QString &cmd, const QStringList &args, const Actor &actor,
                              const QString &reason, const QString &parseError, std::int64_t nowMs,
                              FileAuditSink *audit)
{
    CommandOutcome outcome;
    outcome.commandId = id;
    outcome.state = CommandState::Refused;
    outcome.local = true;
    outcome.error = "bad_request";
    outcome.message = parseError.toStdString();
    if (audit) {
        store::ControlAuditEntry e;
        e.commandId = id;
        e.origin = "ctl";
        e.issuedMs = e.settledMs = nowMs;
        e.user = actor.user.toStdString();
        e.role = actor.role.toStdString();
        e.cmd = cmd.toStdString();
        e.argsJson = QJsonDocument(QJsonObject{{QStringLiteral("raw"), args.join(QLatin1Char(' '))}})
                         .toJson(QJsonDocument::Compact)
                         .toStdString();
        e.reason = reason.toStdString();
        e.status = "refused";
        e.error = outcome.error;
        e.message = outcome.message;
        audit->write(e);
    }
    return outcome;
}

// Prints the reply (the gateway's, or the console's own refusal) and returns the exit status.
int reportOutcome(const std::string &id, const CommandOutcome &outcome)
{
    if (!outcome.reply.empty()) {
        std::fprintf(stdout, "%s\n", outcome.reply.c_str());
        std::fflush(stdout);
    } else {
        printJson(localReply(id, outcome.error, outcome.message));
    }
    if (outcome.state != CommandState::Confirmed)
        std::fprintf(stderr, "opsdeck ctl: %s: %s %s\n", toString(outcome.state), outcome.error.c_str(),
                     outcome.message.c_str());
    // The gateway said ok but its stats did not show the change (yet): still "ok" for the
    // exit status, which reports the gateway's answer; stderr and the audit say the rest.
    if (outcome.state == CommandState::Unconfirmed && outcome.error == "no_effect")
        return kExitOk;
    switch (outcome.state) {
    case CommandState::Confirmed: return kExitOk;
    case CommandState::Refused: return kExitRefused;
    case CommandState::Pending:
    case CommandState::Unconfirmed: break;
    }
    return kExitNoAnswer;
}

QString orderIdOf(const QStringList &args)
{
    for (const QString &arg : args)
        if (arg.startsWith(QLatin1String("order_id=")))
            return arg.mid(9);
    return {};
}

// The order's depot and merchant from the console's database (--db). An order the file
// does not hold (or a file without orders) has an unknown scope: empty, which only an
// unscoped principal may act on (core::access::inScope), so a depot-limited dispatcher
// is refused rather than trusted.
core::access::Scope orderScope(const QString &dbPath, const QString &orderId)
{
    try {
        store::Database db(QFile::encodeName(dbPath).toStdString(), SQLITE_OPEN_READONLY);
        store::Statement q = db.prepare("SELECT depot, coalesce(merchant_id, '') FROM orders WHERE order_id = ?1");
        q.bindText(1, orderId.toStdString());
        if (q.step())
            return {q.columnText(0), q.columnText(1)};
    } catch (const store::StoreError &e) {
        std::fprintf(stderr, "opsdeck ctl: the order's depot is unknown (%s)\n", e.what());
    }
    return {};
}

// The one permission table before anything is sent: an order command on the order's
// depot and merchant (from --db), anything else on the principal's own scope (its first
// depot, its merchant). A refusal is printed, audited (on the file's chain) and nothing
// goes out.
bool permitted(const core::access::Principal &who, const QString &cmd, const QStringList &args, const QString &dbPath,
               ChainAuditSink &audit)
{
    const auto permission = core::commandPermission(cmd);
    if (!permission)
        return true; // ping, or an unknown command the command layer refuses as bad_request
    const core::access::AccessGuard guard(who, audit, [] { return QDateTime::currentMSecsSinceEpoch(); });
    const QString orderId = orderIdOf(args);
    const core::access::Scope scope = orderId.isEmpty() ? guard.ownScope() : orderScope(dbPath, orderId);
    const core::access::Decision decision = guard.require(*permission, scope, "command." + cmd.toStdString(),
                                                          orderId.isEmpty() ? "ctl" : orderId.toStdString());
    audit.flush();
    if (decision.allowed())
        return true;
    std::fprintf(stderr, "opsdeck ctl: %s\n", qPrintable(accessRefusalText(who, decision)));
    return false;
}

} // namespace

int runCtl(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const CtlOptions opt = addCtlOptions(parser);
    const CurveOptionSet curveSet = curveOptionSet();
    parser.addOptions({curveSet.secret, curveSet.gatewayKey});
    if (!parser.parse(app.arguments())) {
        std::fprintf(stderr, "opsdeck ctl: %s\n", qPrintable(parser.errorText()));
        return kExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fprintf(stdout, "%s", qPrintable(parser.helpText()));
        return kExitOk;
    }
    QString curveError;
    const auto keys = readCurveOptions(parser, curveSet, &curveError);
    if (!keys) {
        std::fprintf(stderr, "opsdeck ctl: %s\n", qPrintable(curveError));
        return kExitUsage;
    }
    const feed::CurveKeys &curve = *keys;
    QStringList args = parser.positionalArguments();
    bool timeoutOk = false;
    const int timeoutMs = parser.value(opt.timeout).toInt(&timeoutOk);
    if (args.size() < 2 || !parser.isSet(opt.control) || !timeoutOk || timeoutMs <= 0) {
        std::fprintf(stderr, "usage: opsdeck ctl --control ENDPOINT CMD key=value ... --reason TEXT "
                             "--user U --db PATH [--feed ENDPOINT --timeout-ms N]\n");
        return kExitUsage;
    }
    // Who acts is who signed in: without valid credentials nothing is sent, not even a ping.
    ChainAuditSink signInAudit(parser.value(opt.db));
    QString signInError;
    const auto principal = signInFromCli(parser.value(opt.db), parser.value(opt.user), signInAudit, &signInError);
    signInAudit.flush(); // the sign-in's row before the command's
    if (!principal) {
        std::fprintf(stderr, "opsdeck ctl: %s\n", qPrintable(signInError));
        return kExitNotSignedIn;
    }
    args.removeFirst(); // "ctl"
    const QString cmd = args.takeFirst();
    if (!permitted(*principal, cmd, args, parser.value(opt.db), signInAudit))
        return kExitForbidden;
    const std::string id = CommandCenter::newCommandId();

    std::unique_ptr<FileAuditSink> audit;
    if (!openAudit(parser, opt, audit))
        return kExitUsage;
    std::unique_ptr<CtlStatsWatcher> stats;
    const core::IntakeBoard *board = watchStats(parser, opt, curve, stats);
    CommandCenter::Options options;
    options.client = {timeoutMs, 3};
    CommandCenter center(parser.value(opt.control).toStdString(), curve, audit.get(), board, options);
    const Actor actor{QString::fromStdString(principal->user), QString::fromStdString(principal->role)};

    QString parseError;
    const auto command = core::parseKeyValues(cmd, args, &parseError);
    // Bad input is still audited: the command layer refuses it with its reason.
    const CommandOutcome outcome = command
        ? center.execute(id, *command, actor, parser.value(opt.reason), IssueContext{"ctl", {}, 0, {}})
        : refuseUnparsed(id, cmd, args, actor, parser.value(opt.reason), parseError, center.nowMs(), audit.get());
    return reportOutcome(id, outcome);
}

} // namespace opsdeck::app
