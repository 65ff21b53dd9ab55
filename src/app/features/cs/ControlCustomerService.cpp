#include "ControlCustomerService.h"

#include "app/access/AccessText.h"
#include "app/features/intake/ControlAuditSink.h"
#include "core/access/ClaimLimits.h"
#include "sdk/MessageTemplates.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

#include <cmath>

namespace opsdeck::app {

Q_LOGGING_CATEGORY(lcCustomerService, "opsdeck.app.cs")

namespace {
QString newCommandId()
{
    return QStringLiteral("cs-") + QUuid::createUuid().toString(QUuid::Id128).left(16);
}
} // namespace

ControlCustomerService::ControlCustomerService(std::string endpoint, feed::CurveKeys curve,
                                               const core::access::AccessGuard &access,
                                               feed::ControlClient::Options options, const QTranslator *chinese,
                                               QObject *parent)
    : sdk::CustomerServiceActions(parent), m_endpoint(std::move(endpoint)), m_curve(std::move(curve)),
      m_access(access), m_options(options), m_chinese(chinese)
{
    m_pool.setMaxThreadCount(2);
}

ControlCustomerService::~ControlCustomerService()
{
    m_return.disarm();
    m_pool.waitForDone(); // each command gives up after its own timeout
}

core::access::Permission ControlCustomerService::permissionFor(Kind kind)
{
    using P = core::access::Permission;
    switch (kind) {
    case Kind::StartReturn:
    case Kind::CloseReturn: return P::HandleReturns;
    case Kind::OpenClaim: return P::OpenClaim;
    case Kind::DecideClaim: return P::DecideClaim;
    case Kind::Refund: return P::Refund;
    case Kind::NotifyCustomer: return P::NotifyCustomer;
    }
    return P::Count;
}

QString ControlCustomerService::accessRefusal(const Request &request, bool audit) const
{
    const core::access::Scope scope = m_scopeOf ? m_scopeOf(request.orderId) : core::access::Scope{};
    const core::access::Permission permission = permissionFor(request.kind);
    core::access::Decision decision = audit
        ? m_access.require(permission, scope, "command." + commandName(request.kind).toStdString(),
                           request.orderId.toStdString())
        : m_access.allows(permission, scope);
    if (decision.allowed() && request.kind == Kind::DecideClaim)
        decision = core::access::checkClaimDecision(m_access.principal(), request.approve, request.amount, scope);
    return accessRefusalText(m_access.principal(), decision, request.orderId);
}

QString ControlCustomerService::requestRefusal(const Request &request, QString *text) const
{
    if (request.orderId.isEmpty())
        return tr("No order selected.");
    const bool amountOk = std::isfinite(request.amount) && request.amount >= 0;
    switch (request.kind) {
    case Kind::OpenClaim:
        if (request.reason.trimmed().isEmpty())
            return tr("A reason is required.");
        if (!amountOk)
            return tr("The amount must be a number of 0 or more.");
        break;
    case Kind::DecideClaim:
        if (request.approve && !amountOk)
            return tr("The amount must be a number of 0 or more.");
        break;
    case Kind::Refund:
        if (!amountOk || !(request.amount > 0))
            return tr("A refund needs an amount above 0.");
        break;
    case Kind::NotifyCustomer: {
        const auto t = sdk::messageTemplateFromId(request.templateId);
        if (!t)
            return tr("Unknown message template “%1”.").arg(request.templateId);
        const sdk::RenderedMessage m = sdk::renderMessage(*t, request.language, request.vars, m_chinese);
        if (!m.ok())
            return m.error;
        if (text)
            *text = m.text;
        break;
    }
    case Kind::StartReturn:
    case Kind::CloseReturn: break;
    }
    return {};
}

QString ControlCustomerService::check(const Request &request) const
{
    const QString denied = accessRefusal(request, false);
    return denied.isEmpty() ? requestRefusal(request, nullptr) : denied;
}

std::string ControlCustomerService::requestJson(const QString &commandId, const Request &request) const
{
    const auto &p = m_access.principal();
    QJsonObject req{{QStringLiteral("id"), commandId},
                    {QStringLiteral("cmd"), commandName(request.kind)},
                    {QStringLiteral("by"), QJsonObject{{QStringLiteral("user"), QString::fromStdString(p.user)},
                                                       {QStringLiteral("role"), QString::fromStdString(p.role)}}},
                    {QStringLiteral("order_id"), request.orderId}};
    if (!request.reason.isEmpty())
        req.insert(QStringLiteral("reason"), request.reason);
    if (request.kind == Kind::OpenClaim || request.kind == Kind::Refund
        || (request.kind == Kind::DecideClaim && request.approve))
        req.insert(QStringLiteral("amount"), request.amount);
    if (request.kind == Kind::OpenClaim && !request.photoRef.isEmpty())
        req.insert(QStringLiteral("photo_ref"), request.photoRef);
    if (request.kind == Kind::DecideClaim)
        req.insert(QStringLiteral("decision"), request.approve ? QStringLiteral("approve") : QStringLiteral("reject"));
    if (request.kind == Kind::NotifyCustomer) {
        req.insert(QStringLiteral("template"), request.templateId);
        req.insert(QStringLiteral("lang"), request.language);
    }
    return QJsonDocument(req).toJson(QJsonDocument::Compact).toStdString();
}

store::ControlAuditEntry ControlCustomerService::auditEntry(const QString &commandId, const Request &request) const
{
    store::ControlAuditEntry e;
    e.commandId = commandId.toStdString();
    e.origin = "cs";
    e.issuedMs = QDateTime::currentMSecsSinceEpoch(); // audit rows are wall-clock by design
    e.user = m_access.principal().user;
    e.role = m_access.principal().role;
    e.cmd = commandName(request.kind).toStdString();
    e.argsJson = requestJson(commandId, request); // what went on the wire
    e.reason = request.reason.toStdString();
    e.status = "pending";
    return e;
}

sdk::CustomerServiceActions::Submitted ControlCustomerService::submit(const Request &request)
{
    Submitted submitted;
    const QString denied = accessRefusal(request, true); // a missing permission is audited by the guard
    submitted.refusal = denied.isEmpty() ? requestRefusal(request, &submitted.text) : denied;
    if (!submitted.accepted()) {
        qCInfo(lcCustomerService) << "refused locally:" << submitted.refusal;
        if (m_audit) {
            store::ControlAuditEntry e = auditEntry(newCommandId(), request);
            e.status = "refused";
            e.error = denied.isEmpty() ? "bad_request" : "forbidden";
            e.message = submitted.refusal.toStdString();
            e.settledMs = e.issuedMs;
            m_audit->write(e);
        }
        return submitted;
    }
    submitted.commandId = newCommandId();
    Command command;
    command.orderId = request.orderId;
    command.event = confirmingEvent(request.kind);
    command.audit = auditEntry(submitted.commandId, request);
    if (m_audit)
        m_audit->write(command.audit);
    m_commands.insert(submitted.commandId, command);
    auto handle = m_return.handle();
    m_pool.start([this, handle, json = requestJson(submitted.commandId, request), id = submitted.commandId,
                  endpoint = m_endpoint, curve = m_curve, options = m_options] {
        feed::ControlClient client(endpoint, curve, options);
        feed::ControlClient::Result result = client.send(json);
        handle.deliver([this, id, result = std::move(result)]() mutable { onReply(id, std::move(result)); });
    });
    return submitted;
}

void ControlCustomerService::onReply(const QString &commandId, feed::ControlClient::Result result)
{
    auto it = m_commands.find(commandId);
    if (it == m_commands.end() || it->status != Status::Pending)
        return;
    const QString error = QString::fromStdString(result.error);
    const QString message = QString::fromStdString(result.message);
    switch (result.status) {
    case feed::ControlClient::Status::Refused: settle(commandId, Status::Refused, error, message, &result); return;
    case feed::ControlClient::Status::Unconfirmed:
        // The reply was lost but the feed showed the effect: it happened.
        settle(commandId, it->seenOnFeed ? Status::Confirmed : Status::Unconfirmed, error, message, &result);
        return;
    case feed::ControlClient::Status::Confirmed:
        it->gatewayOk = true;
        it->audit.replyJson = result.rawReply;
        it->audit.attempts = result.attempts;
        if (it->seenOnFeed) { // the gateway publishes before it answers: the event may be first
            settle(commandId, Status::Confirmed, {}, {}, &result);
            return;
        }
        emit accepted(commandId);
        return;
    }
}

void ControlCustomerService::observeFeedEvent(const QString &type, const QString &orderId)
{
    // One event confirms one command. The event names no command id yet, so a command the
    // gateway already accepted goes first: of two refunds of one order, the refused one
    // must not take the accepted one's event and leave it pending.
    auto candidate = [&](bool gatewayOk) {
        for (auto it = m_commands.begin(); it != m_commands.end(); ++it)
            if (it->status == Status::Pending && it->orderId == orderId && it->event == type && !it->seenOnFeed
                && it->gatewayOk == gatewayOk)
                return it;
        return m_commands.end();
    };
    auto it = candidate(true);
    if (it == m_commands.end())
        it = candidate(false);
    if (it == m_commands.end())
        return;
    it->seenOnFeed = true;
    if (it->gatewayOk) {
        const QString id = it.key();
        settle(id, Status::Confirmed, {}, {});
    }
}

void ControlCustomerService::settle(const QString &commandId, Status status, const QString &error,
                                    const QString &message, const feed::ControlClient::Result *reply)
{
    Command &c = m_commands[commandId];
    c.status = status;
    if (m_audit) {
        store::ControlAuditEntry e = c.audit;
        e.status = status == Status::Confirmed ? "confirmed" : status == Status::Refused ? "refused" : "unconfirmed";
        e.error = error.toStdString();
        e.message = message.toStdString();
        if (reply) {
            e.replyJson = reply->rawReply;
            e.attempts = reply->attempts;
        }
        e.settledMs = QDateTime::currentMSecsSinceEpoch();
        m_audit->write(e);
    }
    qCInfo(lcCustomerService) << commandId << c.orderId << "settled" << static_cast<int>(status) << error;
    emit settled(commandId, c.orderId, status, error, message);
}

} // namespace opsdeck::app
