#pragma once

// Test helpers: parse feed envelopes and check protocol properties of a stream.

#include "core/model/Event.h"
#include "core/model/OrderState.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace simtest {

struct Rec {
    QString topic;
    QString type;
    QString depot;
    QString epoch;
    QString id;
    qint64 seq = 0;
    QJsonObject data;
    QJsonObject env;
};

inline bool parse(const std::string &topic, const std::string &envelope, Rec &rec, QString *why = nullptr)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(envelope), &err);
    if (!doc.isObject()) {
        if (why)
            *why = QStringLiteral("not JSON: ") + err.errorString();
        return false;
    }
    rec.env = doc.object();
    rec.topic = QString::fromStdString(topic);
    rec.type = rec.env.value("type").toString();
    rec.depot = rec.env.value("depot").toString();
    rec.epoch = rec.env.value("epoch").toString();
    rec.id = rec.env.value("id").toString();
    rec.seq = rec.env.value("seq").toInteger();
    rec.data = rec.env.value("data").toObject();
    return true;
}

// The event types of protocol.md's tables.
inline const std::vector<QString> &allEventTypes()
{
    static const std::vector<QString> types = {
        "order.created", "order.paid", "order.held", "order.released", "order.stock_checked", "order.restocked",
        "order.dispatched", "order.eta_updated", "order.exception", "order.reassigned", "order.signed",
        "order.return_started", "order.claim_opened", "order.closed", "order.cancelled", "rider.status",
        "rider.position", "rider.report", "inventory.level", "sensor.reading", "gateway.stats"};
    return types;
}

// Required data fields per type (protocol.md).
inline QStringList requiredFields(const QString &type)
{
    static const std::map<QString, QStringList> fields = {
        {"order.created", {"order_id", "merchant_id", "channel", "customer", "address", "items", "amount", "promised_at"}},
        {"order.paid", {"order_id", "amount", "method"}},
        {"order.held", {"order_id", "reason"}},
        {"order.released", {"order_id", "by"}},
        {"order.stock_checked", {"order_id", "ok", "short_skus"}},
        {"order.restocked", {"order_id"}},
        {"order.dispatched", {"order_id", "rider_id", "eta"}},
        {"order.eta_updated", {"order_id", "eta", "reason"}},
        {"order.exception", {"order_id", "reason", "note", "reported_by"}},
        {"order.reassigned", {"order_id", "rider_id", "eta"}},
        {"order.signed", {"order_id", "signed_by", "signature_ref", "lat", "lng"}},
        {"order.return_started", {"order_id", "reason"}},
        {"order.claim_opened", {"order_id", "reason", "amount"}},
        {"order.closed", {"order_id", "outcome"}},
        {"order.cancelled", {"order_id", "reason"}},
        {"rider.status", {"rider_id", "name", "status", "capacity", "depot"}},
        {"rider.position", {"rider_id", "lat", "lng", "speed_mps", "heading_deg", "accuracy_m", "battery_pct"}},
        {"rider.report", {"rider_id", "kind", "note"}},
        {"inventory.level", {"merchant_id", "sku", "name", "qty", "unit", "reorder_point"}},
        {"sensor.reading", {"sensor_id", "kind", "value", "unit", "min", "max"}},
        {"gateway.stats", {"window_s", "offered", "accepted", "rejected", "limits", "breakers", "diversions"}},
    };
    const auto it = fields.find(type);
    return it == fields.end() ? QStringList{} : it->second;
}

// Applies order events with core's state machine; returns the first violation or "".
class TransitionChecker
{
public:
    QString apply(const Rec &r)
    {
        using namespace opsdeck::core;
        opsdeck::core::Event e;
        e.kind = eventKindFromType(r.type.toStdString());
        if (!isOrderEvent(e.kind))
            return {};
        e.stockOk = r.data.value("ok").toBool(true);
        const QString id = r.data.value("order_id").toString();
        OrderState &s = states[id];
        const auto next = stateAfter(s, e);
        if (!next)
            return QStringLiteral("order %1: %2 in state %3").arg(id, r.type, QString::fromLatin1(toString(s).data()));
        s = *next;
        return {};
    }
    std::map<QString, opsdeck::core::OrderState> states;
};

} // namespace simtest
