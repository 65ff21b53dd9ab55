#pragma once

#include <cmath>
#include <vector>

namespace opsdeck::sim {

struct LatLng {
    double lat = 0.0;
    double lng = 0.0;
    friend bool operator==(const LatLng &, const LatLng &) = default;
};

// An equirectangular projection around Beijing (39.9 N). Over a 50 km city its error
// is far below a GPS fix, and it is a multiply instead of trigonometry per call, which
// matters in flood mode where every rider moves every simulated second.
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

// Even-odd rule; ring may or may not repeat its first vertex.
inline bool pointInPolygon(LatLng p, const std::vector<LatLng> &ring)
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

// Distance from p to segment ab, in metres.
inline double distanceToSegmentMetres(LatLng p, LatLng a, LatLng b)
{
    const double bx = dxMetres(a, b), by = dyMetres(a, b);
    const double px = dxMetres(a, p), py = dyMetres(a, p);
    const double len2 = bx * bx + by * by;
    double t = len2 > 0 ? (px * bx + py * by) / len2 : 0.0;
    t = t < 0 ? 0 : (t > 1 ? 1 : t);
    return std::hypot(px - t * bx, py - t * by);
}

} // namespace opsdeck::sim
