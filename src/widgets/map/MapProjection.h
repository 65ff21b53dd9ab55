#pragma once

#include "widgets/WidgetsExport.h"

#include <QGeoCoordinate>
#include <QPointF>

#include <algorithm>
#include <cmath>

namespace opsdeck::widgets {

// Web Mercator (EPSG:3857) in normalised world units: x and y run 0..1 over the whole
// world, y growing southwards as on screen and in XYZ tiles. Everything the map draws is
// projected once into these units; a frame then only scales and shifts (one multiply-add
// per coordinate), which is what keeps 20k riders cheap.
namespace mercator {

inline constexpr double kPi = 3.14159265358979323846;
inline constexpr double kTileSize = 256.0;
inline constexpr double kMaxLatitude = 85.05112878; // where the square world ends
inline constexpr double kEarthCircumferenceM = 40075016.686;

inline QPointF project(double lat, double lng)
{
    const double clamped = std::clamp(lat, -kMaxLatitude, kMaxLatitude);
    const double s = std::sin(clamped * kPi / 180.0);
    return {(lng + 180.0) / 360.0, 0.5 - std::log((1.0 + s) / (1.0 - s)) / (4.0 * kPi)};
}

// project() for the hot path (every rider fix): the y of a latitude from a table at
// 0.01 degree steps, linearly interpolated. Mercator y is smooth enough that the error
// is below 7e-10 world units at Beijing (about 2 cm, 0.1 px at zoom 19) while a fix costs
// two multiplies instead of a sine and a logarithm.
OPSDECK_WIDGETS_EXPORT QPointF projectFast(double lat, double lng);

inline QPointF project(const QGeoCoordinate &c)
{
    return project(c.latitude(), c.longitude());
}

inline QGeoCoordinate unproject(QPointF world)
{
    const double lng = world.x() * 360.0 - 180.0;
    const double n = kPi * (1.0 - 2.0 * world.y());
    const double lat = 180.0 / kPi * std::atan(std::sinh(n));
    return QGeoCoordinate(lat, lng);
}

// Width of the world in screen pixels at a (fractional) zoom level.
inline double worldPixels(double zoom)
{
    return kTileSize * std::exp2(zoom);
}

// Ground metres per screen pixel at latitude lat.
inline double metresPerPixel(double lat, double zoom)
{
    return kEarthCircumferenceM * std::cos(lat * kPi / 180.0) / worldPixels(zoom);
}

} // namespace mercator

// The current view: which world point sits at the widget's centre, at which zoom, in a
// viewport of the given size. Cheap value type; the painter and hit-testing share it.
struct MapViewport {
    QPointF center{0.5, 0.5}; // normalised world units
    double zoom = 12.0;
    double width = 0.0;
    double height = 0.0;

    double scale() const { return mercator::worldPixels(zoom); }
    QPointF toScreen(QPointF world) const
    {
        const double s = scale();
        return {(world.x() - center.x()) * s + width * 0.5, (world.y() - center.y()) * s + height * 0.5};
    }
    QPointF toWorld(QPointF screen) const
    {
        const double s = scale();
        return {(screen.x() - width * 0.5) / s + center.x(), (screen.y() - height * 0.5) / s + center.y()};
    }
    QGeoCoordinate coordinateAt(QPointF screen) const { return mercator::unproject(toWorld(screen)); }
    friend bool operator==(const MapViewport &, const MapViewport &) = default;
};

} // namespace opsdeck::widgets
