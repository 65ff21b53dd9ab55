#include "AlertServiceHost.h"

#include "app/access/AccessText.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>

namespace opsdeck::app {

Q_LOGGING_CATEGORY(lcAlertService, "opsdeck.app.alertservice")

namespace {
QString q(const std::string &s)
{
    return QString::fromStdString(s);
}
} // namespace

AlertServiceHost::AlertServiceHost(AlertPipeline &pipeline, QString userName, Clock clock, QObject *parent)
    : sdk::AlertService(parent)
    , m_pipeline(pipeline)
    , m_user(std::move(userName))
    , m_clock(std::move(clock))
{
    QPointer<AlertServiceHost> self(this);
    // Core thread: convert there (cheap), deliver as one queued call per tick.
    m_pipeline.setListener([self](const core::AlertOutput &out) {
        QList<sdk::AlertRow> rows;
        rows.reserve(static_cast<qsizetype>(out.changes.size()));
        for (const auto &c : out.changes)
            rows.push_back(toRow(c.alert));
        QList<QPair<qint64, QString>> refusals;
        for (const auto &r : out.refusals)
            refusals.push_back({r.alertId, q(r.reason)});
        if (rows.isEmpty() && refusals.isEmpty())
            return;
        QMetaObject::invokeMethod(
            self.data(),
            [self, rows = std::move(rows), refusals = std::move(refusals)] {
                if (self)
                    self->applyOutput(rows, refusals);
            },
            Qt::QueuedConnection);
    });
    m_rulesJson = m_pipeline.ruleSet().json; // read by the pipeline at start: no I/O here
}

AlertServiceHost::~AlertServiceHost()
{
    m_pipeline.setListener({});
}

sdk::AlertRow AlertServiceHost::toRow(const core::Alert &a)
{
    sdk::AlertRow r;
    r.id = a.id;
    r.ruleId = q(a.ruleId);
    r.kind = q(a.kind);
    r.subjectKind = q(std::string(core::toString(a.subject.kind)));
    r.subject = q(a.subject.key);
    r.orderId = q(a.subject.orderId);
    r.riderId = q(a.subject.riderId);
    r.depot = q(a.subject.depot);
    r.severity = static_cast<int>(a.severity);
    r.escalated = a.escalated;
    r.state = q(std::string(core::toString(a.state)));
    r.count = a.count;
    r.firstAtMs = a.firstAtMs;
    r.lastAtMs = a.lastAtMs;
    r.updatedAtMs = a.updatedAtMs;
    r.snoozedUntilMs = a.snoozedUntilMs;
    toSdk(a.message, &r.message, &r.messageCode, &r.messageArgs);
    for (const auto &role : a.roles)
        r.roles.push_back(q(role));
    r.acknowledgedBy = q(a.acknowledgedBy);
    r.assignee = q(a.assignee);
    r.resolvedBy = q(a.resolvedBy);
    toSdk(a.note, &r.note, &r.noteCode, &r.noteArgs);
    return r;
}

void AlertServiceHost::toSdk(const core::AlertMessage &message, QString *english, QString *code, QVariantList *args)
{
    *english = q(core::formatEnglish(message));
    code->clear();
    args->clear();
    if (message.code == core::AlertCode::Text)
        return;
    *code = QString::fromLatin1(core::toString(message.code));
    args->reserve(static_cast<qsizetype>(message.args.size()));
    for (const core::AlertArg &arg : message.args) {
        if (const auto *s = std::get_if<std::string>(&arg))
            args->push_back(q(*s));
        else if (const auto *d = std::get_if<double>(&arg))
            args->push_back(*d);
        else
            args->push_back(static_cast<qint64>(std::get<std::int64_t>(arg)));
    }
}

void AlertServiceHost::loadRestored()
{
    QList<sdk::AlertRow> rows;
    for (const auto &a : m_pipeline.restoredAlerts()) {
        if (m_open.contains(a.id))
            continue; // a newer change already arrived
        rows.push_back(toRow(a));
        m_open.insert(a.id, rows.back());
    }
    if (!rows.isEmpty())
        emit alertsChanged(rows);
}

void AlertServiceHost::applyOutput(const QList<sdk::AlertRow> &rows, const QList<QPair<qint64, QString>> &refusals)
{
    // Several changes of one alert in one tick: the last one wins.
    QHash<qint64, qsizetype> latest;
    for (qsizetype i = 0; i < rows.size(); ++i)
        latest.insert(rows[i].id, i);
    QList<sdk::AlertRow> changed;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        if (latest.value(rows[i].id) != i)
            continue;
        if (rows[i].isOpen())
            m_open.insert(rows[i].id, rows[i]);
        else
            m_open.remove(rows[i].id);
        changed.push_back(rows[i]);
    }
    if (!changed.isEmpty())
        emit alertsChanged(changed);
    for (const auto &[id, reason] : refusals) {
        qCInfo(lcAlertService) << "alert" << id << "request refused:" << reason;
        emit actionRefused(id, reason);
    }
}

QList<sdk::AlertRow> AlertServiceHost::currentAlerts() const
{
    return m_open.values();
}

void AlertServiceHost::post(core::AlertCommand command)
{
    command.by = m_user.toStdString();
    m_pipeline.engine().post(std::move(command));
}

void AlertServiceHost::acknowledge(qint64 alertId)
{
    post({core::AlertCommand::Kind::Acknowledge, alertId, {}, {}, {}, 0});
}

void AlertServiceHost::assign(qint64 alertId, const QString &assignee)
{
    post({core::AlertCommand::Kind::Assign, alertId, {}, assignee.toStdString(), {}, 0});
}

void AlertServiceHost::resolve(qint64 alertId, const QString &note)
{
    post({core::AlertCommand::Kind::Resolve, alertId, {}, {}, note.toStdString(), 0});
}

void AlertServiceHost::snooze(qint64 alertId, qint64 untilMs)
{
    post({core::AlertCommand::Kind::Snooze, alertId, {}, {}, {}, untilMs});
}

qint64 AlertServiceHost::nowMs() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

void AlertServiceHost::searchHistory(const QString &text, int limit)
{
    QPointer<AlertServiceHost> self(this);
    m_pipeline.searchHistory(text.toStdString(), limit, [self, text](std::vector<store::alertstore::HistoryEntry> hits) {
        QList<sdk::AlertHistoryRow> rows;
        for (const auto &h : hits) {
            sdk::AlertHistoryRow row;
            row.alertId = h.alertId;
            row.atMs = h.atMs;
            row.action = q(h.action);
            row.by = q(h.by);
            row.state = q(h.state);
            row.severity = q(h.severity);
            row.ruleId = q(h.ruleId);
            row.subject = q(h.subject);
            toSdk(h.message, &row.message, &row.messageCode, &row.messageArgs);
            toSdk(h.note, &row.note, &row.noteCode, &row.noteArgs);
            rows.push_back(std::move(row));
        }
        QMetaObject::invokeMethod(
            self.data(),
            [self, text, rows] {
                if (self)
                    emit self->historyFound(text, rows);
            },
            Qt::QueuedConnection);
    });
}

QByteArray AlertServiceHost::rulesJson() const
{
    return m_rulesJson;
}

QStringList AlertServiceHost::describe(const core::AlertRuleSet &set)
{
    QStringList problems;
    for (const auto &e : set.errors) {
        if (e.index < 0)
            problems.push_back(tr("File: %1").arg(q(e.reason)));
        else
            problems.push_back(tr("Rule %1 (%2): %3").arg(e.index + 1).arg(e.id.empty() ? tr("no id") : q(e.id), q(e.reason)));
    }
    return problems;
}

QStringList AlertServiceHost::validateRules(const QByteArray &json) const
{
    return describe(core::parseAlertRules(json));
}

void AlertServiceHost::setAudit(core::audit::AuditSink *sink, QString role, Clock wallClock)
{
    m_audit = sink;
    m_role = std::move(role);
    m_wallClock = wallClock ? std::move(wallClock) : Clock([] { return QDateTime::currentMSecsSinceEpoch(); });
}

// The rules themselves stay in their file: the row keeps hashes of before and after, so
// an auditor can tell which file was in force.
void AlertServiceHost::auditRulesEdit(const QByteArray &json, const core::AlertRuleSet &set)
{
    if (!m_audit)
        return;
    const auto sha = [](const QByteArray &bytes) {
        return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    };
    QJsonObject detail{{QStringLiteral("before_sha256"), sha(m_rulesJson)},
                       {QStringLiteral("after_sha256"), sha(json)},
                       {QStringLiteral("bytes"), json.size()},
                       {QStringLiteral("rules"), static_cast<qint64>(set.rules.size())},
                       {QStringLiteral("errors"), static_cast<qint64>(set.errors.size())}};
    core::audit::AuditRecord record;
    record.atMs = m_wallClock();
    record.user = m_user.toStdString();
    record.role = m_role.toStdString();
    record.action = "rules.edit";
    record.target = m_pipeline.rulesOverridePath().toStdString();
    record.outcome = set.errors.empty() ? "ok" : "failed";
    record.permission = "edit_alert_rules";
    record.detailJson = QJsonDocument(detail).toJson(QJsonDocument::Compact).toStdString();
    m_audit->append(std::move(record));
}

bool AlertServiceHost::mayEditRules() const
{
    return !m_access || m_access->allows(core::access::Permission::EditAlertRules, m_access->ownScope()).allowed();
}

bool AlertServiceHost::applyRules(const QByteArray &json, QStringList *problems)
{
    if (m_access) {
        const auto decision = m_access->require(core::access::Permission::EditAlertRules, m_access->ownScope(),
                                                "rules.edit", "alert_rules");
        if (!decision.allowed()) {
            if (problems)
                *problems = QStringList{accessRefusalText(m_access->principal(), decision)};
            return false;
        }
    }
    const core::AlertRuleSet set = m_pipeline.applyRules(json);
    if (problems)
        *problems = describe(set);
    auditRulesEdit(json, set);
    if (!set.errors.empty())
        return false;
    m_rulesJson = json;
    return true;
}

} // namespace opsdeck::app
