#pragma once

#include "CommandCenter.h"
#include "PlaybookRunner.h"
#include "TimedControls.h"

#include "core/intake/Playbook.h"
#include "sdk/IntakeService.h"

#include <QHash>
#include <QThreadPool>
#include <QTimer>

#include <functional>
#include <memory>

namespace opsdeck::app {

class ControlAuditSink;

// The console's sdk::IntakeService: the live gateway.stats board, pulled once a second
// on the GUI thread (latest value wins), and commands run on one worker thread through
// the CommandCenter (permission, audit, Lazy Pirate, confirmation). Timed controls are
// checked on the same tick against an injectable clock and reset through the same path
// (origin "timer", audited like a manual change).
class IntakeServiceHost final : public sdk::IntakeService
{
    Q_OBJECT
public:
    struct Options {
        int refreshMs = 1000;
        std::function<qint64()> clockMs; // the feed clock for timed controls; default: system
        CommandCenter::Options center;
        int keptCommands = 200;          // recentCommands() history
    };

    IntakeServiceHost(std::string controlEndpoint, feed::CurveKeys curve, const core::IntakeBoard &board,
                      ControlAuditSink &audit, Actor actor, Options options, QObject *parent = nullptr);
    ~IntakeServiceHost() override; // waits for the command in flight

    // Replaces the playbooks; returns the problems (playbooks left out).
    QStringList loadPlaybooks(const QByteArray &json);
    // The same from a file, read on the worker thread (the GUI thread does no I/O).
    void loadPlaybookFile(const QString &path);

    QList<sdk::DepotIntakeRow> currentIntake() const override { return m_rows; }
    bool maySend(const QString &cmd) const override;
    QString send(const sdk::ControlRequest &request) override;
    QList<sdk::ControlStatus> recentCommands() const override { return m_recent; }
    QStringList playbooks() const override;
    QString playbookTitle(const QString &name) const override;
    QString playbookDescription(const QString &name) const override;
    bool applyPlaybook(const QString &name, const QString &reason, qint64 expiresAtMs) override;
    QStringList playbookConflicts(const QString &name, qint64 expiresAtMs) const override;
    bool revertPlaybook(const QString &name, const QString &reason) override;
    bool playbookApplied(const QString &name) const override { return m_appliedRuns.contains(name); }

    // Picks up where an earlier session left off by replaying the audit (read on the
    // worker thread): timed controls are re-armed (one still due resets at its time, one
    // that came due while the console was down at the next tick) and playbooks applied
    // and not reverted can be reverted.
    void restoreFromAudit();
    std::vector<TimedControls::Timed> armedTimers() const { return m_timed.armed(); }
    // For tests: blocks until no command is queued or running.
    bool waitForIdle(int ms);

public slots:
    // Pulls the board if it changed and resets the timed controls that are due.
    void refresh();

private:
    void dispatch(const std::string &id, const core::ControlCommand &command, const QString &reason,
                  const IssueContext &context);
    void report(const std::string &id, const core::ControlCommand &command, const QString &reason,
                const IssueContext &context, const CommandOutcome *outcome); // GUI thread
    qint64 now() const;
    const core::Playbook *findPlaybook(const QString &name) const;
    // The end of each control of `playbook` applied until expiresAtMs (0 = permanent): the
    // chosen one, or the sooner end of a timed change in force on its target (worded in *notes).
    std::vector<std::int64_t> playbookEnds(const core::Playbook &playbook, qint64 expiresAtMs, QStringList *notes) const;

    const core::IntakeBoard &m_board;
    ControlAuditSink &m_audit;
    Actor m_actor;
    Options m_options;
    std::unique_ptr<CommandCenter> m_center;
    std::unique_ptr<PlaybookRunner> m_runner;
    TimedControls m_timed;
    std::vector<core::Playbook> m_playbooks;
    QHash<QString, QString> m_appliedRuns; // playbook name -> run id
    QList<sdk::DepotIntakeRow> m_rows;
    std::uint64_t m_seenGeneration = 0;
    QList<sdk::ControlStatus> m_recent;
    QThreadPool m_worker; // one thread: commands run one at a time, in order
    QTimer m_tick;
};

} // namespace opsdeck::app
