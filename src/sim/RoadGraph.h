#pragma once

#include "Geo.h"

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace opsdeck::sim {

enum class RoadClass : std::uint8_t { Ring, Arterial, Street };

struct RoadEdge {
    int to = 0;
    float lengthM = 0.f;
    RoadClass roadClass = RoadClass::Street;
    int nameIndex = 0;
};

// An undirected road network in compressed adjacency form. Immutable once finalized,
// so one graph can be shared by a Simulation and by tests; path search keeps its
// scratch buffers in a PathFinder instead.
class RoadGraph final
{
public:
    // Vertices with identical coordinates (as written by gen_city.py) are one node.
    int addNode(LatLng position);
    void addEdge(int a, int b, RoadClass roadClass, const std::string &name);
    void finalize();

    int nodeCount() const { return static_cast<int>(m_nodes.size()); }
    int edgeCount() const { return static_cast<int>(m_edges.size()) / 2; }
    LatLng node(int id) const { return m_nodes[static_cast<std::size_t>(id)]; }
    std::span<const RoadEdge> edges(int id) const;
    const std::string &name(int nameIndex) const { return m_names[static_cast<std::size_t>(nameIndex)]; }
    // True when every edge runs north-south or east-west (Beijing's grid); then the
    // Manhattan distance is an admissible and very tight A* heuristic.
    bool axisAligned() const { return m_axisAligned; }

    int nearestNode(LatLng position) const;
    // Metres from position to the closest edge (linear scan: for tests and checks).
    double distanceToNetwork(LatLng position) const;
    // Nodes reachable from `from` (a connectivity check).
    int reachableCount(int from) const;

private:
    struct RawEdge {
        int a, b;
        RoadClass roadClass;
        int nameIndex;
    };
    std::vector<LatLng> m_nodes;
    std::map<std::pair<std::int64_t, std::int64_t>, int> m_nodeByCoord; // micro-degrees
    std::vector<RawEdge> m_raw;
    std::vector<std::string> m_names;
    std::map<std::string, int> m_nameIndex;
    std::vector<int> m_offsets;     // CSR: edges of node i are [m_offsets[i], m_offsets[i+1])
    std::vector<RoadEdge> m_edges;
    bool m_axisAligned = true;
    // Uniform grid of node ids for nearestNode.
    double m_cellDeg = 0.002;
    LatLng m_min{}, m_max{};
    int m_cols = 0, m_rows = 0;
    std::vector<std::vector<int>> m_cells;
};

// A* search over a RoadGraph with reusable buffers (generation stamps avoid clearing
// thousands of entries per query). Not thread-safe: one per Simulation.
class PathFinder final
{
public:
    explicit PathFinder(const RoadGraph &graph);
    // Fills `path` with node ids from `from` to `to` inclusive; returns the length in
    // metres, or a negative value when `to` is unreachable.
    double shortestPath(int from, int to, std::vector<int> &path);

private:
    double heuristic(int a, int b) const;
    const RoadGraph &m_graph;
    std::vector<double> m_cost;
    std::vector<int> m_prev;
    std::vector<std::uint32_t> m_stamp;
    std::vector<std::uint32_t> m_closed;
    std::uint32_t m_generation = 0;
    std::vector<std::pair<double, int>> m_heap;
};

} // namespace opsdeck::sim
