#pragma once

#include "sdk/SdkExport.h"

#include <QHash>
#include <QObject>
#include <QString>

namespace opsdeck::sdk {

// Customer service acting on orders (issue 18; protocol.md "Extensions"): returns,
// claims, refunds, messages. A sibling of OrderActions with one difference: the gateway's
// "ok" is not the end. An action stays Pending until its confirming event is seen on the
// feed (observeFeedEvent), because only the feed says the order's timeline changed.
// Refused: the console's check or the gateway said no, with the reason. Unconfirmed: the
// gateway did not answer (Lazy Pirate gave up) and the feed did not show the event either.
class OPSDECK_SDK_EXPORT CustomerServiceActions : public QObject
{
    Q_OBJECT
public:
    enum class Kind { StartReturn, CloseReturn, OpenClaim, DecideClaim, Refund, NotifyCustomer };
    Q_ENUM(Kind)
    enum class Status { Pending, Confirmed, Refused, Unconfirmed, Unknown }; // Unknown: no such command
    Q_ENUM(Status)

    struct Request {
        Kind kind = Kind::NotifyCustomer;
        QString orderId;
        QString reason;             // start_return, open_claim (required), refund
        double amount = 0;          // open_claim, decide_claim when approving, refund
        QString photoRef;           // open_claim
        bool approve = true;        // decide_claim
        QString templateId;         // notify_customer: delay_apology | oos_substitution | storm_retry
        QString language;           // notify_customer: en | zh_CN
        QHash<QString, QString> vars; // notify_customer: the template's {variables}
    };

    // commandId is empty when the request was refused locally; refusal says why.
    struct Submitted {
        QString commandId;
        QString refusal;
        QString text; // notify_customer: the message as rendered (kept here, never on the feed)
        bool accepted() const { return refusal.isEmpty(); }
    };

    using QObject::QObject;

    // Why the request would be refused (permission, claim limit, missing fields, a
    // template that does not render); empty when it may be sent. Nothing is sent, nothing audited.
    virtual QString check(const Request &request) const = 0;
    // Checks (a permission refusal goes on the audit trail) and sends off the GUI thread.
    virtual Submitted submit(const Request &request) = 0;
    // An event of the feed on an order, as the console applied it (wire type).
    virtual void observeFeedEvent(const QString &type, const QString &orderId) = 0;
    virtual Status status(const QString &commandId) const = 0;

    static QString commandName(Kind kind);     // start_return, ...
    static QString confirmingEvent(Kind kind); // order.return_started, ...

signals:
    // The gateway answered ok: the action now waits for its event on the feed.
    void accepted(const QString &commandId);
    // On the GUI thread, once per accepted submit(), when it leaves Pending.
    void settled(const QString &commandId, const QString &orderId, opsdeck::sdk::CustomerServiceActions::Status status,
                 const QString &error, const QString &message);
};

} // namespace opsdeck::sdk
