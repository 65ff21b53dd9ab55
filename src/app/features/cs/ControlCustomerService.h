#pragma once

#include "app/features/board/GuiReturn.h"
#include "core/access/AccessGuard.h"
#include "feed/control/ControlClient.h"
#include "sdk/CustomerServiceActions.h"
#include "store/intake/ControlAudit.h"

#include <QHash>
#include <QLoggingCategory>
#include <QThreadPool>

#include <functional>
#include <string>

class QTranslator;

namespace opsdeck::app {

class ControlAuditSink;

Q_DECLARE_LOGGING_CATEGORY(lcCustomerService)

// sdk::CustomerServiceActions over feed::ControlClient, the same command path as the
// board's ControlOrderActions: the one permission check (AccessGuard; claim approvals
// also against the role's limit, core/access/ClaimLimits.h), then one ControlClient per
// command on a small pool (Lazy Pirate, 3 s), then the feed. Pending ends with the
// confirming event (observeFeedEvent), a refusal, or no answer and no event.
class ControlCustomerService final : public sdk::CustomerServiceActions
{
    Q_OBJECT
public:
    using ScopeOf = std::function<core::access::Scope(const QString &orderId)>;

    // `chinese`: the zh_CN catalogue for messages to Chinese readers (may be null: then
    // only English messages can be sent). Not owned; outlives this.
    ControlCustomerService(std::string endpoint, feed::CurveKeys curve, const core::access::AccessGuard &access,
                           feed::ControlClient::Options options, const QTranslator *chinese, QObject *parent = nullptr);
    ~ControlCustomerService() override;

    QString check(const Request &request) const override;
    Submitted submit(const Request &request) override;
    void observeFeedEvent(const QString &type, const QString &orderId) override;
    Status status(const QString &commandId) const override
    {
        const auto it = m_commands.constFind(commandId);
        return it == m_commands.constEnd() ? Status::Unknown : it->status;
    }
    void setScopeOf(ScopeOf scopeOf) { m_scopeOf = std::move(scopeOf); }
    // The control audit (control_audit and the chained audit_log, origin "cs"), written on
    // the GUI thread: refused locally, pending when sent, then its outcome. Null: none.
    void setAudit(ControlAuditSink *sink) { m_audit = sink; }

    static core::access::Permission permissionFor(Kind kind);

private:
    struct Command {
        QString orderId;
        QString event;          // the confirming event type
        Status status = Status::Pending;
        bool gatewayOk = false; // the gateway answered ok
        bool seenOnFeed = false;
        store::ControlAuditEntry audit; // as written when sent
    };

    // Permission (and claim limit) refusal in words, empty when allowed; audited when `audit`.
    QString accessRefusal(const Request &request, bool audit) const;
    // Missing or bad fields, a message that does not render; fills `text` for a message.
    QString requestRefusal(const Request &request, QString *text) const;
    std::string requestJson(const QString &commandId, const Request &request) const;
    void onReply(const QString &commandId, feed::ControlClient::Result result);
    void settle(const QString &commandId, Status status, const QString &error, const QString &message,
                const feed::ControlClient::Result *reply = nullptr);
    store::ControlAuditEntry auditEntry(const QString &commandId, const Request &request) const;

    std::string m_endpoint;
    feed::CurveKeys m_curve;
    const core::access::AccessGuard &m_access;
    feed::ControlClient::Options m_options;
    const QTranslator *m_chinese;
    ScopeOf m_scopeOf;
    ControlAuditSink *m_audit = nullptr;
    QHash<QString, Command> m_commands;
    QThreadPool m_pool;
    GuiReturn m_return{this};
};

} // namespace opsdeck::app
