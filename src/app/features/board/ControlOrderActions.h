#pragma once

#include "GuiReturn.h"
#include "feed/control/ControlClient.h"
#include "sdk/OrderActions.h"
#include "store/intake/ControlAudit.h"

#include <QHash>
#include <QLoggingCategory>
#include <QStringList>
#include <QThreadPool>

#include <string>

namespace opsdeck::app {

class ControlAuditSink;

Q_DECLARE_LOGGING_CATEGORY(lcOrderActions)

// sdk::OrderActions over feed::ControlClient. The state machine (core/OrderState.h) is
// checked at once on the GUI thread; accepted commands run on a small thread pool, one
// ControlClient (its own socket) per command, so a gateway that does not answer makes
// each command "unconfirmed" after its own 3 s instead of queueing behind the others.
class ControlOrderActions final : public sdk::OrderActions
{
    Q_OBJECT
public:
    struct Identity {
        QString user;
        QString role;
    };

    ControlOrderActions(std::string endpoint, feed::CurveKeys curve, Identity by, QObject *parent = nullptr);
    ControlOrderActions(std::string endpoint, feed::CurveKeys curve, Identity by, feed::ControlClient::Options options,
                        QObject *parent = nullptr);
    ~ControlOrderActions() override;

    QString check(const Request &request) const override { return refusalFor(request); }
    Submitted submit(const Request &request) override;

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
    std::string requestJson(const QString &commandId, const Request &request) const;
    store::ControlAuditEntry auditEntry(const QString &commandId, const Request &request) const;

    std::string m_endpoint;
    feed::CurveKeys m_curve;
    Identity m_by;
    feed::ControlClient::Options m_options;
    QThreadPool m_pool;
    QHash<QString, QStringList> m_log;
    ControlAuditSink *m_audit = nullptr;
    GuiReturn m_return{this};
};

} // namespace opsdeck::app
