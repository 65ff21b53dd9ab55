#include "CommandCenter.h"

#include "ControlAuditSink.h"
#include "IntakeLog.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

#include <optional>

namespace opsdeck::app {

namespace {

std::string compact(const QJsonValue &value)
{
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact).toStdString();
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact).toStdString();
    return "null";
}

// The audit entry as written when the command is issued; the outcome fills the rest.
store::ControlAuditEntry issuedEntry(const std::string &commandId, const core::ControlCommand &command, const Actor &actor,
                                     const QString &reason, const IssueContext &context, std::int64_t issuedMs)
{
    store::ControlAuditEntry entry;
    entry.commandId = commandId;
    entry.runId = context.runId;
    entry.runName = context.runName;
    entry.origin = context.origin;
    entry.issuedMs = issuedMs;
    entry.user = actor.user.toStdString();
    entry.role = actor.role.toStdString();
    entry.cmd = command.cmd.toStdString();
    entry.argsJson = compact(command.args);
    entry.reason = reason.toStdString();
    entry.expiresMs = context.expiresMs;
    return entry;
}

struct LocalRefusal {
    const char *code;
    QString message;
};

// Why the console refuses a command without sending it; nothing when it may go.
std::optional<LocalRefusal> localRefusal(const core::ControlCommand &command, const Actor &actor, const QString &reason)
{
    if (const QString problem = core::validateCommand(command); !problem.isEmpty())
        return LocalRefusal{"bad_request", problem};
    if (actor.user.isEmpty() || actor.role.isEmpty())
        return LocalRefusal{"bad_request", QStringLiteral("a command needs a user and a role")};
    if (reason.trimmed().isEmpty() && command.cmd != QLatin1String("ping"))
        return LocalRefusal{"reason_required", QStringLiteral("every command needs a reason")};
    if (!core::roleMayIssue(actor.role, command.cmd))
        return LocalRefusal{"forbidden", QStringLiteral("role %1 may not %2").arg(actor.role, command.cmd)};
    return std::nullopt;
}

} // namespace

const char *toString(CommandState state)
{
    switch (state) {
    case CommandState::Pending: return "pending";
    case CommandState::Confirmed: return "confirmed";
    case CommandState::Refused: return "refused";
    case CommandState::Unconfirmed: return "unconfirmed";
    }
    return "pending";
}

CommandCenter::CommandCenter(std::string controlEndpoint, feed::CurveKeys curve, ControlAuditSink *audit,
                             const core::IntakeBoard *board, Options options)
    : m_client(std::make_unique<feed::ControlClient>(std::move(controlEndpoint), std::move(curve), options.client))
    , m_audit(audit)
    , m_board(board)
    , m_options(std::move(options))
{
}

CommandCenter::~CommandCenter() = default;

std::string CommandCenter::newCommandId()
{
    return "c-" + QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
}

std::string CommandCenter::newRunId()
{
    return "run-" + QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
}

std::int64_t CommandCenter::nowMs() const
{
    return m_options.clockMs ? m_options.clockMs() : QDateTime::currentMSecsSinceEpoch();
}

CommandOutcome CommandCenter::execute(const std::string &commandId, const core::ControlCommand &command,
                                      const Actor &actor, const QString &reason, const IssueContext &context)
{
    std::lock_guard lock(m_mutex);
    return settle(commandId, command, actor, reason, context);
}

CommandOutcome CommandCenter::settle(const std::string &commandId, const core::ControlCommand &command,
                                     const Actor &actor, const QString &reason, const IssueContext &context)
{
    CommandOutcome out;
    out.commandId = commandId;

    store::ControlAuditEntry entry = issuedEntry(commandId, command, actor, reason, context, nowMs());

    const auto finish = [&](CommandState state) {
        out.state = state;
        entry.status = toString(state);
        entry.error = out.error;
        entry.message = out.message;
        entry.replyJson = out.reply;
        entry.beforeJson = compact(out.before);
        entry.afterJson = compact(out.after);
        entry.attempts = out.attempts;
        entry.settledMs = nowMs();
        if (m_audit)
            m_audit->write(entry);
        qCInfo(lcIntake) << "command" << commandId.c_str() << entry.cmd.c_str() << "by" << actor.user << actor.role
                         << "->" << entry.status.c_str() << out.error.c_str();
        return out;
    };
    const auto refuseLocally = [&](const char *code, const QString &message) {
        out.local = true;
        out.error = code;
        out.message = message.toStdString();
        return finish(CommandState::Refused);
    };

    // Refusals are audited too: who tried what, and why it never left the console.
    if (const auto refusal = localRefusal(command, actor, reason))
        return refuseLocally(refusal->code, refusal->message);

    std::uint64_t generation = 0;
    if (m_board) {
        generation = m_board->generation();
        if (generation > 0)
            out.before = core::touchedState(command, m_board->snapshot());
    }
    entry.status = toString(CommandState::Pending);
    entry.beforeJson = compact(out.before);
    if (m_audit)
        m_audit->write(entry);

    const feed::ControlClient::Result r =
        m_client->send(core::requestJson(command, commandId, actor.user, actor.role));
    out.attempts = r.attempts;
    out.reply = r.rawReply;
    out.error = r.error;
    out.message = r.message;
    if (r.status == feed::ControlClient::Status::Refused)
        return finish(CommandState::Refused);
    if (r.status == feed::ControlClient::Status::Unconfirmed)
        return finish(CommandState::Unconfirmed);

    if (m_board && core::isIntakeCommand(command.cmd)) {
        const auto seen = [&command](const std::vector<core::DepotIntake> &board) {
            return core::effectVisible(command, board);
        };
        if (!m_board->waitFor(seen, generation, std::chrono::milliseconds(m_options.effectTimeoutMs))) {
            out.error = "no_effect";
            out.message = "the gateway said ok but gateway.stats did not show the change";
            out.after = core::touchedState(command, m_board->snapshot());
            return finish(CommandState::Unconfirmed);
        }
        out.after = core::touchedState(command, m_board->snapshot());
    }
    return finish(CommandState::Confirmed);
}

} // namespace opsdeck::app
