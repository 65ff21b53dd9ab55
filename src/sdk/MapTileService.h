#pragma once

#include "sdk/SdkExport.h"

#include <QImage>
#include <QObject>
#include <QString>

namespace opsdeck::sdk {

// Raster map tiles (XYZ addressing) for the map's optional base layer. requestTile()
// never blocks: the tile arrives later through tileReady(), or never (no network, no
// such tile); the map keeps drawing its vector base meanwhile.
class OPSDECK_SDK_EXPORT MapTileService : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual void requestTile(int z, int x, int y) = 0;
    virtual QString attribution() const = 0;

signals:
    void tileReady(int z, int x, int y, const QImage &image);
};

} // namespace opsdeck::sdk
