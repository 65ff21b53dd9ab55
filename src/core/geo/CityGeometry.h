#pragma once

#include "GeoMath.h"
#include "RoadGraph.h"

#include <QString>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

class QByteArray;

namespace opsdeck::core::geo {

struct Road {
    RoadClass roadClass = RoadClass::Street;
    std::string name;
    std::vector<LatLng> points; // polyline, at least two points
};

// A delivery zone as drawn in the file.
struct Zone {
    std::string depotId;
    std::string name;
    Polygon area;
};

struct Depot {
    std::string id;       // "BJ-CY-01"
    std::string name;     // "朝阳团结湖站"
    std::string district; // "朝阳区" (empty when the file has none)
    LatLng position;
    int node = -1; // nearest road node
    std::string zoneName;
    // Its delivery zone. A depot without a drawn zone gets a 2 km square around it, so
    // there is always somewhere its customers live and its riders belong (zoneDrawn false;
    // zones() lists only the drawn ones, which is what the map draws and alerts check).
    Polygon zone;
    bool zoneDrawn = false;
};

struct Merchant {
    std::string id;
    std::string name;
    std::string channel; // fresh | campus | errand
    std::string depot;   // the file's, else the depot whose zone it lies in
    LatLng position;
    int node = -1; // nearest road node
};

// A route between two arbitrary points: the start, where it meets the road, the road
// nodes passed, where it leaves the road, the goal.
struct Route {
    std::vector<LatLng> points; // empty when there is no path
    double metres = -1.0;       // along the road, from the first road point to the last
    bool found() const { return !points.empty(); }
};

// The city: depots, delivery zones, roads and merchants of one GeoJSON
// FeatureCollection (resources/city, gen_city.py), loaded once and shared by the
// simulator, the map, geofences and alert zones. Immutable after loading: share it with
// shared_ptr<const>; every query is const and thread-safe.
//
// Features are told apart by properties.kind: "road" (LineString, properties class and
// name), "zone" (Polygon, properties depot and name), "depot" and "merchant" (Point).
class CityGeometry final
{
public:
    // Null with *error set when the JSON is unusable or holds nothing usable. Features it
    // cannot read (bad coordinates, too few points, unknown kind) are skipped and counted
    // in skippedFeatures(), never fatal.
    static std::shared_ptr<const CityGeometry> fromGeoJson(const QByteArray &json, QString *error = nullptr);
    // A file or resource path; null with *error set when it cannot be read or parsed.
    static std::shared_ptr<const CityGeometry> load(const QString &path, QString *error = nullptr);
    // The city compiled into opsdeck_core (the one opsfeed simulates and the map draws),
    // parsed on first use and shared by every caller afterwards.
    static std::shared_ptr<const CityGeometry> builtIn();
    // Resource path of the built-in file (registers the resource first).
    static QString builtInPath();

    const RoadGraph &graph() const { return m_graph; }
    const std::vector<Road> &roads() const { return m_roads; }
    const std::vector<Zone> &zones() const { return m_zones; }
    const std::vector<Depot> &depots() const { return m_depots; }
    const std::vector<Merchant> &merchants() const { return m_merchants; }
    int skippedFeatures() const { return m_skipped; }

    const Depot *findDepot(std::string_view id) const;
    // The first depot (file order) whose zone contains p, or null outside every zone.
    const Depot *depotWhoseZoneContains(LatLng p) const;
    // The nearest depot as the crow flies (null without depots); *metres gets the distance.
    const Depot *nearestDepot(LatLng p, double *metres = nullptr) const;
    int nearestNode(LatLng p) const { return m_graph.nearestNode(p); }
    // Shortest path along the roads between two points anywhere: each is snapped to the
    // nearest point of the nearest road edge rather than to the nearest node, which keeps a
    // route on the road a rider is on (a node of a parallel street can be nearer than
    // either end of a long block).
    Route route(LatLng from, LatLng to) const;

private:
    struct Reader;
    void resolve();

    RoadGraph m_graph;
    std::vector<Road> m_roads;
    std::vector<Zone> m_zones;
    std::vector<Depot> m_depots;
    std::vector<Merchant> m_merchants;
    int m_skipped = 0;
};

} // namespace opsdeck::core::geo
