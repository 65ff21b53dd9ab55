#pragma once

#include "CityBaseMap.h"
#include "MapPalette.h"
#include "MapProjection.h"

class QPainter;

namespace opsdeck::widgets {

// Draws the vector base map (zones, roads, depots, merchants, names) for one viewport.
// The view calls it only when the viewport or palette changed and keeps the result in
// an image, so rider frames never redraw roads.
class BaseMapPainter final
{
public:
    struct Options {
        bool zones = true;
        bool merchants = true;
    };
    static void paint(QPainter &p, const CityBaseMap &map, const MapViewport &vp, const MapPalette &palette,
                      const Options &options);
    // Zones and depots only: drawn over raster tiles.
    static void paintOverlay(QPainter &p, const CityBaseMap &map, const MapViewport &vp, const MapPalette &palette);

private:
    static void paintZones(QPainter &p, const CityBaseMap &map, const MapViewport &vp, const MapPalette &palette);
    static void paintRoads(QPainter &p, const CityBaseMap &map, const MapViewport &vp, const MapPalette &palette);
    static void paintRoadNames(QPainter &p, const CityBaseMap &map, const MapViewport &vp, const MapPalette &palette);
    static void paintPlaces(QPainter &p, const CityBaseMap &map, const MapViewport &vp, const MapPalette &palette,
                            const Options &options);
};

} // namespace opsdeck::widgets
