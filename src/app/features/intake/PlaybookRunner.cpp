#include "PlaybookRunner.h"

#include "ControlAuditSink.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace opsdeck::app {

CommandOutcome PlaybookRunner::run(const core::ControlCommand &command, const Actor &actor, const QString &reason,
                                   const IssueContext &context)
{
    const std::string id = CommandCenter::newCommandId();
    if (m_progress)
        m_progress(id, command, reason, context, nullptr);
    CommandOutcome outcome = m_center.execute(id, command, actor, reason, context);
    if (m_progress)
        m_progress(id, command, reason, context, &outcome);
    return outcome;
}

std::vector<CommandOutcome> PlaybookRunner::apply(const core::Playbook &playbook, const std::string &runId,
                                                  const Actor &actor, const QString &reason,
                                                  const std::vector<std::int64_t> &endsMs)
{
    std::vector<CommandOutcome> out;
    IssueContext context{"playbook", runId, 0, playbook.name.toStdString()};
    const QString why = QStringLiteral("playbook '%1': %2").arg(playbook.name, reason);
    for (std::size_t i = 0; i < playbook.controls.size(); ++i) {
        context.expiresMs = i < endsMs.size() ? endsMs[i] : 0;
        out.push_back(run(playbook.controls[i], actor, why, context));
    }
    return out;
}

std::vector<CommandOutcome> PlaybookRunner::revert(const std::string &runId, const Actor &actor, const QString &reason)
{
    std::vector<CommandOutcome> out;
    const auto entries = m_audit.readRun(runId);
    IssueContext context{"playbook_revert", runId + ":revert", 0, entries.empty() ? std::string() : entries.front().runName};
    const QString why = QStringLiteral("revert of %1: %2").arg(QString::fromStdString(runId), reason);
    for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
        if (it->status != "confirmed")
            continue; // never applied (or not known to be): nothing to undo
        const core::ControlCommand applied{
            QString::fromStdString(it->cmd),
            QJsonDocument::fromJson(QByteArray::fromStdString(it->argsJson)).object()};
        const QJsonDocument before = QJsonDocument::fromJson(QByteArray::fromStdString(it->beforeJson));
        const auto restoring = core::restoringCommand(applied, before.isObject() ? QJsonValue(before.object()) : QJsonValue());
        if (!restoring) {
            CommandOutcome skipped;
            skipped.commandId = it->commandId;
            skipped.state = CommandState::Refused;
            skipped.local = true;
            skipped.error = "no_before_state";
            skipped.message = "the audit has no before-state for this control; restore it by hand";
            if (m_progress)
                m_progress(skipped.commandId, applied, why, context, &skipped);
            out.push_back(std::move(skipped));
            continue;
        }
        out.push_back(run(*restoring, actor, why, context));
    }
    return out;
}

} // namespace opsdeck::app
