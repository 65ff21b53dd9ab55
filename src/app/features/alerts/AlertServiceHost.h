#pragma once

#include "core/access/AccessGuard.h"

#include "AlertPipeline.h"
#include "core/audit/AuditRecord.h"
#include "sdk/AlertService.h"

#include <QHash>
#include <QLoggingCategory>

#include <functional>

namespace opsdeck::app {

Q_DECLARE_LOGGING_CATEGORY(lcAlertService)

// The host's sdk::AlertService. Lives on the GUI thread: keeps the open alerts as rows,
// turns requests into engine commands (executed on the core thread at its next tick),
// and receives the engine's changes once per tick as one queued call.
class AlertServiceHost final : public sdk::AlertService
{
    Q_OBJECT
public:
    using Clock = std::function<qint64()>;
    // Before the pipeline is assembled (it becomes the pipeline's listener).
    AlertServiceHost(AlertPipeline &pipeline, QString userName, Clock clock = {}, QObject *parent = nullptr);
    ~AlertServiceHost() override;

    // Rule edits (applied or refused as invalid) go on the audit trail; null: not audited.
    // `role` is the signed-in user's. Wall clock: the audit says when it happened here.
    void setAudit(core::audit::AuditSink *sink, QString role, Clock wallClock = {});

    // After the pipeline was assembled: the alerts reloaded from the store.
    void loadRestored();

    static sdk::AlertRow toRow(const core::Alert &alert);
    // A message as the SDK carries it: English text, code name (empty for free text), arguments.
    static void toSdk(const core::AlertMessage &message, QString *english, QString *code, QVariantList *args);

    QList<sdk::AlertRow> currentAlerts() const override;
    void acknowledge(qint64 alertId) override;
    void assign(qint64 alertId, const QString &assignee) override;
    void resolve(qint64 alertId, const QString &note) override;
    void snooze(qint64 alertId, qint64 untilMs) override;
    qint64 nowMs() const override;
    void searchHistory(const QString &text, int limit) override;
    QByteArray rulesJson() const override;
    QStringList validateRules(const QByteArray &json) const override;
    bool applyRules(const QByteArray &json, QStringList *problems) override;
    bool mayEditRules() const override;
    // Rule edits pass the console's permission check (edit_alert_rules) from now on; a
    // refusal is audited by the guard and returned as the one problem. Null: unchecked
    // (an assembly without a window, where no one edits rules).
    void setAccess(const core::access::AccessGuard *access) { m_access = access; }

    static QStringList describe(const core::AlertRuleSet &set);

private:
    void applyOutput(const QList<sdk::AlertRow> &rows, const QList<QPair<qint64, QString>> &refusals);
    void post(core::AlertCommand command);
    void auditRulesEdit(const QByteArray &json, const core::AlertRuleSet &set);

    AlertPipeline &m_pipeline;
    QString m_user;
    Clock m_clock;
    QHash<qint64, sdk::AlertRow> m_open;
    QByteArray m_rulesJson;
    const core::access::AccessGuard *m_access = nullptr;
    core::audit::AuditSink *m_audit = nullptr;
    QString m_role;
    Clock m_wallClock;
};

} // namespace opsdeck::app
