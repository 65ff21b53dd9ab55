#include "StoreOrderHistory.h"

#include "core/model/Masking.h"
#include "store/intake/ControlAudit.h"
#include "store/map/GeofenceLog.h"
#include "store/db/Sqlite.h"
#include "store/db/StoreWorker.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include <algorithm>
#include <limits>

namespace opsdeck::app {

Q_LOGGING_CATEGORY(lcOrderHistory, "opsdeck.app.history")

namespace {

qint64 parseTime(const QJsonValue &value)
{
    if (value.isDouble())
        return static_cast<qint64>(value.toDouble());
    const QDateTime t = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toMSecsSinceEpoch() : 0;
}

QString str(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isDouble() ? QString::number(v.toDouble()) : v.toString();
}

} // namespace

StoreOrderHistory::StoreOrderHistory(store::StoreWorker &store, std::shared_ptr<BoardStoreIndexes> indexes,
                                     bool maskPersonalData, ActionLog actions, QObject *parent)
    : sdk::OrderHistory(parent), m_store(store), m_indexes(std::move(indexes)), m_mask(maskPersonalData),
      m_actions(std::move(actions))
{
}

StoreOrderHistory::~StoreOrderHistory()
{
    m_return.disarm();
}

void StoreOrderHistory::requestDetail(const QString &orderId)
{
    auto handle = m_return.handle();
    m_store.post([indexes = m_indexes, orderId, mask = m_mask, handle, self = this](store::EventStore &es) {
        std::vector<store::LoggedEvent> events;
        if (indexes->events)
            events = indexes->events->eventsOf(orderId.toStdString());
        sdk::OrderDetail detail = buildDetail(orderId, events, mask);
        if (es.database().hasTable(store::GeofenceLog::kTable))
            addGeofences(detail, store::GeofenceLog::forOrderTimeline(es.database(), orderId.toStdString(),
                                                                      riderSpans(events)));
        if (es.database().hasTable(store::kControlAuditTable))
            detail.actions = actionLines(store::readControlAuditForOrder(es.database(), orderId.toStdString()));
        handle.deliver([self, detail = std::move(detail)]() mutable {
            // Without an audit (a console without a store for it) this session's log.
            if (detail.actions.isEmpty() && self->m_actions)
                detail.actions = self->m_actions(detail.orderId);
            emit self->detailReady(detail);
        });
    });
}

QStringList StoreOrderHistory::actionLines(const std::vector<store::ControlAuditEntry> &entries)
{
    QStringList lines;
    for (const store::ControlAuditEntry &e : entries) {
        const QJsonObject args = QJsonDocument::fromJson(QByteArray::fromStdString(e.argsJson)).object();
        QString what = QString::fromStdString(e.cmd);
        if (const QString rider = args.value(QLatin1String("rider_id")).toString(); !rider.isEmpty())
            what += QStringLiteral(" → ") + rider;
        else if (!e.reason.empty())
            what += QStringLiteral(" (%1)").arg(QString::fromStdString(e.reason));
        QString status = QString::fromStdString(e.status);
        if (e.status == "confirmed")
            status = tr("confirmed");
        else if (e.status == "refused")
            status = tr("refused");
        else if (e.status == "unconfirmed")
            status = tr("unconfirmed");
        else if (e.status == "pending")
            status = tr("sent");
        QString line = tr("%1 %2 by %3: %4")
                           .arg(QDateTime::fromMSecsSinceEpoch(e.issuedMs).toString(QStringLiteral("MM-dd HH:mm:ss")), what,
                                QString::fromStdString(e.user), status);
        if (!e.message.empty())
            line += QStringLiteral(" — ") + QString::fromStdString(e.message);
        lines << line;
    }
    return lines;
}

std::vector<store::RiderSpan> StoreOrderHistory::riderSpans(const std::vector<store::LoggedEvent> &events)
{
    // From each dispatch or reassignment to the next one, or to the event that ends the
    // delivery (signed, cancelled, closed, a return).
    std::vector<store::RiderSpan> spans;
    for (const store::LoggedEvent &e : events) {
        const bool handover = e.type == "order.dispatched" || e.type == "order.reassigned";
        const bool ends = e.type == "order.signed" || e.type == "order.cancelled" || e.type == "order.closed" ||
                          e.type == "order.return_started";
        if ((handover || ends) && !spans.empty() && spans.back().toMs == std::numeric_limits<std::int64_t>::max())
            spans.back().toMs = e.tsMs;
        // rider_id is required on both by the decoder, so the log's column always has it.
        if (handover && !e.riderId.empty())
            spans.push_back({e.riderId, e.tsMs, std::numeric_limits<std::int64_t>::max()});
    }
    return spans;
}

void StoreOrderHistory::addGeofences(sdk::OrderDetail &detail, const std::vector<store::GeofenceEntry> &crossings)
{
    for (const store::GeofenceEntry &g : crossings) {
        sdk::TimelineEntry entry;
        entry.atMs = g.tsMs;
        entry.type = QStringLiteral("geofence.") + QString::fromStdString(g.kind);
        entry.who = QString::fromStdString(g.riderId);
        entry.depot = QString::fromStdString(g.place);
        const QString place = entry.depot;
        if (g.kind == "arrived_customer")
            entry.what = tr("Rider at the customer (from GPS)");
        else if (g.kind == "arrived_depot")
            entry.what = tr("Rider arrived at depot %1 (from GPS)").arg(place);
        else if (g.kind == "left_depot")
            entry.what = tr("Rider left depot %1 (from GPS)").arg(place);
        else
            entry.what = QString::fromStdString(g.kind);
        detail.timeline.push_back(entry);
    }
    std::stable_sort(detail.timeline.begin(), detail.timeline.end(),
                     [](const sdk::TimelineEntry &a, const sdk::TimelineEntry &b) { return a.atMs < b.atMs; });
}

sdk::OrderDetail StoreOrderHistory::buildDetail(const QString &orderId, const std::vector<store::LoggedEvent> &events,
                                                bool maskPersonalData)
{
    sdk::OrderDetail detail;
    detail.orderId = orderId;
    for (const store::LoggedEvent &e : events) {
        const QJsonObject envelope = QJsonDocument::fromJson(QByteArray::fromStdString(e.body)).object();
        const QJsonObject data = envelope.value(QLatin1String("data")).toObject();
        sdk::TimelineEntry entry;
        entry.atMs = e.tsMs;
        entry.type = QString::fromStdString(e.type);
        entry.depot = QString::fromStdString(e.depot);
        entry.seq = e.seq;
        const QString type = entry.type;
        if (type == QLatin1String("order.created")) {
            entry.what = tr("Created (%1, merchant %2)").arg(str(data, "channel"), str(data, "merchant_id"));
            for (const QJsonValue &item : data.value(QLatin1String("items")).toArray()) {
                const QJsonObject i = item.toObject();
                detail.items << QStringLiteral("%1 %2 × %3").arg(str(i, "qty"), str(i, "unit"), str(i, "name"));
            }
        } else if (type == QLatin1String("order.paid")) {
            entry.what = tr("Paid %1 (%2)").arg(str(data, "amount"), str(data, "method"));
        } else if (type == QLatin1String("order.held")) {
            entry.what = tr("Held: %1").arg(str(data, "reason"));
        } else if (type == QLatin1String("order.released")) {
            entry.what = tr("Released");
            entry.who = str(data, "by");
        } else if (type == QLatin1String("order.stock_checked")) {
            entry.what = data.value(QLatin1String("ok")).toBool() ? tr("Stock checked: all in stock")
                                                                   : tr("Stock checked: short of stock");
        } else if (type == QLatin1String("order.restocked")) {
            entry.what = tr("Restocked");
        } else if (type == QLatin1String("order.dispatched") || type == QLatin1String("order.reassigned")) {
            entry.what = type == QLatin1String("order.dispatched") ? tr("Dispatched") : tr("Reassigned");
            entry.who = str(data, "rider_id");
            detail.etaUpdates.push_back({e.tsMs, parseTime(data.value(QLatin1String("eta"))), entry.what});
        } else if (type == QLatin1String("order.eta_updated")) {
            entry.what = tr("ETA updated: %1").arg(str(data, "reason"));
            detail.etaUpdates.push_back({e.tsMs, parseTime(data.value(QLatin1String("eta"))), str(data, "reason")});
        } else if (type == QLatin1String("order.exception")) {
            entry.what = tr("Exception: %1").arg(str(data, "reason"));
            entry.who = str(data, "reported_by");
            detail.exceptionNotes << tr("%1: %2 (reported by %3)")
                                         .arg(str(data, "reason"), str(data, "note"), entry.who);
        } else if (type == QLatin1String("order.signed")) {
            QString by = str(data, "signed_by");
            if (maskPersonalData)
                by = core::maskName(by);
            entry.what = tr("Signed");
            entry.who = by;
            detail.signatureRef = str(data, "signature_ref");
        } else if (type == QLatin1String("order.return_started")) {
            entry.what = tr("Return started: %1").arg(str(data, "reason"));
        } else if (type == QLatin1String("order.claim_opened")) {
            entry.what = tr("Claim opened: %1 (%2)").arg(str(data, "reason"), str(data, "amount"));
        } else if (type == QLatin1String("order.closed")) {
            entry.what = tr("Closed: %1").arg(str(data, "outcome"));
        } else if (type == QLatin1String("order.cancelled")) {
            entry.what = tr("Cancelled: %1").arg(str(data, "reason"));
        } else {
            entry.what = e.body.empty() ? tr("(body unreadable)") : type;
        }
        detail.timeline.push_back(entry);
    }
    qCDebug(lcOrderHistory) << orderId << detail.timeline.size() << "events";
    return detail;
}

} // namespace opsdeck::app
