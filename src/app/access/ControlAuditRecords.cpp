#include "ControlAuditRecords.h"

#include "app/features/intake/ControlAuditSink.h"

#include <QLoggingCategory>
#include <QUuid>

namespace opsdeck::app {

Q_LOGGING_CATEGORY(lcAccess, "opsdeck.app.access")

void ControlAuditRecords::append(core::audit::AuditRecord record)
{
    qCInfo(lcAccess) << "refused:" << record.user.c_str() << record.role.c_str() << record.action.c_str()
                     << record.target.c_str() << "needs" << record.permission.c_str() << record.detailJson.c_str();
    if (!m_sink)
        return;
    store::ControlAuditEntry e;
    e.commandId = "a-" + QUuid::createUuid().toString(QUuid::Id128).left(16).toStdString();
    e.origin = "access";
    e.issuedMs = record.atMs;
    e.settledMs = record.atMs;
    e.user = std::move(record.user);
    e.role = std::move(record.role);
    e.cmd = std::move(record.action);
    e.argsJson = std::move(record.detailJson);
    e.error = record.outcome == "refused" ? "forbidden" : "";
    e.status = std::move(record.outcome);
    e.message = std::move(record.permission);
    e.reason = std::move(record.target);
    m_sink->write(e);
}

} // namespace opsdeck::app
