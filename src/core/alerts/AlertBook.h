#pragma once

#include "AlertRules.h"
#include "AlertTypes.h"

#include <cstdint>
#include <functional>
#include <queue>
#include <string>
#include <unordered_map>
#include <vector>

namespace opsdeck::core {

// The lifecycle of alerts: one open alert per (rule, subject), debounce before firing,
// escalation, snooze expiry, auto-resolve, user commands. Detectors only say "the
// condition holds" (raise) or "it no longer holds" (clear); every resulting change is
// queued for the store and the GUI. Core thread only.
class AlertBook final
{
public:
    // Continuing: the condition is still the one already reported (no new count).
    // Occurrence: a new instance of it (counted into the open alert: dedupe).
    enum class Raise { Continuing, Occurrence };

    void raise(const AlertRule &rule, const AlertSubject &subject, std::int64_t sinceMs, std::int64_t nowMs,
               AlertMessage message, Raise how = Raise::Continuing);
    // An open alert's running count changed (e.g. failing frames so far): a new message
    // and count, one "repeated" step. Nothing when no such alert is open.
    void recount(const AlertRule &rule, const std::string &subjectKey, std::int64_t count, std::int64_t nowMs,
                 AlertMessage message);
    // The condition cleared: forget a pending one, resolve an open one saying why (one of
    // the "condition cleared: ..." codes, AlertCode::Cleared*).
    void clear(const AlertRule &rule, const std::string &subjectKey, std::int64_t nowMs, AlertMessage why);
    // The same, building the message only when an open alert resolves: detectors clear on
    // every rider fix, and nearly always nothing is pending or open for that rider.
    template<typename MakeWhy>
    void clearWith(const AlertRule &rule, const std::string &subjectKey, std::int64_t nowMs, MakeWhy &&makeWhy)
    {
        const auto it = forgetPending(rule.id, subjectKey);
        if (it != m_open.end())
            autoResolve(it, nowMs, makeWhy());
    }

    // The condition got worse (e.g. still not signed 30 min after the promise): the open
    // alert escalates now, acknowledged or not (severity up, ops manager), once.
    void escalate(const AlertRule &rule, const std::string &subjectKey, std::int64_t nowMs, AlertMessage why);

    bool isOpen(const AlertRule &rule, const std::string &subjectKey) const;
    bool isPending(const AlertRule &rule, const std::string &subjectKey) const;
    const Alert *find(std::int64_t alertId) const;

    // The rules in force (kept by the caller, which calls this again when it replaces them).
    void setRules(const std::vector<AlertRule> &rules);

    // Pending past their debounce fire, snoozes expire, unacknowledged alerts escalate,
    // occurrence alerts with no new occurrence for quiet_minutes resolve. Each of these
    // is a deadline in a heap: a tick touches only the alerts that are due.
    void tick(std::int64_t nowMs);

    // A user's request; refused (with a reason) when the alert is unknown or closed or
    // the step is not allowed from its state.
    void apply(const AlertCommand &command, std::int64_t nowMs);

    // Open alerts loaded from the store at start: re-raising them adds nothing new.
    void restore(std::vector<Alert> open, std::int64_t maxKnownId);
    // Rules were replaced: alerts of rules that are gone or disabled resolve.
    void retire(const std::vector<AlertRule> &rules, std::int64_t nowMs);

    std::vector<Alert> openAlerts() const;
    std::size_t openCount() const { return m_open.size(); }
    std::size_t pendingCount() const { return m_pending.size(); }

    std::vector<AlertChange> takeChanges();
    std::vector<AlertRefusal> takeRefusals();

private:
    struct Pending {
        std::string ruleId; // rules may be replaced while a condition is pending
        std::int64_t debounceMs = 0;
        AlertSubject subject;
        std::int64_t sinceMs = 0;
        AlertMessage message;
    };
    static std::string keyOf(const std::string &ruleId, const std::string &subjectKey);
    // keyOf into a reused buffer (no allocation per lookup); valid until the next call.
    const std::string &scratchKey(const std::string &ruleId, const std::string &subjectKey);
    // Drops a pending condition; the open alert of (rule, subject), or m_open.end().
    std::unordered_map<std::string, Alert>::iterator forgetPending(const std::string &ruleId,
                                                                   const std::string &subjectKey);
    void autoResolve(std::unordered_map<std::string, Alert>::iterator it, std::int64_t nowMs, AlertMessage why);
    void fire(const AlertRule &rule, const AlertSubject &subject, std::int64_t sinceMs, std::int64_t nowMs,
              AlertMessage message);
    void record(const Alert &alert, const char *action, const std::string &by, std::int64_t atMs, AlertMessage note = {});
    const AlertRule *ruleOf(const std::string &ruleId) const;
    // (Re)computes the alert's next lifecycle deadline; one live heap entry per alert.
    void schedule(const Alert &alert);
    // Severity one step up, the ops manager added, recorded as "escalated" (once per alert).
    void raiseOneStep(Alert &alert, std::int64_t nowMs, AlertMessage why);
    void lifecycleStep(std::unordered_map<std::string, Alert>::iterator it, std::int64_t nowMs);
    void close(std::unordered_map<std::string, Alert>::iterator it, const char *action, const std::string &by,
               std::int64_t nowMs, AlertMessage note);

    std::unordered_map<std::string, Alert> m_open;      // key: rule id + '\x1f' + subject key
    std::unordered_map<std::int64_t, std::string> m_keyById;
    std::unordered_map<std::string, Pending> m_pending;
    std::unordered_map<std::string_view, const AlertRule *> m_rules;
    using Due = std::pair<std::int64_t, std::int64_t>; // due ms, alert id
    std::priority_queue<Due, std::vector<Due>, std::greater<Due>> m_lifecycle;
    std::unordered_map<std::int64_t, std::int64_t> m_scheduled; // alert id -> its live deadline
    using PendingDue = std::pair<std::int64_t, std::string>;   // due ms, key
    std::priority_queue<PendingDue, std::vector<PendingDue>, std::greater<PendingDue>> m_pendingDue;
    std::int64_t m_nextId = 1;
    std::vector<AlertChange> m_changes;
    std::vector<AlertRefusal> m_refusals;
    std::string m_scratchKey;
};

} // namespace opsdeck::core
