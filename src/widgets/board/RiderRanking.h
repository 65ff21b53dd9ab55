#pragma once

#include "core/geo/RoadGraph.h"
#include "widgets/WidgetsExport.h"

#include <QHash>
#include <QString>

#include <memory>
#include <vector>

namespace opsdeck::sdk {
struct OrderRow;
}

namespace opsdeck::widgets {

class BoardModel;
class CityBaseMap;

// Metres along the roads from one point (an order's pickup) to anywhere in the city: one
// Dijkstra over the road graph when an order is aimed at, then each rider is snapped to
// their road (a scan of the edges, a few thousand) and read off. The city is the one the
// map already loaded (passed in), never parsed again here.
class OPSDECK_WIDGETS_EXPORT RoadDistances final
{
public:
    RoadDistances() = default;
    RoadDistances(std::shared_ptr<const CityBaseMap> city, double lat, double lng);

    bool valid() const { return !m_metres.empty(); }
    // Negative when unknown (no city, no position, no road between).
    double metresTo(double lat, double lng) const;

    // Where an order is picked up: its merchant when the city knows it, else its depot;
    // false when the city knows neither.
    static bool pickupOf(const CityBaseMap &city, const sdk::OrderRow &order, double *lat, double *lng);

private:
    std::shared_ptr<const CityBaseMap> m_city;
    core::geo::RoadPoint m_from;
    std::vector<double> m_metres; // per road node; infinity where unreachable
};

// Active (not final) orders per rider id: a rider's current load.
OPSDECK_WIDGETS_EXPORT QHash<QString, int> activeLoads(const BoardModel &model);

} // namespace opsdeck::widgets
