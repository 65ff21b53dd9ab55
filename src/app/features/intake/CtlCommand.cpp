#include "CtlCommand.h"

#include "CommandCenter.h"
#include "ControlAuditSink.h"
#include "CtlStatsWatcher.h"

#include "store/db/StoreError.h"

#include <QCommandLineParser>
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

} // namespace

int runCtl(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QObject::tr("Send one control command to the gateway, audited like the console's"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("ctl"), QString());
    parser.addPositionalArgument(QStringLiteral("command"), QObject::tr("ping, set_rate_limit, clear_rate_limit, "
                                                                       "set_breaker, divert, clear_divert, reassign, "
                                                                       "hold, release, cancel"));
    parser.addPositionalArgument(QStringLiteral("key=value"), QObject::tr("Arguments, e.g. scope=depot:BJ-CY-01 per_min=50"),
                                 QStringLiteral("[key=value...]"));
    const QCommandLineOption control(QStringLiteral("control"), QObject::tr("Gateway control endpoint (ROUTER)."),
                                     QStringLiteral("endpoint"));
    const QCommandLineOption reason(QStringLiteral("reason"), QObject::tr("Why (required, kept in the audit)."),
                                    QStringLiteral("text"));
    const QCommandLineOption user(QStringLiteral("user"), QObject::tr("User name for the audit trail."),
                                  QStringLiteral("name"), qEnvironmentVariable("USER", QStringLiteral("operator")));
    const QCommandLineOption role(QStringLiteral("role"), QObject::tr("Role the command is issued as."),
                                  QStringLiteral("role"), QStringLiteral("ops_manager"));
    const QCommandLineOption db(QStringLiteral("db"), QObject::tr("SQLite database that keeps the audit."),
                                QStringLiteral("path"));
    const QCommandLineOption timeout(QStringLiteral("timeout-ms"), QObject::tr("Wait per attempt (3 attempts)."),
                                     QStringLiteral("ms"), QStringLiteral("1000"));
    const QCommandLineOption feedOption(
        QStringLiteral("feed"),
        QObject::tr("Feed endpoint: the audit then records the intake state before and after from gateway.stats."),
        QStringLiteral("endpoint"));
    parser.addOptions({control, reason, user, role, db, timeout, feedOption});
    if (!parser.parse(app.arguments())) {
        std::fprintf(stderr, "opsdeck ctl: %s\n", qPrintable(parser.errorText()));
        return kExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fprintf(stdout, "%s", qPrintable(parser.helpText()));
        return kExitOk;
    }
    QStringList args = parser.positionalArguments();
    bool timeoutOk = false;
    const int timeoutMs = parser.value(timeout).toInt(&timeoutOk);
    if (args.size() < 2 || !parser.isSet(control) || !timeoutOk || timeoutMs <= 0) {
        std::fprintf(stderr, "usage: opsdeck ctl --control ENDPOINT CMD key=value ... --reason TEXT "
                             "[--feed ENDPOINT --user U --role R --db PATH --timeout-ms N]\n");
        return kExitUsage;
    }
    args.removeFirst(); // "ctl"
    const QString cmd = args.takeFirst();
    const std::string id = CommandCenter::newCommandId();

    std::unique_ptr<FileAuditSink> audit;
    if (parser.isSet(db)) {
        try {
            audit = std::make_unique<FileAuditSink>(parser.value(db).toStdString());
        } catch (const store::StoreError &e) {
            std::fprintf(stderr, "opsdeck ctl: cannot open the audit database: %s\n", e.what());
            return kExitUsage;
        }
    }
    // With the feed, the command is checked and audited against gateway.stats like the
    // console's: before, after, and whether the change showed.
    std::unique_ptr<CtlStatsWatcher> stats;
    const core::IntakeBoard *board = nullptr;
    if (parser.isSet(feedOption)) {
        stats = std::make_unique<CtlStatsWatcher>(parser.value(feedOption).toStdString());
        if (stats->waitForStats(std::chrono::milliseconds(3000)))
            board = &stats->board();
        else
            std::fprintf(stderr, "opsdeck ctl: no gateway.stats on %s within 3 s: before and after are not recorded\n",
                         qPrintable(parser.value(feedOption)));
    }
    CommandCenter::Options options;
    options.client = {timeoutMs, 3};
    CommandCenter center(parser.value(control).toStdString(), {}, audit.get(), board, options);
    const Actor actor{parser.value(user), parser.value(role)};

    QString parseError;
    const auto command = core::parseKeyValues(cmd, args, &parseError);
    // Bad input is still audited: the command layer refuses it with its reason.
    const core::ControlCommand toSend = command ? *command : core::ControlCommand{cmd, {}};
    CommandOutcome outcome;
    if (!command) {
        outcome.commandId = id;
        outcome.state = CommandState::Refused;
        outcome.local = true;
        outcome.error = "bad_request";
        outcome.message = parseError.toStdString();
        if (audit) {
            store::ControlAuditEntry e;
            e.commandId = id;
            e.origin = "ctl";
            e.issuedMs = e.settledMs = center.nowMs();
            e.user = actor.user.toStdString();
            e.role = actor.role.toStdString();
            e.cmd = cmd.toStdString();
            e.argsJson = QJsonDocument(QJsonObject{{QStringLiteral("raw"), args.join(QLatin1Char(' '))}})
                             .toJson(QJsonDocument::Compact)
                             .toStdString();
            e.reason = parser.value(reason).toStdString();
            e.status = "refused";
            e.error = outcome.error;
            e.message = outcome.message;
            audit->write(e);
        }
    } else {
        outcome = center.execute(id, toSend, actor, parser.value(reason), IssueContext{"ctl", {}, 0, {}});
    }

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

} // namespace opsdeck::app
