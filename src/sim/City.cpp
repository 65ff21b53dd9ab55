#include "City.h"

#include <stdexcept>

namespace opsdeck::sim {

namespace {
std::shared_ptr<const City> checked(std::shared_ptr<const core::geo::CityGeometry> geometry, const QString &origin,
                                    const QString &error)
{
    if (!geometry)
        throw std::runtime_error(error.toStdString());
    if (geometry->graph().nodeCount() < 2 || geometry->depots().empty())
        throw std::runtime_error("city file " + origin.toStdString() + " has no roads or no depots");
    return std::make_shared<const City>(std::move(geometry));
}
} // namespace

City::City(std::shared_ptr<const core::geo::CityGeometry> geometry)
    : m_geometry(std::move(geometry))
{
}

std::shared_ptr<const City> City::load(const QString &path)
{
    if (path.isEmpty()) {
        const auto city = core::geo::CityGeometry::builtIn();
        return checked(city, core::geo::CityGeometry::builtInPath(), QStringLiteral("the built-in city is unusable"));
    }
    QString error;
    auto city = core::geo::CityGeometry::load(path, &error);
    return checked(std::move(city), path, error);
}

std::shared_ptr<const City> City::fromGeoJson(const QByteArray &json, const QString &origin)
{
    QString error;
    auto city = core::geo::CityGeometry::fromGeoJson(json, &error);
    return checked(std::move(city), origin, QStringLiteral("city file %1: %2").arg(origin, error));
}

std::vector<int> City::streetNodesInZone(const Depot &depot) const
{
    const RoadGraph &g = graph();
    std::vector<int> out;
    for (int i = 0; i < g.nodeCount(); ++i) {
        if (!pointInPolygon(g.node(i), depot.zone))
            continue;
        for (const RoadEdge &e : g.edges(i)) {
            if (e.roadClass == RoadClass::Street) {
                out.push_back(i);
                break;
            }
        }
    }
    if (out.empty() && depot.node >= 0)
        out.push_back(depot.node);
    return out;
}

const std::string &City::streetNameAt(int node) const
{
    const auto edges = graph().edges(node);
    for (const RoadEdge &e : edges)
        if (e.roadClass == RoadClass::Street)
            return graph().name(e.nameIndex);
    static const std::string none;
    return edges.empty() ? none : graph().name(edges.front().nameIndex);
}

} // namespace opsdeck::sim
