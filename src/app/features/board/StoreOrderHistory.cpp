#include "StoreOrderHistory.h"

#include "core/model/EventDecoder.h"
#include "core/model/Masking.h"
#include "sdk/CodeLabels.h"
#include "store/intake/ControlAudit.h"
#include "store/map/GeofenceLog.h"
#include "store/db/Sqlite.h"
#include "store/db/StoreWorker.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include <algorithm>
#include <limits>

namespace opsdeck::app {

Q_LOGGING_CATEGORY(lcOrderHistory, "opsdeck.app.history")

namespace {

QString text(const std::string &s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

QString label(sdk::CodeFamily family, const std::string &code)
{
    return sdk::codeLabel(family, text(code));
}

// "risk_engine" and "system" are the gateway's own actors; anything else is a person or
// a rider, named as sent.
QString actor(const std::string &who)
{
    const QString w = text(who);
    return sdk::isKnownCode(sdk::CodeFamily::Actor, w) ? sdk::codeLabel(sdk::CodeFamily::Actor, w) : w;
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
        QString what = label(sdk::CodeFamily::Command, e.cmd);
        if (const QString rider = args.value(QLatin1String("rider_id")).toString(); !rider.isEmpty())
            what += QStringLiteral(" → ") + rider;
        else if (!e.reason.empty())
            what += QStringLiteral(" (%1)").arg(label(sdk::CodeFamily::Reason, e.reason));
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
        // The gateway's own words are kept in the audit; its code says it in the user's.
        if (const QString error = text(e.error); sdk::isKnownCode(sdk::CodeFamily::ControlError, error))
            line += QStringLiteral(" — ") + sdk::codeLabel(sdk::CodeFamily::ControlError, error);
        else if (!e.message.empty())
            line += QStringLiteral(" — ") + text(e.message);
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
    // The log keeps envelopes as received; the same decoder as the feed reads them back,
    // so the timeline says what the console understood, field for field. One decoder per
    // detail: it reuses its buffers for the order's handful of events.
    core::EventDecoder decoder;
    std::string topic;
    for (const store::LoggedEvent &e : events) {
        sdk::TimelineEntry entry;
        entry.atMs = e.tsMs;
        entry.type = QString::fromStdString(e.type);
        entry.depot = QString::fromStdString(e.depot);
        entry.seq = e.seq;
        topic.assign(e.depot).append("/").append(e.type);
        auto decoded = decoder.decode(topic, e.body);
        if (const auto *event = std::get_if<core::Event>(&decoded))
            describe(*event, entry, detail, maskPersonalData);
        else // a body sealed under a lost key, or one this decoder no longer accepts
            entry.what = tr("(body unreadable)");
        detail.timeline.push_back(entry);
    }
    qCDebug(lcOrderHistory) << orderId << detail.timeline.size() << "events";
    return detail;
}

void StoreOrderHistory::describe(const core::Event &ev, sdk::TimelineEntry &entry, sdk::OrderDetail &detail,
                                 bool maskPersonalData)
{
    using K = core::EventKind;
    const QString reason = label(sdk::CodeFamily::Reason, ev.reason);
    switch (ev.kind) {
    case K::OrderCreated:
        entry.what = tr("Created (%1, merchant %2)").arg(label(sdk::CodeFamily::Channel, ev.channel), text(ev.merchantId));
        if (const auto *lines = ev.payloadAs<core::OrderItemsPayload>())
            for (const core::OrderItem &i : lines->items)
                detail.items << QStringLiteral("%1 %2 × %3").arg(QString::number(i.qty), text(i.unit), text(i.name));
        break;
    case K::OrderPaid: {
        const auto *paid = ev.payloadAs<core::OrderPaidPayload>();
        entry.what = tr("Paid %1 (%2)").arg(QString::number(ev.amount), paid ? label(sdk::CodeFamily::PaymentMethod, paid->method) : QString());
        break;
    }
    case K::OrderHeld: entry.what = tr("Held: %1").arg(reason); break;
    case K::OrderReleased:
        entry.what = tr("Released");
        if (const auto *released = ev.payloadAs<core::OrderReleasedPayload>())
            entry.who = actor(released->by);
        break;
    case K::OrderStockChecked:
        entry.what = ev.stockOk ? tr("Stock checked: all in stock") : tr("Stock checked: short of stock");
        break;
    case K::OrderRestocked: entry.what = tr("Restocked"); break;
    case K::OrderDispatched:
    case K::OrderReassigned:
        entry.what = ev.kind == K::OrderDispatched ? tr("Dispatched") : tr("Reassigned");
        entry.who = text(ev.riderId);
        detail.etaUpdates.push_back({ev.tsMs, ev.etaMs, entry.what});
        break;
    case K::OrderEtaUpdated:
        entry.what = tr("ETA updated: %1").arg(reason);
        detail.etaUpdates.push_back({ev.tsMs, ev.etaMs, reason});
        break;
    case K::OrderException: {
        const auto *exception = ev.payloadAs<core::OrderExceptionPayload>();
        entry.what = tr("Exception: %1").arg(reason);
        entry.who = exception ? actor(exception->reportedBy) : QString();
        detail.exceptionNotes << tr("%1: %2 (reported by %3)")
                                     .arg(reason, exception ? text(exception->note) : QString(), entry.who);
        break;
    }
    case K::OrderSigned: {
        const auto *signedFor = ev.payloadAs<core::OrderSignedPayload>();
        QString by = signedFor ? text(signedFor->signedBy) : QString();
        if (maskPersonalData)
            by = core::maskName(by);
        entry.what = tr("Signed");
        entry.who = by;
        detail.signatureRef = signedFor ? text(signedFor->signatureRef) : QString();
        break;
    }
    case K::OrderReturnStarted: entry.what = tr("Return started: %1").arg(reason); break;
    case K::OrderClaimOpened: entry.what = tr("Claim opened: %1 (%2)").arg(reason, QString::number(ev.amount)); break;
    case K::OrderClosed: entry.what = tr("Closed: %1").arg(label(sdk::CodeFamily::Outcome, ev.reason)); break;
    case K::OrderCancelled: entry.what = tr("Cancelled: %1").arg(reason); break;
    case K::OrderRefunded: entry.what = tr("Refunded %1: %2").arg(QString::number(ev.amount), reason); break;
    case K::CustomerNotified: entry.what = tr("Customer notified: %1").arg(sdk::readableCode(text(ev.reason))); break;
    case K::RiderReport: {
        const auto *report = ev.payloadAs<core::RiderReportPayload>();
        entry.what = tr("Rider reported: %1").arg(report ? label(sdk::CodeFamily::Reason, report->kind) : QString());
        entry.who = text(ev.riderId);
        break;
    }
    default: entry.what = sdk::readableCode(entry.type); break;
    }
}

} // namespace opsdeck::app
