#include "RoadGraph.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

namespace opsdeck::sim {

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
    m_cols = static_cast<int>((m_max.lng - m_min.lng) / m_cellDeg) + 1;
    m_rows = static_cast<int>((m_max.lat - m_min.lat) / m_cellDeg) + 1;
    m_cells.assign(static_cast<std::size_t>(m_cols * m_rows), {});
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

int RoadGraph::nearestNode(LatLng p) const
{
    if (m_nodes.empty())
        return -1;
    const int c0 = std::clamp(static_cast<int>((p.lng - m_min.lng) / m_cellDeg), 0, m_cols - 1);
    const int r0 = std::clamp(static_cast<int>((p.lat - m_min.lat) / m_cellDeg), 0, m_rows - 1);
    int best = -1;
    double bestD = std::numeric_limits<double>::max();
    // Grow the search ring until a hit is found, then one more ring to be sure.
    for (int radius = 0, extra = -1; radius < std::max(m_cols, m_rows) && extra != 0; ++radius) {
        for (int r = r0 - radius; r <= r0 + radius; ++r) {
            for (int c = c0 - radius; c <= c0 + radius; ++c) {
                if (r < 0 || c < 0 || r >= m_rows || c >= m_cols)
                    continue;
                if (std::max(std::abs(r - r0), std::abs(c - c0)) != radius)
                    continue;
                for (int id : m_cells[static_cast<std::size_t>(r * m_cols + c)]) {
                    const double d = distanceMetres(p, m_nodes[static_cast<std::size_t>(id)]);
                    if (d < bestD) {
                        bestD = d;
                        best = id;
                    }
                }
            }
        }
        if (best >= 0)
            extra = extra < 0 ? 1 : extra - 1;
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
    const LatLng pa = m_graph.node(a), pb = m_graph.node(b);
    if (m_graph.axisAligned()) // slightly under 1 so float edge lengths never break admissibility
        return (std::abs(dxMetres(pa, pb)) + std::abs(dyMetres(pa, pb))) * 0.999;
    return distanceMetres(pa, pb);
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
    if (++m_generation == 0) { // wrapped: reset stamps once every 4 billion searches
        std::fill(m_stamp.begin(), m_stamp.end(), 0);
        std::fill(m_closed.begin(), m_closed.end(), 0);
        m_generation = 1;
    }
    const std::uint32_t gen = m_generation;
    auto cmp = std::greater<std::pair<double, int>>();
    m_heap.clear();
    const auto f = static_cast<std::size_t>(from);
    m_cost[f] = 0.0;
    m_prev[f] = -1;
    m_stamp[f] = gen;
    m_heap.emplace_back(heuristic(from, to), from);
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
            const auto wi = static_cast<std::size_t>(e.to);
            if (m_closed[wi] == gen)
                continue;
            const double c = m_cost[vi] + e.lengthM;
            if (m_stamp[wi] != gen || c < m_cost[wi]) {
                m_stamp[wi] = gen;
                m_cost[wi] = c;
                m_prev[wi] = v;
                m_heap.emplace_back(c + heuristic(e.to, to), e.to);
                std::push_heap(m_heap.begin(), m_heap.end(), cmp);
            }
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

} // namespace opsdeck::sim
