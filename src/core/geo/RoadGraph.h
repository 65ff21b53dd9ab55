#pragma once

#include "GeoMath.h"

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace opsdeck::core::geo {

enum class RoadClass : std::uint8_t { Ring, Arterial, Street };

struct RoadEdge {
    int to = 0;
    float lengthM = 0.f;
    RoadClass roadClass = RoadClass::Street;
    int nameIndex = 0;
};

// A point on the road network: on the edge a-b, `t` of the way from a (0..1).
struct RoadPoint {
    int a = -1;
    int b = -1;
    double t = 0.0;
    LatLng position;
    double offsetM = 0.0; // from the point that was snapped
    bool valid() const { return a >= 0 && b >= 0; }
};

// An undirected road network in compressed adjacency form. Immutable once finalized,
// so one graph can be shared by a Simulation, the map and tests; path search keeps its
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
    // The closest point on any edge. A linear scan over the edges (a few thousand): fine
    // once per route request, not per rider fix.
    RoadPoint snapToRoad(LatLng position) const;
    // Metres from position to the closest edge (linear scan: for tests and checks).
    double distanceToNetwork(LatLng position) const;
    // Nodes reachable from `from` (a connectivity check).
    int reachableCount(int from) const;

private:
    double ringLowerBoundM(LatLng p, int r0, int c0, int radius) const;
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
// thousands of entries per query). Not thread-safe: one per Simulation, or one per query.
class PathFinder final
{
public:
    explicit PathFinder(const RoadGraph &graph);
    // Fills `path` with node ids from `from` to `to` inclusive; returns the length in
    // metres, or a negative value when `to` is unreachable.
    double shortestPath(int from, int to, std::vector<int> &path);
    // Between two points on edges (RoadGraph::snapToRoad): leaves the start edge at
    // either end (a rider mid-block may have to turn round) and reaches the goal edge at
    // either end, or goes straight along the edge when both lie on it and that is shorter.
    // Fills `path` with the nodes passed in between (empty when no node is passed);
    // returns the length in metres, or a negative value when there is no path.
    double shortestPath(const RoadPoint &from, const RoadPoint &to, std::vector<int> &path);

private:
    double heuristic(int a, int b) const;
    double heuristic(int a, LatLng goal) const;
    std::uint32_t nextGeneration();
    void relax(int v, double cost, int prev, double estimate);
    const RoadGraph &m_graph;
    std::vector<double> m_cost;
    std::vector<int> m_prev;
    std::vector<std::uint32_t> m_stamp;
    std::vector<std::uint32_t> m_closed;
    std::uint32_t m_generation = 0;
    std::vector<std::pair<double, int>> m_heap;
};

} // namespace opsdeck::core::geo
