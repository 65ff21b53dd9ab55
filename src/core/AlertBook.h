#pragma once

#include "AlertRules.h"
#include "AlertTypes.h"

#include <cstdint>
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
               std::string message, Raise how = Raise::Continuing);
    // The condition cleared: forget a pending one, resolve an open one saying why.
    void clear(const AlertRule &rule, const std::string &subjectKey, std::int64_t nowMs, const std::string &why);

    bool isOpen(const AlertRule &rule, const std::string &subjectKey) const;
    bool isPending(const AlertRule &rule, const std::string &subjectKey) const;
    const Alert *find(std::int64_t alertId) const;

    // Pending past their debounce fire, snoozes expire, unacknowledged alerts escalate,
    // occurrence alerts with no new occurrence for quiet_minutes resolve.
    void tick(const std::vector<AlertRule> &rules, std::int64_t nowMs);

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
        std::string message;
    };
    static std::string keyOf(const std::string &ruleId, const std::string &subjectKey);
    void fire(const AlertRule &rule, const AlertSubject &subject, std::int64_t sinceMs, std::int64_t nowMs,
              std::string message);
    void record(const Alert &alert, const char *action, const std::string &by, std::int64_t atMs, std::string note = {});
    void close(std::unordered_map<std::string, Alert>::iterator it, const char *action, const std::string &by,
               std::int64_t nowMs, const std::string &note);

    std::unordered_map<std::string, Alert> m_open;      // key: rule id + '\x1f' + subject key
    std::unordered_map<std::int64_t, std::string> m_keyById;
    std::unordered_map<std::string, Pending> m_pending;
    std::int64_t m_nextId = 1;
    std::vector<AlertChange> m_changes;
    std::vector<AlertRefusal> m_refusals;
};

} // namespace opsdeck::core
