#include "ControlOrderActions.h"

#include "OrderRefusals.h"
#include "app/access/AccessText.h"
#include "app/features/intake/ControlAuditSink.h"

#include "core/model/OrderState.h"
#include "sdk/CodeLabels.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

namespace opsdeck::app {

Q_LOGGING_CATEGORY(lcOrderActions, "opsdeck.app.actions")

namespace {

feed::ControlClient::Options threeSeconds()
{
    // protocol.md: no reply in 3 s means unconfirmed. 3 attempts of 1 s (same id).
    return {1000, 3};
}

QString outcomeText(sdk::OrderActions::Outcome outcome)
{
    switch (outcome) {
    case sdk::OrderActions::Outcome::Confirmed: return ControlOrderActions::tr("confirmed");
    case sdk::OrderActions::Outcome::Refused: return ControlOrderActions::tr("refused");
    case sdk::OrderActions::Outcome::Unconfirmed: return ControlOrderActions::tr("unconfirmed");
    }
    return {};
}

// A command id as the gateway sees it; every request (and each local refusal) has its own.
QString newCommandId()
{
    return QStringLiteral("c-") + QUuid::createUuid().toString(QUuid::Id128).left(16);
}

} // namespace

ControlOrderActions::ControlOrderActions(std::string endpoint, feed::CurveKeys curve,
                                         const core::access::AccessGuard &access, QObject *parent)
    : ControlOrderActions(std::move(endpoint), std::move(curve), access, threeSeconds(), parent)
{
}

ControlOrderActions::ControlOrderActions(std::string endpoint, feed::CurveKeys curve,
                                         const core::access::AccessGuard &access, feed::ControlClient::Options options,
                                         QObject *parent)
    : sdk::OrderActions(parent), m_endpoint(std::move(endpoint)), m_curve(std::move(curve)), m_access(access),
      m_user(QString::fromStdString(access.principal().user)), m_role(QString::fromStdString(access.principal().role)),
      m_options(options)
{
    m_pool.setMaxThreadCount(4);
}

ControlOrderActions::~ControlOrderActions()
{
    m_return.disarm();
    m_pool.waitForDone(); // each command gives up after its own timeout
}

QString ControlOrderActions::commandName(Kind kind)
{
    switch (kind) {
    case Kind::Reassign: return QStringLiteral("reassign");
    case Kind::Hold: return QStringLiteral("hold");
    case Kind::Release: return QStringLiteral("release");
    case Kind::Cancel: return QStringLiteral("cancel");
    }
    return {};
}

core::access::Permission ControlOrderActions::permissionFor(Kind kind)
{
    switch (kind) {
    case Kind::Reassign: return core::access::Permission::Reassign;
    case Kind::Hold:
    case Kind::Release: return core::access::Permission::HoldRelease;
    case Kind::Cancel: return core::access::Permission::Cancel;
    }
    return core::access::Permission::Count;
}

QString ControlOrderActions::accessRefusal(const Request &request, bool audit) const
{
    const core::access::Scope scope = m_scopeOf ? m_scopeOf(request.orderId) : core::access::Scope{};
    const core::access::Permission permission = permissionFor(request.kind);
    const core::access::Decision decision = audit
        ? m_access.require(permission, scope, "command." + commandName(request.kind).toStdString(),
                           request.orderId.toStdString())
        : m_access.allows(permission, scope);
    return accessRefusalText(m_access.principal(), decision, request.orderId);
}

QString ControlOrderActions::check(const Request &request) const
{
    const QString denied = accessRefusal(request, false);
    return denied.isEmpty() ? refusalFor(request) : denied;
}

QString ControlOrderActions::attempt(const Request &request)
{
    const QString denied = accessRefusal(request, true);
    return denied.isEmpty() ? refusalFor(request) : denied;
}

QString ControlOrderActions::refusalFor(const Request &request)
{
    if (request.orderId.isEmpty())
        return tr("No order selected.");
    const auto from = core::orderStateFromString(request.currentState.toStdString());
    const auto to = core::orderStateFromString(targetState(request.kind).toStdString());
    if (!from || !to)
        return orderStateSentence(request.orderId, request.currentState);
    if (request.kind == Kind::Reassign && request.riderId.isEmpty()
        && (*from == core::OrderState::Delivering || *from == core::OrderState::Exception))
        return tr("Choose a rider to reassign order %1 to.").arg(request.orderId);
    // PICKING -> DELIVERING is a dispatch by the depot, not a reassignment.
    const bool legal = request.kind == Kind::Reassign
        ? (*from == core::OrderState::Delivering || *from == core::OrderState::Exception)
        : request.kind == Kind::Release ? *from == core::OrderState::Held : core::isLegalTransition(*from, *to);
    if (!legal)
        return illegalActionText(request.orderId, request.currentState, request.kind);
    if ((request.kind == Kind::Hold || request.kind == Kind::Cancel) && request.reason.trimmed().isEmpty())
        return tr("A reason is required.");
    return {};
}

std::string ControlOrderActions::requestJson(const QString &commandId, const Request &request) const
{
    QJsonObject by{{QStringLiteral("user"), m_user}, {QStringLiteral("role"), m_role}};
    QJsonObject req{{QStringLiteral("id"), commandId},
                    {QStringLiteral("cmd"), commandName(request.kind)},
                    {QStringLiteral("by"), by},
                    {QStringLiteral("order_id"), request.orderId}};
    if (request.kind == Kind::Reassign)
        req.insert(QStringLiteral("rider_id"), request.riderId);
    if (!request.reason.isEmpty())
        req.insert(QStringLiteral("reason"), request.reason);
    return QJsonDocument(req).toJson(QJsonDocument::Compact).toStdString();
}

store::ControlAuditEntry ControlOrderActions::auditEntry(const QString &commandId, const Request &request) const
{
    store::ControlAuditEntry e;
    e.commandId = commandId.toStdString();
    e.origin = "board";
    e.issuedMs = QDateTime::currentMSecsSinceEpoch();
    e.user = m_user.toStdString();
    e.role = m_role.toStdString();
    e.cmd = commandName(request.kind).toStdString();
    QJsonObject args{{QStringLiteral("order_id"), request.orderId}};
    if (request.kind == Kind::Reassign)
        args.insert(QStringLiteral("rider_id"), request.riderId);
    e.argsJson = QJsonDocument(args).toJson(QJsonDocument::Compact).toStdString();
    e.reason = request.reason.toStdString();
    e.beforeJson = QJsonDocument(QJsonObject{{QStringLiteral("state"), request.currentState}})
                       .toJson(QJsonDocument::Compact)
                       .toStdString();
    e.status = "pending";
    return e;
}

sdk::OrderActions::Submitted ControlOrderActions::submit(const Request &request)
{
    Submitted submitted;
    const QString denied = accessRefusal(request, true); // audited by the guard when refused
    submitted.refusal = denied.isEmpty() ? refusalFor(request) : denied;
    if (!submitted.accepted()) {
        qCInfo(lcOrderActions) << "refused locally:" << submitted.refusal;
        if (m_audit) {
            // Refused before it left: audited too, under its own id.
            store::ControlAuditEntry e = auditEntry(newCommandId(), request);
            e.status = "refused";
            e.error = denied.isEmpty() ? "illegal" : "forbidden";
            e.message = submitted.refusal.toStdString();
            e.settledMs = e.issuedMs;
            m_audit->write(e);
        }
        return submitted;
    }
    submitted.commandId = newCommandId();
    store::ControlAuditEntry pending = auditEntry(submitted.commandId, request);
    if (m_audit)
        m_audit->write(pending);
    const QString line = QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss")) + QLatin1Char(' ')
        + sdk::codeLabel(sdk::CodeFamily::Command, commandName(request.kind))
        + (request.kind == Kind::Reassign
               ? QStringLiteral(" → ") + request.riderId
               : (request.reason.isEmpty()
                      ? QString()
                      : QStringLiteral(" (%1)").arg(sdk::codeLabel(sdk::CodeFamily::Reason, request.reason))))
        + QStringLiteral(" by ") + m_user;
    m_log[request.orderId] << line + QStringLiteral(": ") + tr("sent");
    const int logIndex = static_cast<int>(m_log[request.orderId].size()) - 1;

    auto handle = m_return.handle();
    const std::string json = requestJson(submitted.commandId, request);
    const QString commandId = submitted.commandId;
    const QString orderId = request.orderId;
    m_pool.start([this, handle, json, commandId, orderId, kind = request.kind, endpoint = m_endpoint, curve = m_curve,
                  options = m_options, line, logIndex, pending] {
        feed::ControlClient client(endpoint, curve, options);
        const feed::ControlClient::Result result = client.send(json);
        Outcome outcome = Outcome::Unconfirmed;
        if (result.status == feed::ControlClient::Status::Confirmed)
            outcome = Outcome::Confirmed;
        else if (result.status == feed::ControlClient::Status::Refused)
            outcome = Outcome::Refused;
        const QString error = QString::fromStdString(result.error);
        // The gateway's words stay in the audit; people read what the refusal means.
        const QString message = outcome == Outcome::Refused
            ? gatewayRefusalText(orderId, kind, error, QString::fromStdString(result.message))
            : QString::fromStdString(result.message);
        store::ControlAuditEntry settled = pending;
        settled.status = outcome == Outcome::Confirmed ? "confirmed" : outcome == Outcome::Refused ? "refused" : "unconfirmed";
        settled.error = result.error;
        settled.message = result.message;
        settled.replyJson = result.rawReply;
        settled.attempts = result.attempts;
        handle.deliver([this, commandId, orderId, outcome, error, message, line, logIndex, settled]() mutable {
            settled.settledMs = QDateTime::currentMSecsSinceEpoch();
            if (m_audit)
                m_audit->write(settled);
            QStringList &log = m_log[orderId];
            if (logIndex < log.size())
                log[logIndex] = line + QStringLiteral(": ") + outcomeText(outcome)
                    + (message.isEmpty() ? QString() : QStringLiteral(" — ") + message);
            emit finished(commandId, orderId, outcome, error, message);
        });
    });
    return submitted;
}

} // namespace opsdeck::app
