#include "MapProjection.h"

#include <array>

namespace opsdeck::widgets::mercator {

namespace {

constexpr double kStepDeg = 0.01;
constexpr int kSteps = static_cast<int>(2 * 85.0 / kStepDeg) + 2;

const std::array<double, kSteps> &yTable()
{
    static const auto table = [] {
        std::array<double, kSteps> t{};
        for (int i = 0; i < kSteps; ++i)
            t[static_cast<std::size_t>(i)] = project(-85.0 + i * kStepDeg, 0.0).y();
        return t;
    }();
    return table;
}

} // namespace

QPointF projectFast(double lat, double lng)
{
    if (!(lat > -85.0 && lat < 85.0))
        return project(lat, lng);
    const double f = (lat + 85.0) / kStepDeg;
    const int i = static_cast<int>(f);
    const auto &t = yTable();
    const double a = t[static_cast<std::size_t>(i)], b = t[static_cast<std::size_t>(i) + 1];
    return {(lng + 180.0) / 360.0, a + (b - a) * (f - i)};
}

} // namespace opsdeck::widgets::mercator
