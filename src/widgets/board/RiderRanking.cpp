#include "RiderRanking.h"

#include "BoardModel.h"
#include "core/geo/CityGeometry.h"
#include "sdk/Rows.h"
#include "widgets/map/CityBaseMap.h"

#include <functional>
#include <limits>
#include <queue>

namespace opsdeck::widgets {

namespace geo = core::geo;

RoadDistances::RoadDistances(std::shared_ptr<const CityBaseMap> city, double lat, double lng) : m_city(std::move(city))
{
    if (!m_city)
        return;
    const geo::RoadGraph &graph = m_city->geometry().graph();
    // From the point of the road nearest the pickup, both ways along its edge.
    m_from = graph.snapToRoad({lat, lng});
    if (!m_from.valid())
        return;
    constexpr double kInf = std::numeric_limits<double>::infinity();
    m_metres.assign(static_cast<std::size_t>(graph.nodeCount()), kInf);
    using Item = std::pair<double, int>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> open;
    for (const int end : {m_from.a, m_from.b}) {
        const double cost = m_from.offsetM + geo::distanceMetres(m_from.position, graph.node(end));
        if (cost < m_metres[static_cast<std::size_t>(end)]) {
            m_metres[static_cast<std::size_t>(end)] = cost;
            open.emplace(cost, end);
        }
    }
    while (!open.empty()) {
        const auto [cost, node] = open.top();
        open.pop();
        if (cost > m_metres[static_cast<std::size_t>(node)])
            continue; // a stale entry
        for (const geo::RoadEdge &edge : graph.edges(node)) {
            const double next = cost + edge.lengthM;
            if (next < m_metres[static_cast<std::size_t>(edge.to)]) {
                m_metres[static_cast<std::size_t>(edge.to)] = next;
                open.emplace(next, edge.to);
            }
        }
    }
}

double RoadDistances::metresTo(double lat, double lng) const
{
    if (!valid() || (lat == 0.0 && lng == 0.0))
        return -1.0; // no fix yet
    const geo::RoadGraph &graph = m_city->geometry().graph();
    const geo::RoadPoint at = graph.snapToRoad({lat, lng});
    if (!at.valid())
        return -1.0;
    double best = std::numeric_limits<double>::infinity();
    for (const int end : {at.a, at.b})
        best = std::min(best, m_metres[static_cast<std::size_t>(end)] + geo::distanceMetres(at.position, graph.node(end)));
    const bool sameEdge = (at.a == m_from.a && at.b == m_from.b) || (at.a == m_from.b && at.b == m_from.a);
    if (sameEdge) // straight along the one block, without going round by a corner
        best = std::min(best, m_from.offsetM + geo::distanceMetres(at.position, m_from.position));
    return best == std::numeric_limits<double>::infinity() ? -1.0 : best + at.offsetM;
}

bool RoadDistances::pickupOf(const CityBaseMap &city, const sdk::OrderRow &order, double *lat, double *lng)
{
    const geo::CityGeometry &geometry = city.geometry();
    const std::string merchant = order.merchantId.toStdString();
    for (const geo::Merchant &m : geometry.merchants())
        if (m.id == merchant) {
            *lat = m.position.lat;
            *lng = m.position.lng;
            return true;
        }
    if (const geo::Depot *depot = geometry.findDepot(order.depot.toStdString())) {
        *lat = depot->position.lat;
        *lng = depot->position.lng;
        return true;
    }
    return false;
}

QHash<QString, int> activeLoads(const BoardModel &model)
{
    QHash<QString, int> loads;
    for (int row = 0; row < model.rowCount(); ++row) {
        const sdk::OrderRow &o = model.card(row).row;
        if (!o.riderId.isEmpty() && !sdk::isFinalState(o.state))
            ++loads[o.riderId];
    }
    return loads;
}

} // namespace opsdeck::widgets
