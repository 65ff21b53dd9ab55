#include "RoadGraph.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

namespace opsdeck::core::geo {

int RoadGraph::addNode(LatLng position)
{
    const auto key = std::make_pair(std::llround(position.lat * 1e6), std::llround(position.lng * 1e6));
    const auto it = m_nodeByCoord.find(key);
    if (it != m_nodeByCoord.end())
        return it->second;
    const int id = static_cast<int>(m_nodes.size());
    m_nodes.push_back(position);
    m_nodeByCoord.emplace(key, id);
    return id;
}

void RoadGraph::addEdge(int a, int b, RoadClass roadClass, const std::string &name)
{
    if (a == b)
        return;
    auto [it, inserted] = m_nameIndex.try_emplace(name, static_cast<int>(m_names.size()));
    if (inserted)
        m_names.push_back(name);
    m_raw.push_back({a, b, roadClass, it->second});
}

void RoadGraph::finalize()
{
    const std::size_t n = m_nodes.size();
    std::vector<int> degree(n + 1, 0);
    for (const RawEdge &e : m_raw) {
        ++degree[static_cast<std::size_t>(e.a)];
        ++degree[static_cast<std::size_t>(e.b)];
    }
    m_offsets.assign(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i)
        m_offsets[i + 1] = m_offsets[i] + degree[i];
    m_edges.assign(static_cast<std::size_t>(m_offsets[n]), RoadEdge{});
    std::vector<int> fill(m_offsets.begin(), m_offsets.end() - 1);
    m_axisAligned = true;
    for (const RawEdge &e : m_raw) {
        const LatLng pa = m_nodes[static_cast<std::size_t>(e.a)], pb = m_nodes[static_cast<std::size_t>(e.b)];
        const auto len = static_cast<float>(distanceMetres(pa, pb));
        if (std::abs(pa.lat - pb.lat) > 1e-7 && std::abs(pa.lng - pb.lng) > 1e-7)
            m_axisAligned = false;
        m_edges[static_cast<std::size_t>(fill[static_cast<std::size_t>(e.a)]++)] = {e.b, len, e.roadClass, e.nameIndex};
        m_edges[static_cast<std::size_t>(fill[static_cast<std::size_t>(e.b)]++)] = {e.a, len, e.roadClass, e.nameIndex};
    }
    m_raw.clear();
    m_raw.shrink_to_fit();

    if (n == 0)
        return;
    m_min = m_max = m_nodes.front();
    for (const LatLng &p : m_nodes) {
        m_min.lat = std::min(m_min.lat, p.lat);
        m_min.lng = std::min(m_min.lng, p.lng);
        m_max.lat = std::max(m_max.lat, p.lat);
        m_max.lng = std::max(m_max.lng, p.lng);
    }
    // One far-off point (a typo in a city file, an island) would otherwise size the grid
    // by the whole bounding box: billions of cells, past int. Coarser cells keep the index
    // bounded; nearestNode still searches ring by ring until nothing nearer can exist.
    constexpr double kMaxCells = 1 << 18;
    while (((m_max.lng - m_min.lng) / m_cellDeg + 1) * ((m_max.lat - m_min.lat) / m_cellDeg + 1) > kMaxCells)
        m_cellDeg *= 2;
    m_cols = static_cast<int>((m_max.lng - m_min.lng) / m_cellDeg) + 1;
    m_rows = static_cast<int>((m_max.lat - m_min.lat) / m_cellDeg) + 1;
    m_cells.assign(static_cast<std::size_t>(m_cols) * static_cast<std::size_t>(m_rows), {});
    for (std::size_t i = 0; i < n; ++i) {
        const int c = static_cast<int>((m_nodes[i].lng - m_min.lng) / m_cellDeg);
        const int r = static_cast<int>((m_nodes[i].lat - m_min.lat) / m_cellDeg);
        m_cells[static_cast<std::size_t>(r * m_cols + c)].push_back(static_cast<int>(i));
    }
}

std::span<const RoadEdge> RoadGraph::edges(int id) const
{
    const auto b = static_cast<std::size_t>(m_offsets[static_cast<std::size_t>(id)]);
    const auto e = static_cast<std::size_t>(m_offsets[static_cast<std::size_t>(id) + 1]);
    return {m_edges.data() + b, e - b};
}

double RoadGraph::ringLowerBoundM(LatLng p, int r0, int c0, int radius) const
{
    // Cells of ring `radius` lie outside the block of cells within radius - 1 of (r0, c0):
    // nothing in them is nearer than the block's border. Zero while p is outside the block
    // (a point beyond the grid's edge).
    if (radius <= 0)
        return 0.0;
    const double latLo = m_min.lat + (r0 - radius + 1) * m_cellDeg, latHi = m_min.lat + (r0 + radius) * m_cellDeg;
    const double lngLo = m_min.lng + (c0 - radius + 1) * m_cellDeg, lngHi = m_min.lng + (c0 + radius) * m_cellDeg;
    if (p.lat < latLo || p.lat > latHi || p.lng < lngLo || p.lng > lngHi)
        return 0.0;
    return std::min(std::min(p.lat - latLo, latHi - p.lat) * kMetresPerDegLat,
                    std::min(p.lng - lngLo, lngHi - p.lng) * kMetresPerDegLng);
}

int RoadGraph::nearestNode(LatLng p) const
{
    if (m_nodes.empty())
        return -1;
    const int c0 = std::clamp(static_cast<int>((p.lng - m_min.lng) / m_cellDeg), 0, m_cols - 1);
    const int r0 = std::clamp(static_cast<int>((p.lat - m_min.lat) / m_cellDeg), 0, m_rows - 1);
    int best = -1;
    double bestD = std::numeric_limits<double>::max();
    // Grow the search ring until no cell further out can hold a nearer node (a fixed
    // "one more ring" is not enough: cells are not square in metres, and far from the
    // roads the first hit can be several rings away from the nearest node).
    for (int radius = 0; radius < std::max(m_cols, m_rows); ++radius) {
        if (best >= 0 && ringLowerBoundM(p, r0, c0, radius) > bestD)
            break;
        // Only the ring's cells inside the grid: its top and bottom rows whole, its two ends
        // on the rows between. Walking the whole square each time made a point beside a long,
        // thin grid (one road across the map) cost cols^3.
        for (int r = std::max(r0 - radius, 0); r <= std::min(r0 + radius, m_rows - 1); ++r) {
            const bool edgeRow = r == r0 - radius || r == r0 + radius;
            const int first = edgeRow ? std::max(c0 - radius, 0) : c0 - radius;
            const int last = edgeRow ? std::min(c0 + radius, m_cols - 1) : c0 + radius;
            const int step = edgeRow ? 1 : 2 * radius;
            for (int c = first; c <= last; c += step) {
                if (c < 0 || c >= m_cols)
                    continue;
                for (int id : m_cells[static_cast<std::size_t>(r) * static_cast<std::size_t>(m_cols) + static_cast<std::size_t>(c)]) {
                    const double d = distanceMetres(p, m_nodes[static_cast<std::size_t>(id)]);
                    if (d < bestD) {
                        bestD = d;
                        best = id;
                    }
                }
            }
        }
    }
    return best;
}

RoadPoint RoadGraph::snapToRoad(LatLng p) const
{
    RoadPoint best;
    best.offsetM = std::numeric_limits<double>::max();
    for (int a = 0; a < nodeCount(); ++a) {
        for (const RoadEdge &e : edges(a)) {
            if (e.to < a)
                continue; // each undirected edge once
            const double t = projectOntoSegment(p, node(a), node(e.to));
            const LatLng onRoad = interpolate(node(a), node(e.to), t);
            const double d = distanceMetres(p, onRoad);
            if (d < best.offsetM)
                best = {a, e.to, t, onRoad, d};
        }
    }
    return best;
}

double RoadGraph::distanceToNetwork(LatLng p) const
{
    double best = std::numeric_limits<double>::max();
    for (int a = 0; a < nodeCount(); ++a) {
        for (const RoadEdge &e : edges(a)) {
            if (e.to < a)
                continue;
            best = std::min(best, distanceToSegmentMetres(p, node(a), node(e.to)));
        }
    }
    return best;
}

int RoadGraph::reachableCount(int from) const
{
    std::vector<char> seen(m_nodes.size(), 0);
    std::vector<int> stack{from};
    seen[static_cast<std::size_t>(from)] = 1;
    int count = 0;
    while (!stack.empty()) {
        const int v = stack.back();
        stack.pop_back();
        ++count;
        for (const RoadEdge &e : edges(v)) {
            if (!seen[static_cast<std::size_t>(e.to)]) {
                seen[static_cast<std::size_t>(e.to)] = 1;
                stack.push_back(e.to);
            }
        }
    }
    return count;
}

PathFinder::PathFinder(const RoadGraph &graph)
    : m_graph(graph)
    , m_cost(static_cast<std::size_t>(graph.nodeCount()), 0.0)
    , m_prev(static_cast<std::size_t>(graph.nodeCount()), -1)
    , m_stamp(static_cast<std::size_t>(graph.nodeCount()), 0)
    , m_closed(static_cast<std::size_t>(graph.nodeCount()), 0)
{
}

double PathFinder::heuristic(int a, int b) const
{
    return heuristic(a, m_graph.node(b));
}

double PathFinder::heuristic(int a, LatLng goal) const
{
    const LatLng pa = m_graph.node(a);
    if (m_graph.axisAligned()) // slightly under 1 so float edge lengths never break admissibility
        return (std::abs(dxMetres(pa, goal)) + std::abs(dyMetres(pa, goal))) * 0.999;
    return distanceMetres(pa, goal);
}

std::uint32_t PathFinder::nextGeneration()
{
    if (++m_generation == 0) { // wrapped: reset stamps once every 4 billion searches
        std::fill(m_stamp.begin(), m_stamp.end(), 0);
        std::fill(m_closed.begin(), m_closed.end(), 0);
        m_generation = 1;
    }
    m_heap.clear();
    return m_generation;
}

void PathFinder::relax(int v, double cost, int prev, double estimate)
{
    const auto vi = static_cast<std::size_t>(v);
    if (m_stamp[vi] == m_generation && cost >= m_cost[vi])
        return;
    m_stamp[vi] = m_generation;
    m_cost[vi] = cost;
    m_prev[vi] = prev;
    m_heap.emplace_back(estimate, v);
    std::push_heap(m_heap.begin(), m_heap.end(), std::greater<std::pair<double, int>>());
}

double PathFinder::shortestPath(int from, int to, std::vector<int> &path)
{
    path.clear();
    if (from < 0 || to < 0)
        return -1.0;
    if (from == to) {
        path.push_back(from);
        return 0.0;
    }
    const std::uint32_t gen = nextGeneration();
    auto cmp = std::greater<std::pair<double, int>>();
    relax(from, 0.0, -1, heuristic(from, to));
    while (!m_heap.empty()) {
        std::pop_heap(m_heap.begin(), m_heap.end(), cmp);
        const int v = m_heap.back().second;
        m_heap.pop_back();
        const auto vi = static_cast<std::size_t>(v);
        if (m_closed[vi] == gen)
            continue;
        m_closed[vi] = gen;
        if (v == to)
            break;
        for (const RoadEdge &e : m_graph.edges(v)) {
            if (m_closed[static_cast<std::size_t>(e.to)] == gen)
                continue;
            const double c = m_cost[vi] + e.lengthM;
            relax(e.to, c, v, c + heuristic(e.to, to));
        }
    }
    const auto t = static_cast<std::size_t>(to);
    if (m_closed[t] != gen)
        return -1.0;
    for (int v = to; v != -1; v = m_prev[static_cast<std::size_t>(v)])
        path.push_back(v);
    std::reverse(path.begin(), path.end());
    return m_cost[t];
}

double PathFinder::shortestPath(const RoadPoint &from, const RoadPoint &to, std::vector<int> &path)
{
    path.clear();
    if (!from.valid() || !to.valid())
        return -1.0;
    const double startLen = distanceMetres(m_graph.node(from.a), m_graph.node(from.b));
    const double goalLen = distanceMetres(m_graph.node(to.a), m_graph.node(to.b));
    const std::uint32_t gen = nextGeneration();
    auto cmp = std::greater<std::pair<double, int>>();
    // Both points on one edge: straight along it, unless going round is shorter.
    double best = std::numeric_limits<double>::infinity();
    int bestEnd = -1;
    if ((from.a == to.a && from.b == to.b) || (from.a == to.b && from.b == to.a))
        best = std::abs((from.a == to.a ? to.t : 1.0 - to.t) - from.t) * startLen;
    relax(from.a, from.t * startLen, -1, from.t * startLen + heuristic(from.a, to.position));
    relax(from.b, (1.0 - from.t) * startLen, -1, (1.0 - from.t) * startLen + heuristic(from.b, to.position));
    while (!m_heap.empty()) {
        std::pop_heap(m_heap.begin(), m_heap.end(), cmp);
        const auto [f, v] = m_heap.back();
        m_heap.pop_back();
        if (f >= best)
            break; // the estimate never overestimates: nothing left in the heap can win
        const auto vi = static_cast<std::size_t>(v);
        if (m_closed[vi] == gen)
            continue;
        m_closed[vi] = gen;
        // Reaching an end of the goal edge is one way in; the other end may be better.
        if (v == to.a || v == to.b) {
            const double total = m_cost[vi] + (v == to.a ? to.t : 1.0 - to.t) * goalLen;
            if (total < best) {
                best = total;
                bestEnd = v;
            }
        }
        for (const RoadEdge &e : m_graph.edges(v)) {
            if (m_closed[static_cast<std::size_t>(e.to)] == gen)
                continue;
            const double c = m_cost[vi] + e.lengthM;
            relax(e.to, c, v, c + heuristic(e.to, to.position));
        }
    }
    if (!std::isfinite(best))
        return -1.0;
    for (int v = bestEnd; v != -1; v = m_prev[static_cast<std::size_t>(v)])
        path.push_back(v);
    std::reverse(path.begin(), path.end());
    return best;
}

} // namespace opsdeck::core::geo
