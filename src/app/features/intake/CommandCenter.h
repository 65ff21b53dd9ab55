#pragma once

#include "core/intake/ControlCommand.h"
#include "core/intake/IntakeStats.h"
#include "feed/control/ControlClient.h"
#include "feed/wire/FeedEndpoints.h"

#include <QJsonValue>
#include <QString>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace opsdeck::app {

class ControlAuditSink;

enum class CommandState { Pending, Confirmed, Refused, Unconfirmed };
const char *toString(CommandState state); // pending | confirmed | refused | unconfirmed

struct Actor {
    QString user;
    QString role;
};

// Why a command is issued, beyond the user's reason.
struct IssueContext {
    std::string origin = "console"; // console | ctl | timer | playbook | playbook_revert
    std::string runId;              // playbook run
    std::int64_t expiresMs = 0;     // a timed control resets itself then (0 = never)
    std::string runName;            // the playbook's name
};

struct CommandOutcome {
    std::string commandId;
    CommandState state = CommandState::Pending;
    std::string error;   // gateway code, or local: bad_request, forbidden, reason_required, timeout, no_effect
    std::string message;
    std::string reply;   // the gateway's reply as received (empty when none)
    bool local = false;  // refused by the console itself, never sent
    QJsonValue before;   // touched state before (null when unknown: no gateway.stats seen)
    QJsonValue after;    // touched state once confirmed
    int attempts = 0;
};

// The one path every control command takes, from the panel, a timer, a playbook or
// `opsdeck ctl`: checks the arguments and the user's permission, records who/what/why
// with the state before, sends it with an id kept across retries (feed::ControlClient,
// Lazy Pirate), and settles it:
//   confirmed    the gateway said ok and gateway.stats shows the effect (or, without a
//                board, as for `opsdeck ctl`, the gateway said ok)
//   refused      the console or the gateway said no (with the reason)
//   unconfirmed  no reply after the retries (3 s by default), or the effect never showed
// The audit entry is written as pending before sending and updated with the outcome.
// Blocking: call from one worker thread (never the GUI thread); calls are serialised.
class CommandCenter final
{
public:
    struct Options {
        feed::ControlClient::Options client{1000, 3};
        int effectTimeoutMs = 3000;
        std::function<std::int64_t()> clockMs; // wall clock for the audit; default: system clock
    };

    // audit and board may be null (no audit: tests of the wire only; no board: `ctl`).
    CommandCenter(std::string controlEndpoint, feed::CurveKeys curve, ControlAuditSink *audit,
                  const core::IntakeBoard *board, Options options);
    ~CommandCenter();
    CommandCenter(const CommandCenter &) = delete;
    CommandCenter &operator=(const CommandCenter &) = delete;

    static std::string newCommandId(); // "c-<uuid>"
    static std::string newRunId();     // "run-<uuid>"

    CommandOutcome execute(const std::string &commandId, const core::ControlCommand &command, const Actor &actor,
                           const QString &reason, const IssueContext &context);
    std::int64_t nowMs() const;

private:
    CommandOutcome settle(const std::string &commandId, const core::ControlCommand &command, const Actor &actor,
                          const QString &reason, const IssueContext &context);

    std::mutex m_mutex; // one command at a time: ControlClient is single-threaded
    std::unique_ptr<feed::ControlClient> m_client;
    ControlAuditSink *m_audit;
    const core::IntakeBoard *m_board;
    Options m_options;
};

} // namespace opsdeck::app
