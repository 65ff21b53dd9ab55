#pragma once

#include "sdk/SdkExport.h"

#include <QObject>
#include <QString>

namespace opsdeck::sdk {

// Acting on orders (protocol.md, "Control"): reassign, hold, release, cancel. The host
// checks the state machine at once (an illegal move is refused before anything is
// sent), sends the command off the GUI thread and reports the gateway's answer.
// Confirmed means the gateway accepted it; the order itself changes when the feed says
// so, which is what a board waits for before dropping its "pending" mark.
class OPSDECK_SDK_EXPORT OrderActions : public QObject
{
    Q_OBJECT
public:
    enum class Kind { Reassign, Hold, Release, Cancel };
    Q_ENUM(Kind)
    enum class Outcome { Confirmed, Refused, Unconfirmed };
    Q_ENUM(Outcome)

    struct Request {
        Kind kind = Kind::Hold;
        QString orderId;
        QString currentState; // wire spelling, as the caller sees the order now
        QString riderId;      // Reassign only
        QString reason;       // Hold, Cancel (and Release: why)
    };

    // commandId is empty when the request was refused locally; refusal says why.
    struct Submitted {
        QString commandId;
        QString refusal;
        bool accepted() const { return refusal.isEmpty(); }
    };

    using QObject::QObject;

    // Why the request would be refused locally (state machine, missing rider or
    // reason), or empty when it may be sent. Nothing is sent.
    virtual QString check(const Request &request) const = 0;
    // check() for a request the user actually made (not a menu being drawn): the host
    // puts a refusal of the permission check on the audit trail. Nothing is sent.
    virtual QString attempt(const Request &request) { return check(request); }
    virtual Submitted submit(const Request &request) = 0;

    // The wire state the order is in once the command took effect ("HELD", ...).
    static QString targetState(Kind kind);

signals:
    // On the GUI thread, once per accepted submit(). error/message as the gateway sent
    // them (or "timeout" when nothing came back within 3 s).
    void finished(const QString &commandId, const QString &orderId, opsdeck::sdk::OrderActions::Outcome outcome,
                  const QString &error, const QString &message);
};

} // namespace opsdeck::sdk
