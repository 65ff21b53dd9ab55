#pragma once

#include <cmath>
#include <vector>

// Plain geometry on latitude/longitude, shared by the simulator, the map, geofences and
// alert zones. No Qt types: core may use Qt6::Core only; the map converts to its
// QGeoCoordinate and Web Mercator world units.
namespace opsdeck::core::geo {

struct LatLng {
    double lat = 0.0;
    double lng = 0.0;
    friend bool operator==(const LatLng &, const LatLng &) = default;
};

// A polygon as GeoJSON writes it: an outer ring and holes. A ring may or may not repeat
// its first vertex.
struct Polygon {
    std::vector<LatLng> outer;
    std::vector<std::vector<LatLng>> holes;
    bool empty() const { return outer.empty(); }
};

// An equirectangular projection around Beijing (39.9 N). Over a 50 km city its error
// is far below a GPS fix, and it is a multiply instead of trigonometry per call, which
// matters in flood mode where every rider moves every simulated second. The simulator's
// streams depend on these exact figures (edge lengths, dispatch distances): changing them
// changes every route for a given --seed.
inline constexpr double kPi = 3.14159265358979323846;
inline constexpr double kMetresPerDegLat = 111320.0;
inline constexpr double kMetresPerDegLng = 111320.0 * 0.76719; // cos(39.9 deg)

inline double dxMetres(LatLng a, LatLng b) { return (b.lng - a.lng) * kMetresPerDegLng; }
inline double dyMetres(LatLng a, LatLng b) { return (b.lat - a.lat) * kMetresPerDegLat; }

inline double distanceMetres(LatLng a, LatLng b)
{
    return std::hypot(dxMetres(a, b), dyMetres(a, b));
}

// Compass heading, 0 = north, clockwise, in [0, 360).
inline double headingDeg(LatLng from, LatLng to)
{
    const double h = std::atan2(dxMetres(from, to), dyMetres(from, to)) * 180.0 / kPi;
    return h < 0 ? h + 360.0 : h;
}

inline LatLng interpolate(LatLng a, LatLng b, double t)
{
    return {a.lat + (b.lat - a.lat) * t, a.lng + (b.lng - a.lng) * t};
}

inline bool isValid(LatLng p)
{
    return std::isfinite(p.lat) && std::isfinite(p.lng) && p.lat >= -90.0 && p.lat <= 90.0 && p.lng >= -180.0
        && p.lng <= 180.0;
}

// Even-odd rule (ray casting). On the boundary it is half-open like pixel coverage: a
// point on a west or south edge is inside, on an east or north edge outside, so a point
// on the border between two zones that share it belongs to exactly one of them.
inline bool pointInRing(LatLng p, const std::vector<LatLng> &ring)
{
    bool inside = false;
    const std::size_t n = ring.size();
    for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
        const LatLng &a = ring[i];
        const LatLng &b = ring[j];
        if ((a.lat > p.lat) != (b.lat > p.lat)
            && p.lng < (b.lng - a.lng) * (p.lat - a.lat) / (b.lat - a.lat) + a.lng)
            inside = !inside;
    }
    return inside;
}

inline bool pointInPolygon(LatLng p, const std::vector<LatLng> &ring) { return pointInRing(p, ring); }

// Inside the outer ring and in no hole (the even-odd rule over all rings).
inline bool pointInPolygon(LatLng p, const Polygon &polygon)
{
    if (!pointInRing(p, polygon.outer))
        return false;
    for (const auto &hole : polygon.holes)
        if (pointInRing(p, hole))
            return false;
    return true;
}

// Where on segment ab the point closest to p lies, as a fraction of the way from a.
inline double projectOntoSegment(LatLng p, LatLng a, LatLng b)
{
    const double bx = dxMetres(a, b), by = dyMetres(a, b);
    const double px = dxMetres(a, p), py = dyMetres(a, p);
    const double len2 = bx * bx + by * by;
    const double t = len2 > 0 ? (px * bx + py * by) / len2 : 0.0;
    return t < 0 ? 0 : (t > 1 ? 1 : t);
}

// Distance from p to segment ab, in metres.
inline double distanceToSegmentMetres(LatLng p, LatLng a, LatLng b)
{
    const double t = projectOntoSegment(p, a, b);
    return std::hypot(dxMetres(a, p) - t * dxMetres(a, b), dyMetres(a, p) - t * dyMetres(a, b));
}

} // namespace opsdeck::core::geo
