#pragma once

#include "RoadGraph.h"

#include "core/geo/CityGeometry.h"

#include <QString>

#include <memory>
#include <string>
#include <vector>

class QByteArray;

namespace opsdeck::sim {

using core::geo::Depot;
using core::geo::Merchant;

// The simulated city: the console's CityGeometry (src/core/geo, the same file the map
// draws) plus what only the simulator asks of it, customers' streets. Unlike the console,
// opsfeed cannot run without a city, so loading throws. Immutable; share it with
// shared_ptr<const>.
class City final
{
public:
    // path empty: the built-in city (shared with everything else in the process). Throws
    // std::runtime_error with a readable message when the file is missing or unusable,
    // or has no roads or no depots.
    static std::shared_ptr<const City> load(const QString &path = {});
    static std::shared_ptr<const City> fromGeoJson(const QByteArray &json, const QString &origin);
    explicit City(std::shared_ptr<const core::geo::CityGeometry> geometry);

    const core::geo::CityGeometry &geometry() const { return *m_geometry; }
    const RoadGraph &graph() const { return m_geometry->graph(); }
    const std::vector<Depot> &depots() const { return m_geometry->depots(); }
    const std::vector<Merchant> &merchants() const { return m_geometry->merchants(); }
    // Street-class nodes inside a depot's zone, sorted (customers live there).
    std::vector<int> streetNodesInZone(const Depot &depot) const;
    // Name of a street passing through node (for postal addresses).
    const std::string &streetNameAt(int node) const;

private:
    std::shared_ptr<const core::geo::CityGeometry> m_geometry;
};

} // namespace opsdeck::sim
