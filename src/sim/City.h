#pragma once

#include "Geo.h"
#include "RoadGraph.h"

#include <QString>

#include <memory>
#include <string>
#include <vector>

class QByteArray;

namespace opsdeck::sim {

struct Depot {
    std::string id;       // "BJ-CY-01"
    std::string name;     // "朝阳团结湖站"
    std::string district; // "朝阳区", used in customer addresses
    LatLng position;
    int node = -1;
    std::string zoneName;
    std::vector<LatLng> zone; // delivery zone outline
};

struct Merchant {
    std::string id;
    std::string name;
    std::string channel; // fresh | campus | errand
    std::string depot;   // the depot whose zone it lies in
    LatLng position;
    int node = -1;
};

// The simulated city, read from the GeoJSON that gen_city.py writes (the console's
// map draws the same file). Immutable after loading; share it with shared_ptr<const>.
class City final
{
public:
    // path empty: the built-in resource ":/city/beijing.geojson". Throws
    // std::runtime_error with a readable message when the file is missing or unusable.
    static std::shared_ptr<const City> load(const QString &path = {});
    static std::shared_ptr<const City> fromGeoJson(const QByteArray &json, const QString &origin);

    const RoadGraph &graph() const { return m_graph; }
    const std::vector<Depot> &depots() const { return m_depots; }
    const std::vector<Merchant> &merchants() const { return m_merchants; }
    // Street-class nodes inside a depot's zone, sorted (customers live there).
    std::vector<int> streetNodesInZone(const Depot &depot) const;
    // Name of a street passing through node (for postal addresses).
    const std::string &streetNameAt(int node) const;

private:
    RoadGraph m_graph;
    std::vector<Depot> m_depots;
    std::vector<Merchant> m_merchants;
};

} // namespace opsdeck::sim
