#pragma once

#include "IntakeRows.h"
#include "sdk/SdkExport.h"

#include <QObject>
#include <QStringList>

namespace opsdeck::sdk {

// Intake control for panels (the ops manager's desk): the live gateway.stats per depot
// and commands that change rate limits, circuit breakers and diversions. The host checks
// permissions, audits every command, sends it off the GUI thread and reports each state
// change (pending, then confirmed / refused / unconfirmed) through commandChanged().
// All signals arrive on the GUI thread; intakeChanged at most about once a second.
class OPSDECK_SDK_EXPORT IntakeService : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~IntakeService() override;

    virtual QList<DepotIntakeRow> currentIntake() const = 0;
    // Whether this user's role may send cmd (panels disable what it may not).
    virtual bool maySend(const QString &cmd) const = 0;
    // Returns the command id at once; the outcome follows through commandChanged().
    virtual QString send(const ControlRequest &request) = 0;
    virtual QList<ControlStatus> recentCommands() const = 0;

    // Storm playbooks: named sets of controls applied and reverted in one action.
    // playbooks() are names: what the other calls take. A user reads playbookTitle()
    // and playbookDescription(), in the console's language when the file has it.
    virtual QStringList playbooks() const = 0;
    virtual QString playbookDescription(const QString &name) const = 0;
    // expiresAtMs: the duration the user chose for every control of the playbook ("for 1
    // hour" = now + 1 h; 0 = permanent). Where a timed change is in force on the same
    // target and ends sooner, that control ends with it: a playbook never silently turns a
    // timed change into a permanent (or longer) one. playbookConflicts() words each such
    // case before applying. false: unknown / not allowed / no reason.
    virtual bool applyPlaybook(const QString &name, const QString &reason, qint64 expiresAtMs) = 0;
    virtual QStringList playbookConflicts(const QString &name, qint64 expiresAtMs) const = 0;
    virtual bool revertPlaybook(const QString &name, const QString &reason) = 0; // false: not applied
    virtual bool playbookApplied(const QString &name) const = 0;
    // Last, so the slots a plugin built against SDK 3 calls keep their places.
    virtual QString playbookTitle(const QString &name) const { return name; }

signals:
    void intakeChanged(const QList<opsdeck::sdk::DepotIntakeRow> &depots);
    void commandChanged(const opsdeck::sdk::ControlStatus &status);
    void playbooksChanged();
};

} // namespace opsdeck::sdk
