#pragma once

#include "sdk/SdkExport.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

namespace opsdeck::sdk {

// One stored event of an order, as a line of its timeline.
struct TimelineEntry {
    qint64 atMs = 0;
    QString type;    // wire type, "order.dispatched"
    QString what;    // readable summary, translated
    QString who;     // rider, user or reporter when the event names one
    QString depot;
    qint64 seq = 0;
};

struct EtaUpdate {
    qint64 atMs = 0;
    qint64 etaMs = 0;
    QString reason;
};

// What the order detail panel shows, built from the stored events of one order.
struct OrderDetail {
    QString orderId;
    QList<TimelineEntry> timeline;
    QList<EtaUpdate> etaUpdates;
    QStringList items;            // "2 × Milk 1L"
    QString signatureRef;
    QStringList exceptionNotes;   // "traffic_accident: rider fell, reported by r-12"
    QStringList actions;          // console commands on this order (this session)
};

// The history of one order, read from the store off the GUI thread.
class OPSDECK_SDK_EXPORT OrderHistory : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual void requestDetail(const QString &orderId) = 0;

signals:
    void detailReady(const opsdeck::sdk::OrderDetail &detail);
};

} // namespace opsdeck::sdk

Q_DECLARE_METATYPE(opsdeck::sdk::OrderDetail)
