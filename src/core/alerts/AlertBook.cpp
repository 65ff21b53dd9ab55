#include "AlertBook.h"

#include <QLoggingCategory>

#include <algorithm>
#include <limits>

Q_LOGGING_CATEGORY(lcAlertBook, "opsdeck.core.alerts.book")

namespace opsdeck::core {

namespace {
const std::string kSystem = "system";

std::int64_t roundedMinutes(std::int64_t ms)
{
    return (ms + 30000) / 60000;
}
} // namespace

std::string AlertBook::keyOf(const std::string &ruleId, const std::string &subjectKey)
{
    std::string key;
    key.reserve(ruleId.size() + subjectKey.size() + 1);
    key.append(ruleId).push_back('\x1f');
    key.append(subjectKey);
    return key;
}

const std::string &AlertBook::scratchKey(const std::string &ruleId, const std::string &subjectKey)
{
    m_scratchKey.assign(ruleId).push_back('\x1f');
    m_scratchKey.append(subjectKey);
    return m_scratchKey;
}

void AlertBook::raise(const AlertRule &rule, const AlertSubject &subject, std::int64_t sinceMs, std::int64_t nowMs,
                      AlertMessage message, Raise how)
{
    // A condition that holds on every fix (a rider out of zone) finds its open alert
    // without allocating a key.
    if (const auto it = m_open.find(scratchKey(rule.id, subject.key)); it != m_open.end()) {
        if (how == Raise::Occurrence) {
            Alert &a = it->second;
            ++a.count;
            a.lastAtMs = nowMs;
            a.message = std::move(message);
            record(a, "repeated", kSystem, nowMs);
            schedule(a);
        }
        return;
    }
    if (rule.debounceMs <= 0 || nowMs - sinceMs >= rule.debounceMs) {
        m_pending.erase(m_scratchKey);
        fire(rule, subject, sinceMs, nowMs, std::move(message));
        return;
    }
    // The earliest "since" wins: the condition has held from then on.
    auto it = m_pending.find(m_scratchKey);
    if (it == m_pending.end()) {
        it = m_pending.try_emplace(m_scratchKey).first;
        it->second.ruleId = rule.id;
        it->second.debounceMs = rule.debounceMs;
        it->second.subject = subject;
        it->second.sinceMs = sinceMs;
        m_pendingDue.push({sinceMs + rule.debounceMs, m_scratchKey});
    }
    it->second.message = std::move(message);
}

void AlertBook::fire(const AlertRule &rule, const AlertSubject &subject, std::int64_t sinceMs, std::int64_t nowMs,
                     AlertMessage message)
{
    Alert a;
    a.id = m_nextId++;
    a.ruleId = rule.id;
    a.kind = std::string(toString(rule.kind));
    a.subject = subject;
    a.severity = a.baseSeverity = rule.severity;
    a.state = AlertState::New;
    a.firstAtMs = nowMs;
    a.lastAtMs = nowMs;
    a.updatedAtMs = nowMs;
    a.message = std::move(message);
    a.roles = rule.roles;
    (void)sinceMs;
    const std::string key = keyOf(rule.id, subject.key);
    m_keyById[a.id] = key;
    auto &stored = m_open[key] = std::move(a);
    record(stored, "raised", kSystem, nowMs);
    schedule(stored);
}

void AlertBook::recount(const AlertRule &rule, const std::string &subjectKey, std::int64_t count, std::int64_t nowMs,
                        AlertMessage message)
{
    const auto it = m_open.find(keyOf(rule.id, subjectKey));
    if (it == m_open.end())
        return;
    Alert &a = it->second;
    a.count = count;
    a.lastAtMs = nowMs;
    a.message = std::move(message);
    record(a, "repeated", kSystem, nowMs);
}

void AlertBook::clear(const AlertRule &rule, const std::string &subjectKey, std::int64_t nowMs, AlertMessage why)
{
    clearWith(rule, subjectKey, nowMs, [&why] { return std::move(why); });
}

std::unordered_map<std::string, Alert>::iterator AlertBook::forgetPending(const std::string &ruleId,
                                                                          const std::string &subjectKey)
{
    if (m_pending.empty() && m_open.empty())
        return m_open.end();
    const std::string &key = scratchKey(ruleId, subjectKey);
    if (!m_pending.empty())
        m_pending.erase(key);
    return m_open.empty() ? m_open.end() : m_open.find(key);
}

void AlertBook::autoResolve(std::unordered_map<std::string, Alert>::iterator it, std::int64_t nowMs, AlertMessage why)
{
    close(it, "auto_resolved", kSystem, nowMs, std::move(why));
}

bool AlertBook::isOpen(const AlertRule &rule, const std::string &subjectKey) const
{
    return m_open.count(keyOf(rule.id, subjectKey)) > 0;
}

bool AlertBook::isPending(const AlertRule &rule, const std::string &subjectKey) const
{
    return m_pending.count(keyOf(rule.id, subjectKey)) > 0;
}

const Alert *AlertBook::find(std::int64_t alertId) const
{
    const auto k = m_keyById.find(alertId);
    if (k == m_keyById.end())
        return nullptr;
    const auto it = m_open.find(k->second);
    return it == m_open.end() ? nullptr : &it->second;
}

void AlertBook::close(std::unordered_map<std::string, Alert>::iterator it, const char *action, const std::string &by,
                      std::int64_t nowMs, AlertMessage note)
{
    Alert a = std::move(it->second);
    m_open.erase(it);
    m_keyById.erase(a.id);
    m_scheduled.erase(a.id);
    a.state = AlertState::Resolved;
    a.resolvedBy = by;
    a.note = note;
    a.updatedAtMs = nowMs;
    record(a, action, by, nowMs, std::move(note));
}

void AlertBook::record(const Alert &alert, const char *action, const std::string &by, std::int64_t atMs, AlertMessage note)
{
    m_changes.push_back(AlertChange{alert, action, by, atMs, std::move(note)});
}

void AlertBook::setRules(const std::vector<AlertRule> &rules)
{
    m_rules.clear();
    for (const auto &r : rules)
        m_rules.emplace(r.id, &r);
    // Deadlines depend on the rules (escalation, quiet time): compute them again.
    m_scheduled.clear();
    m_lifecycle = {};
    for (const auto &[key, a] : m_open)
        schedule(a);
}

const AlertRule *AlertBook::ruleOf(const std::string &ruleId) const
{
    const auto it = m_rules.find(ruleId);
    return it == m_rules.end() ? nullptr : it->second;
}

void AlertBook::schedule(const Alert &a)
{
    const AlertRule *rule = ruleOf(a.ruleId);
    std::int64_t due = std::numeric_limits<std::int64_t>::max();
    if (a.state == AlertState::Snoozed)
        due = std::min(due, a.snoozedUntilMs);
    if (rule && a.state == AlertState::New && !a.escalated && rule->escalateAfterMs > 0)
        due = std::min(due, a.firstAtMs + rule->escalateAfterMs);
    if (rule && isOccurrenceRule(rule->kind))
        due = std::min(due, a.lastAtMs + static_cast<std::int64_t>(rule->threshold("quiet_minutes", 60) * 60000));
    if (due == std::numeric_limits<std::int64_t>::max()) {
        m_scheduled.erase(a.id);
        return;
    }
    const auto [it, inserted] = m_scheduled.try_emplace(a.id, due);
    if (!inserted && it->second == due)
        return;
    it->second = due;
    m_lifecycle.push({due, a.id});
}

void AlertBook::tick(std::int64_t nowMs)
{
    while (!m_pendingDue.empty() && m_pendingDue.top().first <= nowMs) {
        const std::string key = m_pendingDue.top().second;
        m_pendingDue.pop();
        const auto it = m_pending.find(key);
        if (it == m_pending.end() || nowMs - it->second.sinceMs < it->second.debounceMs)
            continue; // cleared meanwhile, or a later start of the condition (its own entry)
        Pending p = std::move(it->second);
        m_pending.erase(it);
        if (const AlertRule *rule = ruleOf(p.ruleId))
            fire(*rule, p.subject, p.sinceMs, nowMs, std::move(p.message));
    }
    while (!m_lifecycle.empty() && m_lifecycle.top().first <= nowMs) {
        const auto [due, id] = m_lifecycle.top();
        m_lifecycle.pop();
        const auto s = m_scheduled.find(id);
        if (s == m_scheduled.end() || s->second != due)
            continue; // superseded by a later schedule()
        m_scheduled.erase(s);
        const auto k = m_keyById.find(id);
        const auto it = k == m_keyById.end() ? m_open.end() : m_open.find(k->second);
        if (it != m_open.end())
            lifecycleStep(it, nowMs);
    }
}

void AlertBook::escalate(const AlertRule &rule, const std::string &subjectKey, std::int64_t nowMs, AlertMessage why)
{
    const auto it = m_open.find(keyOf(rule.id, subjectKey));
    if (it == m_open.end() || it->second.escalated)
        return;
    raiseOneStep(it->second, nowMs, std::move(why));
    schedule(it->second);
}

void AlertBook::raiseOneStep(Alert &a, std::int64_t nowMs, AlertMessage why)
{
    a.escalated = true;
    a.severity = static_cast<AlertSeverity>(std::min<int>(static_cast<int>(a.severity) + 1,
                                                          static_cast<int>(AlertSeverity::Critical)));
    if (std::find(a.roles.begin(), a.roles.end(), "ops_manager") == a.roles.end())
        a.roles.emplace_back("ops_manager");
    a.updatedAtMs = nowMs;
    record(a, "escalated", kSystem, nowMs, std::move(why));
}

void AlertBook::lifecycleStep(std::unordered_map<std::string, Alert>::iterator it, std::int64_t nowMs)
{
    Alert &a = it->second;
    const AlertRule *rule = ruleOf(a.ruleId);
    if (a.state == AlertState::Snoozed && nowMs >= a.snoozedUntilMs) {
        a.state = AlertState::New;
        a.snoozedUntilMs = 0;
        a.updatedAtMs = nowMs;
        a.firstAtMs = nowMs; // escalation counts again from here
        record(a, "snooze_expired", kSystem, nowMs);
    }
    if (rule && a.state == AlertState::New && !a.escalated && rule->escalateAfterMs > 0
        && nowMs - a.firstAtMs >= rule->escalateAfterMs)
        raiseOneStep(a, nowMs, alertMessage(AlertCode::NotAcknowledged, roundedMinutes(rule->escalateAfterMs)));
    if (rule && isOccurrenceRule(rule->kind)) {
        const auto quietMs = static_cast<std::int64_t>(rule->threshold("quiet_minutes", 60) * 60000);
        if (nowMs - a.lastAtMs >= quietMs) {
            close(it, "auto_resolved", kSystem, nowMs, alertMessage(AlertCode::ClearedQuiet, roundedMinutes(quietMs)));
            return;
        }
    }
    schedule(a);
}

void AlertBook::apply(const AlertCommand &command, std::int64_t nowMs)
{
    const auto k = m_keyById.find(command.alertId);
    const auto it = k == m_keyById.end() ? m_open.end() : m_open.find(k->second);
    if (it == m_open.end()) {
        m_refusals.push_back({command.alertId, "alert is not open"});
        return;
    }
    Alert &a = it->second;
    const auto refuse = [&](const char *why) { m_refusals.push_back({command.alertId, why}); };
    switch (command.kind) {
    case AlertCommand::Kind::Acknowledge:
        if (a.state != AlertState::New && a.state != AlertState::Snoozed)
            return refuse("already acknowledged");
        a.state = AlertState::Acknowledged;
        a.acknowledgedBy = command.by;
        a.snoozedUntilMs = 0;
        a.updatedAtMs = nowMs;
        record(a, "acknowledged", command.by, nowMs);
        schedule(a);
        return;
    case AlertCommand::Kind::Assign:
        if (command.assignee.empty())
            return refuse("no assignee");
        a.state = AlertState::Assigned;
        a.assignee = command.assignee;
        if (a.acknowledgedBy.empty())
            a.acknowledgedBy = command.by;
        a.snoozedUntilMs = 0;
        a.updatedAtMs = nowMs;
        record(a, "assigned", command.by, nowMs, alertMessage(AlertCode::AssignedTo, command.assignee));
        schedule(a);
        return;
    case AlertCommand::Kind::Snooze:
        if (command.untilMs <= nowMs)
            return refuse("snooze time is not in the future");
        a.state = AlertState::Snoozed;
        a.snoozedUntilMs = command.untilMs;
        a.updatedAtMs = nowMs;
        record(a, "snoozed", command.by, nowMs, AlertMessage::text(command.note));
        schedule(a);
        return;
    case AlertCommand::Kind::Resolve:
        close(it, "resolved", command.by, nowMs, AlertMessage::text(command.note));
        return;
    }
}

void AlertBook::restore(std::vector<Alert> open, std::int64_t maxKnownId)
{
    m_nextId = std::max(m_nextId, maxKnownId + 1);
    for (auto &a : open) {
        m_nextId = std::max(m_nextId, a.id + 1);
        const std::string key = keyOf(a.ruleId, a.subject.key);
        m_keyById[a.id] = key;
        schedule(m_open[key] = std::move(a));
    }
    qCInfo(lcAlertBook) << "restored" << m_open.size() << "open alerts, next id" << m_nextId;
}

void AlertBook::retire(const std::vector<AlertRule> &rules, std::int64_t nowMs)
{
    std::unordered_map<std::string_view, bool> enabled;
    for (const auto &r : rules)
        enabled[r.id] = r.enabled;
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        const auto e = enabled.find(it->second.ruleId);
        it = e != enabled.end() && e->second ? std::next(it) : m_pending.erase(it);
    }
    for (auto it = m_open.begin(); it != m_open.end();) {
        const auto e = enabled.find(it->second.ruleId);
        if (e == enabled.end() || !e->second) {
            const auto next = std::next(it);
            close(it, "auto_resolved", kSystem, nowMs, alertMessage(AlertCode::RuleRetired));
            it = next;
        } else {
            ++it;
        }
    }
}

std::vector<Alert> AlertBook::openAlerts() const
{
    std::vector<Alert> out;
    out.reserve(m_open.size());
    for (const auto &[key, a] : m_open)
        out.push_back(a);
    return out;
}

std::vector<AlertChange> AlertBook::takeChanges()
{
    return std::exchange(m_changes, {});
}

std::vector<AlertRefusal> AlertBook::takeRefusals()
{
    return std::exchange(m_refusals, {});
}

} // namespace opsdeck::core
