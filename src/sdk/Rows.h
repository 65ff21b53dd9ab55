#pragma once

#include "sdk/SdkExport.h"

#include <QList>
#include <QMetaType>
#include <QString>

namespace opsdeck::sdk {

// What a plugin sees of one order. Plain Qt values, deliberately decoupled from the
// core's records so the core can change without breaking plugin binaries.
// Times are milliseconds since the Unix epoch (UTC); 0 means "not known".
// OrderRow::priority, in core::OrderPriority's order (docs/protocol.md "Extensions").
inline constexpr int kPriorityNormal = 0;
inline constexpr int kPriorityHigh = 1;
inline constexpr int kPriorityUrgent = 2;

// OrderRow::state of an order the gateway no longer knows: a complete snapshot of its
// depot left it out while it was open (docs/protocol.md, "Orders the gateway no longer
// knows"). Not a protocol state: it leaves every open view like a final one and stays
// searchable; stateSinceMs is when it was retired. A later event brings it back.
inline constexpr char kRetiredState[] = "RETIRED";

struct OrderRow {
    QString orderId;
    QString depot;
    QString state;          // wire spelling: "CREATED", "DELIVERING", ...; or kRetiredState
    QString riderId;
    QString merchantId;
    QString channel;        // fresh | campus | errand
    QString customerName;   // already masked when the role must not see it
    QString customerPhone;  // already masked when the role must not see it
    QString address;        // already masked when the role must not see it
    QString customerNote;   // empty when the role must not see it (hasCustomerNote still tells)
    QString lastReason;     // latest hold/exception/cancel/return/claim reason or outcome
    qint64 promisedAtMs = 0;
    qint64 etaMs = 0;
    qint64 createdAtMs = 0;
    qint64 updatedAtMs = 0;
    qint64 stateSinceMs = 0; // when the order entered its current state
    double amount = 0.0;
    double lat = 0.0;
    double lng = 0.0;
    int priority = 0;        // kPriorityNormal / kPriorityHigh / kPriorityUrgent (protocol extension)
    bool hasCustomerNote = false;
};

struct RiderRow {
    QString riderId;
    QString name;
    QString depot;
    QString status;         // offline | idle | to_pickup | delivering | break
    double lat = 0.0;
    double lng = 0.0;
    double speedMps = 0.0;
    double headingDeg = 0.0;
    double batteryPct = -1.0; // -1: not reported
    int capacity = 0;
    qint64 fixAtMs = 0;
    qint64 updatedAtMs = 0;
};

// True for the states an order never leaves (protocol.md: SIGNED, CLOSED, CANCELLED),
// and for kRetiredState: no one's open work either.
OPSDECK_SDK_EXPORT bool isFinalState(const QString &state);

// Every order state in lifecycle order, wire spelling.
OPSDECK_SDK_EXPORT const QStringList &orderStates();

} // namespace opsdeck::sdk

Q_DECLARE_METATYPE(opsdeck::sdk::OrderRow)
Q_DECLARE_METATYPE(opsdeck::sdk::RiderRow)
