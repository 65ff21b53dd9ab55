#include "AlertQueueModel.h"

#include "AlertMessageText.h"
#include "sdk/CodeLabels.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace opsdeck::widgets {

namespace {
QColor severityColor(int severity)
{
    switch (severity) {
    case sdk::AlertRow::Critical: return QColor(0xc6, 0x28, 0x28);
    case sdk::AlertRow::Major: return QColor(0xef, 0x6c, 0x00);
    case sdk::AlertRow::Warning: return QColor(0xf9, 0xa8, 0x25);
    default: return QColor(0x19, 0x76, 0xd2);
    }
}
} // namespace

AlertQueueModel::AlertQueueModel(QString role, Clock clock, QObject *parent)
    : QAbstractTableModel(parent)
    , m_role(std::move(role))
    , m_clock(clock ? std::move(clock) : Clock([] { return QDateTime::currentMSecsSinceEpoch(); }))
{
}

QString AlertQueueModel::severityName(int severity)
{
    switch (severity) {
    case sdk::AlertRow::Critical: return tr("Critical");
    case sdk::AlertRow::Major: return tr("Major");
    case sdk::AlertRow::Warning: return tr("Warning");
    default: return tr("Info");
    }
}

QString AlertQueueModel::stateName(const QString &state)
{
    if (state == QLatin1String("new"))
        return tr("New");
    if (state == QLatin1String("acknowledged"))
        return tr("Acknowledged");
    if (state == QLatin1String("assigned"))
        return tr("Assigned");
    if (state == QLatin1String("snoozed"))
        return tr("Snoozed");
    return tr("Resolved");
}

QString AlertQueueModel::ageText(qint64 ms)
{
    ms = std::max<qint64>(0, ms);
    if (ms < 60000)
        return tr("%1 s").arg(ms / 1000);
    if (ms < 3600000)
        return tr("%1 min").arg(ms / 60000);
    return tr("%1 h %2 min").arg(ms / 3600000).arg((ms % 3600000) / 60000);
}

void AlertQueueModel::setRules(const QByteArray &rulesJson)
{
    m_rules.clear();
    const QJsonArray rules = QJsonDocument::fromJson(rulesJson).object().value(QLatin1String("rules")).toArray();
    for (const QJsonValue &r : rules)
        m_rules.insert(r.toObject().value(QLatin1String("id")).toString(), r.toObject());
    if (!m_rows.empty())
        emit dataChanged(index(0, RuleColumn), index(rowCount() - 1, RuleColumn), {Qt::DisplayRole});
}

QString AlertQueueModel::ruleName(const QString &ruleId) const
{
    return sdk::alertRuleName(ruleId, m_rules.value(ruleId));
}

void AlertQueueModel::reset(const QList<sdk::AlertRow> &alerts)
{
    m_all.clear();
    for (const auto &a : alerts)
        if (shows(a))
            m_all.insert(a.id, a);
    rebuild();
}

void AlertQueueModel::applyChanges(const QList<sdk::AlertRow> &changed)
{
    QList<sdk::AlertRow> critical;
    for (const auto &a : changed) {
        const auto before = m_all.constFind(a.id);
        const bool wasCritical = before != m_all.constEnd() && before->severity == sdk::AlertRow::Critical;
        if (shows(a)) {
            if (a.severity == sdk::AlertRow::Critical && !wasCritical && a.state != QLatin1String("snoozed"))
                critical.push_back(a);
            m_all.insert(a.id, a);
        } else {
            m_all.remove(a.id);
        }
    }
    rebuild();
    if (!critical.isEmpty())
        emit criticalArrived(critical);
}

bool AlertQueueModel::shows(const sdk::AlertRow &alert) const
{
    return alert.isOpen() && alert.visibleTo(m_role) && (!m_scope || m_scope(alert));
}

void AlertQueueModel::setScope(Scope scope)
{
    m_scope = std::move(scope);
    for (auto it = m_all.begin(); it != m_all.end();)
        it = shows(*it) ? std::next(it) : m_all.erase(it);
    rebuild();
}

void AlertQueueModel::rebuild()
{
    beginResetModel();
    m_rows.clear();
    m_bySeverity.fill(0);
    m_snoozed = 0;
    for (const auto &a : std::as_const(m_all)) {
        if (a.state == QLatin1String("snoozed")) {
            ++m_snoozed;
            continue;
        }
        m_rows.push_back(a);
        ++m_bySeverity[static_cast<std::size_t>(std::clamp(a.severity, 0, 3))];
    }
    std::sort(m_rows.begin(), m_rows.end(), [](const sdk::AlertRow &a, const sdk::AlertRow &b) {
        if (a.severity != b.severity)
            return a.severity > b.severity;
        if (a.firstAtMs != b.firstAtMs)
            return a.firstAtMs < b.firstAtMs;
        return a.id < b.id;
    });
    endResetModel();
    emit countsChanged();
}

void AlertQueueModel::refreshAges()
{
    if (!m_rows.empty())
        emit dataChanged(index(0, AgeColumn), index(rowCount() - 1, AgeColumn), {Qt::DisplayRole});
}

int AlertQueueModel::rowOf(qint64 alertId) const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].id == alertId)
            return static_cast<int>(i);
    return -1;
}

int AlertQueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int AlertQueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertQueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const sdk::AlertRow &a = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeverityColumn: return a.escalated ? tr("%1 ↑").arg(severityName(a.severity)) : severityName(a.severity);
        case AgeColumn: return ageText(m_clock() - a.firstAtMs);
        case RuleColumn: return ruleName(a.ruleId);
        case SubjectColumn: return alertSubjectText(a);
        case StateColumn:
            return a.state == QLatin1String("assigned") ? tr("Assigned to %1").arg(a.assignee) : stateName(a.state);
        case CountColumn: return a.count;
        case MessageColumn: return alertMessageText(a);
        default: return {};
        }
    case Qt::ForegroundRole:
        return index.column() == SeverityColumn ? QVariant(QBrush(severityColor(a.severity))) : QVariant();
    case Qt::FontRole:
        if (a.state == QLatin1String("new")) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::ToolTipRole:
        // The rule's id and the subject's key stay findable (history search, rules file).
        if (index.column() == RuleColumn)
            return a.ruleId;
        if (index.column() == SubjectColumn) {
            const QString subject = alertSubjectText(a);
            return subject == a.subject ? subject : subject + QLatin1Char('\n') + a.subject;
        }
        return alertMessageText(a);
    case IdRole: return a.id;
    case OrderIdRole: return a.orderId;
    case RiderIdRole: return a.riderId;
    case SeverityRole: return a.severity;
    case StateRole: return a.state;
    default: return {};
    }
}

QVariant AlertQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn: return tr("Severity");
    case AgeColumn: return tr("Age");
    case RuleColumn: return tr("Rule");
    case SubjectColumn: return tr("Subject");
    case StateColumn: return tr("State");
    case CountColumn: return tr("Count");
    case MessageColumn: return tr("Details");
    default: return {};
    }
}

} // namespace opsdeck::widgets
