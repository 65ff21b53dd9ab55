#pragma once

#include "Rows.h"
#include "sdk/SdkExport.h"

#include <QList>
#include <QObject>

namespace opsdeck::sdk {

// Stored rider positions for replay. Requests are answered asynchronously on the GUI
// thread (the host queries SQLite on its store thread); a newer request supersedes an
// older one that has not been answered yet, so a dragged time slider never queues up.
class OPSDECK_SDK_EXPORT RiderHistoryService : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Answers with fleetAt(): every rider's newest stored fix at or before atMs.
    virtual void requestFleetAt(qint64 atMs) = 0;
    // Answers with rangeKnown(): oldest and newest stored fix (0, 0 when none).
    virtual void requestRange() = 0;

signals:
    void fleetAt(qint64 atMs, const QList<opsdeck::sdk::RiderRow> &riders);
    void rangeKnown(qint64 fromMs, qint64 toMs);
};

} // namespace opsdeck::sdk
