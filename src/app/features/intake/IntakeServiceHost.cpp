#include "IntakeServiceHost.h"

#include "ControlAuditSink.h"
#include "IntakeLog.h"
#include "sdk/CodeLabels.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <map>

namespace opsdeck::app {

namespace {

sdk::DepotIntakeRow toRow(const core::DepotIntake &d)
{
    sdk::DepotIntakeRow r;
    r.depot = QString::fromStdString(d.depot);
    r.tsMs = d.tsMs;
    r.windowS = d.windowS;
    r.offered = d.offered;
    r.accepted = d.accepted;
    r.rateLimited = d.rateLimited;
    r.breakerOpen = d.breakerOpen;
    r.totalOffered = d.totalOffered;
    r.totalAccepted = d.totalAccepted;
    r.totalRateLimited = d.totalRateLimited;
    r.totalBreakerOpen = d.totalBreakerOpen;
    for (const auto &l : d.limits)
        r.limits.append({QString::fromStdString(l.scope), l.perMin, l.burst});
    for (const auto &b : d.breakers)
        r.breakers.append({QString::fromStdString(b.scope), QString::fromStdString(b.state),
                           QString::fromStdString(b.mode), b.errorRate});
    for (const auto &v : d.diversions)
        r.diversions.append({QString::fromStdString(v.from), QString::fromStdString(v.to), v.share});
    return r;
}

// "<run>:revert" -> "<run>": the run a revert undid.
std::string revertedRun(const std::string &revertRunId)
{
    const std::string suffix = ":revert";
    if (revertRunId.size() <= suffix.size() || revertRunId.compare(revertRunId.size() - suffix.size(), suffix.size(), suffix) != 0)
        return {};
    return revertRunId.substr(0, revertRunId.size() - suffix.size());
}

sdk::ControlStatus::State toSdk(CommandState s)
{
    switch (s) {
    case CommandState::Pending: return sdk::ControlStatus::State::Pending;
    case CommandState::Confirmed: return sdk::ControlStatus::State::Confirmed;
    case CommandState::Refused: return sdk::ControlStatus::State::Refused;
    case CommandState::Unconfirmed: return sdk::ControlStatus::State::Unconfirmed;
    }
    return sdk::ControlStatus::State::Pending;
}

} // namespace

IntakeServiceHost::IntakeServiceHost(std::string controlEndpoint, feed::CurveKeys curve, const core::IntakeBoard &board,
                                     ControlAuditSink &audit, Actor actor, Options options, QObject *parent)
    : sdk::IntakeService(parent)
    , m_board(board)
    , m_audit(audit)
    , m_actor(std::move(actor))
    , m_options(std::move(options))
{
    m_center = std::make_unique<CommandCenter>(std::move(controlEndpoint), std::move(curve), &m_audit, &m_board,
                                               m_options.center);
    // Progress comes from the worker thread; hand it to the GUI thread.
    m_runner = std::make_unique<PlaybookRunner>(
        *m_center, m_audit,
        [this](const std::string &id, const core::ControlCommand &command, const QString &reason,
               const IssueContext &context, const CommandOutcome *outcome) {
            std::optional<CommandOutcome> copy;
            if (outcome)
                copy = *outcome;
            QMetaObject::invokeMethod(this, [this, id, command, reason, context, copy] {
                report(id, command, reason, context, copy ? &*copy : nullptr);
            }, Qt::QueuedConnection);
        });
    m_worker.setMaxThreadCount(1);
    m_worker.setExpiryTimeout(-1);
    m_tick.setInterval(m_options.refreshMs);
    connect(&m_tick, &QTimer::timeout, this, &IntakeServiceHost::refresh);
    m_tick.start();
}

IntakeServiceHost::~IntakeServiceHost()
{
    m_tick.stop();
    m_worker.waitForDone();
}

qint64 IntakeServiceHost::now() const
{
    return m_options.clockMs ? m_options.clockMs() : QDateTime::currentMSecsSinceEpoch();
}

QStringList IntakeServiceHost::loadPlaybooks(const QByteArray &json)
{
    QStringList errors;
    m_playbooks = core::parsePlaybooks(json, &errors);
    for (const QString &e : errors)
        qCWarning(lcIntake) << "playbooks:" << e;
    emit playbooksChanged();
    return errors;
}

void IntakeServiceHost::loadPlaybookFile(const QString &path)
{
    m_worker.start([this, path] {
        QFile file(path);
        const bool opened = file.open(QIODevice::ReadOnly);
        const QByteArray data = opened ? file.readAll() : QByteArray();
        const QString error = opened ? QString() : file.errorString();
        QMetaObject::invokeMethod(this, [this, path, data, error] {
            if (error.isEmpty())
                loadPlaybooks(data);
            else
                qCWarning(lcIntake) << "no playbooks:" << path << error;
        }, Qt::QueuedConnection);
    });
}

bool IntakeServiceHost::maySend(const QString &cmd) const
{
    return core::roleMayIssue(m_actor.role, cmd);
}

QString IntakeServiceHost::send(const sdk::ControlRequest &request)
{
    const std::string id = CommandCenter::newCommandId();
    const core::ControlCommand command{request.cmd, QJsonObject::fromVariantMap(request.args)};
    dispatch(id, command, request.reason, IssueContext{"console", {}, request.expiresAtMs, {}});
    return QString::fromStdString(id);
}

void IntakeServiceHost::dispatch(const std::string &id, const core::ControlCommand &command, const QString &reason,
                                 const IssueContext &context)
{
    report(id, command, reason, context, nullptr);
    CommandCenter *center = m_center.get();
    const Actor actor = m_actor;
    m_worker.start([this, center, id, command, reason, context, actor] {
        const CommandOutcome outcome = center->execute(id, command, actor, reason, context);
        QMetaObject::invokeMethod(this, [this, id, command, reason, context, outcome] {
            report(id, command, reason, context, &outcome);
        }, Qt::QueuedConnection);
    });
}

void IntakeServiceHost::report(const std::string &id, const core::ControlCommand &command, const QString &reason,
                               const IssueContext &context, const CommandOutcome *outcome)
{
    const QString qid = QString::fromStdString(id);
    auto it = std::find_if(m_recent.begin(), m_recent.end(), [&qid](const auto &s) { return s.commandId == qid; });
    if (it == m_recent.end()) {
        sdk::ControlStatus s;
        s.commandId = qid;
        s.cmd = command.cmd;
        s.args = command.args.toVariantMap();
        s.reason = reason;
        s.origin = QString::fromStdString(context.origin);
        s.issuedAtMs = now();
        s.expiresAtMs = context.expiresMs;
        m_recent.prepend(s);
        while (m_recent.size() > m_options.keptCommands)
            m_recent.removeLast();
        it = m_recent.begin();
    }
    if (outcome) {
        it->state = toSdk(outcome->state);
        it->error = QString::fromStdString(outcome->error);
        it->message = QString::fromStdString(outcome->message);
        // A playbook's controls are timed like a console's (a revert restores its own before-states).
        if (outcome->state == CommandState::Confirmed
            && (context.origin == "console" || context.origin == "timer" || context.origin == "playbook"))
            m_timed.onConfirmed({id, command, outcome->before, context.origin == "timer" ? 0 : context.expiresMs,
                                 reason, context.origin == "playbook" ? context.runId : std::string()});
        if (outcome->state == CommandState::Confirmed && context.origin == "playbook_revert")
            m_timed.dropRun(core::controlTarget(command), revertedRun(context.runId));
    }
    emit commandChanged(*it);
}

void IntakeServiceHost::refresh()
{
    const std::uint64_t generation = m_board.generation();
    if (generation != m_seenGeneration) {
        m_seenGeneration = generation;
        m_rows.clear();
        for (const auto &d : m_board.snapshot())
            m_rows.append(toRow(d));
        emit intakeChanged(m_rows);
    }
    for (TimedControls::Timed &due : m_timed.takeDue(now())) {
        const QString why = QStringLiteral("auto-reset of %1 (%2)").arg(QString::fromStdString(due.commandId), due.reason);
        const auto restoring = core::restoringCommand(due.command, due.before);
        if (!restoring) {
            CommandOutcome unknown;
            unknown.commandId = due.commandId;
            unknown.state = CommandState::Refused;
            unknown.local = true;
            unknown.error = "no_before_state";
            unknown.message = "no gateway.stats had been seen before this control; reset it by hand";
            report(CommandCenter::newCommandId(), due.command, why, IssueContext{"timer", {}, 0, {}}, &unknown);
            continue;
        }
        dispatch(CommandCenter::newCommandId(), *restoring, why, IssueContext{"timer", {}, 0, {}});
    }
}

void IntakeServiceHost::restoreFromAudit()
{
    ControlAuditSink *audit = &m_audit;
    m_worker.start([this, audit] {
        const auto rows = audit->readRun({});
        QMetaObject::invokeMethod(this, [this, rows] {
            // The same bookkeeping as live, in the order the commands were issued.
            for (const store::ControlAuditEntry &row : rows) {
                const QString name = QString::fromStdString(row.runName);
                if (row.origin == "playbook" && !name.isEmpty())
                    m_appliedRuns.insert(name, QString::fromStdString(row.runId));
                else if (row.origin == "playbook_revert" && m_appliedRuns.value(name) + QLatin1String(":revert")
                                                                == QString::fromStdString(row.runId))
                    m_appliedRuns.remove(name);
                if (row.status == "confirmed" && row.origin == "playbook_revert")
                    m_timed.dropRun(core::controlTarget({QString::fromStdString(row.cmd),
                                                         QJsonDocument::fromJson(QByteArray::fromStdString(row.argsJson)).object()}),
                                    revertedRun(row.runId));
                if (row.status != "confirmed"
                    || (row.origin != "console" && row.origin != "timer" && row.origin != "playbook"))
                    continue;
                const core::ControlCommand command{
                    QString::fromStdString(row.cmd), QJsonDocument::fromJson(QByteArray::fromStdString(row.argsJson)).object()};
                const QJsonDocument before = QJsonDocument::fromJson(QByteArray::fromStdString(row.beforeJson));
                m_timed.onConfirmed({row.commandId, command, before.isObject() ? QJsonValue(before.object()) : QJsonValue(),
                                     row.origin == "timer" ? 0 : row.expiresMs, QString::fromStdString(row.reason),
                                     row.origin == "playbook" ? row.runId : std::string()});
            }
            qCInfo(lcIntake) << "restored from the audit:" << m_timed.armed().size() << "timed controls,"
                             << m_appliedRuns.size() << "applied playbooks";
            emit playbooksChanged();
        }, Qt::QueuedConnection);
    });
}

QStringList IntakeServiceHost::playbooks() const
{
    QStringList names;
    for (const auto &p : m_playbooks)
        names << p.name;
    return names;
}

QString IntakeServiceHost::playbookTitle(const QString &name) const
{
    const core::Playbook *p = findPlaybook(name);
    return p ? core::playbookTitle(*p, sdk::catalogueLanguage()) : name;
}

QString IntakeServiceHost::playbookDescription(const QString &name) const
{
    const core::Playbook *p = findPlaybook(name);
    return p ? core::playbookText(*p, sdk::catalogueLanguage()) : QString();
}

const core::Playbook *IntakeServiceHost::findPlaybook(const QString &name) const
{
    const auto it = std::find_if(m_playbooks.begin(), m_playbooks.end(), [&name](const auto &p) { return p.name == name; });
    return it == m_playbooks.end() ? nullptr : &*it;
}

std::vector<std::int64_t> IntakeServiceHost::playbookEnds(const core::Playbook &playbook, qint64 expiresAtMs,
                                                          QStringList *notes) const
{
    std::map<std::string, std::int64_t> timedEnds; // target -> when its timed change ends
    for (const TimedControls::Timed &t : m_timed.armed())
        timedEnds[core::controlTarget(t.command)] = t.expiresMs;
    std::vector<std::int64_t> ends;
    for (const core::ControlCommand &c : playbook.controls) {
        const auto timed = timedEnds.find(core::controlTarget(c));
        const bool sooner = timed != timedEnds.end() && (expiresAtMs <= 0 || timed->second < expiresAtMs);
        ends.push_back(sooner ? timed->second : expiresAtMs);
        if (!sooner || !notes)
            continue;
        const QString until = QDateTime::fromMSecsSinceEpoch(timed->second).toString(QStringLiteral("HH:mm"));
        const QString scope = c.args.value(QStringLiteral("scope")).toString();
        const QString from = c.args.value(QStringLiteral("from")).toString();
        if (c.cmd.endsWith(QLatin1String("rate_limit")))
            notes->append(tr("The rate limit of %1 was set until %2: the playbook's limit there ends at %2 too, "
                             "instead of replacing it for longer.").arg(scope, until));
        else if (c.cmd == QLatin1String("set_breaker"))
            notes->append(tr("The breaker of %1 was set until %2: the playbook's setting there ends at %2 too, "
                             "instead of replacing it for longer.").arg(scope, until));
        else
            notes->append(tr("The diversion from %1 was set until %2: the playbook's diversion ends at %2 too, "
                             "instead of replacing it for longer.").arg(from, until));
    }
    return ends;
}

QStringList IntakeServiceHost::playbookConflicts(const QString &name, qint64 expiresAtMs) const
{
    QStringList notes;
    if (const core::Playbook *p = findPlaybook(name))
        playbookEnds(*p, expiresAtMs, &notes);
    return notes;
}

bool IntakeServiceHost::applyPlaybook(const QString &name, const QString &reason, qint64 expiresAtMs)
{
    const core::Playbook *found = findPlaybook(name);
    if (!found || m_appliedRuns.contains(name) || reason.trimmed().isEmpty())
        return false;
    for (const auto &c : found->controls)
        if (!maySend(c.cmd))
            return false;
    const std::string run = CommandCenter::newRunId();
    m_appliedRuns.insert(name, QString::fromStdString(run));
    const core::Playbook playbook = *found;
    const std::vector<std::int64_t> ends = playbookEnds(playbook, expiresAtMs, nullptr);
    PlaybookRunner *runner = m_runner.get();
    const Actor actor = m_actor;
    m_worker.start([runner, playbook, run, actor, reason, ends] { runner->apply(playbook, run, actor, reason, ends); });
    emit playbooksChanged();
    return true;
}

bool IntakeServiceHost::revertPlaybook(const QString &name, const QString &reason)
{
    if (!m_appliedRuns.contains(name) || reason.trimmed().isEmpty())
        return false;
    const std::string run = m_appliedRuns.take(name).toStdString();
    PlaybookRunner *runner = m_runner.get();
    const Actor actor = m_actor;
    m_worker.start([runner, run, actor, reason] { runner->revert(run, actor, reason); });
    emit playbooksChanged();
    return true;
}

bool IntakeServiceHost::waitForIdle(int ms)
{
    return m_worker.waitForDone(ms);
}

} // namespace opsdeck::app
