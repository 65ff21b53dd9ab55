#pragma once

#include "GuiReturn.h"
#include "core/access/AccessGuard.h"
#include "feed/control/ControlClient.h"
#include "sdk/OrderActions.h"
#include "store/intake/ControlAudit.h"

#include <QHash>
#include <QLoggingCategory>
#include <QStringList>
#include <QThreadPool>

#include <functional>

#include <string>

namespace opsdeck::app {

class ControlAuditSink;

Q_DECLARE_LOGGING_CATEGORY(lcOrderActions)

// sdk::OrderActions over feed::ControlClient. The state machine (core/OrderState.h) is
// checked at once on the GUI thread; accepted commands run on a small thread pool, one
// ControlClient (its own socket) per command, so a gateway that does not answer makes
// each command "unconfirmed" after its own 3 s instead of queueing behind the others.
// Every request first passes the console's permission check (core::access::AccessGuard):
// a refused one is shown with the missing permission, audited, and never sent. The
// gateway is told who acted (`by`, from the guard's Principal), not asked to decide.
class ControlOrderActions final : public sdk::OrderActions
{
    Q_OBJECT
public:
    // The depot and merchant of an order, for the data scope (empty when unknown: then
    // only a principal limited to no depot and no merchant may act on it).
    using ScopeOf = std::function<core::access::Scope(const QString &orderId)>;

    ControlOrderActions(std::string endpoint, feed::CurveKeys curve, const core::access::AccessGuard &access,
                        QObject *parent = nullptr);
    ControlOrderActions(std::string endpoint, feed::CurveKeys curve, const core::access::AccessGuard &access,
                        feed::ControlClient::Options options, QObject *parent = nullptr);
    ~ControlOrderActions() override;

    QString check(const Request &request) const override;
    QString attempt(const Request &request) override;
    Submitted submit(const Request &request) override;
    void setScopeOf(ScopeOf scopeOf) { m_scopeOf = std::move(scopeOf); }

    static core::access::Permission permissionFor(Kind kind);

    // Why `request` is illegal right now, or empty when it may be sent.
    static QString refusalFor(const Request &request);
    static QString commandName(Kind kind);

    // "12:03:04 Hold (Suspicious burst) by disp1: confirmed" lines, this session, oldest first.
    QStringList actionsOn(const QString &orderId) const { return m_log.value(orderId); }

    // Where every request goes on the audit trail (control_audit, origin "board"): when
    // sent (pending), refused on the spot, and with its outcome; written from the GUI
    // thread (StoreAuditSink posts to the store thread). Null: no audit.
    void setAudit(ControlAuditSink *sink) { m_audit = sink; }

private:
    // The permission check's refusal in words (empty: allowed); audited when `audit`.
    QString accessRefusal(const Request &request, bool audit) const;
    std::string requestJson(const QString &commandId, const Request &request) const;
    store::ControlAuditEntry auditEntry(const QString &commandId, const Request &request) const;

    std::string m_endpoint;
    feed::CurveKeys m_curve;
    const core::access::AccessGuard &m_access;
    ScopeOf m_scopeOf;
    QString m_user;
    QString m_role;
    feed::ControlClient::Options m_options;
    QThreadPool m_pool;
    QHash<QString, QStringList> m_log;
    ControlAuditSink *m_audit = nullptr;
    GuiReturn m_return{this};
};

} // namespace opsdeck::app
