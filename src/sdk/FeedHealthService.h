#pragma once

#include "sdk/SdkExport.h"

#include <QObject>
#include <QStringList>

namespace opsdeck::sdk {

// The feed's health per depot, for panels that mark depots (the map). A depot is
// "degraded" while the console backs off its resyncs because frames keep failing
// (docs/protocol.md "Resync coalescing and backoff"); its data may lag until the next
// snapshot makes it exact.
class OPSDECK_SDK_EXPORT FeedHealthService : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual QStringList degradedDepots() const = 0;

signals:
    void degradedDepotsChanged(const QStringList &depots);
};

} // namespace opsdeck::sdk
